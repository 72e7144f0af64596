"""Painting one card of the grid: its box, name, title, badges, share, marks and photo.

A full card (100 % zoom) shows name, title, role badges and the share of time on the
pipeline; a compact card (the names and chips levels of detail) shows the name alone, as
large as the card allows. With View > Show Photos, full and name-only cards show the
person's photo in a circle at their left (:mod:`orgeditor.ui.grid.photos`), or their
initials; chips and blocks stay as they are. What a card shows is read from the org and the
scene's view state at paint time: :class:`~orgeditor.ui.grid.items.CellItem` calls
:func:`paint_card` or :func:`paint_chip` for each card of its cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPen

from orgeditor import theme
from orgeditor.model.entities import Person, Role
from orgeditor.model.vocabulary import is_pm, track
from orgeditor.ui.changes.paint import paint_change_frame, paint_change_tag
from orgeditor.ui.grid.density import CHIPS, FULL, NAMES, Density
from orgeditor.ui.grid.photos import paint_photo
from orgeditor.ui.grid.style import finding_dot, style

if TYPE_CHECKING:
    from orgeditor.ui.grid.scene import MatrixScene

__all__ = ["card_frame", "paint_card", "paint_chip", "photo_rect", "photo_room", "role_badges"]

Cell = tuple[str | None, str | None]

#: (left inset, diameter, gap to the text) of a card's photo at a level of detail
_PHOTO = {FULL.key: (8.0, 32.0, 6.0), NAMES.key: (5.0, 20.0, 5.0)}
#: where a card's text starts without a photo
_TEXT_LEFT = {FULL.key: 10.0, NAMES.key: 6.0, CHIPS.key: 5.0}
#: the badge a managing role shows (a PM's badge is read from the vocabulary)
_ROLE_BADGES = {Role.MANAGER: "Manager", Role.DIRECTOR: "Director", Role.VP: "VP"}


def photo_room(density: Density) -> float:
    """How much further right a card's text starts when it shows a photo (0: no photos)."""
    spec = _PHOTO.get(density.key)
    if spec is None:
        return 0.0
    left, side, gap = spec
    return left + side + gap - _TEXT_LEFT[density.key]


def photo_rect(rect: QRectF, density: Density) -> QRectF | None:
    """The circle of a card's photo (``rect``: the card), or None at a level without photos."""
    spec = _PHOTO.get(density.key)
    if spec is None:
        return None
    left, side, _gap = spec
    return QRectF(rect.x() + left, rect.y() + (rect.height() - side) / 2, side, side)


def role_badges(person: Person, is_tech_lead: bool) -> list[str]:
    """Short badges for a card: role (Manager, Director, VP), PM, Principal, Staff, TL.

    PM-ness and the track are read by :mod:`orgeditor.model.vocabulary`, as the export's
    card and the rules read them: a "Group Product Manager" is a PM whatever their role."""
    out: list[str] = []
    label = _ROLE_BADGES.get(person.role)
    if label is not None:
        out.append(label)
    if is_pm(person):
        out.append("PM")
    tr = track(person)
    if tr == "principal":
        out.append("Principal")
    elif tr == "staff":
        out.append("Staff")
    if is_tech_lead:
        out.append("TL")
    return out


def card_frame(
    painter: QPainter,
    sc: MatrixScene,
    person: Person,
    rect: QRectF,
    cell: Cell,
    radius: float,
) -> str:
    """A card's box at any level of detail: fill (white, dashed for an open position),
    selection outline, the accent bar on the left, the dotted ring of the current card.
    Returns the accent colour (badges and shares take it too)."""
    st = style()
    fill, accent = sc.card_colours(person.id, cell[0])
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
    return accent


def _text_left(
    painter: QPainter, sc: MatrixScene, person: Person, rect: QRectF, d: Density, lod: float
) -> float:
    """Where the card's text starts; paints the photo first when photos are shown."""
    left = rect.x() + _TEXT_LEFT[d.key]
    circle = photo_rect(rect, d) if sc.show_photos else None
    if circle is None:
        return left
    paint_photo(painter, sc.photos, person, circle, lod)
    return left + photo_room(d)


def paint_chip(
    painter: QPainter,
    sc: MatrixScene,
    person: Person,
    rect: QRectF,
    cell: Cell,
    d: Density,
    lod: float,
) -> None:
    """A compact card: the name alone (no title, no badges), as large as the card allows."""
    st = style()
    pid = person.id
    is_open = person.role is Role.OPEN
    card_frame(painter, sc, person, rect, cell, 3.0 if d is CHIPS else 4.0)
    left = _text_left(painter, sc, person, rect, d, lod)
    font, fm = (st.chip_name, st.fm_chip_name) if d is CHIPS else (st.names_name, st.fm_names_name)
    if is_open:
        font = QFont(font)
        font.setItalic(True)
    painter.setFont(font)
    painter.setPen(st.muted if is_open else st.ink)
    name = person.name or ("Open position" if is_open else "(no name)")
    width = rect.right() - (2 if d is CHIPS else 3) - left
    painter.drawText(
        QRectF(left, rect.y(), width, rect.height()),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        fm.elidedText(name, Qt.TextElideMode.ElideRight, width),
    )
    severity = sc.findings.get(("person", pid))
    if severity:
        finding_dot(painter, rect.right() - 1.5, rect.y() + 1.5, severity, 2.5)
    if pid in sc.change_marks:
        paint_change_frame(painter, rect, sc.change_marks[pid][1], 1.8)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)


def paint_card(
    painter: QPainter,
    sc: MatrixScene,
    person: Person,
    rect: QRectF,
    cell: Cell,
    lod: float,
) -> None:
    """A full card: name, title, role badges, share of time, finding dot, change tag."""
    st = style()
    pid = person.id
    team, pipeline = cell
    is_open = person.role is Role.OPEN
    accent = card_frame(painter, sc, person, rect, cell, 5.0)
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
    left = _text_left(painter, sc, person, rect, FULL, lod)
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
        finding_dot(painter, rect.right() - 2, rect.y() + 2, severity)
    if pid in sc.change_marks:
        paint_change_tag(painter, rect, *sc.change_marks[pid])
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
