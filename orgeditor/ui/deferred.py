"""Work the window puts off until its canvas has painted once (issue 18: the first paint of a
large org comes first; the docks fill right after).

:class:`AfterFirstPaint` watches one widget (the canvas viewport) and, after its first paint
event, runs the queued callbacks one per event-loop turn, so input and repaints get through
between them. A window that is never shown (tests, scripts) runs them on the first event-loop
turn instead, as it did before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

__all__ = ["AfterFirstPaint"]


class AfterFirstPaint(QObject):
    """Callbacks run once ``widget`` has painted (or at once if it is not shown by then)."""

    def __init__(self, widget: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.widget = widget
        self.queue: list[Callable[[], object]] = []
        self.done = False
        widget.installEventFilter(self)
        QTimer.singleShot(0, self._if_hidden)

    def add(self, callback: Callable[[], object]) -> None:
        """Queue ``callback`` (run on the next turn when the first paint is already past)."""
        self.queue.append(callback)
        if self.done:
            QTimer.singleShot(0, self._next)

    def run_now(self) -> None:
        """Run everything still queued, now (tests, and before a document replaces this one)."""
        self._release()
        while self.queue:
            self.queue.pop(0)()

    def _if_hidden(self) -> None:
        if not self.done and not self.widget.isVisible():
            self._release()
            self._next()

    def _release(self) -> None:
        if not self.done:
            self.done = True
            self.widget.removeEventFilter(self)

    def _next(self) -> None:
        if self.queue:
            self.queue.pop(0)()
        if self.queue:
            QTimer.singleShot(0, self._next)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self._release()
            QTimer.singleShot(0, self._next)  # after this paint has reached the screen
        return False
