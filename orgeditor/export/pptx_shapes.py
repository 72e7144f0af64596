"""PowerPoint shapes for a laid-out page: cards (rounded rectangles) and glued connectors.

Connector geometry: an elbow connector (``bentConnector3``) is drawn horizontal first, from
the top-left to the bottom-right of its box. A line that leaves a manager downwards is that
shape turned 90 degrees (and flipped when it goes to the right), its extents swapped: the
box's width is the line's height. ``adj1`` places the middle segment (the sibling bus);
``bentConnector4`` has a second adjustment for the vertical bus beside a stack. Both ends are
glued (``stCxn``/``endCxn``) to the cards' connection sites: 0 top, 1 left, 2 bottom, 3 right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "SITE_BOTTOM",
    "SITE_LEFT",
    "SITE_RIGHT",
    "SITE_TOP",
    "CardStyle",
    "Geometry",
    "add_card",
    "add_card_photo",
    "add_connector",
    "elbow",
    "elbow_beside",
    "link_to_slide",
    "path_points",
    "routed",
    "set_rgb",
    "straight",
    "unstyle",
]

SITE_TOP, SITE_LEFT, SITE_BOTTOM, SITE_RIGHT = 0, 1, 2, 3
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_ROT90 = 5_400_000


@dataclass(frozen=True, slots=True)
class Geometry:
    """A connector's transform and preset: what PowerPoint draws the line from."""

    prst: str
    x: int
    y: int
    cx: int
    cy: int
    rot: int = 0
    flip_h: bool = False
    flip_v: bool = False
    adj: tuple[int, ...] = ()


