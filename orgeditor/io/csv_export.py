"""Export an org as CSV with the columns the import reads, so export, import, export is identical.

Columns: ``id, name, title, level, role, manager, dotted, team, team_kind, team_kpi,
org_unit, pipelines, tech_lead_of, owner_of``, then every custom field in order of first
appearance (HR facts such as ``start_date`` or ``location`` under their own names). Managers
and dotted-line managers are ids (an unresolved reference is written as the user wrote it);
several dotted-line managers are written in the grammar the import reads
(:mod:`orgeditor.io.hr.cell_lists`: ``"; "``-separated, escaped); pipelines are ``Name:60%``
separated by ``; `` (a single placement at 100% is just ``Name``), with ``\\`` before a ``;``,
``:`` or ``\\`` inside a name (``Fraud\\:40%``), as in ``tech_lead_of`` and ``owner_of``. A
custom field whose name the import would read as one of those columns is written as
``NAME (custom)``. Sensitive fields (:mod:`orgeditor.model.sensitive`) are left out unless
``include_sensitive``.

Cells (and headers) starting with ``=``, ``+``, ``-``, ``@``, tab or CR are defused against
formula injection by a leading apostrophe, as OWASP recommends; the import removes it again
(a value that already starts with apostrophes before such a character gets one more, so the
round trip is exact). The file is UTF-8 without a byte-order mark, lines end in CRLF
(RFC 4180), and it is written atomically.

What a CSV cannot carry: teams, pipelines and org units without people, a placement in a
column other than the person's own team (written in the own team's column), unit
tech leads' and leaders' choices the import infers again, and file settings.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from orgeditor.io.hr.cell_lists import escape_name, join_items, join_names
from orgeditor.io.hr.columns import FIELDS, HR_FACT_FIELDS, SYNONYMS, normalise
from orgeditor.io.orgfile import atomic_write
from orgeditor.model.org import Org
from orgeditor.model.sensitive import public_fields

__all__ = ["COLUMNS", "defuse", "export_csv", "to_csv", "to_rows"]

#: The standard columns, as the import recognises them.
COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "title",
    "level",
    "role",
    "manager",
    "dotted",
    "team",
    "team_kind",
    "team_kpi",
    "org_unit",
    "pipelines",
    "tech_lead_of",
    "owner_of",
)

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_RECOGNISED = frozenset(normalise(s) for f in FIELDS for s in (*SYNONYMS[f], f)) | {
    normalise(c) for c in COLUMNS
}


def defuse(value: str) -> str:
    """``"=SUM(A1)"`` -> ``"'=SUM(A1)"``: a spreadsheet shows it as text, never runs it."""
    if value and value.lstrip("'")[:1] in _DANGEROUS and value.lstrip("'"):
        return "'" + value
    return value


def _custom_header(name: str) -> str:
    if name in HR_FACT_FIELDS:
        return name
    return f"{name} (custom)" if normalise(name) in _RECOGNISED else name


def to_rows(org: Org, include_sensitive: bool = False) -> tuple[list[str], list[list[str]]]:
    """The header and rows (not yet defused) of the CSV export."""
    unit_of: dict[str, str] = {}
    for u in org.ordered_units():
        for t in u.teams:
            unit_of.setdefault(t, u.name)
    leads: dict[str, list[str]] = {}
    for table in (org.ordered_teams(), org.ordered_pipelines(), org.ordered_units()):
        for ent in table:
            if ent.tech_lead is not None:
                leads.setdefault(ent.tech_lead, []).append(ent.name)
    owns: dict[str, list[str]] = {}
    for pl in org.ordered_pipelines():
        if pl.owner is not None:
            owns.setdefault(pl.owner, []).append(pl.name)
    custom: dict[str, None] = {}
    shown = {pid: public_fields(org, p, include_sensitive) for pid, p in org.people.items()}
    for fields in shown.values():
        if fields:
            custom.update(dict.fromkeys(fields))
    custom_keys = list(custom)
    header = [*COLUMNS, *(_custom_header(k) for k in custom_keys)]
    teams, pipes = org.teams, org.pipelines
    places = org._placements
    rows: list[list[str]] = []
    for p in org.people.values():
        team = teams.get(p.team) if p.team is not None else None
        if p.manager is not None:
            manager = p.manager
        else:
            manager = p.unresolved_manager or ""
        mine = places.get(p.id)
        if mine:
            cells = list(mine.items())
            if len(cells) == 1 and cells[0][1] == 100:
                pipelines = escape_name(pipes[cells[0][0][1]].name)
            else:
                pipelines = "; ".join(
                    f"{escape_name(pipes[pl].name)}:{share}%" for (_t, pl), share in cells
                )
        else:
            pipelines = ""
        fields = shown[p.id]
        rows.append(
            [
                p.id,
                p.name,
                p.title,
                p.level,
                p.role.value,
                manager,
                join_items((*p.dotted, *p.unresolved_dotted)),
                team.name if team is not None else "",
                team.kind if team is not None else "",
                team.kpi if team is not None else "",
                unit_of.get(team.id, "") if team is not None else "",
                pipelines,
                join_names(leads.get(p.id, ())),
                join_names(owns.get(p.id, ())),
                *(fields.get(k, "") for k in custom_keys),
            ]
        )
    return header, rows


def to_csv(org: Org, include_sensitive: bool = False) -> str:
    """The CSV text of the export (defused)."""
    header, rows = to_rows(org, include_sensitive)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([defuse(h) for h in header])
    d = defuse
    writer.writerows([d(v) for v in r] for r in rows)
    return out.getvalue()


def export_csv(org: Org, path: str | Path, include_sensitive: bool = False) -> None:
    """Write the org as CSV to ``path`` atomically (UTF-8, no byte-order mark)."""
    atomic_write(Path(path), to_csv(org, include_sensitive).encode("utf-8"))
