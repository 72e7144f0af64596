"""Rows of an HR export -> an :class:`~orgeditor.model.org.Org` and an :class:`ImportReport`.

:func:`import_file` reads a CSV or XLSX file (:mod:`orgeditor.io.tabular`), recognises its
columns (:mod:`orgeditor.io.columns`, with ``--map`` overrides) and builds the org in one go
through the model's bulk path (no undo history: the result opens as a new document).

What the import decides, in order:

1. **Rows it cannot hold** stop the import with :class:`~orgeditor.io.errors.OrgFileError`
   naming the rows (or, with ``skip_bad_rows``, are skipped and listed): a repeated id (the
   first row with the id is kept), a row with neither id nor name that is not an open position.
2. **People**: id from the id column (``p1``, ``p2``, ... where there is none), the name
   (trimmed; first and last names joined), title, level; every other column is kept as a
   custom field under its header. A row with no name is an open position.
3. **Lines**: the manager and the dotted-line managers (``;``-separated) are matched against
   ids first, then against names (exact, then ignoring case) when unique. A reference that
   matches nobody, or several people, is kept as ``unresolved_manager`` /
   ``unresolved_dotted`` for the health checks to flag. Cycles are kept as they are.
4. **Roles**: a role column (``ic``, ``manager``, ``director``, ``vp``, ``pm``, ``open``)
   wins; otherwise the title decides (VP, Chief, CxO -> vp; Director, Head of -> director;
   Product Manager/Owner, PM -> pm; Manager, Supervisor -> manager; else ic), and an ic with
   direct reports becomes a manager.
5. **Teams** and **org units** are made from the names in their columns, in file order; team
   kinds come from a team-kind column or are inferred from clear team names. A team's manager
   is its first member with a leading role or with reports whose own manager is outside the
   team; an org unit's leader is the nearest common manager of its teams' managers.
6. **Pipelines** (``Name`` or ``Name:60%``, ``;``-separated) become placements in the person's
   own team column; shares left out split what the given ones leave of 100%. A PM owns the
   pipelines they are placed on; the first PM in file order wins.
7. **Tech lead of**: team, pipeline or org unit names (``;``-separated); the first claim wins.
   **Owner of**: pipeline names (``;``-separated) the person owns, whatever their role; a
   pipeline named only there is created. When the file has this column it is the whole
   truth: PMs then own only what it says.
"""

from __future__ import annotations

import gc
import re
from pathlib import Path

from orgeditor.io.columns import (
    ROLE_WORDS,
    Mapping,
    apply_overrides,
    detect_mapping,
    normalise,
)
from orgeditor.io.errors import OrgFileError
from orgeditor.io.import_report import ImportReport, format_rows
from orgeditor.io.tabular import Table, read_table
from orgeditor.model.entities import STANDARD_TEAM_KINDS, OrgUnit, Person, Pipeline, Role, Team
from orgeditor.model.org import Org

__all__ = [
    "ImportReport",
    "import_file",
    "import_table",
    "infer_role",
    "infer_team_kind",
    "undefuse",
]

_ROLES = {r.value: r for r in Role}
_NO_MANAGER = frozenset({"", "-", "--", "none", "null", "n/a", "na", "nil", "—"})
_DANGEROUS = "=+-@\t\r"

_ROLE_RULES: tuple[tuple[Role, re.Pattern[str]], ...] = (
    (Role.OPEN, re.compile(r"\b(open position|open role|vacan(t|cy)|tbh|to be hired)\b")),
    (
        Role.VP,
        re.compile(r"\b(s?e?vp|vice[\s-]*president|president|chief|c[eiotf]o|cxo)\b"),
    ),
    (Role.DIRECTOR, re.compile(r"\b(director|head of|head,)\b")),
    (Role.PM, re.compile(r"\b(product manager|product owner|product lead|pm)\b")),
    (Role.MANAGER, re.compile(r"\b(manager|supervisor|mgr)\b")),
)
_OPEN_NAMES = frozenset(
    {"tbh", "tbd", "vacant", "vacancy", "open", "open position", "open role", "to be hired"}
)

