"""Rows of an HR export -> an :class:`~orgeditor.model.org.Org` and an :class:`ImportReport`.

:func:`import_file` reads a CSV or XLSX file (:mod:`orgeditor.io.hr.tabular`), recognises its
columns (:mod:`orgeditor.io.hr.columns`, with ``--map`` overrides) and builds the org in one go
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
from pathlib import Path

from orgeditor.io.errors import OrgFileError
from orgeditor.io.hr.cell_lists import split_items
from orgeditor.io.hr.columns import (
    HR_FACT_FIELDS,
    ROLE_WORDS,
    Mapping,
    apply_overrides,
    blank_columns,
    detect_mapping,
    normalise,
)
from orgeditor.io.hr.import_claims import Claims
from orgeditor.io.hr.import_infer import (
    report_cycles,
    report_over_allocation,
    team_managers,
    unit_leaders,
)
from orgeditor.io.hr.import_kinds import infer_kinds
from orgeditor.io.hr.import_report import ImportReport, format_rows
from orgeditor.io.hr.import_values import (
    KIND_WORDS,
    NO_MANAGER,
    OPEN_NAMES,
    infer_role,
    infer_team_kind,
    parse_pipelines,
    undefuse,
)
from orgeditor.io.hr.tabular import Table, read_table
from orgeditor.io.reading import Limits
from orgeditor.model.entities import OrgUnit, Person, Pipeline, Role, Team
from orgeditor.model.org import Org
from orgeditor.model.sensitive import mark_sensitive, sensitive_category
from orgeditor.progress import Progress

__all__ = [
    "ImportReport",
    "import_file",
    "import_table",
    "infer_role",
    "infer_team_kind",
    "undefuse",
]

_ROLES = {r.value: r for r in Role}


def import_file(
    path: str | Path,
    overrides: dict[str, str] | None = None,
    sheet: str | None = None,
    skip_bad_rows: bool = False,
    keep_sensitive: bool | frozenset[str] = False,
    photos: Path | None = None,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> tuple[Org, ImportReport]:
    """Read and import a CSV or XLSX file (``overrides``: field -> column, as ``--map``;
    ``keep_sensitive``: keep every sensitive column, or the ones named; ``photos``: a folder
    of images named by employee id). Photos the file names (relative to it) are loaded and
    kept in the org (:mod:`orgeditor.io.hr.photos`).

    ``progress`` hears of the rows read, then of building the org (a phase of unknown length).
    """
    if progress is not None:
        progress.start("rows read")
    table = read_table(path, sheet, skip_bad_rows, limits, progress)
    if progress is not None:
        progress.phase(f"building the org of {len(table.rows):,} rows")
    mapping = detect_mapping(table.header, table.rows)
    if overrides:
        mapping = apply_overrides(mapping, table.header, overrides, str(table.path))
    org, report = import_table(table, mapping, skip_bad_rows, keep_sensitive)
    if "photo" in mapping or photos is not None:
        from orgeditor.io.hr.photos import embed_photos

        if photos is not None and not photos.is_dir():
            raise OrgFileError(photos, "no such folder (--photos names a folder of images)")
        report.extra.extend(embed_photos(org, table.path.parent, photos).lines())
    return org, report


def import_table(
    table: Table,
    mapping: Mapping,
    skip_bad_rows: bool = False,
    keep_sensitive: bool | frozenset[str] = False,
) -> tuple[Org, ImportReport]:
    """Build an org from a table with a mapping (field -> column index).

    Sensitive columns (:func:`~orgeditor.model.sensitive.sensitive_category`) are dropped
    unless ``keep_sensitive`` is True or names them; kept ones are marked in the settings.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _Builder(table, mapping, skip_bad_rows, keep_sensitive).build()
    finally:
        if paused:
            gc.enable()


