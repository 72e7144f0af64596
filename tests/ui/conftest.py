"""Shared fixtures for the window tests: a shown MatrixView on the sample, synthesised drags."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from orgeditor.document import Document


@dataclass
class Grid:
    """A MatrixView on a document, with helpers to click and drag like a user."""

    doc: Document
    bridge: object
    selection: object
    view: object

    def point(self, x: float, y: float) -> QPoint:
        """Viewport coordinates of a scene point, scrolling it into view first."""
        view = self.view
        view.ensureVisible(x - 2, y - 2, 4, 4, 60, 60)  # type: ignore[attr-defined]
        QApplication.processEvents()
        return view.mapFromScene(QPointF(x, y))  # type: ignore[attr-defined,no-any-return]

    def cell_point(self, cell: tuple[str | None, str | None]) -> QPoint:
        """A point inside ``cell`` away from its cards (its bottom-right corner)."""
        x, y, w, h = self.view.matrix.layout.cell_rect(cell)  # type: ignore[attr-defined]
        return self.point(x + w - 3, y + h - 3)

    def card_point(self, person: str, cell: tuple[str | None, str | None]) -> QPoint:
        index = self.doc.org.cell_ids(*cell).index(person)
        x, y, w, h = self.view.matrix.layout.card_rect(cell, index)  # type: ignore[attr-defined]
        return self.point(x + w / 2, y + h / 2)

    def painted(self) -> None:
        """Paint the viewport now (cell items are made as paints show their cells)."""
        self.view.viewport().repaint()  # type: ignore[attr-defined]
        QApplication.processEvents()

    def shows_item(self, cell: tuple[str | None, str | None]) -> bool:
        """Scroll ``cell`` into view and paint: does it have an item then?"""
        self.cell_point(cell)
        self.painted()
        return cell in self.view.matrix.cells  # type: ignore[attr-defined]

    def drag(
        self, mime: QMimeData, pos: QPoint, *, ctrl: bool = False, drop: bool = True
    ) -> tuple[bool, bool]:
        """Synthesise drag-enter, drag-move and drop at ``pos``: (move accepted, dropped)."""
        vp = self.view.viewport()  # type: ignore[attr-defined]
        actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
        mods = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
        left = Qt.MouseButton.LeftButton
        enter = QDragEnterEvent(pos, actions, mime, left, mods)
        QApplication.sendEvent(vp, enter)
        move = QDragMoveEvent(pos, actions, mime, left, mods)
        QApplication.sendEvent(vp, move)
        accepted = move.isAccepted()
        dropped = False
        if drop:
            ev = QDropEvent(QPointF(pos), actions, mime, left, mods)
            QApplication.sendEvent(vp, ev)
            dropped = ev.isAccepted()
        QApplication.processEvents()
        return accepted, dropped


def make_grid(qtbot, doc: Document) -> Grid:  # type: ignore[no-untyped-def]
    from orgeditor.ui.bridge import DocumentBridge
    from orgeditor.ui.grid.view import MatrixView
    from orgeditor.ui.selection import Selection

    bridge = DocumentBridge(doc)
    selection = Selection()
    view = MatrixView(bridge, selection)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_reset()  # full-size cards at 100 % (opening may fit a compact level)
    view.scroll_home()
    return Grid(doc, bridge, selection, view)


@pytest.fixture
def grid(qtbot, sample_doc: Document) -> Iterator[Grid]:  # type: ignore[no-untyped-def]
    yield make_grid(qtbot, sample_doc)


@pytest.fixture
def grid_for(qtbot):  # type: ignore[no-untyped-def]
    """A factory: ``grid_for(document)`` shows a MatrixView on any document."""
    return lambda doc: make_grid(qtbot, doc)


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A factory of main windows with their own settings and recovery folder; any message
    box a test did not expect fails it."""
    from orgeditor.samples import sample_org
    from orgeditor.ui.main_window import MainWindow

    def unexpected(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in ("question", "critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(unexpected))
    import orgeditor.ui.grid.deletion as grid_deletion
    from orgeditor.ui.files import file_guard

    monkeypatch.setattr(file_guard, "ask_locked", unexpected)
    monkeypatch.setattr(file_guard, "ask_changed_on_disk", unexpected)
    monkeypatch.setattr(grid_deletion, "ask_pipeline_or_org", unexpected)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    made: list[Any] = []

    def make(doc: Document | None = None, autosave: bool = True) -> Any:
        w = MainWindow(
            doc if doc is not None else Document(sample_org()),
            settings=settings,
            recovery_dir=tmp_path / "recovery",
            autosave=autosave,
        )
        made.append(w)
        return w

    yield make
    for w in made:
        w.discard_and_close()
        w.deleteLater()
