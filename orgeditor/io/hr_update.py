"""Refresh an org from a new HR export: HR facts from the export, planning from the org.

``orgeditor import NEW.csv --update ORG.orgchart -o OUT.orgchart`` imports the export as
usual (:mod:`orgeditor.io.hr_import`), then :func:`update_org` merges it into the planned
org:

- **People** are matched by id, and those an export renumbered by their exact name when
  only one person has it. A matched person keeps their id.
- **HR facts come from the export**, for the columns it has: names, titles, levels, roles
  (a role column, or a title that changed), managers, teams, the HR facts and custom fields.
  Joiners (in the export only) are added; leavers (in the org only, open positions aside)
  are removed, and what pointed at them (owners, tech leads, team managers) is cleared.
- **Planning stays**: pipelines, placements (moved along when a person changes team),
  pipeline and team tech leads, KPIs, team kinds, org units, open positions, file settings,
  and dotted lines the export does not carry (the export's own dotted lines are added).

The report lists what changed, person by person (:class:`PersonChange`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orgeditor.io.columns import HR_FACT_FIELDS
from orgeditor.io.import_report import ImportReport, count_words
from orgeditor.model.entities import OrgUnit, Person, Pipeline, Team
from orgeditor.model.org import Org
from orgeditor.model.sensitive import mark_sensitive, sensitive_fields

__all__ = ["PersonChange", "UpdateResult", "update_org"]


@dataclass
class PersonChange:
    """One person's change: ``kind`` is ``joined``, ``left`` or ``changed``."""

    kind: str
    person: str  # the id in the result (joined, changed) or in the old org (left)
    name: str
    details: list[str] = field(default_factory=list)

    def line(self) -> str:
        mark = {"joined": "+", "left": "-", "changed": "~"}[self.kind]
        more = ": " + "; ".join(self.details) if self.details else ""
        return f"{mark} {self.kind}: {self.name}{more}"

    def to_data(self) -> dict[str, object]:
        return {"kind": self.kind, "id": self.person, "name": self.name, "details": self.details}


@dataclass
class UpdateResult:
    org: Org
    changes: list[PersonChange]
    #: what the planning lost because people left ("Fraud Detection: owner Sofia Rossi left")
    cleared: list[str]
    kept: dict[str, int]

    def lines(self, source: str) -> list[str]:
        joined = sum(1 for c in self.changes if c.kind == "joined")
        left = sum(1 for c in self.changes if c.kind == "left")
        changed = len(self.changes) - joined - left
        out = [
            f"updated {source}: {joined} joined, {left} left, {changed} changed",
            "kept planning: " + ", ".join(count_words(n, what) for what, n in self.kept.items()),
        ]
        out.extend(c.line() for c in self.changes)
        out.extend(f"cleared: {c}" for c in self.cleared)
        return out


def _fresh(prefix: str, used: set[str]) -> str:
    n = len(used) + 1
    while f"{prefix}{n}" in used:
        n += 1
    used.add(f"{prefix}{n}")
    return f"{prefix}{n}"


