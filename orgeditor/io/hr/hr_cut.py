"""Cut the ML org out of a company-wide org: ``orgeditor import ALL.csv --root PERSON``.

:func:`cut_org` keeps

- the **subtree** under the root person(s) (everyone below them by solid lines),
- **everyone on a pipeline** and every pipeline owner, wherever they sit,
- and, **as context**, the leaders above all of them (their chains of managers up to the
  top), without their teams unless a kept person is in it;

and leaves out everybody else, with the teams, org units, pipelines and dotted lines that
were theirs only. The result is a new org (the original is not changed); :class:`Cut` says
what was kept and what was left out, for the report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from orgeditor.errors import UserError
from orgeditor.io.hr.import_report import count_words
from orgeditor.model.entities import OrgUnit, Person, Pipeline, Team
from orgeditor.model.org import Org

__all__ = ["Cut", "cut_org", "find_person"]


@dataclass
class Cut:
    org: Org
    roots: list[str]
    context: list[str]  # display lines of the leaders kept as context
    left_people: int
    left_teams: list[str]
    left_pipelines: list[str]
    left_dotted: int

    def lines(self) -> list[str]:
        out = [
            f"kept {count_words(len(self.org.people), 'person/people')} under "
            + ", ".join(self.roots)
            + " or on a pipeline, with the leaders above them"
        ]
        if self.context:
            out.append("kept as context: " + "; ".join(self.context))
        left = [count_words(self.left_people, "person/people")]
        if self.left_teams:
            left.append(
                count_words(len(self.left_teams), "team") + " (" + ", ".join(self.left_teams) + ")"
            )
        if self.left_pipelines:
            left.append(
                count_words(len(self.left_pipelines), "pipeline")
                + " ("
                + ", ".join(self.left_pipelines)
                + ")"
            )
        if self.left_dotted:
            left.append(count_words(self.left_dotted, "dotted line") + " to people left out")
        out.append("left out: " + ", ".join(left))
        return out


def find_person(org: Org, text: str, where: str = "--root") -> str:
    """A person by id, else by exact name, else by name ignoring case (one match only)."""
    if text in org.people:
        return text
    hits = [pid for pid, p in org.people.items() if p.name == text]
    if not hits:
        hits = [pid for pid, p in org.people.items() if p.name.casefold() == text.casefold()]
    if len(hits) == 1:
        return hits[0]
    if hits:
        ids = ", ".join(hits[:5])
        raise UserError(f"{where} {text!r}: several people have this name (ids {ids}): give the id")
    raise UserError(f"{where} {text!r}: nobody with this id or name")


def cut_org(org: Org, roots: Iterable[str]) -> Cut:
    """The part of ``org`` under the people ``roots`` (ids), everyone on a pipeline, and the
    leaders above them as context."""
    roots = list(roots)
    people = org.people
    reports = org._reports
    core: dict[str, None] = {}
    stack = list(reversed(roots))
    while stack:  # the subtrees, cycles and all
        pid = stack.pop()
        if pid in core:
            continue
        core[pid] = None
        stack.extend(reversed(list(reports.get(pid, ()))))
    for pid, places in org._placements.items():
        if places:
            core.setdefault(pid, None)
    for pl in org.pipelines.values():
        if pl.owner is not None:
            core.setdefault(pl.owner, None)
    context: dict[str, None] = {}
    for pid in list(core):
        for m in org.manager_chain(pid):
            if m in core or m in context:
                break
            context[m] = None
    keep = core.keys() | context.keys()
    kept_teams = {people[p].team for p in core} - {None}

    out = Org(org.name)
    out.settings = dict(org.settings)
    left_dotted = 0
    new_people: list[Person] = []
    for pid, p in people.items():  # file order
        if pid not in keep:
            continue
        dotted = tuple(d for d in p.dotted if d in keep)
        left_dotted += len(p.dotted) - len(dotted)
        team = p.team if p.team in kept_teams else None
        new_people.append(dataclasses.replace(p, team=team, dotted=dotted, fields=dict(p.fields)))

    def inside(pid: str | None) -> str | None:
        return pid if pid in keep else None

    for t in org.ordered_teams():
        if t.id in kept_teams:
            out._add_team(Team(t.id, t.name, t.kind, inside(t.manager), inside(t.tech_lead), t.kpi))
    placements = [
        (pid, team, pl, share)
        for pid, places in org._placements.items()
        if pid in keep
        for (team, pl), share in places.items()
    ]
    used_pipes = {pl for _p, _t, pl, _s in placements}
    for pl in org.ordered_pipelines():
        if pl.id in used_pipes or pl.owner in keep:
            out._add_pipeline(Pipeline(pl.id, pl.name, inside(pl.owner), inside(pl.tech_lead)))
    placements = [
        (pid, team if team in kept_teams else None, pl, share)
        for pid, team, pl, share in placements
    ]
    for u in org.ordered_units():
        teams = tuple(t for t in u.teams if t in kept_teams)
        if teams:
            out._add_unit(OrgUnit(u.id, u.name, inside(u.leader), teams, inside(u.tech_lead)))
    out._bulk_load(new_people, placements)
    ctx = []
    for pid in context:
        p = people[pid]
        ctx.append(f"{p.display_name} ({p.title})" if p.title else p.display_name)
    return Cut(
        out,
        [people[r].display_name for r in roots],
        ctx,
        len(people) - len(keep),
        [t.name for t in org.ordered_teams() if t.id not in kept_teams],
        [pl.name for pl in org.ordered_pipelines() if pl.id not in out.pipelines],
        left_dotted,
    )
