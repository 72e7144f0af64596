"""Quick fixes for merge conflicts: "Keep ours" and "Take theirs" on a ``merge-conflict``
finding, each one undo step (:meth:`orgeditor.document.Document.resolve_conflict`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from orgeditor.model.rules import Finding
from orgeditor.model.rules.plan_rules import conflict_message

__all__ = ["conflict_fixes", "conflict_of"]


def conflict_of(org: Any, finding: Finding) -> dict[str, Any] | None:
    """The recorded conflict a ``merge-conflict`` finding is about (``None``: another rule)."""
    if finding.rule != "merge-conflict":
        return None
    return next((c for c in org.conflicts if conflict_message(c, org) == finding.message), None)


def conflict_fixes(document: Any, finding: Finding) -> list[tuple[str, Callable[[], None]]]:
    """``[(label, do)]``: keep ours, take theirs."""
    c = conflict_of(document.org, finding)
    if c is None:
        return []
    cid = c["id"]
    return [
        ("Keep ours", lambda: document.resolve_conflict(cid, "ours")),
        ("Take theirs", lambda: document.resolve_conflict(cid, "theirs")),
    ]
