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


_REF_KIND = {
    "manager": "person",
    "tech_lead": "person",
    "owner": "person",
    "leader": "person",
    "team": "team",
}


def conflict_message(c: Mapping[str, Any], org: Org | None = None) -> str:
    """What a recorded merge conflict says to the user (references by name, given ``org``)."""
    sub = c.get("subject") or {}
    what = f"{sub.get('kind', '')} {sub.get('name') or sub.get('id', '')}".strip()
    field = c.get("field")
    if field is None:
        return (
            f"Merge conflict on {what}: removed on one side, changed on the other "
            "(ours kept; keep ours or take theirs)."
        )
    values = [c.get(k) for k in ("ours", "theirs", "base")]
    target = _REF_KIND.get(field)
    if org is not None and target is not None:
        values = [_named(org, target, v) for v in values]
    ours, theirs, base = (_short(v) for v in values)
    return (
        f"Merge conflict on {what}, {field}: ours {ours}, theirs {theirs}, was {base} (ours kept)."
    )


def _named(org: Org, kind: str, id: Any) -> Any:
    if isinstance(id, str) and org.has(kind, id):
        return subject(org, kind, id).name
    return id


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
        yield Finding("merge-conflict", "error", conflict_message(c, org), subjects)
