"""Long work in the window with a progress dialog and Cancel (issue 18): the Qt side of
:mod:`orgeditor.progress`.

:func:`run_with_progress` runs ``work(progress)`` on a worker thread (the work is Qt-free:
reading a file, importing rows) while the window's event loop keeps running, so the window
repaints and the dialog's Cancel button answers. :class:`DialogSink` is the
:class:`~orgeditor.progress.Sink` the work reports through: the worker thread only stores the
latest figures; a timer on the GUI thread shows them in a :class:`QProgressDialog` (window
modal: no edit can reach the document meanwhile). Nothing is shown for work shorter than
``delay`` seconds.

Cancel sets a flag the :class:`~orgeditor.progress.Progress` reads, so work that reports
stops with :class:`~orgeditor.progress.Cancelled` at its next advance; work that does not
report (opening a file) is left to finish on its thread and its result is dropped. Either way
:func:`run_with_progress` raises :class:`Cancelled` at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from orgeditor.progress import Cancelled, Progress

__all__ = ["DialogSink", "run_with_progress"]

T = TypeVar("T")


class DialogSink:
    """A thread-safe :class:`~orgeditor.progress.Sink`: keeps the latest report for the GUI."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.latest: tuple[str, str, int, int | None] | None = None
        self.cancel_requested = False

    def show(self, job: str, unit: str, done: int, total: int | None, elapsed: float) -> None:
        with self._lock:
            self.latest = (job, unit, done, total)

    def close(self, job: str, unit: str, done: int, elapsed: float) -> None:
        pass

    def take(self) -> tuple[str, str, int, int | None] | None:
        with self._lock:
            return self.latest

    def cancelled(self) -> bool:
        return self.cancel_requested


def describe(job: str, unit: str, done: int, total: int | None) -> tuple[str, int, int]:
    """The dialog's label and its range maximum and value (maximum 0: a busy indicator)."""
    if done < 0:  # a phase without counts
        return f"{job}: {unit}…", 0, 0
    if total:
        return f"{job}: {done:,} of {total:,} {unit}", total, min(done, total)
    return f"{job}: {done:,} {unit}", 0, 0


class _Job(Generic[T]):
    def __init__(self, work: Callable[[Progress], T], progress: Progress) -> None:
        self.result: T | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(work, progress), daemon=True)

    def _run(self, work: Callable[[Progress], T], progress: Progress) -> None:
        try:
            self.result = work(progress)
        except BaseException as e:  # handed to the GUI thread, raised there
            self.error = e
        finally:
            progress.finish()


def run_with_progress(
    parent: QWidget | None,
    title: str,
    job: str,
    work: Callable[[Progress], T],
    *,
    delay: float = 0.5,
) -> T:
    """Run ``work`` off the GUI thread with a progress dialog; return what it returns.

    Raises what ``work`` raised, or :class:`Cancelled` when the user pressed Cancel.
    """
    sink = DialogSink()
    progress = Progress(job, sink, interval=0.05, delay=0.0, cancelled=sink.cancelled)
    task: _Job[T] = _Job(work, progress)
    loop = QEventLoop()
    dialog: list[QProgressDialog] = []
    started = time.monotonic()

    def cancel() -> None:
        sink.cancel_requested = True
        loop.quit()

    def poll() -> None:
        if not task.thread.is_alive():
            loop.quit()
            return
        if dialog and dialog[0].wasCanceled():  # Escape, or the window closing it
            cancel()
            return
        if not dialog and time.monotonic() - started >= delay:
            d = QProgressDialog(f"{job}…", "Cancel", 0, 0, parent)
            d.setWindowTitle(title)
            d.setWindowModality(Qt.WindowModality.WindowModal)
            d.setMinimumDuration(0)
            d.setAutoClose(False)
            d.setAutoReset(False)
            d.canceled.connect(cancel)
            d.show()
            dialog.append(d)
        report = sink.take()
        if dialog and report is not None:
            label, maximum, value = describe(*report)
            d = dialog[0]
            d.setLabelText(label)
            if d.maximum() != maximum:
                d.setRange(0, maximum)
            d.setValue(value)

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(poll)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        task.thread.start()
        task.thread.join(0.05)  # short work: no event loop, no dialog
        if task.thread.is_alive():
            timer.start()
            loop.exec()
    finally:
        timer.stop()
        QApplication.restoreOverrideCursor()
        if dialog:
            dialog[0].canceled.disconnect(cancel)
            dialog[0].close()
            dialog[0].deleteLater()
    if sink.cancel_requested:
        raise Cancelled(f"{job} cancelled")
    if task.error is not None:
        raise task.error
    return task.result  # type: ignore[return-value]
