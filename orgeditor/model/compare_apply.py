"""Turn a comparison's change list back into primitive edits of the old org.

:func:`edits_for` reads only :attr:`Comparison.changes` (and the old org it applies to, for the
values it replaces): applying the result to the old org gives the new one. The property test
holds this for random edit sequences, so the change list is known to miss nothing. Changes
that follow from others (a person's tech-lead roles, a team's units) are not applied again.

Only ``match="id"`` comparisons can be applied: with ``match="name"`` the two orgs name the same
person with different ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from orgeditor.model.changes import (
    AddEntity,
    Change,
    MoveEntity,
    RemoveEntity,
    SetField,
    SetOrgField,
)
from orgeditor.model.entities import Role
from orgeditor.model.org import Org
from orgeditor.model.placements import AddPlacement, RemovePlacement, SetShare

if TYPE_CHECKING:
    from orgeditor.model.compare import Comparison, Difference

__all__ = ["edits_for"]

_STRUCT_FIELD = {
    "renamed": "name",
    "kind": "kind",
    "kpi": "kpi",
    "manager": "manager",
    "owner": "owner",
    "leader": "leader",
    "tech_lead": "tech_lead",
}
#: The fields of a team, pipeline or unit record that name people or teams, and their empty
#: value: a new one is added without them, and they are set after the people arrived.
_EMPTY: dict[str, Any] = {
    "manager": None,
    "owner": None,
    "leader": None,
    "tech_lead": None,
    "teams": [],
}
_PERSON_FIELD = {"renamed": "name", "title": "title", "level": "level", "role": "role"}


def _id(ref: Any) -> str | None:
    return None if ref is None else ref["id"]


def edits_for(diff: Comparison) -> list[Change]:
    """Primitive changes turning ``diff.old`` into ``diff.new`` (see the module docstring)."""
    if diff.match != "id":
        raise ValueError("only a comparison matched by id can be applied")
    org = diff.old
    out: list[Change] = []
    structure = [c for c in diff.changes if c.subject.kind != "person" and not c.derived]
    people = [c for c in diff.changes if c.subject.kind == "person" and not c.derived]
    lines: list[Change] = []  # what names a person or a team: set once everybody is there
    for c in structure:
        if c.subject.kind == "org":
            field = "name" if c.kind == "renamed" else "settings." + c.new["key"]
            old = c.old if c.kind == "renamed" else c.old["value"]
            new = c.new if c.kind == "renamed" else c.new["value"]
            out.append(SetOrgField(field, old, new))
        elif c.kind == "added":
            rec = _structure_record(c.subject.kind, c.new)
            out.append(_structure_arrival(c.subject.kind, rec))
            lines.extend(_structure_lines(c.subject.kind, rec))
        elif c.kind == "teams":
            lines.append(
                SetField(
                    "unit",
                    c.subject.id,
                    "teams",
                    tuple(_id(t) for t in c.old),
                    tuple(_id(t) for t in c.new),
                )
            )
        elif c.kind in _STRUCT_FIELD:
            field = _STRUCT_FIELD[c.kind]
            ref = field not in ("name", "kind", "kpi")
            old = _id(c.old) if ref else c.old
            new = _id(c.new) if ref else c.new
            (lines if ref else out).append(SetField(c.subject.kind, c.subject.id, field, old, new))
    removed_people = [c for c in people if _leaves(c)]
    arrivals = [c.new for c in people if _arrives(c)]
    for d in arrivals:  # everybody new first, without lines: they may report to each other
        out.extend(_arrival(d))
    for d in arrivals:
        out.extend(_arrival_lines(d))
    out.extend(lines)
    for c in people:
        out.extend(_person_edits(org, c))
    out.extend(_field_edits(org, people))
    for c in removed_people:  # lines first: leavers may report to each other
        out.extend(_cut_lines(c.old))
    for c in removed_people:
        out.extend(_removal(c.old))
    orders = {k: list(org.order_of(k)) for k in ("team", "pipeline", "unit")}
    for c in structure:  # added ones were appended at the end
        if c.kind == "added" and c.subject.kind in orders:
            orders[c.subject.kind].append(c.subject.id)
    for c in structure:  # removed where they stand then, so that undo puts them back there
        if c.kind == "removed":
            order = orders[c.subject.kind]
            index = order.index(c.subject.id)
            order.pop(index)
            record = _structure_record(c.subject.kind, c.old)
            out.append(RemoveEntity(c.subject.kind, record, index))
    out.extend(_order_edits(org, structure))
    return out


def _arrives(c: Difference) -> bool:
    """An added person, or one who filled an open position that had another id."""
    return c.kind == "added" or (c.kind == "filled" and c.old["id"] != c.subject.id)


def _leaves(c: Difference) -> bool:
    """A removed person, or an open position that a person with another id filled."""
    return c.kind == "removed" or (c.kind == "filled" and c.old["id"] != c.subject.id)


def _structure_record(kind: str, d: dict[str, Any]) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": d["id"], "name": d["name"], "tech_lead": _id(d["tech_lead"])}
    if kind == "team":
        rec.update(kind=d["kind"], manager=_id(d["manager"]), kpi=d["kpi"])
    elif kind == "pipeline":
        rec["owner"] = _id(d["owner"])
    else:
        rec.update(leader=_id(d["leader"]), teams=[_id(t) for t in d["teams"]])
    return rec


def _structure_arrival(kind: str, rec: dict[str, Any]) -> Change:
    """A new team, pipeline or unit, naming nobody yet (see :func:`_structure_lines`)."""
    return AddEntity(kind, {k: _EMPTY.get(k, v) for k, v in rec.items()})


def _structure_lines(kind: str, rec: dict[str, Any]) -> Iterator[Change]:
    """The people and teams a new team, pipeline or unit names, once they are all there."""
    for field, empty in _EMPTY.items():
        value = rec.get(field, empty)
        if value != empty:
            yield SetField(kind, rec["id"], field, _field(empty), _field(value))


def _field(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _lines(d: Any) -> tuple[str | None, str | None]:
    """(manager id, unresolved text) of a manager value."""
    if d is None:
        return None, None
    if d["id"] is None:
        return None, d["name"]
    return d["id"], None


def _dotted(values: list[Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    ids = tuple(v["id"] for v in values if v["id"] is not None)
    unresolved = tuple(v["name"] for v in values if v["id"] is None)
    return ids, unresolved


def _person_record(d: dict[str, Any]) -> dict[str, Any]:
    manager, unresolved = _lines(d["manager"])
    dotted, unresolved_dotted = _dotted(d["dotted"])
    return {
        "id": d["id"],
        "name": d["name"],
        "title": d["title"],
        "level": d["level"],
        "role": d["role"],
        "team": _id(d["team"]),
        "manager": manager,
        "dotted": list(dotted),
        "unresolved_manager": unresolved,
        "unresolved_dotted": list(unresolved_dotted),
        "fields": dict(d["fields"]),
    }


def _placements(values: list[dict[str, Any]]) -> dict[tuple[str | None, str], int]:
    return {(_id(v["team"]), str(_id(v["pipeline"]))): v["share"] for v in values}


def _arrival(d: dict[str, Any]) -> Iterator[Change]:
    rec = _person_record(d)
    rec.update(manager=None, dotted=[])
    yield AddEntity("person", rec)
    for (team, pipeline), share in _placements(d["placements"]).items():
        yield AddPlacement(d["id"], team, pipeline, share)


def _arrival_lines(d: dict[str, Any]) -> Iterator[Change]:
    rec = _person_record(d)
    if rec["manager"] is not None:
        yield SetField("person", d["id"], "manager", None, rec["manager"])
    if rec["dotted"]:
        yield SetField("person", d["id"], "dotted", (), tuple(rec["dotted"]))


def _cut_lines(d: dict[str, Any]) -> Iterator[Change]:
    rec = _person_record(d)
    if rec["manager"] is not None:
        yield SetField("person", d["id"], "manager", rec["manager"], None)
    if rec["dotted"]:
        yield SetField("person", d["id"], "dotted", tuple(rec["dotted"]), ())


def _removal(d: dict[str, Any]) -> Iterator[Change]:
    """Placements, then the person (lines are cut, and their other reports moved)."""
    pid = d["id"]
    rec = _person_record(d)
    for (team, pipeline), share in _placements(d["placements"]).items():
        yield RemovePlacement(pid, team, pipeline, share)
    rec.update(manager=None, dotted=[])
    yield RemoveEntity("person", rec)


def _person_edits(org: Org, c: Difference) -> Iterator[Change]:
    pid = c.subject.id
    kind = c.kind
    if kind == "added":
        return  # see edits_for: arrivals come first
    if kind == "filled":
        if c.old["id"] == pid:
            p = org.people[pid]
            yield SetField("person", pid, "name", p.name, c.new["name"])
            yield SetField("person", pid, "role", p.role, Role(c.new["role"]))
    elif kind in _PERSON_FIELD:
        field = _PERSON_FIELD[kind]
        new = Role(c.new) if field == "role" else c.new
        yield SetField("person", pid, field, getattr(org.people[pid], field), new)
    elif kind == "team":
        yield SetField("person", pid, "team", _id(c.old), _id(c.new))
    elif kind == "manager":
        p = org.people[pid]
        manager, unresolved = _lines(c.new)
        yield SetField("person", pid, "manager", p.manager, manager)
        if p.unresolved_manager != unresolved:
            yield SetField("person", pid, "unresolved_manager", p.unresolved_manager, unresolved)
    elif kind == "dotted":
        p = org.people[pid]
        dotted, unresolved_dotted = _dotted(c.new)
        yield SetField("person", pid, "dotted", p.dotted, dotted)
        if p.unresolved_dotted != unresolved_dotted:
            yield SetField(
                "person", pid, "unresolved_dotted", p.unresolved_dotted, unresolved_dotted
            )
    elif kind == "placements":
        old, new = _placements(c.old), _placements(c.new)
        for (team, pipeline), share in new.items():
            if (team, pipeline) not in old:
                yield AddPlacement(pid, team, pipeline, share)
            elif old[(team, pipeline)] != share:
                yield SetShare(pid, team, pipeline, old[(team, pipeline)], share)
        for (team, pipeline), share in old.items():
            if (team, pipeline) not in new:
                yield RemovePlacement(pid, team, pipeline, share)
    elif kind == "field":
        # all field changes of a person are listed together: the first one sets them all
        pass


def _field_edits(org: Org, changes: list[Difference]) -> Iterator[Change]:
    by_person: dict[str, dict[str, Any]] = {}
    for c in changes:
        if c.kind == "field" and c.subject.kind == "person":
            by_person.setdefault(c.subject.id, {})[c.new["field"]] = c.new["value"]
    for pid, updates in by_person.items():
        old = dict(org.people[pid].fields)
        new = dict(old)
        for key, value in updates.items():
            if value is None:
                new.pop(key, None)
            else:
                new[key] = value
        yield SetField("person", pid, "fields", old, new)


def _order_edits(org: Org, structure: list[Difference]) -> Iterator[Change]:
    """Put teams, pipelines and units in the new order: entities that did not move keep their
    relative order; added and moved ones go to their new index."""
    for kind in ("team", "pipeline", "unit"):
        placed: dict[int, str] = {}
        gone: set[str] = set()
        for c in structure:
            if c.subject.kind != kind:
                continue
            if c.kind in ("added", "order"):
                placed[c.new["index"]] = c.subject.id
            elif c.kind == "removed":
                gone.add(c.subject.id)
        moving = set(placed.values())
        current = [i for i in org.order_of(kind) if i not in gone]
        for c in structure:  # added ones were appended at the end
            if c.subject.kind == kind and c.kind == "added":
                current.append(c.subject.id)
        stay = iter([i for i in current if i not in moving])
        target = [placed[k] if k in placed else next(stay) for k in range(len(current))]
        for index, eid in enumerate(target):
            at = current.index(eid)
            if at != index:
                yield MoveEntity(kind, eid, at, index)
                current.insert(index, current.pop(at))
