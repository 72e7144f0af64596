"""Sticky headers: team names along the top and pipeline names down the left of the view.

When the grid's own header row or column has scrolled away, the view paints a compact strip
in device pixels (readable at any zoom) over the canvas, and hit testing treats it as the
header it stands for: click to select, drag to reorder, drop people on a team's name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from orgeditor import theme
from orgeditor.ui.grid.layout import Hit

if TYPE_CHECKING:
    from orgeditor.ui.grid.view import MatrixView

__all__ = ["STRIP_H", "STRIP_W", "paint_strips", "strip_hit", "strips_shown"]

STRIP_H = 30
STRIP_W = 140


def strips_shown(view: MatrixView) -> tuple[bool, bool]:
    """(top strip, left strip): shown once the grid's own headers have scrolled away.

    The canvas then scrolls under the strips, as under the frozen panes of a spreadsheet.
    """
    lay = view.matrix.layout
    corner = view.mapFromScene(QPointF(lay.row_header_w, lay.col_header_h))
    return corner.y() < 4, corner.x() < 4


def strip_hit(view: MatrixView, pos: QPoint) -> Hit | None:
    """The header a view point falls on in a sticky strip, or ``None``."""
    top, left = strips_shown(view)
    lay = view.matrix.layout
    if top and pos.y() < STRIP_H:
        if left and pos.x() < STRIP_W:
            return Hit("corner")
        i = lay.column_at(view.mapToScene(pos).x())
        return Hit("column", team=lay.columns[i], column=i) if i >= 0 else Hit("outside")
    if left and pos.x() < STRIP_W:
        j = lay.row_at(view.mapToScene(pos).y())
        return Hit("row", pipeline=lay.rows[j], row=j) if j >= 0 else Hit("outside")
    return None


_fonts: tuple[QFont, QFontMetricsF] | None = None


def _font() -> tuple[QFont, QFontMetricsF]:
    global _fonts
    if _fonts is None:
        f = QFont()
        f.setPointSizeF(8.5)
        f.setWeight(QFont.Weight.DemiBold)
        _fonts = (f, QFontMetricsF(f))
    return _fonts


def paint_strips(view: MatrixView, painter: QPainter) -> None:
    """Paint the strips in viewport pixels (called from the view's ``drawForeground``)."""
    top, left = strips_shown(view)
    if not (top or left):
        return
    sc = view.matrix
    lay = sc.layout
    org = sc.org
    vp = view.viewport().rect()
    painter.save()
    painter.resetTransform()
    font, fm = _font()
    painter.setFont(font)
    white = QColor("#ffffff")
    ink = QColor(theme.INK)
    line = QPen(QColor(theme.GRID_LINE), 1)
    selected = sc.current_entity
    scene_rect = view.mapToScene(vp).boundingRect()
    cols, rows = lay.visible_range(
        (scene_rect.x(), scene_rect.y(), scene_rect.width(), scene_rect.height())
    )
    zoom = view.zoom
    if top:
        painter.fillRect(QRectF(0, 0, vp.width(), STRIP_H), white)
        x0 = view.mapFromScene(QPointF(0, 0)).x()
        for i in cols:
            team = lay.columns[i]
            x = x0 + lay.col_x[i] * zoom
            w = lay.col_w[i] * zoom
            t = org.teams.get(team) if team is not None else None
            accent = QColor(theme.kind_colour(t.kind if t else None).accent)
            painter.fillRect(QRectF(x, 0, max(w - 1, 1), 4), accent)
            if selected == ("team", team) and team is not None:
                painter.fillRect(QRectF(x, 4, w, STRIP_H - 4), QColor("#e3ecfa"))
            if w > 36:
                painter.setPen(ink)
                name = t.name if t else "No team"
                text = fm.elidedText(name, Qt.TextElideMode.ElideRight, w - 12)
                painter.drawText(
                    QRectF(x + 6, 4, w - 12, STRIP_H - 4), Qt.AlignmentFlag.AlignVCenter, text
                )
                painter.setPen(line)
                painter.drawLine(QPointF(x + w - 0.5, 4), QPointF(x + w - 0.5, STRIP_H))
        painter.setPen(line)
        painter.drawLine(QPointF(0, STRIP_H - 0.5), QPointF(vp.width(), STRIP_H - 0.5))
    if left:
        y_start = STRIP_H if top else 0
        painter.fillRect(QRectF(0, y_start, STRIP_W, vp.height()), white)
        y0 = view.mapFromScene(QPointF(0, 0)).y()
        for j in rows:
            pipe = lay.rows[j]
            y = y0 + lay.row_y[j] * zoom
            h = lay.row_h[j] * zoom
            if y + h < y_start:
                continue
            if selected == ("pipeline", pipe) and pipe is not None:
                painter.fillRect(QRectF(0, y, STRIP_W, h), QColor("#e3ecfa"))
            if h > 14:
                p = org.pipelines.get(pipe) if pipe is not None else None
                painter.setPen(ink)
                name = p.name if p else "No pipeline"
                text = fm.elidedText(name, Qt.TextElideMode.ElideRight, STRIP_W - 16)
                ty = max(y, y_start)
                painter.drawText(
                    QRectF(10, ty, STRIP_W - 16, min(h, 26)), Qt.AlignmentFlag.AlignVCenter, text
                )
            painter.setPen(line)
            painter.drawLine(QPointF(0, y + h - 0.5), QPointF(STRIP_W, y + h - 0.5))
        painter.setPen(line)
        painter.drawLine(QPointF(STRIP_W - 0.5, y_start), QPointF(STRIP_W - 0.5, vp.height()))
        if top:
            painter.fillRect(QRectF(0, 0, STRIP_W, STRIP_H), white)
            painter.drawLine(QPointF(0, STRIP_H - 0.5), QPointF(STRIP_W, STRIP_H - 0.5))
    painter.restore()
