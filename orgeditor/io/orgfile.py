"""The ``.orgchart`` file: versioned JSON, stable order, atomic save, clear errors.

Format (version 2)::

    {
      "format": "orgeditor.orgchart",
      "version": 1,
      "name": "Acme ML",
      "settings": {...},                       # rule switches and thresholds, sorted keys
      "units":     [{"id", "name", "leader", "teams", "tech_lead"}, ...],     # user order
      "teams":     [{"id", "name", "kind", "manager", "tech_lead", "kpi"}, ...],
      "pipelines": [{"id", "name", "owner", "tech_lead"}, ...],
      "people":    [{"id", "name", "title", "level", "role", "team", "manager", "dotted",
                     "placements": [{"team", "pipeline", "share"}],
                     "unresolved_manager", "unresolved_dotted", "fields"}, ...], # id order
      "plan":      [{"id", "name", "date", "changes": [...]}, ...],  # by date; optional
      "conflicts": [{"id", "subject", "field", "base", "ours", "theirs"}, ...]  # optional
    }

Keys appear in that order; empty optional keys are left out; people are sorted by id (numbers
inside ids sort numerically) and custom fields by name, so re-saving an unchanged org gives the
same bytes and a small edit gives a small diff. Saving writes a temporary file beside the
target, flushes, fsyncs and renames it over the target (:mod:`orgeditor.io.atomic`, which
also refuses targets that are not ours to replace).
"""

from __future__ import annotations

import functools
import gc
import json
import re
from pathlib import Path
from typing import Any

from orgeditor.io.atomic import atomic_write
from orgeditor.io.errors import OrgFileError
from orgeditor.io.orgfile_checks import (
    PIPELINE_FIELDS,
    TEAM_FIELDS,
    NeedsCareful,
    Reader,
    careful_people,
    check_depth,
    check_people_refs,
    check_text_writable,
    fast_people,
    kind_of,
    read_records,
)
from orgeditor.io.orgfile_plan import (
    conflict_record,
    plan_record,
    read_conflicts,
    read_plan,
)
from orgeditor.io.reading import read_user_file
from orgeditor.model.entities import OrgUnit, Pipeline, Team
from orgeditor.model.org import Org

__all__ = ["FORMAT", "VERSION", "atomic_write", "dumps", "load", "loads", "save", "to_data"]

FORMAT = "orgeditor.orgchart"
VERSION = 2


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 added the optional ``plan`` and ``conflicts`` lists: nothing to convert."""
    return {**data, "version": 2}


#: Migrations from older versions: ``MIGRATIONS[n]`` turns version-n data into version n+1.
MIGRATIONS: dict[int, Any] = {1: _v1_to_v2}

_DIGITS = re.compile(r"([0-9]+)")
#: JSON escapes of a lone-surrogate candidate or a control character (tab, CR, LF aside)
_SUSPECT_ESCAPE = re.compile(r"\\u(?:[dD][89a-fA-F]|00[01][0-9a-fA-F]|007[fF])|\x7f")


def natural_key(text: str) -> tuple[Any, ...]:
    """Sort key putting ``p2`` before ``p10`` (digit runs of any length compare as numbers)."""
    parts = _DIGITS.split(text)
    return tuple(
        (0, len(n), n, x) if i % 2 else (1, 0, x, "")
        for i, x in enumerate(parts)
        for n in (x.lstrip("0"),)
    )


# ===================================================================== saving
#: Sort keys of team and pipeline ids (few, met once per placement).
_cell_id_key = functools.lru_cache(maxsize=4096)(natural_key)


def _cell_key(item: tuple[tuple[str | None, str], int]) -> tuple[Any, ...]:
    (team, pipe), _share = item
    return (_cell_id_key(pipe), _cell_id_key(team or ""))


def _sorted_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted_json(value[k]) for k in sorted(value)}
    if isinstance(value, list | tuple):
        return [_sorted_json(v) for v in value]
    return value


def to_data(org: Org) -> dict[str, Any]:
    """The org as plain JSON data in the file's stable order."""
    units = []
    for u in org.ordered_units():
        d: dict[str, Any] = {"id": u.id, "name": u.name}
        if u.leader is not None:
            d["leader"] = u.leader
        if u.teams:
            d["teams"] = list(u.teams)
        if u.tech_lead is not None:
            d["tech_lead"] = u.tech_lead
        units.append(d)
    teams = []
    for t in org.ordered_teams():
        d = {"id": t.id, "name": t.name}
        if t.kind:
            d["kind"] = t.kind
        if t.manager is not None:
            d["manager"] = t.manager
        if t.tech_lead is not None:
            d["tech_lead"] = t.tech_lead
        if t.kpi:
            d["kpi"] = t.kpi
        teams.append(d)
    pipelines = []
    for pl in org.ordered_pipelines():
        d = {"id": pl.id, "name": pl.name}
        if pl.owner is not None:
            d["owner"] = pl.owner
        if pl.tech_lead is not None:
            d["tech_lead"] = pl.tech_lead
        pipelines.append(d)
    people = []
    placements = org._placements
    for pid in sorted(org.people, key=natural_key):
        p = org.people[pid]
        d = {"id": pid}
        if p.name:
            d["name"] = p.name
        if p.title:
            d["title"] = p.title
        if p.level:
            d["level"] = p.level
        d["role"] = p.role.value
        if p.team is not None:
            d["team"] = p.team
        if p.manager is not None:
            d["manager"] = p.manager
        if p.dotted:
            d["dotted"] = list(p.dotted)
        places = placements.get(pid)
        if places:
            d["placements"] = [
                {"team": team, "pipeline": pipe, "share": share}
                for (team, pipe), share in sorted(places.items(), key=_cell_key)
            ]
        if p.unresolved_manager is not None:
            d["unresolved_manager"] = p.unresolved_manager
        if p.unresolved_dotted:
            d["unresolved_dotted"] = list(p.unresolved_dotted)
        if p.fields:
            d["fields"] = {k: p.fields[k] for k in sorted(p.fields)}
        people.append(d)
    out: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "name": org.name,
        "settings": _sorted_json(org.settings),
        "units": units,
        "teams": teams,
        "pipelines": pipelines,
        "people": people,
    }
    if org.plan:
        out["plan"] = [plan_record(s) for s in org.plan]
    if org.conflicts:
        out["conflicts"] = [conflict_record(c) for c in org.conflicts]
    return out


