"""Which edits can change what the ML-only rules see, so the window skips them after the rest.

The ML rules read the ML org (:mod:`orgeditor.model.rules.ml_org`), which takes a walk over
the whole org. Most edits cannot change it: a share, a move between the cells of an ML team's
own column, a rename, a level, a dotted line, a pipeline's or unit's fields, the order of
columns, a new title the vocabulary reads as the old one. After such an edit,
:func:`ml_only` tells the findings cache to keep the rule's findings as they are, and
:func:`ml_then` hands over to the rule's own person-level scope (span of control after a
dotted line, say). Anything else (a manager, a team, a role, a title read differently, a
person added or removed, a placement that may make a team ML or not) re-runs the rule.
Renames are handled by the cache itself: it re-runs the rules whose findings name the person,
so every person a message names is one of the finding's subjects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from orgeditor.model.changes import (
    AddEntity,
    AddPlacement,
    Change,
    MoveEntity,
    RemoveEntity,
    RemovePlacement,
    SetField,
    SetShare,
)
from orgeditor.model.entities import Person
from orgeditor.model.kinds import ml_kinds
from orgeditor.model.org import Org
from orgeditor.model.rules.base import ScopeFunc
from orgeditor.model.vocabulary import (
    is_company_head,
    is_leader,
    is_own_staff,
    is_pm,
    track,
)

__all__ = ["keep", "ml_only", "ml_org_may_change", "ml_then", "with_titles"]

#: person fields the ML org does not read (names reach messages: the cache re-runs those)
_HARMLESS_PERSON = frozenset({"name", "level", "dotted", "unresolved_dotted"})


def _reading(person: Person) -> tuple[object, ...]:
    """What the rules read from a person's title and fields."""
    return (
        is_leader(person),
        is_own_staff(person),
        is_company_head(person),
        is_pm(person),
        track(person),
    )


def _neutral_retitle(org: Org, ch: SetField) -> bool:
    """A new title or fields the vocabulary reads the same as the old ones ("SWE" to
    "Software Engineer"): only messages change, and the cache re-runs the rules naming them."""
    p = org.people.get(ch.id)
    if p is None or ch.field not in ("title", "fields"):
        return False
    before = replace(p, **{ch.field: ch.old})
    return _reading(before) == _reading(p)


def _is_summary(changes: Any) -> bool:
    """A summary of what a batch touched (``orgeditor.model.summary.ChangeSummary``, which
    the findings cache hands to scopes once the document announces one) rather than the
    list of changes itself."""
    return hasattr(changes, "placed") and hasattr(changes, "edited")


def _summary_may_change(org: Org, s: Any) -> bool:
    """:func:`ml_org_may_change` read from a summary (it has no old values: any retitle
    counts)."""
    if s.added_ids("person") or s.removed_ids("person") or s.teams or s.settings:
        return True
    if any(f not in _HARMLESS_PERSON for f in s.edited_fields("person")):
        return True
    if not s.placed:
        return False
    flags = ml_kinds(org.settings)
    teams = org.teams
    people = org.people

    def ml_team(tid: str | None) -> bool:
        return tid is not None and tid in teams and teams[tid].kind in flags

    return not (
        all(ml_team(team) for team, pipe in s.cells if pipe is not None)
        and all(pid in people and ml_team(people[pid].team) for pid in s.placed)
    )


def ml_org_may_change(org: Org, changes: Iterable[Change]) -> bool:
    """Whether ``changes`` may change the ML org or what the ML team rules read."""
    if _is_summary(changes):
        return _summary_may_change(org, changes)
    flags: frozenset[str] | None = None
    people = org.people
    for ch in changes:
        if isinstance(ch, SetShare | MoveEntity):
            continue
        if isinstance(ch, SetField):
            if ch.kind == "person" and ch.field in _HARMLESS_PERSON:
                continue
            if ch.kind == "person" and _neutral_retitle(org, ch):
                continue
            if ch.kind in ("pipeline", "unit"):
                continue
            return True
        if isinstance(ch, AddPlacement | RemovePlacement):
            # a placement in the person's own column of an ML-kind team: that team is ML
            # whoever sits on its pipelines, and its people are counted by team
            p = people.get(ch.person)
            if flags is None:
                flags = ml_kinds(org.settings)
            team = org.teams.get(ch.team) if ch.team is not None else None
            if p is not None and team is not None and p.team == team.id and team.kind in flags:
                continue
            return True
        if isinstance(ch, AddEntity | RemoveEntity) and ch.kind in ("pipeline", "unit"):
            continue
        return True
    return False


def ml_only(org: Org, changes: Any) -> set[str] | None:
    """Keep the findings (empty set) unless the edit may change the ML org (``None``)."""
    batch = changes if _is_summary(changes) else list(changes)
    return None if ml_org_may_change(org, batch) else set()


def ml_then(inner: ScopeFunc) -> ScopeFunc:
    """``inner``'s people after an edit that leaves the ML org as it was; else ``None``."""

    def scope(org: Org, changes: Any) -> set[str] | None:
        if _is_summary(changes):
            return None if ml_org_may_change(org, changes) else inner(org, changes)
        batch = list(changes)
        if ml_org_may_change(org, batch):
            return None
        batch = [
            ch
            for ch in batch
            if not (isinstance(ch, SetField) and ch.kind == "person" and _neutral_retitle(org, ch))
        ]
        return inner(org, batch) if batch else set()

    scope.__doc__ = f"ML org unchanged: {inner.__doc__ or inner.__name__}"
    return scope


def keep(org: Org, params: Mapping[str, Any], facts: Any, ids: set[str]) -> Iterator[Any]:
    """The "local" re-check of a rule scoped by :func:`ml_only`: never asked for any ids
    (it returns none or ``None``), so there is nothing to re-check."""
    assert not ids, ids
    return iter(())


def with_titles(inner: ScopeFunc) -> ScopeFunc:
    """``inner``'s people, plus a retitled person and their reports (whether a manager is a
    PM, or a report a Staff engineer, is read from titles); a new pipeline or unit tech lead:
    everyone."""

    def scope(org: Org, changes: Any) -> set[str] | None:
        if _is_summary(changes):
            if changes.edited("pipeline", "tech_lead") or changes.edited("unit", "tech_lead"):
                return None
            titled = changes.edited("person", "title", "fields") & org.people.keys()
            ids = inner(org, changes)
            if ids is None:
                return None
            return ids | set(titled) | {r for t in titled for r in org.direct_reports(t)}
        batch = list(changes)
        extra: set[str] = set()
        for ch in batch:
            if isinstance(ch, SetField):
                if ch.kind == "person" and ch.field in ("title", "fields") and ch.id in org.people:
                    extra.add(ch.id)
                    extra.update(org.direct_reports(ch.id))
                elif ch.kind in ("pipeline", "unit") and ch.field == "tech_lead":
                    return None
        ids = inner(org, batch)
        return None if ids is None else ids | extra

    scope.__doc__ = f"{inner.__doc__ or inner.__name__} With titles."
    return scope
