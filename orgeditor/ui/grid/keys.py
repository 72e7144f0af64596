"""Keyboard on the grid (a mixin of MatrixView): arrows, Alt+arrows, Enter/F2, Delete, Home.

Arrow keys move the current card to its neighbour (see :mod:`orgeditor.ui.grid.navigation`),
Shift+arrow extends the selection, Alt+arrow moves the selected people to the neighbouring
cell in one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from orgeditor.model.org import Cell
from orgeditor.ui import team_moves
from orgeditor.ui.grid.navigation import neighbour

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsView

    from orgeditor.document import Document
    from orgeditor.ui.grid.scene import MatrixScene
    from orgeditor.ui.selection import Selection

    _Base = QGraphicsView
else:
    _Base = object

__all__ = ["KeyboardMixin"]


class KeyboardMixin(_Base):
    """Key handling for :class:`~orgeditor.ui.grid.view.MatrixView`."""

    if TYPE_CHECKING:  # provided by MatrixView
        matrix: MatrixScene
        selection: Selection
        _cell_of: dict[str, Cell]

        @property
        def document(self) -> Document: ...
        def run(self, action: Any, *args: Any, **kwargs: Any) -> bool: ...
        def scroll_home(self) -> None: ...
        def start_rename_selected(self) -> None: ...
        def delete_selected(self) -> None: ...
        def drag_items(self, pid: str, cell: Cell) -> list[tuple[str, Cell]]: ...
        def _set_current(self, pid: str, cell: Cell) -> None: ...

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers()
        arrows: dict[Any, tuple[int, int]] = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key in arrows:
            dx, dy = arrows[key]
            if mods & Qt.KeyboardModifier.AltModifier:
                self.move_selected_by(dx, dy)
            else:
                self.navigate(dx, dy, extend=bool(mods & Qt.KeyboardModifier.ShiftModifier))
            event.accept()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.start_rename_selected()
            event.accept()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
            event.accept()
        elif key == Qt.Key.Key_Home:
            self.scroll_home()
            event.accept()
        elif key == Qt.Key.Key_Escape:
            self.selection.clear()
            event.accept()
        else:
            super().keyPressEvent(event)

    def navigate(self, dx: int, dy: int, extend: bool = False) -> None:
        """Move the current card to the neighbouring card (Shift: extend the selection)."""
        org = self.document.org
        cur = self.matrix.current
        if cur is None or cur[0] not in org.people or cur[0] not in org.cell_ids(*cur[1]):
            people = self.selection.people
            if not people:
                return
            cell = self._cell_of.get(people[0]) or org.cells_of(people[0])[0]
            cur = (people[0], cell)
        found = neighbour(self.matrix.layout, org, cur[0], cur[1], dx, dy)
        if found is None:
            return
        pid, cell = found
        people = [*self.selection.people, pid] if extend else [pid]
        self.selection.set_people(people)
        self._set_current(pid, cell)
        rect = self.matrix.card_scene_rect(pid, cell)
        if rect is not None:
            self.ensureVisible(rect, 40, 40)

    def move_selected_by(self, dx: int, dy: int) -> None:
        """Alt+arrow: move the selected people to the neighbouring cell (one undo step)."""
        cur = self.matrix.current
        lay = self.matrix.layout
        # the current card may be gone with its team or pipeline (deleted, undone)
        if cur is None or cur[0] not in self.document.org.people or not lay.has_cell(cur[1]):
            return
        i = lay.column_of(cur[1][0]) + dx
        j = lay.row_of(cur[1][1]) + dy
        if not (0 <= i < len(lay.columns) and 0 <= j < len(lay.rows)):
            return
        to = (lay.columns[i], lay.rows[j])
        items = self.drag_items(cur[0], cur[1])
        if self.run(team_moves.move_people, self.document, items, to):
            self._set_current(cur[0], to)
