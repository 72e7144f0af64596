"""Rules on who leads what: one ML leadership, and where tech leads sit.

``one-leadership`` reports the ML teams outside the ML leader's org, as
:mod:`orgeditor.model.rules.ml_org` finds them: each finding names the team, the leader it
sits under, the ML leader and the move that would fix it. ``tech-lead-placement`` looks at the
Principal and Staff engineers and the named tech leads of the ML org: a Principal engineer
belongs next to the ML leader (or a Director or VP inside the ML org), a Staff engineer under
a team manager, and nobody who sets technical direction under a product manager (one finding
per person, however many of these it breaks).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from orgeditor.model.entities import Role
from orgeditor.model.org import Org
from orgeditor.model.rules.base import Finding, subject
from orgeditor.model.rules.facts import Facts
from orgeditor.model.vocabulary import is_leader, is_pm, track

__all__ = ["one_leadership", "tech_lead_placement", "tech_lead_placement_local"]


def _named(org: Org, pid: str) -> str:
    """``Name (Title)``."""
    p = org.people[pid]
    return f"{p.display_name} ({p.title})" if p.title.strip() else p.display_name


def one_leadership(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    """ML teams outside the ML leader's org (see :mod:`orgeditor.model.rules.ml_org`)."""
    ml = facts.ml_org
    if not ml.split or not ml.outside:
        return
    people = org.people
    if ml.leader is None:
        top = ml.top
        where = f"under {_named(org, top)}" if top is not None else "in separate trees"
        names = ", ".join(org.teams[t].name for t in ml.outside)
        yield Finding(
            "one-leadership",
            "warning",
            f"The ML teams ({names}) sit {where} with no Director or VP of ML leading them: "
            "without one leader below the company head their priorities drift apart. "
            "Name one ML leader and have every ML team report to them.",
            (
                *(subject(org, "team", t) for t in ml.outside),
                *((subject(org, "person", top),) if top is not None else ()),
            ),
        )
        return
    leader = _named(org, ml.leader)
    for t, hangs in ml.outside.items():
        team = org.teams[t]
        mgr = people.get(team.manager) if team.manager is not None else None
        if mgr is not None and mgr.id != hangs:
            move = (
                f"Move {_named(org, mgr.id)} and {team.name} to report to "
                f"{people[ml.leader].display_name}"
            )
        else:
            move = f"Move {team.name} into {people[ml.leader].display_name}'s org" + (
                f" (it is run by {mgr.display_name} directly)" if mgr is not None else ""
            )
        yield Finding(
            "one-leadership",
            "warning",
            f"{team.name} is an ML team under {_named(org, hangs)}, outside the ML org "
            f"led by {leader}: ML teams split across leaders drift apart in priorities "
            f"and incentives, away from the models' success. {move}.",
            (
                subject(org, "team", t),
                subject(org, "person", hangs),
                subject(org, "person", ml.leader),
                # named in the move: a rename re-runs the rule
                *((subject(org, "person", mgr.id),) if mgr is not None and mgr.id != hangs else ()),
            ),
        )


