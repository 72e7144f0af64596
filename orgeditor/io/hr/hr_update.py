"""Refresh an org from a new HR export: HR facts from the export, planning from the org.

``orgeditor import NEW.csv --update ORG.orgchart -o OUT.orgchart`` imports the export as
usual (:mod:`orgeditor.io.hr.hr_import`), then :func:`plan_update` compares it with the planned
org and gives the small invertible changes (:mod:`orgeditor.model.changes`) that bring the
HR facts in; :func:`update_org` applies them (the window applies them through the document,
as one undo step). The cost follows the number of changes, not the size of the org.

- **People** are matched by id, and those an export renumbered by their exact name when
  only one person has it. A matched person keeps their id.
- **HR facts come from the export**, for the columns it has: names, titles, levels, roles
  (a role column, or a title that changed), managers, teams, the HR facts and custom fields.
  Joiners (in the export only) are added; leavers (in the org only, open positions aside)
  are removed, and what pointed at them (owners, tech leads, team managers, lines) is cleared.
- **Planning stays**: pipelines, placements (moved along when a person changes team),
  pipeline and team tech leads, KPIs, team kinds, org units, open positions, file settings,
  and dotted lines the export does not carry (the export's own dotted lines are added).

The report lists what changed, person by person (:class:`PersonChange`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgeditor.io.hr.columns import HR_FACT_FIELDS
from orgeditor.io.hr.import_report import ImportReport, count_words
from orgeditor.io.orgfile import load
from orgeditor.model.changes import (
    AddEntity,
    Change,
    RemoveEntity,
    SetField,
    SetOrgField,
    entity_record,
)
from orgeditor.model.entities import OrgUnit, Person, Pipeline, Role, Team
from orgeditor.model.org import Org
from orgeditor.model.placements import AddPlacement, RemovePlacement
from orgeditor.model.sensitive import SENSITIVE_SETTING, sensitive_fields

__all__ = ["PersonChange", "UpdatePlan", "frozen_org", "plan_update", "update_org"]


@dataclass
class PersonChange:
    """One person's change: ``kind`` is ``joined``, ``left`` or ``changed``."""

    kind: str
    person: str  # the id in the updated org (joined, changed) or in the old one (left)
    name: str
    details: list[str] = field(default_factory=list)

    def line(self) -> str:
        mark = {"joined": "+", "left": "-", "changed": "~"}[self.kind]
        more = ": " + "; ".join(self.details) if self.details else ""
        return f"{mark} {self.kind}: {self.name}{more}"

    def to_data(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.person, "name": self.name, "details": self.details}


@dataclass
class UpdatePlan:
    """The changes that refresh an org, and what they mean person by person."""

    changes: list[Change]
    people: list[PersonChange]
    #: planning that pointed at leavers ("Fraud Detection: owner Sofia Rossi left")
    cleared: list[str]
    kept: dict[str, int]

    def lines(self, source: str) -> list[str]:
        joined = sum(1 for c in self.people if c.kind == "joined")
        left = sum(1 for c in self.people if c.kind == "left")
        changed = len(self.people) - joined - left
        out = [
            f"updated {source}: {joined} joined, {left} left, {changed} changed",
            "kept planning: " + ", ".join(count_words(n, what) for what, n in self.kept.items()),
        ]
        out.extend(c.line() for c in self.people)
        out.extend(f"cleared: {c}" for c in self.cleared)
        return out


@contextmanager
def frozen_org(path: str | Path) -> Iterator[Org]:
    """Load the planned org (``--update ORG.orgchart``) and keep it, with everything loaded
    so far, out of the cyclic collector's scans while the import and the refresh run: it
    holds no cycles, and rescanning it on every collection costs the import a tenth."""
    org = load(path)
    gc.freeze()
    try:
        yield org
    finally:
        gc.unfreeze()


