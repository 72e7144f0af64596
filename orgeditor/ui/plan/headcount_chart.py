"""A headcount-over-time chart drawn with QPainter: people and open positions per period.

The figures come from :func:`orgeditor.model.hiring.timeline` (the org as of each period's
last day); the widget only draws them: stacked bars (people, then open positions on top),
the period labels below and the largest value on the axis. Colours and a hatch on the open
part keep the two apart in a grey-scale printout.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["HeadcountChart"]

PEOPLE = QColor("#4a78b5")
OPEN = QColor("#e0a030")


class HeadcountChart(QWidget):
    """Bars of people (and open positions) per period; :meth:`set_rows` gives the data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headcountChart")
        self.rows: list[dict[str, Any]] = []
        self.setMinimumHeight(140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(320, 180)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """``[{"period", "people", "open_positions", ...}, ...]`` in time order."""
        self.rows = list(rows)
        self.setToolTip(
            "\n".join(
                f"{r['period']}: {r['people']} people, {r['open_positions']} open" for r in rows
            )
        )
        self.update()

    def bars(self) -> list[tuple[QRectF, QRectF]]:
        """The people and open-position rectangle of each period, in widget coordinates."""
        if not self.rows:
            return []
        left, top, bottom = 36.0, 18.0, 22.0
        w, h = self.width() - left - 8, self.height() - top - bottom
        most = max((r["people"] + r["open_positions"]) for r in self.rows) or 1
        slot = w / len(self.rows)
        out = []
        for i, r in enumerate(self.rows):
            x = left + i * slot + slot * 0.15
            bw = max(1.0, slot * 0.7)
            ph = h * r["people"] / most
            oh = h * r["open_positions"] / most
            base = top + h
            out.append((QRectF(x, base - ph, bw, ph), QRectF(x, base - ph - oh, bw, oh)))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        text = self.palette().text().color()
        if not self.rows:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No periods to show")
            p.end()
            return
        most = max((r["people"] + r["open_positions"]) for r in self.rows)
        p.setPen(text)
        p.drawText(QRectF(0, 2, 34, 14), Qt.AlignmentFlag.AlignRight, str(most))
        p.drawText(
            QRectF(40, 2, self.width() - 40, 14),
            Qt.AlignmentFlag.AlignLeft,
            "People (blue), open positions (hatched)",
        )
        bars = self.bars()
        step = max(1, len(bars) // 8)
        for i, ((people, open_), r) in enumerate(zip(bars, self.rows, strict=True)):
            p.fillRect(people, PEOPLE)
            if open_.height() > 0:
                p.fillRect(open_, OPEN)
                p.fillRect(open_, QBrush(QColor("#5a3a00"), Qt.BrushStyle.BDiagPattern))
            if i % step == 0:
                p.setPen(QPen(text))
                label = QRectF(people.center().x() - 40, self.height() - 20, 80, 16)
                p.drawText(label, Qt.AlignmentFlag.AlignCenter, str(r["period"]))
        p.end()
