"""Painting the Changes dock's marks on the grid: a tag on a changed card, the people who left
a cell, ``+N / -N`` on a header. Called by :mod:`orgeditor.ui.grid.items` for what
``MatrixScene.set_changes`` holds (see :mod:`orgeditor.ui.changes.dock`)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

__all__ = ["paint_change_frame", "paint_change_tag", "paint_ghosts", "paint_header_delta"]

_GHOST = QColor("#b23b3b")
_FONT: QFont | None = None


def _font() -> tuple[QFont, QFontMetricsF]:
    global _FONT
    if _FONT is None:
        _FONT = QFont()
        _FONT.setPointSizeF(7.0)
        _FONT.setBold(True)
    return _FONT, QFontMetricsF(_FONT)


def paint_change_frame(painter: QPainter, rect: QRectF, colour: str, width: float = 2.4) -> None:
    """A thick frame in the change's colour (zoomed out: the name chips)."""
    painter.save()
    painter.setPen(QPen(QColor(colour), width))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = width / 2
    painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), 4, 4)
    painter.restore()


def paint_change_tag(painter: QPainter, rect: QRectF, label: str, colour: str) -> None:
    """A thick frame in the change's colour and its label on the card's bottom edge (clear of
    the share and title)."""
    paint_change_frame(painter, rect, colour)
    painter.save()
    c = QColor(colour)
    font, fm = _font()
    w = fm.horizontalAdvance(label) + 8
    box = QRectF(rect.right() - w - 6, rect.bottom() - 6, w, 12)  # on the bottom edge
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(c)
    painter.drawRoundedRect(box, 6, 6)
    painter.setPen(QColor("#ffffff"))
    painter.setFont(font)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
    painter.restore()


def paint_ghosts(painter: QPainter, names: list[str], x: float, baseline: float) -> None:
    """``✖ 2 left: Ada Park, Bo Chen`` after a cell's headcount (on its first line)."""
    text = f"\u2716 {len(names)} left: " + ", ".join(" ".join(n.split()) for n in names[:3])
    if len(names) > 3:
        text += f" +{len(names) - 3}"
    painter.save()
    painter.setPen(_GHOST)
    font, _fm = _font()
    painter.setFont(font)
    painter.drawText(QPointF(x + 10, baseline), text)
    painter.restore()


def paint_header_delta(painter: QPainter, rect: QRectF, text: str) -> None:
    """``+3 / -1`` at a header's bottom right."""
    painter.save()
    font, fm = _font()
    painter.setFont(font)
    painter.setPen(QColor("#1f5fa8"))
    w = fm.horizontalAdvance(text) + 6
    painter.drawText(
        QRectF(rect.right() - w - 6, rect.bottom() - 16, w, 14),
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        text,
    )
    painter.restore()
