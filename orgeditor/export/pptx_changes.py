"""The change diagrams as an editable deck: ``orgeditor diff OLD NEW -o changes.pptx``.

The same slides as the picture deck (:mod:`orgeditor.export.diff_charts`, ``--pictures``),
drawn as PowerPoint shapes: the summary and "who each change affects" as native tables, the
reporting chart of each new org as cards and glued connectors
(:func:`orgeditor.export.pptx_page.draw_page`) with every changed card in its mark's colours
and badge lines, the people who left in a box on the first chart slide, the matrix as a native
table with the marks' signs after the names, and a second legend line explaining the marks.
``--timeout`` bounds the whole deck (``opts.deadline``).
"""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from orgeditor.export.change_marks import MARK_STYLES
from orgeditor.export.diff_charts import (
    LEAVERS_SHOWN,
    Row,
    affected_rows,
    affected_title,
    leaver_lines,
    marked_theme,
    summary_rows,
)
from orgeditor.export.diff_report import one_line
from orgeditor.export.escape import _width, clean
from orgeditor.export.pptx import EMU_PER_PT, Deck, _notes, _title_slide, open_deck, plan_slides
from orgeditor.export.pptx_shapes import set_rgb
from orgeditor.export.themes import Theme, get_theme
from orgeditor.model.compare import Comparison

if TYPE_CHECKING:
    from orgeditor.export.api import ExportOptions

__all__ = ["build_change_deck", "legend_runs"]

#: text sizes of the tables and the leavers' box (points)
TABLE_PT = 9.0
ROW_PAD = 3.0
Slide = Callable[[int, int], None]


def legend_runs() -> list[tuple[str, str, bool]]:
    """The marks explained, as the change deck's second legend line: (text, colour, bold)."""
    runs: list[tuple[str, str, bool]] = []
    for style in MARK_STYLES:
        runs += [(style.sign, style.border, True), (f" {_SHORT.get(style.key, '')}   ", "", False)]
    runs += [("Org +N / -N", "", True), (": joined / left a manager's org", "", False)]
    return runs


#: the marks' words in the legend line, short enough for one line beside the signs
_SHORT = {
    "new": "hire or position",
    "filled": "open position",
    "moved": "from another team",
    "other": "other change",
}


