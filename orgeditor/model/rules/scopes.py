"""Which people an edit can change the findings of, for the rules that can re-check a few.

A scope function takes what an edit touched (its
:class:`~orgeditor.model.summary.ChangeSummary`) and returns the ids of the people (or, for
the pipeline rules, the pipelines) whose findings of one rule must be recomputed, or ``None``
when the edit may affect findings anywhere (then the whole rule runs again). What a rule does
not depend on is ignored.
"""

from __future__ import annotations

from orgeditor.model.org import Org
from orgeditor.model.summary import ChangeSummary

__all__ = [
    "allocation_scope",
    "coverage_scope",
    "cycle_scope",
    "dangling_scope",
    "managers_scope",
    "owner_scope",
    "placement_scope",
    "span_scope",
    "tech_lead_team_scope",
]

_LINES = ("manager", "dotted", "unresolved_manager", "unresolved_dotted")


def _came_or_went(s: ChangeSummary, kind: str = "person") -> frozenset[str]:
    return s.added_ids(kind) | s.removed_ids(kind)


def _placed_pipelines(s: ChangeSummary) -> set[str]:
    """The pipelines of the cells whose placements changed."""
    return {pl for _team, pl in s.cells if pl is not None}


def cycle_scope(org: Org, s: ChangeSummary) -> set[str] | None:
    """A cycle can only appear or vanish through a person whose manager changed."""
    return set(_came_or_went(s) | s.edited("person", "manager"))


def span_scope(org: Org, s: ChangeSummary) -> set[str] | None:
    """The managers who gained or lost a report (solid or dotted), the managers of people
    whose role or title changed (a PM's one Staff engineer is another rule's finding), and a
    retitled manager (the advice depends on whether they are a PM or a leader); and the
    managers above those who gained or lost a solid report (a leader over one person or
    over one manager is told different things)."""
    ids = {manager for _report, manager, _kind in s.lines}
    people = org.people
    for _report, manager, kind in s.lines:
        above = people[manager].manager if kind == "solid" and manager in people else None
        if above is not None:
            ids.add(above)
    ids.update(s.edited("person", "title", "fields") & org.people.keys())
    for pid in s.edited("person", "role", "title", "fields"):
        person = org.people.get(pid)
        if person is not None and person.manager is not None:
            ids.add(person.manager)
    return ids


def allocation_scope(org: Org, s: ChangeSummary) -> set[str] | None:
    """People whose placements, team or presence changed; team or pipeline edits: all."""
    if s.teams or s.pipelines:
        return None  # names in the messages, or columns that come and go
    return set(s.placed | _came_or_went(s) | s.edited("person", "team"))


def dangling_scope(org: Org, s: ChangeSummary) -> set[str] | None:
    """People whose own lines changed; a removal, or a team/pipeline/unit edit: all."""
    if s.removed or s.teams or s.pipelines or s.units:
        return None
    return set(s.added_ids("person") | s.edited("person", *_LINES))


def placement_scope(org: Org, s: ChangeSummary) -> set[str] | None:
    """Tech-lead placement: the person, and their reports when the person's role or title
    changed (a report's placement depends on what their manager is); team, pipeline or unit
    edits (managers, tech leads): all."""
    if s.teams or s.pipelines or s.units:
        return None
    # a removed person has no reports and leads nothing by now
    ids = set(_came_or_went(s) | s.edited("person", "manager"))
    for pid in s.edited("person", "title", "role", "fields"):
        ids.add(pid)
        ids.update(org.direct_reports(pid))
    return ids


def coverage_scope(org: Org, s: ChangeSummary) -> set[str] | None:
    """Pipeline coverage: the pipelines of changed placements, or of a person whose role
    changed (an open position does not cover a pipeline); team or pipeline edits: all."""
    if s.teams or s.pipelines:
        return None
    ids = _placed_pipelines(s)
    for pid in s.edited("person", "role"):
        if pid in org.people:
            ids.update(pl.pipeline for pl in org.placements(pid))
    return ids


def owner_scope(org: Org, s: ChangeSummary) -> set[str] | None:
    """Pipeline owner: the pipelines of changed placements, pipelines whose fields changed, and
    the pipelines a person works on or owns when their role, title or fields change (they
    decide who counts as a PM); a pipeline added, removed or reordered: all."""
    if "pipeline" in s.structure:
        return None
    ids = _placed_pipelines(s) | s.edited("pipeline")
    people = s.edited("person", "role", "title", "fields", "level")
    for pid in people:
        if pid in org.people:
            ids.update(pl.pipeline for pl in org.placements(pid))
    owners = people | _came_or_went(s)
    if owners:
        ids.update(p.id for p in org.pipelines.values() if p.owner in owners)
    return ids


def managers_scope(org: Org, s: ChangeSummary) -> set[str] | None:
    """Two managers: people added, removed, or whose team, role, manager or unresolved
    manager changed; a changed manager of someone with reports (it moves a whole subtree) or
    a team edit: all."""
    moved = s.edited("person", "manager")
    if s.teams or any(org._reports.get(pid) for pid in moved):
        return None
    return set(_came_or_went(s) | moved | s.edited("person", "team", "role", "unresolved_manager"))


def tech_lead_team_scope(org: Org, s: ChangeSummary) -> set[str] | None:
    """Team tech lead (ids of teams): the teams of people added or removed (their size) and
    of people whose title or role changed (the Staff engineers the message names); team edits:
    all."""
    if s.teams:
        return None
    ids = {team for team, pipe in s.cells if team is not None and pipe is None}
    for pid in s.edited("person", "title", "fields", "role"):
        person = org.people.get(pid)
        if person is not None and person.team is not None:
            ids.add(person.team)
    return ids
