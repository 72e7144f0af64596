"""PowerPoint: a deck with a title slide and one slide per chart page.

Editable (the default): every page is drawn as PowerPoint shapes, one rounded rectangle per
person and one glued elbow connector per reporting line (see :mod:`orgeditor.export.pptx_shapes`),
laid out by :mod:`orgeditor.export.pptx_plan`; the matrix view is a native table
(:mod:`orgeditor.export.pptx_table`). Pictures (``--pictures``): each page is rendered to PNG
at twice the slide's resolution and placed to fill the slide. Either way the speaker notes list
the names on the page. With a template (``--template deck.pptx``) the deck takes the
template's slide size, masters, layouts, fonts and theme colours.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgeditor.errors import UserError
from orgeditor.export.metrics import NAME_PT
from orgeditor.export.pptx_shapes import set_rgb
from orgeditor.model.org import Org

if TYPE_CHECKING:
    from orgeditor.export.api import ExportOptions, PageDot
    from orgeditor.export.pptx_plan import PlacedPage
    from orgeditor.export.themes import Theme

__all__ = [
    "MIN_NAME_PT",
    "SLIDE_EMU",
    "Deck",
    "build_native_pptx",
    "build_pptx",
    "open_deck",
    "plan_slides",
]

EMU_PER_IN = 914400
EMU_PER_PT = 12700
SLIDE_EMU = (int(13.333 * EMU_PER_IN), int(7.5 * EMU_PER_IN))
MARGIN = int(0.15 * EMU_PER_IN)
#: the smallest name on any slide of a 13.33 x 7.5 in deck (16 px on a 1920-px screen)
MIN_NAME_PT = 8.0
LEGEND = (
    "\u2014 line manager    - - dotted line    \u2605 tech lead    \u25c6 PM    "
    "dashed box: open position"
)
VIEW_NAMES = {
    "reporting": "Reporting lines",
    "matrix": "Teams x pipelines",
    "subtree": "One manager's org",
    "pipeline": "One pipeline",
}
Progress = Callable[[int, int], None]


def picture_box(width_px: int, height_px: int) -> tuple[int, int, int, int]:
    """(left, top, width, height) in EMU of a picture fit into the slide, centred."""
    sw, sh = SLIDE_EMU[0] - 2 * MARGIN, SLIDE_EMU[1] - 2 * MARGIN
    scale = min(sw / width_px, sh / height_px)
    w, h = int(width_px * scale), int(height_px * scale)
    return (SLIDE_EMU[0] - w) // 2, (SLIDE_EMU[1] - h) // 2, w, h


@dataclass
class Deck:
    """A presentation being built: the layouts it uses and where a chart goes on a slide."""

    prs: Any
    title_layout: Any
    chart_layout: Any
    templated: bool

    def drop_last(self) -> None:
        """Remove the last slide (and its part) from the deck."""
        slides = self.prs.slides._sldIdLst
        last = slides[-1]
        self.prs.part.drop_rel(last.rId)
        slides.remove(last)

    @property
    def size(self) -> tuple[int, int]:
        return int(self.prs.slide_width), int(self.prs.slide_height)

    def chart_slide(self, title: str, ink: str) -> tuple[Any, tuple[int, int, int, int]]:
        """A new chart slide with its title; returns it and the chart's area (EMU)."""
        from pptx.enum.shapes import PP_PLACEHOLDER
        from pptx.util import Emu, Pt

        sw, sh = self.size
        slide = self.prs.slides.add_slide(self.chart_layout)
        top = MARGIN
        title_shape = None
        for ph in list(slide.placeholders):
            kind = ph.placeholder_format.type
            if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE) and title_shape is None:
                title_shape = ph
            else:  # an empty placeholder would show "Click to add text"
                ph._element.getparent().remove(ph._element)
        if title_shape is not None:
            title_shape.text = title
            top = int(title_shape.top or 0) + int(title_shape.height or 0) + MARGIN // 2
        else:
            box = slide.shapes.add_textbox(
                Emu(MARGIN), Emu(MARGIN), Emu(sw - 2 * MARGIN), Emu(Pt(30))
            )
            box.name = "Title"
            tf = box.text_frame
            tf.word_wrap = True
            run = tf.paragraphs[0].add_run()
            run.text = title
            run.font.size, run.font.bold = Pt(20), True
            set_rgb(run.font.color, ink)
            top = MARGIN + int(Pt(34))
        legend_h = int(Pt(16))
        area = (MARGIN, top, sw - 2 * MARGIN, sh - top - MARGIN - legend_h)
        return slide, area

    def legend(self, slide: Any, muted: str, mark: str = "") -> None:
        """The marks explained, small, in the slide's bottom corner; ``mark`` ("Confidential
        draft") before them in bold."""
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Emu, Pt

        sw, sh = self.size
        box = slide.shapes.add_textbox(
            Emu(MARGIN), Emu(sh - MARGIN - int(Pt(16))), Emu(sw - 2 * MARGIN), Emu(Pt(16))
        )
        box.name = "Legend"
        para = box.text_frame.paragraphs[0]
        para.alignment = PP_ALIGN.RIGHT
        if mark:
            first = para.add_run()
            first.text = f"{mark}    "
            first.font.size, first.font.bold = Pt(9), True
            set_rgb(first.font.color, muted)
        run = para.add_run()
        run.text = LEGEND
        run.font.size = Pt(9)
        set_rgb(run.font.color, muted)