def dumps(org: Org) -> str:
    """The file's text: UTF-8 JSON, indented, ending in a newline.

    The same text as ``json.dumps(to_data(org), indent=1, ensure_ascii=False)``, written by
    :func:`orgeditor.io.fastjson.dumps_indented` (the standard encoder is pure Python when it
    indents, and three times slower).
    """
    from orgeditor.io.fastjson import dumps_indented

    return dumps_indented(to_data(org), indent=1) + "\n"


def save(org: Org, path: str | Path, *, overwrite_read_only: bool = False) -> None:
    """Write ``org`` to ``path`` atomically; on any failure the old file stays whole.

    A read-only target is refused unless ``overwrite_read_only`` (the window asks first).
    """
    path = Path(path)
    data = dumps(org).encode("utf-8")
    atomic_write(path, data, overwrite_read_only=overwrite_read_only)


# ==================================================================== loading
def load(path: str | Path) -> Org:
    """Read an ``.orgchart`` file; raises :class:`OrgFileError` naming the file and place."""
    path = Path(path)
    return loads(_read(path), path)


def _read(path: Path) -> bytes:
    return read_user_file(path, "an .orgchart file")


def loads(raw: bytes | str, path: str | Path = "<string>") -> Org:
    """Parse file content (bytes or text) into an org; ``path`` is used in messages."""
    text = _decode(raw, path)
    # Loading makes ~10 objects per person and no cycles: pausing the cyclic garbage
    # collector meanwhile saves a third of the time on large files.
    paused = gc.isenabled()
    gc.disable()
    try:
        return from_data(_json(text, path), path)
    finally:
        if paused:
            gc.enable()


def _decode(raw: bytes | str, path: str | Path) -> str:
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise OrgFileError(path, "the file is not UTF-8 text", f"line {line}") from None


def _json(text: str, path: str | Path) -> Any:
    if not text or text.isspace():  # (strip() would copy a large file to find out)
        raise OrgFileError(path, "the file is empty, not an .orgchart file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise OrgFileError(
            path, f"not valid JSON: {e.msg}", f"line {e.lineno}, column {e.colno}"
        ) from None
    except RecursionError:
        raise OrgFileError(path, "not valid JSON: nested too deeply") from None
    except ValueError as e:  # a number of more than 4,300 digits
        raise OrgFileError(path, f"a number too long to read ({str(e).split(';')[0]})") from None
    # rare: only then walk every value. The substring tests are much faster than the regex,
    # and most files hold no backslash at all: a one-character search (memchr) tells in
    # microseconds, where "\\u" in text takes a millisecond on a 1.5 MB file.
    if (("\\" in text and "\\u" in text) or "\x7f" in text) and _SUSPECT_ESCAPE.search(text):
        check_text_writable(data, path)
    return data


