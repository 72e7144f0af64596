"""The main window: the matrix canvas in the middle, docks around it, menus, toolbar, status.

Thin by design: actions and menus live in :mod:`orgeditor.ui.actions`, file commands in
:mod:`orgeditor.ui.file_ops`, autosave in :mod:`orgeditor.ui.recovery`, clipboard in
:mod:`orgeditor.ui.people_clipboard`. The window holds one :class:`DocumentBridge` (switched
to another document on New/Open) and one shared :class:`Selection`.
"""

from __future__ import annotations

import gc
import importlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QWidget,
)

from orgeditor import __version__
from orgeditor.document import Document
from orgeditor.model.entities import Role
from orgeditor.ui.actions import build_actions, build_menus
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.edit_ops import EditOps
from orgeditor.ui.file_ops import FileOps, display_name, recent_files
from orgeditor.ui.inspector import Inspector
from orgeditor.ui.people_list import PeopleList
from orgeditor.ui.recovery import Autosaver, default_recovery_dir, discard, find_recoverable
from orgeditor.ui.selection import Selection
from orgeditor.ui.tree import ReportingTree

__all__ = ["MainWindow"]


def _optional(module: str, name: str) -> Any:
    """A class from a panel module that may be missing from this build (None then)."""
    try:
        return getattr(importlib.import_module(module), name)
    except ImportError:
        return None