def build_change_deck(
    diffs: Sequence[Comparison],
    labels: Sequence[str],
    opts: ExportOptions,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[bytes, int]:
    """The editable change deck; returns its bytes and the number of slides after the title."""
    deck = open_deck(opts.template)
    deck.legend_runs = legend_runs()
    base = replace(get_theme(opts.theme), mark=opts.mark)
    makers: list[Slide] = []  # each draws one slide (its number, the count)
    title, rows = summary_rows(diffs, labels)
    makers += _table_slides(deck, base, title, rows[1:], rows[0], "summary", opts.mark)
    for diff, label in zip(diffs, labels[1:], strict=True):
        theme = marked_theme(diff, opts.theme, opts.mark)
        prefix = f"{one_line(label)}: " if len(diffs) > 1 else ""
        if diff.new.people:
            makers += _chart_slides(deck, diff, theme, opts, label, prefix)
        makers += _matrix_slides(deck, diff, theme, opts, label, prefix)
        found = affected_rows(diff)
        if found:
            makers += _table_slides(
                deck, base, affected_title(label), found, None, "changes by manager", opts.mark
            )
    _title_slide(deck, diffs[-1].new, "changes", len(makers), opts.mark)
    for i, make in enumerate(makers, 1):
        if opts.deadline is not None:
            opts.deadline.check()
        make(i, len(makers))
        if progress:
            progress(i, len(makers))
    buf = io.BytesIO()
    deck.prs.save(buf)
    if opts.deadline is not None:
        opts.deadline.check()
    return buf.getvalue(), len(makers)


# ------------------------------------------------------------------------- charts
def _chart_slides(
    deck: Deck, diff: Comparison, theme: Theme, opts: ExportOptions, label: str, prefix: str
) -> list[Slide]:
    """The reporting chart's slides; the people who left in a box on the first one, or where
    no corner of it is free, on a slide of their own after the chart."""
    from orgeditor.export.pptx_page import draw_page
    from orgeditor.export.pptx_shapes import link_to_slide

    ropts = replace(opts, view="reporting", theme_object=theme, page=None)
    _total, numbers, placed, area, _paging = plan_slides(diff.new, ropts, deck, theme)
    slides: dict[int, Any] = {}
    links: list[tuple[Any, Any, int]] = []
    head, lines = _leaver_lines(diff)
    size = _box_size(head, lines)
    spot = _free_corner(placed[0], area, size) if lines else None

    def maker(n: int, page: Any) -> Slide:
        def make(i: int, count: int) -> None:
            slide, area = deck.chart_slide(prefix + page.title, theme.ink)
            if n == 1 and spot is not None:
                _leavers_box(slide, theme, head, lines, (*spot, *size))
            for run, target in draw_page(deck.templated, slide, page, area, theme, diff.new):
                links.append((slide, run, target))
            slides[n] = slide
            deck.legend(slide, theme.muted, opts.mark, page.legend)
            what = f"{label}: reporting {page.label}"
            _notes(slide, f"Page {i} of {count} ({what}): " + ", ".join(page.names))
            if n == numbers[-1]:  # the section's last slide: its page links can be made
                for source, run, target_page in links:
                    if target_page in slides:
                        link_to_slide(run, source, slides[target_page])

        return make

    out = [maker(n, p) for n, p in zip(numbers, placed, strict=True)]
    if lines and spot is None:
        rows: list[Row] = [("header", (head,))]
        rows += [("plain", (f"{name}  {what}".strip(),)) for name, what in lines]
        out += _table_slides(deck, theme, f"{prefix}Who left", rows, None, "left", opts.mark)
    return out


def _leaver_lines(diff: Comparison) -> tuple[str, list[tuple[str, str]]]:
    """The leavers' box: its heading and (name, "title · team") lines."""
    leavers = diff.leavers()
    lines = [(clean(name), what) for name, what in leaver_lines(diff)]
    if len(leavers) > LEAVERS_SHOWN:
        more = len(leavers) - LEAVERS_SHOWN
        lines.append((f"... and {more} more", "(listed in the report)"))
    return f"\u2716 Left ({len(leavers)})", lines


def _box_size(head: str, lines: list[tuple[str, str]]) -> tuple[int, int]:
    widest = max([_width(head), *(_width(a) + _width(b) * 0.85 + 2 for a, b in lines)])
    w = round(min(widest * 0.56 * TABLE_PT + 16, 300) * EMU_PER_PT)
    h = round(((1 + len(lines)) * TABLE_PT * 1.25 + 10) * EMU_PER_PT)
    return w, h


def _free_corner(
    page: Any, area: tuple[int, int, int, int], size: tuple[int, int]
) -> tuple[int, int] | None:
    """A corner of the chart area (top right first) where a box of ``size`` (EMU) covers no
    card and no line of ``page``, or None."""
    from orgeditor.export.pptx_page import Placement, line_geometry
    from orgeditor.export.pptx_shapes import path_points

    place = Placement(page, area)
    taken: list[tuple[float, float, float, float]] = []
    for b in page.boxes.values():
        x0, y0 = place.emu(b.x, b.y)
        x1, y1 = place.emu(b.x + b.w, b.y + b.h)
        taken.append((x0, y0, x1, y1))
    for line in page.lines:
        pts = path_points(line_geometry(line, page, place)[0])
        for (xa, ya), (xb, yb) in itertools.pairwise(pts):
            taken.append((min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)))
    w, h = size
    ax, ay, aw, ah = area
    gap = 9000
    for x, y in ((ax + aw - w, ay), (ax, ay), (ax + aw - w, ay + ah - h), (ax, ay + ah - h)):
        if not any(
            x - gap < c[2] and c[0] < x + w + gap and y - gap < c[3] and c[1] < y + h + gap
            for c in taken
        ):
            return x, y
    return None


def _leavers_box(
    slide: Any,
    theme: Theme,
    head: str,
    lines: list[tuple[str, str]],
    rect: tuple[int, int, int, int],
) -> None:
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Emu, Pt

    box = slide.shapes.add_textbox(*(Emu(v) for v in rect))
    box.name = "Left"
    box.fill.solid()
    set_rgb(box.fill.fore_color, "#ffffff")
    set_rgb(box.line.color, theme.warning)
    box.line.width = Pt(1)
    tf = box.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    tf.margin_left = tf.margin_right = Pt(5)
    tf.margin_top = tf.margin_bottom = Pt(3)
    _run(tf.paragraphs[0], head, theme.warning, True)
    for name, what in lines:
        para = tf.add_paragraph()
        _run(para, name, theme.ink, True)
        if what:
            _run(para, f"  {what}", theme.muted, False, 8.0)


def _run(para: Any, text: str, colour: str, bold: bool, size: float = TABLE_PT) -> Any:
    from pptx.util import Pt

    run = para.add_run()
    run.text = text
    run.font.size, run.font.bold = Pt(size), bold
    set_rgb(run.font.color, colour)
    return run