def update_org(old: Org, new: Org, report: ImportReport) -> UpdatePlan:
    """Refresh ``old`` in place from the import ``new`` (with its ``report``)."""
    # like the import: many small objects and no cycles, so the cyclic collector (which would
    # walk both orgs again and again) waits
    paused = gc.isenabled()
    gc.disable()
    try:
        plan = plan_update(old, new, report)
        for change in plan.changes:
            change.apply(old)
    finally:
        if paused:
            gc.enable()
    return plan


def _fresh(prefix: str, used: set[str]) -> str:
    n = len(used) + 1
    while f"{prefix}{n}" in used:
        n += 1
    used.add(f"{prefix}{n}")
    return f"{prefix}{n}"


def _match(old: Org, new: Org, by_id: bool) -> dict[str, str]:
    """new id -> old id: by id (when the export has ids), then by a unique exact name."""
    olds = old.people
    match: dict[str, str] = {nid: nid for nid in new.people if nid in olds} if by_id else {}
    if len(match) == len(new.people):
        return match
    taken = set(match)
    wanted = {np.name for nid, np in new.people.items() if nid not in match and np.name}
    by_name: dict[str, list[str]] = {}
    for oid, op in old.people.items():
        if op.name in wanted and oid not in taken and op.role is not Role.OPEN:
            by_name.setdefault(op.name, []).append(oid)
    for nid, np in new.people.items():
        if nid in match or not np.name:
            continue
        hits = [h for h in by_name.get(np.name, ()) if h not in taken]
        if len(hits) == 1:
            match[nid] = hits[0]
            taken.add(hits[0])
    return match