class MainWindow(QMainWindow):
    """The editor window for one document at a time."""

    def __init__(
        self,
        document: Document,
        *,
        settings: QSettings | None = None,
        recovery_dir: Path | None = None,
        restore_state: bool = True,
        autosave: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.settings = settings if settings is not None else QSettings()
        self.bridge = DocumentBridge(document, self)
        self.selection = Selection(self)
        self.files = FileOps(self)
        self.edits = EditOps(self)
        self.findings_count: int | None = None
        self._discarding = False
        self.docks: dict[str, QDockWidget] = {}
        self.toolbar: QToolBar | None = None
        self.view: Any = self._make_view()
        self.setCentralWidget(self.view)
        self.actions_ = build_actions(self)
        build_menus(self, self.actions_)
        self._make_docks()
        self._scope_people_shortcuts()
        self._make_status_bar()

        self.recovery_dir = recovery_dir or default_recovery_dir()
        self.autosaver: Autosaver | None = None
        if autosave:
            self.autosaver = Autosaver(lambda: self.bridge.document, self.recovery_dir, parent=self)
            self.autosaver.failed.connect(
                lambda why: self.statusBar().showMessage(f"Autosave failed: {why}", 10_000)
            )
            self.autosaver.start()

        b = self.bridge
        b.changed.connect(self._on_changed)
        b.reset.connect(self._on_reset)
        b.historyChanged.connect(self._update_undo_actions)
        b.modifiedChanged.connect(self._update_title)
        b.pathChanged.connect(lambda _p: self._update_title())
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.timeout.connect(self._update_counts)

        self.setAcceptDrops(True)  # drop an .orgchart file on the window to open it
        self._first_run_size()
        _settle_heap()
        if restore_state:
            self._restore_state()
        self._update_title()
        self._update_undo_actions()
        self._update_counts()

    # ------------------------------------------------------------ building
    def _make_view(self) -> QWidget:
        try:
            from orgeditor.ui.grid.view import MatrixView
        except ImportError:
            label = QLabel("The matrix canvas is not available in this build.")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return label
        view: QWidget = MatrixView(self.bridge, self.selection, self)
        sig = getattr(view, "zoomChanged", None)
        if sig is not None:
            sig.connect(self._on_zoom)
        msg = getattr(view, "statusMessage", None)
        if msg is not None:
            msg.connect(lambda text: self.statusBar().showMessage(text, 4000))
        return view

    def _add_dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        if isinstance(widget, QDockWidget):  # a panel that is its own dock
            dock = widget
            if not dock.objectName():
                dock.setObjectName(f"dock_{key}")
        else:
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock_{key}")
            dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[key] = dock
        self.actions_.docks_menu.addAction(dock.toggleViewAction())

    def _make_docks(self) -> None:
        right = Qt.DockWidgetArea.RightDockWidgetArea
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        # side docks run the full height; a bottom dock sits under the canvas only
        self.setCorner(Qt.Corner.BottomLeftCorner, left)
        self.setCorner(Qt.Corner.BottomRightCorner, right)
        self.inspector = Inspector(self.bridge, self.selection, self)
        self._add_dock("inspector", "Inspector", self.inspector, right)
        self.people_list = PeopleList(self.bridge, self.selection, self)
        self._add_dock("people", "People", self.people_list, left)
        self.tree = ReportingTree(self.bridge, self.selection, self)
        self._add_dock("tree", "Reporting Lines", self.tree, left)
        self.tabifyDockWidget(self.docks["people"], self.docks["tree"])
        self.docks["people"].raise_()
        findings_dock = _optional("orgeditor.ui.findings", "FindingsDock")
        if findings_dock is not None:
            findings = findings_dock(self.bridge, self.selection, self)
            findings.findingsChanged.connect(self._on_findings)
            findings.highlightRequested.connect(self._on_highlight)
            self._add_dock(
                "findings", "Health Checks", findings, Qt.DockWidgetArea.BottomDockWidgetArea
            )
            self.findings_count = 0
        stats_dock = _optional("orgeditor.ui.stats_dock", "StatsDock")
        if stats_dock is not None:
            self._add_dock("stats", "Statistics", stats_dock(self.bridge, self), right)
            self.tabifyDockWidget(self.docks["inspector"], self.docks["stats"])
            self.docks["inspector"].raise_()
        plan_dock = _optional("orgeditor.ui.plan_panel", "PlanDock")
        if plan_dock is not None:
            plan = plan_dock(self.bridge, self)
            plan.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 6000))
            self._add_dock("plan", "Plan", plan, right)
            self.tabifyDockWidget(self.docks["inspector"], self.docks["plan"])
            self.docks["inspector"].raise_()
        changes_dock = _optional("orgeditor.ui.changes", "ChangesDock")
        if changes_dock is not None:  # File > Compare With...: hidden until used
            self.changes = changes_dock(self.bridge, self.selection, self)
            self.changes.highlightRequested.connect(self._on_highlight)
            self._add_dock(
                "changes", "Changes", self.changes, Qt.DockWidgetArea.BottomDockWidgetArea
            )
            if "findings" in self.docks:
                self.tabifyDockWidget(self.docks["findings"], self.changes)
            self.changes.hide()
        horizontal = [self.docks["people"], self.docks["inspector"]]
        self.resizeDocks(horizontal, [280, 320], Qt.Orientation.Horizontal)
        if "findings" in self.docks:
            self.resizeDocks([self.docks["findings"]], [170], Qt.Orientation.Vertical)

    def _scope_people_shortcuts(self) -> None:
        """Cut/Copy/Paste/Delete/Select All keys act on people where people are shown (grid,
        People list, Reporting tree); elsewhere (text fields, the findings list) the focused
        widget keeps its own meaning of those keys. The menu entries work from anywhere."""
        a = self.actions_
        for act in (a.cut, a.copy, a.paste, a.delete, a.select_all, a.rename):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.removeAction(act)
            for widget in (self.view, self.people_list, self.tree):
                widget.addAction(act)

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.people_label = QLabel()
        self.open_label = QLabel()
        self.findings_label = QLabel()
        self.zoom_label = QLabel("Zoom 100 %")
        for lab in (self.people_label, self.open_label, self.findings_label, self.zoom_label):
            lab.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(lab)
        self.findings_label.setVisible(self.findings_count is not None)

    # ------------------------------------------------------------ state
    @property
    def document(self) -> Document:
        return self.bridge.document

    def set_document(self, document: Document) -> None:
        """Show another document (New, Open, Import, Recover)."""
        if self.autosaver is not None:
            self.autosaver.remove()
        self.selection.clear()
        self.bridge.set_document(document)
        self._update_title()
        self._update_undo_actions()
        self._update_counts()
        _settle_heap()

    def _first_run_size(self) -> None:
        """A first window that uses most of the screen (the matrix wants room), centred."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1400, 900)
            return
        area = screen.availableGeometry()
        w = max(1000, min(int(area.width() * 0.92), 2400))
        h = max(700, min(int(area.height() * 0.92), 1500))
        self.resize(min(w, area.width()), min(h, area.height()))
        self.move(area.center() - self.rect().center())

    def _restore_state(self) -> None:
        geo = self.settings.value("window/geometry")
        if isinstance(geo, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geo))
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state))

    def _save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())

    # ------------------------------------------------------------ updates
    def _on_changed(self, _changes: list[Any]) -> None:
        self.selection.prune(self.document.org.people)
        self._status_timer.start(0)

    def _on_reset(self) -> None:
        self.selection.clear()
        self._update_counts()

    def _update_title(self, *_args: object) -> None:
        self.setWindowTitle(f"{display_name(self.document)}[*] — orgeditor")
        self.setWindowModified(self.document.is_modified)

    def _update_undo_actions(self) -> None:
        doc, a = self.document, self.actions_
        a.undo.setEnabled(doc.can_undo)
        a.redo.setEnabled(doc.can_redo)
        a.undo.setText(f"&Undo {doc.undo_label}" if doc.can_undo else "&Undo")
        a.redo.setText(f"&Redo {doc.redo_label}" if doc.can_redo else "&Redo")
        a.undo.setIconText("Undo")  # the toolbar stays put; the tooltip names the step
        a.redo.setIconText("Redo")
        a.undo.setToolTip(a.undo.text().replace("&", ""))
        a.redo.setToolTip(a.redo.text().replace("&", ""))

    def _update_counts(self) -> None:
        people = self.document.org.people
        open_n = sum(1 for p in people.values() if p.role is Role.OPEN)
        n = len(people) - open_n
        self.people_label.setText(f"{n:,} {'person' if n == 1 else 'people'}")
        self.open_label.setText(f"{open_n:,} open position{'' if open_n == 1 else 's'}")
        if self.findings_count is not None:
            k = self.findings_count
            self.findings_label.setText(f"{k:,} finding{'' if k == 1 else 's'}")

    def _on_zoom(self, factor: float) -> None:
        self.zoom_label.setText(f"Zoom {round(factor * 100)} %")

    def _on_findings(self, findings: list[Any]) -> None:
        self.findings_count = len(findings)
        self._update_counts()
        self._view_call("set_findings", findings)

    def _on_highlight(self, subjects: list[Any]) -> None:
        self._view_call("highlight", subjects)

    def _view_call(self, name: str, *args: Any) -> Any:
        fn = getattr(self.view, name, None)
        return fn(*args) if fn is not None else None

    # ------------------------------------------------------------ edit commands
    def undo(self) -> None:
        self.document.undo()

    def redo(self) -> None:
        self.document.redo()

    def focus_find(self) -> None:
        dock = self.docks["people"]
        dock.show()
        dock.raise_()
        self.people_list.focus_search()

    # ------------------------------------------------------------ view commands
    def zoom_in(self) -> None:
        self._view_call("zoom_in")

    def zoom_out(self) -> None:
        self._view_call("zoom_out")

    def zoom_fit(self) -> None:
        self._view_call("zoom_fit")

    def zoom_reset(self) -> None:
        self._view_call("zoom_reset")

    def set_show_dotted(self, on: bool) -> None:
        self._view_call("set_show_dotted", on)

    def set_show_lines(self, on: bool) -> None:
        self._view_call("set_show_lines", on)

    def set_colour_mode(self, mode: str) -> None:
        self._view_call("set_colour_mode", mode)

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About orgeditor",
            f"<h3>orgeditor {__version__}</h3>"
            "<p>Plan, check and draw matrix machine-learning organisations: teams as columns, "
            "model pipelines as rows, solid and dotted reporting lines, tech leads.</p>",
        )

    # ------------------------------------------------------------ files
    def fill_recent_menu(self) -> None:
        menu = self.actions_.recent_menu
        menu.clear()
        items = recent_files(self.settings)
        if not items:
            menu.addAction("No recent files").setEnabled(False)
            return
        for i, path in enumerate(items, 1):
            act = menu.addAction(f"&{i % 10} {path.name}")
            act.setToolTip(str(path))
            act.setStatusTip(str(path))
            act.triggered.connect(lambda _c=False, p=path: self.files.open_path(p))
        menu.addSeparator()
        menu.addAction("Clear Menu").triggered.connect(
            lambda: self.settings.setValue("recentFiles", [])
        )

    def offer_recovery(self) -> bool:
        """Offer the newest document a crashed session autosaved; True when recovered."""
        found = find_recoverable(self.recovery_dir)
        if not found:
            return False
        item = found[0]
        answer = QMessageBox.question(
            self,
            "Recover unsaved changes?",
            f"orgeditor did not close cleanly last time. Recover the unsaved changes to "
            f"{item.title}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            for old in found:
                discard(old)
            return False
        from orgeditor.io.errors import OrgFileError
        from orgeditor.io.orgfile import load

        try:
            org = load(item.data)
        except OrgFileError as e:
            self.files.show_error("Cannot recover", e)
            discard(item)
            return False
        doc = Document(org, item.original)
        doc.mark_modified()
        self.set_document(doc)
        for old in found:
            discard(old)
        if self.autosaver is not None:
            self.autosaver.autosave()
        self.statusBar().showMessage(f"Recovered {item.title}", 5000)
        return True

    # ------------------------------------------------------------ file drops
    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return files[0] if len(files) == 1 and files[0].suffix == ".orgchart" else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.files.open_path(path))

    # ------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._discarding and not self.files.maybe_save():
            event.ignore()
            return
        if not self._discarding:
            self._save_state()
        self._finish()
        event.accept()

    def discard_and_close(self) -> None:
        """Close without asking and without keeping the changes (screenshots, tests)."""
        self._discarding = True
        self._finish()
        self.close()

    def _finish(self) -> None:
        if self.autosaver is not None:
            self.autosaver.stop()
            self.autosaver.remove()


def _settle_heap() -> None:
    """Move the objects of a freshly opened org out of the cyclic garbage collector's way.

    A 20,000-person org is a few hundred thousand objects with no reference cycles; without
    this, a full collection can pause an edit for 50-100 ms. Freed objects are still released
    by reference counting (``gc.freeze`` only exempts them from cycle scans).
    """
    gc.freeze()