def path_points(g: Geometry) -> list[tuple[float, float]]:
    """The corners of a connector on the slide (EMU), after flips and rotation."""
    w, h = g.cx, g.cy
    if g.prst == "bentConnector3":
        x1 = w * (g.adj[0] if g.adj else 50000) / 100000
        local = [(0.0, 0.0), (x1, 0.0), (x1, h), (w, h)]
    elif g.prst == "bentConnector4":
        a1, a2 = g.adj if len(g.adj) == 2 else (50000, 50000)
        x1, y2 = w * a1 / 100000, h * a2 / 100000
        local = [(0.0, 0.0), (x1, 0.0), (x1, y2), (w, y2), (w, h)]
    elif g.prst == "bentConnector5":
        a1, a2, a3 = g.adj if len(g.adj) == 3 else (50000, 50000, 50000)
        x1, y2, x3 = w * a1 / 100000, h * a2 / 100000, w * a3 / 100000
        local = [(0.0, 0.0), (x1, 0.0), (x1, y2), (x3, y2), (x3, h), (w, h)]
    else:
        local = [(0.0, 0.0), (w, h)]
    cx, cy = g.x + w / 2, g.y + h / 2
    out = []
    turns = (g.rot // _ROT90) % 4
    for px, py in local:
        qx, qy = px - w / 2, py - h / 2
        if g.flip_h:
            qx = -qx
        if g.flip_v:
            qy = -qy
        for _ in range(turns):  # clockwise on the slide (y points down)
            qx, qy = -qy, qx
        out.append((cx + qx, cy + qy))
    return out


def _oriented(
    prst: str, start: tuple[int, int], end: tuple[int, int], w: int, h: int, adj: tuple[int, ...]
) -> Geometry:
    """The box, rotation and flips that make the preset run from ``start`` to ``end``.

    The forms PowerPoint itself writes come first: a line going down and to the left is
    turned 90 degrees, one going down and to the right 270 degrees and flipped horizontally.
    """
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    x, y = round(mx - w / 2), round(my - h / 2)
    if prst == "straightConnector1":
        forms = [(0, fh, fv) for fh in (False, True) for fv in (False, True)]
    else:
        forms = [(_ROT90, False, False), (3 * _ROT90, True, False)]
        forms += [
            (r, fh, fv)
            for r in (_ROT90, 3 * _ROT90)
            for fh in (False, True)
            for fv in (False, True)
        ]
    best: Geometry | None = None
    best_err = 0.0
    for rot, fh, fv in forms:
        g = Geometry(prst, x, y, w, h, rot, fh, fv, adj)
        pts = path_points(g)
        err = abs(pts[0][0] - start[0]) + abs(pts[0][1] - start[1])
        err += abs(pts[-1][0] - end[0]) + abs(pts[-1][1] - end[1])
        if best is None or err < best_err:
            best, best_err = g, err
        if err < 2:
            break
    assert best is not None
    return best


def elbow(start: tuple[int, int], end: tuple[int, int], bus_y: int) -> Geometry:
    """Down from ``start``, across at ``bus_y``, down into ``end`` (``bentConnector3``)."""
    dy = end[1] - start[1]
    w, h = abs(dy), abs(end[0] - start[0])
    a1 = round((bus_y - start[1]) / dy * 100000) if dy else 50000
    g = _oriented("bentConnector3", start, end, w, h, (a1,))
    return g


def elbow_beside(start: tuple[int, int], end: tuple[int, int], bus_y: int, bus_x: int) -> Geometry:
    """Down, across at ``bus_y`` to ``bus_x``, down beside a stack, across into ``end``'s side.

    A ``bentConnector4`` turned 90 degrees: its first adjustment is the horizontal bus, its
    second the vertical one.
    """
    dy = end[1] - start[1]
    dx = end[0] - start[0]
    w, h = abs(dy), max(1, abs(dx))
    a1 = round((bus_y - start[1]) / dy * 100000) if dy else 50000
    # turned 90 degrees, the box's y axis runs to the left; flipped, to the right
    toward = 1 if dx > 0 else -1
    a2 = round((bus_x - start[0]) * toward / h * 100000)
    return _oriented("bentConnector4", start, end, w, h, (a1, a2))


def routed(points: list[tuple[int, int]]) -> Geometry | None:
    """An elbow connector through ``points`` (3 to 5 axis-parallel segments), or None when no
    rotation and flip of ``bentConnector3``/``4``/``5`` draws that path.

    A path that starts vertically is the preset turned 90 or 270 degrees (its extents
    swapped), one that starts horizontally is the preset unturned. The adjustments may lie
    outside 0..100000: the middle segments then run beyond the box spanned by the two ends
    (round a card, say).
    """
    prst = {4: "bentConnector3", 5: "bentConnector4", 6: "bentConnector5"}.get(len(points))
    if prst is None:
        return None
    start, end = points[0], points[-1]
    vertical = points[1][0] == start[0]
    dx, dy = abs(end[0] - start[0]), abs(end[1] - start[1])
    w, h = (dy, dx) if vertical else (dx, dy)
    if not w or not h:
        return None
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    x, y = round(mx - w / 2), round(my - h / 2)
    nadj = len(points) - 3
    if vertical:  # PowerPoint's own forms first: down-left, down-right, up-left, up-right
        forms = [(_ROT90, False, False), (3 * _ROT90, True, False), (_ROT90, True, False)]
        forms += [(_ROT90, True, True), (_ROT90, False, True), (3 * _ROT90, True, True)]
    else:
        forms = [(0, fh, fv) for fh in (False, True) for fv in (False, True)]
    for rot, fh, fv in forms:
        zero = path_points(Geometry(prst, x, y, w, h, rot, fh, fv, (0,) * nadj))
        if abs(zero[0][0] - start[0]) + abs(zero[0][1] - start[1]) > 2:
            continue
        if abs(zero[-1][0] - end[0]) + abs(zero[-1][1] - end[1]) > 2:
            continue
        adj = []
        for i in range(nadj):  # adjustment i moves corner i + 1 along one axis
            unit = tuple(100000 if j == i else 0 for j in range(nadj))
            moved = path_points(Geometry(prst, x, y, w, h, rot, fh, fv, unit))[i + 1]
            axis = 0 if abs(moved[0] - zero[i + 1][0]) > 0.5 else 1
            span = moved[axis] - zero[i + 1][axis]
            if not span:
                break
            adj.append(round((points[i + 1][axis] - zero[i + 1][axis]) / span * 100000))
        if len(adj) != nadj:
            continue
        g = Geometry(prst, x, y, w, h, rot, fh, fv, tuple(adj))
        got = path_points(g)
        tol = 4 + (w + h) / 50000  # adjustments are whole 1/100000ths of the box
        pairs = zip(got, points, strict=True)
        if all(abs(a[0] - b[0]) + abs(a[1] - b[1]) <= tol for a, b in pairs):
            return g
    return None


def straight(start: tuple[int, int], end: tuple[int, int]) -> Geometry:
    w, h = abs(end[0] - start[0]), abs(end[1] - start[1])
    return _oriented("straightConnector1", start, end, w, h, ())


def add_connector(
    shapes: Any,
    g: Geometry,
    begin: tuple[int, int],
    finish: tuple[int, int],
    colour: str,
    width_emu: int,
    dashed: bool,
    name: str,
) -> Any:
    """Add connector ``g`` glued from shape id/site ``begin`` to ``finish``; returns it."""
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.util import Emu

    conn = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(0), Emu(0), Emu(1), Emu(1))
    el = conn._element
    el.nvCxnSpPr.cNvPr.set("name", name)
    cnv = el.nvCxnSpPr.cNvCxnSpPr
    for tag, (sid, site) in (("stCxn", begin), ("endCxn", finish)):
        cxn = _sub(cnv, f"a:{tag}")
        cxn.set("id", str(sid))
        cxn.set("idx", str(site))
    xfrm = el.spPr.find(f"{{{_A}}}xfrm")
    for attr in ("flipH", "flipV", "rot"):
        xfrm.attrib.pop(attr, None)
    if g.rot:
        xfrm.set("rot", str(g.rot))
    if g.flip_h:
        xfrm.set("flipH", "1")
    if g.flip_v:
        xfrm.set("flipV", "1")
    off, ext = xfrm.find(f"{{{_A}}}off"), xfrm.find(f"{{{_A}}}ext")
    off.set("x", str(g.x))
    off.set("y", str(g.y))
    ext.set("cx", str(g.cx))
    ext.set("cy", str(g.cy))
    geom = el.spPr.find(f"{{{_A}}}prstGeom")
    geom.set("prst", g.prst)
    av = geom.find(f"{{{_A}}}avLst")
    for i, value in enumerate(g.adj, 1):
        gd = _sub(av, "a:gd")
        gd.set("name", f"adj{i}")
        gd.set("fmla", f"val {value}")
    unstyle(conn)
    line = conn.line
    line.color.rgb = _rgb(colour)
    line.width = Emu(width_emu)
    if dashed:
        from pptx.enum.dml import MSO_LINE_DASH_STYLE

        line.dash_style = MSO_LINE_DASH_STYLE.DASH
    return conn


