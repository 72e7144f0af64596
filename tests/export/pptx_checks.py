"""Read an editable deck back with python-pptx and check what PowerPoint will draw.

The connector geometry is recomputed here from the XML (preset, rotation, flips, offsets,
extents, adjustments), independently of the exporter's own code: LibreOffice re-routes glued
connectors itself, so a rendering cannot show a wrong geometry.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.util import Pt

from orgeditor.model.org import Org

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _xfrm(el) -> tuple[int, int, int, int, int, bool, bool]:
    x = el.find(f".//{A}xfrm")
    off, ext = x.find(f"{A}off"), x.find(f"{A}ext")
    return (
        int(off.get("x")),
        int(off.get("y")),
        int(ext.get("cx")),
        int(ext.get("cy")),
        int(x.get("rot", "0")),
        x.get("flipH") in ("1", "true"),
        x.get("flipV") in ("1", "true"),
    )


def connector_path(el) -> list[tuple[float, float]]:
    """The corners of a ``p:cxnSp`` on the slide, from its XML, as PowerPoint draws it."""
    x, y, w, h, rot, fh, fv = _xfrm(el)
    geom = el.find(f".//{A}prstGeom")
    prst = geom.get("prst")
    adj = {gd.get("name"): int(gd.get("fmla").split()[1]) for gd in geom.iter(f"{A}gd")}
    if prst == "bentConnector3":
        x1 = w * adj.get("adj1", 50000) / 100000
        pts = [(0, 0), (x1, 0), (x1, h), (w, h)]
    elif prst == "bentConnector4":
        x1 = w * adj.get("adj1", 50000) / 100000
        y2 = h * adj.get("adj2", 50000) / 100000
        pts = [(0, 0), (x1, 0), (x1, y2), (w, y2), (w, h)]
    elif prst == "bentConnector5":
        x1 = w * adj.get("adj1", 50000) / 100000
        y2 = h * adj.get("adj2", 50000) / 100000
        x3 = w * adj.get("adj3", 50000) / 100000
        pts = [(0, 0), (x1, 0), (x1, y2), (x3, y2), (x3, h), (w, h)]
    elif prst in ("straightConnector1", "line"):
        pts = [(0, 0), (w, h)]
    else:
        raise AssertionError(f"unexpected connector preset {prst}")
    cx, cy = x + w / 2, y + h / 2
    theta = math.radians(rot / 60000)
    out = []
    for px, py in pts:
        qx, qy = px - w / 2, py - h / 2
        if fh:
            qx = -qx
        if fv:
            qy = -qy
        rx = qx * math.cos(theta) - qy * math.sin(theta)
        ry = qx * math.sin(theta) + qy * math.cos(theta)
        out.append((cx + rx, cy + ry))
    return out


@dataclass
class Card:
    id: int
    name: str
    lines: list[str]
    x: int
    y: int
    w: int
    h: int
    sizes: list[float]

    def site(self, idx: int) -> tuple[float, float]:
        return [
            (self.x + self.w / 2, self.y),
            (self.x, self.y + self.h / 2),
            (self.x + self.w / 2, self.y + self.h),
            (self.x + self.w, self.y + self.h / 2),
        ][idx]


@dataclass
class Link:
    start: int
    start_site: int
    end: int
    end_site: int
    dotted: bool
    path: list[tuple[float, float]]


@dataclass
class ChartSlide:
    cards: dict[int, Card] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    pictures: int = 0
    #: (name, left, top, width, height) of every shape but connectors
    boxes: list = field(default_factory=list)
    notes: str = ""
    tables: list = field(default_factory=list)


def norm(text: str) -> str:
    """A name without its spacing (names wrap over lines on cards, long words are cut)."""
    return "".join(text.split())


def person_key(org: Org, pid: str) -> str:
    from orgeditor.export.escape import clean

    name = org.people[pid].name
    return norm(clean(name)) or "Openposition"


def read_deck(data: bytes | Path) -> tuple[object, list[ChartSlide]]:
    """The deck and its chart slides (every slide after the title slide)."""
    prs = Presentation(io.BytesIO(data) if isinstance(data, bytes) else str(data))
    out = []
    for slide in list(prs.slides)[1:]:
        cs = ChartSlide(notes=slide.notes_slide.notes_text_frame.text)
        for shape in slide.shapes:
            if shape.shape_type == 13:
                cs.pictures += 1
            if not shape._element.tag.endswith("cxnSp"):
                cs.boxes.append((shape.name, shape.left, shape.top, shape.width, shape.height))
            if shape.has_table if hasattr(shape, "has_table") else False:
                cs.tables.append(shape)
            if shape.name.startswith("Card: "):
                paras = shape.text_frame.paragraphs
                sizes = [r.font.size.pt for p in paras[:1] for r in p.runs]
                cs.cards[shape.shape_id] = Card(
                    shape.shape_id,
                    norm(paras[0].text),
                    [norm(p.text) for p in paras],
                    shape.left,
                    shape.top,
                    shape.width,
                    shape.height,
                    sizes,
                )
            el = shape._element
            if el.tag == f"{P}cxnSp":
                st, en = el.find(f".//{A}stCxn"), el.find(f".//{A}endCxn")
                assert st is not None and en is not None, f"connector {shape.name} is not glued"
                dashed = el.find(f".//{A}prstDash") is not None
                cs.links.append(
                    Link(
                        int(st.get("id")),
                        int(st.get("idx")),
                        int(en.get("id")),
                        int(en.get("idx")),
                        dashed,
                        connector_path(el),
                    )
                )
        out.append(cs)
    return prs, out


def _close(a: tuple[float, float], b: tuple[float, float], tol: float = 40) -> bool:
    return abs(a[0] - b[0]) <= tol and abs(a[1] - b[1]) <= tol


def _crosses(seg: tuple[tuple[float, float], tuple[float, float]], c: Card) -> bool:
    """An axis-parallel segment through the inside of a card (edges and touching allowed)."""
    (x0, y0), (x1, y1) = seg
    pad = 2000  # EMU: lines glued to a card's side run along it for a hair
    lx, hx = sorted((x0, x1))
    ly, hy = sorted((y0, y1))
    return lx < c.x + c.w - pad and hx > c.x + pad and ly < c.y + c.h - pad and hy > c.y + pad


def check_chart_slides(
    org: Org, prs, slides: list[ChartSlide], min_pt: float = 8.0, everyone: bool = True
) -> None:
    """The geometry promises of the editable deck (see the module's docstring)."""
    sw, sh = prs.slide_width, prs.slide_height
    shown: set[str] = set()
    for n, cs in enumerate(slides, 2):
        assert cs.pictures == 0, f"slide {n} has pictures"
        cards = list(cs.cards.values())
        assert cards, f"slide {n} has no cards"
        for c in cards:
            shown.add(c.name)
            assert c.name in norm(cs.notes), f"slide {n}: {c.name!r} not in the notes"
            assert c.sizes and min(c.sizes) >= min_pt - 0.01, f"slide {n}: {c.name!r} {c.sizes}"
            assert c.x >= 0 and c.x + c.w <= sw and c.y >= 0 and c.y + c.h <= sh, (n, c.name)
        for name, x, y, w, h in cs.boxes:
            assert x >= 0 and x + w <= sw and y >= 0 and y + h <= sh, f"slide {n}: {name} outside"
        for i, a in enumerate(cards):
            for b in cards[i + 1 :]:
                overlap = (
                    a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h
                )
                assert not overlap, f"slide {n}: {a.name!r} overlaps {b.name!r}"
        for link in cs.links:
            m, r = cs.cards[link.start], cs.cards[link.end]
            assert _close(link.path[0], m.site(link.start_site)), (n, m.name, r.name, link)
            assert _close(link.path[-1], r.site(link.end_site)), (n, m.name, r.name, link)
            for pt in link.path:
                assert 0 <= pt[0] <= sw and 0 <= pt[1] <= sh, (n, m.name, r.name)
            if link.dotted:
                continue
            assert link.start_site == 2, (n, m.name, r.name)
            assert link.end_site in (0, 1), (n, m.name, r.name)
            for seg in zip(link.path, link.path[1:], strict=False):
                for c in cards:
                    if c.id not in (m.id, r.id):
                        assert not _crosses(seg, c), (
                            f"slide {n}: {m.name}->{r.name} crosses {c.name}"
                        )
        # each solid line of the org between two cards of the slide is one connector
        by_name: dict[str, list[Card]] = {}
        for c in cards:
            by_name.setdefault(c.name, []).append(c)
        solid = {(link.start, link.end) for link in cs.links if not link.dotted}
        assert len(solid) == len([x for x in cs.links if not x.dotted]), f"slide {n}: doubled lines"
        for a, b in solid:
            ma, rb = cs.cards[a].name, cs.cards[b].name
            assert any(
                person_key(org, p) == rb
                and org.people[p].manager
                and person_key(org, org.people[p].manager) == ma
                for p in org.people
            ), f"slide {n}: a line {ma} -> {rb} that is not in the org"
    missing = {person_key(org, p) for p in org.people} - shown if everyone else set()
    assert not missing, f"people on no slide: {sorted(missing)[:5]}"


def name_pt(pt: float) -> int:
    return int(Pt(pt))


def geometry_svg(prs, index: int) -> str:
    """Slide ``index`` redrawn from its stored geometry: card boxes and connector paths.

    What PowerPoint draws from (LibreOffice re-routes glued connectors): for a look at the
    lines as stored, e.g. ``docs/images/pptx-oracle-geometry.png``.
    """
    from xml.sax.saxutils import escape

    slide = prs.slides[index]
    w, h = prs.slide_width / 12700, prs.slide_height / 12700
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h:.0f}" '
        f'width="{w * 2:.0f}" height="{h * 2:.0f}" font-family="sans-serif">',
        f'<rect width="{w:.0f}" height="{h:.0f}" fill="#ffffff"/>',
    ]
    for shape in slide.shapes:
        el = shape._element
        if el.tag == f"{P}cxnSp":
            pts = " ".join(f"{x / 12700:.1f},{y / 12700:.1f}" for x, y in connector_path(el))
            dash = ' stroke-dasharray="3 2"' if el.find(f".//{A}prstDash") is not None else ""
            out.append(f'<polyline points="{pts}" fill="none" stroke="#c0392b"{dash}/>')
        elif shape.name.startswith("Card: "):
            x, y = shape.left / 12700, shape.top / 12700
            cw, ch = shape.width / 12700, shape.height / 12700
            size = shape.text_frame.paragraphs[0].runs[0].font.size.pt
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{cw:.1f}" height="{ch:.1f}" rx="3" '
                f'fill="#eef1f4" stroke="#52606d" stroke-width="0.6"/>'
                f'<text x="{x + cw / 2:.1f}" y="{y + size + 3:.1f}" font-size="{size:.1f}" '
                f'text-anchor="middle">{escape(shape.text_frame.paragraphs[0].text)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)


