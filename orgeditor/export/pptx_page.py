"""One chart page as PowerPoint shapes: cluster boxes, cards, and glued connectors behind them.

:class:`Placement` maps a laid-out page (points) into a slide's chart area (EMU);
:func:`line_geometry` gives each reporting line's connector (the slide preview draws the
same geometry).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from orgeditor.export import pptx_shapes as ps
from orgeditor.export.metrics import BADGE_PT, NAME_PT, TITLE_PT
from orgeditor.export.pptx_plan import Box, Line, PlacedPage
from orgeditor.export.pptx_shapes import CardStyle, set_rgb
from orgeditor.export.themes import Theme
from orgeditor.model.org import Org

__all__ = ["EMU_PER_PT", "MAX_SCALE", "Placement", "card_style", "draw_page", "line_geometry"]

EMU_PER_PT = 12700
#: the largest scale from layout points to slide points (small pages are not blown up)
MAX_SCALE = 1.4


class Placement:
    """Where a laid-out page goes in a slide's chart area: scale and offset (EMU)."""

    def __init__(self, page: PlacedPage, area: tuple[int, int, int, int]) -> None:
        #: EMU per layout point (never above :data:`MAX_SCALE` points per point)
        self.s = min(
            area[2] / max(page.width, 1.0),
            area[3] / max(page.height, 1.0),
            MAX_SCALE * EMU_PER_PT,
        )
        #: slide points per layout point
        self.k = self.s / EMU_PER_PT
        self.x0 = area[0] + (area[2] - page.width * self.s) / 2
        self.y0 = area[1]

    def emu(self, x: float, y: float) -> tuple[int, int]:
        return round(self.x0 + x * self.s), round(self.y0 + y * self.s)


def line_geometry(
    line: Line, m: Box, r: Box, place: Placement
) -> tuple[ps.Geometry, tuple[int, int]]:
    """The connector of a reporting line and the connection sites it is glued to."""
    emu = place.emu
    if line.dotted:
        return _dotted(m, r, emu)
    start = emu(m.x + m.w / 2, m.y + m.h)
    bus = emu(0, line.bus)[1]
    if r.stack:
        end = emu(r.x, r.y + r.h / 2)
        g = ps.elbow_beside(start, end, bus, emu(r.bus_x, 0)[0])
        return g, (ps.SITE_BOTTOM, ps.SITE_LEFT)
    end = emu(r.x + r.w / 2, r.y)
    return ps.elbow(start, end, bus), (ps.SITE_BOTTOM, ps.SITE_TOP)


def card_style(templated: bool, org: Org, theme: Theme, pid: str, k: float) -> CardStyle:
    """How a person's card looks: the theme's colours, or the template's theme colours."""
    person = org.people[pid]
    card = theme.card(org, person)
    sizes = (NAME_PT * k, TITLE_PT * k, BADGE_PT * k)
    accent = _template_accent(org, theme, pid) if templated else None
    if accent is None:
        font = None if templated else "Arial"
        return CardStyle(card.fill, card.border, card.text, card.muted, card.border, *sizes, font)
    return CardStyle(accent, accent, "text1", card.muted, accent, *sizes, None)


def _template_accent(org: Org, theme: Theme, pid: str) -> str | None:
    """The template's accent colour for a person's team kind (or team), if the theme has one."""
    from orgeditor.theme import KIND_COLOURS

    person = org.people[pid]
    team = org.teams.get(person.team) if person.team else None
    if team is None or person.is_open:
        return None
    if theme.colour_by == "team":
        return f"accent{org.team_order.index(team.id) % 6 + 1}"
    if theme.colour_by == "kind":
        kinds = list(KIND_COLOURS)
        return f"accent{kinds.index(team.kind) + 1}" if team.kind in kinds else "accent6"
    return None


