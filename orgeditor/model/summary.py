"""What a batch of changes touched: computed once, in one place, read by every view and rule.

The document announces each transaction, undo and redo as a :class:`ChangeBatch`: the
primitive :mod:`~orgeditor.model.changes` as applied, and their :class:`ChangeSummary`,
computed on first use and shared by every listener. Views (the grid, the trees, the people
list, the inspector) and the incremental health checks read the summary instead of decoding
change types themselves, so a new kind of change is taught here, in :func:`summarize`, and
nowhere else. A change type this module does not know is an error (``TypeError``), never
silently ignored.

The summary is made from the changes alone (it does not look at the org), so summaries of
several batches can be combined with ``|`` (the findings panel gathers a few edits before it
re-checks).

Examples
--------
>>> from orgeditor.model.changes import SetField
>>> from orgeditor.model.placements import AddPlacement
>>> s = summarize([
...     SetField("person", "p2", "manager", "p1", "p7"),
...     SetField("person", "p2", "title", "Engineer", "Staff Engineer"),
...     AddPlacement("p2", "t1", "l3", 50),
... ])
>>> sorted(s.people), sorted(s.lines)
(['p2'], [('p2', 'p1', 'solid'), ('p2', 'p7', 'solid')])
>>> sorted(s.edited("person", "title")), sorted(s.cells)
(['p2'], [('t1', 'l3')])
>>> s.structure, s.teams
(frozenset(), frozenset())
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from orgeditor.model.changes import (
    AddEntity,
    Change,
    MoveEntity,
    RemoveEntity,
    SetField,
    SetOrgField,
)
from orgeditor.model.items import AddItem, RemoveItem, SetItemField
from orgeditor.model.org import Cell
from orgeditor.model.placements import AddPlacement, RemovePlacement, SetShare

__all__ = ["ChangeBatch", "ChangeSummary", "Line", "summarize"]

#: A reporting line: ``(report, manager, "solid" | "dotted")``.
Line = tuple[str, str, Literal["solid", "dotted"]]

_EMPTY: frozenset[Any] = frozenset()
_ORDERED = ("team", "pipeline", "unit")


@dataclass(frozen=True)
class ChangeSummary:
    """What one or more batches of changes touched, by id.

    Recorded from the changes:

    ``added``, ``removed``, ``moved``
        ``(kind, id)`` of entities added, removed, or moved in their order (teams, pipelines
        and org units).
    ``fields``
        ``(kind, id, field)`` of every field set (:class:`~orgeditor.model.changes.SetField`).
    ``placed``
        people whose placements changed (added, removed, share).
    ``cells``
        cells whose cards changed: the ``(team, pipeline)`` of every placement changed, and
        the unplaced cell ``(team, None)`` of people added, removed or given another team.
        (A person in ``placed`` may also have entered or left their team's unplaced cell.)
    ``lines``
        reporting lines drawn or taken away (:data:`Line`), by field edits and by people
        added or removed.
    ``leads``
        people named, or no longer named, tech lead of a team, pipeline or org unit.
    ``settings``
        org fields set: ``"name"`` or ``"settings.KEY"``, or the org's lists of records
        changed: ``"plan"`` (planned steps), ``"conflicts"`` (merge conflicts).

    Derived from those:

    ``people``
        people added, removed, edited or (re)placed.
    ``teams``, ``pipelines``, ``units``
        ids of those added, removed or edited (a move is in ``structure`` only).
    ``structure``
        the kinds (``team``, ``pipeline``, ``unit``) whose set or order changed.
    """

    added: frozenset[tuple[str, str]] = _EMPTY
    removed: frozenset[tuple[str, str]] = _EMPTY
    moved: frozenset[tuple[str, str]] = _EMPTY
    fields: frozenset[tuple[str, str, str]] = _EMPTY
    placed: frozenset[str] = _EMPTY
    cells: frozenset[Cell] = _EMPTY
    lines: frozenset[Line] = _EMPTY
    leads: frozenset[str] = _EMPTY
    settings: frozenset[str] = _EMPTY

    @cached_property
    def people(self) -> frozenset[str]:
        """People added, removed, edited or (re)placed."""
        return self._ids("person") | self.placed

    @cached_property
    def teams(self) -> frozenset[str]:
        """Teams added, removed or edited."""
        return self._ids("team")

    @cached_property
    def pipelines(self) -> frozenset[str]:
        """Pipelines added, removed or edited."""
        return self._ids("pipeline")

    @cached_property
    def units(self) -> frozenset[str]:
        """Org units added, removed or edited."""
        return self._ids("unit")

    @cached_property
    def structure(self) -> frozenset[str]:
        """The kinds (team, pipeline, unit) whose set or order changed."""
        return frozenset(
            k for part in (self.added, self.removed, self.moved) for k, _id in part if k in _ORDERED
        )

    def _ids(self, kind: str) -> frozenset[str]:
        ids = {id for part in (self.added, self.removed) for k, id in part if k == kind}
        ids.update(id for k, id, _field in self.fields if k == kind)
        return frozenset(ids)

    def __bool__(self) -> bool:
        return bool(
            self.added or self.removed or self.moved or self.fields or self.placed or self.settings
        )

    def __or__(self, other: ChangeSummary) -> ChangeSummary:
        """What either summary touched."""
        return ChangeSummary.union([self, other])

    @staticmethod
    def union(summaries: Iterable[ChangeSummary]) -> ChangeSummary:
        """What any of ``summaries`` touched (in one pass, however many there are)."""
        summaries = list(summaries)
        if len(summaries) == 1:
            return summaries[0]
        return ChangeSummary(
            *(frozenset().union(*(getattr(s, name) for s in summaries)) for name in _RECORDED)
        )

    def added_ids(self, kind: str) -> frozenset[str]:
        """Ids of the entities of ``kind`` added."""
        return frozenset(id for k, id in self.added if k == kind)

    def removed_ids(self, kind: str) -> frozenset[str]:
        """Ids of the entities of ``kind`` removed."""
        return frozenset(id for k, id in self.removed if k == kind)

    def edited(self, kind: str, *fields: str) -> frozenset[str]:
        """Ids of the entities of ``kind`` with one of ``fields`` set (any field if none)."""
        if not fields:
            return frozenset(id for k, id, _f in self.fields if k == kind)
        wanted = set(fields)
        return frozenset(id for k, id, f in self.fields if k == kind and f in wanted)

    def edited_fields(self, kind: str) -> frozenset[str]:
        """The fields set on any entity of ``kind``."""
        return frozenset(f for k, _id, f in self.fields if k == kind)


#: the fields a summary is recorded in, in their order
_RECORDED = tuple(f.name for f in dataclasses.fields(ChangeSummary))


class ChangeBatch(tuple[Change, ...]):
    """The primitive changes of one transaction, undo or redo, in the order applied.

    What the document's ``changed`` signal carries. It is a tuple of the changes; its
    :attr:`summary` is computed when first asked for, once for every listener.
    """

    @cached_property
    def summary(self) -> ChangeSummary:
        return summarize(self)


# ------------------------------------------------------------------ recording
class _Recorder:
    """The sets a summary is made of, filled change by change."""

    __slots__ = (
        "added",
        "cells",
        "fields",
        "leads",
        "lines",
        "moved",
        "placed",
        "removed",
        "settings",
    )

    def __init__(self) -> None:
        self.added: set[tuple[str, str]] = set()
        self.removed: set[tuple[str, str]] = set()
        self.moved: set[tuple[str, str]] = set()
        self.fields: set[tuple[str, str, str]] = set()
        self.placed: set[str] = set()
        self.cells: set[Cell] = set()
        self.lines: set[Line] = set()
        self.leads: set[str] = set()
        self.settings: set[str] = set()

    def entity(self, kind: str, record: dict[str, Any]) -> None:
        """What adding or removing an entity with this record touches besides itself."""
        if kind == "person":
            id = record["id"]
            self.cells.add((record.get("team"), None))
            manager = record.get("manager")
            if manager is not None:
                self.lines.add((id, manager, "solid"))
            self.lines.update((id, m, "dotted") for m in record.get("dotted") or ())
        elif record.get("tech_lead"):
            self.leads.add(record["tech_lead"])

    def summary(self) -> ChangeSummary:
        return ChangeSummary(
            frozenset(self.added),
            frozenset(self.removed),
            frozenset(self.moved),
            frozenset(self.fields),
            frozenset(self.placed),
            frozenset(self.cells),
            frozenset(self.lines),
            frozenset(self.leads),
            frozenset(self.settings),
        )


def _add_entity(r: _Recorder, ch: AddEntity) -> None:
    r.added.add((ch.kind, ch.record["id"]))
    r.entity(ch.kind, ch.record)


def _remove_entity(r: _Recorder, ch: RemoveEntity) -> None:
    r.removed.add((ch.kind, ch.record["id"]))
    r.entity(ch.kind, ch.record)


def _set_field(r: _Recorder, ch: SetField) -> None:
    r.fields.add((ch.kind, ch.id, ch.field))
    if ch.field == "tech_lead":
        r.leads.update(p for p in (ch.old, ch.new) if p)
    if ch.kind != "person":
        return
    if ch.field == "manager":
        r.lines.update((ch.id, m, "solid") for m in (ch.old, ch.new) if m is not None)
    elif ch.field == "dotted":
        r.lines.update((ch.id, m, "dotted") for m in set(ch.old or ()) ^ set(ch.new or ()))
    elif ch.field == "team":
        r.cells.update(((ch.old, None), (ch.new, None)))


def _move_entity(r: _Recorder, ch: MoveEntity) -> None:
    r.moved.add((ch.kind, ch.id))


def _placement(r: _Recorder, ch: AddPlacement | RemovePlacement | SetShare) -> None:
    r.placed.add(ch.person)
    r.cells.add((ch.team, ch.pipeline))


def _org_field(r: _Recorder, ch: SetOrgField) -> None:
    r.settings.add(ch.field)


def _item(r: _Recorder, ch: AddItem | RemoveItem | SetItemField) -> None:
    r.settings.add(ch.name)


#: Every change type and how it is recorded: the one place a new change type is taught.
_RECORD: dict[type[Change], Callable[[_Recorder, Any], None]] = {
    AddEntity: _add_entity,
    RemoveEntity: _remove_entity,
    SetField: _set_field,
    MoveEntity: _move_entity,
    AddPlacement: _placement,
    RemovePlacement: _placement,
    SetShare: _placement,
    SetOrgField: _org_field,
    AddItem: _item,
    RemoveItem: _item,
    SetItemField: _item,
}


def summarize(changes: Iterable[Change]) -> ChangeSummary:
    """The :class:`ChangeSummary` of a list of changes (``TypeError`` for an unknown type)."""
    r = _Recorder()
    for ch in changes:
        record = _RECORD.get(type(ch))
        if record is None:
            raise TypeError(
                f"summarize() does not know {type(ch).__name__}: teach it in "
                "orgeditor/model/summary.py"
            )
        record(r, ch)
    return r.summary()
