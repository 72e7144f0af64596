"""Checked reading of ``.orgchart`` data: every value's type and every reference, with the
JSON path of the first problem.

:func:`orgeditor.io.orgfile.from_data` reads teams, pipelines and people with a fast path for
well-formed files (:func:`read_records`, :func:`fast_people`: read and checked column by
column) and, when that meets anything unusual, with :class:`Reader` (and
:func:`careful_people`), which names the exact place; units always with :class:`Reader`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, repeat
from pathlib import Path
from types import NoneType
from typing import Any, TypeVar

from orgeditor.io.errors import OrgFileError
from orgeditor.model.entities import Person, Placement, Role

__all__ = [
    "PIPELINE_FIELDS",
    "TEAM_FIELDS",
    "NeedsCareful",
    "Reader",
    "careful_people",
    "check_people_refs",
    "fast_people",
    "kind_of",
    "read_records",
]

_ROLES = {r.value: r for r in Role}
_T = TypeVar("_T")


class Reader:
    """Checks types and references while building the org; errors carry a JSON path."""

    def __init__(self, path: str | Path) -> None:
        self.path = path

    def fail(self, place: str, message: str) -> OrgFileError:
        return OrgFileError(self.path, message, place)

    def obj(self, value: Any, place: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(place, f"expected an object, found {kind_of(value)}")
        return value

    def seq(self, value: Any, place: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(place, f"expected a list, found {kind_of(value)}")
        return value

    def text(self, d: dict[str, Any], key: str, place: str, default: str = "") -> str:
        v = d.get(key, default)
        if not isinstance(v, str):
            raise self.fail(f"{place}.{key}", f"expected text, found {kind_of(v)}")
        return v

    def opt(self, d: dict[str, Any], key: str, place: str) -> str | None:
        v = d.get(key)
        if v is not None and not isinstance(v, str):
            raise self.fail(f"{place}.{key}", f"expected an id (text) or null, found {kind_of(v)}")
        return v

    def strs(self, d: dict[str, Any], key: str, place: str) -> tuple[str, ...]:
        v = d.get(key, ())
        if not isinstance(v, list | tuple) or not all(isinstance(x, str) for x in v):
            raise self.fail(f"{place}.{key}", "expected a list of texts")
        return tuple(v)

    def id(self, d: dict[str, Any], place: str, seen: set[str], what: str) -> str:
        v = d.get("id")
        if not isinstance(v, str) or not v:
            raise self.fail(f"{place}.id", f"every {what} needs an id (non-empty text)")
        if v in seen:
            raise self.fail(f"{place}.id", f"duplicate {what} id {v!r}")
        seen.add(v)
        return v


def kind_of(v: Any) -> str:
    if v is None:
        return "null"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
    }.get(type(v), type(v).__name__)


#: the largest share of one placement, in percent (larger ones are typos that overflow sums)
MAX_SHARE = 1000


class NeedsCareful(Exception):
    """The fast path met something unusual: let the careful reader name it."""


def _column(rows: list[Any], key: str, default: Any = None) -> list[Any]:
    """``[row.get(key, default) for row in rows]``, looped in C (TypeError if a row is no dict).

    The fast paths read the rows column by column: the loops and checks then run in C, several
    times faster on large files than a Python loop over the rows.
    """
    return list(map(dict.get, rows, repeat(key), repeat(default)))


def _all(values: Iterable[Any], *types: type) -> bool:
    """Whether each value is exactly of one of ``types`` (a subclass, such as bool, is not)."""
    return set(map(type, values)) <= set(types)


def _truthy(values: list[Any]) -> Iterator[Any]:
    """The values that are not empty, null, 0 or false."""
    return filter(None, values)


def _unique_ids(rows: list[Any]) -> tuple[list[str], set[str]]:
    """The rows' ids, and their set: each a non-empty text, none twice."""
    try:
        ids = _column(rows, "id")
    except TypeError:  # a row that is no object
        raise NeedsCareful from None
    if not (_all(ids, str) and all(ids)):
        raise NeedsCareful
    unique = set(ids)
    if len(unique) != len(ids):
        raise NeedsCareful
    return ids, unique


#: A field read by the fast path: its key and default, ``""`` for a text, None for an id or null.
Field = tuple[str, str | None]
TEAM_FIELDS: tuple[Field, ...] = (
    ("name", ""),
    ("kind", ""),
    ("manager", None),
    ("tech_lead", None),
    ("kpi", ""),
)
PIPELINE_FIELDS: tuple[Field, ...] = (("name", ""), ("owner", None), ("tech_lead", None))
_PERSON_FIELDS: tuple[Field, ...] = (
    ("name", ""),
    ("title", ""),
    ("level", ""),
    ("team", None),
    ("manager", None),
    ("unresolved_manager", None),
)


