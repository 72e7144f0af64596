"""Graphics items of the matrix: cells of cards, headers, the overview.

Items keep ids only (a cell key, a team or pipeline id); everything they show is read from the
org at paint time through their :class:`~orgeditor.ui.grid.scene.MatrixScene`, together with
the view's state (colour mode, selection, findings, photos). There is one :class:`CellItem`
per occupied cell, not one item per card, so that a 20,000-person org stays light; a card is
a slot in its cell (see :mod:`orgeditor.ui.grid.layout`), painted by
:mod:`orgeditor.ui.grid.cards`. Fonts and colours are in :mod:`orgeditor.ui.grid.style`.

Level of detail: from about 40 % zoom down, a card is a coloured block; far out, the cells and
headers are hidden and one :class:`OverviewItem` paints every card as a block in a few calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from orgeditor import theme
from orgeditor.model.entities import team_kind_label
from orgeditor.ui.changes.paint import paint_ghosts, paint_header_delta
from orgeditor.ui.grid.cards import paint_card, paint_chip, role_badges
from orgeditor.ui.grid.density import CHIPS, FULL, Density
from orgeditor.ui.grid.style import (
    finding_dot,
    header_margin,
    header_metrics,
    level_of_detail,
    name_margin,
    name_metrics,
    style,
    title_lines,
    title_width,
)

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
        lod = level_of_detail(painter)
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
                paint_card(painter, sc, org.people[pid], rect, self.cell, lod)
            else:
                paint_chip(painter, sc, org.people[pid], rect, self.cell, d, lod)


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
            finding_dot(painter, rect.right() - 7, rect.y() + 38, severity, 3.5)
        elif severity:
            finding_dot(painter, rect.right() - 12, rect.y() + 16, severity, 5.0)
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
        lod = level_of_detail(painter)
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
        lod = level_of_detail(painter)
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