def upgrade(data: Any, path: str | Path = "<data>") -> dict[str, Any]:
    """Parsed file data checked for format and version, migrated to the current version."""
    r = Reader(path)
    data = r.obj(data, "top level")
    fmt = data.get("format")
    if fmt != FORMAT:
        raise r.fail("format", f"not an orgeditor file (expected format {FORMAT!r})")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise r.fail("version", "the format version must be a whole number from 1")
    if version > VERSION:
        raise r.fail(
            "version",
            f"written by a newer orgeditor (format version {version}); "
            f"this one reads up to version {VERSION}: please update orgeditor",
        )
    while version < VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return dict(data)


def read_data(path: str | Path) -> dict[str, Any]:
    """A file's parsed JSON data in the current version (no org built: for the merge)."""
    path = Path(path)
    return upgrade(_json(_decode(_read(path), path), path), path)


def from_data(data: Any, path: str | Path = "<data>") -> Org:
    """Build an org from parsed JSON data, migrating older versions."""
    r = Reader(path)
    data = upgrade(data, path)

    name = data.get("name", "")
    if not isinstance(name, str):
        raise r.fail("name", f"expected text, found {kind_of(name)}")
    org = Org(name)
    settings = data.get("settings", {})
    org.settings = dict(r.obj(settings, "settings"))
    check_depth(org.settings, "settings", path)

    # --- teams, pipelines, units: ids first so references can be checked
    teams, team_ids = read_records(r, data.get("teams", []), "teams", "team", Team, TEAM_FIELDS)
    pipes, pipe_ids = read_records(
        r, data.get("pipelines", []), "pipelines", "pipeline", Pipeline, PIPELINE_FIELDS
    )
    unit_ids: set[str] = set()
    units = []
    for i, u in enumerate(r.seq(data.get("units", []), "units")):
        place = f"units[{i}]"
        u = r.obj(u, place)
        uid = r.id(u, place, unit_ids, "org unit")
        unit = OrgUnit(
            uid,
            r.text(u, "name", place),
            leader=r.opt(u, "leader", place),
            teams=r.strs(u, "teams", place),
            tech_lead=r.opt(u, "tech_lead", place),
        )
        for j, tid in enumerate(unit.teams):
            if tid not in team_ids:
                raise r.fail(f"{place}.teams[{j}]", f"no team with id {tid!r} in this file")
        units.append(unit)

    # --- people: a fast path for good files; the careful reader finds and names any problem
    raw_people = r.seq(data.get("people", []), "people")
    try:
        people, placements, person_ids = fast_people(raw_people, team_ids, pipe_ids)
    except NeedsCareful:
        careful, _places, person_ids = careful_people(r, raw_people, team_ids, pipe_ids)
        places_of = [f"people[{i}]" for i in range(len(careful))]
        check_people_refs(r, careful, places_of, person_ids)
        raise r.fail("people", "the file is inconsistent") from None  # pragma: no cover

    # --- references to people (the place is spelt out only for an error)
    def check_person(value: str | None, table: str, i: int, key: str) -> None:
        if value is not None and value not in person_ids:
            raise r.fail(f"{table}[{i}].{key}", f"no person with id {value!r} in this file")

    for i, t in enumerate(teams):
        check_person(t.manager, "teams", i, "manager")
        check_person(t.tech_lead, "teams", i, "tech_lead")
    for i, pl in enumerate(pipes):
        check_person(pl.owner, "pipelines", i, "owner")
        check_person(pl.tech_lead, "pipelines", i, "tech_lead")
    for i, u in enumerate(units):
        check_person(u.leader, "units", i, "leader")
        check_person(u.tech_lead, "units", i, "tech_lead")

    for t in teams:
        org._add_team(t)
    for pl in pipes:
        org._add_pipeline(pl)
    for u in units:
        org._add_unit(u)
    if org._bulk_load(people, placements) != len(placements):
        careful_people(r, raw_people, team_ids, pipe_ids)  # names the cell listed twice
    org.plan = read_plan(r, data.get("plan", []))
    org.conflicts = read_conflicts(r, data.get("conflicts", []))
    return org
