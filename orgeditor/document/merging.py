"""Resolving merge conflicts through the Document: keep ours or take theirs, one undo step
each.

A conflict (``org.conflicts``, written by :mod:`orgeditor.model.merge`) holds ours' value in
the org already: "keep ours" only takes the conflict off the list; "take theirs" also sets
the thing to theirs' value, through the same checks as any other edit.
"""

from __future__ import annotations

import re
from typing import Any

from orgeditor.document.core import DocumentCore, EditError
from orgeditor.model.changes import AddEntity, SetField, SetOrgField
from orgeditor.model.items import AddItem, RemoveItem, SetItemField, item_index
from orgeditor.model.placements import AddPlacement, RemovePlacement, SetShare

__all__ = ["MergingMixin"]

_CELL = re.compile(r"^placements\[(.*),(.*)\]$")
_MEMBER = re.compile(r"^(dotted|teams)\[(.*)\]$")


class MergingMixin(DocumentCore):
    """Edits of ``org.conflicts``: resolving what a three-way merge left open."""

    def conflict(self, id: str) -> dict[str, Any]:
        try:
            return self.org.conflicts[item_index(self.org, "conflicts", id)]
        except KeyError:
            raise EditError(f"no merge conflict with id {id!r}") from None

    def resolve_conflict(self, id: str, take: str) -> None:
        """Resolve one conflict: ``take="ours"`` keeps the org as it is, ``"theirs"`` sets
        theirs' value; either way the conflict leaves the list (one undo step)."""
        c = self.conflict(id)
        if take not in ("ours", "theirs"):
            raise EditError(f"take must be 'ours' or 'theirs', not {take!r}")
        sub = c["subject"]
        what = f"{sub.get('name') or sub.get('id')}" + (f" {c['field']}" if c["field"] else "")
        label = f"Keep ours: {what}" if take == "ours" else f"Take theirs: {what}"
        with self.transaction(label):
            if take == "theirs":
                self._take_theirs(c)
            self.apply(RemoveItem("conflicts", c, item_index(self.org, "conflicts", id)))

    # ------------------------------------------------------------ theirs
    def _take_theirs(self, c: dict[str, Any]) -> None:
        kind, id = c["subject"]["kind"], c["subject"]["id"]
        field, theirs = c["field"], c["theirs"]
        org = self.org
        if kind == "org":
            key = "name" if field == "name" else field
            old = org.name if field == "name" else org.settings.get(field.removeprefix("settings."))
            self.apply(SetOrgField(key, old, theirs))
        elif kind == "step":
            self._take_step(id, field, theirs)
        elif field is None:
            self._take_presence(kind, id, theirs)
        elif m := _CELL.match(field):
            self._take_cell(id, m.group(1) or None, m.group(2), theirs)
        elif field.startswith("fields."):
            p = self._person(id)
            key = field.removeprefix("fields.")
            fields = {k: v for k, v in p.fields.items() if k != key}
            if theirs is not None:
                fields[key] = str(theirs)
            if fields != p.fields:
                self.apply(SetField("person", id, "fields", dict(p.fields), fields))
        elif m := _MEMBER.match(field):
            ent = org.entity(kind, id)
            current = getattr(ent, m.group(1))
            member = m.group(2)
            new = (*current, member) if theirs else tuple(x for x in current if x != member)
            if new != current:
                self.apply(
                    SetField(
                        kind, id, m.group(1), current, self._checked_value(kind, m.group(1), new)
                    )
                )
        else:
            self._require(kind, id)
            value = self._checked_value(
                kind, field, theirs if theirs is not None else _empty(field)
            )
            old = getattr(org.entity(kind, id), field)
            if old != value:
                self.apply(SetField(kind, id, field, old, value))

    def _take_cell(self, person: str, team: str | None, pipeline: str, share: Any) -> None:
        self._person(person)
        now = self.org.share(person, team, pipeline)
        if share is None and now is not None:
            self.apply(RemovePlacement(person, team, pipeline, now))
        elif share is not None and now is None:
            self._require("team", team)
            self._require("pipeline", pipeline)
            self.apply(AddPlacement(person, team, pipeline, int(share)))
        elif share is not None and now is not None and now != share:
            self.apply(SetShare(person, team, pipeline, now, int(share)))

    def _take_presence(self, kind: str, id: str, theirs: Any) -> None:
        """Theirs removed the thing (``theirs`` null), or kept and changed it (ours removed)."""
        present = self.org.has(kind, id)
        if theirs is None:
            if present:
                if kind == "person":
                    remove: Any = getattr(self, "remove_people")  # noqa: B009 (a sibling mixin)
                    remove([id])
                else:
                    remove = getattr(self, f"remove_{kind}")
                    remove(id)
            return
        if present:
            raise EditError(f"{kind} {id} is back already: keep ours, or edit it by hand")
        rec = {k: v for k, v in theirs.items() if k != "placements"}
        self.apply(AddEntity(kind, rec))  # refused if it names what ours no longer holds
        for pl in theirs.get("placements") or ():
            self._take_cell(id, pl.get("team"), pl["pipeline"], pl.get("share", 100))

    def _take_step(self, id: str, field: str | None, theirs: Any) -> None:
        org = self.org
        try:
            i = item_index(org, "plan", id)
        except KeyError:
            i = -1
        if field is None:
            if theirs is None and i >= 0:
                self.apply(RemoveItem("plan", org.plan[i], i))
            elif theirs is not None and i < 0:
                from orgeditor.model.plan import insert_index

                self.apply(AddItem("plan", theirs, insert_index(org.plan, theirs["date"])))
            return
        if i < 0:
            raise EditError(f"the planned step {id!r} is gone")
        self.apply(SetItemField("plan", id, field, org.plan[i].get(field), theirs))


def _empty(field: str) -> Any:
    return "" if field in ("name", "title", "level", "kind", "kpi") else None
