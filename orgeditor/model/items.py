"""Changes to the org's lists of records: planned steps (``org.plan``) and merge conflicts
(``org.conflicts``).

Both lists hold plain JSON records with an ``id``. Like every other edit these are small,
serialisable changes with exact inverses, so that planning a step, renaming or deleting it,
and resolving a conflict are undo steps like any other.

Examples
--------
>>> from orgeditor.model.org import Org
>>> org = Org()
>>> add = AddItem("plan", {"id": "s1", "name": "Q2 hires", "date": "2027-04-01", "changes": []}, 0)
>>> add.apply(org); [s["name"] for s in org.plan]
['Q2 hires']
>>> SetItemField("plan", "s1", "name", "Q2 hires", "Q2 hiring").apply(org); org.plan[0]["name"]
'Q2 hiring'
>>> add.inverse().apply(org); org.plan
[]
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, ClassVar

from orgeditor.model.changes import Change
from orgeditor.model.org import Org

__all__ = ["ITEM_LISTS", "AddItem", "RemoveItem", "SetItemField", "item_index"]

#: The lists of records an org holds besides its entities.
ITEM_LISTS = ("plan", "conflicts")


def _items(org: Org, name: str) -> list[dict[str, Any]]:
    if name == "plan":
        return org.plan
    if name == "conflicts":
        return org.conflicts
    raise KeyError(f"unknown list {name!r}")


def item_index(org: Org, name: str, id: str) -> int:
    """The position of the record with ``id`` in list ``name`` (``KeyError`` if absent)."""
    for i, rec in enumerate(_items(org, name)):
        if rec.get("id") == id:
            return i
    raise KeyError(f"no {name} record with id {id!r}")


@dataclass(frozen=True, slots=True)
class AddItem(Change):
    """Insert a record into ``org.plan`` or ``org.conflicts`` at ``index``."""

    name: str
    record: dict[str, Any]
    index: int
    op: ClassVar[str] = "add-item"

    def conflict(self, org: Org) -> str | None:
        """Why this cannot be applied to ``org`` (``None``: it can)."""
        items = _items(org, self.name)
        if any(r.get("id") == self.record.get("id") for r in items):
            return f"a {self.name} record with id {self.record.get('id')!r} already exists"
        if not 0 <= self.index <= len(items):
            return f"index {self.index} is outside the {self.name} list"
        return None

    def apply(self, org: Org) -> None:
        items = _items(org, self.name)
        if any(r.get("id") == self.record["id"] for r in items):
            raise ValueError(f"duplicate {self.name} id {self.record['id']!r}")
        items.insert(self.index, copy.deepcopy(self.record))

    def inverse(self) -> Change:
        return RemoveItem(self.name, self.record, self.index)

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "name": self.name, "record": self.record, "index": self.index}

    def subjects(self) -> list[tuple[str, str]]:
        return [(self.name, self.record["id"])]


@dataclass(frozen=True, slots=True)
class RemoveItem(Change):
    """Remove the record at ``index`` (its full ``record`` is kept for the inverse)."""

    name: str
    record: dict[str, Any]
    index: int
    op: ClassVar[str] = "remove-item"

    def conflict(self, org: Org) -> str | None:
        items = _items(org, self.name)
        if not 0 <= self.index < len(items) or items[self.index] != self.record:
            return f"{self.name}[{self.index}] is not the record this change removes"
        return None

    def apply(self, org: Org) -> None:
        items = _items(org, self.name)
        if items[self.index].get("id") != self.record["id"]:
            raise ValueError(f"{self.name}[{self.index}] is not {self.record['id']!r}")
        del items[self.index]

    def inverse(self) -> Change:
        return AddItem(self.name, self.record, self.index)

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "name": self.name, "record": self.record, "index": self.index}

    def subjects(self) -> list[tuple[str, str]]:
        return [(self.name, self.record["id"])]


@dataclass(frozen=True, slots=True)
class SetItemField(Change):
    """Set one key of one record from ``old`` to ``new``."""

    name: str
    id: str
    field: str
    old: Any
    new: Any
    op: ClassVar[str] = "set-item"

    def conflict(self, org: Org) -> str | None:
        try:
            now = _items(org, self.name)[item_index(org, self.name, self.id)].get(self.field)
        except KeyError:
            return f"no {self.name} record with id {self.id!r}"
        return None if now == self.old else f"{self.name} {self.id}: {self.field} changed"

    def apply(self, org: Org) -> None:
        items = _items(org, self.name)
        items[item_index(org, self.name, self.id)][self.field] = copy.deepcopy(self.new)

    def inverse(self) -> Change:
        return SetItemField(self.name, self.id, self.field, self.new, self.old)

    def to_json(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "name": self.name,
            "id": self.id,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }

    def subjects(self) -> list[tuple[str, str]]:
        return [(self.name, self.id)]
