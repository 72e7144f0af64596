"""No crash, ever: one in-place editor for the view's life; a slot's exception shows one
dialog, saves a recovery copy and leaves the window running; faulthandler writes a log."""

from __future__ import annotations

import faulthandler
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from orgeditor.ui.files.crash_guard import MESSAGE, install


def test_the_second_rename_reuses_the_one_editor(grid) -> None:  # type: ignore[no-untyped-def]
    view, doc = grid.view, grid.doc
    first = None
    for pid, new in (("p14", "Nora Ibrahim"), ("p22", "Carla Gee"), ("p14", "Noor I.")):
        grid.selection.set_people([pid])
        QTest.keyClick(view, Qt.Key.Key_F2)
        editor = view.editor
        assert editor is not None and editor.isVisible()
        first = first or editor
        assert editor is first  # never a second widget, never a deleted one
        editor.setText(new)
        QTest.keyClick(editor, Qt.Key.Key_Return)
        QCoreApplication.processEvents()  # deferred deletes run here: the editor survives
        assert doc.org.people[pid].name == new
        assert view.editor is None and not first.isVisible()
    # a double-click while an edit is open cancels it and edits the other card
    grid.selection.set_people(["p14"])
    view.start_rename_selected()
    at = grid.card_point("p22", doc.org.cells_of("p22")[0])
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert view.editor is first and first.text() == "Carla Gee"
    QTest.keyClick(first, Qt.Key.Key_Escape)
    assert doc.org.people["p14"].name == "Noor I."


def test_a_new_document_cancels_an_open_edit(grid) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.document import Document
    from orgeditor.samples import sample_org

    grid.selection.set_people(["p14"])
    grid.view.start_rename_selected()
    assert grid.view.editor is not None
    grid.bridge.set_document(Document(sample_org()))
    assert grid.view.editor is None


@pytest.fixture
def guard(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    shown: list[str] = []
    saves: list[int] = []

    def critical(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        shown.append(text)
        if len(shown) == 1:  # an exception while the dialog is up: logged, no second dialog
            QTimer.singleShot(0, lambda: (_ for _ in ()).throw(KeyError("again")))
            QApplication.processEvents()
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    g = install(lambda: None, lambda: saves.append(1) or True, tmp_path / "state")
    yield g, shown, saves
    g.uninstall()


@pytest.mark.qt_no_exception_capture
def test_a_slot_exception_shows_one_dialog_and_autosaves(guard, qtbot, capsys) -> None:  # type: ignore[no-untyped-def]
    g, shown, saves = guard
    assert sys.excepthook is g

    def boom() -> None:
        raise ValueError("a bug in a slot")

    QTimer.singleShot(0, boom)  # raised inside the event loop, as a menu's slot would
    qtbot.wait(50)
    assert len(shown) == 1, shown  # the second exception (raised under the dialog): no dialog
    assert MESSAGE in shown[0] and "A recovery copy was saved" in shown[0]
    assert "ValueError: a bug in a slot" in shown[0]
    assert saves == [1, 1] and g.count == 2
    log = (g.folder / "crash.log").read_text()
    assert "ValueError: a bug in a slot" in log and "KeyError: 'again'" in log
    assert "Traceback" in capsys.readouterr().err
    assert (g.folder / "faults.log").is_file() and faulthandler.is_enabled()


def test_uninstall_restores_the_previous_hook(tmp_path: Path) -> None:
    before = sys.excepthook
    g = install(lambda: None, lambda: False, tmp_path)
    g.uninstall()
    assert sys.excepthook is before
