"""Which people an edit can change the findings of, for the rules that can re-check a few.

A scope function takes the changes of an edit and returns the ids of the people whose
findings of one rule must be recomputed, or ``None`` when the edit may affect findings
anywhere (then the whole rule runs again). Changes a rule does not depend on are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orgeditor.model.changes import (
    AddEntity,
    AddPlacement,
    Change,
    RemoveEntity,
    RemovePlacement,
    SetField,
    SetShare,
)
from orgeditor.model.org import Org

__all__ = [
    "allocation_scope",
    "coverage_scope",
    "cycle_scope",
    "dangling_scope",
    "managers_scope",
    "owner_scope",
    "placement_scope",
    "span_scope",
]

_LINES = frozenset({"manager", "dotted", "unresolved_manager", "unresolved_dotted"})


def _person_record(ch: Change) -> dict[str, Any] | None:
    if isinstance(ch, AddEntity | RemoveEntity) and ch.kind == "person":
        return ch.record
    return None


def cycle_scope(org: Org, changes: Iterable[Change]) -> set[str] | None:
    """A cycle can only appear or vanish through a person whose manager changed."""
    ids: set[str] = set()
    for ch in changes:
        rec = _person_record(ch)
        if rec is not None:
            ids.add(rec["id"])
        elif isinstance(ch, SetField) and ch.kind == "person" and ch.field == "manager":
            ids.add(ch.id)
    return ids


def span_scope(org: Org, changes: Iterable[Change]) -> set[str] | None:
    """The old and new managers of people whose lines, role or presence changed."""
    ids: set[str] = set()
    for ch in changes:
        rec = _person_record(ch)
        if rec is not None:
            if rec.get("manager"):
                ids.add(rec["manager"])
            ids.update(rec.get("dotted") or ())
        elif isinstance(ch, SetField) and ch.kind == "person":
            if ch.field == "manager":
                ids.update(m for m in (ch.old, ch.new) if m is not None)
            elif ch.field == "dotted":
                ids.update(ch.old or ())
                ids.update(ch.new or ())
            elif ch.field == "role" and ch.id in org.people:
                mgr = org.people[ch.id].manager
                if mgr is not None:
                    ids.add(mgr)
    return ids


def allocation_scope(org: Org, changes: Iterable[Change]) -> set[str] | None:
    """People whose placements, team or presence changed; team or pipeline edits: all."""
    ids: set[str] = set()
    for ch in changes:
        if isinstance(ch, AddPlacement | RemovePlacement | SetShare):
            ids.add(ch.person)
            continue
        rec = _person_record(ch)
        if rec is not None:
            ids.add(rec["id"])
        elif isinstance(ch, SetField) and ch.kind == "person":
            if ch.field == "team":
                ids.add(ch.id)
        elif isinstance(ch, SetField | AddEntity | RemoveEntity) and ch.kind in (
            "team",
            "pipeline",
        ):
            return None  # names in the messages, or columns that come and go
    return ids


def dangling_scope(org: Org, changes: Iterable[Change]) -> set[str] | None:
    """People whose own lines changed; a removal, or a team/pipeline/unit edit: all."""
    ids: set[str] = set()
    for ch in changes:
        if isinstance(ch, RemoveEntity):
            return None
        rec = _person_record(ch)
        if rec is not None:
            ids.add(rec["id"])
        elif isinstance(ch, SetField):
            if ch.kind != "person":
                return None
            if ch.field in _LINES:
                ids.add(ch.id)
        elif isinstance(ch, AddEntity):
            return None
    return ids


def placement_scope(org: Org, changes: Iterable[Change]) -> set[str] | None:
    """Tech-lead placement: the person, and their reports when the person's role or title
    changed (a report's placement depends on what their manager is); team, pipeline or unit
    edits (managers, tech leads): all."""
    ids: set[str] = set()
    for ch in changes:
        rec = _person_record(ch)
        if rec is not None:
            ids.add(rec["id"])  # a removed person has no reports and leads nothing by now
        elif isinstance(ch, SetField):
            if ch.kind != "person":
                return None
            if ch.field in ("manager", "title", "role", "fields"):
                ids.add(ch.id)
                if ch.field != "manager":
                    ids.update(org.direct_reports(ch.id))
        elif isinstance(ch, AddEntity | RemoveEntity):
            return None
    return ids


def coverage_scope(org: Org, changes: Iterable[Change]) -> set[str] | None:
    """Pipeline coverage: the pipelines of changed placements, or of a person whose role
    changed (an open position does not cover a pipeline); team or pipeline edits: all."""
    ids: set[str] = set()
    for ch in changes:
        if isinstance(ch, AddPlacement | RemovePlacement | SetShare):
            ids.add(ch.pipeline)
        elif isinstance(ch, SetField) and ch.kind == "person":
            if ch.field == "role" and ch.id in org.people:
                ids.update(pl.pipeline for pl in org.placements(ch.id))
        elif isinstance(ch, SetField | AddEntity | RemoveEntity) and ch.kind in (
            "team",
            "pipeline",
        ):
            return None
    return ids


def owner_scope(org: Org, changes: Iterable[Change]) -> set[str] | None:
    """Pipeline owner: the pipelines of changed placements, pipelines whose fields changed, and
    the pipelines a person works on or owns when their role, title or fields change (they
    decide who counts as a PM); a pipeline added, removed or reordered: all."""
    ids: set[str] = set()
    for ch in changes:
        if isinstance(ch, AddPlacement | RemovePlacement | SetShare):
            ids.add(ch.pipeline)
        elif isinstance(ch, SetField) and ch.kind == "pipeline":
            ids.add(ch.id)
        elif isinstance(ch, SetField) and ch.kind == "person":
            if ch.field in ("role", "title", "fields", "level") and ch.id in org.people:
                ids.update(pl.pipeline for pl in org.placements(ch.id))
                ids.update(p.id for p in org.pipelines.values() if p.owner == ch.id)
        elif isinstance(ch, AddEntity | RemoveEntity) and ch.kind == "person":
            ids.update(p.id for p in org.pipelines.values() if p.owner == ch.record["id"])
        elif getattr(ch, "kind", None) == "pipeline":
            return None
    return ids


def managers_scope(org: Org, changes: Iterable[Change]) -> set[str] | None:
    """Two managers: people added, removed, or whose team, role or unresolved manager
    changed; a changed manager (it moves a whole subtree) or a team edit: all."""
    ids: set[str] = set()
    for ch in changes:
        rec = _person_record(ch)
        if rec is not None:
            ids.add(rec["id"])
        elif isinstance(ch, SetField):
            if ch.kind == "person":
                if ch.field == "manager":
                    return None
                if ch.field in ("team", "role", "unresolved_manager"):
                    ids.add(ch.id)
            elif ch.kind == "team":
                return None
        elif isinstance(ch, AddEntity | RemoveEntity) and ch.kind == "team":
            return None
    return ids