def _sub(parent: Any, tag: str) -> Any:
    """A new child element ``tag`` (``a:gd``) at the end of ``parent``."""
    from pptx.oxml.xmlchemy import OxmlElement

    child = OxmlElement(tag)
    parent.append(child)
    return child


def unstyle(shape: Any) -> None:
    """No theme style on ``shape`` (its shadow, say): every colour and line is set on it."""
    el = shape._element
    for style in el.findall("{http://schemas.openxmlformats.org/presentationml/2006/main}style"):
        el.remove(style)
    shape.shadow.inherit = False


def _rgb(colour: str) -> Any:
    from pptx.dml.color import RGBColor

    value = colour.lstrip("#")[:6]
    return RGBColor(int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))  # type: ignore[no-untyped-call]


def set_rgb(target: Any, colour: str) -> None:
    """Set a python-pptx colour (font, fill, line) to ``#rrggbb``."""
    target.rgb = _rgb(colour)


@dataclass(frozen=True, slots=True)
class CardStyle:
    """Colours (``#rrggbb``, or ``accentN`` for a template's theme colour) and sizes of a card."""

    fill: str
    border: str
    ink: str
    muted: str
    accent: str
    name_pt: float
    title_pt: float
    badge_pt: float
    font: str | None = None


def _colour(target: Any, colour: str, brightness: float = 0.0) -> None:
    """Set a python-pptx ColorFormat to ``#rrggbb`` or to a theme colour (``accent1``...)."""
    if colour.startswith("#"):
        target.rgb = _rgb(colour)
        return
    from pptx.enum.dml import MSO_THEME_COLOR

    target.theme_color = getattr(MSO_THEME_COLOR, re.sub(r"(\d)$", r"_\1", colour.upper()))
    if brightness:
        target.brightness = brightness