_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("data-operations", re.compile(r"data[\s-]*op|labell?ing|annotation|data quality")),
    ("modeling", re.compile(r"modell?ing|applied[\s-]*scien")),
    ("deployment", re.compile(r"deployment|serving|ml[\s-]*ops\b|mlops")),
    ("tooling", re.compile(r"tooling|\btools\b")),
    (
        "infrastructure",
        re.compile(r"ml[\s-]*platform|infrastructure|\binfra\b|data engineering|data platform"),
    ),
)


def infer_role(title: str, name: str = "") -> Role:
    """The role a title suggests (before looking at reports)."""
    if name and name.strip().casefold() in _OPEN_NAMES:
        return Role.OPEN
    text = title.casefold()
    for role, pattern in _ROLE_RULES:
        if pattern.search(text):
            return role
    return Role.IC


def infer_team_kind(name: str) -> str:
    """The standard kind a team name makes clear (``"Labeling"`` -> ``data-operations``)."""
    text = name.casefold()
    for kind, pattern in _KIND_RULES:
        if pattern.search(text):
            return kind
    return ""


def undefuse(value: str) -> str:
    """Undo the export's formula defusing: ``"'=x"`` -> ``"=x"`` (see ``csv_export.defuse``)."""
    if value[:1] == "'":
        stripped = value.lstrip("'")
        if stripped[:1] and stripped[0] in _DANGEROUS:
            return value[1:]
    return value


def import_file(
    path: str | Path,
    overrides: dict[str, str] | None = None,
    sheet: str | None = None,
    skip_bad_rows: bool = False,
) -> tuple[Org, ImportReport]:
    """Read and import a CSV or XLSX file (``overrides``: field -> column, as ``--map``)."""
    table = read_table(path, sheet)
    mapping = detect_mapping(table.header, table.rows)
    if overrides:
        mapping = apply_overrides(mapping, table.header, overrides, str(table.path))
    return import_table(table, mapping, skip_bad_rows)