class _Builder:
    """One import: the steps of the module docstring, each a method."""

    def __init__(
        self,
        table: Table,
        mapping: Mapping,
        skip_bad_rows: bool,
        keep_sensitive: bool | frozenset[str] = False,
    ) -> None:
        self.table = table
        self.mapping = mapping
        self.skip = skip_bad_rows
        header = table.header
        used = set(mapping.values())
        empty = set(blank_columns(header, table.rows))
        self.custom: list[tuple[int, str]] = []
        dropped: list[tuple[str, str]] = []
        kept: list[tuple[str, str]] = []
        for i, h in enumerate(header):
            if i in used or i in empty:
                continue
            name = undefuse(h)
            category = sensitive_category(name)
            if category is not None:
                keep = keep_sensitive is True or (
                    isinstance(keep_sensitive, frozenset) and name in keep_sensitive
                )
                (kept if keep else dropped).append((name, category))
                if not keep:
                    continue
            self.custom.append((i, name))
        self.report = ImportReport(
            table.path,
            table.describe(),
            {f: header[c] for f, c in sorted(mapping.items(), key=lambda fc: fc[1])},
            [h for _i, h in self.custom],
            warnings=list(table.warnings),
            empty_columns=[header[i] for i in sorted(empty - used)],
            sensitive_dropped=dropped,
            sensitive_kept=kept,
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
        #: teams whose kind the file gives
        self.kind_given: set[str] = set()

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
        mark_sensitive(org, (name for name, _category in self.report.sensitive_kept))
        self._roles_from_reports()
        claims = Claims(
            org, self.report, self.row_of, self.team_by_name, self.pipe_by_name, self.unit_by_name
        )
        claims.owners(people, self.values("owner_of"))
        c_lead = self.mapping.get("tech_lead_of")
        if c_lead is not None:
            claims.tech_leads(people, self.values("tech_lead_of") or [], self.table.header[c_lead])
        infer_kinds(org, teams, self.kind_given, self.report, self.row_of)
        team_managers(org, teams, self.report, self.row_of)
        unit_leaders(org, list(self.unit_by_name.values()))
        report_cycles(org, self.report, self.row_of)
        report_over_allocation(org, self.report, self.row_of)
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
        facts = [(f, v) for f in HR_FACT_FIELDS if (v := self.values(f, rows)) is not None]
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
            for f, texts in facts:
                if texts[k]:
                    fields[f] = texts[k]
            title = titles[k]
            if role is None:
                if role_text and c_role is not None:
                    rep.add("role-unknown", number, role_text)
                    fields[t.header[c_role]] = role_text
                if not name:
                    role = Role.OPEN
                    rep.add("open-no-name", number)
                else:
                    if name.casefold() in OPEN_NAMES:
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
                if text and text.casefold() not in NO_MANAGER:
                    mid, why = resolve(text)
                    if mid is not None:
                        p.manager = mid
                    else:
                        p.unresolved_manager = text
                        rep.add(f"manager-{why}", number, text)
            if c_dot is not None and row[c_dot].strip():
                dotted: list[str] = []
                unresolved: list[str] = []
                for text in split_items(undefuse(row[c_dot]), ids.__contains__):
                    if text.casefold() in NO_MANAGER:
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
        kpis = self.values("team_kpi") or blank
        kpi_row: dict[str, int] = {}
        kind_cache: dict[str, str] = {}
        row_of = self.row_of
        last: tuple[str, str, str, str] | None = None  # (team, unit, kind, kpi) of the last row
        last_problems: list[tuple[str, str]] = []
        for p, name, unit_name, kind, kpi in zip(
            people, team_names, unit_names, kinds, kpis, strict=True
        ):
            if not name:
                if unit_name and c_unit is not None:
                    p.fields[self.table.header[c_unit]] = unit_name
                    rep.add("unit-without-team", row_of[p.id], unit_name)
                continue
            team = teams.get(name)
            if team is None:
                team = teams[name] = Team(f"t{len(teams) + 1}", name)
            p.team = team.id
            key = (name, unit_name, kind, kpi)
            if key == last:  # rows of one team usually come together: nothing new to check
                for problem, detail in last_problems:
                    rep.add(problem, row_of[p.id], detail)
                continue
            last = key
            last_problems = []
            if kind:
                kind = kind_cache.get(kind) or kind_cache.setdefault(
                    kind, KIND_WORDS.get(normalise(kind), kind)
                )
                if team.id not in kind_row:
                    team.kind = kind
                    kind_row[team.id] = row_of[p.id]
                elif kind != team.kind:
                    last_problems.append(("kind-conflict", f"{name}: {kind}"))
                    rep.add("kind-conflict", row_of[p.id], f"{name}: {kind}")
            if kpi:
                if team.id not in kpi_row:
                    team.kpi = kpi
                    kpi_row[team.id] = row_of[p.id]
                elif kpi != team.kpi:
                    last_problems.append(("kpi-conflict", f"{name}: {kpi}"))
                    rep.add("kpi-conflict", row_of[p.id], f"{name}: {kpi}")
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
        self.kind_given = set(kind_row)
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
                cells = parsed[text] = parse_pipelines(text)
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
