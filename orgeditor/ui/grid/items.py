"""Graphics items of the matrix, painted by hand: cells of cards, headers, the overview.

Items keep ids only (a cell key, a team or pipeline id); everything they show is read from the
org at paint time through their :class:`~orgeditor.ui.grid.scene.MatrixScene`, together with
the view's state (colour mode, selection, findings). There is one :class:`CellItem` per
occupied cell, not one item per card, so that a 20,000-person org stays light; a card is a
slot in its cell (see :mod:`orgeditor.ui.grid.layout`).

Level of detail: from about 40 % zoom down, a card is a coloured block; far out, the cells and
headers are hidden and one :class:`OverviewItem` paints every card as a block in a few calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from orgeditor import theme
from orgeditor.model.entities import Person, Role, team_kind_label
from orgeditor.model.vocabulary import track
from orgeditor.ui.changes.paint import (
    paint_change_frame,
    paint_change_tag,
    paint_ghosts,
    paint_header_delta,
)
from orgeditor.ui.grid.layout import CHIPS, FULL, NAMES, Density

if TYPE_CHECKING:
    from orgeditor.ui.grid.scene import MatrixScene

__all__ = [
    "BLOCK_LOD",
    "CellItem",
    "ColumnHeaderItem",
    "OverviewItem",
    "RowHeaderItem",
    "header_margin",
    "header_metrics",
    "name_margin",
    "name_metrics",
    "role_badges",
    "title_lines",
    "title_width",
]

#: below this level of detail a full-size card is painted as a coloured block
BLOCK_LOD = 0.4
#: a card's name smaller than this on screen (pixels): the card is a coloured block
BLOCK_PX = FULL.name_px * BLOCK_LOD
#: below this level of detail headers show their name only, in type of a constant size
COMPACT_LOD = 0.7
#: below this zoom factor the overview replaces cells and headers
OVERVIEW_ZOOM = 0.12

_SEVERITY_COLOUR = {"error": theme.ERROR, "warning": theme.WARNING, "info": "#3b82c4"}
_SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


class _Style:
    """Fonts, pens and colours, created once (after the QApplication exists)."""

    def __init__(self) -> None:
        base = QFont()
        self.name = QFont(base)
        self.name.setPointSizeF(9.0)
        self.name.setWeight(QFont.Weight.DemiBold)
        self.open_name = QFont(self.name)
        self.open_name.setItalic(True)
        self.small = QFont(base)
        self.small.setPointSizeF(7.5)
        self.badge = QFont(base)
        self.badge.setPointSizeF(6.5)
        self.badge.setWeight(QFont.Weight.Bold)
        self.header = QFont(base)
        self.header.setPointSizeF(10.5)
        self.header.setWeight(QFont.Weight.DemiBold)
        self.fm_name = QFontMetricsF(self.name)
        self.fm_small = QFontMetricsF(self.small)
        self.fm_badge = QFontMetricsF(self.badge)
        self.fm_header = QFontMetricsF(self.header)
        # the compact levels of detail: fonts sized in scene pixels (see Density.name_px)
        self.names_name = QFont(self.name)
        self.names_name.setPixelSize(round(NAMES.name_px))
        # chips are condensed type (narrow columns: a 150-person matrix on one screen
        # with readable names); Qt stretches any face that has no condensed cut
        self.chip_name = QFont(self.name)
        self.chip_name.setPixelSize(round(CHIPS.name_px))
        self.chip_name.setStretch(QFont.Stretch.Condensed)
        self.names_header = QFont(self.header)
        self.names_header.setPixelSize(13)
        self.chip_header = QFont(self.header)
        self.chip_header.setPixelSize(round(CHIPS.name_px))
        self.chip_header.setStretch(QFont.Stretch.Condensed)
        self.chip_small = QFont(self.small)
        self.chip_small.setPixelSize(9)
        self.chip_small.setStretch(QFont.Stretch.Condensed)
        self.fm_names_name = QFontMetricsF(self.names_name)
        self.fm_chip_name = QFontMetricsF(self.chip_name)
        self.fm_names_header = QFontMetricsF(self.names_header)
        self.fm_chip_header = QFontMetricsF(self.chip_header)
        self.fm_chip_small = QFontMetricsF(self.chip_small)
        self.ink = QColor(theme.INK)
        self.muted = QColor(theme.MUTED)
        self.grid = QColor(theme.GRID_LINE)
        self.select = QColor("#2563c9")
        self.white = QColor("#ffffff")
        self._colours: dict[str, QColor] = {}

    def colour(self, hex_: str) -> QColor:
        c = self._colours.get(hex_)
        if c is None:
            c = self._colours[hex_] = QColor(hex_)
        return c


_style: _Style | None = None


def style() -> _Style:
    global _style
    if _style is None:
        _style = _Style()
    return _style


def header_metrics(density: Density) -> QFontMetricsF:
    """Metrics of the header titles' font at a level of detail."""
    st = style()
    if density is CHIPS:
        return st.fm_chip_header
    if density is NAMES:
        return st.fm_names_header
    return st.fm_header


