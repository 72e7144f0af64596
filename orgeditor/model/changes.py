"""Primitive, serialisable changes to an :class:`~orgeditor.model.org.Org`, each with an exact
inverse.

Every edit of an org is a list of these. They name things by id, never by object, so a
history of changes can be replayed, inverted, saved or sent elsewhere. ``apply`` mutates the
org; ``inverse()`` returns the change that undoes it. ``to_json``/``change_from_json`` give a
plain-dict form.

Examples
--------
>>> from orgeditor.model.org import Org
>>> org = Org()
>>> add = AddEntity("team", {"id": "t1", "name": "Modeling"})
>>> add.apply(org)
>>> rename = SetField("team", "t1", "name", "Modeling", "Applied Science")
>>> rename.apply(org); org.teams["t1"].name
'Applied Science'
>>> rename.inverse().apply(org); org.teams["t1"].name
'Modeling'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from orgeditor.model.entities import (
    OrgUnit,
    Person,
    Pipeline,
    Placement,
    Role,
    Team,
    copy_value,
    editable_fields,
)
from orgeditor.model.org import Org

__all__ = [
    "AddEntity",
    "AddPlacement",
    "Change",
    "MoveEntity",
    "RemoveEntity",
    "RemovePlacement",
    "SetField",
    "SetOrgField",
    "SetShare",
    "change_from_json",
    "entity_from_record",
    "entity_record",
]


# ---------------------------------------------------------------- entity records
def entity_record(kind: str, ent: Any) -> dict[str, Any]:
    """A plain dict of an entity's fields (placements are not part of a person's record)."""
    if kind == "person":
        p: Person = ent
        return {
            "id": p.id,
            "name": p.name,
            "title": p.title,
            "level": p.level,
            "role": p.role.value,
            "team": p.team,
            "manager": p.manager,
            "dotted": list(p.dotted),
            "unresolved_manager": p.unresolved_manager,
            "unresolved_dotted": list(p.unresolved_dotted),
            "fields": dict(p.fields),
        }
    if kind == "team":
        t: Team = ent
        return {
            "id": t.id,
            "name": t.name,
            "kind": t.kind,
            "manager": t.manager,
            "tech_lead": t.tech_lead,
            "kpi": t.kpi,
        }
    if kind == "pipeline":
        pl: Pipeline = ent
        return {"id": pl.id, "name": pl.name, "owner": pl.owner, "tech_lead": pl.tech_lead}
    if kind == "unit":
        u: OrgUnit = ent
        return {
            "id": u.id,
            "name": u.name,
            "leader": u.leader,
            "teams": list(u.teams),
            "tech_lead": u.tech_lead,
        }
    raise KeyError(kind)


def entity_from_record(kind: str, rec: dict[str, Any]) -> Any:
    """The inverse of :func:`entity_record`; missing keys take their defaults."""
    if kind == "person":
        return Person(
            id=rec["id"],
            name=rec.get("name", ""),
            title=rec.get("title", ""),
            level=rec.get("level", ""),
            role=Role(rec.get("role", "ic")),
            team=rec.get("team"),
            manager=rec.get("manager"),
            dotted=tuple(rec.get("dotted", ())),
            unresolved_manager=rec.get("unresolved_manager"),
            unresolved_dotted=tuple(rec.get("unresolved_dotted", ())),
            fields=dict(rec.get("fields", {})),
        )
    if kind == "team":
        return Team(
            id=rec["id"],
            name=rec.get("name", ""),
            kind=rec.get("kind", ""),
            manager=rec.get("manager"),
            tech_lead=rec.get("tech_lead"),
            kpi=rec.get("kpi", ""),
        )
    if kind == "pipeline":
        return Pipeline(
            id=rec["id"],
            name=rec.get("name", ""),
            owner=rec.get("owner"),
            tech_lead=rec.get("tech_lead"),
        )
    if kind == "unit":
        return OrgUnit(
            id=rec["id"],
            name=rec.get("name", ""),
            leader=rec.get("leader"),
            teams=tuple(rec.get("teams", ())),
            tech_lead=rec.get("tech_lead"),
        )
    raise KeyError(kind)


def _json_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Role):
        return value.value
    if isinstance(value, dict):
        return dict(value)
    return value


def _field_value(kind: str, field: str, value: Any) -> Any:
    """Turn a JSON value back into the field's Python type."""
    if kind == "person" and field == "role":
        return Role(value)
    if isinstance(value, list):
        return tuple(value)
    return value


