"""Export an org as a diagram: pick the view, split it into slide pages, render, write.

``export_file(org, "out.pdf", ExportOptions(view="reporting"))`` is what the command line and
the window call. Formats follow the output suffix (:data:`FORMATS`). SVG, PNG and DOT hold one
page: the whole chart, or page ``N`` of the slide paging with ``page=N``; PDF and PowerPoint
hold every page (or only page ``N``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from orgeditor.errors import UserError
from orgeditor.export import render
from orgeditor.export.deadline import Deadline
from orgeditor.export.layout import iter_pages
from orgeditor.export.metrics import PHOTO_PT
from orgeditor.export.pages import Page, PageDot
from orgeditor.export.parallel import Lazy, can_fork, default_jobs, render_pages
from orgeditor.export.themes import Theme, get_theme
from orgeditor.export.views import chart_of
from orgeditor.model.org import Org
from orgeditor.progress import SILENT, Cancelled, Progress

if TYPE_CHECKING:
    import pydot

    from orgeditor.export.card_photos import PhotoFiles

__all__ = [
    "FORMATS",
    "TABLE_FORMATS",
    "ExportOptions",
    "PageDot",
    "build_pages",
    "export_file",
    "format_for",
    "iter_page_dots",
    "render_page",
    "render_pdf_pages",
    "slide_picture",
    "to_pydot",
]

#: suffix -> format
FORMATS: dict[str, str] = {
    ".dot": "dot",
    ".gv": "dot",
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".pptx": "pptx",
}

#: suffix -> table format, written by :mod:`orgeditor.io` (``orgeditor export`` handles them)
TABLE_FORMATS: dict[str, str] = {".csv": "csv", ".graphml": "graphml"}

T = TypeVar("T")
Graph = tuple["pydot.Dot", list[str], str, Page | None]


@dataclass(frozen=True)
class ExportOptions:
    """What to draw and how (the options of ``orgeditor export``)."""

    view: str = "reporting"
    root: str | None = None
    pipeline: str | None = None
    depth: int | None = None
    theme: str = "default"
    titles: bool = True
    #: box people by "team" or by org "unit" ("" for no boxes)
    clusters: str = ""
    stack: bool = True
    page: int | None = None
    scale: float = 1.0
    transparent: bool = False
    #: seconds the whole export may take (planning, DOT and every Graphviz run)
    timeout: float = render.DEFAULT_TIMEOUT
    #: pages drawn at once for paged PDFs and picture decks (None: one per core; the output
    #: is the same)
    jobs: int | None = field(default=None, compare=False)
    #: PowerPoint: pictures of the pages instead of editable shapes
    pictures: bool = False
    #: PowerPoint: a deck or template whose slide size, layouts, fonts and colours to use
    template: str | None = None
    #: the running export's time limit (set by :func:`export_file` from ``timeout``)
    deadline: Deadline | None = field(default=None, compare=False, repr=False)
    #: a mark on every page or slide ("Confidential draft")
    mark: str = ""
    #: a ready theme used instead of ``theme`` (the change diagrams' marked cards)
    theme_object: Theme | None = None
    #: draw the photos kept in the org on the cards (tree views; never fetched from a link)
    photos: bool = False
    #: the running export's photo files for Graphviz (set by :func:`export_file`)
    photo_files: PhotoFiles | None = field(default=None, compare=False, repr=False)


def format_for(path: str | Path, tables: bool = False) -> str:
    """The format of an output file from its suffix; a clear error listing the formats.

    With ``tables``, ``.csv`` and ``.graphml`` (tables, not diagrams) are accepted too.
    """
    suffix = Path(path).suffix.lower()
    known = {**FORMATS, **TABLE_FORMATS} if tables else FORMATS
    fmt = known.get(suffix)
    if fmt is None:
        listed = ", ".join(s for s in known if s != ".gv")
        got = f"{suffix!r}" if suffix else "no suffix"
        raise UserError(f"{path}: unknown output format ({got}); use one of {listed}")
    return fmt


def build_pages(
    org: Org, opts: ExportOptions, paged: bool, deadline: Deadline | None = None
) -> list[PageDot]:
    """DOT text of every page (``paged``) or of the whole chart as one page."""
    _count, pages = iter_page_dots(org, opts, paged, deadline)
    return list(pages)


def iter_page_dots(
    org: Org, opts: ExportOptions, paged: bool, deadline: Deadline | None = None
) -> tuple[int, Lazy[PageDot]]:
    """Like :func:`build_pages`: the number of pages, then each page's DOT, made when reached
    (in order by iterating, or page ``i`` alone with ``pages[i]``)."""
    from orgeditor.export.dot_text import serialise

    count, graphs = _graphs(org, opts, paged, deadline)

    def dot(item: Graph) -> PageDot:
        graph, names, label, plan = item
        page = PageDot(serialise(graph), names, label, plan)
        # a pydot graph is one big cycle (every element points back to its graph): cut it so
        # that reference counting frees it now, not a pass of the cyclic collector
        graph.obj_dict.clear()
        return page

    return count, graphs.map(dot)


def _graphs(
    org: Org,
    opts: ExportOptions,
    paged: bool,
    deadline: Deadline | None = None,
    sink: Callable[[str], None] | None = None,
) -> tuple[int, Lazy[Graph]]:
    """The number of pages and every page as (graph, names drawn, label, laid-out page or
    None for the matrix), each made when it is reached. ``sink`` gets the DOT text of a tree
    chart's page in parts while its graph is built (:func:`~orgeditor.export.dot.page_graph`;
    not the matrix's)."""
    theme = opts.theme_object or get_theme(opts.theme)
    if opts.mark:
        theme = replace(theme, mark=opts.mark)
    if opts.transparent:
        theme = replace(theme, transparent=True)
    if opts.depth is not None and opts.depth < 0:
        raise UserError("--depth must be 0 or more")
    if opts.view == "matrix":
        from orgeditor.export.matrix import matrix_graph, matrix_pages, matrix_people

        mpages = matrix_pages(org, opts.titles) if paged else [None]

        def matrix(i: int) -> Graph:
            mp = mpages[i]
            graph = matrix_graph(
                org, theme, mp, titles=opts.titles, pages=len(mpages), page_number=i + 1
            )
            shown = matrix_people(org, mp) if mp is not None else list(org.people)
            return graph, [org.people[p].display_name for p in shown], f"page {i + 1}", None

        return len(mpages), Lazy(len(mpages), matrix)
    from orgeditor.export.dot import page_graph

    chart = chart_of(org, opts)
    if not chart.roots:
        raise UserError(f"the {opts.view} view has nobody to draw")
    count, pages = iter_pages(
        org,
        chart,
        paged=paged,
        titles=opts.titles,
        stack=opts.stack,
        clusters=bool(opts.clusters) or opts.view == "pipeline",
        deadline=deadline,
        theme=theme,
        photos=opts.photo_files is not None,
    )

    def tree(page: Page) -> Graph:
        if deadline is not None:
            deadline.check()
        names = [org.people[p].display_name for p in page.cards]
        graph = page_graph(org, page, theme, photos=opts.photo_files, sink=sink)
        return graph, names, page.label, page

    return count, pages.map(tree)


