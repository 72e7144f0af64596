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

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QMouseEvent,
    QPainter,
    QPixmapCache,
)
from PySide6.QtWidgets import QApplication, QGraphicsView, QToolTip, QWidget

from orgeditor import theme
from orgeditor.document import Document
from orgeditor.errors import UserError
from orgeditor.model.org import Cell
from orgeditor.model.rules.base import Finding
from orgeditor.model.summary import ChangeBatch
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.grid.deletion import ask_pipeline_or_org, remove_from_pipeline
from orgeditor.ui.grid.drag import DragDropMixin
from orgeditor.ui.grid.editor import InlineEditor
from orgeditor.ui.grid.keys import KeyboardMixin
from orgeditor.ui.grid.layout import FULL, Hit
from orgeditor.ui.grid.scene import MatrixScene
from orgeditor.ui.grid.sticky import paint_strips, strip_hit
from orgeditor.ui.grid.tooltips import card_tooltip
from orgeditor.ui.grid.zoom import ZoomMixin, readable
from orgeditor.ui.selection import Selection

__all__ = ["MatrixView"]

PIXMAP_CACHE_KB = 96 * 1024
_SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


class MatrixView(ZoomMixin, DragDropMixin, KeyboardMixin, QGraphicsView):
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
        self._zoom = 1.0
        self._shown = False
        self._press: tuple[QPoint, Hit, str | None] | None = None
        self._band_base: list[str] = []
        self._cell_of: dict[str, Cell] = {}
        self._editor = InlineEditor(self.viewport())
        self._flash = QTimer(self)
        self._flash.setSingleShot(True)
        self._flash.timeout.connect(lambda: self.matrix.drop_marker.setVisible(False))
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
            self.set_zoom(1.0, density=FULL)
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

    def zoom_to_suit(self) -> None:
        """A first zoom: the whole matrix when its names are readable that way, else 100 %."""
        density, factor = self.fit_choice(exact=False)  # unreadable levels: not measured
        if readable(density, factor) and (density, factor) != (FULL, 1.0):
            self.set_zoom(factor, density=density)

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
                self.set_zoom(self._zoom * pinch.scaleFactor())
                return True
        if (
            event.type() == QEvent.Type.NativeGesture
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture  # type: ignore[attr-defined]
        ):
            self.set_zoom(self._zoom * (1.0 + event.value()))  # type: ignore[attr-defined]
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

    @Slot()
    def select_all(self) -> None:
        self.selection.set_people(self.document.org.people)

    def focus_person(self, person_id: str) -> None:
        rect = self.matrix.card_scene_rect(person_id, self._cell_of.get(person_id))
        if rect is None:
            return
        self.selection.set_people([person_id])
        self._set_current(person_id, self._cell_at(person_id, rect))
        self.centerOn(rect.center())

    def highlight(self, subjects: list[tuple[str, str]]) -> None:
        org = self.document.org
        people = [i for k, i in subjects if k == "person" and i in org.people]
        entities = [(k, i) for k, i in subjects if k in ("team", "pipeline") and org.has(k, i)]
        if people:
            self.selection.set_people(people)
            rect = self.matrix.card_scene_rect(people[0])
            if rect is not None:
                self.centerOn(rect.center())
                self._flash_rect(rect.adjusted(-4, -4, 4, 4))
        if entities:
            kind, id = entities[0]
            self.selection.set_entity(kind, id)
            lay = self.matrix.layout
            if kind == "team":
                x, y, w, h = lay.column_header_rect(lay.column_of(id))
            else:
                x, y, w, h = lay.row_header_rect(lay.row_of(id))
            r = QRectF(x, y, w, h)
            if not people:
                self.centerOn(r.center())
                self._flash_rect(r)

    def _flash_rect(self, rect: QRectF) -> None:
        marker = self.matrix.drop_marker
        marker.setRect(rect)
        marker.setVisible(True)
        self._flash.start(900)

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
        people = self.selection.people
        if people:
            pid = self.matrix.current[0] if self.matrix.current else people[0]
            self._rename_person(pid)
            return
        kind, id = self.selection.entity
        if kind in ("team", "pipeline") and self.document.org.has(kind, id):
            self._rename_entity(kind, id)

    def delete_selected(self) -> None:
        """Delete: the selected people (from a pipeline row, asking whether from that
        pipeline only or from the org), else the selected team, pipeline or unit."""
        doc = self.document
        org = doc.org
        people = [p for p in self.selection.people if p in org.people]
        if people:
            cur = self.matrix.current
            team, pipeline = cur[1] if cur is not None and cur[0] in people else (None, None)
            placed = [p for p in people if pipeline and org.share(p, team, pipeline) is not None]
            if pipeline is not None and placed:
                name = org.people[placed[0]].display_name if len(placed) == 1 else None
                who = name or f"{len(placed)} people"
                answer = ask_pipeline_or_org(self, who, org.pipelines[pipeline].name)
                if answer == "pipeline":
                    self.run(remove_from_pipeline, doc, placed, team, pipeline)
                    return
                if answer != "org":
                    return
            self.run(doc.remove_people, people)
            return
        kind, id = self.selection.entity
        removers = {
            "team": doc.remove_team,
            "pipeline": doc.remove_pipeline,
            "unit": doc.remove_unit,
        }
        if kind in removers and org.has(kind, id) and self.run(removers[kind], id):
            self.selection.set_entity("", "")

    # ------------------------------------------------------------- renaming
    def _rename_person(self, pid: str) -> None:
        rect = self.matrix.card_scene_rect(pid, self._cell_of.get(pid))
        if rect is None:
            return
        self.ensureVisible(rect)
        person = self.document.org.people[pid]
        self._open_editor(
            rect, person.name, lambda text: self.run(self.document.rename, "person", pid, text)
        )

    def _rename_entity(self, kind: str, id: str) -> None:
        lay = self.matrix.layout
        if kind == "team":
            x, y, w, _h = lay.column_header_rect(lay.column_of(id))
            rect = QRectF(x + 6, y + 8, w - 12, 26)
        else:
            x, y, w, _h = lay.row_header_rect(lay.row_of(id))
            rect = QRectF(x + 6, y + 6, w - 12, 26)
        self.ensureVisible(rect)
        name = getattr(self.document.org.entity(kind, id), "name", "")
        self._open_editor(rect, name, lambda text: self.run(self.document.rename, kind, id, text))

    def _open_editor(self, rect: QRectF, text: str, on_done: Callable[[str], object]) -> None:
        vr: QRect = self.mapFromScene(rect).boundingRect()
        self._editor.open(vr, text, on_done)

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
            self._rename_person(pid)
        elif hit.area == "column" and hit.team is not None:
            self._rename_entity("team", hit.team)
        elif hit.area == "row" and hit.pipeline is not None:
            self._rename_entity("pipeline", hit.pipeline)
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
