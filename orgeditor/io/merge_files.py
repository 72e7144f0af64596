"""Merging three ``.orgchart`` files (:mod:`orgeditor.model.merge` on their data).

The inputs are read as data, not as orgs (three 20,000-person orgs would cost three full
loads); the merged data is then built into an org, which checks every type and reference,
and saved in the file's stable form. If the result does not build, one of the inputs was
not a valid file: each is then loaded in full so that the error names that file and place.
"""

from __future__ import annotations

from pathlib import Path

from orgeditor.io.errors import OrgFileError
from orgeditor.io.orgfile import from_data, load, read_data
from orgeditor.model.merge import MergeResult, merge_data
from orgeditor.model.org import Org

__all__ = ["merge_files"]


def merge_files(
    base: Path, ours: Path, theirs: Path, empty_base: bool = False
) -> tuple[Org, MergeResult]:
    """The merged org and what the merge did (raises :class:`OrgFileError` on a bad input).

    With ``empty_base`` an empty BASE file stands for an empty org (git hands the driver an
    empty ``%O`` when both branches added the file)."""
    if empty_base and base.exists() and base.stat().st_size == 0:
        from orgeditor.io.orgfile import to_data

        datas = [to_data(Org()), read_data(ours), read_data(theirs)]
    else:
        datas = [read_data(p) for p in (base, ours, theirs)]
    try:
        result = merge_data(*datas)
    except (KeyError, TypeError, AttributeError, ValueError):
        _blame(base, ours, theirs)
        raise
    try:
        org = from_data(result.data, ours)
    except OrgFileError:
        _blame(base, ours, theirs)
        raise
    return org, result


def _blame(*paths: Path) -> None:
    """Raise the load error of the first input that is not a valid file (if any)."""
    for p in paths:
        load(p)