def _checked_columns(rows: list[Any], fields: tuple[Field, ...]) -> list[list[Any]]:
    """The rows' values of ``fields``, column by column, each of its field's type."""
    try:
        columns = [_column(rows, key, default) for key, default in fields]
    except TypeError:  # a row that is no object
        raise NeedsCareful from None
    for column, (_key, default) in zip(columns, fields, strict=True):
        if not (_all(column, str) if default == "" else _all(column, str, NoneType)):
            raise NeedsCareful
    return columns


def read_records(
    r: Reader, raw: Any, table: str, what: str, make: Callable[..., _T], fields: tuple[Field, ...]
) -> tuple[list[_T], set[str]]:
    """Teams or pipelines, ``make(id, *fields)`` each, and their ids, from the list ``table``:
    a fast path for well-formed rows, else the careful reader, which names the place."""
    rows = r.seq(raw, table)
    try:
        ids, unique = _unique_ids(rows)
        return list(map(make, ids, *_checked_columns(rows, fields))), unique
    except NeedsCareful:
        pass
    unique = set()
    records = []
    for i, row in enumerate(rows):
        place = f"{table}[{i}]"
        row = r.obj(row, place)
        rid = r.id(row, place, unique, what)
        values = [
            r.text(row, key, place) if default == "" else r.opt(row, key, place)
            for key, default in fields
        ]
        records.append(make(rid, *values))
    return records, unique


def fast_people(
    raw: list[Any], team_ids: set[str], pipe_ids: set[str]
) -> tuple[list[Person], list[tuple[str, str | None, str, int]], set[str]]:
    """People, placements and person ids from well-formed data, built quickly; raises
    :class:`NeedsCareful` on anything odd.

    A false value (an empty list, object or text, a 0) of ``dotted``, ``unresolved_dotted`` or
    ``fields`` reads as none.
    """
    ids, person_ids = _unique_ids(raw)
    names, titles, levels, teams, managers, unres_managers = _checked_columns(raw, _PERSON_FIELDS)
    try:
        roles = list(map(_ROLES.__getitem__, _column(raw, "role", "ic")))
        dotted = _column(raw, "dotted")
        unres_dotted = _column(raw, "unresolved_dotted")
        fields = _column(raw, "fields")
        places = _column(raw, "placements")
        cells = list(chain.from_iterable(_truthy(places)))
        cell_teams = _column(cells, "team")
        cell_pipes = _column(cells, "pipeline")
        shares = _column(cells, "share", 100)
    except (TypeError, KeyError):  # a placement that is no object, an unknown role
        raise NeedsCareful from None
    # types first (a list where an id belongs would make the set operations below raise)
    if not (
        _all(_truthy(dotted), list)  # a text is no list: never read "p1" as ("p", "1")
        and _all(_truthy(unres_dotted), list)
        and _all(_truthy(fields), dict)
        and _all(places, list, NoneType)
        and _all(chain.from_iterable(_truthy(dotted)), str)
        and _all(chain.from_iterable(_truthy(unres_dotted)), str)
        and _all(chain.from_iterable(map(dict.values, _truthy(fields))), str)
        and _all(cell_teams, str, NoneType)
        and _all(cell_pipes, str)
        and _all(shares, int)
    ):
        raise NeedsCareful
    if (
        not set(managers) - {None} <= person_ids
        or not set(teams) - {None} <= team_ids
        or not set(chain.from_iterable(_truthy(dotted))) <= person_ids
        or not set(cell_pipes) <= pipe_ids
        or not set(cell_teams) - {None} <= team_ids
        or (shares and not 0 <= min(shares) <= max(shares) <= MAX_SHARE)
    ):
        raise NeedsCareful
    people = list(
        map(
            Person,
            ids,
            names,
            titles,
            levels,
            roles,
            teams,
            managers,
            [tuple(d) if d else () for d in dotted],
            unres_managers,
            [tuple(u) if u else () for u in unres_dotted],
            [dict(f) if f else {} for f in fields],
        )
    )
    owners = [
        pid for pid, cell_list in zip(ids, places, strict=True) if cell_list for _ in cell_list
    ]
    return people, list(zip(owners, cell_teams, cell_pipes, shares, strict=True)), person_ids


def check_people_refs(
    r: Reader, people: list[Person], places_of: list[str], person_ids: set[str]
) -> None:
    for place, person in zip(places_of, people, strict=True):
        for value, where in [(person.manager, f"{place}.manager")] + [
            (d, f"{place}.dotted[{j}]") for j, d in enumerate(person.dotted)
        ]:
            if value is not None and value not in person_ids:
                raise r.fail(where, f"no person with id {value!r} in this file")