class _Planner:
    def __init__(self, old: Org, new: Org, report: ImportReport) -> None:
        self.old, self.new = old, new
        self.has = set(report.mapping)
        carried = set(report.custom_columns) | set(HR_FACT_FIELDS)
        carried |= {h for h, _c in (*report.sensitive_dropped, *report.sensitive_kept)}
        self.carried = carried
        self.kept_sensitive = {h for h, _c in report.sensitive_kept}
        self.changes: list[Change] = []
        self.people: list[PersonChange] = []
        self.cleared: list[str] = []
        match = _match(old, new, "id" in self.has)
        self.match = match
        rid = dict(match)  # new id -> id in the updated org
        if len(rid) < len(new.people):
            used = set(old.people)
            for nid in new.people:
                if nid not in rid:
                    rid[nid] = nid if nid not in used else _fresh("p", used)
                    used.add(rid[nid])
        self.rid = rid
        self.new_of_old = {o: n for n, o in match.items()}
        people = old.people
        self.leavers = {
            oid
            for oid in people.keys() - self.new_of_old.keys()
            if people[oid].role is not Role.OPEN
        }

    # ------------------------------------------------------------- helpers
    def set(self, kind: str, id: str, fld: str, old: Any, new: Any) -> None:
        if old != new:
            self.changes.append(SetField(kind, id, fld, old, new))

    def old_name(self, pid: str | None) -> str:
        return self.old.people[pid].display_name if pid in self.old.people else "nobody"

    def new_name(self, pid: str | None) -> str:
        """The name of a person of the updated org (by their id there)."""
        if pid is None:
            return "nobody"
        nid = self.new_of_old.get(pid, pid)
        if nid in self.new.people and self.rid.get(nid) == pid:
            return self.new.people[nid].display_name
        return self.old_name(pid)

    # ------------------------------------------------------------ structure
    def _by_name(
        self,
        kind: str,
        prefix: str,
        old: list[Team] | list[Pipeline],
        new: list[Team] | list[Pipeline],
    ) -> dict[str, str]:
        """new id -> id in the updated org, matched by name; the export's new ones are added."""
        by_name = {e.name: e.id for e in old}
        ids = {e.id for e in old}
        out: dict[str, str] = {}
        for e in new:
            eid = by_name.get(e.name)
            if eid is None:
                eid = e.id if e.id not in ids else _fresh(prefix, ids)
                ids.add(eid)
                by_name[e.name] = eid
                if isinstance(e, Team):
                    made: Team | Pipeline = Team(eid, e.name, e.kind, None, None, e.kpi)
                else:
                    made = Pipeline(eid, e.name)
                self.changes.append(AddEntity(kind, entity_record(kind, made)))
            elif isinstance(e, Team):  # planning wins: the export fills what the org leaves empty
                mine = self.old.teams[eid]
                if not mine.kind and e.kind:
                    self.set("team", eid, "kind", mine.kind, e.kind)
                if not mine.kpi and e.kpi:
                    self.set("team", eid, "kpi", mine.kpi, e.kpi)
            out[e.id] = eid
        return out

    def structure(self) -> None:
        old, new = self.old, self.new
        self.tmap = self._by_name("team", "t", old.ordered_teams(), new.ordered_teams())
        self.pmap = self._by_name("pipeline", "l", old.ordered_pipelines(), new.ordered_pipelines())
        unit_by_name = {u.name: u for u in old.ordered_units()}
        unit_ids = set(old.units)
        in_unit = {t for u in old.units.values() for t in u.teams}
        for u in new.ordered_units():
            extra = tuple(self.tmap[t] for t in u.teams if self.tmap[t] not in in_unit)
            in_unit.update(extra)
            mine_u = unit_by_name.get(u.name)
            if mine_u is None:
                uid = u.id if u.id not in unit_ids else _fresh("u", unit_ids)
                unit_ids.add(uid)
                rec = entity_record("unit", OrgUnit(uid, u.name, None, extra))
                self.changes.append(AddEntity("unit", rec))
            elif extra:
                self.set("unit", mine_u.id, "teams", mine_u.teams, (*mine_u.teams, *extra))

    # --------------------------------------------------------------- people
    def joiners(self) -> None:
        rid, tmap = self.rid, self.tmap
        for nid, np in self.new.people.items():
            if nid in self.match:
                continue
            pid = rid[nid]
            team = tmap[np.team] if np.team is not None else None
            joiner = Person(
                pid,
                np.name,
                np.title,
                np.level,
                np.role,
                team,
                None,
                (),
                np.unresolved_manager,
                np.unresolved_dotted,
                dict(np.fields),
            )
            self.changes.append(AddEntity("person", entity_record("person", joiner)))
            what = [np.title] if np.title else []
            if team is not None:
                what.append(f"team {self.new.teams[np.team].name}")  # type: ignore[index]
            if np.manager is not None:
                what.append(f"reports to {self.new.people[np.manager].display_name}")
            self.people.append(PersonChange("joined", pid, np.display_name, what))

    def people_and_lines(self) -> int:
        """Everyone the org keeps: HR facts of the matched people, and everyone's lines
        (managers, dotted lines; open positions lose their lines to leavers). Returns the
        dotted lines kept from the org that the export does not carry."""
        old, new, has, rid, leavers = (
            self.old,
            self.new,
            self.has.__contains__,
            self.rid,
            self.leavers,
        )
        has_name = has("name") or has("first_name") or has("last_name")
        has_title, has_level, has_role = has("title"), has("level"), has("role")
        has_team, has_dotted, has_manager = has("team"), has("dotted"), has("manager")
        carried, tmap, new_of_old = self.carried, self.tmap, self.new_of_old
        kept = 0
        for oid, op in old.people.items():
            if oid in leavers:
                continue
            nid = new_of_old.get(oid)
            if nid is None:  # an open position of the plan
                if op.manager is not None and op.manager in leavers:
                    self.set("person", oid, "manager", op.manager, None)
                if op.dotted and leavers.intersection(op.dotted):
                    dotted = tuple(d for d in op.dotted if d not in leavers)
                    self.set("person", oid, "dotted", op.dotted, dotted)
                continue
            np = new.people[nid]
            details: list[str] = []
            if has_name and np.name != op.name:
                details.append(f"name {op.name!r} -> {np.name!r}")
                self.set("person", oid, "name", op.name, np.name)
            title_changed = has_title and np.title != op.title
            if title_changed:
                details.append(f"title {op.title!r} -> {np.title!r}")
                self.set("person", oid, "title", op.title, np.title)
            if has_level and np.level != op.level:
                details.append(f"level {op.level!r} -> {np.level!r}")
                self.set("person", oid, "level", op.level, np.level)
            if (has_role or title_changed) and np.role is not op.role:
                details.append(f"role {op.role.label} -> {np.role.label}")
                self.set("person", oid, "role", op.role, np.role)
            team = op.team
            if has_team:
                team = tmap[np.team] if np.team is not None else None
                if team != op.team:
                    before = old.teams[op.team].name if op.team is not None else "no team"
                    after = new.teams[np.team].name if np.team is not None else "no team"
                    details.append(f"team {before} -> {after}")
                    self.set("person", oid, "team", op.team, team)
                    for (ct, cp), share in list(old._placements.get(oid, {}).items()):
                        if ct == op.team:  # the placements in the old team's column move along
                            self.changes.append(RemovePlacement(oid, ct, cp, share))
                            self.changes.append(AddPlacement(oid, team, cp, share))
            if has_dotted and np.unresolved_dotted != op.unresolved_dotted:
                self.set(
                    "person", oid, "unresolved_dotted", op.unresolved_dotted, np.unresolved_dotted
                )
            if op.fields != np.fields:
                fields = {k: v for k, v in op.fields.items() if k not in carried}
                fields.update(np.fields)
                if fields != op.fields:
                    keys = set(op.fields) | set(fields)
                    changed = sorted(k for k in keys if op.fields.get(k) != fields.get(k))
                    details.append("fields " + ", ".join(changed))
                    self.set("person", oid, "fields", dict(op.fields), fields)
            if new._placements.get(nid) and not old._placements.get(oid):
                for (_ct, cp), share in new._placements[nid].items():
                    self.changes.append(AddPlacement(oid, team, self.pmap[cp], share))
            # lines
            if has_manager:
                manager = rid[np.manager] if np.manager is not None else None
                if np.unresolved_manager != op.unresolved_manager:
                    self.set(
                        "person",
                        oid,
                        "unresolved_manager",
                        op.unresolved_manager,
                        np.unresolved_manager,
                    )
            else:
                manager = op.manager if op.manager not in leavers else None
            if manager != op.manager:
                self.set("person", oid, "manager", op.manager, manager)
                details.append(f"manager {self.old_name(op.manager)} -> {self.new_name(manager)}")
            if op.dotted or np.dotted:
                theirs = [rid[d] for d in np.dotted]
                if tuple(theirs) != op.dotted:
                    dotted_list = [d for d in op.dotted if d not in leavers]
                    kept += sum(1 for d in dotted_list if d not in theirs)
                    dotted_list.extend(d for d in dict.fromkeys(theirs) if d not in dotted_list)
                    self.set("person", oid, "dotted", op.dotted, tuple(dotted_list))
            if details:
                self.people.append(
                    PersonChange("changed", oid, np.name or op.display_name, details)
                )
        return kept

    def joiner_lines(self) -> None:
        """The joiners' managers, dotted lines and placements (once everyone is there)."""
        new, rid = self.new, self.rid
        for nid, np in new.people.items():
            if nid in self.match:
                continue
            pid = rid[nid]
            if np.manager is not None:
                self.changes.append(SetField("person", pid, "manager", None, rid[np.manager]))
            if np.dotted:
                dotted_new = tuple(dict.fromkeys(rid[d] for d in np.dotted))
                self.changes.append(SetField("person", pid, "dotted", (), dotted_new))
            team = self.tmap[np.team] if np.team is not None else None
            for (_ct, cp), share in new._placements.get(nid, {}).items():
                self.changes.append(AddPlacement(pid, team, self.pmap[cp], share))

    def owners_and_leads(self) -> None:
        old, new, rid, leavers = self.old, self.new, self.rid, self.leavers
        team_manager: dict[str, str | None] = {}
        if "team" in self.has:
            for nt in new.ordered_teams():
                if nt.manager is not None:
                    team_manager[self.tmap[nt.id]] = rid[nt.manager]
        pipe_owner: dict[str, str] = {}
        for npl in new.ordered_pipelines():
            if npl.owner is not None:
                pipe_owner.setdefault(self.pmap[npl.id], rid[npl.owner])

        def keep(label: str, role: str, pid: str | None) -> str | None:
            if pid is not None and pid in leavers:
                self.cleared.append(f"{label}: {role} {self.old_name(pid)} left")
                return None
            return pid

        for t in old.ordered_teams():
            manager = team_manager.pop(t.id, None) or keep(t.name, "manager", t.manager)
            self.set("team", t.id, "manager", t.manager, manager)
            self.set("team", t.id, "tech_lead", t.tech_lead, keep(t.name, "tech lead", t.tech_lead))
        for tid, manager in team_manager.items():  # teams the export brought
            self.changes.append(SetField("team", tid, "manager", None, manager))
        for pl in old.ordered_pipelines():
            owner = keep(pl.name, "owner", pl.owner) or pipe_owner.pop(pl.id, None)
            self.set("pipeline", pl.id, "owner", pl.owner, owner)
            self.set(
                "pipeline",
                pl.id,
                "tech_lead",
                pl.tech_lead,
                keep(pl.name, "tech lead", pl.tech_lead),
            )
        for plid, owner in pipe_owner.items():
            if plid not in old.pipelines:
                self.changes.append(SetField("pipeline", plid, "owner", None, owner))
        for u in old.ordered_units():
            self.set("unit", u.id, "leader", u.leader, keep(u.name, "leader", u.leader))
            self.set("unit", u.id, "tech_lead", u.tech_lead, keep(u.name, "tech lead", u.tech_lead))

    def remove_leavers(self) -> None:
        """Placements and lines first (a leaver may manage another), then the people."""
        old = self.old
        leavers = [oid for oid in old.people if oid in self.leavers]  # file order
        for oid in leavers:
            op = old.people[oid]
            title = [op.title] if op.title else []
            self.people.append(PersonChange("left", oid, op.display_name, title))
            for (ct, cp), share in old._placements.get(oid, {}).items():
                self.changes.append(RemovePlacement(oid, ct, cp, share))
            self.set("person", oid, "manager", op.manager, None)
            self.set("person", oid, "dotted", op.dotted, ())
        for oid in leavers:
            rec = entity_record("person", old.people[oid])
            rec["manager"], rec["dotted"] = None, []
            self.changes.append(RemoveEntity("person", rec))

    def settings(self) -> None:
        marks = sensitive_fields(self.new) | self.kept_sensitive
        before = self.old.settings.get(SENSITIVE_SETTING)
        merged = sorted(sensitive_fields(self.old) | marks)
        if marks and merged != before:
            self.changes.append(SetOrgField(f"settings.{SENSITIVE_SETTING}", before, merged))


