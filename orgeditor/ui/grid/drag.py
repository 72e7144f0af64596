"""Dragging cards and headers from the grid, and dropping on it (a mixin of MatrixView).

A drag carries the MIME data of :mod:`orgeditor.ui.grid.dnd`; while it moves over the view,
:func:`~orgeditor.ui.grid.dnd.plan_drop` decides what a drop would do, the target is outlined
and the status bar says it, or the cursor shows "forbidden". Near an edge of the view the
canvas scrolls, so a card can be carried anywhere in a large matrix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPixmap,
)

from orgeditor.model.org import Cell
from orgeditor.ui.grid import dnd

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QGraphicsView

    from orgeditor.document import Document
    from orgeditor.ui.grid.layout import Hit
    from orgeditor.ui.grid.scene import MatrixScene
    from orgeditor.ui.selection import Selection

    _Base = QGraphicsView
else:
    _Base = object

__all__ = ["DragDropMixin"]

#: distance from the view's edge (px) at which a drag scrolls the canvas
EDGE = 28


class DragDropMixin(_Base):
    """Drag sources and drop handling for :class:`~orgeditor.ui.grid.view.MatrixView`."""

    if TYPE_CHECKING:  # provided by MatrixView
        matrix: MatrixScene
        selection: Selection
        statusMessage: SignalInstance
        _cell_of: dict[str, Cell]

        @property
        def document(self) -> Document: ...
        def run(self, action: Any, *args: Any, **kwargs: Any) -> bool: ...
        def hit_at(self, view_pos: QPoint) -> Hit: ...

    _scroll_timer: QTimer | None = None
    _drag_pos: QPoint | None = None

    def _autoscroll(self) -> None:
        pos = self._drag_pos
        if pos is None:
            return
        vp = self.viewport().rect()
        dx = -20 if pos.x() < EDGE else 20 if pos.x() > vp.width() - EDGE else 0
        dy = -20 if pos.y() < EDGE else 20 if pos.y() > vp.height() - EDGE else 0
        if dx:
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        if dy:
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)

    def _track_drag(self, pos: QPoint | None) -> None:
        self._drag_pos = pos
        if self._scroll_timer is None:
            self._scroll_timer = QTimer(self)
            self._scroll_timer.setInterval(40)
            self._scroll_timer.timeout.connect(self._autoscroll)
        if pos is None:
            self._scroll_timer.stop()
        elif not self._scroll_timer.isActive():
            self._scroll_timer.start()

    def drag_items(self, pid: str, cell: Cell) -> list[tuple[str, Cell]]:
        """(person, from cell) for a drag that starts on ``pid``'s card in ``cell``."""
        org = self.document.org
        items = [(pid, cell)]
        for p in self.selection.people:
            if p != pid and p in org.people:
                c = self._cell_of.get(p)
                if c is None or p not in org.cell_ids(*c):
                    c = org.cells_of(p)[0]
                items.append((p, c))
        return items

    def start_people_drag(self, pid: str, cell: Cell) -> None:
        items = self.drag_items(pid, cell)
        drag = QDrag(self)
        drag.setMimeData(dnd.encode_people(items))
        drag.setPixmap(self._drag_pixmap(items))
        drag.exec(Qt.DropAction.MoveAction | Qt.DropAction.CopyAction, Qt.DropAction.MoveAction)

    def start_header_drag(self, kind: str, id: str) -> None:
        drag = QDrag(self)
        drag.setMimeData(dnd.encode_header(kind, id))
        drag.exec(Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)

    def _drag_pixmap(self, items: list[tuple[str, Cell]]) -> QPixmap:
        org = self.document.org
        first = org.people[items[0][0]].display_name
        text = first if len(items) == 1 else f"{first} + {len(items) - 1} more"
        fm = self.fontMetrics()
        ratio = self.devicePixelRatioF()
        w, h = fm.horizontalAdvance(text) + 24, fm.height() + 14
        pix = QPixmap(int(w * ratio), int(h * ratio))
        pix.setDevicePixelRatio(ratio)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor("#2563c9"))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRoundedRect(QRectF(0, 0, w, h), 8, 8)
        p.setPen(QColor("#ffffff"))
        p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter, text)
        p.end()
        return pix

    def _plan(self, event: QDropEvent) -> dnd.DropPlan | None:
        if self.document.read_only:
            return None  # nothing drops on a read-only document: the cursor says so
        pos = self.mapToScene(event.position().toPoint())
        hit = self.hit_at(event.position().toPoint())
        copy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        return dnd.plan_drop(
            self.document, self.matrix.layout, event.mimeData(), hit, (pos.x(), pos.y()), copy
        )

    def _drag_over(self, event: QDragMoveEvent) -> None:
        plan = self._plan(event)
        marker = self.matrix.drop_marker
        if plan is None:
            marker.setVisible(False)
            event.ignore()
            return
        marker.setRect(QRectF(*plan.marker))
        marker.setVisible(True)
        copy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        event.setDropAction(Qt.DropAction.CopyAction if copy else Qt.DropAction.MoveAction)
        event.accept()
        self.statusMessage.emit(plan.status)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        md = event.mimeData()
        if md.hasFormat(dnd.PEOPLE_MIME) or md.hasFormat(dnd.HEADER_MIME):
            event.accept()
            self._drag_over(event)
            if not event.isAccepted():
                event.accept()  # keep receiving moves; the cursor shows "forbidden"
                event.setDropAction(Qt.DropAction.IgnoreAction)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._track_drag(event.position().toPoint())
        self._drag_over(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._track_drag(None)
        self.matrix.drop_marker.setVisible(False)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._track_drag(None)
        self.matrix.drop_marker.setVisible(False)
        plan = self._plan(event)
        if plan is None:
            event.ignore()
            return
        notes: list[object] = []
        if self.run(lambda: notes.append(plan.run())):
            copy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            event.setDropAction(Qt.DropAction.CopyAction if copy else Qt.DropAction.MoveAction)
            event.accept()
            note = notes[0] if notes and notes[0] else ""
            self.statusMessage.emit(
                f"{self.document.undo_label}; {note}" if note else self.document.undo_label
            )
        else:
            event.ignore()
