"""A picture of an editable slide, as SVG, for the Export dialog's preview.

It draws what the deck will hold, from the same layout and the same connector geometry
(:func:`orgeditor.export.pptx_page.line_geometry`, corners from
:func:`orgeditor.export.pptx_shapes.path_points`): the slide's frame, its title, the cards
with their text, the lines and the legend. The matrix view is previewed as its table's grid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from orgeditor.model.org import Org

if TYPE_CHECKING:
    from orgeditor.export.api import ExportOptions
    from orgeditor.export.pptx import Deck
    from orgeditor.export.themes import Theme

__all__ = ["paragraph_lines", "slide_preview_svg"]

EMU_PER_PT = 12700


def _t(text: str) -> str:
    from orgeditor.export.escape import clean

    return escape(clean(text).replace("\n", " "), {'"': "&quot;"})


def slide_preview_svg(org: Org, opts: ExportOptions) -> tuple[int, bytes]:
    """(number of slides of the chart, SVG of the first slide or of ``opts.page``)."""
    from orgeditor.export.pptx import LEGEND, MARGIN, open_deck, plan_slides
    from orgeditor.export.pptx_page import Placement, card_style, line_geometry
    from orgeditor.export.pptx_shapes import path_points
    from orgeditor.export.themes import get_theme

    theme = get_theme(opts.theme)
    deck = open_deck(opts.template)
    sw, sh = (v / EMU_PER_PT for v in deck.size)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {sw:.1f} {sh:.1f}" '
        f'width="{sw:.1f}pt" height="{sh:.1f}pt" font-family="Arial, Helvetica, sans-serif">',
        f'<rect width="{sw:.1f}" height="{sh:.1f}" fill="{theme.background}" '
        f'stroke="{theme.muted}" stroke-width="0.8"/>',
    ]
    m = MARGIN / EMU_PER_PT
    if opts.view == "matrix":
        return _matrix(org, opts, deck, theme, out, sw, sh)
    total, _numbers, placed, area, _paging = plan_slides(org, opts, deck, theme, first_only=True)
    page = placed[0]
    place = Placement(page, area)
    k = place.k

    def pt(x: float, y: float) -> tuple[float, float]:
        ex, ey = place.emu(x, y)
        return ex / EMU_PER_PT, ey / EMU_PER_PT

    out.append(
        f'<text x="{m:.1f}" y="{m + 18:.1f}" font-size="20" font-weight="bold" '
        f'fill="{theme.ink}">{_t(page.title)}</text>'
    )
    for label, colour, x, y, w, h in page.clusters:
        x0, y0 = pt(x, y)
        out.append(
            f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{w * k:.1f}" height="{h * k:.1f}" rx="4" '
            f'fill="none" stroke="{colour}" stroke-width="{1.2 * k:.2f}"/>'
            f'<text x="{x0 + 6 * k:.1f}" y="{y0 + 14 * k:.1f}" font-size="{11 * k:.1f}" '
            f'font-weight="bold" fill="{colour}">{_t(label)}</text>'
        )
    for line in page.lines:
        g, _sites = line_geometry(line, page, place)
        points = " ".join(f"{x / EMU_PER_PT:.1f},{y / EMU_PER_PT:.1f}" for x, y in path_points(g))
        colour = theme.dotted if line.dotted else theme.solid
        dash = ' stroke-dasharray="4 3"' if line.dotted else ""
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" '
            f'stroke-width="{1.3 * k:.2f}"{dash}/>'
        )
    for box in page.boxes.values():
        style = card_style(False, org, theme, box.pid, k)
        x0, y0 = pt(box.x, box.y)
        w, h = box.w * k, box.h * k
        dash = ' stroke-dasharray="4 3"' if box.text.open else ""
        out.append(
            f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{5 * k:.1f}" '
            f'fill="{style.fill}" stroke="{style.border}" '
            f'stroke-width="{(2.2 if box.text.lead else 1.1) * k:.2f}"{dash}/>'
        )
        rows = [(t, style.name_pt, style.ink, "bold", "") for t in box.text.name]
        rows += [(t, style.title_pt, style.muted, "normal", "") for t in box.text.title]
        rows += [(t, style.badge_pt, style.accent, "bold", "") for t in box.text.badges]
        rows += [
            (t, style.badge_pt, style.accent, "normal", "italic")
            for mk in box.markers
            for t in mk.text.split("\n")
        ]
        height = sum(size * 1.2 for _t_, size, *_rest in rows)
        y = y0 + (h - height) / 2
        anchor, tx = ("start", x0 + 7 * k) if box.stack else ("middle", x0 + w / 2)
        for text, size, colour, weight, slant in rows:
            y += size * 1.2
            italic = ' font-style="italic"' if slant else ""
            out.append(
                f'<text x="{tx:.1f}" y="{y - size * 0.25:.1f}" font-size="{size:.2f}" '
                f'font-weight="{weight}"{italic} fill="{colour}" text-anchor="{anchor}">'
                f"{_t(text)}</text>"
            )
    _legend(out, theme.muted, sw, sh, m, "    ".join((LEGEND, *page.legend)))
    out.append("</svg>")
    return total, "\n".join(out).encode("utf-8")


def _legend(out: list[str], muted: str, sw: float, sh: float, m: float, text: str) -> None:
    out.append(
        f'<text x="{sw - m:.1f}" y="{sh - m - 4:.1f}" font-size="9" fill="{muted}" '
        f'text-anchor="end">{_t(text)}</text>'
    )


def _matrix(
    org: Org, opts: ExportOptions, deck: Deck, theme: Theme, out: list[str], sw: float, sh: float
) -> tuple[int, bytes]:
    """The first (or ``opts.page``) table of the matrix, read back from a real slide."""
    from dataclasses import replace

    from orgeditor.export.pptx import LEGEND, MARGIN, _notes, _title_slide
    from orgeditor.export.pptx_table import add_matrix_slides

    m = MARGIN / EMU_PER_PT
    one = replace(opts, page=opts.page or 1)
    _written, total = add_matrix_slides(deck, org, theme, one, None, _title_slide, _notes)
    slide = deck.prs.slides[-1]
    title = slide.shapes.title.text if slide.shapes.title is not None else ""
    for shape in slide.shapes:
        if shape.name == "Title":
            title = shape.text_frame.text
    out.append(
        f'<text x="{m:.1f}" y="{m + 18:.1f}" font-size="20" font-weight="bold" '
        f'fill="{theme.ink}">{_t(title)}</text>'
    )
    frame = next(sh_ for sh_ in slide.shapes if sh_.has_table)
    table = frame.table
    y = frame.top / EMU_PER_PT
    for row in table.rows:
        x = frame.left / EMU_PER_PT
        h = row.height / EMU_PER_PT
        for c, cell in enumerate(row.cells):
            w = table.columns[c].width / EMU_PER_PT
            if cell.is_spanned:  # drawn by the merged cell on its left
                x += w
                continue
            span = cell.span_width if cell.is_merge_origin else 1
            full = sum(table.columns[c + j].width for j in range(span)) / EMU_PER_PT
            fill = f"#{cell.fill.fore_color.rgb}"
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{full:.1f}" height="{h:.1f}" '
                f'fill="{fill}" stroke="{theme.grid}" stroke-width="0.6"/>'
            )
            ty = y + 4
            for text, size, colour, bold in _cell_lines(cell, theme.ink):
                ty += size * 1.2
                if ty <= y + h:
                    weight = "bold" if bold else "normal"
                    out.append(
                        f'<text x="{x + 4:.1f}" y="{ty - size * 0.25:.1f}" '
                        f'font-size="{size:.1f}" font-weight="{weight}" fill="{colour}">'
                        f"{_t(text)}</text>"
                    )
            x += w
        y += h
    _legend(out, theme.muted, sw, sh, m, LEGEND)
    out.append("</svg>")
    return total, "\n".join(out).encode("utf-8")


def paragraph_lines(para: Any) -> list[list[Any]]:
    """The runs of a python-pptx paragraph, line by line (split at its line breaks)."""
    from pptx.text.text import _Run

    lines: list[list[Any]] = [[]]
    for child in para._p:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "r":
            lines[-1].append(_Run(child, para))
        elif tag == "br":
            lines.append([])
    return lines


def _cell_lines(cell: Any, ink: str) -> list[tuple[str, float, str, bool]]:
    """A table cell's lines (paragraphs split at line breaks), each in its first run's style."""
    lines: list[tuple[str, float, str, bool]] = []
    for para in cell.text_frame.paragraphs:
        for group in paragraph_lines(para):
            if not group:
                continue
            first = group[0].font
            size = first.size.pt if first.size else 9.0
            colour = f"#{first.color.rgb}" if first.color and first.color.type else ink
            lines.append(("".join(r.text for r in group), size, colour, bool(first.bold)))
    return lines
