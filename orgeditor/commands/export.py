"""``orgeditor export FILE -o OUT``: slide-ready diagrams (DOT, SVG, PNG, PDF, PowerPoint)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from orgeditor.commands.at import at_option, day_option, load_at, warn_stale

if TYPE_CHECKING:
    from orgeditor.model.org import Org

__all__ = ["command"]


@click.command(name="export")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file; its suffix picks the format: .dot .svg .png .pdf .pptx .csv .graphml",
)
@click.option(
    "--view",
    type=click.Choice(["reporting", "matrix", "subtree", "pipeline"]),
    default="reporting",
    show_default=True,
    help="What the diagram shows.",
)
@click.option("--root", default=None, help="subtree view: the manager (an id or exact name).")
@click.option("--pipeline", default=None, help="pipeline view: the pipeline's name.")
@click.option(
    "--depth", type=click.IntRange(min=0), default=None, help="subtree view: levels below root."
)
@click.option(
    "--theme",
    default="default",
    show_default=True,
    help="default, dark, team, role or level.",
)
@click.option("--titles/--no-titles", default=True, show_default=True, help="Job titles on cards.")
@click.option(
    "--clusters",
    type=click.Choice(["none", "team", "unit"]),
    default="none",
    is_flag=False,
    flag_value="team",
    help="Box people by team or by org unit (--clusters alone: by team).",
)
@click.option("--no-stack", is_flag=True, help="Do not stack leaf reports under their manager.")
@click.option(
    "--page",
    type=click.IntRange(min=1),
    default=None,
    help="Export only page N of the slide paging (SVG/PNG otherwise hold the whole chart).",
)
@click.option(
    "--scale",
    type=float,
    default=1.0,
    show_default=True,
    help="PNG only: resolution factor (1 = 96 DPI).",
)
@click.option("--transparent", is_flag=True, help="PNG/SVG: transparent background.")
@click.option(
    "--pictures",
    is_flag=True,
    help="PowerPoint: a picture of each page instead of editable shapes.",
)
@click.option(
    "--template",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="PowerPoint: take slide size, layouts, fonts and colours from this .pptx/.potx.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 86400.0),
    callback=lambda ctx, param, value: _finite(value, "--timeout"),
    default=300.0,
    show_default=True,
    help="Seconds the whole export may take (planning and every Graphviz run).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="PDF, picture deck: pages drawn at once (default: one per core; the file is the same).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print no progress on stderr.")
@click.option(
    "--include-sensitive",
    is_flag=True,
    help="Also write sensitive fields (salary, e-mail, phone, ...); left out by default.",
)
@click.option(
    "--photos",
    is_flag=True,
    help="Draw the photos kept in the org on the cards (.svg .png .pdf .pptx .graphml; "
    "links are never fetched).",
)
@at_option
@click.option("--mark", default="", help='A mark on every page or slide ("Confidential draft").')
def command(
    file: Path,
    output: Path,
    view: str,
    root: str | None,
    pipeline: str | None,
    depth: int | None,
    theme: str,
    titles: bool,
    clusters: str,
    no_stack: bool,
    page: int | None,
    scale: float,
    transparent: bool,
    pictures: bool,
    template: Path | None,
    timeout: float,
    jobs: int | None,
    quiet: bool,
    include_sensitive: bool,
    photos: bool,
    mark: str,
    at: str | None = None,
) -> None:
    """Draw FILE as a diagram for slides; the output's suffix picks the format."""
    import gc

    # a one-shot command that frees nothing in cycles before it exits: the cyclic collector's
    # passes over the org and the pages would cost a fifth of the time on a large org
    gc.disable()
    from orgeditor.export.api import ExportOptions, export_file, format_for
    from orgeditor.export.themes import get_theme
    from orgeditor.io import TABLE_SUFFIXES, export_table
    from orgeditor.progress import for_stderr

    day_option(at)  # a bad date fails before anything is read
    if output.suffix.lower() in TABLE_SUFFIXES:  # tables, not diagrams: orgeditor.io
        export_table(_load(file, at), output, include_sensitive, photos)
        click.echo(f"wrote {output}", err=True)
        return
    fmt = format_for(output, tables=True)  # an unknown suffix fails before the org is read
    if fmt in ("csv", "graphml"):
        _export_table(file, output, fmt, at)
        return
    get_theme(theme)
    if fmt != "pptx" and (pictures or template is not None):
        raise click.UsageError("--pictures and --template are for PowerPoint (.pptx) output")
    if scale <= 0:
        raise click.UsageError("--scale must be above 0")
    if view == "subtree" and not root:
        raise click.UsageError("--view subtree needs --root PERSON (an id or an exact name)")
    if view == "pipeline" and not pipeline:
        raise click.UsageError("--view pipeline needs --pipeline NAME")
    org = _load(file, at)
    opts = ExportOptions(
        view=view,
        root=root,
        pipeline=pipeline,
        depth=depth,
        theme=theme,
        titles=titles,
        clusters="" if clusters == "none" else clusters,
        stack=not no_stack,
        page=page,
        scale=scale,
        transparent=transparent,
        timeout=timeout,
        jobs=jobs,
        mark=mark,
        pictures=pictures,
        template=str(template) if template is not None else None,
        photos=photos,
    )
    with for_stderr("export", quiet) as progress:
        pages = export_file(org, output, opts, progress)
    noun = "page" if pages == 1 else "pages"
    click.echo(f"wrote {output} ({pages} {noun})", err=True)
    if fmt in ("svg", "png") and page is None:
        from orgeditor.export.measure import HEAD, output_name_px

        with output.open("rb") as f:
            head = f.read(HEAD)
        px = output_name_px(head, fmt, scale)
        if px is not None and px < 12:
            click.echo(
                f"note: shown whole on a 1920x1080 slide, names would be {px:.1f} px tall; "
                "export .pdf or .pptx for slide-sized pages, or one page with --page N",
                err=True,
            )


def _load(file: Path, at: str | None) -> Org:
    org, stale = load_at(file, at)
    warn_stale(stale)
    return org


def _export_table(file: Path, output: Path, fmt: str, at: str | None = None) -> None:
    """``.csv`` (the columns the import reads) or ``.graphml`` (yEd, Gephi, networkx)."""
    org = _load(file, at)
    if fmt == "csv":
        from orgeditor.io.csv_export import export_csv

        export_csv(org, output)
    else:
        from orgeditor.io.graphml import export_graphml

        export_graphml(org, output)
    click.echo(f"wrote {output} ({len(org.people)} people)", err=True)


def _finite(value: float, option: str) -> float:
    """Refuse ``nan`` (which every range check lets through)."""
    if value != value:
        raise click.BadParameter("must be a number of seconds, not nan", param_hint=option)
    return value
