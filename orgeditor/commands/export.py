"""``orgeditor export FILE -o OUT``: slide-ready diagrams (DOT, SVG, PNG, PDF, PowerPoint)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from orgeditor.commands.at import add_at_option, day_option, load_at, warn_stale
from orgeditor.commands.options import (
    Parser,
    count_option,
    echo,
    file_path,
    finite,
    output_option,
    subcommand,
)
from orgeditor.errors import UserError

if TYPE_CHECKING:
    from orgeditor.model.org import Org

__all__ = ["command"]


def _options(parser: Parser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    output_option(
        parser,
        "Output file; its suffix picks the format: .dot .svg .png .pdf .pptx .csv .graphml",
        required=True,
    )
    parser.add_argument(
        "--view",
        choices=["reporting", "matrix", "subtree", "pipeline"],
        default="reporting",
        help="What the diagram shows.",
    )
    parser.add_argument(
        "--root",
        metavar="PERSON",
        default=None,
        help="subtree view: the manager (an id or exact name).",
    )
    parser.add_argument(
        "--pipeline", metavar="NAME", default=None, help="pipeline view: the pipeline's name."
    )
    count_option(parser, "--depth", "subtree view: levels below root.", minimum=0)
    parser.add_argument(
        "--theme", metavar="NAME", default="default", help="default, dark, team, role or level."
    )
    parser.add_argument(
        "--titles",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="Job titles on cards.",
    )
    parser.add_argument(
        "--clusters",
        choices=["none", "team", "unit"],
        nargs="?",
        const="team",
        default="none",
        help="Box people by team or by org unit (--clusters alone: by team).",
    )
    parser.add_argument(
        "--no-stack", action="store_true", help="Do not stack leaf reports under their manager."
    )
    count_option(
        parser,
        "--page",
        "Export only page N of the slide paging (SVG/PNG otherwise hold the whole chart).",
    )
    parser.add_argument(
        "--scale",
        metavar="FACTOR",
        type=float,
        default=1.0,
        help="PNG only: resolution factor (1 = 96 DPI).",
    )
    parser.add_argument(
        "--transparent", action="store_true", help="PNG/SVG: transparent background."
    )
    parser.add_argument(
        "--pictures",
        action="store_true",
        help="PowerPoint: a picture of each page instead of editable shapes.",
    )
    parser.add_argument(
        "--template",
        metavar="FILE",
        type=file_path,
        default=None,
        help="PowerPoint: take slide size, layouts, fonts and colours from this .pptx/.potx.",
    )
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=finite(0.1, 86400.0),
        default=300.0,
        help="Seconds the whole export may take (planning and every Graphviz run).",
    )
    count_option(
        parser,
        "--jobs",
        "PDF, picture deck: pages drawn at once (default: one per core; the file is the same).",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="Print no progress on stderr.")
    parser.add_argument(
        "--include-sensitive",
        action="store_true",
        help="Also write sensitive fields (salary, e-mail, phone, ...); left out by default.",
    )
    parser.add_argument(
        "--photos",
        action="store_true",
        help="Draw the photos kept in the org on the cards (.svg .png .pdf .pptx .graphml; "
        "links are never fetched).",
    )
    add_at_option(parser)
    parser.add_argument(
        "--mark",
        metavar="TEXT",
        default="",
        help='A mark on every page or slide ("Confidential draft").',
    )


@subcommand(_options)
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
        echo(f"wrote {output}", err=True)
        return
    fmt = format_for(output, tables=True)  # an unknown suffix fails before the org is read
    if fmt in ("csv", "graphml"):
        _export_table(file, output, fmt, at)
        return
    get_theme(theme)
    if fmt != "pptx" and (pictures or template is not None):
        raise UserError("--pictures and --template are for PowerPoint (.pptx) output")
    if scale <= 0:
        raise UserError("--scale must be above 0")
    if view == "subtree" and not root:
        raise UserError("--view subtree needs --root PERSON (an id or an exact name)")
    if view == "pipeline" and not pipeline:
        raise UserError("--view pipeline needs --pipeline NAME")
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
    echo(f"wrote {output} ({pages} {noun})", err=True)
    if fmt in ("svg", "png") and page is None:
        from orgeditor.export.measure import HEAD, output_name_px

        with output.open("rb") as f:
            head = f.read(HEAD)
        px = output_name_px(head, fmt, scale)
        if px is not None and px < 12:
            echo(
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
    echo(f"wrote {output} ({len(org.people)} people)", err=True)
