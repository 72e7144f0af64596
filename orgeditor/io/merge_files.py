"""Merging three ``.orgchart`` files (:mod:`orgeditor.model.merge` on their data).

The inputs are read as data, not as orgs (three 20,000-person orgs would cost three full
loads); the merged data is then built into an org, which checks every type and reference,
and saved in the file's stable form. If the result does not build, one of the inputs was
not a valid file: each is then loaded in full so that the error names that file and place.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from orgeditor.io.errors import OrgFileError
from orgeditor.io.orgfile import from_data, load, read_data
from orgeditor.model.merge import MergeResult, merge_data
from orgeditor.model.org import Org

if TYPE_CHECKING:
    from orgeditor.progress import Progress

__all__ = ["merge_files"]


def merge_files(
    base: Path,
    ours: Path,
    theirs: Path,
    empty_base: bool = False,
    progress: Progress | None = None,
) -> tuple[Org, MergeResult]:
    """The merged org and what the merge did (raises :class:`OrgFileError` on a bad input).

    With ``empty_base`` an empty BASE file stands for an empty org (git hands the driver an
    empty ``%O`` when both branches added the file). ``progress`` is told each step."""

    def step(text: str) -> None:
        if progress is not None:
            progress.phase(text)

    datas = []
    for k, p in enumerate((base, ours, theirs)):
        step(f"reading {p.name}")
        if k == 0 and empty_base and base.exists() and base.stat().st_size == 0:
            from orgeditor.io.orgfile import to_data

            datas.append(to_data(Org()))
        else:
            datas.append(read_data(p))
    step("merging")
    try:
        result = merge_data(*datas)
    except (KeyError, TypeError, AttributeError, ValueError):
        _blame(base, ours, theirs)
        raise
    step("checking the merged org")
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
