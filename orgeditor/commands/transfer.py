"""``orgeditor import``: an HR export (CSV or XLSX) -> an ``.orgchart`` file, with a report."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from orgeditor.io.reading import Limits

__all__ = ["import_command"]

_FIELDS_HELP = (
    "id, name, first_name, last_name, title, manager, team, team_kind, org_unit, role, "
    "pipelines, dotted, tech_lead_of, owner_of, level, team_kpi, start_date, location, "
    "employment_type, cost_centre, photo"
)


@click.command(name="import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The .orgchart file to write (required unless --dry-run).",
)
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="FIELD=COLUMN",
    help=f"Read FIELD from COLUMN (repeatable; FIELD= leaves a field out). Fields: {_FIELDS_HELP}.",
)
@click.option("--sheet", default=None, metavar="NAME", help="The sheet of an .xlsx file.")
@click.option(
    "--skip-bad-rows",
    is_flag=True,
    help="Leave out rows that cannot be imported (repeated ids, no id and no name), listed.",
)
@click.option(
    "--keep-sensitive",
    is_flag=True,
    help="Keep sensitive columns (salary, e-mail, phone, ...), marked sensitive in the file.",
)
@click.option(
    "--update",
    "update",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="ORG.orgchart",
    help="Refresh this org from the export: HR facts from the export, planning kept.",
)
@click.option(
    "--root",
    "roots",
    multiple=True,
    metavar="PERSON",
    help="Keep only the org under PERSON (id or name; repeatable), everyone on a pipeline, "
    "and the leaders above them.",
)
@click.option(
    "--photos",
    "photos",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FOLDER",
    help="A folder of photos named by employee id (1042.jpg), kept in the org.",
)
@click.option(
    "--max-size", type=click.IntRange(1), default=Limits.size_mb, show_default=True,
    metavar="MB", help="Largest file (or unpacked .xlsx) to read, in megabytes.",
)
@click.option(
    "--max-rows", type=click.IntRange(1), default=Limits.rows, show_default=True,
    metavar="N", help="Most data rows to read.",
)
@click.option(
    "--max-cell", type=click.IntRange(1), default=Limits.cell, show_default=True,
    metavar="N", help="Most characters in one cell.",
)
@click.option("-q", "--quiet", is_flag=True, help="Show no progress on long imports.")
@click.option("--dry-run", is_flag=True, help="Only print the mapping and report; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
def import_command(
    source: Path,
    output: Path | None,
    maps: tuple[str, ...],
    sheet: str | None,
    skip_bad_rows: bool,
    keep_sensitive: bool,
    update: Path | None,
    roots: tuple[str, ...],
    photos: Path | None,
    max_size: int,
    max_rows: int,
    max_cell: int,
    quiet: bool,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import people from an HR export (.csv or .xlsx) into an .orgchart file.

    Columns are recognised by name (see docs/import.md); every other column is kept as a
    custom field. Problems the org can hold (unmatched managers, cycles, shares over 100%)
    are imported as they are and listed with their rows, for `orgeditor check`.
    """
    from orgeditor.io.hr.columns import parse_map_options
    from orgeditor.io.hr.hr_import import import_file
    from orgeditor.io.orgfile import save

    if output is None and not dry_run:
        raise click.UsageError("import needs -o OUT.orgchart (or --dry-run)")
    if output is not None and not dry_run and _same_file(source, output):
        raise click.UsageError(
            f"{output}: is the file being imported; choose another name for the .orgchart"
        )
    overrides = parse_map_options(maps)
    from contextlib import ExitStack

    from orgeditor.progress import for_stderr

    limits = Limits(size_mb=max_size, rows=max_rows, cell=max_cell)
    with ExitStack() as stack:
        planned = None
        keep: bool | frozenset[str] = keep_sensitive
        if update is not None:  # read first: a bad org file stops before the import's work
            from orgeditor.io.hr.hr_update import frozen_org
            from orgeditor.model.sensitive import sensitive_fields

            planned = stack.enter_context(frozen_org(update))
            keep = keep_sensitive or sensitive_fields(planned)  # what the org keeps, it keeps
        progress = stack.enter_context(for_stderr(f"import {source.name}", quiet))
        org, report = import_file(
            source,
            overrides,
            sheet=sheet,
            skip_bad_rows=skip_bad_rows,
            keep_sensitive=keep,
            photos=photos,
            limits=limits,
            progress=progress,
        )
        if roots:
            from orgeditor.io.hr.hr_cut import cut_org, find_person

            cut = cut_org(org, [find_person(org, r) for r in roots])
            org = cut.org
            report.extra.extend(cut.lines())
        if update is not None and planned is not None:
            from orgeditor.io.hr.hr_update import update_org

            progress.phase(f"updating {update.name}")
            plan = update_org(planned, org, report)
            org = planned  # the import's own org is dropped here
            report.extra.extend(plan.lines(update.name))
            report.changes = [c.to_data() for c in plan.people]
        if output is not None and not dry_run:
            progress.phase(f"writing {output.name}")
            save(org, output)
    if as_json:
        data = report.to_data()
        data["output"] = None if dry_run or output is None else str(output)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(report.format(), err=True)
        if output is not None and not dry_run:
            click.echo(f"wrote {output}", err=True)


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (through links, relative paths or hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
