"""One chart page as PowerPoint shapes: cluster boxes, cards, and glued connectors behind them.

:class:`Placement` maps a laid-out page (points) into a slide's chart area (EMU);
:func:`line_geometry` gives each reporting line's connector (the slide preview draws the
same geometry).
"""

from __future__ import annotations

import itertools
from typing import Any

from orgeditor.export import pptx_shapes as ps
from orgeditor.export.card_photos import card_photo
from orgeditor.export.metrics import BADGE_PT, NAME_PT, PHOTO_GAP, PHOTO_PT, TITLE_PT
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
        #: the chart area in layout points (x0, y0, x1, y1): where lines may run
        self.bounds = (
            (area[0] - self.x0) / self.s,
            0.0,
            (area[0] + area[2] - self.x0) / self.s,
            (area[1] + area[3] - self.y0) / self.s,
        )

    def emu(self, x: float, y: float) -> tuple[int, int]:
        return round(self.x0 + x * self.s), round(self.y0 + y * self.s)


def line_geometry(
    line: Line, page: PlacedPage, place: Placement
) -> tuple[ps.Geometry, tuple[int, int]]:
    """The connector of a reporting line and the connection sites it is glued to."""
    emu = place.emu
    m, r = page.boxes[line.manager], page.boxes[line.report]
    if line.dotted:
        return _dotted(m, r, page, place)
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
    marked = theme.marks.get(pid)
    own = marked is not None and bool(marked.fill)  # a change diagram's mark wins
    accent = _template_accent(org, theme, pid) if templated and not own else None
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
        if ct.photo and (jpeg := card_photo(org.people[box.pid])) is not None:
            ps.add_card_photo(
                shapes, shape, jpeg, round(PHOTO_PT * s), round(7 * s), round(PHOTO_GAP * s)
            )
        ids[box.pid] = shape.shape_id
        links.extend(runs)
    first_card = None
    for line in page.lines:
        m, r = page.boxes[line.manager], page.boxes[line.report]
        g, sites = line_geometry(line, page, place)
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
            first_card = next(el for el in tree if el.tag.endswith(("}sp", "}grpSp")))
        first_card.addprevious(conn._element)
    return links


Point = tuple[float, float]
#: how far a dotted line keeps from the cards it passes (points)
CLEAR = 7.0


def _sites(b: Box) -> dict[int, Point]:
    return {
        ps.SITE_TOP: (b.x + b.w / 2, b.y),
        ps.SITE_LEFT: (b.x, b.y + b.h / 2),
        ps.SITE_BOTTOM: (b.x + b.w / 2, b.y + b.h),
        ps.SITE_RIGHT: (b.x + b.w, b.y + b.h / 2),
    }


def _hits(a: Point, b: Point, box: Box) -> bool:
    """Whether the segment a-b runs through the inside of ``box`` (touching allowed)."""
    x0, y0, x1, y1 = box.x + 1, box.y + 1, box.x + box.w - 1, box.y + box.h - 1
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return True


def _clear(points: list[Point], others: list[Box], bounds: tuple[float, ...]) -> bool:
    x0, y0, x1, y1 = bounds
    if any(not (x0 <= x <= x1 and y0 <= y <= y1) for x, y in points):
        return False
    return not any(_hits(a, b, box) for a, b in itertools.pairwise(points) for box in others)


def _routes(m: Box, r: Box, others: list[Box]) -> list[tuple[list[Point], int, int]]:
    """Candidate paths of a dotted line from ``m`` to ``r``, best first: (corners, sites)."""
    sm, sr = _sites(m), _sites(r)
    out: list[tuple[list[Point], int, int]] = []
    if r.y >= m.y + m.h or r.y + r.h <= m.y:  # one above the other: down (or up) and across
        down = r.y >= m.y + m.h
        a, b = (ps.SITE_BOTTOM, ps.SITE_TOP) if down else (ps.SITE_TOP, ps.SITE_BOTTOM)
        p, q = sm[a], sr[b]
        out.append(([p, q], a, b))
        for f in (0.3, 0.5, 0.7, 0.15, 0.85):  # the horizontal run near the report first
            y = q[1] + (p[1] - q[1]) * f
            out.append(([p, (p[0], y), (q[0], y), q], a, b))
        return out
    # side by side: straight across; else out of the manager's side, below (or above) the
    # cards between them, and up beside the report into its side; else from the middle of
    # the manager's bottom (or top)
    right = r.x >= m.x + m.w / 2
    a, b = (ps.SITE_RIGHT, ps.SITE_LEFT) if right else (ps.SITE_LEFT, ps.SITE_RIGHT)
    out.append(([sm[a], sr[b]], a, b))
    step = CLEAR if right else -CLEAR
    beside = sr[b][0] - step
    out_x = sm[a][0] + step
    lo, hi = min(m.x, r.x), max(m.x + m.w, r.x + r.w)
    band = [o for o in (m, r, *others) if o.x < hi and o.x + o.w > lo]  # m and r among them
    top, bottom = min(m.y, r.y), max(m.y + m.h, r.y + r.h)
    under = max(o.y + o.h for o in band if o.y < bottom) + CLEAR
    over = min(o.y for o in band if o.y + o.h > top) - CLEAR
    for level in (under, over):
        if (beside - out_x) * step > 0:
            path = [sm[a], (out_x, sm[a][1]), (out_x, level), (beside, level)]
            out.append(([*path, (beside, sr[b][1]), sr[b]], a, b))
    for level, site in ((under, ps.SITE_BOTTOM), (over, ps.SITE_TOP)):
        start = sm[site]
        path = [start, (start[0], level), (beside, level), (beside, sr[b][1]), sr[b]]
        out.append((path, site, b))
    return out


def _dotted(
    m: Box, r: Box, page: PlacedPage, place: Placement
) -> tuple[ps.Geometry, tuple[int, int]]:
    """A dashed line between two cards that keeps off the other cards where it can.

    Tried in order: straight between the nearest sides; for cards one above the other, down,
    across and down (a ``bentConnector3``, its run where no card is); for cards side by side,
    out of the manager's side, below (or above) every card between them and up beside the
    report into its side (a ``bentConnector5``), else the same from the middle of the
    manager's bottom or top (a ``bentConnector4``). The first path inside the chart area that
    crosses no card wins; else the straight line.
    """
    others = [b for b in page.boxes.values() if b is not m and b is not r]
    routes = _routes(m, r, others)
    emu = place.emu
    for points, a, b in routes:
        if not _clear(points, others, place.bounds):
            continue
        pts = [emu(*p) for p in points]
        if len(pts) == 2:
            return ps.straight(pts[0], pts[1]), (a, b)
        g = ps.routed(pts)
        if g is not None:
            return g, (a, b)
    points, a, b = routes[0]
    return ps.straight(emu(*points[0]), emu(*points[1])), (a, b)
