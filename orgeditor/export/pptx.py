"""PowerPoint: a 16:9 deck with a title slide and one slide per chart page.

Each page is rendered to PNG at twice the slide's resolution and placed to fill the slide
(centred, aspect kept); the speaker notes list the names on the page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from orgeditor.model.org import Org

if TYPE_CHECKING:
    from orgeditor.export.api import ExportOptions, PageDot

__all__ = ["SLIDE_EMU", "build_pptx", "picture_box"]

EMU_PER_IN = 914400
SLIDE_EMU = (int(13.333 * EMU_PER_IN), int(7.5 * EMU_PER_IN))
MARGIN = int(0.15 * EMU_PER_IN)
VIEW_NAMES = {
    "reporting": "Reporting lines",
    "matrix": "Teams x pipelines",
    "subtree": "One manager's org",
    "pipeline": "One pipeline",
}


def picture_box(width_px: int, height_px: int) -> tuple[int, int, int, int]:
    """(left, top, width, height) in EMU of a picture fit into the slide, centred."""
    sw, sh = SLIDE_EMU[0] - 2 * MARGIN, SLIDE_EMU[1] - 2 * MARGIN
    scale = min(sw / width_px, sh / height_px)
    w, h = int(width_px * scale), int(height_px * scale)
    return (SLIDE_EMU[0] - w) // 2, (SLIDE_EMU[1] - h) // 2, w, h


def build_pptx(
    org: Org,
    pages: list[PageDot],
    opts: ExportOptions,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    from dataclasses import replace

    from pptx import Presentation
    from pptx.util import Emu, Pt

    from orgeditor.export import render
    from orgeditor.export.api import render_page

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_EMU[0]), Emu(SLIDE_EMU[1])
    title_slide = prs.slides.add_slide(prs.slide_layouts[0])
    title_slide.shapes.title.text = org.name or "Organisation"
    subtitle = title_slide.placeholders[1]
    subtitle.text = (
        f"{VIEW_NAMES.get(opts.view, opts.view)} \u00b7 {len(org.people)} people \u00b7 "
        f"{len(pages)} page{'s' if len(pages) != 1 else ''} \u00b7 {date.today().isoformat()}"
    )
    if opts.mark:  # "Confidential draft": on the title slide too, not only on the pictures
        subtitle.text = f"{opts.mark}\n{subtitle.text}"
    for para in subtitle.text_frame.paragraphs:
        for run in para.runs:
            run.font.size = Pt(20)
    blank = prs.slide_layouts[6]
    for i, page in enumerate(pages, 1):
        # twice the slide's 1920 px, at most, so the picture stays sharp when projected
        png = render_page(page, "png", replace(opts, scale=2.0))
        w, h = render.png_size(png)
        if w > 3840 or h > 2160:
            factor = min(3840 / w, 2160 / h)
            png = render_page(page, "png", replace(opts, scale=2.0 * factor))
            w, h = render.png_size(png)
        slide = prs.slides.add_slide(blank)
        left, top, width, height = picture_box(w, h)
        slide.shapes.add_picture(io.BytesIO(png), Emu(left), Emu(top), Emu(width), Emu(height))
        notes = slide.notes_slide.notes_text_frame
        notes.text = f"Page {i} of {len(pages)} ({page.label}): " + ", ".join(page.names)
        if progress:
            progress(i, len(pages))
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
