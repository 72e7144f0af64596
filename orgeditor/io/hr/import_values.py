"""How the import reads one cell: roles from titles, team kinds from names, pipeline shares,
defused formulas, and the words that mean "no manager".

These are the rules of :mod:`orgeditor.io.hr.hr_import` that look at a single text; they are
documented for users in ``docs/import.md``.
"""

from __future__ import annotations

import re
from typing import TypeVar

from orgeditor.io.hr.cell_lists import split_shared_names
from orgeditor.io.hr.columns import normalise
from orgeditor.model.entities import STANDARD_TEAM_KINDS, Role
from orgeditor.model.vocabulary import title_role

__all__ = [
    "KIND_WORDS",
    "NO_MANAGER",
    "OPEN_NAMES",
    "first_match",
    "infer_role",
    "infer_team_kind",
    "parse_pipelines",
    "split_share",
    "undefuse",
]

_T = TypeVar("_T")

NO_MANAGER = frozenset({"", "-", "--", "none", "null", "n/a", "na", "nil", "—"})
_DANGEROUS = "=+-@\t\r"

OPEN_NAMES = frozenset(
    {"tbh", "tbd", "vacant", "vacancy", "open", "open position", "open role", "to be hired"}
)

_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("data-operations", re.compile(r"data[\s-]*op|labell?ing|annotation|data quality")),
    ("modeling", re.compile(r"modell?ing|applied[\s-]*scien")),
    ("deployment", re.compile(r"deployment|serving|ml[\s-]*ops\b|mlops")),
    ("tooling", re.compile(r"tooling|\btools\b")),
    (
        "infrastructure",
        re.compile(r"ml[\s-]*platform|infrastructure|\binfra\b|data engineering|data platform"),
    ),
)


def infer_role(title: str, name: str = "") -> Role:
    """The role a title suggests (before looking at reports)."""
    if name and name.strip().casefold() in OPEN_NAMES:
        return Role.OPEN
    return title_role(title)


def first_match(rules: tuple[tuple[_T, re.Pattern[str]], ...], text: str, default: _T) -> _T:
    """The value of the first rule whose pattern is found in ``text``, else ``default``."""
    for value, pattern in rules:
        if pattern.search(text):
            return value
    return default


def infer_team_kind(name: str) -> str:
    """The standard kind a team name makes clear (``"Labeling"`` -> ``data-operations``)."""
    return first_match(_KIND_RULES, name.casefold(), "")


def undefuse(value: str) -> str:
    """Undo the export's formula defusing: ``"'=x"`` -> ``"=x"`` (see ``csv_export.defuse``)."""
    if value[:1] == "'":
        stripped = value.lstrip("'")
        if stripped[:1] and stripped[0] in _DANGEROUS:
            return value[1:]
    return value


#: the largest share a placement can hold (percent); larger ones are typos
MAX_SHARE = 1000.0
_SHARE = re.compile(r"^(.*?)\s*:\s*(\d+(?:[.,]\d+)?)\s*%?\s*$", re.DOTALL)
_SHARE_ONLY = re.compile(r"^(\d+(?:[.,]\d+)?)\s*%?$")
KIND_WORDS = {normalise(k): k for k in STANDARD_TEAM_KINDS}


_SPLIT_CACHE: dict[str, tuple[str, float | None]] = {}


def parse_pipelines(text: str) -> tuple[list[tuple[str, int]], list[str]]:
    """``"A:60%; B; C"`` -> ``([("A", 60), ("B", 20), ("C", 20)], [])`` and repeated names.

    Shares left out split what the given ones leave of 100%.
    """
    wanted: dict[str, float | None] = {}
    repeated: list[str] = []
    for name, share in _pipeline_items(text):
        if name in wanted:
            repeated.append(name)
            old = wanted[name]
            wanted[name] = None if old is None or share is None else old + share
            continue
        wanted[name] = share
    given = sum(s for s in wanted.values() if s is not None)
    free = [n for n, s in wanted.items() if s is None]
    rest = max(0.0, 100.0 - given) / len(free) if free else 0.0
    return [(n, round(s if s is not None else rest)) for n, s in wanted.items()], repeated


def _pipeline_items(text: str) -> list[tuple[str, float | None]]:
    """The (name, share) items of a cell, shares in percent or None where left out.

    Names the CSV export escaped (``Fraud\\:40%``, ``Ranking\\; ads``) come back whole.
    """
    if "\\" not in text:
        items = []
        for part in text.split(";"):
            part = part.strip()
            if not part:
                continue
            split = _SPLIT_CACHE.get(part)
            if split is None:
                if len(_SPLIT_CACHE) > 4096:
                    _SPLIT_CACHE.clear()
                split = _SPLIT_CACHE[part] = split_share(part)
            items.append(split)
        return items
    out: list[tuple[str, float | None]] = []
    for name, share_text in split_shared_names(text):
        if share_text is None:
            out.append((name, None))
            continue
        m = _SHARE_ONLY.match(share_text)
        if m:
            out.append((name, _share_value(m.group(1))))
        else:  # the colon was part of the name
            out.append((f"{name}:{share_text}", None))
    return out


def _share_value(text: str) -> float:
    share = float(text.replace(",", "."))
    # a share of 400 digits is a typo, not a number: kept as the largest share the org
    # holds, so that the allocation check reports it (and nothing overflows)
    return share if share <= MAX_SHARE else MAX_SHARE


def split_share(part: str) -> tuple[str, float | None]:
    """``"Feed ranking:60%"`` -> ``("Feed ranking", 60.0)``; ``"Feed"`` -> ``("Feed", None)``."""
    m = _SHARE.match(part)
    if m and m.group(1):
        return m.group(1), _share_value(m.group(2))
    return part, None
