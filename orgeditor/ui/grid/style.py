"""Fonts, pens and colours of the grid's items, made once, and the small helpers they share.

The :func:`style` is created on first use (after the ``QApplication`` exists); the metrics
helpers tell the scene how wide names and headers are at each level of detail.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from orgeditor import theme
from orgeditor.ui.grid.density import CHIPS, FULL, NAMES, Density

__all__ = [
    "finding_dot",
    "header_margin",
    "header_metrics",
    "level_of_detail",
    "name_margin",
    "name_metrics",
    "style",
    "title_lines",
    "title_width",
]

_SEVERITY_COLOUR = {"error": theme.ERROR, "warning": theme.WARNING, "info": "#3b82c4"}


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
        #: a photo placeholder's initials (pixel size set to the circle's)
        self.initials = QFont(self.name)
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


def level_of_detail(painter: QPainter) -> float:
    """The level of detail the painter draws at (1.0 at 100 % zoom)."""
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


def finding_dot(painter: QPainter, x: float, y: float, severity: str, r: float = 4.0) -> None:
    """The coloured dot of a finding's severity (a card's or a header's corner)."""
    painter.setPen(QPen(QColor("#ffffff"), 1.2))
    painter.setBrush(style().colour(_SEVERITY_COLOUR.get(severity, theme.WARNING)))
    painter.drawEllipse(QPointF(x, y), r, r)