def update_org(old: Org, new: Org, report: ImportReport) -> UpdateResult:
    """Merge the import ``new`` (with its ``report``) into the planned org ``old``."""
    cols = set(report.mapping)
    has = cols.__contains__
    carried = set(report.custom_columns) | {h for h, _c in report.sensitive_dropped}
    carried |= {h for h, _c in report.sensitive_kept}
    carried |= set(HR_FACT_FIELDS)

    # --- match people: id first (when the export has ids), then a unique exact name
    match: dict[str, str] = {}  # new id -> old id
    taken: set[str] = set()
    if has("id"):
        for nid in new.people:
            op = old.people.get(nid)
            if op is not None and not op.is_open:
                match[nid] = nid
                taken.add(nid)
    by_name: dict[str, list[str]] = {}
    for oid, op in old.people.items():
        if op.name and not op.is_open and oid not in taken:
            by_name.setdefault(op.name, []).append(oid)
    for nid, np in new.people.items():
        if nid in match or not np.name:
            continue
        hits = [h for h in by_name.get(np.name, ()) if h not in taken]
        if len(hits) == 1:
            match[nid] = hits[0]
            taken.add(hits[0])
    used_ids = set(old.people)
    rid: dict[str, str] = dict(match)  # new id -> id in the result
    for nid in new.people:
        if nid not in rid:
            rid[nid] = nid if nid not in used_ids else _fresh("p", used_ids)
            used_ids.add(rid[nid])
    leavers = {oid for oid, op in old.people.items() if not op.is_open and oid not in taken}

    # --- teams by name: the org's, then the export's new ones
    teams: dict[str, Team] = {}
    team_by_name: dict[str, str] = {}
    for t in old.ordered_teams():
        teams[t.id] = Team(t.id, t.name, t.kind, t.manager, t.tech_lead, t.kpi)
        team_by_name.setdefault(t.name, t.id)
    team_ids = set(teams)
    tmap: dict[str, str] = {}
    for t in new.ordered_teams():
        if t.name in team_by_name:
            tmap[t.id] = team_by_name[t.name]
            same = teams[tmap[t.id]]
            same.kind = same.kind or t.kind
            same.kpi = same.kpi or t.kpi
        else:
            tid = t.id if t.id not in team_ids else _fresh("t", team_ids)
            team_ids.add(tid)
            tmap[t.id] = tid
            teams[tid] = Team(tid, t.name, t.kind, None, None, t.kpi)
            team_by_name[t.name] = tid
    # --- pipelines by name
    pipes: dict[str, Pipeline] = {
        pl.id: Pipeline(pl.id, pl.name, pl.owner, pl.tech_lead) for pl in old.ordered_pipelines()
    }
    pipe_by_name = {pl.name: pl.id for pl in pipes.values()}
    pipe_ids = set(pipes)
    pmap: dict[str, str] = {}
    for pl in new.ordered_pipelines():
        if pl.name in pipe_by_name:
            pmap[pl.id] = pipe_by_name[pl.name]
        else:
            plid = pl.id if pl.id not in pipe_ids else _fresh("l", pipe_ids)
            pipe_ids.add(plid)
            pmap[pl.id] = plid
            pipes[plid] = Pipeline(plid, pl.name)
            pipe_by_name[pl.name] = plid

    def team_name(org: Org, tid: str | None) -> str:
        return org.teams[tid].name if tid is not None and tid in org.teams else "no team"

    # --- people
    people: list[Person] = []
    changes: list[PersonChange] = []
    new_of_old = {o: n for n, o in match.items()}
    placements: list[tuple[str, str | None, str, int]] = []
    old_names = {oid: op.display_name for oid, op in old.people.items()}
    result_names: dict[str, str] = {rid[nid]: np.display_name for nid, np in new.people.items()}

    def mgr_name(pid: str | None, names: dict[str, str]) -> str:
        return names.get(pid, pid) if pid is not None else "nobody"

    dotted_kept = 0
    for oid, op in old.people.items():
        if oid in leavers:
            changes.append(
                PersonChange("left", oid, op.display_name, [op.title] if op.title else [])
            )
            continue
        found = new_of_old.get(oid)
        if found is None:  # an open position of the plan
            manager = op.manager if op.manager not in leavers else None
            p = Person(
                oid,
                op.name,
                op.title,
                op.level,
                op.role,
                op.team,
                manager,
                tuple(d for d in op.dotted if d not in leavers),
                op.unresolved_manager,
                op.unresolved_dotted,
                dict(op.fields),
            )
            people.append(p)
            result_names[oid] = op.display_name
            placements.extend(
                (oid, t, pl, s) for (t, pl), s in old._placements.get(oid, {}).items()
            )
            continue
        nid = found
        np = new.people[nid]
        details: list[str] = []
        name = np.name if has("name") or has("first_name") or has("last_name") else op.name
        if name != op.name:
            details.append(f"name {op.name!r} -> {name!r}")
        title = np.title if has("title") else op.title
        if title != op.title:
            details.append(f"title {op.title!r} -> {title!r}")
        level = np.level if has("level") else op.level
        if level != op.level:
            details.append(f"level {op.level!r} -> {level!r}")
        role = np.role if has("role") or title != op.title else op.role
        if role is not op.role:
            details.append(f"role {op.role.label} -> {role.label}")
        if has("manager"):
            manager = rid[np.manager] if np.manager is not None else None
            unresolved = np.unresolved_manager
        else:
            manager = op.manager if op.manager not in leavers else None
            unresolved = op.unresolved_manager
        if manager != op.manager:
            details.append(
                f"manager {mgr_name(op.manager, old_names)} -> {mgr_name(manager, result_names)}"
            )
        team = (tmap[np.team] if np.team is not None else None) if has("team") else op.team
        if team != op.team:
            details.append(
                f"team {team_name(old, op.team)} -> {teams[team].name if team else 'no team'}"
            )
        dotted = [d for d in op.dotted if d not in leavers]
        for d in np.dotted:
            if rid[d] not in dotted:
                dotted.append(rid[d])
        dotted_kept += sum(
            1
            for d in op.dotted
            if d not in leavers and (d not in new_of_old or new_of_old[d] not in np.dotted)
        )
        fields = {k: v for k, v in op.fields.items() if k not in carried}
        fields.update(np.fields)
        if fields != op.fields:
            changed = sorted(
                k for k in set(op.fields) | set(fields) if op.fields.get(k) != fields.get(k)
            )
            details.append("fields " + ", ".join(changed))
        p = Person(
            oid,
            name,
            title,
            level,
            role,
            team,
            manager,
            tuple(dotted),
            unresolved,
            np.unresolved_dotted if has("dotted") else op.unresolved_dotted,
            fields,
        )
        people.append(p)
        mine = old._placements.get(oid, {})
        if mine:
            for (cell_team, cell_pipe), share in mine.items():
                moved = team if cell_team == op.team else cell_team
                placements.append((oid, moved, cell_pipe, share))
        else:
            placements.extend(
                (oid, team, pmap[pl], s) for (_t, pl), s in new._placements.get(nid, {}).items()
            )
        if details:
            changes.append(PersonChange("changed", oid, name or op.display_name, details))
    for nid, np in new.people.items():
        if nid in match:
            continue
        pid = rid[nid]
        team = tmap[np.team] if np.team is not None else None
        manager = rid[np.manager] if np.manager is not None else None
        p = Person(
            pid,
            np.name,
            np.title,
            np.level,
            np.role,
            team,
            manager,
            tuple(rid[d] for d in np.dotted),
            np.unresolved_manager,
            np.unresolved_dotted,
            dict(np.fields),
        )
        people.append(p)
        placements.extend(
            (pid, team, pmap[pl], s) for (_t, pl), s in new._placements.get(nid, {}).items()
        )
        what = [np.title] if np.title else []
        if team is not None:
            what.append(f"team {teams[team].name}")
        if manager is not None:
            what.append(f"reports to {result_names.get(manager, manager)}")
        changes.append(PersonChange("joined", pid, np.display_name, what))

    # --- planning that pointed at leavers; managers the export names
    cleared: list[str] = []

    def clear(label: str, role: str, pid: str | None) -> str | None:
        if pid is not None and pid in leavers:
            cleared.append(f"{label}: {role} {old_names[pid]} left")
            return None
        return pid

    for nt in new.ordered_teams():
        t = teams[tmap[nt.id]]
        if nt.manager is not None and has("team"):
            t.manager = rid[nt.manager]
    for t in teams.values():
        t.manager = clear(t.name, "manager", t.manager)
        t.tech_lead = clear(t.name, "tech lead", t.tech_lead)
    for npl in new.ordered_pipelines():
        pl = pipes[pmap[npl.id]]
        if pl.owner is None and npl.owner is not None:
            pl.owner = rid[npl.owner]
    for pl in pipes.values():
        pl.owner = clear(pl.name, "owner", pl.owner)
        pl.tech_lead = clear(pl.name, "tech lead", pl.tech_lead)
    units: list[OrgUnit] = []
    unit_by_name: dict[str, OrgUnit] = {}
    for u in old.ordered_units():
        nu = OrgUnit(
            u.id,
            u.name,
            clear(u.name, "leader", u.leader),
            u.teams,
            clear(u.name, "tech lead", u.tech_lead),
        )
        units.append(nu)
        unit_by_name.setdefault(u.name, nu)
    unit_ids = {u.id for u in units}
    in_unit = {t for u in units for t in u.teams}
    for u in new.ordered_units():
        mine_u = unit_by_name.get(u.name)
        if mine_u is None:
            uid = u.id if u.id not in unit_ids else _fresh("u", unit_ids)
            unit_ids.add(uid)
            mine_u = OrgUnit(uid, u.name, rid[u.leader] if u.leader is not None else None)
            units.append(mine_u)
            unit_by_name[u.name] = mine_u
        extra = [tmap[t] for t in u.teams if tmap[t] not in in_unit]
        mine_u.teams = (*mine_u.teams, *extra)
        in_unit.update(extra)

    org = Org(old.name)
    org.settings = dict(old.settings)
    kept_sensitive = {h for h, _c in report.sensitive_kept}
    if sensitive_fields(new) or kept_sensitive:
        mark_sensitive(org, sensitive_fields(new) | kept_sensitive)
    for t in teams.values():
        org._add_team(t)
    for pl in pipes.values():
        org._add_pipeline(pl)
    for u in units:
        org._add_unit(u)
    org._bulk_load(people, placements)
    leads = [t.tech_lead for t in old.teams.values()]
    leads += [pl.tech_lead for pl in old.pipelines.values()]
    leads += [u.tech_lead for u in old.units.values()]
    kept: dict[str, int] = {
        "pipeline": len(old.pipelines),
        "placement": sum(len(v) for k, v in old._placements.items() if k not in leavers),
        "tech lead": sum(1 for x in leads if x is not None and x not in leavers),
        "KPI": sum(1 for t in old.teams.values() if t.kpi),
        "open position": sum(1 for p in old.people.values() if p.is_open),
        "dotted line not in the export/dotted lines not in the export": dotted_kept,
    }
    return UpdateResult(org, changes, cleared, kept)
