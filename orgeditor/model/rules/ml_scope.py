"""Which edits can change what the ML-only rules see, so the window skips them after the rest.

The ML rules read the ML org (:mod:`orgeditor.model.rules.ml_org`), which takes a walk over
the whole org. Many edits cannot change it: a share, a move between the cells of ML-kind
teams by their own people, a rename, a level, a dotted line, a pipeline's or unit's fields,
the order of columns. After such an edit (read from the batch's
:class:`~orgeditor.model.summary.ChangeSummary`), :func:`ml_only` tells the findings cache to
keep the rule's findings as they are, and :func:`ml_then` hands over to the rule's own
person-level scope (span of control after a dotted line, say). Anything else (a manager, a
team, a role, a title, a person added or removed, a placement that may make a team ML or not)
re-runs the rule. Renames are handled by the cache itself: it re-runs the rules whose
findings name the person, so every person a message names is one of the finding's subjects.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from orgeditor.model.kinds import ml_kinds
from orgeditor.model.org import Org
from orgeditor.model.rules.base import ScopeFunc
from orgeditor.model.summary import ChangeSummary

__all__ = [
    "MLScoped",
    "keep",
    "ml_only",
    "ml_org_may_change",
    "ml_then",
    "placements_keep_ml_org",
    "with_titles",
]

#: person fields the ML org does not read (names reach messages: the cache re-runs those)
_HARMLESS_PERSON = frozenset({"name", "level", "dotted", "unresolved_dotted"})


def ml_org_may_change(org: Org, s: ChangeSummary) -> bool:
    """Whether the edits ``s`` describes may change the ML org or what the ML team rules
    read (the org is as the edits left it)."""
    if s.added_ids("person") or s.removed_ids("person") or s.teams or s.settings:
        return True
    if any(f not in _HARMLESS_PERSON for f in s.edited_fields("person")):
        return True
    return bool(s.placed) and not placements_keep_ml_org(org, s)


def placements_keep_ml_org(org: Org, s: ChangeSummary) -> bool:
    """Whether the placements ``s`` changed are of people of ML-kind teams, in the columns of
    ML-kind teams: those teams are ML whoever sits on their pipelines, and their people are
    counted by team."""
    flags = ml_kinds(org.settings)
    teams = org.teams
    people = org.people

    def ml_team(tid: str | None) -> bool:
        return tid is not None and tid in teams and teams[tid].kind in flags

    return all(ml_team(team) for team, pipe in s.cells if pipe is not None) and all(
        pid in people and ml_team(people[pid].team) for pid in s.placed
    )


def _nothing(org: Org, s: ChangeSummary) -> set[str]:
    """Nothing to re-check: the rule reads only the ML org analysis and what the ML org
    analysis reads."""
    return set()


class MLScoped:
    """The scope of a rule that reads the ML org: ``None`` (re-run it) when the edit may
    change the ML org, else :attr:`inner`'s ids. The findings cache calls :attr:`inner`
    directly when it knows the last analysis still holds (:mod:`.ml_reuse`)."""

    def __init__(self, inner: ScopeFunc) -> None:
        self.inner = inner
        self.__doc__ = f"ML org unchanged: {inner.__doc__ or inner.__name__}"

    def __call__(self, org: Org, s: ChangeSummary) -> set[str] | None:
        return None if ml_org_may_change(org, s) else self.inner(org, s)


#: keep the findings unless the edit may change the ML org (then ``None``: re-run)
ml_only = MLScoped(_nothing)


def ml_then(inner: ScopeFunc) -> MLScoped:
    """``inner``'s people after an edit that leaves the ML org as it was; else ``None``."""
    return MLScoped(inner)


def with_titles(inner: ScopeFunc) -> ScopeFunc:
    """``inner``'s people, plus a retitled person and their reports (whether a manager is a
    PM, or a report a Staff engineer, is read from titles); a new pipeline or unit tech lead:
    everyone."""

    def scope(org: Org, s: ChangeSummary) -> set[str] | None:
        if s.edited("pipeline", "tech_lead") or s.edited("unit", "tech_lead"):
            return None
        ids = inner(org, s)
        if ids is None:
            return None
        titled = s.edited("person", "title", "fields") & org.people.keys()
        return ids | titled | {r for t in titled for r in org.direct_reports(t)}

    scope.__doc__ = f"{inner.__doc__ or inner.__name__} With titles."
    return scope


def keep(org: Org, params: Mapping[str, Any], facts: Any, ids: set[str]) -> Iterator[Any]:
    """The "local" re-check of a rule scoped by :func:`ml_only`: never asked for any ids
    (it returns none or ``None``), so there is nothing to re-check."""
    assert not ids, ids
    return iter(())
