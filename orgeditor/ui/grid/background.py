"""The grid behind the cards: row bands and the lines between columns and rows."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen

from orgeditor import theme
from orgeditor.ui.grid.layout import GridLayout

__all__ = ["paint_grid"]

#: the "No pipeline" row's band (the other rows are white)
FIRST_ROW = "#f1f4f8"


def paint_grid(painter: QPainter, lay: GridLayout, rect: QRectF) -> None:
    """Paint the rows and grid lines of ``lay`` that ``rect`` (scene coordinates) shows."""
    cols, rows = lay.visible_range((rect.x(), rect.y(), rect.width(), rect.height()))
    white = QColor("#ffffff")
    band = QColor(FIRST_ROW)
    x0 = max(rect.left(), lay.row_header_w)
    x1 = min(rect.right(), lay.width)
    for j in rows:
        y, h = lay.row_y[j], lay.row_h[j]
        painter.fillRect(QRectF(x0, y, x1 - x0, h), band if j == 0 else white)
    painter.setPen(QPen(QColor(theme.GRID_LINE), 0))
    y1 = min(rect.bottom(), lay.height)
    for i in cols:
        x = lay.col_x[i] + lay.col_w[i]
        painter.drawLine(QPointF(x, lay.col_header_h), QPointF(x, y1))
    for j in rows:
        y = lay.row_y[j] + lay.row_h[j]
        painter.drawLine(QPointF(x0, y), QPointF(x1, y))
