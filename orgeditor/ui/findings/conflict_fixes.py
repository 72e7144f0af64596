"""Which recorded merge conflict a ``merge-conflict`` finding is about, for the "Keep ours" /
"Take theirs" quick fixes (:mod:`orgeditor.ui.findings.quick_fixes`; each one undo step through
:meth:`orgeditor.document.Document.resolve_conflict`)."""

from __future__ import annotations

from typing import Any

from orgeditor.model.rules import Finding
from orgeditor.model.rules.plan_rules import conflict_message

__all__ = ["conflict_of"]


def conflict_of(org: Any, finding: Finding) -> dict[str, Any] | None:
    """The recorded conflict a ``merge-conflict`` finding is about (``None``: another rule)."""
    if finding.rule != "merge-conflict":
        return None
    return next((c for c in org.conflicts if conflict_message(c, org) == finding.message), None)