def open_deck(template: str | Path | None) -> Deck:
    """A new deck: 13.33 x 7.5 in with the default layouts, or the template's, emptied."""
    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.util import Emu

    if template is None:
        prs = Presentation()
        prs.slide_width, prs.slide_height = Emu(SLIDE_EMU[0]), Emu(SLIDE_EMU[1])
        return Deck(prs, prs.slide_layouts[0], prs.slide_layouts[6], False)
    path = Path(template)
    if not path.is_file():
        raise UserError(f"{path}: --template: no such file")
    try:
        prs = Presentation(io.BytesIO(_as_presentation(path.read_bytes())))
    except Exception:  # python-pptx raises many kinds on a file that is not a deck
        raise UserError(
            f"{path}: --template: not a PowerPoint deck or template (.pptx, .potx)"
        ) from None
    slides = prs.slides._sldIdLst
    for sld in list(slides):  # the template's own slides are not part of the chart deck
        prs.part.drop_rel(sld.rId)
        slides.remove(sld)

    def kinds(layout: Any) -> set[Any]:
        return {ph.placeholder_format.type for ph in layout.placeholders}

    ignore = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
    layouts = list(prs.slide_layouts)
    if not layouts:
        raise UserError(f"{path}: --template: the deck has no slide layouts")
    title = next((lo for lo in layouts if PP_PLACEHOLDER.CENTER_TITLE in kinds(lo)), layouts[0])
    chart = next((lo for lo in layouts if kinds(lo) - ignore == {PP_PLACEHOLDER.TITLE}), None)
    if chart is None:
        chart = next((lo for lo in layouts if not kinds(lo) - ignore), layouts[-1])
    return Deck(prs, title, chart, True)


def _as_presentation(data: bytes) -> bytes:
    """A .potx template read as a deck: its main part's content type is the only difference."""
    import zipfile

    template = b"presentationml.template.main+xml"
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        types = zin.read("[Content_Types].xml")
        if template not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                body = zin.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    body = body.replace(template, b"presentationml.presentation.main+xml")
                zout.writestr(item, body)
    return out.getvalue()


def _title_slide(deck: Deck, org: Org, view: str, pages: int, mark: str = "") -> None:
    from pptx.util import Pt

    from orgeditor.model.stats import headcount

    slide = deck.prs.slides.add_slide(deck.title_layout)
    subtitle = (
        f"{VIEW_NAMES.get(view, view)} \u00b7 {headcount(org.people.values()).text()} \u00b7 "
        f"{pages} page{'s' if pages != 1 else ''} \u00b7 {date.today().isoformat()}"
    )
    if mark:  # "Confidential draft": on the title slide too
        subtitle = f"{mark}\n{subtitle}"
    holders = list(slide.placeholders)
    title = slide.shapes.title  # a new proxy on every access: compare the XML elements
    if title is not None:
        title.text = org.name or "Organisation"
    title_element = title._element if title is not None else None
    others = [ph for ph in holders if ph._element is not title_element and ph.has_text_frame]
    if others:
        others[0].text = subtitle
        if not deck.templated:
            for para in others[0].text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(20)
    for ph in others[1:]:
        ph._element.getparent().remove(ph._element)


