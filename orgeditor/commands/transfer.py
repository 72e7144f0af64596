"""``orgeditor import``: an HR export (CSV or XLSX) -> an ``.orgchart`` file, with a report."""

from __future__ import annotations

import json
import os
from pathlib import Path

from orgeditor.commands.options import (
    Parser,
    count_option,
    echo,
    file_path,
    output_option,
    subcommand,
)
from orgeditor.errors import UserError
from orgeditor.io.reading import Limits

__all__ = ["import_command"]

_FIELDS_HELP = (
    "id, name, first_name, last_name, title, manager, team, team_kind, org_unit, role, "
    "pipelines, dotted, tech_lead_of, owner_of, level, team_kpi, start_date, location, "
    "employment_type, cost_centre, photo"
)


def _options(parser: Parser) -> None:
    parser.add_argument("source", type=Path, metavar="SOURCE")
    output_option(parser, "The .orgchart file to write (required unless --dry-run).")
    parser.add_argument(
        "--map",
        dest="maps",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="Read FIELD from COLUMN (repeatable; FIELD= leaves a field out). "
        f"Fields: {_FIELDS_HELP}.",
    )
    parser.add_argument("--sheet", default=None, metavar="NAME", help="The sheet of an .xlsx file.")
    parser.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="Leave out rows that cannot be imported (repeated ids, no id and no name), listed.",
    )
    parser.add_argument(
        "--keep-sensitive",
        action="store_true",
        help="Keep sensitive columns (salary, e-mail, phone, ...), marked sensitive in the file.",
    )
    parser.add_argument(
        "--update",
        type=file_path,
        default=None,
        metavar="ORG.orgchart",
        help="Refresh this org from the export: HR facts from the export, planning kept.",
    )
    parser.add_argument(
        "--root",
        dest="roots",
        action="append",
        default=[],
        metavar="PERSON",
        help="Keep only the org under PERSON (id or name; repeatable), everyone on a pipeline, "
        "and the leaders above them.",
    )
    parser.add_argument(
        "--photos",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="A folder of photos named by employee id (1042.jpg), kept in the org.",
    )
    count_option(
        parser,
        "--max-size",
        "Largest file (or unpacked .xlsx) to read, in megabytes.",
        default=Limits.size_mb,
        metavar="MB",
    )
    count_option(parser, "--max-rows", "Most data rows to read.", default=Limits.rows)
    count_option(parser, "--max-cell", "Most characters in one cell.", default=Limits.cell)
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="Show no progress on long imports."
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="Only print the mapping and report; write nothing."
    )
    parser.add_argument(
        "--json", dest="as_json", action="store_true", help="Print the report as JSON on stdout."
    )


@subcommand(_options)
def import_command(
    source: Path,
    output: Path | None,
    maps: list[str],
    sheet: str | None,
    skip_bad_rows: bool,
    keep_sensitive: bool,
    update: Path | None,
    roots: list[str],
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
        raise UserError("import needs -o OUT.orgchart (or --dry-run)")
    if output is not None and not dry_run and _same_file(source, output):
        raise UserError(
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
        echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        echo(report.format(), err=True)
        if output is not None and not dry_run:
            echo(f"wrote {output}", err=True)


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (through links, relative paths or hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