def tech_lead_placement(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    """Principal, Staff engineers and named tech leads of the ML org, where they sit."""
    if not facts.ml_org.all_teams and not org._placements:
        return
    leads = facts.tech_leads
    candidates = [pid for pid, p in org.people.items() if pid in leads or track(p) is not None]
    yield from tech_lead_placement_local(org, params, facts, candidates)


def tech_lead_placement_local(
    org: Org, params: Mapping[str, Any], facts: Facts, ids: Iterable[str]
) -> Iterator[Finding]:
    """The tech-lead placement findings of the people ``ids`` (those of the ML org)."""
    ml = facts.ml_org
    people = org.people
    leads = facts.tech_leads
    for pid in ids:
        p = people.get(pid)
        if p is None or p.manager is None or p.role is Role.OPEN:
            continue
        if (
            pid in leads
            or pid in ml.chain
            or p.manager in ml.chain
            or ml.contains(org, pid)
            or ml.contains(org, p.manager)
        ):
            yield from _placement_of(org, pid, facts)


def _placement_of(org: Org, pid: str, facts: Facts) -> Iterator[Finding]:
    people = org.people
    p = people[pid]
    mgr = people.get(p.manager) if p.manager is not None else None
    if mgr is None:
        return
    ml = facts.ml_org
    tr = track(p)
    led = facts.tech_leads.get(pid, ())
    if tr is None and not led:
        return
    pm = is_pm(mgr)
    if (
        not pm
        and tr != "principal"
        and (tr is None or mgr.role is Role.MANAGER or mgr.id in facts.team_managers)
    ):
        return  # a Staff engineer or tech lead under an engineering manager: in place
    what = {"principal": "Principal engineer", "staff": "Staff engineer"}.get(tr or "", "")
    team = org.teams.get(p.team) if p.team is not None else None
    team_mgr = (
        people.get(team.manager)
        if team is not None and team.manager is not None and team.manager != pid
        else None
    )
    if pm:
        roles = [what] if what else []
        roles += [f"tech lead of {name}" for _kind, _id, name in led]
        target_id: str | None = None
        if tr == "principal" and ml.leader is not None and ml.leader != mgr.id:
            target = f"to the ML leader, {_named(org, ml.leader)}"
            target_id = ml.leader
        elif team_mgr is not None and team_mgr.id != mgr.id:
            target = f"to {team_mgr.display_name}, who manages {team.name if team else ''},"
            target_id = team_mgr.id
        else:
            target = "to the engineering manager of the team they guide"
        yield Finding(
            "tech-lead-placement",
            "warning",
            f"{p.display_name} ({', '.join(roles)}) reports to product manager "
            f"{_named(org, mgr.id)}: technical direction should come from the engineering "
            f"line, with the PM setting priorities on a dotted line. Move "
            f"{p.display_name} to report {target} and keep a dotted line to "
            f"{mgr.display_name}.",
            (
                subject(org, "person", p.id),
                *(subject(org, kind, ent_id) for kind, ent_id, _name in led),
                subject(org, "person", mgr.id),
                *((subject(org, "person", target_id),) if target_id else ()),
            ),
        )
        return
    if tr == "principal":
        leader = ml.leader
        if leader is not None:
            if mgr.id == leader or (is_leader(mgr) and ml.in_leader_org(org, mgr.id)):
                return
            where = f"not to the ML leader, {_named(org, leader)}"
            fix = f"Move {p.display_name} to report to {people[leader].display_name}."
        else:
            if is_leader(mgr):
                return
            where = "not to the org's Director or VP"
            fix = f"Move {p.display_name} to report to the leader of the org."
        yield Finding(
            "tech-lead-placement",
            "warning",
            f"Principal engineer {p.display_name} reports to {_named(org, mgr.id)}, {where}: "
            f"the long-term technical roadmap of the whole org needs a seat next to its "
            f"leader. {fix}",
            (
                subject(org, "person", p.id),
                subject(org, "person", mgr.id),
                *((subject(org, "person", leader),) if leader is not None else ()),
            ),
        )
    elif tr == "staff" and mgr.role is not Role.MANAGER and mgr.id not in facts.team_managers:
        if team_mgr is not None and team is not None:
            fix = (
                f"Move {p.display_name} to report to {team_mgr.display_name}, who manages "
                f"{team.name}."
            )
        else:
            fix = f"Move {p.display_name} under the manager of the team they guide."
        yield Finding(
            "tech-lead-placement",
            "warning",
            f"Staff engineer {p.display_name} reports to {_named(org, mgr.id)}, who manages "
            f"no team: a Staff engineer guides one team's people and belongs under that "
            f"team's manager. {fix}",
            (
                subject(org, "person", p.id),
                subject(org, "person", mgr.id),
                *((subject(org, "person", team_mgr.id),) if team_mgr is not None else ()),
            ),
        )
