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
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from orgeditor.errors import UserError
from orgeditor.export.metrics import NAME_PT
from orgeditor.export.pptx_shapes import set_rgb
from orgeditor.model.org import Org

if TYPE_CHECKING:
    from orgeditor.export.api import ExportOptions
    from orgeditor.export.pages import PageDot
    from orgeditor.export.pptx_plan import Paging, PlacedPage
    from orgeditor.export.themes import Theme

__all__ = [
    "MIN_NAME_PT",
    "SLIDE_EMU",
    "Deck",
    "SlidePlan",
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
    "changes": "Changes",
}
Progress = Callable[[int, int], None]
#: how much the paging's card estimates are scaled, tried in turn (see :func:`plan_slides`)
GROWS = (0.75, 0.85, 1.0, 1.3, 1.69, 2.2)


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
    #: a second legend line above the first (the change diagrams' marks): (text, colour,
    #: bold) runs, colour "" for the legend's own
    legend_runs: list[tuple[str, str, bool]] = field(default_factory=list)

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
        legend_h = int(Pt(16)) * (2 if self.legend_runs else 1)
        area = (MARGIN, top, sw - 2 * MARGIN, sh - top - MARGIN - legend_h)
        return slide, area

    def legend(self, slide: Any, muted: str, mark: str = "", extra: Sequence[str] = ()) -> None:
        """The marks explained, small, in the slide's bottom corner; ``mark`` ("Confidential
        draft") before them in bold; ``extra`` entries (the dotted-line note) after them."""
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
        run.text = "    ".join((LEGEND, *extra))
        run.font.size = Pt(9)
        set_rgb(run.font.color, muted)
        if not self.legend_runs:
            return
        box = slide.shapes.add_textbox(
            Emu(MARGIN), Emu(sh - MARGIN - int(Pt(32))), Emu(sw - 2 * MARGIN), Emu(Pt(16))
        )
        box.name = "Legend: changes"
        para = box.text_frame.paragraphs[0]
        para.alignment = PP_ALIGN.RIGHT
        for text, colour, bold in self.legend_runs:
            run = para.add_run()
            run.text = text
            run.font.size, run.font.bold = Pt(9), bold
            set_rgb(run.font.color, colour or muted)


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
    pictures: Sequence[bytes],
    progress: Progress | None = None,
) -> bytes:
    """The picture deck: each page a PNG filling its slide (``pictures``: the pages' PNGs,
    drawn beforehand, such as by :func:`~orgeditor.export.api.slide_picture`)."""
    from pptx.util import Emu

    from orgeditor.export import render

    deck = open_deck(opts.template)
    _title_slide(deck, org, opts.view, len(pages), opts.mark)
    sw, sh = deck.size
    for i, page in enumerate(pages, 1):
        png = pictures[i - 1]
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

    theme = opts.theme_object or get_theme(opts.theme)
    deck = open_deck(opts.template)
    if opts.view == "matrix":
        from orgeditor.export.pptx_table import add_matrix_slides

        count, _total = add_matrix_slides(deck, org, theme, opts, progress, _title_slide, _notes)
        buf = io.BytesIO()
        deck.prs.save(buf)
        return buf.getvalue(), count
    from orgeditor.export.pptx_page import draw_page

    total, numbers, placed, _area, _paging = plan_slides(org, opts, deck, theme)
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
        deck.legend(slide, theme.muted, opts.mark, page.legend)
        _notes(slide, f"Page {n} of {total} ({page.label}): " + ", ".join(page.names))
        if progress:
            progress(i, len(placed))
        if opts.deadline is not None:
            opts.deadline.check()
    from orgeditor.export.pptx_shapes import link_to_slide

    for slide, run, target in links:
        if target in slides:
            link_to_slide(run, slide, slides[target])
    buf = io.BytesIO()
    deck.prs.save(buf)
    return buf.getvalue(), len(placed)


