"""People's photos on the grid's cards (View > Show Photos): decoded once, cached as pixmaps.

A photo is kept in the person's ``photo`` field as a JPEG ``data:`` URI
(:mod:`orgeditor.io.hr.photos`); a link is never fetched. :class:`PhotoCache` decodes a
person's photo the first time a card shows it and keeps it as a round :class:`QPixmap` of
the size the card is painted at on the device (zoom times the screen's pixel ratio, rounded
up to a step of :data:`STEP` pixels). An entry remembers the field's text: a new photo (an
edit, an undo or a redo) is decoded again, and so is a photo wanted at another size (a zoom
step; a 96-pixel JPEG takes some tens of microseconds), so no decoded image is kept besides.
The cache holds at most :data:`LIMIT` people (the least recently painted go first), so a
100,000-person org costs no more than the cards on screen.

People without a photo (or with a link) get a neutral placeholder: their initials on grey.
"""

from __future__ import annotations

import math
from collections import OrderedDict

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QBrush, QImage, QPainter, QPen, QPixmap

from orgeditor import theme
from orgeditor.io.hr.photos import photo_bytes
from orgeditor.model.entities import Person
from orgeditor.ui.grid.style import style

__all__ = ["LIMIT", "STEP", "PhotoCache", "device_px", "initials", "paint_photo"]

#: the most people whose pixmaps are kept
LIMIT = 2048
#: device sizes are rounded up to a multiple of this many pixels (fewer rescales on zoom)
STEP = 4
_MAX_PX = 256
_PLACEHOLDER = "#dfe4ea"


def initials(name: str) -> str:
    """The initials a placeholder shows: the first letters of the first and last words.

    >>> initials("Ada Lovelace-Park"), initials("  maya "), initials("")
    ('AL', 'M', '')
    """
    words = [w for w in name.split() if w[:1].isalnum()]
    if not words:
        return ""
    first, last = words[0][0], words[-1][0] if len(words) > 1 else ""
    return (first + last).upper()


class PhotoCache:
    """person id -> (photo text, device size, round pixmap or None for no drawable photo)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._entries: OrderedDict[str, tuple[str, int, QPixmap | None]] = OrderedDict()
        #: how many photos were decoded (tests check that a repaint decodes nothing)
        self.decoded = 0

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def pixmap(self, person: Person, px: int) -> QPixmap | None:
        """The person's photo as a round pixmap ``px`` device pixels wide, or None."""
        text = person.fields.get("photo", "")
        entries = self._entries
        found = entries.get(person.id)
        if found is not None and found[0] == text and (found[2] is None or found[1] == px):
            entries.move_to_end(person.id)
            return found[2]
        pixmap = self._make(text, px)
        entries[person.id] = (text, px, pixmap)
        entries.move_to_end(person.id)
        while len(entries) > self.limit:
            entries.popitem(last=False)
        return pixmap

    def _make(self, text: str, px: int) -> QPixmap | None:
        data = photo_bytes(text) if text else None
        if data is None:
            return None
        image = QImage()
        self.decoded += 1
        if not image.loadFromData(QByteArray(data), "JPEG") or image.isNull():
            return None
        scaled = image.scaled(
            px,
            px,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        out = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
        out.fill(Qt.GlobalColor.transparent)
        painter = QPainter(out)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(scaled))  # a brush of the photo: the circle's edge is smooth
        painter.drawEllipse(QRectF(0, 0, px, px))
        painter.end()
        return QPixmap.fromImage(out)


def device_px(painter: QPainter, side: float, lod: float) -> int:
    """How many device pixels a ``side`` wide photo covers at level of detail ``lod``."""
    device = painter.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    px = math.ceil(side * lod * ratio / STEP) * STEP
    return max(STEP * 2, min(_MAX_PX, px))


def paint_photo(
    painter: QPainter, cache: PhotoCache, person: Person, rect: QRectF, lod: float
) -> None:
    """The person's photo in the circle ``rect``, or the initials placeholder."""
    st = style()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pixmap = None if person.is_open else cache.pixmap(person, device_px(painter, rect.width(), lod))
    if pixmap is not None:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawPixmap(rect, pixmap, QRectF(pixmap.rect()))
        painter.setPen(QPen(st.colour(theme.GRID_LINE), 0.8))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect)
        return
    if person.is_open:  # an open position: an empty dashed circle
        painter.setPen(QPen(st.colour(theme.MUTED), 0.9, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        return
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(st.colour(_PLACEHOLDER))
    painter.drawEllipse(rect)
    text = initials(person.name)
    if text:
        font = st.initials
        font.setPixelSize(max(4, round(rect.height() * 0.4)))
        painter.setFont(font)
        painter.setPen(st.muted)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
