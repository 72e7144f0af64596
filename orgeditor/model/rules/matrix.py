"""Rules on the matrix: pipeline owners and coverage, team managers and tech leads, and
allocation.

The team rules (``team-manager``, ``team-tech-lead``) look at ML teams only (see
:mod:`orgeditor.model.rules.ml_org`): a Sales team without a tech lead is not the ML
leader's business. Allocation looks at everyone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from orgeditor.model.entities import Person, Role, Team, team_kind_label
from orgeditor.model.org import Cell, Org
from orgeditor.model.rules.base import Finding, subject
from orgeditor.model.rules.facts import Facts, by_name
from orgeditor.model.vocabulary import is_pm, track

__all__ = [
    "over_allocation",
    "over_allocation_local",
    "pipeline_coverage",
    "pipeline_coverage_local",
    "pipeline_owner",
    "team_manager",
    "team_tech_lead",
]


def pipeline_owner(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    return _owner(org, facts, None)


def pipeline_owner_local(
    org: Org, params: Mapping[str, Any], facts: Facts, ids: set[str]
) -> Iterator[Finding]:
    """The owner findings of the pipelines ``ids``."""
    return _owner(org, facts, ids)


def _owner(org: Org, facts: Facts, only: set[str] | None) -> Iterator[Finding]:
    people = org.people
    pipes = (
        org.ordered_pipelines()
        if only is None
        else [org.pipelines[i] for i in org.pipeline_order if i in only]
    )
    pms_on = facts.pms_on if only is not None else lambda pipe: facts.pipe_pms.get(pipe, [])
    for pl in pipes:
        owner = people.get(pl.owner) if pl.owner is not None else None
        if pl.owner is None:
            pms = pms_on(pl.id)
            if len(pms) == 1:
                continue  # the one PM on the pipeline owns it (as the domain says)
            if pms:
                names = ", ".join(p.display_name for p in pms)
                text = (
                    f"{pl.name} has no owner and {len(pms)} product managers on it "
                    f"({names}): two PMs on one model split the accountability for it. "
                    "Name one of them the owner."
                )
            else:
                text = (
                    f"{pl.name} has no product manager: nobody is accountable for the "
                    "model's failures and priorities. Name an ML product manager as its "
                    "owner (or open a position for one)."
                )
            yield Finding(
                "pipeline-owner",
                "warning",
                text,
                (subject(org, "pipeline", pl.id), *(subject(org, "person", p.id) for p in pms)),
            )
        elif owner is None:
            continue  # dangling-line reports it
        elif owner.role is Role.OPEN:
            yield Finding(
                "pipeline-owner",
                "info",
                f"{pl.name} is owned by an open position ({owner.title or 'unnamed'}): until "
                "the PM is hired nobody is accountable for the model.",
                (subject(org, "pipeline", pl.id), subject(org, "person", owner.id)),
            )
        elif not is_pm(owner):
            yield Finding(
                "pipeline-owner",
                "warning",
                f"{pl.name} is owned by {owner.display_name}, who is not a product manager: "
                "an owner busy with another job leaves the model's priorities unset.",
                (subject(org, "pipeline", pl.id), subject(org, "person", owner.id)),
            )
        else:
            others = [p for p in pms_on(pl.id) if p.id != owner.id]
            if others:
                names = ", ".join(p.display_name for p in others)
                yield Finding(
                    "pipeline-owner",
                    "info",
                    f"{pl.name} is owned by {owner.display_name}, but {names} also "
                    f"work{'s' if len(others) == 1 else ''} on it as product manager: two PMs "
                    "on one model split the accountability for it.",
                    (
                        subject(org, "pipeline", pl.id),
                        subject(org, "person", owner.id),
                        *(subject(org, "person", p.id) for p in others),
                    ),
                )


def pipeline_coverage(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    required: tuple[str, ...] = tuple(params["required_kinds"])
    if not required:
        return
    yield from _coverage(org, required, None)


def pipeline_coverage_local(
    org: Org, params: Mapping[str, Any], facts: Facts, ids: set[str]
) -> Iterator[Finding]:
    """The coverage findings of the pipelines ``ids``."""
    required: tuple[str, ...] = tuple(params["required_kinds"])
    if required:
        yield from _coverage(org, required, ids)


def _coverage(org: Org, required: tuple[str, ...], only: set[str] | None) -> Iterator[Finding]:
    people = org.people
    teams = org.teams
    open_ = Role.OPEN
    kinds_of: dict[str, set[str]] = {}
    if only is None:
        cells: Iterable[tuple[Cell, dict[str, None]]] = org._cells.items()
    else:  # one look per team and pipeline, not a pass over every cell
        cells = (
            ((team, pipe), org._cells[team, pipe])
            for pipe in only
            for team in org.team_order
            if (team, pipe) in org._cells
        )
    for (team, pipe), members in cells:
        if team is None or pipe is None or team not in teams:
            continue
        kind = teams[team].kind
        kinds = kinds_of.setdefault(pipe, set())
        if kind not in kinds and any(people[m].role is not open_ for m in members):
            kinds.add(kind)
    if only is None:
        pipes = org.ordered_pipelines()
    else:
        pipes = [org.pipelines[p] for p in only if p in org.pipelines]
    for pl in pipes:
        kinds = kinds_of.get(pl.id, set())
        missing = [k for k in required if k not in kinds]
        if missing:
            labels = " or ".join(team_kind_label(k) for k in missing)
            yield Finding(
                "pipeline-coverage",
                "warning",
                f"{pl.name} has nobody from {labels}: a model without the people who label, "
                "train and review it cannot improve on its failures. Place someone from "
                f"{labels} on it.",
                (subject(org, "pipeline", pl.id),),
            )


def team_manager(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    people = org.people
    sizes = facts.team_sizes
    ml = facts.ml_teams
    for t in org.ordered_teams():
        if t.id not in ml:
            continue
        mgr = people.get(t.manager) if t.manager is not None else None
        n = sizes.get(t.id, 0)
        if t.manager is None:
            heads = facts.member_managers.get(t.id, {})
            boss = people[next(iter(heads))] if len(heads) == 1 else None
            fix = (
                f"Name its manager (its people report to {boss.display_name}), or open a "
                "position for one."
                if boss is not None
                else "Name its manager, or open a position for one."
            )
            whom = f"its {n} {'person' if n == 1 else 'people'}" if n else "it"
            yield Finding(
                "team-manager",
                "warning",
                f"{t.name} has no manager: nobody hires, coaches or sets priorities for "
                f"{whom}. {fix}",
                (
                    subject(org, "team", t.id),
                    *((subject(org, "person", boss.id),) if boss is not None else ()),
                ),
            )
        elif mgr is not None and mgr.role is Role.OPEN:
            yield Finding(
                "team-manager",
                "info",
                f"{t.name}'s manager is an open position: until the hire, its people have "
                "nobody to coach them or set priorities.",
                (subject(org, "team", t.id), subject(org, "person", mgr.id)),
            )


def team_tech_lead(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    ml = facts.ml_teams
    teams = [t for t in org.ordered_teams() if t.id in ml]
    yield from _team_tech_lead(org, params, teams, facts.team_sizes, facts.members_of)


def team_tech_lead_local(
    org: Org, params: Mapping[str, Any], facts: Facts, ids: set[str]
) -> Iterator[Finding]:
    """The team-tech-lead findings of the teams ``ids`` (their members found in one pass,
    not every team's)."""
    ml = facts.ml_teams
    members: dict[str, list[Person]] = {t: [] for t in ids if t in ml and t in org.teams}
    if not members:
        return
    for p in org.people.values():
        if p.team in members:
            members[p.team].append(p)
    sizes = {t: sum(1 for p in ps if p.role is not Role.OPEN) for t, ps in members.items()}
    teams = [org.teams[t] for t in members]
    yield from _team_tech_lead(org, params, teams, sizes, members.__getitem__)


def _team_tech_lead(
    org: Org,
    params: Mapping[str, Any],
    teams: Iterable[Team],
    sizes: Mapping[str, int],
    members_of: Callable[[str], list[Person]],
) -> Iterator[Finding]:
    limit: int = params["min_size"]
    for t in teams:
        n = sizes.get(t.id, 0)
        if n >= limit and (t.tech_lead is None or t.tech_lead not in org.people):
            # by name, not in the order the org holds its people (which an undone removal
            # changes): the same org gives the same finding, however it was edited
            staff = by_name(
                p for p in members_of(t.id) if p.id != t.manager and track(p) is not None
            )[:2]
            fix = (
                f"Name {' or '.join(p.display_name for p in staff)} its tech lead."
                if staff
                else "Name one of its senior engineers its tech lead (a Staff engineer role)."
            )
            yield Finding(
                "team-tech-lead",
                "warning",
                f"{t.name} has {n} people and no tech lead: a team of {limit} or more needs "
                f"someone to set technical direction and review designs. {fix}",
                (subject(org, "team", t.id), *(subject(org, "person", p.id) for p in staff)),
            )


def over_allocation(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    limit: int = params["max_share"]
    other: bool = params["flag_other_team"]
    people = org.people
    # one placement above the limit is over-allocated too (as the re-check of a few says)
    suspects = [pid for pid, places in org._placements.items() if sum(places.values()) > limit]
    if other:
        strays = {
            m
            for (team, pipe), members in org._cells.items()
            if team is not None and pipe is not None
            for m in members
            if people[m].team != team
        }
        if strays:
            suspects = [pid for pid in org._placements if pid in strays or pid in suspects]
    for pid in suspects:
        yield from _allocation(org, pid, limit, other)


def over_allocation_local(
    org: Org, params: Mapping[str, Any], facts: Facts, ids: set[str]
) -> Iterator[Finding]:
    """The allocation findings of the people ``ids``."""
    for pid in ids:
        yield from _allocation(org, pid, params["max_share"], params["flag_other_team"])


def _allocation(org: Org, pid: str, limit: int, other: bool) -> Iterator[Finding]:
    places = org._placements.get(pid)
    p = org.people.get(pid)
    if p is None or not places:
        return
    total = sum(places.values())
    if total > limit:
        yield Finding(
            "over-allocation",
            "warning",
            f"{p.display_name} is allocated {total}% across {len(places)} cells, more "
            f"than {limit}%: over-committed people become bottlenecks and burn out. Bring "
            f"the shares down to {limit}%, or hand one of the pipelines to a colleague.",
            (subject(org, "person", pid),),
        )
    if not other:
        return
    teams = org.teams
    for team, pipe in places:
        if team is not None and team != p.team:
            own_team = teams.get(p.team) if p.team is not None else None
            yield Finding(
                "over-allocation",
                "warning",
                f"{p.display_name} ({own_team.name if own_team else 'no team'}) is placed in "
                f"{teams[team].name if team in teams else team}'s column on "
                f"{org.pipelines[pipe].name if pipe in org.pipelines else pipe}: work "
                "outside one's own team has no manager looking after it. Move the placement "
                "to the person's own column, or move them into that team.",
                (
                    subject(org, "person", pid),
                    subject(org, "team", team),
                    subject(org, "pipeline", pipe),
                ),
            )
