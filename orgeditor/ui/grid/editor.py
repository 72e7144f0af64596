"""In-place renaming on the grid: a line edit laid over a card or a header.

Enter (or leaving the field) commits through ``Document.rename``; Escape cancels. The editor
never touches the org itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

__all__ = ["InlineEditor"]


class InlineEditor(QLineEdit):
    """A one-shot line edit: ``done(text)`` on commit, nothing on cancel; then it closes."""

    done = Signal(str)

    def __init__(
        self, parent: QWidget, rect: QRect, text: str, on_done: Callable[[str], None]
    ) -> None:
        super().__init__(parent)
        self._finished = False
        self.setText(text)
        self.selectAll()
        self.setFrame(True)
        self.setStyleSheet(
            "QLineEdit { border: 2px solid #2563c9; border-radius: 4px; padding: 1px 4px;"
            " background: #ffffff; color: #1f2933; }"
        )
        h = max(24, min(rect.height(), 30))
        self.setGeometry(QRect(rect.x(), rect.y(), max(rect.width(), 120), h))
        self.done.connect(on_done)
        self.returnPressed.connect(self.commit)
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def commit(self) -> None:
        if self._finished:
            return
        self._finished = True
        text = self.text().strip()
        self.hide()
        self.deleteLater()
        if text:
            self.done.emit(text)

    def cancel(self) -> None:
        if self._finished:
            return
        self._finished = True
        self.hide()
        self.deleteLater()

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
        self.commit()
