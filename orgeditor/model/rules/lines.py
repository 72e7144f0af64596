"""Rules on reporting lines: cycles, two managers, dangling lines, span of control.

Every rule here is one linear pass over the people (or the managers), so checking a
20,000-person org costs a few milliseconds beyond loading it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from orgeditor.model.entities import Role
from orgeditor.model.org import Org
from orgeditor.model.rules.base import Finding, Subject, subject
from orgeditor.model.rules.facts import Facts
from orgeditor.model.vocabulary import is_leader, is_pm, track

__all__ = [
    "dangling_line",
    "dangling_line_local",
    "multiple_managers",
    "multiple_managers_local",
    "reporting_cycle",
    "reporting_cycle_local",
    "span_of_control",
    "span_of_control_local",
]


def reporting_cycle(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    """Solid lines that loop back (A reports to B, B reports to A)."""
    for loop in org.reporting_cycles():
        yield _cycle_finding(org, loop)


def _cycle_finding(org: Org, loop: list[str]) -> Finding:
    """A cycle, told from its member with the smallest id (the same from any start)."""
    start = loop.index(min(loop))
    loop = loop[start:] + loop[:start]
    names = [org.people[p].display_name for p in loop]
    chain = " → ".join([*names, names[0]])
    return Finding(
        "reporting-cycle",
        "error",
        f"Reporting cycle: {chain}. Nobody at the top of this loop is accountable "
        "for these people, and every chart of it is wrong. Give one of them a manager "
        "outside the loop.",
        tuple(subject(org, "person", p) for p in loop),
    )


def reporting_cycle_local(
    org: Org, params: Mapping[str, Any], facts: Facts, ids: set[str]
) -> Iterator[Finding]:
    """The cycles through ``ids`` (after their managers changed)."""
    people = org.people
    seen: set[frozenset[str]] = set()
    for pid in ids:
        if pid not in people:
            continue
        path = [pid]
        on_path = {pid}
        cur = people[pid].manager
        while cur is not None and cur in people and cur not in on_path:
            path.append(cur)
            on_path.add(cur)
            cur = people[cur].manager
        if cur == pid and frozenset(path) not in seen:
            seen.add(frozenset(path))
            yield _cycle_finding(org, path)


def multiple_managers(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    """Two solid managers, as imports leave them, or a team manager outside the person's chain.

    The model keeps one solid ``manager`` per person; a second one shows up as
    ``unresolved_manager`` next to a resolved ``manager`` (an import listed two bosses), and a
    person whose team's manager is neither them nor above them has two bosses in practice.
    """
    for pid in org.people:
        yield from _two_managers(org, pid)


def multiple_managers_local(
    org: Org, params: Mapping[str, Any], facts: Facts, ids: set[str]
) -> Iterator[Finding]:
    """The two-manager findings of the people ``ids``."""
    for pid in ids:
        yield from _two_managers(org, pid)


def _two_managers(org: Org, pid: str) -> Iterator[Finding]:
    people = org.people
    p = people.get(pid)
    if p is None:
        return
    if p.manager is not None and p.unresolved_manager:
        mgr = people.get(p.manager)
        yield Finding(
            "multiple-managers",
            "error",
            f"{p.display_name} has two solid managers: "
            f"{mgr.display_name if mgr else p.manager} and “{p.unresolved_manager}” "
            "(from an import). A person with two line managers gets conflicting "
            "priorities and no clear owner of their growth. Keep one line manager and make "
            "the other a dotted line.",
            (subject(org, "person", p.id),) + ((subject(org, "person", p.manager),) if mgr else ()),
        )
    if p.team is None or p.role is Role.OPEN or p.manager is None:
        return
    team = org.teams.get(p.team)
    if team is None or team.manager is None or team.manager in (p.id, p.manager):
        return
    if team.manager not in people or team.manager in org.manager_chain(p.id):
        return
    if not _whole_chain(org, p.id):
        return  # a loop or a line to nobody above them: that is the finding
    boss = people[team.manager]
    line = people.get(p.manager)
    if line is not None and is_pm(line) and (track(p) is not None or _leads(org, p.id)):
        return  # one finding: tech-lead-placement moves them under their team's manager
    yield Finding(
        "multiple-managers",
        "warning",
        f"{p.display_name} is in {team.name}, managed by {boss.display_name}, but reports "
        f"to {line.display_name if line else p.manager}: two bosses pull one person "
        f"in different directions. Have {p.display_name} report to {boss.display_name}, or "
        f"move them out of {team.name}.",
        (
            subject(org, "person", p.id),
            subject(org, "team", team.id),
            subject(org, "person", boss.id),
            subject(org, "person", p.manager),
        ),
    )


def _whole_chain(org: Org, pid: str) -> bool:
    """Whether the chain of managers above ``pid`` ends at a top person, without a loop or a
    line to nobody."""
    people = org.people
    seen = {pid}
    cur = people[pid].manager
    while cur is not None:
        if cur not in people or cur in seen:
            return False
        seen.add(cur)
        cur = people[cur].manager
    return True


def _leads(org: Org, pid: str) -> bool:
    return any(
        ent.tech_lead == pid
        for table in (org.teams, org.pipelines, org.units)
        for ent in table.values()
    )


def dangling_line(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    """Manager, dotted-line, owner or lead references that resolve to nobody."""
    people = org.people
    why = _WHY_LOST
    missing_ids = (set(org._reports) | set(org._dotted_reports)) - people.keys()
    suspects = [
        p
        for p in people.values()
        if p.unresolved_manager
        or p.unresolved_dotted
        or (missing_ids and (p.manager in missing_ids or not missing_ids.isdisjoint(p.dotted)))
    ]
    for p in suspects:
        yield from _dangling_person(org, p.id)
    for kind, table, fields in (
        ("team", org.teams, ("manager", "tech_lead")),
        ("pipeline", org.pipelines, ("owner", "tech_lead")),
        ("unit", org.units, ("leader", "tech_lead")),
    ):
        for ent in table.values():
            for f in fields:
                ref = getattr(ent, f)
                if ref is not None and ref not in people:
                    yield Finding(
                        "dangling-line",
                        "error",
                        f"{ent.name}'s {f.replace('_', ' ')} {ref!r} matches nobody in the "
                        f"org: {why}",
                        (subject(org, kind, ent.id),),
                    )


_WHY_LOST = "the line is lost until it names a real person. Correct it, or clear it."


def _dangling_person(org: Org, pid: str) -> Iterator[Finding]:
    people = org.people
    p = people[pid]
    why = _WHY_LOST
    if p.unresolved_manager and p.manager is None:
        yield Finding(
            "dangling-line",
            "error",
            f"{p.display_name}'s manager “{p.unresolved_manager}” matches nobody in the org: {why}",
            (subject(org, "person", p.id),),
        )
    if p.manager is not None and p.manager not in people:
        yield Finding(
            "dangling-line",
            "error",
            f"{p.display_name}'s manager id {p.manager!r} matches nobody in the org: {why}",
            (subject(org, "person", p.id),),
        )
    missing = [*p.unresolved_dotted, *(d for d in p.dotted if d not in people)]
    if missing:
        listed = ", ".join(f"“{m}”" for m in missing)
        yield Finding(
            "dangling-line",
            "error",
            f"{p.display_name}'s dotted line{'s' if len(missing) > 1 else ''} to {listed} "
            f"match{'' if len(missing) > 1 else 'es'} nobody in the org: {why}",
            (subject(org, "person", p.id),),
        )


def dangling_line_local(
    org: Org, params: Mapping[str, Any], facts: Facts, ids: set[str]
) -> Iterator[Finding]:
    for pid in ids:
        if pid in org.people:
            yield from _dangling_person(org, pid)


def span_of_control(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    """More than ``max_reports`` direct solid reports, or (``flag_single``) exactly one; the
    managers of the ML org only, unless ``everyone``."""
    limit: int = params["max_reports"]
    single: bool = params["flag_single"]
    ml = None if params.get("everyone") else facts.ml_org
    loops = _Loops(org, facts)
    for mgr_id, reports in org._reports.items():
        n = len(reports)
        if n <= limit and not (single and n == 1):
            continue
        if ml is not None and not ml.contains(org, mgr_id):
            continue
        if loops.has(mgr_id):
            continue
        found = _span_finding(org, facts, mgr_id, limit, single)
        if found is not None:
            yield found


class _Loops:
    """Whether a person sits in a reporting loop (the loop is that finding, not a span)."""

    def __init__(self, org: Org, facts: Facts) -> None:
        self.org = org
        self.facts = facts
        self.members: set[str] | None = None

    def has(self, pid: str) -> bool:
        if pid in self.facts.sound or pid not in self.org.people:
            return False
        if self.members is None:
            self.members = {p for loop in self.org.reporting_cycles() for p in loop}
        return pid in self.members


def span_of_control_local(
    org: Org, params: Mapping[str, Any], facts: Facts, ids: set[str]
) -> Iterator[Finding]:
    """The span findings of the managers ``ids`` (the ML org's, unless ``everyone``)."""
    ml = None if params.get("everyone") else facts.ml_org
    loops = _Loops(org, facts)
    for mgr_id in ids:
        if mgr_id not in org.people or (ml is not None and not ml.contains(org, mgr_id)):
            continue
        if loops.has(mgr_id):
            continue
        found = _span_finding(org, facts, mgr_id, params["max_reports"], params["flag_single"])
        if found is not None:
            yield found


def _plural(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _span_finding(org: Org, facts: Facts, mgr_id: str, limit: int, single: bool) -> Finding | None:
    people = org.people
    reports = [r for r in org._reports.get(mgr_id, {}) if r in people]
    n = len(reports)
    mgr = people.get(mgr_id)
    if mgr is None or not (n > limit or (single and n == 1)):
        return None
    dotted = len(org._dotted_reports.get(mgr_id, ()))
    n_open = sum(1 for r in reports if people[r].role is Role.OPEN)
    counts = _plural(n, "direct solid report")
    if n_open:
        counts += f" ({n_open} of them {'an open position' if n_open == 1 else 'open positions'})"
    if dotted:
        counts += f" and {_plural(dotted, 'dotted-line report')}"
    who = Subject("person", mgr_id, mgr.display_name)
    pm = is_pm(mgr)
    leader = is_leader(mgr)
    if n > limit:
        if pm:
            fix = (
                "A product manager leads through dotted lines: move the engineers to their "
                "teams' managers and keep dotted lines to the PM."
            )
        elif leader:
            fix = "Group the reports under a few managers, or add a layer of team managers."
        else:
            fix = "Split the team in two with a second manager, or name a tech lead."
        return Finding(
            "span-of-control",
            "warning",
            f"{mgr.display_name} has {counts}, more than {limit}: a manager with this many "
            f"reports cannot coach each of them or keep up one-to-ones. {fix}",
            (who,),
        )
    only = people[reports[0]]
    above = people.get(mgr.manager) if mgr.manager is not None else None
    named = [who, Subject("person", only.id, only.display_name)]
    if pm and is_pm(only):
        if above is not None:
            named.append(Subject("person", above.id, above.display_name))
        fix = (
            "a manager of one product manager adds a layer without adding leadership "
            f"capacity. Bring more PMs under {mgr.display_name}"
            + (f", or have {only.display_name} report to {above.display_name}." if above else ".")
        )
    elif pm:
        if track(only) is not None or only.id in facts.tech_leads:
            return None  # tech-lead-placement says what to do with this line
        fix = (
            "a product manager leads through dotted lines. Move "
            f"{only.display_name} to the manager of their team and keep a dotted line."
        )
    elif leader:
        fix = (
            f"a leader over one manager adds a layer. Have {only.display_name}'s reports "
            f"report to {mgr.display_name} directly, or bring more teams under "
            f"{mgr.display_name}."
            if org._reports.get(only.id)
            else "a leader over one person adds a layer. Grow the org under "
            f"{mgr.display_name}, or merge this role into the level above."
        )
    else:
        fix = (
            "a manager of one adds a layer without adding leadership capacity. Merge the "
            "team into a neighbour, or make this a tech-lead role."
        )
    return Finding(
        "span-of-control",
        "info",
        f"{mgr.display_name} has {counts} ({only.display_name}): {fix}",
        tuple(named),
    )