def draw_page(
    templated: bool,
    slide: Any,
    page: PlacedPage,
    area: tuple[int, int, int, int],
    theme: Theme,
    org: Org,
) -> list[tuple[Any, int]]:
    """Cards, connectors and cluster boxes of one page; returns the runs to link (run, page)."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu, Pt

    place = Placement(page, area)
    s, k, emu = place.s, place.k, place.emu

    shapes = slide.shapes
    for label, colour, x, y, w, h in page.clusters:
        left, top = emu(x, y)
        box = shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, Emu(left), Emu(top), Emu(round(w * s)), Emu(round(h * s))
        )
        box.name = f"Group: {label}"
        box.adjustments[0] = 0.04
        box.fill.background()
        set_rgb(box.line.color, colour)
        box.line.width = Pt(1.2 * k)
        ps.unstyle(box)
        tf = box.text_frame
        tf.margin_left = tf.margin_top = Emu(round(6 * s))
        from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

        tf.vertical_anchor = MSO_ANCHOR.TOP
        para = tf.paragraphs[0]
        para.alignment = PP_ALIGN.LEFT
        run = para.add_run()
        run.text = label
        run.font.size, run.font.bold = Pt(round(11 * k * 100) / 100), True
        set_rgb(run.font.color, colour)
    ids: dict[str, int] = {}
    links: list[tuple[Any, int]] = []
    for box in page.boxes.values():
        left, top = emu(box.x, box.y)
        right, bottom = emu(box.x + box.w, box.y + box.h)
        ct = box.text
        shape, runs = ps.add_card(
            shapes,
            (left, top, right - left, bottom - top),
            (ct.name, ct.title, ct.badges),
            [(m.text, m.page) for m in box.markers],
            card_style(templated, org, theme, box.pid, k),
            dashed=ct.open,
            strong=ct.lead,
            left=bool(box.stack),
            margin=(round(7 * s), round(3 * s)),
            name=f"Card: {' '.join(ct.name)}",
        )
        ids[box.pid] = shape.shape_id
        links.extend(runs)
    first_card = None
    for line in page.lines:
        m, r = page.boxes[line.manager], page.boxes[line.report]
        g, sites = line_geometry(line, m, r, place)
        width, colour = (1.2 * k, theme.dotted) if line.dotted else (1.3 * k, theme.solid)
        kind = "Dotted" if line.dotted else "Line"
        name = f"{kind}: {' '.join(m.text.name)} - {' '.join(r.text.name)}"
        conn = ps.add_connector(
            shapes,
            g,
            (ids[line.manager], sites[0]),
            (ids[line.report], sites[1]),
            colour,
            round(width * EMU_PER_PT),
            line.dotted,
            name,
        )
        # lines behind the cards
        tree = conn._element.getparent()
        if first_card is None:
            first_card = next(el for el in tree if el.tag.endswith("}sp"))
        first_card.addprevious(conn._element)
    return links


def _dotted(
    m: Any, r: Any, emu: Callable[[float, float], tuple[int, int]]
) -> tuple[ps.Geometry, tuple[int, int]]:
    """A straight dashed line between the nearest sides of two cards."""
    if r.y >= m.y + m.h:
        a, b, sites = (
            (m.x + m.w / 2, m.y + m.h),
            (r.x + r.w / 2, r.y),
            (ps.SITE_BOTTOM, ps.SITE_TOP),
        )
    elif r.y + r.h <= m.y:
        a, b, sites = (
            (m.x + m.w / 2, m.y),
            (r.x + r.w / 2, r.y + r.h),
            (ps.SITE_TOP, ps.SITE_BOTTOM),
        )
    elif r.x >= m.x + m.w / 2:
        a, b, sites = (
            (m.x + m.w, m.y + m.h / 2),
            (r.x, r.y + r.h / 2),
            (ps.SITE_RIGHT, ps.SITE_LEFT),
        )
    else:
        a, b, sites = (
            (m.x, m.y + m.h / 2),
            (r.x + r.w, r.y + r.h / 2),
            (ps.SITE_LEFT, ps.SITE_RIGHT),
        )
    return ps.straight(emu(*a), emu(*b)), sites
