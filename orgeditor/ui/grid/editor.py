"""In-place renaming on the grid: a line edit laid over a card or a header.

Enter (or leaving the field) commits through the callback given to :meth:`InlineEditor.open`
(the view's ``Document.rename``); Escape cancels. The editor never touches the org itself.

There is one editor per view, made with it and owned by its viewport for the view's whole life:
it is shown and hidden, never deleted, so no Python reference to it can outlive its C++ object
(a one-shot editor deleted with ``deleteLater`` crashed the second rename: the view still held
it, and a double-click or F2 touched the deleted widget).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

if TYPE_CHECKING:
    from orgeditor.ui.grid.view import MatrixView

__all__ = ["InlineEditor", "rename_entity", "rename_person", "start_rename"]


def start_rename(view: MatrixView) -> None:
    """Enter or F2: rename the current card in place, else the selected team or pipeline."""
    people = view.selection.people
    if people:
        rename_person(view, view.matrix.current[0] if view.matrix.current else people[0])
        return
    kind, id = view.selection.entity
    if kind in ("team", "pipeline") and view.document.org.has(kind, id):
        rename_entity(view, kind, id)


def rename_person(view: MatrixView, pid: str) -> None:
    """Open the view's editor over a person's card."""
    rect = view.matrix.card_scene_rect(pid, view._cell_of.get(pid))
    if rect is None:
        return
    view.ensureVisible(rect)
    name = view.document.org.people[pid].name
    _open(view, rect, name, lambda text: view.run(view.document.rename, "person", pid, text))


def rename_entity(view: MatrixView, kind: str, id: str) -> None:
    """Open the view's editor over a team's column header or a pipeline's row header."""
    lay = view.matrix.layout
    if kind == "team":
        x, y, w, _h = lay.column_header_rect(lay.column_of(id))
        rect = QRectF(x + 6, y + 8, w - 12, 26)
    else:
        x, y, w, _h = lay.row_header_rect(lay.row_of(id))
        rect = QRectF(x + 6, y + 6, w - 12, 26)
    view.ensureVisible(rect)
    name = getattr(view.document.org.entity(kind, id), "name", "")
    _open(view, rect, name, lambda text: view.run(view.document.rename, kind, id, text))


def _open(view: MatrixView, rect: QRectF, text: str, on_done: Callable[[str], object]) -> None:
    if view.document.read_only:
        view.statusMessage.emit(view.document.read_only_reason())
        return
    view._editor.open(view.mapFromScene(rect).boundingRect(), text, on_done)


class InlineEditor(QLineEdit):
    """The view's line edit: :meth:`open` shows it, commit or cancel hides it again."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._on_done: Callable[[str], object] | None = None
        self.setFrame(True)
        self.setStyleSheet(
            "QLineEdit { border: 2px solid #2563c9; border-radius: 4px; padding: 1px 4px;"
            " background: #ffffff; color: #1f2933; }"
        )
        self.returnPressed.connect(self.commit)
        self.hide()

    @property
    def active(self) -> bool:
        """True while a rename is under way."""
        return self._on_done is not None

    def open(self, rect: QRect, text: str, on_done: Callable[[str], object]) -> None:
        """Edit ``text`` over ``rect`` (viewport pixels); ``on_done(new_text)`` on commit.

        An edit already under way is cancelled first."""
        self.cancel()
        self._on_done = on_done
        self.setText(text)
        self.selectAll()
        h = max(24, min(rect.height(), 30))
        self.setGeometry(QRect(rect.x(), rect.y(), max(rect.width(), 120), h))
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def commit(self) -> None:
        """Finish: hide, then hand a non-empty text to the callback."""
        done = self._finish()
        text = self.text().strip()
        if done is not None and text:
            done(text)

    def cancel(self) -> None:
        """Finish without a rename."""
        self._finish()

    def _finish(self) -> Callable[[str], object] | None:
        done, self._on_done = self._on_done, None
        if done is not None:
            had_focus = self.hasFocus()
            self.hide()  # may send focusOut: commit then finds nothing under way
            parent = self.parentWidget()
            if had_focus and parent is not None:
                # the canvas (the viewport's view) takes the keys again
                (parent.parentWidget() or parent).setFocus(Qt.FocusReason.OtherFocusReason)
        return done

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            event.accept()
            return
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # QLineEdit lets Enter through: the view would rename again

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # its own context menu
            self.commit()