def to_pydot(org: Org, view: str = "reporting", **options: Any) -> pydot.Dot:
    """The diagram of ``org`` as a ``pydot.Dot``, like ``networkx.nx_pydot.to_pydot``.

    ``view`` and ``options`` are those of ``orgeditor export`` (the fields of
    :class:`ExportOptions`: ``root``, ``pipeline``, ``depth``, ``theme``, ``titles``,
    ``clusters`` as ``"team"``, ``"unit"`` or ``""``, ``stack``, ``page``). Without ``page`` the
    whole chart is one graph; with ``page=N``, page ``N`` of the slide paging (1-based). Node
    ids are opaque (``n1``, ``s1``); names are in the labels, already escaped. Render it with
    Graphviz yourself (``dot -Tsvg``), with pydot's ``write_svg``, or use :func:`export_file`::

        >>> from orgeditor.export import to_pydot
        >>> from orgeditor.samples import sample_org
        >>> graph = to_pydot(sample_org(), view="subtree", root="Elena Dubois")
        >>> graph.get_rankdir()
        'TB'
        >>> "Elena Dubois" in graph.to_string()
        True
    """
    opts = ExportOptions(view=view, **options)
    count, graphs = _graphs(org, opts, opts.page is not None)
    _one, picked = _pick(count, graphs, opts.page)
    return picked[0][0]


def _pick(count: int, pages: Lazy[T], page: int | None) -> tuple[int, Lazy[T]]:
    """Page ``page`` alone (planning no other page), or all."""
    if page is None:
        return count, pages
    if not 1 <= page <= count:
        raise UserError(f"--page: this chart has {count} page(s); choose 1 to {count}")
    return 1, Lazy(1, lambda _i: pages[page - 1])


def render_page(page: PageDot, fmt: str, opts: ExportOptions) -> bytes:
    """Render one page to ``svg``, ``png`` or ``pdf`` bytes (checked, never shrunk)."""
    data, warnings = _run_dot(page.dot, fmt, opts)
    if fmt == "png":
        render.check_png(data, warnings, opts.scale)
    if fmt == "svg" and opts.photo_files is not None:  # one self-contained file
        data = opts.photo_files.inline_svg(data)
    return data