def import_table(
    table: Table, mapping: Mapping, skip_bad_rows: bool = False
) -> tuple[Org, ImportReport]:
    """Build an org from a table with a mapping (field -> column index)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _Builder(table, mapping, skip_bad_rows).build()
    finally:
        if paused:
            gc.enable()


class _Builder:
    """One import: the steps of the module docstring, each a method."""

    def __init__(self, table: Table, mapping: Mapping, skip_bad_rows: bool) -> None:
        self.table = table
        self.mapping = mapping
        self.skip = skip_bad_rows
        header = table.header
        used = set(mapping.values())
        self.custom = [(i, undefuse(h)) for i, h in enumerate(header) if i not in used]
        self.report = ImportReport(
            table.path,
            table.describe(),
            {f: header[c] for f, c in sorted(mapping.items(), key=lambda fc: fc[1])},
            [h for _i, h in self.custom],
            warnings=list(table.warnings),
        )
        self.org = Org(table.path.stem)
        #: person id -> row number, and the kept rows in file order
        self.row_of: dict[str, int] = {}
        self.rows: list[list[str]] = []
        #: people whose role was not given (an ic with reports becomes a manager)
        self.role_free: set[str] = set()
        self.team_by_name: dict[str, Team] = {}
        self.unit_by_name: dict[str, OrgUnit] = {}
        self.pipe_by_name: dict[str, Pipeline] = {}

    def build(self) -> tuple[Org, ImportReport]:
        people = self._people()
        self._lines(people)
        teams = self._teams_and_units(people)
        placements = self._pipelines(people)
        org = self.org
        for t in teams:
            org._add_team(t)
        for u in self.unit_by_name.values():
            org._add_unit(u)
        for pl in self.pipe_by_name.values():
            org._add_pipeline(pl)
        org._bulk_load(people, placements)
        self._roles_from_reports()
        self._owners(people)
        self._tech_leads(people)
        self._team_managers(teams)
        self._unit_leaders()
        self._cycles()
        self._over_allocated()
        r = self.report
        r.people, r.teams = len(org.people), len(org.teams)
        r.pipelines, r.units = len(org.pipelines), len(org.units)
        return org, r

    # ----------------------------------------------------------------- people
    def values(self, field: str, rows: list[list[str]] | None = None) -> list[str] | None:
        """The trimmed texts of a field's column (``None``: not mapped), for ``rows``."""
        c = self.mapping.get(field)
        if c is None:
            return None
        values = [r[c].strip() for r in (self.rows if rows is None else rows)]
        if self.table.maybe_defused:
            values = [undefuse(v) for v in values]
        return values

    def _people(self) -> list[Person]:
        t = self.table
        if not {"id", "name", "first_name", "last_name"} & set(self.mapping) and t.rows:
            raise OrgFileError(
                t.path,
                "no column is read as the id or the name of a person: name one with "
                f"--map name=COLUMN or --map id=COLUMN (columns: {', '.join(t.header)})",
            )
        rows = t.rows
        n = len(rows)
        blank = [""] * n
        ids = self.values("id", rows)
        names = self.values("name", rows)
        if names is None and ("first_name" in self.mapping or "last_name" in self.mapping):
            firsts = self.values("first_name", rows) or blank
            lasts = self.values("last_name", rows) or blank
            names = [f"{a} {b}" if a and b else a or b for a, b in zip(firsts, lasts, strict=True)]
        names = names or blank
        titles = self.values("title", rows) or blank
        levels = self.values("level", rows) or blank
        role_texts = self.values("role", rows) or blank
        c_role = self.mapping.get("role")
        custom = self.custom
        defused = t.maybe_defused
        rep = self.report
        explicit = set(ids) if ids is not None else set()
        first_row: dict[str, int] = {}
        bad: list[tuple[int, str]] = []
        people: list[Person] = []
        kept = self.rows
        row_of = self.row_of
        role_free = self.role_free
        role_cache: dict[str, Role | None] = {}
        title_cache: dict[str, Role] = {}
        counter = 0
        for k, (row, number) in enumerate(zip(rows, t.row_numbers, strict=True)):
            pid = ids[k] if ids is not None else ""
            name = names[k]
            role_text = role_texts[k]
            if role_text:
                if role_text in role_cache:
                    role = role_cache[role_text]
                else:
                    role = _ROLES.get(ROLE_WORDS.get(normalise(role_text), ""))
                    role_cache[role_text] = role
            else:
                role = None
            if pid and pid in first_row:
                bad.append((number, f"duplicate id {pid!r} (first on row {first_row[pid]})"))
                continue
            if not pid and not name and role is not Role.OPEN:
                bad.append((number, "no id and no name"))
                continue
            if not pid:
                counter += 1
                while f"p{counter}" in explicit or f"p{counter}" in first_row:
                    counter += 1
                pid = f"p{counter}"
            first_row[pid] = number
            if defused:
                fields = {h: undefuse(row[i]) for i, h in custom if row[i]}
            else:
                fields = {h: row[i] for i, h in custom if row[i]}
            title = titles[k]
            if role is None:
                if role_text and c_role is not None:
                    rep.add("role-unknown", number, role_text)
                    fields[t.header[c_role]] = role_text
                if not name:
                    role = Role.OPEN
                    rep.add("open-no-name", number)
                else:
                    if name.casefold() in _OPEN_NAMES:
                        role = Role.OPEN
                    else:
                        role = title_cache.get(title)
                        if role is None:
                            role = title_cache[title] = infer_role(title)
                    role_free.add(pid)
            people.append(Person(pid, name, title, levels[k], role, fields=fields))
            row_of[pid] = number
            kept.append(row)
        if bad:
            if not self.skip:
                shown = "; ".join(f"row {n}: {why}" for n, why in bad[:6])
                more = f"; ... ({len(bad) - 6} more)" if len(bad) > 6 else ""
                raise OrgFileError(
                    t.path,
                    f"cannot import {len(bad)} row(s): {shown}{more} "
                    "(fix them, or use --skip-bad-rows to leave them out)",
                    format_rows([n for n, _ in bad]),
                )
            for n, why in bad:
                rep.add("skipped", n, why)
        return people

    # ------------------------------------------------------------------ lines
    def _lines(self, people: list[Person]) -> None:
        c_mgr, c_dot = self.mapping.get("manager"), self.mapping.get("dotted")
        if c_mgr is None and c_dot is None:
            return
        ids = self.row_of
        by_name: dict[str, list[str]] | None = None
        by_fold: dict[str, list[str]] | None = None
        rep = self.report

        def resolve(text: str) -> tuple[str | None, str]:
            """An id, or None with why ("unmatched" / "ambiguous")."""
            nonlocal by_name, by_fold
            if text in ids:
                return text, ""
            if by_name is None or by_fold is None:
                by_name, by_fold = {}, {}
                for p in people:
                    if p.name:
                        by_name.setdefault(p.name, []).append(p.id)
                        by_fold.setdefault(p.name.casefold(), []).append(p.id)
            hits = by_name.get(text) or by_fold.get(text.casefold()) or []
            if len(hits) == 1:
                return hits[0], ""
            return None, "ambiguous" if hits else "unmatched"

        managers = self.values("manager")
        for k, (p, row) in enumerate(zip(people, self.rows, strict=True)):
            number = ids[p.id]
            if managers is not None:
                text = managers[k]
                if text and text.casefold() not in _NO_MANAGER:
                    mid, why = resolve(text)
                    if mid is not None:
                        p.manager = mid
                    else:
                        p.unresolved_manager = text
                        rep.add(f"manager-{why}", number, text)
            if c_dot is not None and row[c_dot].strip():
                dotted: list[str] = []
                unresolved: list[str] = []
                for part in undefuse(row[c_dot]).split(";"):
                    text = part.strip()
                    if text.casefold() in _NO_MANAGER:
                        continue
                    mid, why = resolve(text)
                    if mid is not None:
                        if mid not in dotted:
                            dotted.append(mid)
                    else:
                        unresolved.append(text)
                        rep.add("dotted-unmatched", number, text)
                p.dotted = tuple(dotted)
                p.unresolved_dotted = tuple(unresolved)

    # ---------------------------------------------------------- teams, units
    def _teams_and_units(self, people: list[Person]) -> list[Team]:
        c_team = self.mapping.get("team")
        if c_team is None:
            return []
        c_unit = self.mapping.get("org_unit")
        teams = self.team_by_name
        units = self.unit_by_name
        kind_row: dict[str, int] = {}
        unit_of: dict[str, tuple[str, int]] = {}
        rep = self.report
        blank = [""] * len(people)
        team_names = self.values("team") or blank
        unit_names = self.values("org_unit") or blank
        kinds = self.values("team_kind") or blank
        kind_cache: dict[str, str] = {}
        row_of = self.row_of
        last: tuple[str, str, str] | None = None  # (team, unit, kind) of the previous row
        last_problems: list[tuple[str, str]] = []
        for p, name, unit_name, kind in zip(people, team_names, unit_names, kinds, strict=True):
            if not name:
                if unit_name and c_unit is not None:
                    p.fields[self.table.header[c_unit]] = unit_name
                    rep.add("unit-without-team", row_of[p.id], unit_name)
                continue
            team = teams.get(name)
            if team is None:
                team = teams[name] = Team(f"t{len(teams) + 1}", name)
            p.team = team.id
            key = (name, unit_name, kind)
            if key == last:  # rows of one team usually come together: nothing new to check
                for problem, detail in last_problems:
                    rep.add(problem, row_of[p.id], detail)
                continue
            last = key
            last_problems = []
            if kind:
                kind = kind_cache.get(kind) or kind_cache.setdefault(
                    kind, _KIND_WORDS.get(normalise(kind), kind)
                )
                if team.id not in kind_row:
                    team.kind = kind
                    kind_row[team.id] = row_of[p.id]
                elif kind != team.kind:
                    last_problems.append(("kind-conflict", f"{name}: {kind}"))
                    rep.add("kind-conflict", row_of[p.id], f"{name}: {kind}")
            if unit_name:
                unit = units.get(unit_name)
                if unit is None:
                    unit = units[unit_name] = OrgUnit(f"u{len(units) + 1}", unit_name)
                earlier = unit_of.get(team.id)
                if earlier is None:
                    unit_of[team.id] = (unit.id, row_of[p.id])
                    unit.teams = (*unit.teams, team.id)
                elif earlier[0] != unit.id:
                    last_problems.append(("unit-conflict", f"{name} in {unit_name}"))
                    rep.add("unit-conflict", row_of[p.id], f"{name} in {unit_name}")
        for team in teams.values():
            if team.id not in kind_row:
                team.kind = infer_team_kind(team.name)
        return list(teams.values())

    # ------------------------------------------------------------- pipelines
    def _pipelines(self, people: list[Person]) -> list[tuple[str, str | None, str, int]]:
        texts = self.values("pipelines")
        out: list[tuple[str, str | None, str, int]] = []
        if texts is None:
            return out
        pipes = self.pipe_by_name
        rep = self.report
        parsed: dict[str, tuple[list[tuple[str, int]], list[str]]] = {}
        for p, text in zip(people, texts, strict=True):
            if not text:
                continue
            cells = parsed.get(text)
            if cells is None:
                cells = parsed[text] = _parse_pipelines(text)
            shares, repeated = cells
            for name in repeated:
                rep.add("pipeline-repeated", self.row_of[p.id], name)
            for name, share in shares:
                pl = pipes.get(name)
                if pl is None:
                    pl = pipes[name] = Pipeline(f"l{len(pipes) + 1}", name)
                out.append((p.id, p.team, pl.id, share))
        return out

    # ---------------------------------------------------- after the bulk load
    def _roles_from_reports(self) -> None:
        org = self.org
        for pid in self.role_free:
            p = org.people[pid]
            if p.role is Role.IC and org._reports.get(pid):
                p.role = Role.MANAGER

    def _owners(self, people: list[Person]) -> None:
        org = self.org
        owner_row: dict[str, int] = {}
        owned = self.values("owner_of")
        if owned is not None:  # explicit owners first, in file order
            for p, text in zip(people, owned, strict=True):
                for part in text.split(";"):
                    name = part.strip()
                    if not name:
                        continue
                    pipe = self.pipe_by_name.get(name)
                    if pipe is None:  # a pipeline with an owner and nobody on it yet
                        pipe = self.pipe_by_name[name] = Pipeline(
                            f"l{len(self.pipe_by_name) + 1}", name
                        )
                        org._add_pipeline(pipe)
                    if pipe.owner is None:
                        pipe.owner = p.id
                        owner_row[pipe.id] = self.row_of[p.id]
                    elif pipe.owner != p.id:
                        self.report.add(
                            "owner-taken",
                            self.row_of[p.id],
                            f"{name} (owned by row {owner_row[pipe.id]})",
                        )
            return  # the file names the owners: no guessing from PMs' placements
        for p in people:
            if p.role is not Role.PM:
                continue
            for pl in org.placements(p.id):
                pipe = org.pipelines[pl.pipeline]
                if pipe.owner is None:
                    pipe.owner = p.id
                    owner_row[pipe.id] = self.row_of[p.id]
                elif pipe.owner != p.id:
                    self.report.add(
                        "second-pm",
                        self.row_of[p.id],
                        f"{pipe.name} (owned by row {owner_row[pipe.id]})",
                    )

    def _tech_leads(self, people: list[Person]) -> None:
        c_lead = self.mapping.get("tech_lead_of")
        if c_lead is None:
            return
        header = self.table.header[c_lead]
        rep = self.report
        claimed: dict[tuple[str, str], int] = {}
        texts = self.values("tech_lead_of") or []
        for p, text in zip(people, texts, strict=True):
            if not text:
                continue
            number = self.row_of[p.id]
            unknown: list[str] = []
            for part in text.split(";"):
                name = part.strip()
                if not name:
                    continue
                target: Team | Pipeline | OrgUnit | None = (
                    self.team_by_name.get(name)
                    or self.pipe_by_name.get(name)
                    or self.unit_by_name.get(name)
                )
                if target is None:
                    unknown.append(name)
                    rep.add("tech-lead-unknown", number, name)
                    continue
                key = (type(target).__name__, target.id)
                if target.tech_lead is None:
                    target.tech_lead = p.id
                    claimed[key] = number
                elif target.tech_lead != p.id:
                    rep.add("tech-lead-taken", number, f"{name} (row {claimed[key]})")
            if unknown:
                p.fields[header] = "; ".join(unknown)

    def _team_managers(self, teams: list[Team]) -> None:
        """A team's manager heads (by solid lines inside the team) more than half of it."""
        if not teams:
            return
        org = self.org
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

    def _unit_leaders(self) -> None:
        org = self.org
        for unit in self.unit_by_name.values():
            managers = [org.teams[t].manager for t in unit.teams]
            chains = [[m, *org.manager_chain(m)] for m in managers if m is not None]
            if not chains:
                continue
            common = set(chains[0]).intersection(*chains[1:])
            unit.leader = next((c for c in chains[0] if c in common), None)

    def _cycles(self) -> None:
        people = self.org.people
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        for start in people:
            if start in state:
                continue
            path: list[str] = []
            cur: str | None = start
            while cur is not None and cur in people and cur not in state:
                state[cur] = 1
                path.append(cur)
                cur = people[cur].manager
            if cur is not None and state.get(cur) == 1:
                loop = path[path.index(cur) :]
                names = " -> ".join(people[i].display_name for i in [*loop, cur])
                for pid in loop:
                    self.report.add("cycle", self.row_of[pid], names)
            for pid in path:
                state[pid] = 2

    def _over_allocated(self) -> None:
        for pid, places in self.org._placements.items():
            total = sum(places.values())
            if total > 100:
                self.report.add("over-allocated", self.row_of[pid], f"{total}%")


