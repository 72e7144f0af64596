"""What the import infers once the org is built: team managers, org unit leaders, and the
problems it keeps for ``check`` (reporting cycles, shares over 100%).

A team's manager, as a person reading the export would name them:

1. the member who heads (by solid lines inside the team) more than half of it, if they lead
   (manager, director, VP) or have reports;
2. else the member whose title names them the manager of this team ("Manager, Tooling",
   "Tooling Manager", "Head of Tooling", "Director, Tooling"), even with nobody reporting to
   them yet; else the one member who leads and whose own manager is outside the team;
3. else, when every member reports to one person outside the team (the PMs of "ML Product"
   reporting to the Director), that person: shown as the team's manager, noted in the
   report, and still of their own role (a Director stays a Director).
"""

from __future__ import annotations

import re

from orgeditor.io.hr.import_report import ImportReport
from orgeditor.model.entities import OrgUnit, Role, Team
from orgeditor.model.org import Org

__all__ = ["report_cycles", "report_over_allocation", "team_managers", "unit_leaders"]


_MANAGER_WORDS = r"(manager|head|director|lead(er)?|supervisor|mgr)"


def names_team(title: str, team: str) -> bool:
    """Whether a title makes its holder the manager of the named team.

    >>> names_team("Manager, Tooling", "Tooling"), names_team("Head of Tooling", "Tooling")
    (True, True)
    >>> names_team("Tooling Manager", "Tooling"), names_team("Tooling Engineer", "Tooling")
    (True, False)
    """
    t, name = title.casefold().strip(), re.escape(team.casefold().strip())
    if not t or not name:
        return False
    pattern = (
        rf"\b{_MANAGER_WORDS}\b\s*(,|of|for|-|–|:)?\s*(the\s+)?{name}\b"
        rf"|\b{name}\s+(team\s+)?{_MANAGER_WORDS}\b"
    )
    return re.search(pattern, t) is not None and "tech lead" not in t


def team_managers(
    org: Org,
    teams: list[Team],
    report: ImportReport | None = None,
    row_of: dict[str, int] | None = None,
) -> None:
    """Each team's manager, by the rules of the module docstring (notes into ``report``)."""
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
            continue
        # the in-team roots: members whose own manager is outside the team
        roots = list(found)
        by_title = [
            r
            for r in roots
            if people[r].role is not Role.PM and names_team(people[r].title, t.name)
        ]
        leaders = [r for r in roots if people[r].role in leading]
        chosen = by_title[0] if by_title else leaders[0] if len(leaders) == 1 else None
        if chosen is not None:
            t.manager = chosen
            if report is not None and row_of is not None and not reports.get(chosen):
                report.add("manager-by-title", row_of[chosen], f"{t.name}: {people[chosen].name}")
            continue
        outside = {people[r].manager for r in roots}
        if len(outside) == 1 and len(roots) == size[t.id]:
            boss = outside.pop()
            if boss is not None and boss in people and people[boss].team != t.id:
                t.manager = boss
                if report is not None and row_of is not None:
                    b = people[boss]
                    title = f" ({b.title})" if b.title else ""
                    report.add("led-from-outside", row_of[boss], f"{t.name}: {b.name}{title}")


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
