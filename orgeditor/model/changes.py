"""Primitive, serialisable changes to an :class:`~orgeditor.model.org.Org`, each with an exact
inverse.

Every edit of an org is a list of these. They name things by id, never by object, so a
history of changes can be replayed, inverted, saved or sent elsewhere. ``apply`` mutates the
org; ``inverse()`` returns the change that undoes it. ``to_json``/``change_from_json`` give a
plain-dict form.

A change names what it replaces (the old value, the record it removes, the index it moves
from). :meth:`Change.conflict` compares that with the org as it is, so a change made for
another state of the org (a stale ``old``) is refused before anything is applied, and undo
can never land on a value the org did not hold. A change also names what it newly refers to
(:meth:`Change.references`: a manager, a team, a pipeline); ``conflict`` refuses one that
names something the org does not hold, so no checked change makes an org that its file could
not hold. (A person as their own manager is a reporting cycle, which a file may hold and the
health check reports; the document refuses it as an edit, an HR export may bring it.)
The document checks every change it is given; ``apply`` itself trusts its caller (undo, redo
and loaders replay changes that are known to fit).

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
>>> SetField("team", "t1", "name", "Research", "Labs").conflict(org)
"team t1's name is 'Modeling', not 'Research' as the change expects"
>>> SetField("team", "t1", "manager", None, "nobody").conflict(org)
"no person with id 'nobody'"
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from orgeditor.model.entities import (
    Role,
    copy_value,
    editable_fields,
    references_in,
)
from orgeditor.model.org import Org
from orgeditor.model.records import entity_from_record, entity_record, field_value, json_value

__all__ = [
    "AddEntity",
    "Change",
    "MoveEntity",
    "RemoveEntity",
    "SetField",
    "SetOrgField",
    "change_from_json",
    "change_types",
    # also importable from here, where they were first defined
    "entity_from_record",
    "entity_record",
    "not_found",
    "reference_conflict",
    "stale",
    "unknown_reference",
]

_KINDS = ("person", "team", "pipeline", "unit")
_ORDERED = ("team", "pipeline", "unit")


def stale(what: str, field: str, now: Any, expected: Any) -> str:
    return f"{what}'s {field} is {_shown(now)}, not {_shown(expected)} as the change expects"


def _shown(value: Any) -> str:
    if isinstance(value, Role):
        return repr(value.value)
    return repr(value)


def not_found(kind: str, id: str) -> str:
    return f"no {kind} with id {id!r}"


def unknown_reference(change: Change, org: Org) -> tuple[str, str] | None:
    """The first ``(kind, id)`` that ``change`` newly names and ``org`` does not hold."""
    for _field, kind, id in change.references():
        if not isinstance(id, str) or not org.has(kind, id):
            return kind, str(id)
    return None


def reference_conflict(change: Change, org: Org) -> str | None:
    """Why ``change`` names something ``org`` does not hold (``None``: it does not)."""
    unknown = unknown_reference(change, org)
    return None if unknown is None else not_found(*unknown)


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

    def conflict(self, org: Org) -> str | None:
        """Why this change does not fit ``org`` as it is (what it replaces is not there, or
        not as the change says, or what it newly names is not there), or ``None`` when it
        can be applied."""
        raise NotImplementedError

    def references(self) -> list[tuple[str, str, Any]]:
        """``(field, kind, id)`` for every entity this change newly names (a manager, a
        team, a pipeline): :meth:`conflict` refuses the change unless each exists."""
        return []


@dataclass(frozen=True, slots=True)
class AddEntity(Change):
    """Add a person, team, pipeline or org unit (``index``: position in the user order)."""

    kind: str
    record: dict[str, Any]
    index: int | None = None
    op: ClassVar[str] = "add"

    def conflict(self, org: Org) -> str | None:
        if self.kind not in _KINDS:
            return f"unknown kind of entity {self.kind!r}"
        id = self.record.get("id")
        if not isinstance(id, str) or not id:
            return f"a {self.kind} record needs an id"
        if org.has(self.kind, id):
            return f"a {self.kind} with id {id!r} already exists"
        if self.index is not None:
            if self.kind not in _ORDERED:
                return f"a {self.kind} has no place in an order"
            if not 0 <= self.index <= len(org.order_of(self.kind)):
                return f"index {self.index} is outside the {self.kind} order"
        return reference_conflict(self, org)

    def references(self) -> list[tuple[str, str, Any]]:
        return list(references_in(self.record))

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

    def conflict(self, org: Org) -> str | None:
        if self.kind not in _KINDS:
            return f"unknown kind of entity {self.kind!r}"
        id = self.record.get("id")
        if not isinstance(id, str) or not org.has(self.kind, id):
            return not_found(self.kind, str(id))
        if entity_from_record(self.kind, self.record) != org.entity(self.kind, id):
            return f"{self.kind} {id} is not as the change's record says"
        if self.kind == "person":
            if org.placements(id):
                return f"person {id} still has placements"
            if org.direct_reports(id) or org.dotted_reports(id):
                return f"person {id} still has people reporting to them"
            return None
        if self.index is not None and org.order_of(self.kind).index(id) != self.index:
            return f"{self.kind} {id} is not at index {self.index}"
        if self.kind in ("team", "pipeline"):
            at = 0 if self.kind == "team" else 1
            if any(cell[at] == id for cell in org.occupied_cells()):
                return f"{self.kind} {id} still has people"
        return None

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

    def conflict(self, org: Org) -> str | None:
        if not org.has(self.kind, self.id):
            return not_found(self.kind, self.id)
        now = getattr(org.entity(self.kind, self.id), self.field)
        if now != self.old:
            return stale(f"{self.kind} {self.id}", self.field.replace("_", " "), now, self.old)
        return reference_conflict(self, org)

    def references(self) -> list[tuple[str, str, Any]]:
        return list(references_in({self.field: self.new}))

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
            "old": json_value(self.old),
            "new": json_value(self.new),
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

    def conflict(self, org: Org) -> str | None:
        if self.kind not in _ORDERED:
            return f"a {self.kind} has no place in an order"
        order = org.order_of(self.kind)
        if self.id not in org._table(self.kind):
            return not_found(self.kind, self.id)
        now = order.index(self.id)
        if now != self.old_index:
            return stale(f"{self.kind} {self.id}", "index", now, self.old_index)
        if not 0 <= self.new_index < len(order):
            return f"index {self.new_index} is outside the {self.kind} order"
        return None

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
class SetOrgField(Change):
    """Set the org's ``name`` or one key of its ``settings`` (``field="settings.KEY"``)."""

    field: str
    old: Any
    new: Any
    op: ClassVar[str] = "org"

    def conflict(self, org: Org) -> str | None:
        now: Any
        if self.field == "name":
            now = org.name
        elif self.field.startswith("settings."):
            now = org.settings.get(self.field.removeprefix("settings."))
        else:
            return f"org has no field {self.field!r}"
        if now != self.old:
            return stale("the org", self.field, now, self.old)
        return None

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


@cache
def change_types() -> dict[str, type[Change]]:
    """Every change type by its ``op`` (the placement and item changes, defined on top of
    this module, included)."""
    from orgeditor.model.items import AddItem, RemoveItem, SetItemField
    from orgeditor.model.placements import AddPlacement, RemovePlacement, SetShare

    return {
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
            AddItem,
            RemoveItem,
            SetItemField,
        )
    }


def change_from_json(data: dict[str, Any]) -> Change:
    """Rebuild a change from :meth:`Change.to_json` output."""
    data = dict(data)
    cls = change_types()[data.pop("op")]
    if cls is SetField:
        kind, field = data["kind"], data["field"]
        data["old"] = field_value(kind, field, data["old"])
        data["new"] = field_value(kind, field, data["new"])
    return cls(**data)