_SHARE = re.compile(r"^(.*?)\s*:\s*(\d+(?:[.,]\d+)?)\s*%?\s*$")
_KIND_WORDS = {normalise(k): k for k in STANDARD_TEAM_KINDS}


_SPLIT_CACHE: dict[str, tuple[str, float | None]] = {}


def _parse_pipelines(text: str) -> tuple[list[tuple[str, int]], list[str]]:
    """``"A:60%; B; C"`` -> ``([("A", 60), ("B", 20), ("C", 20)], [])`` and repeated names.

    Shares left out split what the given ones leave of 100%.
    """
    wanted: dict[str, float | None] = {}
    repeated: list[str] = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        split = _SPLIT_CACHE.get(part)
        if split is None:
            if len(_SPLIT_CACHE) > 4096:
                _SPLIT_CACHE.clear()
            split = _SPLIT_CACHE[part] = _split_share(part)
        name, share = split
        if name in wanted:
            repeated.append(name)
            old = wanted[name]
            wanted[name] = None if old is None or share is None else old + share
            continue
        wanted[name] = share
    given = sum(s for s in wanted.values() if s is not None)
    free = [n for n, s in wanted.items() if s is None]
    rest = max(0.0, 100.0 - given) / len(free) if free else 0.0
    return [(n, round(s if s is not None else rest)) for n, s in wanted.items()], repeated


def _split_share(part: str) -> tuple[str, float | None]:
    """``"Feed ranking:60%"`` -> ``("Feed ranking", 60.0)``; ``"Feed"`` -> ``("Feed", None)``."""
    m = _SHARE.match(part)
    if m and m.group(1):
        return m.group(1), float(m.group(2).replace(",", "."))
    return part, None
