"""Export an org as a diagram: pick the view, split it into slide pages, render, write.

``export_file(org, "out.pdf", ExportOptions(view="reporting"))`` is what the command line and
the window call. Formats follow the output suffix (:data:`FORMATS`). SVG, PNG and DOT hold one
page: the whole chart, or page ``N`` of the slide paging with ``page=N``; PDF and PowerPoint
hold every page (or only page ``N``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from orgeditor.errors import UserError
from orgeditor.export import render
from orgeditor.export.layout import Page, Sizer, paginate
from orgeditor.export.themes import get_theme
from orgeditor.export.views import (
    VIEWS,
    Chart,
    find_pipeline,
    find_root,
    pipeline_chart,
    reporting_chart,
    subtree_chart,
)
from orgeditor.model.org import Org

__all__ = [
    "FORMATS",
    "TABLE_FORMATS",
    "ExportOptions",
    "PageDot",
    "build_pages",
    "export_file",
    "format_for",
    "render_page",
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

Progress = Callable[[int, int], None]


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
    timeout: float = render.DEFAULT_TIMEOUT
    #: PowerPoint: pictures of the pages instead of editable shapes
    pictures: bool = False
    #: PowerPoint: a deck or template whose slide size, layouts, fonts and colours to use
    template: str | None = None


@dataclass(frozen=True)
class PageDot:
    """One page ready for Graphviz: its DOT text and the names drawn on it."""

    dot: str
    names: list[str]
    label: str


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


def _chart(org: Org, opts: ExportOptions) -> Chart:
    if opts.clusters not in ("", "team", "unit"):
        raise UserError(f"--clusters: choose team or unit, not {opts.clusters!r}")
    if opts.view == "reporting":
        return reporting_chart(org, clusters=opts.clusters)
    if opts.view == "subtree":
        return subtree_chart(org, find_root(org, opts.root), opts.depth, clusters=opts.clusters)
    if opts.view == "pipeline":
        return pipeline_chart(org, find_pipeline(org, opts.pipeline))
    raise UserError(f"--view: unknown view {opts.view!r}; choose one of {', '.join(VIEWS)}")


def build_pages(org: Org, opts: ExportOptions, paged: bool) -> list[PageDot]:
    """DOT text of every page (``paged``) or of the whole chart as one page."""
    from orgeditor.export.dot import tree_dot
    from orgeditor.export.matrix import matrix_dot, matrix_pages, matrix_people

    theme = get_theme(opts.theme)
    if opts.depth is not None and opts.depth < 0:
        raise UserError("--depth must be 0 or more")
    if opts.view == "matrix":
        mpages = matrix_pages(org, opts.titles) if paged else [None]
        out = []
        for i, mp in enumerate(mpages, 1):
            text = matrix_dot(org, theme, mp, titles=opts.titles, pages=len(mpages), page_number=i)
            shown = matrix_people(org, mp) if mp is not None else list(org.people)
            out.append(PageDot(text, [org.people[p].display_name for p in shown], f"page {i}"))
        return out
    chart = _chart(org, opts)
    if not chart.roots:
        raise UserError(f"the {opts.view} view has nobody to draw")
    pages: list[Page | None]
    if paged:
        from orgeditor.export.cards import badges, card_text

        leads = badges(org)
        sizes = {}
        parent = {c: p for p, kids in chart.children.items() for c in kids}
        for p in chart.people():
            c = card_text(org, p, leads, opts.titles)
            extra: tuple[str, ...] = ()
            if chart.children.get(p) or p in chart.hidden:
                # room for the markers paging may add: "continues on" and "reports to"
                extra = ("\u25b8 9999 more on page 999",)
                if p in parent:
                    boss = org.people[parent[p]].display_name[:40]
                    extra += (f"\u25c2 reports to {boss} (page 999)",)
            sizes[p] = c.size(extra)
        key = chart.cluster if opts.clusters or opts.view == "pipeline" else {}
        pages = list(paginate(chart, Sizer(sizes, opts.stack), key))
    else:
        pages = [None]
    out = []
    for i, page in enumerate(pages, 1):
        text = tree_dot(
            org,
            chart,
            theme,
            page=page,
            pages=len(pages),
            page_number=i,
            titles=opts.titles,
            stack=opts.stack,
            clusters=opts.clusters or ("team" if opts.view == "pipeline" else ""),
        )
        people = page.people(chart) if page is not None else chart.people()
        roots = page.roots if page is not None else chart.roots
        names = [org.people[r].display_name for r in roots[:2]]
        if i == 1 and len(pages) > 1:
            label = "overview"
        elif len(roots) == 1:
            label = f"{names[0]}'s org"
        elif len(roots) == 2:
            label = f"the orgs of {names[0]} and {names[1]}"
        else:
            label = f"the orgs of {names[0]}, {names[1]} and {len(roots) - 2} more"
        out.append(PageDot(text, [org.people[p].display_name for p in people], label))
    return out


def _select(pages: list[PageDot], page: int | None) -> list[PageDot]:
    if page is None:
        return pages
    if not 1 <= page <= len(pages):
        raise UserError(f"--page: this chart has {len(pages)} page(s); choose 1 to {len(pages)}")
    return [pages[page - 1]]


def _finish(dot_text: str, opts: ExportOptions) -> str:
    if opts.transparent:
        dot_text = dot_text.replace('bgcolor="', 'bgcolor="transparent" x_bg="', 1)
    return dot_text


def render_page(page: PageDot, fmt: str, opts: ExportOptions) -> bytes:
    """Render one page to ``svg``, ``png`` or ``pdf`` bytes (checked, never shrunk)."""
    text = _finish(page.dot, opts)
    if fmt == "png":
        dpi = 96.0 * opts.scale
        data, warnings = render.run_dot(text, "png", args=(f"-Gdpi={dpi:g}",), timeout=opts.timeout)
        render.check_png(data, warnings, opts.scale)
        return data
    data, _warnings = render.run_dot(text, fmt, timeout=opts.timeout)
    return data


def export_file(
    org: Org, out: str | Path, opts: ExportOptions, progress: Progress | None = None
) -> int:
    """Write the diagram to ``out`` (format by suffix); returns the number of pages written.

    Nothing is written when anything fails.
    """
    out = Path(out)
    fmt = format_for(out)
    if opts.scale <= 0:
        raise UserError("--scale must be above 0")
    if not out.parent.exists() and str(out.parent):
        raise UserError(f"{out}: the folder {out.parent} does not exist")
    if fmt == "pptx" and not opts.pictures:  # editable slides: pages of their own
        from orgeditor.export.pptx import build_native_pptx

        data, total = build_native_pptx(org, opts, progress)
        render.write_output(out, data)
        return total
    paged = fmt in ("pdf", "pptx") or opts.page is not None
    pages = _select(build_pages(org, opts, paged), opts.page)
    total = len(pages)
    if progress:
        progress(0, total)
    if fmt == "dot":
        data = _finish(pages[0].dot, opts).encode("utf-8")
    elif fmt in ("svg", "png"):
        data = render_page(pages[0], fmt, opts)
    elif fmt == "pdf":
        from orgeditor.export.pdfmerge import merge_pdfs

        parts = []
        for i, page in enumerate(pages, 1):
            parts.append(render_page(page, "pdf", opts))
            if progress:
                progress(i, total)
        data = merge_pdfs(parts)
    else:
        from orgeditor.export.pptx import build_pptx

        data = build_pptx(org, pages, replace(opts, transparent=False), progress)
    render.write_output(out, data)
    if progress:
        progress(total, total)
    return total
