"""The matrix canvas: a QGraphicsView over :class:`~orgeditor.ui.grid.scene.MatrixScene`.

It turns mouse, keyboard and drag-and-drop input into one :class:`~orgeditor.document.Document`
call each (so every gesture is one undo step), keeps the shared
:class:`~orgeditor.ui.selection.Selection` in sync, zooms (Ctrl+wheel, pinch, fit, 100 %) and
switches the scene's level of detail. Hit testing uses the pure layout, not Qt items.

What a user can do on the grid:

- click a card to select it; Ctrl+click toggles, Shift+click adds; drag on empty space for a
  rubber band; click a team or pipeline header to select it; Escape clears;
- drag cards to another cell (move: team and pipeline), hold Ctrl to share time instead, or
  drop them on a team's header (team only); drag a header to reorder teams or pipelines;
  near an edge the canvas scrolls; an invalid target shows the forbidden cursor;
- arrow keys move between cards (Shift extends the selection), Alt+arrow moves the selected
  people to the neighbouring cell, Enter or F2 (or a double-click) renames in place, Delete
  deletes the selected people (or the selected team or pipeline), Home shows the top-left;
- right-click for the menus of cards, cells and headers; hover for a tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QMouseEvent,
    QPainter,
    QPixmapCache,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QGraphicsView, QToolTip, QWidget

from orgeditor import theme
from orgeditor.document import Document
from orgeditor.errors import UserError
from orgeditor.model.org import Cell
from orgeditor.model.rules.base import Finding
from orgeditor.model.summary import ChangeBatch
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.grid.deletion import delete_selection
from orgeditor.ui.grid.density import Density
from orgeditor.ui.grid.drag import DragDropMixin
from orgeditor.ui.grid.editor import InlineEditor, rename_entity, rename_person, start_rename
from orgeditor.ui.grid.items import OVERVIEW_ZOOM
from orgeditor.ui.grid.keys import KeyboardMixin
from orgeditor.ui.grid.layout import Hit
from orgeditor.ui.grid.scene import MatrixScene
from orgeditor.ui.grid.spotlight import Spotlight
from orgeditor.ui.grid.sticky import paint_strips, strip_hit
from orgeditor.ui.grid.tooltips import card_tooltip
from orgeditor.ui.grid.zoom import Choice, Zoom
from orgeditor.ui.selection import Selection

__all__ = ["MatrixView"]

PIXMAP_CACHE_KB = 96 * 1024
_SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


class MatrixView(DragDropMixin, KeyboardMixin, QGraphicsView):
    """The drag-and-drop grid of teams (columns) x pipelines (rows)."""

    zoomChanged = Signal(float)
    statusMessage = Signal(str)

    def __init__(
        self, bridge: DocumentBridge, selection: Selection, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.selection = selection
        # cells and headers cache their pixels; on a high-DPI screen a full view of them
        # needs more than Qt's default 10 MB pixmap cache
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self.matrix = MatrixScene(bridge, self)
        self.setScene(self.matrix)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.zooming = Zoom(lambda: self.matrix.layout)
        self._shown = False
        self._press: tuple[QPoint, Hit, str | None] | None = None
        self._band_base: list[str] = []
        self._cell_of: dict[str, Cell] = {}
        self._editor = InlineEditor(self.viewport())
        self.spotlight = Spotlight(self)
        bridge.changed.connect(self._on_changed)
        bridge.reset.connect(self._on_reset)
        selection.changed.connect(self._on_selection)
        selection.currentEntityChanged.connect(self._on_entity)
        self.rubberBandChanged.connect(self._on_band)
        self.matrix.set_selected(selection.people)

    # ------------------------------------------------------------ document
    @property
    def document(self) -> Document:
        return self.bridge.document

    def _on_changed(self, batch: ChangeBatch) -> None:
        self.matrix.apply_changes(batch.summary)
        self.selection.prune(self.document.org.people)
        self._prune_entity()

    def _prune_entity(self) -> None:
        """Forget a selected team or pipeline that no longer exists (deleted, undone)."""
        kind, id = self.selection.entity
        if kind in ("team", "pipeline") and not self.document.org.has(kind, id):
            self.selection.set_entity("", "")

    def _on_reset(self) -> None:
        self._editor.cancel()
        self._cell_of.clear()
        self.matrix.current = None
        self.matrix.rebuild()
        if self._shown:
            self.show_choice(self.zooming.reset())
            self.zoom_to_suit()
        self.scroll_home()
        self.selection.prune(self.document.org.people)
        self._prune_entity()
        self.matrix.set_selected(self.selection.people)

    def scroll_home(self) -> None:
        """Show the top-left corner: the first teams and pipelines."""
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.zoom_to_suit()
            self.scroll_home()

    # ----------------------------------------------------------------- zoom
    @property
    def zoom(self) -> float:
        return self.zooming.factor

    @property
    def density(self) -> Density:
        """The level of detail the grid shows."""
        return self.zooming.density

    def set_zoom(
        self, factor: float, anchor: QPointF | None = None, density: Density | None = None
    ) -> None:
        """Zoom to ``factor``; with ``density`` at that level of detail, else at the level
        semantic zoom picks (which may change the factor to keep the grid's size on screen).
        ``anchor`` (viewport point) stays over the same part of the grid."""
        self.show_choice(self.zooming.choose(factor, density), anchor)

    def show_choice(self, choice: Choice, anchor: QPointF | None = None) -> None:
        """Show a level of detail at a zoom factor (what :class:`Zoom` chose)."""
        density, factor = choice
        if density != self.matrix.layout.density:
            self._switch(density, factor, anchor)
        else:
            under = QGraphicsView.ViewportAnchor
            self.setTransformationAnchor(
                under.AnchorUnderMouse if anchor is not None else under.AnchorViewCenter
            )
            scale = factor / self.zooming.factor
            self.scale(scale, scale)
            self.setTransformationAnchor(under.AnchorUnderMouse)
        self.zooming.set(factor)
        self.matrix.show_overview(factor < OVERVIEW_ZOOM)
        self.zoomChanged.emit(factor)

    def _switch(self, density: Density, factor: float, anchor: QPointF | None) -> None:
        """Change the level of detail; the same part of the grid stays under ``anchor``."""
        vp = self.viewport().rect()
        at = anchor if anchor is not None else QPointF(vp.center())
        lay = self.matrix.layout
        before = self.mapToScene(at.toPoint())
        fx, fy = before.x() / max(lay.width, 1.0), before.y() / max(lay.height, 1.0)
        self.matrix.set_density(density)
        self.resetTransform()
        self.scale(factor, factor)
        # put the same grid point under ``at``: centre on the point that is as far from it
        # as the viewport centre is from the anchor
        offset = (QPointF(vp.center()) - at) / factor
        self.centerOn(QPointF(fx * lay.width, fy * lay.height) + offset)

    @Slot()
    def zoom_in(self) -> None:
        self.show_choice(self.zooming.zoom_in())

    @Slot()
    def zoom_out(self) -> None:
        self.show_choice(self.zooming.zoom_out())

    @Slot()
    def zoom_reset(self) -> None:
        self.show_choice(self.zooming.reset())

    def fit_choice(self) -> Choice:
        """What Fit to Window shows in this viewport (without the scroll bars that the
        fitted grid no longer needs)."""
        room = self.maximumViewportSize()
        return self.zooming.fit_choice(room.width(), room.height())

    @Slot()
    def zoom_fit(self) -> None:
        self.show_choice(self.fit_choice())
        self.centerOn(self.matrix.sceneRect().center())

    def zoom_to_suit(self) -> None:
        """A first zoom: the whole matrix when its names are readable that way, else 100 %."""
        room = self.maximumViewportSize()
        choice = self.zooming.suit(room.width(), room.height())
        if choice is not None:
            self.show_choice(choice)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.show_choice(self.zooming.wheel(steps), event.position())
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and event.angleDelta().x() == 0:
            # Shift+wheel scrolls sideways (a mouse without a horizontal wheel)
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - round(event.angleDelta().y() / 120 * bar.singleStep() * 3))
            event.accept()
            return
        super().wheelEvent(event)

    def _on_selection(self, ids: list[str]) -> None:
        self.matrix.set_selected(ids)
        if len(ids) == 1 and not self.hasFocus() and self.isVisible():
            # picked in another panel (people list, tree, inspector): bring the card into view
            rect = self.matrix.card_scene_rect(ids[0], self._cell_of.get(ids[0]))
            if rect is not None:
                self.ensureVisible(rect, 60, 60)

    def _on_entity(self, kind: str, id: str) -> None:
        self.matrix.set_current_entity(kind, id or None)

    def run(self, action: Any, *args: Any, **kwargs: Any) -> bool:
        """Call a document method; an edit that cannot be made (a user error) becomes a
        status message. Anything else is a bug and is raised."""
        try:
            action(*args, **kwargs)
        except UserError as exc:
            self.statusMessage.emit(str(exc))
            return False
        return True

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            text = card_tooltip(self.document.org, self.hit_at(pos), self._person_at)
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        if event.type() == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)  # type: ignore[attr-defined]
            if pinch is not None:
                self.show_choice(self.zooming.pinch(pinch.scaleFactor()))
                return True
        if (
            event.type() == QEvent.Type.NativeGesture
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture  # type: ignore[attr-defined]
        ):
            self.show_choice(self.zooming.pinch(1.0 + event.value()))  # type: ignore[attr-defined]
            return True
        return super().viewportEvent(event)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawForeground(painter, rect)
        paint_strips(self, painter)
        org = self.document.org
        if not org.teams and not org.pipelines and not org.people:
            painter.save()
            painter.resetTransform()
            painter.setPen(QColor(theme.MUTED))
            painter.drawText(
                self.viewport().rect(),
                Qt.AlignmentFlag.AlignCenter,
                "An empty org.\nRight-click the grid to add a team or a pipeline,\n"
                "then right-click a cell to add people.",
            )
            painter.restore()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.viewport().update()  # the sticky strips do not scroll with the canvas

    # ----------------------------------------------------------- public API
    def set_colour_mode(self, mode: str) -> None:
        if mode not in ("kind", "role", "level"):
            raise ValueError(f"unknown colour mode {mode!r}")
        self.matrix.set_colour_mode(mode)

    def set_show_dotted(self, on: bool) -> None:
        self.matrix.show_dotted = on
        self.matrix.refresh_lines()

    def set_show_lines(self, on: bool) -> None:
        self.matrix.show_lines = on
        self.matrix.refresh_lines()

    def set_show_photos(self, on: bool) -> None:
        self.matrix.set_show_photos(on)

    @Slot()
    def select_all(self) -> None:
        self.selection.set_people(self.document.org.people)

    def focus_person(self, person_id: str) -> None:
        """Select a person and centre their card (see :class:`Spotlight`)."""
        self.spotlight.person(person_id)

    def highlight(self, subjects: list[tuple[str, str]]) -> None:
        """Select and flash what a finding is about (see :class:`Spotlight`)."""
        self.spotlight.subjects(subjects)

    def set_findings(self, findings: Iterable[Finding]) -> None:
        """Mark the cards and headers the findings are about (the worst severity wins)."""
        worst: dict[tuple[str, str], str] = {}
        for f in findings:
            rank = _SEVERITY_RANK.get(f.severity, 0)
            for s in f.subjects:
                key = (s.kind, s.id)
                if rank > _SEVERITY_RANK.get(worst.get(key, ""), 0):
                    worst[key] = f.severity
        self.matrix.set_findings(worst)

    def start_rename_selected(self) -> None:
        """Enter or F2: rename the current card, else the selected team or pipeline."""
        start_rename(self)

    def delete_selected(self) -> None:
        """Delete: the selected people (from a pipeline row, asking whether from that
        pipeline only or from the org), else the selected team, pipeline or unit."""
        delete_selection(self)

    @property
    def editor(self) -> InlineEditor | None:
        """The in-place editor while a rename is under way."""
        return self._editor if self._editor.active else None

    # ------------------------------------------------------------ selection
    def _set_current(self, pid: str, cell: Cell) -> None:
        old = self.matrix.current
        self.matrix.current = (pid, cell)
        self._cell_of[pid] = cell
        self.matrix.update_people([pid] + ([old[0]] if old else []))

    def _cell_at(self, pid: str, rect: QRectF) -> Cell:
        hit = self.matrix.layout.hit(rect.center().x(), rect.center().y())
        return hit.cell if hit.area == "card" else self.document.org.cells_of(pid)[0]

    def _person_at(self, hit: Hit) -> str | None:
        if hit.area != "card":
            return None
        ids = self.document.org.cell_ids(*hit.cell)
        return ids[hit.index] if hit.index < len(ids) else None

    def hit_at(self, view_pos: QPoint) -> Hit:
        """What is under a viewport point (the sticky header strips first)."""
        sticky = strip_hit(self, view_pos)
        if sticky is not None:
            return sticky
        p = self.mapToScene(view_pos)
        return self.matrix.layout.hit(p.x(), p.y())

    def _on_band(self, rect: QRect, from_: QPointF, to: QPointF) -> None:
        if rect.isNull():
            return
        r = QRectF(from_, to).normalized()
        found = self.matrix.layout.cards_in((r.x(), r.y(), r.width(), r.height()))
        org = self.document.org
        ids = []
        for cell, i in found:
            members = org.cell_ids(*cell)
            if i < len(members):
                ids.append(members[i])
                self._cell_of.setdefault(members[i], cell)
        self.selection.set_people([*self._band_base, *ids])

    # ---------------------------------------------------------------- mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        hit = self.hit_at(event.position().toPoint())
        pid = self._person_at(hit)
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        self._press = (event.position().toPoint(), hit, pid)
        if (
            event.button() != Qt.MouseButton.LeftButton
            and event.button() != Qt.MouseButton.RightButton
        ):
            return super().mousePressEvent(event)
        right = event.button() == Qt.MouseButton.RightButton
        if pid is not None:
            people = self.selection.people
            if ctrl and not right:
                people = [p for p in people if p != pid] if pid in people else [*people, pid]
            elif shift and pid not in people:
                people = [*people, pid]
            elif pid not in people:
                people = [pid]
            self.selection.set_people(people)
            self.selection.set_entity("", "")
            self._set_current(pid, hit.cell)
            event.accept()
            return
        if hit.area in ("column", "row"):
            key = hit.team if hit.area == "column" else hit.pipeline
            kind = "team" if hit.area == "column" else "pipeline"
            if key is not None:
                self.selection.set_entity(kind, key)
                if not ctrl:
                    self.selection.set_people([])
            event.accept()
            return
        if right:
            return
        self._band_base = self.selection.people if (ctrl or shift) else []
        if not (ctrl or shift):
            self.selection.clear()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        press = self._press
        if press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            start, hit, pid = press
            distance = (event.position().toPoint() - start).manhattanLength()
            if distance >= QApplication.startDragDistance():
                if self.document.read_only and (pid is not None or hit.area in ("column", "row")):
                    self._press = None  # a read-only document is not rearranged
                    self.statusMessage.emit(self.document.read_only_reason())
                    return
                if pid is not None:
                    self._press = None
                    self.start_people_drag(pid, hit.cell)
                    return
                key = hit.team if hit.area == "column" else hit.pipeline
                if hit.area in ("column", "row") and key is not None:
                    self._press = None
                    self.start_header_drag("team" if hit.area == "column" else "pipeline", key)
                    return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press = self._press
        self._press = None
        if (
            press is not None
            and press[2] is not None
            and event.button() == Qt.MouseButton.LeftButton
        ):
            mods = event.modifiers()
            if not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                self.selection.set_people([press[2]])
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position().toPoint())
        pid = self._person_at(hit)
        if pid is not None:
            self._cell_of[pid] = hit.cell
            rename_person(self, pid)
        elif hit.area == "column" and hit.team is not None:
            rename_entity(self, "team", hit.team)
        elif hit.area == "row" and hit.pipeline is not None:
            rename_entity(self, "pipeline", hit.pipeline)
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        from orgeditor.ui.grid.menus import context_menu

        hit = self.hit_at(event.pos())
        menu = context_menu(self, hit, self._person_at(hit))
        if menu is not None:
            if not menu.isEmpty():
                menu.exec(event.globalPos())
            menu.deleteLater()  # one menu per right-click: never kept, never reused
        event.accept()
