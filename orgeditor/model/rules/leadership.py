"""Rules on who leads what: one ML leadership, and where tech leads sit.

``one-leadership`` finds the ML teams (teams with people on at least one pipeline), places
each under its manager (or, for a team without one, its members' managers), and takes their
lowest common leader. If that leader also runs non-ML teams (a CEO with a Cloud Platform team
below, say), the ML org is split: the ML leader is the person directly below the common
leader whose org holds the most ML people, and every ML team outside that person's org is
flagged together with the leader it hangs under.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from orgeditor.model.entities import Role, Team
from orgeditor.model.org import Org
from orgeditor.model.rules.base import Finding, subject
from orgeditor.model.rules.facts import Facts
from orgeditor.model.rules.roles import is_leader, is_pm, track

__all__ = [
    "lowest_common_leader",
    "one_leadership",
    "tech_lead_placement",
    "tech_lead_placement_local",
]


def _anchors(org: Org, team: Team, facts: Facts) -> list[str]:
    """Where a team hangs: its manager, or else its members' managers."""
    if team.manager is not None and team.manager in org.people:
        return [team.manager]
    return list(facts.member_managers.get(team.id, ()))


def lowest_common_leader(org: Org, anchors: list[str]) -> str | None:
    """The lowest person above-or-equal to every anchor on the solid lines, or ``None``.

    Each person is walked at most once: a walk up from an anchor stops where it meets a
    path already walked.
    """
    people = org.people
    first = [anchors[0], *org.manager_chain(anchors[0])]
    pos = {p: i for i, p in enumerate(first)}
    merged: dict[str, int | None] = {}
    lowest = 0
    for a in anchors[1:]:
        path: list[str] = []
        on_path: set[str] = set()
        cur: str | None = a
        while (
            cur is not None
            and cur in people
            and cur not in pos
            and cur not in merged
            and cur not in on_path
        ):
            path.append(cur)
            on_path.add(cur)
            cur = people[cur].manager
        at = pos.get(cur) if cur in pos else merged.get(cur) if cur is not None else None
        for x in path:
            merged[x] = at
        if at is None:
            return None
        lowest = max(lowest, at)
    return first[lowest]


def one_leadership(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    ml = facts.ml_teams
    if len(ml) < 2:
        return
    people = org.people
    anchors = {t: _anchors(org, org.teams[t], facts) for t in org.team_order if t in ml}
    anchors = {t: a for t, a in anchors.items() if a}
    if len(anchors) < 2:
        return
    top = lowest_common_leader(org, [a for lst in anchors.values() for a in lst])
    memo: dict[str, str | None] = {}

    def below_top(pid: str) -> str | None:
        """The ancestor-or-self of ``pid`` that reports straight to ``top`` (or is a root)."""
        path: list[str] = []
        cur: str | None = pid
        result: str | None = None
        while True:
            if cur in memo:
                result = memo[cur]
                break
            if cur is None or cur not in people or cur in path or cur == top:
                break
            path.append(cur)
            mgr = people[cur].manager
            if mgr == top if top is not None else (mgr is None or mgr not in people):
                result = cur
                break
            cur = mgr
        for x in path:
            memo[x] = result
        return result

    if top is not None:
        # Split only when the common leader also runs teams that are not ML teams.
        others = [a for t in facts.non_ml_teams for a in _anchors(org, org.teams[t], facts)]
        if not any(a == top or below_top(a) is not None for a in others):
            return

    # ML people: the members of ML teams (counted where their team hangs) and everyone else
    # placed on a pipeline (PMs, say), counted where they report.
    counts: dict[str, int] = {}
    sizes = facts.team_sizes
    for t, team_anchors in anchors.items():
        head = below_top(team_anchors[0])
        if head is not None:
            counts[head] = counts.get(head, 0) + sizes.get(t, 0)
    for pid in org._placements:
        p = people.get(pid)
        if p is None or p.role is Role.OPEN or p.team in ml:
            continue
        head = below_top(pid)
        if head is not None:
            counts[head] = counts.get(head, 0) + 1
    if not counts:
        return
    leader = max(counts, key=counts.__getitem__)  # the first of equals wins
    lead_name = people[leader].display_name
    for t, team_anchors in anchors.items():
        heads = {below_top(a) for a in team_anchors}
        if heads == {leader}:
            continue
        hangs = next((h for h in heads if h is not None and h != leader), top)
        if hangs is None:
            continue
        boss = people[hangs]
        team = org.teams[t]
        title = f" ({boss.title})" if boss.title else ""
        yield Finding(
            "one-leadership",
            "warning",
            f"{team.name} is an ML team under {boss.display_name}{title}, outside the ML org "
            f"led by {lead_name}: ML teams split across leaders drift apart in priorities "
            "and incentives, away from the models' success.",
            (
                subject(org, "team", t),
                subject(org, "person", hangs),
                subject(org, "person", leader),
            ),
        )


def tech_lead_placement(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    people = org.people
    candidates = [
        pid
        for pid, p in people.items()
        if p.fields or "staff" in (low := p.title.lower()) or "principal" in low
    ]
    leads = facts.tech_leads
    for pid in dict.fromkeys([*candidates, *leads]):
        yield from _placement_of(org, pid, facts)


def tech_lead_placement_local(
    org: Org, params: Mapping[str, Any], facts: Facts, ids: set[str]
) -> Iterator[Finding]:
    """The tech-lead placement findings of the people ``ids``."""
    for pid in ids:
        yield from _placement_of(org, pid, facts)


def _placement_of(org: Org, pid: str, facts: Facts) -> Iterator[Finding]:
    people = org.people
    p = people.get(pid)
    if p is None or p.manager is None or p.role is Role.OPEN:
        return
    mgr = people.get(p.manager)
    if mgr is None:
        return
    tr = track(p)
    if tr == "principal" and not is_leader(mgr):
        yield Finding(
            "tech-lead-placement",
            "warning",
            f"Principal engineer {p.display_name} reports to {mgr.display_name}, not to "
            "the org's Director or VP: the long-term technical roadmap of the whole org "
            "needs a seat next to its leader.",
            (subject(org, "person", p.id), subject(org, "person", mgr.id)),
        )
    elif tr == "staff" and mgr.role is not Role.MANAGER and mgr.id not in facts.team_managers:
        yield Finding(
            "tech-lead-placement",
            "warning",
            f"Staff engineer {p.display_name} reports to {mgr.display_name}, who manages "
            "no team: a Staff engineer guides one team's people and belongs under that "
            "team's manager.",
            (subject(org, "person", p.id), subject(org, "person", mgr.id)),
        )
    if not is_pm(mgr):
        return
    for kind, ent_id, ent_name in facts.tech_leads.get(pid, ()):
        yield Finding(
            "tech-lead-placement",
            "warning",
            f"{p.display_name}, tech lead of {ent_name}, reports to product manager "
            f"{mgr.display_name}: technical direction should come from the "
            "engineering line, with the PM setting priorities on a dotted line.",
            (
                subject(org, "person", p.id),
                subject(org, kind, ent_id),
                subject(org, "person", mgr.id),
            ),
        )