def name_metrics(density: Density) -> QFontMetricsF:
    """Metrics of the cards' name font at a compact level of detail."""
    st = style()
    return st.fm_chip_name if density is CHIPS else st.fm_names_name


def header_margin(density: Density) -> float:
    """Room a header needs beside its title (padding, the findings dot)."""
    return 34.0 if density is FULL else 26.0 if density is NAMES else 15.0


def name_margin(density: Density) -> float:
    """Room a compact card needs beside its name (the accent bar, padding)."""
    return 8.0 if density is CHIPS else 10.0


def title_lines(density: Density, title: str, room: float | None = None) -> list[str]:
    """A header's title as painted at a compact level: name chips wrap it on two lines
    (unless it fits in ``room``), at the space that makes the wider line narrowest, so a
    column is as wide as its names or its title's longer half, not its whole title."""
    fm = header_metrics(density)
    if density is not CHIPS or " " not in title.strip():
        return [title]
    if room is not None and fm.horizontalAdvance(title) <= room:
        return [title]
    words = title.split()
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    a, b = min(splits, key=lambda ab: max(fm.horizontalAdvance(ab[0]), fm.horizontalAdvance(ab[1])))
    return [a, b]


def title_width(density: Density, title: str) -> float:
    """The width a header's title needs at a compact level (see :func:`title_lines`)."""
    fm = header_metrics(density)
    return max(fm.horizontalAdvance(line) for line in title_lines(density, title))


def role_badges(person: Person, is_tech_lead: bool) -> list[str]:
    """Short badges for a card: role (Manager, PM, Director, VP), TL, Principal, Staff."""
    out: list[str] = []
    role = person.role
    if role is Role.MANAGER:
        out.append("Manager")
    elif role is Role.PM:
        out.append("PM")
    elif role is Role.DIRECTOR:
        out.append("Director")
    elif role is Role.VP:
        out.append("VP")
    tr = track(person)
    if tr == "principal":
        out.append("Principal")
    elif tr == "staff":
        out.append("Staff")
    if is_tech_lead:
        out.append("TL")
    return out


