"""Export and Copy Diagram from the Export dialog: progress dialog, Cancel, nothing half-written."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from orgeditor.document import Document
from orgeditor.export import api
from orgeditor.progress import Cancelled
from orgeditor.samples import synthetic_org
from orgeditor.ui.dialogs import diagram_copy, export_run
from orgeditor.ui.dialogs.export_dialog import ExportDialog


def _dialogs() -> list[QProgressDialog]:
    found = QApplication.topLevelWidgets()
    return [w for w in found if isinstance(w, QProgressDialog) and w.isVisible()]


def _press_cancel(d: QProgressDialog) -> None:
    (button,) = [b for b in d.findChildren(QPushButton) if b.text() == "Cancel"]
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def dialog(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dlg = ExportDialog(Document(synthetic_org(3000)), None, None, settings=settings)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.fmt.setCurrentIndex(dlg.fmt.findData("pdf"))
    messages: list[str] = []
    dlg.message.connect(messages.append)
    dlg.messages = messages  # type: ignore[attr-defined]
    yield dlg
    dlg.preview.stop()


@pytest.fixture
def slow_pages(monkeypatch):  # type: ignore[no-untyped-def]
    """Each Graphviz run of a batch of PDF pages takes 0.4 s more; ``ended`` when the export
    thread's export_file returns or raises."""
    real = api.render_pdf_pages
    ended = threading.Event()

    def slow(pages: list[api.PageDot], opts: api.ExportOptions) -> list[bytes]:
        time.sleep(0.4)
        return real(pages, opts)

    def export_file(*args: Any, **kwargs: Any) -> int:
        try:
            return real_export(*args, **kwargs)
        finally:
            ended.set()

    real_export = export_run.export_file
    monkeypatch.setattr(api, "render_pdf_pages", slow)
    monkeypatch.setattr(export_run, "export_file", export_file)
    return ended


def test_cancel_mid_export_writes_nothing(qtbot, dialog, slow_pages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "chart.pdf"
    seen: list[str] = []

    def look() -> None:
        for d in _dialogs():
            seen.append(d.labelText())
            if " pages" in d.labelText() and " of " in d.labelText():
                _press_cancel(d)
                return
        QTimer.singleShot(30, look)

    QTimer.singleShot(30, look)
    assert dialog.export_to(out) is None
    assert any(s.startswith("Exporting chart.pdf: ") and "pages" in s for s in seen), seen
    assert "cancelled" in dialog.status.text() and dialog.messages == ["Export cancelled"]
    assert not dialog.is_exporting() and dialog.export_button.isEnabled()
    assert slow_pages.wait(20)  # the export thread stopped at its next page batch
    time.sleep(0.2)
    assert list(out_dir.iterdir()) == []  # no file, no temporary file
    qtbot.waitUntil(lambda: not _dialogs())


def test_long_export_shows_progress_and_writes(qtbot, dialog, slow_pages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "chart.pdf"
    seen: list[str] = []
    ticks: list[float] = []

    def look() -> None:
        seen.extend(d.labelText() for d in _dialogs())
        QTimer.singleShot(30, look)

    beat = QTimer()  # the event loop runs while the export does: the window stays live
    beat.timeout.connect(lambda: ticks.append(time.monotonic()))
    beat.start(20)
    QTimer.singleShot(30, look)
    start = time.monotonic()
    pages = dialog.export_to(out)
    took = time.monotonic() - start
    beat.stop()
    assert pages is not None and pages > 10
    assert out.read_bytes()[:5] == b"%PDF-"
    assert any(f"of {pages} pages" in s for s in seen), seen  # "Exporting chart.pdf: 3 of 57 pages"
    assert len(ticks) >= 0.3 * took / 0.02, (len(ticks), took)
    assert dialog.messages == [f"Exported {pages} pages to {out}"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    qtbot.waitUntil(lambda: not _dialogs())


def test_copy_diagram_can_be_cancelled(qtbot, dialog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = diagram_copy.render_page

    def slow(*args: Any, **kwargs: Any) -> bytes:
        time.sleep(1.0)
        return real(*args, **kwargs)

    monkeypatch.setattr(diagram_copy, "render_page", slow)
    before = QMimeData()
    before.setText("kept")
    QGuiApplication.clipboard().setMimeData(before)

    def look() -> None:
        for d in _dialogs():
            if d.labelText().startswith("Drawing the diagram"):
                _press_cancel(d)
                return
        QTimer.singleShot(30, look)

    QTimer.singleShot(30, look)
    dialog.copy()
    assert "cancelled" in dialog.status.text()
    assert QGuiApplication.clipboard().text() == "kept"
    assert dialog.copy_button.isEnabled()


def test_file_export_reports_in_the_status_bar(make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """File > Export... as a user runs it: the dialog exports, the window's status bar says so."""
    w = make_window()
    out = tmp_path / "chart.svg"
    done: list[int | None] = []

    def drive() -> None:
        (dlg,) = [x for x in QApplication.topLevelWidgets() if isinstance(x, ExportDialog)]
        if not dlg.isVisible():
            QTimer.singleShot(30, drive)
            return
        dlg.fmt.setCurrentIndex(dlg.fmt.findData("svg"))
        done.append(dlg.export_to(out))
        QTest.mouseClick(dlg.close_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(30, drive)
    w.actions_.export.trigger()  # modal: returns once the dialog is closed
    assert done == [1] and out.read_bytes().lstrip().startswith(b"<?xml")
    assert w.statusBar().currentMessage() == f"Exported 1 page to {out}"


def test_edit_copy_diagram_from_the_window(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    QGuiApplication.clipboard().clear()
    w.actions_.copy_diagram.trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert b"<svg" in bytes(mime.data("image/svg+xml").data())
    assert w.statusBar().currentMessage() == "Diagram copied to the clipboard"


def test_a_cancelled_export_stops_planning(tmp_path: Path) -> None:
    """The planners check the deadline page by page: Cancel ends the planning too."""
    from dataclasses import replace

    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3  # Cancel pressed while the pages are planned

    opts = replace(api.ExportOptions(), deadline=export_run.CancelDeadline(60, cancelled))
    out = tmp_path / "chart.pdf"
    with pytest.raises(Cancelled):
        api.export_file(synthetic_org(3000), out, opts)
    assert len(calls) == 4 and not out.exists()
