"""A document opened read-only (its file is open in another window): the window edits
nothing — actions off but Save As, no in-place rename, no drag, no editing menu — and says
"(read-only)" in its title until Save As makes a writable copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from orgeditor.document import Document
from orgeditor.io.orgfile import dumps, save
from orgeditor.samples import sample_org
from orgeditor.ui.actions import editing_actions
from orgeditor.ui.grid.menus import context_menu


def _read_only_window(make_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "org.orgchart"
    save(sample_org(), path)
    doc = Document.open(path)
    w = make_window(doc, autosave=False)
    w.resize(1400, 900)
    w.show()
    doc.set_read_only(True)  # what opening it "read-only" from the lock prompt does
    return w


def test_the_window_edits_nothing_while_read_only(make_window, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = _read_only_window(make_window, tmp_path)
    qtbot.waitExposed(w)
    doc, view, a = w.document, w.view, w.actions_
    before = dumps(doc.org)
    assert "(read-only)" in w.windowTitle()
    assert not any(act.isEnabled() for act in editing_actions(a))
    assert a.save_as.isEnabled() and a.print_pdf.isEnabled() and a.export.isEnabled()
    assert not w.inspector.stack.isEnabled()
    messages: list[str] = []
    view.statusMessage.connect(messages.append)
    # select a card, then F2 (rename in place), Delete and a drag: all refused
    view.zoom_reset()
    view.scroll_home()
    cell = doc.org.cells_of("p19")[0]
    index = doc.org.cell_ids(*cell).index("p19")
    x, y, cw, ch = view.matrix.layout.card_rect(cell, index)
    at = view.mapFromScene(x + cw / 2, y + ch / 2)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert w.selection.people == ["p19"]
    QTest.keyClick(view, Qt.Key.Key_F2)
    assert view.editor is None
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert view.editor is None
    view.delete_selected()
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    QTest.mouseMove(view.viewport(), at + QPoint(40, 40))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=at + QPoint(40, 40))
    # F2, double-click, Delete and the drag each said why
    assert len(messages) >= 4 and all("read-only" in m for m in messages)
    # the context menu says why it has nothing to offer
    menu = context_menu(view, view.hit_at(at), "p19")
    assert menu is not None
    entries = menu.actions()
    assert len(entries) == 1 and not entries[0].isEnabled() and "read-only" in entries[0].text()
    menu.deleteLater()
    assert dumps(doc.org) == before and not doc.is_modified


def test_save_as_makes_the_window_writable(make_window, tmp_path, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = _read_only_window(make_window, tmp_path)
    copy = tmp_path / "copy.orgchart"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), ""))
    )
    w.actions_.save_as.trigger()
    assert copy.exists() and not w.document.read_only
    assert "(read-only)" not in w.windowTitle()
    assert w.actions_.save.isEnabled() and w.actions_.delete.isEnabled()
    assert w.inspector.stack.isEnabled()
    w.document.rename("person", "p19", "Ada Copy")
    assert w.actions_.undo.isEnabled()