# ------------------------------------------------------------------------ changes
class Change:
    """A primitive edit. Subclasses are frozen dataclasses."""

    op: ClassVar[str] = ""

    def apply(self, org: Org) -> None:
        raise NotImplementedError

    def inverse(self) -> Change:
        raise NotImplementedError

    def to_json(self) -> dict[str, Any]:
        raise NotImplementedError

    def subjects(self) -> list[tuple[str, str]]:
        """The ``(kind, id)`` pairs this change touches, for views deciding what to redraw."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class AddEntity(Change):
    """Add a person, team, pipeline or org unit (``index``: position in the user order)."""

    kind: str
    record: dict[str, Any]
    index: int | None = None
    op: ClassVar[str] = "add"

    def apply(self, org: Org) -> None:
        ent = entity_from_record(self.kind, self.record)
        if self.kind == "person":
            org._add_person(ent)
        elif self.kind == "team":
            org._add_team(ent, self.index)
        elif self.kind == "pipeline":
            org._add_pipeline(ent, self.index)
        else:
            org._add_unit(ent, self.index)

    def inverse(self) -> Change:
        return RemoveEntity(self.kind, self.record, self.index)

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "kind": self.kind, "record": self.record, "index": self.index}

    def subjects(self) -> list[tuple[str, str]]:
        return [(self.kind, self.record["id"])]


@dataclass(frozen=True, slots=True)
class RemoveEntity(Change):
    """Remove an entity; ``record`` is its full record so the inverse can restore it.

    A person must have no placements and no reports left (remove those first, in the same
    transaction); a team or pipeline must have no people in its cells.
    """

    kind: str
    record: dict[str, Any]
    index: int | None = None
    op: ClassVar[str] = "remove"

    def apply(self, org: Org) -> None:
        id = self.record["id"]
        if self.kind == "person":
            org._remove_person(id)
        else:
            org._remove_ordered(self.kind, id)

    def inverse(self) -> Change:
        return AddEntity(self.kind, self.record, self.index)

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "kind": self.kind, "record": self.record, "index": self.index}

    def subjects(self) -> list[tuple[str, str]]:
        return [(self.kind, self.record["id"])]


@dataclass(frozen=True, slots=True)
class SetField(Change):
    """Set one field of one entity from ``old`` to ``new``."""

    kind: str
    id: str
    field: str
    old: Any
    new: Any
    op: ClassVar[str] = "set"

    def __post_init__(self) -> None:
        if self.field not in editable_fields(self.kind):
            raise ValueError(f"{self.kind} has no field {self.field!r}")

    def apply(self, org: Org) -> None:
        org._set_field(self.kind, self.id, self.field, copy_value(self.new))

    def inverse(self) -> Change:
        return SetField(self.kind, self.id, self.field, self.new, self.old)

    def to_json(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "kind": self.kind,
            "id": self.id,
            "field": self.field,
            "old": _json_value(self.old),
            "new": _json_value(self.new),
        }

    def subjects(self) -> list[tuple[str, str]]:
        return [(self.kind, self.id)]


@dataclass(frozen=True, slots=True)
class MoveEntity(Change):
    """Move a team, pipeline or unit within the user order."""

    kind: str
    id: str
    old_index: int
    new_index: int
    op: ClassVar[str] = "move"

    def apply(self, org: Org) -> None:
        org._move_ordered(self.kind, self.id, self.new_index)

    def inverse(self) -> Change:
        return MoveEntity(self.kind, self.id, self.new_index, self.old_index)

    def to_json(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "kind": self.kind,
            "id": self.id,
            "old_index": self.old_index,
            "new_index": self.new_index,
        }

    def subjects(self) -> list[tuple[str, str]]:
        return [(self.kind, self.id)]


@dataclass(frozen=True, slots=True)
class AddPlacement(Change):
    """Place a person in a cell (team x pipeline) with a share in %."""

    person: str
    team: str | None
    pipeline: str
    share: int = 100
    op: ClassVar[str] = "place"

    def apply(self, org: Org) -> None:
        org._add_placement(Placement(self.person, self.team, self.pipeline, self.share))

    def inverse(self) -> Change:
        return RemovePlacement(self.person, self.team, self.pipeline, self.share)

    def to_json(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "person": self.person,
            "team": self.team,
            "pipeline": self.pipeline,
            "share": self.share,
        }

    def subjects(self) -> list[tuple[str, str]]:
        return [("person", self.person)]


@dataclass(frozen=True, slots=True)
class RemovePlacement(Change):
    """Take a person out of a cell."""

    person: str
    team: str | None
    pipeline: str
    share: int = 100
    op: ClassVar[str] = "unplace"

    def apply(self, org: Org) -> None:
        org._remove_placement(self.person, self.team, self.pipeline)

    def inverse(self) -> Change:
        return AddPlacement(self.person, self.team, self.pipeline, self.share)

    def to_json(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "person": self.person,
            "team": self.team,
            "pipeline": self.pipeline,
            "share": self.share,
        }

    def subjects(self) -> list[tuple[str, str]]:
        return [("person", self.person)]


@dataclass(frozen=True, slots=True)
class SetShare(Change):
    """Change the share of an existing placement."""

    person: str
    team: str | None
    pipeline: str
    old: int
    new: int
    op: ClassVar[str] = "share"

    def apply(self, org: Org) -> None:
        org._set_share(self.person, self.team, self.pipeline, self.new)

    def inverse(self) -> Change:
        return SetShare(self.person, self.team, self.pipeline, self.new, self.old)

    def to_json(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "person": self.person,
            "team": self.team,
            "pipeline": self.pipeline,
            "old": self.old,
            "new": self.new,
        }

    def subjects(self) -> list[tuple[str, str]]:
        return [("person", self.person)]


@dataclass(frozen=True, slots=True)
class SetOrgField(Change):
    """Set the org's ``name`` or one key of its ``settings`` (``field="settings.KEY"``)."""

    field: str
    old: Any
    new: Any
    op: ClassVar[str] = "org"

    def apply(self, org: Org) -> None:
        if self.field == "name":
            org.name = self.new
        elif self.field.startswith("settings."):
            key = self.field.removeprefix("settings.")
            if self.new is None:
                org.settings.pop(key, None)
            else:
                org.settings[key] = self.new
        else:
            raise ValueError(f"org has no field {self.field!r}")

    def inverse(self) -> Change:
        return SetOrgField(self.field, self.new, self.old)

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "field": self.field, "old": self.old, "new": self.new}

    def subjects(self) -> list[tuple[str, str]]:
        return [("org", self.field)]


_OPS: dict[str, type[Change]] = {
    cls.op: cls
    for cls in (
        AddEntity,
        RemoveEntity,
        SetField,
        MoveEntity,
        AddPlacement,
        RemovePlacement,
        SetShare,
        SetOrgField,
    )
}


def change_from_json(data: dict[str, Any]) -> Change:
    """Rebuild a change from :meth:`Change.to_json` output."""
    data = dict(data)
    cls = _OPS[data.pop("op")]
    if cls is SetField:
        kind, field = data["kind"], data["field"]
        data["old"] = _field_value(kind, field, data["old"])
        data["new"] = _field_value(kind, field, data["new"])
    return cls(**data)
