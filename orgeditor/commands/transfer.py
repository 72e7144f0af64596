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
    "pipelines, dotted, tech_lead_of, owner_of, level"
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
    from orgeditor.io.columns import parse_map_options
    from orgeditor.io.hr_import import import_file
    from orgeditor.io.orgfile import save

    if output is None and not dry_run:
        raise click.UsageError("import needs -o OUT.orgchart (or --dry-run)")
    if output is not None and not dry_run and _same_file(source, output):
        raise click.UsageError(
            f"{output}: is the file being imported; choose another name for the .orgchart"
        )
    overrides = parse_map_options(maps)
    from orgeditor.progress import for_stderr

    limits = Limits(size_mb=max_size, rows=max_rows, cell=max_cell)
    with for_stderr(f"import {source.name}", quiet) as progress:
        org, report = import_file(
            source,
            overrides,
            sheet=sheet,
            skip_bad_rows=skip_bad_rows,
            limits=limits,
            progress=progress,
        )
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