def plan_update(old: Org, new: Org, report: ImportReport) -> UpdatePlan:
    """The changes that bring the HR facts of ``new`` (an import, with its ``report``) into
    the planned org ``old`` (which is not changed)."""
    p = _Planner(old, new, report)
    p.structure()
    p.joiners()
    dotted_kept = p.people_and_lines()
    p.joiner_lines()
    p.owners_and_leads()
    p.remove_leavers()
    p.settings()
    leavers = p.leavers
    leads = [t.tech_lead for t in old.teams.values()]
    leads += [pl.tech_lead for pl in old.pipelines.values()]
    leads += [u.tech_lead for u in old.units.values()]
    kept: dict[str, int] = {
        "pipeline": len(old.pipelines),
        "placement": sum(map(len, old._placements.values()))
        - sum(len(old._placements.get(x, ())) for x in leavers),
        "tech lead": sum(1 for x in leads if x is not None and x not in leavers),
        "KPI": sum(1 for t in old.teams.values() if t.kpi),
        "open position": sum(1 for q in old.people.values() if q.is_open),
        "dotted line not in the export/dotted lines not in the export": dotted_kept,
    }
    order = {"changed": 0, "joined": 1, "left": 2}
    p.people.sort(key=lambda c: order[c.kind])
    return UpdatePlan(p.changes, p.people, p.cleared, kept)