def _matrix_slides(
    deck: Deck, diff: Comparison, theme: Theme, opts: ExportOptions, label: str, prefix: str
) -> list[Slide]:
    from orgeditor.export.pptx_table import add_matrix_slide, matrix_pages

    mopts = replace(opts, view="matrix", theme_object=theme, page=None)
    org = diff.new
    pages, numbers = matrix_pages(deck, org, theme, mopts)
    title = f"{prefix}{org.name or 'Org'}: teams x pipelines"

    def maker(n: int) -> Slide:
        def make(i: int, count: int) -> None:
            def notes(slide: Any, text: str) -> None:
                _notes(slide, f"Page {i} of {count} ({label}: matrix): " + text)

            add_matrix_slide(deck, org, theme, mopts, pages, n, notes, title)

        return make

    return [maker(n) for n in numbers]


# ------------------------------------------------------------------------- tables
def _row_lines(row: Row, widths: list[float]) -> int:
    """How many text lines a row takes in columns ``widths`` (points)."""
    kind, values = row
    cols = [sum(widths)] if kind == "note" else widths
    return max(
        (
            math.ceil(max(1, _width(one_line(v))) * 0.56 * TABLE_PT / max(w - 2 * ROW_PAD, 20))
            for v, w in zip(values, cols, strict=False)
        ),
        default=1,
    )


def _row_h(lines: int) -> float:
    return lines * TABLE_PT * 1.2 + 2 * ROW_PAD + 2


def _table_slides(
    deck: Deck,
    theme: Theme,
    title: str,
    rows: list[Row],
    head: Row | None,
    label: str,
    mark: str,
) -> list[Slide]:
    """Native table slides of ``rows`` (``head`` repeated on each), split by height."""
    _probe, area = deck.chart_slide(title, theme.ink)
    deck.drop_last()
    aw, ah = area[2] / EMU_PER_PT, area[3] / EMU_PER_PT
    ncols = len(head[1]) if head is not None else max(len(r[1]) for r in rows if r[0] != "note")
    first = aw * (0.4 if ncols > 1 else 1.0)
    widths = [first] + [(aw - first) / (ncols - 1)] * (ncols - 1) if ncols > 1 else [aw]
    chunks: list[list[Row]] = [[]]
    used = _row_h(_row_lines(head, widths)) if head is not None else 0.0
    start = used
    for row in rows:
        h = _row_h(_row_lines(row, widths))
        if chunks[-1] and used + h > ah:
            chunks.append([])
            used = start
        chunks[-1].append(row)
        used += h
    out: list[Slide] = []
    for k, chunk in enumerate(chunks, 1):
        more = f" ({k} of {len(chunks)})" if len(chunks) > 1 else ""
        body = [head, *chunk] if head is not None else chunk
        what = f"{label}{more}" if label == "summary" else f"{label} {k}"

        def make(
            i: int, count: int, body: list[Row] = body, more: str = more, what: str = what
        ) -> None:
            slide, area = deck.chart_slide(title + more, theme.ink)
            _table(slide, area, body, widths, theme)
            deck.legend(slide, theme.muted, mark)
            names = [one_line(r[1][0]) for r in body if r[1] and r[1][0]]
            _notes(slide, f"Page {i} of {count} ({what}): " + "; ".join(names))

        out.append(make)
    return out


def _table(
    slide: Any, area: tuple[int, int, int, int], rows: list[Row], widths: list[float], theme: Theme
) -> None:
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Pt

    frame = slide.shapes.add_table(
        len(rows),
        len(widths),
        Emu(area[0]),
        Emu(area[1]),
        Emu(round(sum(widths) * EMU_PER_PT)),
        Emu(round(_row_h(1) * len(rows) * EMU_PER_PT)),
    )
    frame.name = "Table"
    table = frame.table
    table.first_row = False
    table.horz_banding = False
    for c, w in enumerate(widths):
        table.columns[c].width = Emu(round(w * EMU_PER_PT))
    for r, (kind, values) in enumerate(rows):
        table.rows[r].height = Emu(round(_row_h(_row_lines((kind, values), widths)) * EMU_PER_PT))
        fill = theme.header if kind == "header" else "#ffffff"
        for c in range(len(widths)):
            cell = table.cell(r, c)
            cell.fill.solid()
            set_rgb(cell.fill.fore_color, fill)
            cell.margin_left = cell.margin_right = Pt(ROW_PAD + 1)
            cell.margin_top = cell.margin_bottom = Pt(ROW_PAD)
        if kind == "note" and len(widths) > 1:
            table.cell(r, 0).merge(table.cell(r, len(widths) - 1))
        for c in range(len(widths)):
            tf = table.cell(r, c).text_frame
            tf.word_wrap = True
            para = tf.paragraphs[0]
            para.font.size = Pt(TABLE_PT)  # empty cells too: else their line is 18 pt tall
            para.alignment = PP_ALIGN.LEFT if c == 0 else PP_ALIGN.RIGHT
            if c < len(values) and values[c]:
                _run(para, one_line(values[c]), theme.ink, kind not in ("plain", "note"))
