"""What the import infers once the org is built: team managers, org unit leaders, and the
problems it keeps for ``check`` (reporting cycles, shares over 100%)."""

from __future__ import annotations

from orgeditor.io.import_report import ImportReport
from orgeditor.model.entities import OrgUnit, Role, Team
from orgeditor.model.org import Org

__all__ = ["report_cycles", "report_over_allocation", "team_managers", "unit_leaders"]


def team_managers(org: Org, teams: list[Team]) -> None:
    """A team's manager heads (by solid lines inside the team) more than half of it."""
    if not teams:
        return
    people = org.people
    reports = org._reports
    leading = (Role.MANAGER, Role.DIRECTOR, Role.VP)
    root_of: dict[str, str] = {}
    heads: dict[str, dict[str, int]] = {}  # team -> {in-team root: members under it}
    size: dict[str, int] = {}
    for pid, p in people.items():  # file order
        team = p.team
        if team is None:
            continue
        path: dict[str, None] = {}
        cur = pid
        while True:
            known = root_of.get(cur)
            if known is not None:
                root = known
                break
            path[cur] = None
            m = people[cur].manager
            if m is None or m in path or m not in people or people[m].team != team:
                root = cur
                break
            cur = m
        for x in path:
            root_of[x] = root
        counts = heads.setdefault(team, {})
        counts[root] = counts.get(root, 0) + 1
        size[team] = size.get(team, 0) + 1
    for t in teams:
        found = heads.get(t.id)
        if not found:
            continue
        root, n = max(found.items(), key=lambda rc: rc[1])  # first in file order on ties
        head = people[root]
        if n * 2 > size[t.id] and (head.role in leading or root in reports):
            t.manager = root


def unit_leaders(org: Org, units: list[OrgUnit]) -> None:
    for unit in units:
        managers = [org.teams[t].manager for t in unit.teams]
        chains = [[m, *org.manager_chain(m)] for m in managers if m is not None]
        if not chains:
            continue
        common = set(chains[0]).intersection(*chains[1:])
        unit.leader = next((c for c in chains[0] if c in common), None)


def report_cycles(org: Org, report: ImportReport, row_of: dict[str, int]) -> None:
    """Report every person on a solid-line cycle (kept as it is, for check)."""
    people = org.people
    for loop in org.reporting_cycles():
        names = " -> ".join(people[i].display_name for i in [*loop, loop[0]])
        for pid in loop:
            report.add("cycle", row_of[pid], names)


def report_over_allocation(org: Org, report: ImportReport, row_of: dict[str, int]) -> None:
    """Report people whose shares add up to more than 100% (kept, for check)."""
    for pid, places in org._placements.items():
        total = sum(places.values())
        if total > 100:
            report.add("over-allocated", row_of[pid], f"{total}%")