def careful_people(
    r: Reader, raw_people: list[Any], team_ids: set[str], pipe_ids: set[str]
) -> tuple[list[Person], list[Placement], set[str]]:
    """Read people checking every value, raising an error that names the place."""
    person_ids: set[str] = set()
    people: list[Person] = []
    placements: list[Placement] = []
    places_of: list[str] = []
    for i, p in enumerate(raw_people):
        place = f"people[{i}]"
        if not isinstance(p, dict):
            raise r.fail(place, f"expected an object, found {kind_of(p)}")
        pid = r.id(p, place, person_ids, "person")
        role_text = p.get("role", "ic")
        role = _ROLES.get(role_text) if isinstance(role_text, str) else None
        if role is None:
            raise r.fail(
                f"{place}.role",
                f"unknown role {role_text!r} (one of: {', '.join(_ROLES)})",
            )
        team = r.opt(p, "team", place)
        if team is not None and team not in team_ids:
            raise r.fail(f"{place}.team", f"no team with id {team!r} in this file")
        fields = p.get("fields", {})
        if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
            raise r.fail(f"{place}.fields", "expected an object of texts")
        people.append(
            Person(
                pid,
                r.text(p, "name", place),
                r.text(p, "title", place),
                r.text(p, "level", place),
                role,
                team,
                r.opt(p, "manager", place),
                r.strs(p, "dotted", place) if "dotted" in p else (),
                r.opt(p, "unresolved_manager", place),
                r.strs(p, "unresolved_dotted", place) if "unresolved_dotted" in p else (),
                dict(fields),
            )
        )
        places_of.append(place)
        if "placements" in p:
            cells: set[tuple[str | None, str]] = set()
            for j, pl in enumerate(r.seq(p["placements"], f"{place}.placements")):
                pplace = f"{place}.placements[{j}]"
                pl = r.obj(pl, pplace)
                pteam = r.opt(pl, "team", pplace)
                pipe = pl.get("pipeline")
                if not isinstance(pipe, str):
                    raise r.fail(f"{pplace}.pipeline", "every placement needs a pipeline id")
                if pipe not in pipe_ids:
                    raise r.fail(f"{pplace}.pipeline", f"no pipeline with id {pipe!r} in this file")
                if pteam is not None and pteam not in team_ids:
                    raise r.fail(f"{pplace}.team", f"no team with id {pteam!r} in this file")
                share = pl.get("share", 100)
                if (
                    not isinstance(share, int)
                    or isinstance(share, bool)
                    or not 0 <= share <= MAX_SHARE
                ):
                    raise r.fail(
                        f"{pplace}.share", f"a share is a whole percentage from 0 to {MAX_SHARE}"
                    )
                if (pteam, pipe) in cells:
                    raise r.fail(pplace, "the same cell is listed twice for this person")
                cells.add((pteam, pipe))
                placements.append(Placement(pid, pteam, pipe, share))

    return people, placements, person_ids


#: how deeply settings may nest (the rules need two levels; a file with 500 could be read
#: but not written back)
MAX_DEPTH = 32


def check_depth(value: Any, place: str, path: str | Path) -> None:
    """Refuse values nested deeper than :data:`MAX_DEPTH` (they could not be saved again)."""
    stack: list[tuple[Any, str, int]] = [(value, place, 1)]
    while stack:
        v, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise OrgFileError(path, f"nested more than {MAX_DEPTH} levels deep", where)
        if isinstance(v, dict):
            stack.extend((x, f"{where}.{k}", depth + 1) for k, x in v.items())
        elif isinstance(v, list):
            stack.extend((x, f"{where}[{i}]", depth + 1) for i, x in enumerate(v))


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _unwritable(text: str) -> str | None:
    """Why ``text`` cannot go into our files and exports as it is, or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "text with a lone surrogate escape (such as \\ud800), which is not a character"
    m = _CONTROL.search(text)
    if m:
        return f"text with the control character U+{ord(m.group()):04X}"
    return None


def check_text_writable(data: Any, path: str | Path) -> None:
    """Refuse text that could not be written back or exported: lone surrogates, controls."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        v, where = stack.pop()
        if isinstance(v, str):
            why = _unwritable(v)
            if why:
                raise OrgFileError(path, f"{why}: remove it", where or "top level")
        elif isinstance(v, dict):
            for k, x in v.items():
                key = f"{where}.{k}" if where else str(k)
                why = _unwritable(str(k))
                if why:
                    raise OrgFileError(path, f"a key holds {why}: remove it", where or "top level")
                stack.append((x, key))
        elif isinstance(v, list):
            stack.extend((x, f"{where}[{i}]") for i, x in enumerate(v))