def _notes(slide: Any, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text


def build_pptx(
    org: Org,
    pages: list[PageDot],
    opts: ExportOptions,
    progress: Progress | None = None,
    pictures: Sequence[bytes] | None = None,
) -> bytes:
    """The picture deck: each page a PNG filling its slide (``pictures``: the pages' PNGs,
    drawn beforehand by :func:`~orgeditor.export.api.slide_picture`, several at once)."""
    from pptx.util import Emu

    from orgeditor.export import render
    from orgeditor.export.api import slide_picture

    deck = open_deck(opts.template)
    _title_slide(deck, org, opts.view, len(pages), opts.mark)
    sw, sh = deck.size
    for i, page in enumerate(pages, 1):
        png = pictures[i - 1] if pictures is not None else slide_picture(page, opts)
        w, h = render.png_size(png)
        slide = deck.prs.slides.add_slide(deck.chart_layout)
        for ph in list(slide.placeholders):
            ph._element.getparent().remove(ph._element)
        scale = min((sw - 2 * MARGIN) / w, (sh - 2 * MARGIN) / h)
        pw, ph_ = int(w * scale), int(h * scale)
        slide.shapes.add_picture(
            io.BytesIO(png), Emu((sw - pw) // 2), Emu((sh - ph_) // 2), Emu(pw), Emu(ph_)
        )
        _notes(slide, f"Page {i} of {len(pages)} ({page.label}): " + ", ".join(page.names))
        if progress:
            progress(i, len(pages))
    buf = io.BytesIO()
    deck.prs.save(buf)
    return buf.getvalue()


def build_native_pptx(
    org: Org, opts: ExportOptions, progress: Progress | None = None
) -> tuple[bytes, int]:
    """The editable deck; returns its bytes and the number of chart pages in it."""
    from orgeditor.export.themes import get_theme

    theme = get_theme(opts.theme)
    deck = open_deck(opts.template)
    if opts.view == "matrix":
        from orgeditor.export.pptx_table import add_matrix_slides

        count, _total = add_matrix_slides(deck, org, theme, opts, progress, _title_slide, _notes)
        buf = io.BytesIO()
        deck.prs.save(buf)
        return buf.getvalue(), count
    from orgeditor.export.pptx_page import draw_page

    total, numbers, placed, _area = plan_slides(org, opts, deck, theme)
    _title_slide(deck, org, opts.view, len(placed), opts.mark)
    slides = {}
    links: list[tuple[Any, Any, int]] = []
    for i, (n, page) in enumerate(zip(numbers, placed, strict=True), 1):
        slide, area = deck.chart_slide(page.title, theme.ink)
        if not deck.templated and theme.background.lower() != "#ffffff":
            slide.background.fill.solid()
            set_rgb(slide.background.fill.fore_color, theme.background)
        slides[n] = slide
        for run, target in draw_page(deck.templated, slide, page, area, theme, org):
            links.append((slide, run, target))
        deck.legend(slide, theme.muted, opts.mark)
        _notes(slide, f"Page {n} of {total} ({page.label}): " + ", ".join(page.names))
        if progress:
            progress(i, len(placed))
    from orgeditor.export.pptx_shapes import link_to_slide

    for slide, run, target in links:
        if target in slides:
            link_to_slide(run, slide, slides[target])
    buf = io.BytesIO()
    deck.prs.save(buf)
    return buf.getvalue(), len(placed)


def plan_slides(
    org: Org, opts: ExportOptions, deck: Deck, theme: Theme, first_only: bool = False
) -> tuple[int, list[int], list[PlacedPage], tuple[int, int, int, int]]:
    """Page a tree chart for ``deck`` and lay out the pages to draw.

    Returns the number of pages, the numbers of the pages drawn (all, ``--page N``, or with
    ``first_only`` the one a preview shows), their layouts and the slides' chart area (EMU).
    """
    from orgeditor.export import pptx_plan
    from orgeditor.export.pptx_page import Placement

    chart = pptx_plan.chart_for(org, opts)
    _probe, area = deck.chart_slide("", theme.ink)  # where the chart goes on a slide
    deck.drop_last()
    area_pt = (area[2] / EMU_PER_PT, area[3] / EMU_PER_PT)
    min_pt = MIN_NAME_PT * deck.size[0] / SLIDE_EMU[0]  # 8 pt on a 13.33 in wide slide
    placed: list[PlacedPage] = []
    grow = 1.0
    for _attempt in range(6):  # estimates run short now and then: page again, smaller
        pages = pptx_plan.plan_chart(org, chart, area_pt, min_pt, opts.stack, opts.titles, grow)
        numbers = list(range(1, len(pages) + 1))
        if first_only and opts.page is None:
            numbers = [1]
        if opts.page is not None:
            if not 1 <= opts.page <= len(pages):
                raise UserError(
                    f"--page: this chart has {len(pages)} page(s); choose 1 to {len(pages)}"
                )
            numbers = [opts.page]
        placed = [
            pptx_plan.lay_out(
                org,
                chart,
                pages[n - 1],
                n,
                len(pages),
                theme=theme,
                titles=opts.titles,
                stack=opts.stack,
                timeout=opts.timeout,
            )
            for n in numbers
        ]
        if all(Placement(p, area).k * NAME_PT >= min_pt - 1e-6 for p in placed):
            break
        grow *= 1.3
    return len(pages), numbers, placed, area