def add_card(
    shapes: Any,
    rect: tuple[int, int, int, int],
    lines: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    markers: list[tuple[str, int | None]],
    style: CardStyle,
    *,
    dashed: bool,
    strong: bool,
    left: bool,
    margin: tuple[int, int],
    name: str,
) -> tuple[Any, list[tuple[Any, int]]]:
    """A rounded rectangle with the name (bold), title, badges and markers as separate runs.

    ``lines`` are the name, title and badge lines; ``markers`` (text, page) are italic, and
    those with a page are returned with their run, for a hyperlink to that page's slide.
    """
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Emu, Pt

    x, y, w, h = rect
    shape = shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Emu(x), Emu(y), Emu(w), Emu(h))
    shape.name = name
    shape.adjustments[0] = min(0.25, 6 * 12700 * style.name_pt / 14 / max(1, min(w, h)))
    unstyle(shape)
    shape.fill.solid()
    _colour(shape.fill.fore_color, style.fill, 0.8 if not style.fill.startswith("#") else 0.0)
    _colour(shape.line.color, style.border)
    shape.line.width = Pt((2.2 if strong else 1.1) * style.name_pt / 14)
    if dashed:
        from pptx.enum.dml import MSO_LINE_DASH_STYLE

        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    tf = shape.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE
    tf.margin_left = tf.margin_right = Emu(margin[0])
    tf.margin_top = tf.margin_bottom = Emu(margin[1])
    names, titles, badge_lines = lines
    links: list[tuple[Any, int]] = []
    parts: list[tuple[tuple[str, ...], float, str, bool, bool]] = [
        (names, style.name_pt, style.ink, True, False),
        *([(titles, style.title_pt, style.muted, False, False)] if titles else []),
        *(((b,), style.badge_pt, style.accent, True, False) for b in badge_lines),
    ]
    first = True
    for texts, size, colour, bold, italic in parts:
        para = tf.paragraphs[0] if first else tf.add_paragraph()
        first = False
        para.alignment = PP_ALIGN.LEFT if left else PP_ALIGN.CENTER
        for i, text in enumerate(texts):
            if i:
                para.add_line_break()
            _run(para, text, size, colour, bold, italic, style.font)
    for text, page in markers:
        para = tf.add_paragraph()
        para.alignment = PP_ALIGN.LEFT if left else PP_ALIGN.CENTER
        pieces = text.split("\n")  # a long note comes in lines, "(page 3)" on the last
        for i, piece in enumerate(pieces):
            if i:
                para.add_line_break()
            run = _run(para, piece, style.badge_pt, style.accent, False, True, style.font)
        if page is not None:
            links.append((run, page))
    return shape, links


def add_card_photo(shapes: Any, card: Any, jpeg: bytes, side: int, pad: int, gap: int) -> Any:
    """The photo ``jpeg`` (``side`` EMU square) at the left of ``card``, ``pad`` from its
    edge, the text inset by the photo and ``gap``; card and photo grouped (they move as one;
    lines stay glued to the card). Returns the group."""
    import io

    from pptx.util import Emu

    top = card.top + (card.height - side) // 2
    pic = shapes.add_picture(io.BytesIO(jpeg), Emu(card.left + pad), Emu(top), Emu(side), Emu(side))
    pic.name = f"Photo: {card.name.removeprefix('Card: ')}"
    tf = card.text_frame
    tf.margin_left = Emu(pad + side + gap)
    group = shapes.add_group_shape([card, pic])
    group.name = f"Card with photo: {card.name.removeprefix('Card: ')}"
    return group


def _run(
    para: Any, text: str, size: float, colour: str, bold: bool, italic: bool, font: str | None
) -> Any:
    from pptx.util import Pt

    run = para.add_run()
    run.text = text
    f = run.font
    f.size = Pt(round(size * 100) / 100)
    f.bold = bold
    f.italic = italic
    if font:
        f.name = font
    _colour(f.color, colour)
    return run


def link_to_slide(run: Any, source: Any, target: Any) -> None:
    """Make ``run`` (on slide ``source``) jump to slide ``target`` when clicked."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    rid = source.part.relate_to(target.part, RT.SLIDE)
    rpr = run._r.get_or_add_rPr()
    hlink = rpr.add_hlinkClick(rid)
    hlink.set("action", "ppaction://hlinksldjump")