LIBERATION = Path("/usr/share/fonts/truetype/liberation")


def text_overflows(prs) -> list[str]:
    """Cards whose text, measured in Liberation Sans (Arial's metrics), leaves the box.

    Every line's width at its runs' sizes against the box's width inside its margins, and the
    lines' height (1.17 em each: Arial's line spacing) against its height.
    """
    from PIL import ImageFont

    from orgeditor.export.pptx_preview import paragraph_lines

    fonts: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}

    def font(bold: bool, italic: bool, size: float) -> ImageFont.FreeTypeFont:
        face = "BoldItalic" if bold and italic else "Bold" if bold else "Italic" if italic else ""
        key = (face or "Regular", round(size * 10))
        if key not in fonts:
            path = LIBERATION / f"LiberationSans-{key[0]}.ttf"
            fonts[key] = ImageFont.truetype(str(path), size=max(1, key[1]))
        return fonts[key]

    bad: list[str] = []
    for n, slide in enumerate(list(prs.slides)[1:], 2):
        for shape in slide.shapes:
            if not shape.name.startswith("Card: "):
                continue
            tf = shape.text_frame
            inner_w = (shape.width - tf.margin_left - tf.margin_right) / 12700
            inner_h = (shape.height - tf.margin_top - tf.margin_bottom) / 12700
            height = 0.0
            for para in tf.paragraphs:
                lines = paragraph_lines(para)
                for line in lines:
                    width = sum(
                        font(bool(r.font.bold), bool(r.font.italic), r.font.size.pt).getlength(
                            r.text
                        )
                        / 10
                        for r in line
                    )
                    height += max((r.font.size.pt for r in line), default=0) * 1.17
                    if width > inner_w:
                        bad.append(f"slide {n} {shape.name}: {width:.1f} > {inner_w:.1f} pt wide")
            if height > inner_h:
                bad.append(f"slide {n} {shape.name}: {height:.1f} > {inner_h:.1f} pt high")
    return bad


def stops_in_time(args: list[str], out: Path, limit: str) -> None:
    """``orgeditor ARGS --timeout LIMIT`` stops: one line naming the limit, exit status 2,
    nothing written (not ``out``, nothing else beside it), well before the work would end."""
    import time

    from export_helpers import run_cli

    before = sorted(out.parent.iterdir())
    started = time.perf_counter()
    res = run_cli(*args, "--timeout", limit)
    assert (res.returncode, res.stderr.count("\n")) == (2, 1), res.stderr
    assert f"longer than --timeout {limit} s" in res.stderr
    assert sorted(out.parent.iterdir()) == before and not out.exists()
    assert time.perf_counter() - started < float(limit) + 10  # start-up and load
