"""Findings about the plan and the merge, not the org's shape: planned steps that no longer
apply (``plan-step-stale``) and merge conflicts still to resolve (``merge-conflict``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from orgeditor.model.entities import ENTITY_KINDS
from orgeditor.model.org import Org
from orgeditor.model.rules.base import Finding, subject

if TYPE_CHECKING:
    from orgeditor.model.plan import StaleStep
    from orgeditor.model.rules.facts import Facts

__all__ = ["conflict_message", "merge_conflict", "plan_step_stale", "stale_findings"]


def stale_findings(org: Org, stale: Iterable[StaleStep]) -> Iterator[Finding]:
    """One finding per stale step, about the entities the step names that still exist."""
    for s in stale:
        subjects = tuple(
            subject(org, kind, id)
            for kind, id in s.subjects
            if kind in ENTITY_KINDS and org.has(kind, id)
        )
        yield Finding(
            "plan-step-stale",
            "warning",
            f"Planned step {s.name!r} ({s.date}) no longer applies and is skipped: {s.reason}.",
            subjects,
        )


def plan_step_stale(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    """Every planned step that would not apply on its date (the org is left as it was)."""
    if not org.plan:
        return iter(())
    from orgeditor.model.plan import simulate

    return stale_findings(org, simulate(org))


def conflict_message(c: Mapping[str, Any]) -> str:
    """What a recorded merge conflict says to the user."""
    sub = c.get("subject") or {}
    what = f"{sub.get('kind', '')} {sub.get('name') or sub.get('id', '')}".strip()
    field = c.get("field")
    if field is None:
        return (
            f"Merge conflict on {what}: removed on one side, changed on the other "
            "(ours kept; keep ours or take theirs)."
        )
    return (
        f"Merge conflict on {what}, {field}: ours {_short(c.get('ours'))}, theirs "
        f"{_short(c.get('theirs'))}, was {_short(c.get('base'))} (ours kept)."
    )


def _short(value: Any) -> str:
    if value is None:
        return "none"
    text = value if isinstance(value, str) else repr(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def merge_conflict(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    """Every merge conflict recorded in the file, until the user resolves it."""
    for c in org.conflicts:
        sub = c.get("subject") or {}
        kind, id = str(sub.get("kind", "")), str(sub.get("id", ""))
        subjects = (subject(org, kind, id),) if kind in ENTITY_KINDS and org.has(kind, id) else ()
        yield Finding("merge-conflict", "error", conflict_message(c), subjects)