def slide_picture(page: PageDot, opts: ExportOptions) -> bytes:
    """A page as the PNG of a picture slide: twice the slide's 1920 x 1080 px at most, so that
    it stays sharp when projected."""
    png = render_page(page, "png", replace(opts, scale=2.0))
    w, h = render.png_size(png)
    if w > 3840 or h > 2160:
        factor = min(3840 / w, 2160 / h)
        png = render_page(page, "png", replace(opts, scale=2.0 * factor))
    return png


def _pictures(
    pages: Lazy[PageDot], opts: ExportOptions, report: Progress, deadline: Deadline
) -> tuple[list[PageDot], list[bytes]]:
    """Every page and its slide picture, drawn ``opts.jobs`` at a time like a PDF's pages.

    The pages come back without their DOT and plan (the deck needs only their labels and
    names), which keeps what the drawing processes send back small.
    """

    def draw(page: PageDot) -> tuple[PageDot, bytes]:
        return PageDot("", page.names, page.label), slide_picture(page, opts)

    drawn: list[tuple[PageDot, bytes]] = []
    jobs = opts.jobs or default_jobs()
    render_pages(
        pages,
        lambda batch: [draw(p) for p in batch],
        jobs,
        report,
        deadline,
        drawn.extend,
        fork=can_fork(),
        batch=1,  # one dot run a picture whatever the batch: small batches balance best
    )
    return [page for page, _png in drawn], [png for _page, png in drawn]


def render_pdf_pages(pages: list[PageDot], opts: ExportOptions) -> list[bytes]:
    """One single-page PDF per page, from one Graphviz run for all of them.

    ``dot`` writes one PDF per graph of its input, one after the other, the same bytes as one
    run per page; one run saves its start-up (a third of a typical page's time) per page.
    """
    if len(pages) == 1:
        return [render_page(pages[0], "pdf", opts)]
    from orgeditor.export.pdfmerge import split_pdfs

    text = "\n".join(page.dot for page in pages)
    parts = split_pdfs(_run_dot(text, "pdf", opts)[0])
    if len(parts) != len(pages):
        raise render.GraphvizError(f"Graphviz wrote {len(parts)} PDF pages for {len(pages)} graphs")
    return parts


def _run_dot(text: str, fmt: str, opts: ExportOptions) -> tuple[bytes, str]:
    args = _dot_args(fmt, opts)
    return render.run_dot_by(text, fmt, opts.deadline, opts.timeout, args=args)


def _dot_args(fmt: str, opts: ExportOptions) -> tuple[str, ...]:
    """``dot``'s options for ``fmt``: a PNG's resolution."""
    return (f"-Gdpi={96.0 * opts.scale:g}",) if fmt == "png" else ()


def _photo_px(fmt: str, opts: ExportOptions) -> int | None:
    """How many pixels wide the photos Graphviz draws need to be: an SVG keeps them as they
    are; a PNG at its resolution (the picture deck's at twice 96 DPI); a PDF at twice the
    photo's size in points (72 px, 144 DPI: sharp on a slide, about half the bytes of 96 px).
    """
    import math

    if fmt == "svg":
        return None
    scale = 2.0 if fmt == "pptx" else opts.scale if fmt == "png" else 1.5
    return max(16, math.ceil(PHOTO_PT * 96 / 72 * scale))


def _check_photos(out: Path, fmt: str, opts: ExportOptions) -> None:
    if opts.view == "matrix":
        raise UserError(
            "--photos: the matrix view lists names, not cards; photos are drawn on the "
            "reporting, subtree and pipeline views"
        )
    if fmt == "dot":
        raise UserError(
            f"{out}: a .dot file cannot hold the photos; export .svg, .png, .pdf or .pptx "
            "with --photos"
        )