def _lod(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


def _finding_dot(painter: QPainter, x: float, y: float, severity: str, r: float = 4.0) -> None:
    painter.setPen(QPen(QColor("#ffffff"), 1.2))
    painter.setBrush(style().colour(_SEVERITY_COLOUR.get(severity, theme.WARNING)))
    painter.drawEllipse(QPointF(x, y), r, r)


def _card_frame(
    painter: QPainter,
    sc: MatrixScene,
    person: Person,
    rect: QRectF,
    cell: tuple[str | None, str | None],
    fill: str,
    accent: str,
    radius: float,
) -> None:
    """A card's box at any level of detail: fill (white, dashed for an open position),
    selection outline, the accent bar on the left, the dotted ring of the current card."""
    st = style()
    full = radius >= 5.0
    is_open = person.role is Role.OPEN
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if is_open:
        pen = QPen(st.colour(accent), 1.2 if full else 1.0, Qt.PenStyle.DashLine)
        painter.setBrush(st.white)
    else:
        pen = QPen(st.colour(theme.GRID_LINE), 1.0)
        painter.setBrush(st.colour(fill))
    if person.id in sc.selected:
        pen = QPen(st.select, 2.0, pen.style())
    painter.setPen(pen)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    if not is_open:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(st.colour(accent))
        if full:
            bar = QRectF(rect.x() + 1, rect.y() + 4, 3.5, rect.height() - 8)
            painter.drawRoundedRect(bar, 1.5, 1.5)
        else:
            painter.drawRect(QRectF(rect.x() + 1, rect.y() + 2, 2.5, rect.height() - 4))
    if sc.current == (person.id, cell):
        ring = 3.0 if full else 2.0
        painter.setPen(QPen(st.select, 1.0, Qt.PenStyle.DotLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(
            rect.adjusted(-ring, -ring, ring, ring), radius + ring - 1, radius + ring - 1
        )


class CellItem(QGraphicsRectItem):
    """All the cards of one cell (team x pipeline) and its headcount."""

    def __init__(self, cell: tuple[str | None, str | None], parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.cell = cell
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        sc: MatrixScene = self.scene()  # type: ignore[assignment]
        org = sc.org
        team, pipeline = self.cell
        ids = org.cell_ids(team, pipeline)
        layout = sc.layout
        d = layout.density
        lod = _lod(painter)
        st = style()
        if lod * d.name_px < BLOCK_PX:
            painter.setPen(Qt.PenStyle.NoPen)
            for i, pid in enumerate(ids):
                dx, dy = layout.card_offset(team, i)
                accent = sc.card_colours(pid, team)[1]
                colour = st.select if pid in sc.selected else st.colour(accent)
                painter.fillRect(QRectF(dx, dy, layout.card_width(team), d.card_h), colour)
            return
        exposed = option.exposedRect
        # headcount and full-time equivalents
        painter.setFont(st.small if d is not CHIPS else st.chip_small)
        painter.setPen(st.muted)
        total = (
            sum(org.share(p, team, pipeline) or 100 for p in ids) if pipeline else 100 * len(ids)
        )
        text = f"{len(ids)}"
        if pipeline is not None and total != 100 * len(ids):
            text += f"  ·  {total / 100:.1f} FTE"
        baseline = d.cell_top - (7 if d is FULL else 4)
        painter.drawText(QPointF(d.pad, baseline), text)
        if self.cell in sc.ghosts:  # people who left this cell (the Changes dock)
            x = d.pad + painter.fontMetrics().horizontalAdvance(text)
            paint_ghosts(painter, sc.ghosts[self.cell], x, baseline)
        for i, pid in enumerate(ids):
            dx, dy = layout.card_offset(team, i)
            rect = QRectF(dx, dy, layout.card_width(team), d.card_h)
            if not rect.intersects(exposed):
                continue
            if d is FULL:
                self._paint_card(painter, sc, org.people[pid], rect, team, pipeline)
            else:
                self._paint_chip(painter, sc, org.people[pid], rect, self.cell, d)

    def _paint_chip(
        self,
        painter: QPainter,
        sc: MatrixScene,
        person: Person,
        rect: QRectF,
        cell: tuple[str | None, str | None],
        d: Density,
    ) -> None:
        """A compact card: the name alone (no title, no badges), as large as the card allows."""
        st = style()
        pid = person.id
        team = cell[0]
        fill, accent = sc.card_colours(pid, team)
        is_open = person.role is Role.OPEN
        radius = 3.0 if d is CHIPS else 4.0
        _card_frame(painter, sc, person, rect, cell, fill, accent, radius)
        font, fm = (
            (st.chip_name, st.fm_chip_name) if d is CHIPS else (st.names_name, st.fm_names_name)
        )
        if is_open:
            font = QFont(font)
            font.setItalic(True)
        painter.setFont(font)
        painter.setPen(st.muted if is_open else st.ink)
        name = person.name or ("Open position" if is_open else "(no name)")
        left = rect.x() + (5 if d is CHIPS else 6)
        width = rect.right() - (2 if d is CHIPS else 3) - left
        painter.drawText(
            QRectF(left, rect.y(), width, rect.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(name, Qt.TextElideMode.ElideRight, width),
        )
        severity = sc.findings.get(("person", pid))
        if severity:
            _finding_dot(painter, rect.right() - 1.5, rect.y() + 1.5, severity, 2.5)
        if pid in sc.change_marks:
            paint_change_frame(painter, rect, sc.change_marks[pid][1], 1.8)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _paint_card(
        self,
        painter: QPainter,
        sc: MatrixScene,
        person: Person,
        rect: QRectF,
        team: str | None,
        pipeline: str | None,
    ) -> None:
        st = style()
        pid = person.id
        fill, accent = sc.card_colours(pid, team)
        is_open = person.role is Role.OPEN
        _card_frame(painter, sc, person, rect, (team, pipeline), fill, accent, 5.0)
        # badges, right-aligned on the first line
        badges = role_badges(person, pid in sc.tech_leads)
        right = rect.right() - 6
        painter.setFont(st.badge)
        for b in reversed(badges[-2:]):
            w = st.fm_badge.horizontalAdvance(b) + 8
            box = QRectF(right - w, rect.y() + 5, w, 13)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(st.colour(theme.INK if b == "TL" else accent))
            painter.drawRoundedRect(box, 6.5, 6.5)
            painter.setPen(st.white)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, b)
            right -= w + 3
        # name and title
        left = rect.x() + 10
        painter.setPen(st.muted if is_open else st.ink)
        painter.setFont(st.open_name if is_open else st.name)
        name = person.name or ("Open position" if is_open else "(no name)")
        name = st.fm_name.elidedText(name, Qt.TextElideMode.ElideRight, right - left - 2)
        painter.drawText(QPointF(left, rect.y() + 17), name)
        painter.setFont(st.small)
        painter.setPen(st.muted)
        share = sc.org.share(pid, team, pipeline) if pipeline is not None else None
        tail = f"{share}%" if share is not None and share < 100 else ""
        avail = rect.right() - 8 - left - (st.fm_small.horizontalAdvance(tail) + 6 if tail else 0)
        title = st.fm_small.elidedText(person.title, Qt.TextElideMode.ElideRight, avail)
        painter.drawText(QPointF(left, rect.y() + 35), title)
        if tail:
            painter.setPen(st.colour(accent))
            painter.drawText(
                QRectF(rect.x(), rect.y() + 24, rect.width() - 8, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                tail,
            )
        severity = sc.findings.get(("person", pid))
        if severity:
            _finding_dot(painter, rect.right() - 2, rect.y() + 2, severity)
        if pid in sc.change_marks:
            paint_change_tag(painter, rect, *sc.change_marks[pid])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)


class _HeaderItem(QGraphicsRectItem):
    kind = ""

    def __init__(self, key: str | None, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.key = key
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def _person_name(self, sc: MatrixScene, pid: str | None) -> str:
        if pid is None or pid not in sc.org.people:
            return ""
        return sc.org.people[pid].display_name

    def _lines(
        self, painter: QPainter, rect: QRectF, title: str, sub: str, lines: list[tuple[str, str]]
    ) -> None:
        st = style()
        w = rect.width() - 24
        painter.setFont(st.header)
        painter.setPen(st.ink)
        painter.drawText(
            QPointF(rect.x() + 12, rect.y() + 22),
            st.fm_header.elidedText(title, Qt.TextElideMode.ElideRight, w - 40),
        )
        painter.setFont(st.small)
        y = rect.y() + 38
        if sub:
            painter.setPen(st.muted)
            painter.drawText(
                QPointF(rect.x() + 12, y),
                st.fm_small.elidedText(sub, Qt.TextElideMode.ElideRight, w),
            )
            y += 14
        for label, value in lines:
            painter.setPen(st.colour(theme.ERROR) if value.startswith("No ") else st.muted)
            painter.drawText(
                QPointF(rect.x() + 12, y),
                st.fm_small.elidedText(f"{label} {value}", Qt.TextElideMode.ElideRight, w),
            )
            y += 14

    def _compact(
        self, painter: QPainter, rect: QRectF, title: str, detail: tuple[str, str], lod: float
    ) -> None:
        """Zoomed out: the name (and one detail if there is room), in type of constant size."""
        st = style()
        scale = 1.0 / max(lod, 0.05)
        painter.save()
        painter.translate(rect.x(), rect.y())
        painter.scale(scale, scale)
        w = rect.width() / scale - 12
        if w > 20:
            painter.setFont(st.header)
            painter.setPen(st.ink)
            painter.drawText(
                QRectF(8, 8, w, 20),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                st.fm_header.elidedText(title, Qt.TextElideMode.ElideRight, w),
            )
            if rect.height() / scale >= 46 and detail[1]:
                label, value = detail
                painter.setFont(st.small)
                painter.setPen(st.colour(theme.ERROR) if value.startswith("No ") else st.muted)
                painter.drawText(
                    QRectF(8, 28, w, 14),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    st.fm_small.elidedText(f"{label} {value}", Qt.TextElideMode.ElideRight, w),
                )
        painter.restore()

    def _dense(self, painter: QPainter, rect: QRectF, title: str, detail: str, d: Density) -> None:
        """A compact level of detail: the whole name (the layout made room), one detail."""
        st = style()
        font, fm = (
            (st.chip_header, st.fm_chip_header)
            if d is CHIPS
            else (st.names_header, st.fm_names_header)
        )
        painter.setFont(font)
        painter.setPen(st.ink)
        left = 8 if d is not CHIPS else 5
        w = rect.width() - left - 6
        line = fm.height() + 1
        y = rect.y() + 3
        for text in title_lines(d, title, w):
            painter.drawText(
                QRectF(rect.x() + left, y, w, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(text, Qt.TextElideMode.ElideRight, w),
            )
            y += line
        small, fms = (st.chip_small, st.fm_chip_small) if d is CHIPS else (st.small, st.fm_small)
        if detail and rect.bottom() >= y + fms.height():
            painter.setFont(small)
            painter.setPen(st.colour(theme.ERROR) if detail.startswith("No ") else st.muted)
            painter.drawText(
                QRectF(rect.x() + left, y, w, fms.height() + 1),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                fms.elidedText(detail, Qt.TextElideMode.ElideRight, w),
            )

    def _badge(self, painter: QPainter, sc: MatrixScene, rect: QRectF) -> None:
        if self.key is None:
            return
        severity = sc.findings.get((self.kind, self.key))
        if severity and sc.layout.density is CHIPS:
            # beside the headcount: the title may take the header's whole width
            _finding_dot(painter, rect.right() - 7, rect.y() + 38, severity, 3.5)
        elif severity:
            _finding_dot(painter, rect.right() - 12, rect.y() + 16, severity, 5.0)
        if (self.kind, self.key) in sc.header_deltas:
            paint_header_delta(painter, rect, sc.header_deltas[(self.kind, self.key)])

    def _frame(self, painter: QPainter, sc: MatrixScene, rect: QRectF) -> None:
        st = style()
        selected = sc.current_entity == (self.kind, self.key) and self.key is not None
        painter.fillRect(rect, st.colour("#eef3fb") if selected else st.white)
        painter.setPen(QPen(st.grid, 1.0))
        # the borders lie inside the header's own rectangle: on the shared edge, whichever
        # neighbour painted last would win, and after a reorder (items keep their creation
        # order) that left old borders and cut labels
        right, bottom = rect.right() - 0.5, rect.bottom() - 0.5
        painter.drawLine(QPointF(right, rect.top()), QPointF(right, bottom))
        painter.drawLine(QPointF(rect.left(), bottom), QPointF(right, bottom))
        if selected:
            painter.setPen(QPen(st.select, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))


class ColumnHeaderItem(_HeaderItem):
    """A team's header: kind colour bar, name, kind, manager, tech lead, headcount."""

    kind = "team"

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        sc: MatrixScene = self.scene()  # type: ignore[assignment]
        rect = self.rect()
        self._frame(painter, sc, rect)
        team = sc.org.teams.get(self.key) if self.key else None
        colour = theme.kind_colour(team.kind if team else None)
        painter.fillRect(
            QRectF(rect.x(), rect.y(), rect.width() - 1, 5), style().colour(colour.accent)
        )
        count = sc.column_headcount(self.key)  # the one definition: open positions apart
        people = count.text()
        if team is None:
            title, sub, lines = "No team", people, [("", people)]
        else:
            title = team.name
            sub = f"{team_kind_label(team.kind)}  ·  {people}"
            lines = [
                ("Manager:", self._person_name(sc, team.manager) or "No manager"),
                ("Tech lead:", self._person_name(sc, team.tech_lead) or "—"),
            ]
        lod = _lod(painter)
        d = sc.layout.density
        if d is not FULL and lod * d.name_px >= BLOCK_PX:
            short = f"{count.people:,}" + (
                f" + {count.open_positions:,} open" if count.open_positions else ""
            )
            self._dense(painter, rect.adjusted(0, 4, 0, 0), title, short, d)
        elif lod < COMPACT_LOD:
            self._compact(painter, rect.adjusted(0, 5, 0, 0), title, lines[0], lod)
        else:
            self._lines(painter, rect, title, sub, lines if team is not None else [])
        self._badge(painter, sc, rect)


class RowHeaderItem(_HeaderItem):
    """A pipeline's header: name, PM owner and tech lead."""

    kind = "pipeline"

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        sc: MatrixScene = self.scene()  # type: ignore[assignment]
        rect = self.rect()
        self._frame(painter, sc, rect)
        pipe = sc.org.pipelines.get(self.key) if self.key else None
        if pipe is None:
            title, sub, lines = "No pipeline", "people on no pipeline", [("", "")]
        else:
            title, sub = pipe.name, ""
            lines = [
                ("PM:", self._person_name(sc, pipe.owner) or "No PM owner"),
                ("Tech lead:", self._person_name(sc, pipe.tech_lead) or "—"),
            ]
        lod = _lod(painter)
        d = sc.layout.density
        if d is not FULL and lod * d.name_px >= BLOCK_PX:
            self._dense(painter, rect, title, lines[0][1], d)
        elif lod < COMPACT_LOD:
            self._compact(painter, rect, title, lines[0], lod)
        else:
            self._lines(painter, rect, title, sub, lines if pipe is not None else [])
        self._badge(painter, sc, rect)


class OverviewItem(QGraphicsItem):
    """The whole grid far zoomed out: every card a block, painted in one call per colour."""

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._bounds = QRectF()
        self._cache: list[tuple[QColor, list[QRectF]]] | None = None

    def invalidate(self) -> None:
        self._cache = None
        if self.isVisible():
            self.update()

    def set_bounds(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._bounds = rect

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _build(self, sc: MatrixScene) -> list[tuple[QColor, list[QRectF]]]:
        groups: dict[str, list[QRectF]] = {}
        layout = sc.layout
        org = sc.org
        selected = sc.selected
        d = layout.density
        hh = layout.col_header_h
        for cell in layout.counts:
            team = cell[0]
            x, y, _w, _h = layout.cell_rect(cell)
            for i, pid in enumerate(org.cell_ids(*cell)):
                dx, dy = layout.card_offset(team, i)
                accent = "#2563c9" if pid in selected else sc.card_colours(pid, team)[1]
                groups.setdefault(accent, []).append(
                    QRectF(x + dx, y + dy, layout.card_width(team), d.card_h)
                )
        for i, team in enumerate(layout.columns):
            t = org.teams.get(team) if team else None
            accent = theme.kind_colour(t.kind if t else None).accent
            x = layout.col_x[i]
            groups.setdefault(accent, []).append(QRectF(x + 2, hh / 3, layout.col_w[i] - 4, hh / 3))
        st = style()
        return [(st.colour(c), rects) for c, rects in groups.items()]

    def paint(self, painter: QPainter, option: Any, widget: QWidget | None = None) -> None:
        sc: MatrixScene = self.scene()  # type: ignore[assignment]
        if self._cache is None:
            self._cache = self._build(sc)
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, rects in self._cache:
            painter.setBrush(QBrush(colour))
            painter.drawRects(rects)