class SlidePlan(NamedTuple):
    """The pages of an editable chart deck (:func:`plan_slides`)."""

    #: the number of pages of the chart
    total: int
    #: the numbers of the pages drawn (all, ``--page N``, or the one a preview shows)
    numbers: list[int]
    #: their layouts
    placed: list[PlacedPage]
    #: the slides' chart area (EMU)
    area: tuple[int, int, int, int]
    #: who is on which page (the picture deck of the same pages draws from it)
    paging: Paging


def plan_slides(
    org: Org, opts: ExportOptions, deck: Deck, theme: Theme, first_only: bool = False
) -> SlidePlan:
    """Page a tree chart for ``deck`` and lay out the pages to draw (see :class:`SlidePlan`);
    ``first_only``: only the page a preview shows."""
    from orgeditor.export import pptx_plan

    chart = pptx_plan.chart_for(org, opts)
    _probe, area = deck.chart_slide("", theme.ink)  # where the chart goes on a slide
    deck.drop_last()
    area_pt = (area[2] / EMU_PER_PT, area[3] / EMU_PER_PT)
    min_pt = MIN_NAME_PT * deck.size[0] / SLIDE_EMU[0]  # 8 pt on a 13.33 in wide slide
    placed: dict[int, PlacedPage] = {}
    # The size estimates run long on most pages and short on a few: page with cards estimated
    # smaller first (fewer, fuller pages) and take the first paging whose every page, laid out,
    # keeps names of min_pt; else page again with larger estimates. The decision is made on
    # all pages, so --page N and the preview show page N of the whole deck.
    for grow in GROWS:
        pages = pptx_plan.plan_chart(
            org,
            chart,
            area_pt,
            min_pt,
            opts.stack,
            opts.titles,
            grow,
            theme=theme,
            deadline=opts.deadline,
            photos=opts.photos,
        )
        placed = {}
        for n in range(1, len(pages) + 1):
            if opts.deadline is not None:
                opts.deadline.check()
            placed[n] = _lay_out(org, pages, n, theme, opts, area, min_pt)
            if not _fits(placed[n], area, min_pt):
                break
        else:
            break
    numbers = list(range(1, len(pages) + 1))
    if first_only and opts.page is None:
        numbers = [1]
    if opts.page is not None:
        if not 1 <= opts.page <= len(pages):
            raise UserError(
                f"--page: this chart has {len(pages)} page(s); choose 1 to {len(pages)}"
            )
        numbers = [opts.page]
    for n in numbers:  # the last paging tried, where none kept every name at min_pt
        if n not in placed:
            placed[n] = pptx_plan.lay_out(org, pages, n, theme=theme, opts=opts)
    return SlidePlan(len(pages), numbers, [placed[n] for n in numbers], area, pages)


def _fits(page: PlacedPage, area: tuple[int, int, int, int], min_pt: float) -> bool:
    from orgeditor.export.pptx_page import Placement

    return Placement(page, area).k * NAME_PT >= min_pt - 1e-6


def _lay_out(
    org: Org,
    pages: Paging,
    n: int,
    theme: Theme,
    opts: ExportOptions,
    area: tuple[int, int, int, int],
    min_pt: float,
) -> PlacedPage:
    """Page ``n`` laid out; a page too tall for its names is planned again with shorter stack
    columns (wider and lower: the planner's columns of at most ``rows``), while that helps."""
    from orgeditor.export import pptx_plan
    from orgeditor.export.metrics import STACK_ROWS

    page = pptx_plan.lay_out(org, pages, n, theme=theme, opts=opts)
    rows = STACK_ROWS
    sw, sh = area[2] / EMU_PER_PT, area[3] / EMU_PER_PT
    while opts.stack and not _fits(page, area, min_pt) and rows > 4:
        if page.width / page.height > sw / sh:  # held by its width: lower stacks do not help
            break
        rows -= 2
        lower = pptx_plan.lay_out(org, pages, n, theme=theme, opts=opts, rows=rows)
        if min(sw / lower.width, sh / lower.height) <= min(sw / page.width, sh / page.height):
            break
        page = lower
    return page
