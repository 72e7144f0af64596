"""Long work in the window: progress dialog with Cancel, window responsive; docks after paint."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from orgeditor.document import Document
from orgeditor.progress import Cancelled, Progress
from orgeditor.samples import synthetic_org
from orgeditor.ui.progress_sink import describe, run_with_progress


def _press_cancel(d: QProgressDialog) -> None:
    """Click the dialog's Cancel button as a user would."""
    (button,) = [b for b in d.findChildren(QPushButton) if b.text() == "Cancel"]
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _dialogs() -> list[QProgressDialog]:
    found = QApplication.topLevelWidgets()
    return [w for w in found if isinstance(w, QProgressDialog) and w.isVisible()]


def test_short_work_returns_its_result_without_a_dialog(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert run_with_progress(None, "T", "job", lambda p: 41 + 1) == 42
    assert not _dialogs()


def test_errors_of_the_work_reach_the_caller(qtbot) -> None:  # type: ignore[no-untyped-def]
    def work(p: Progress) -> None:
        raise ValueError("bad row 3")

    with pytest.raises(ValueError, match="bad row 3"):
        run_with_progress(None, "T", "job", work)


def test_dialog_shows_counts_and_cancel_stops_the_work(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    stopped = threading.Event()
    ticks: list[int] = []

    def work(p: Progress) -> int:
        p.start("rows read", 1000)
        try:
            for _ in range(1000):
                time.sleep(0.01)
                p.advance()
        except Cancelled:
            stopped.set()
            raise
        return 1

    def look() -> None:
        for d in _dialogs():
            seen.append(d.labelText())
            if "of 1,000 rows read" in d.labelText() and d.value() >= 30:
                _press_cancel(d)
                return
        QTimer.singleShot(50, look)

    beat = QTimer()  # the event loop runs while the work does: the window stays live
    beat.timeout.connect(lambda: ticks.append(1))
    beat.start(20)
    QTimer.singleShot(50, look)
    t = time.monotonic()
    with pytest.raises(Cancelled):
        run_with_progress(None, "Import", "Reading big.csv", work, delay=0.1)
    assert time.monotonic() - t < 8  # long before the 10 s the work would take
    assert stopped.wait(2)  # the work itself stopped at its next advance
    assert any(s.startswith("Reading big.csv: ") for s in seen), seen
    beat.stop()
    # at least a tenth of the beats even on a loaded CI machine: the loop was not blocked
    assert len(ticks) >= 0.1 * (time.monotonic() - t) / 0.02, len(ticks)
    qtbot.waitUntil(lambda: not _dialogs())


def test_describe_phases_and_counts() -> None:
    assert describe("Import", "building the org", -1, None) == ("Import: building the org…", 0, 0)
    assert describe("Import", "rows", 5, 10) == ("Import: 5 of 10 rows", 10, 5)
    assert describe("Import", "rows", 12000, None) == ("Import: 12,000 rows", 0, 0)


def test_open_can_be_cancelled_and_keeps_the_document(make_window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "big.orgchart"
    Document(synthetic_org(200, seed=1)).save(path)
    w = make_window()
    w.show()
    doc = w.document
    real_open = Document.open

    def slow_open(p):  # type: ignore[no-untyped-def]
        time.sleep(3)
        return real_open(p)

    monkeypatch.setattr(Document, "open", staticmethod(slow_open))

    def cancel() -> None:
        found = _dialogs()
        if found:
            _press_cancel(found[0])
        else:
            QTimer.singleShot(50, cancel)

    QTimer.singleShot(50, cancel)
    assert not w.files.open_path(path)
    assert w.document is doc
    monkeypatch.setattr(Document, "open", staticmethod(real_open))
    assert w.files.open_path(path)  # and without Cancel the same file opens
    assert len(w.document.org.people) == len(real_open(path).org.people)


def test_docks_fill_after_the_first_paint(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = make_window(Document(synthetic_org(300, seed=2)), autosave=False)
    assert w.people_list.model.rowCount() == 0  # nothing filled before the window paints
    w.show()
    qtbot.waitUntil(lambda: w.people_list.model.rowCount() == len(w.document.org.people))
    qtbot.waitUntil(lambda: w.findings.summary.text() != "")
    qtbot.waitUntil(lambda: bool(w.stats.data))


def test_a_window_never_shown_still_fills_its_docks(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = make_window(autosave=False)
    qtbot.waitUntil(lambda: w.people_list.model.rowCount() == len(w.document.org.people))
    qtbot.waitUntil(lambda: bool(w.stats.data))
