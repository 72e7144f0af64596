"""Quick fixes for health-check findings: the obvious edit, offered in the findings panel.

:func:`fixes_for` returns the fixes of one finding (none when nothing is obvious); each
:class:`QuickFix` runs one :class:`~orgeditor.document.Document` call or transaction, so it
is one undo step. Qt-free, so tests call it directly.

- *Two managers* (the team's manager is not the person's line manager): make the team's
  manager their manager.
- *Pipeline owner* (no PM owner): make a product manager the owner, first the PMs who work on
  the pipeline, then PMs who own no pipeline, then the others.
- *Team manager* (no manager): make the team's one manager-by-role its manager.
- *Team tech lead* (a large team without one): make its most senior engineer tech lead
  (Principal, then Staff, then level).
- *Span of control* (too many reports): split the span: the most senior report leads half of
  the others.
- *Merge conflict*: keep ours, or take theirs (:mod:`orgeditor.ui.findings.conflict_fixes` finds the
  recorded conflict).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from orgeditor.document import Document
from orgeditor.model.entities import Person, Role
from orgeditor.model.org import Org
from orgeditor.model.rules.base import Finding
from orgeditor.model.vocabulary import is_pm, track
from orgeditor.ui.findings.conflict_fixes import conflict_of

__all__ = ["QuickFix", "fixes_for", "span_people"]


@dataclass(frozen=True)
class QuickFix:
    """One obvious edit: ``label`` for the menu, ``run(doc)`` makes it (one undo step)."""

    label: str
    run: Callable[[Document], None]


def _first(f: Finding, kind: str) -> str | None:
    return next((s.id for s in f.subjects if s.kind == kind), None)


def _seniority(p: Person) -> tuple[int, int, str]:
    t = track(p)
    rank = 2 if t == "principal" else 1 if t == "staff" else 0
    digits = "".join(ch for ch in p.level if ch.isdigit())
    return (rank, int(digits) if digits else 0, p.display_name)


def _name(p: Person) -> str:
    return p.display_name


def _setter(kind: str, id: str, field: str, value: str) -> Callable[[Document], None]:
    return lambda doc: doc.set_field(kind, id, field, value)


def _lead(team: str, person: str) -> Callable[[Document], None]:
    return lambda doc: doc.set_tech_lead("team", team, person)


def span_people(org: Org, f: Finding) -> list[str]:
    """A span finding's manager and direct reports (what clicking it selects)."""
    boss = _first(f, "person")
    if f.rule != "span-of-control" or boss is None or boss not in org.people:
        return []
    return [boss, *org.direct_reports(boss)]


def fixes_for(org: Org, f: Finding) -> list[QuickFix]:
    """The quick fixes of one finding (empty when no edit is obvious)."""
    maker = _MAKERS.get(f.rule)
    return maker(org, f) if maker is not None else []


def _two_managers(org: Org, f: Finding) -> list[QuickFix]:
    pid = _first(f, "person")
    person = org.people.get(pid) if pid else None
    if person is None or person.team not in org.teams:
        return []
    boss = org.teams[person.team].manager
    if boss is None or boss not in org.people or boss == person.id or person.manager == boss:
        return []
    if person.id in org.manager_chain(boss):
        return []
    name = org.people[boss].display_name

    def run(doc: Document) -> None:
        doc.set_manager(person.id, boss)

    return [QuickFix(f"Make {name} (the team's manager) manager of {person.display_name}", run)]


def _pipeline_owner(org: Org, f: Finding) -> list[QuickFix]:
    lid = _first(f, "pipeline")
    if lid is None or lid not in org.pipelines or org.pipelines[lid].owner is not None:
        return []
    pms = [p for p in org.people.values() if p.role is not Role.OPEN and is_pm(p)]
    owners = {pl.owner for pl in org.pipelines.values()}
    on_it = [p for p in pms if any(c[1] == lid for c in org.cells_of(p.id))]
    free = sorted((p for p in pms if p.id not in owners and p not in on_it), key=_name)
    busy = sorted((p for p in pms if p.id in owners and p not in on_it), key=_name)
    out = []
    for p in (on_it + free + busy)[:3]:
        out.append(
            QuickFix(
                f"Make {p.display_name} owner of {org.pipelines[lid].name}",
                _setter("pipeline", lid, "owner", p.id),
            )
        )
    return out


def _team_manager(org: Org, f: Finding) -> list[QuickFix]:
    tid = _first(f, "team")
    if tid is None or tid not in org.teams or org.teams[tid].manager is not None:
        return []
    managers = [p for p in org.people.values() if p.team == tid and p.role is Role.MANAGER]
    if len(managers) != 1:
        return []
    m = managers[0]
    return [
        QuickFix(
            f"Make {m.display_name} manager of {org.teams[tid].name}",
            _setter("team", tid, "manager", m.id),
        )
    ]


def _team_tech_lead(org: Org, f: Finding) -> list[QuickFix]:
    tid = _first(f, "team")
    if tid is None or tid not in org.teams or org.teams[tid].tech_lead is not None:
        return []
    team = org.teams[tid]
    members = [
        p
        for p in org.people.values()
        if p.team == tid and p.role is Role.IC and p.id != team.manager
    ]
    members.sort(key=_seniority, reverse=True)
    return [
        QuickFix(
            f"Make {p.display_name} tech lead of {team.name}",
            _lead(tid, p.id),
        )
        for p in members[:2]
    ]


def _span(org: Org, f: Finding) -> list[QuickFix]:
    people = span_people(org, f)
    if len(people) < 4:
        return []
    boss, reports = people[0], people[1:]
    seniors = sorted(
        (org.people[r] for r in reports if org.people[r].role is not Role.OPEN),
        key=_seniority,
        reverse=True,
    )
    if not seniors:
        return []
    lead = seniors[0]
    others = [r for r in reports if r != lead.id]
    half = others[len(others) // 2 :]
    if not half:
        return []
    label = (
        f"Split the span of {org.people[boss].display_name}: {len(half)} of the reports "
        f"report to {lead.display_name}"
    )

    def run(doc: Document) -> None:
        with doc.transaction(label):
            doc.set_managers(half, lead.id)

    return [QuickFix(label, run)]


def _merge_conflict(org: Org, f: Finding) -> list[QuickFix]:
    c = conflict_of(org, f)
    if c is None:
        return []
    cid = c["id"]
    return [
        QuickFix("Keep ours", lambda doc: doc.resolve_conflict(cid, "ours")),
        QuickFix("Take theirs", lambda doc: doc.resolve_conflict(cid, "theirs")),
    ]


_MAKERS: dict[str, Callable[[Org, Finding], list[QuickFix]]] = {
    "merge-conflict": _merge_conflict,
    "multiple-managers": _two_managers,
    "pipeline-owner": _pipeline_owner,
    "team-manager": _team_manager,
    "team-tech-lead": _team_tech_lead,
    "span-of-control": _span,
}