def export_file(
    org: Org,
    out: str | Path,
    opts: ExportOptions,
    progress: Progress | None = None,
) -> int:
    """Write the diagram to ``out`` (format by suffix); returns the number of pages written.

    Nothing is written when anything fails, or when the export is cancelled.

    ``progress`` (an :class:`orgeditor.progress.Progress`, e.g. ``for_stderr("export")`` or
    one with the window's sink) hears, in this order: ``phase("planning pages")`` while the
    paging is decided; ``start("pages", N)`` with the N pages planned, then ``advance()`` once
    per page drawn (PDF, picture PowerPoint; SVG/PNG/DOT: one page); ``phase("joining N
    pages")`` and ``phase("writing FILE")``. The caller finishes it (``with progress:``).
    ``Progress(cancelled=...)`` stops the export: :class:`orgeditor.progress.Cancelled` is
    raised and nothing is written.

    PDF pages and a picture deck's slides are drawn ``opts.jobs`` at a time (default: one per
    core); the file is the same for any number of jobs.
    """
    out = Path(out)
    fmt = format_for(out)
    if opts.photos:
        _check_photos(out, fmt, opts)
        if opts.photo_files is None and (fmt != "pptx" or opts.pictures):
            # Graphviz draws the photos from files: a private folder, removed afterwards
            from orgeditor.export.card_photos import PhotoFiles

            with PhotoFiles(_photo_px(fmt, opts)) as files:
                return export_file(org, out, replace(opts, photo_files=files), progress)
    if opts.scale <= 0:
        raise UserError("--scale must be above 0")
    if opts.jobs is not None and opts.jobs < 1:
        raise UserError(f"--jobs must be 1 or more, not {opts.jobs}")
    if not out.parent.exists() and str(out.parent):
        raise UserError(f"{out}: the folder {out.parent} does not exist")
    report = Progress("export", SILENT) if progress is None else progress
    deadline = opts.deadline or Deadline(opts.timeout)
    opts = replace(opts, deadline=deadline)

    def slides_done(done: int, count: int) -> None:  # the decks report (slide, slides)
        if report.total != count:
            report.start("pages", count)
        report.update(done)

    if fmt == "pptx" and not opts.pictures:  # editable slides: pages of their own
        from orgeditor.export.pptx import build_native_pptx

        report.phase("planning pages")
        data, total = build_native_pptx(org, opts, slides_done)
        if report.cancelled():
            raise Cancelled("export cancelled")
        report.phase(f"writing {out.name}")
        render.write_output(out, data)
        return total
    if fmt == "pptx":  # a slide's picture has the slide's background
        opts = replace(opts, transparent=False)
    if fmt in ("svg", "png") and opts.photo_files is None:
        return _draw(org, out, fmt, opts, report, deadline)
    paged = fmt in ("pdf", "pptx") or opts.page is not None
    report.phase("planning pages")
    total, pages = _pick(*iter_page_dots(org, opts, paged, deadline), opts.page)
    report.start("pages", total)
    if fmt == "dot":
        data = pages[0].dot.encode("utf-8")
        report.advance()
    elif fmt in ("svg", "png"):
        data = render_page(pages[0], fmt, opts)
        report.advance()
    elif fmt == "pdf":
        from orgeditor.export.pdfmerge import PdfJoiner

        jobs = opts.jobs or default_jobs()
        joiner = PdfJoiner()  # joins the pages drawn while the next ones are drawn

        def join(parts: list[bytes]) -> None:
            for part in parts:
                joiner.add(part)

        # the command line: planned and drawn in several processes; the window: threads
        render_pages(
            pages,
            lambda batch: render_pdf_pages(batch, opts),
            jobs,
            report,
            deadline,
            join,
            fork=can_fork(),
        )
        report.phase(f"joining {total:,} pages")
        data = joiner.finish()
    else:
        from orgeditor.export.pptx import build_pptx

        try:
            listed, pictures = _pictures(pages, opts, report, deadline)
            data = build_pptx(org, listed, opts, pictures)
        except render.PngTooLarge:
            # the slides' pictures have a resolution of their own: --scale would not help
            raise UserError(
                f"{out}: a page is too large for a picture slide (Cairo caps images at "
                f"{render.PNG_LIMIT:,} px); export .pdf or .svg instead"
            ) from None
    _before_writing(out, report, deadline)
    render.write_output(out, data)
    return total


def _draw(
    org: Org, out: Path, fmt: str, opts: ExportOptions, report: Progress, deadline: Deadline
) -> int:
    """An SVG or PNG without photos (one page). Graphviz starts first, reads the DOT as it is
    printed (:class:`~orgeditor.export.render.DotRun`: its start-up and parsing overlap the
    planning and the building of the graph) and writes the file itself, through the atomic
    temporary file: the megabytes of a large chart are not read back and written again
    (16-20 ms of a 5,000-person SVG)."""
    from orgeditor.export.dot_text import serialise_parts

    with (
        render.output_file(out) as fd,
        render.DotRun(fmt, into=fd, args=_dot_args(fmt, opts), timeout=deadline.remaining()) as run,
    ):
        report.phase("planning pages")
        made = _graphs(org, opts, opts.page is not None, deadline, sink=run.write)
        total, graphs = _pick(*made, opts.page)
        report.start("pages", total)
        graph, _names, _label, plan = graphs[0]
        if plan is None:  # the matrix: its text is printed once its graph is made
            run.feed(serialise_parts(graph))
        graph.obj_dict.clear()  # (the cycle cut of iter_page_dots)
        with render.timed_by(deadline):
            head, warnings = run.finish()
        if fmt == "png":
            render.check_png(head, warnings, opts.scale)
        report.advance()
        _before_writing(out, report, deadline)
    return total


def _before_writing(out: Path, report: Progress, deadline: Deadline) -> None:
    """The last checks before a file is written (an export stopped now writes nothing)."""
    deadline.check()
    if report.cancelled():
        raise Cancelled("export cancelled")
    report.phase(f"writing {out.name}")
