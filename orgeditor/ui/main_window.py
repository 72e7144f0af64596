"""The main window: the matrix canvas in the middle, docks around it, menus, toolbar, status.

Thin by design: actions and menus live in :mod:`orgeditor.ui.actions`, file commands in
:mod:`orgeditor.ui.files.file_ops`, autosave and crash recovery in
:mod:`orgeditor.ui.files.recovery`, clipboard in :mod:`orgeditor.ui.people_clipboard`. The
window holds one :class:`DocumentBridge` (switched to another document on New/Open) and one
shared :class:`Selection`.
"""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QWidget,
)

from orgeditor import __version__
from orgeditor.document import Document
from orgeditor.model.rules.base import Finding
from orgeditor.model.stats import headcount
from orgeditor.model.summary import ChangeBatch
from orgeditor.ui.actions import SHOW_PHOTOS, build_actions, build_menus, editing_actions
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.changes.dock import ChangesDock
from orgeditor.ui.deferred import AfterFirstPaint
from orgeditor.ui.edit_ops import EditOps
from orgeditor.ui.files.file_guard import FileLock
from orgeditor.ui.files.file_ops import FileOps, display_name
from orgeditor.ui.files.hr_ops import HrOps
from orgeditor.ui.files.recovery import Autosaver, default_recovery_dir
from orgeditor.ui.findings.panel import FindingsDock
from orgeditor.ui.grid.view import MatrixView
from orgeditor.ui.inspector.dock import Inspector
from orgeditor.ui.panels.people_list import PeopleList
from orgeditor.ui.panels.stats_dock import StatsDock
from orgeditor.ui.panels.tree import ReportingTree
from orgeditor.ui.plan.panel import PlanDock
from orgeditor.ui.selection import Selection

__all__ = ["MainWindow"]


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
        self.hr = HrOps(self)
        self.edits = EditOps(self)
        self.findings_count = 0
        self._discarding = False
        self.docks: dict[str, QDockWidget] = {}
        #: other windows this one opened (recovered documents)
        self.others: list[MainWindow] = []
        self.toolbar: QToolBar | None = None
        self.view = self._make_view()
        self.setCentralWidget(self.view)
        #: what waits until the canvas has painted once (docks filling, issue 18)
        self.deferred = AfterFirstPaint(self.view.viewport(), self)
        self.actions_ = build_actions(self)
        build_menus(self, self.actions_)
        self._make_docks()
        self._scope_people_shortcuts()
        self._make_status_bar()

        self.recovery_dir = recovery_dir or default_recovery_dir()
        self.autosaver: Autosaver | None = None
        if autosave:
            self.autosaver = Autosaver(lambda: self.bridge.document, self.recovery_dir, parent=self)
            self.autosaver.failed.connect(self._on_autosave_failed)
            self.autosaver.saved.connect(lambda: self.autosave_label.hide())
            self.autosaver.start()

        b = self.bridge
        b.changed.connect(self._on_changed)
        b.reset.connect(self._on_reset)
        b.historyChanged.connect(self._update_undo_actions)
        b.modifiedChanged.connect(self._update_title)
        b.pathChanged.connect(lambda _p: self._update_title())
        b.readOnlyChanged.connect(self._update_read_only)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.timeout.connect(self._update_counts)

        self.setAcceptDrops(True)  # drop an .orgchart file on the window to open it
        self.files.adopt(document, self.files.claim(document.path, can_cancel=False))
        self._first_run_size()
        _settle_heap()
        if restore_state:
            self._restore_state()
        self._update_read_only()
        self._update_counts()

    # ------------------------------------------------------------ building
    def _make_view(self) -> MatrixView:
        view = MatrixView(self.bridge, self.selection, self)
        view.zoomChanged.connect(self._on_zoom)
        view.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 4000))
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
        self.inspector = Inspector(self.bridge, self.selection, self, fill=False)
        self._add_dock("inspector", "Inspector", self.inspector, right)
        self.people_list = PeopleList(self.bridge, self.selection, self, fill=False)
        self.deferred.add(self.people_list.model.refilter)
        self.deferred.add(self.inspector.names.rebuild)
        self._add_dock("people", "People", self.people_list, left)
        self.tree = ReportingTree(self.bridge, self.selection, self)
        self._add_dock("tree", "Reporting Lines", self.tree, left)
        self.tabifyDockWidget(self.docks["people"], self.docks["tree"])
        self.docks["people"].raise_()
        self.findings = FindingsDock(self.bridge, self.selection, self, start=False)
        self.deferred.add(self.findings.start)
        self.findings.findingsChanged.connect(self._on_findings)
        self.findings.highlightRequested.connect(self.view.highlight)
        self.findings.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 5000))
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self._add_dock("findings", "Health Checks", self.findings, bottom)
        self.stats = StatsDock(self.bridge, self, start=False)
        self.deferred.add(self.stats.start)
        self._add_dock("stats", "Statistics", self.stats, right)
        self.tabifyDockWidget(self.docks["inspector"], self.docks["stats"])
        self.plan = PlanDock(self.bridge, self)
        self.plan.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self._add_dock("plan", "Plan", self.plan, right)
        self.tabifyDockWidget(self.docks["inspector"], self.docks["plan"])
        self.docks["inspector"].raise_()
        self.changes = ChangesDock(self.bridge, self.selection, self)  # File > Compare With...
        self.changes.highlightRequested.connect(self.view.highlight)
        self._add_dock("changes", "Changes", self.changes, bottom)
        self.tabifyDockWidget(self.docks["findings"], self.changes)
        self.changes.hide()  # until a comparison is made
        horizontal = [self.docks["people"], self.docks["inspector"]]
        # narrow enough at first start that a 150-person matrix fits a 1920x1200 screen
        # whole with readable names (issue 11); the user's own widths are restored later
        self.resizeDocks(horizontal, [240, 270], Qt.Orientation.Horizontal)
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
        # an autosave failure stays in view until an autosave works again
        self.autosave_label = QLabel()
        self.autosave_label.setStyleSheet("color: #b42318; font-weight: 600;")
        self.autosave_label.hide()
        bar.addWidget(self.autosave_label)
        for lab in (self.people_label, self.open_label, self.findings_label, self.zoom_label):
            lab.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(lab)

    # ------------------------------------------------------------ state
    @property
    def document(self) -> Document:
        return self.bridge.document

    def set_document(
        self, document: Document, claim: tuple[FileLock | None, bool] | None = None
    ) -> None:
        """Show another document (New, Open, Import, Recover). ``claim`` is its file's lock
        (see :meth:`FileOps.claim`), taken here when not given."""
        if claim is None:
            claim = self.files.claim(document.path, can_cancel=False)
        self.files.adopt(document, claim)
        if self.autosaver is not None:
            self.autosaver.remove()
        self.selection.clear()
        # laying out a large org takes seconds on this thread: say so before it starts
        self.statusBar().showMessage(f"Laying out {len(document.org.people):,} people…")
        self.statusBar().repaint()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.bridge.set_document(document)
        finally:
            QApplication.restoreOverrideCursor()
        self.statusBar().clearMessage()
        self._update_read_only()
        self._update_counts()
        _settle_heap()

    def _first_run_size(self) -> None:
        """A first window that uses most of the screen (the matrix wants room), centred;
        maximized on screens up to 1920 px wide, where the whole matrix of a 150-person
        org stays readable only with every pixel (a saved geometry replaces it)."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1400, 900)
            return
        area = screen.availableGeometry()
        if 1280 <= area.width() <= 1920:
            self.setGeometry(area)
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
            return
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
    def _on_changed(self, _batch: ChangeBatch) -> None:
        self.selection.prune(self.document.org.people)
        self._status_timer.start(0)

    def _on_reset(self) -> None:
        self.selection.clear()
        self._update_counts()

    def _update_title(self, *_args: object) -> None:
        read_only = " (read-only)" if self.document.read_only else ""
        self.setWindowTitle(f"{display_name(self.document)}[*]{read_only} — orgeditor")
        self.setWindowModified(self.document.is_modified)

    update_title = _update_title

    def _update_read_only(self, *_args: object) -> None:
        """A read-only document (its file is open in another window): every editing action
        off but Save As, the Inspector shows without editing, the title says so."""
        writable = not self.document.read_only
        for action in editing_actions(self.actions_):
            action.setEnabled(writable)
        self.inspector.stack.setEnabled(writable)
        self._update_undo_actions()
        self._update_title()

    def _update_undo_actions(self) -> None:
        doc, a = self.document, self.actions_
        a.undo.setEnabled(doc.can_undo and not doc.read_only)
        a.redo.setEnabled(doc.can_redo and not doc.read_only)
        a.undo.setText(f"&Undo {doc.undo_label}" if doc.can_undo else "&Undo")
        a.redo.setText(f"&Redo {doc.redo_label}" if doc.can_redo else "&Redo")
        a.undo.setIconText("Undo")  # the toolbar stays put; the tooltip names the step
        a.redo.setIconText("Redo")
        a.undo.setToolTip(a.undo.text().replace("&", ""))
        a.redo.setToolTip(a.redo.text().replace("&", ""))

    def _update_counts(self) -> None:
        count = headcount(self.document.org.people.values())
        n, open_n = count.people, count.open_positions
        self.people_label.setText(f"{n:,} {'person' if n == 1 else 'people'}")
        self.open_label.setText(f"{open_n:,} open position{'' if open_n == 1 else 's'}")
        k = self.findings_count
        self.findings_label.setText(f"{k:,} finding{'' if k == 1 else 's'}")

    def _on_autosave_failed(self, why: str) -> None:
        self.autosave_label.setText(f"Autosave failed: {why}")
        self.autosave_label.setToolTip(
            "Your changes are not being backed up. Save the file, or free the disk space."
        )
        self.autosave_label.show()
        self.statusBar().showMessage(f"Autosave failed: {why}", 10_000)

    def _on_zoom(self, factor: float) -> None:
        self.zoom_label.setText(f"Zoom {round(factor * 100)} %")

    def _on_findings(self, findings: list[Finding]) -> None:
        self.findings_count = len(findings)
        self._update_counts()
        self.view.set_findings(findings)

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
        self.view.zoom_in()

    def zoom_out(self) -> None:
        self.view.zoom_out()

    def zoom_fit(self) -> None:
        self.view.zoom_fit()

    def zoom_reset(self) -> None:
        self.view.zoom_reset()

    def set_show_dotted(self, on: bool) -> None:
        self.view.set_show_dotted(on)

    def set_show_lines(self, on: bool) -> None:
        self.view.set_show_lines(on)

    def set_show_photos(self, on: bool) -> None:
        """View > Show Photos (remembered for the next window)."""
        self.view.set_show_photos(on)
        self.settings.setValue(SHOW_PHOTOS, on)

    def set_colour_mode(self, mode: str) -> None:
        self.view.set_colour_mode(mode)

    def show_shortcuts(self) -> None:
        from orgeditor.ui.dialogs.help_dialog import show_help

        self.help_dialog = show_help(self, self.actions_)

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About orgeditor",
            f"<h3>orgeditor {__version__}</h3>"
            "<p>Plan, check and draw matrix machine-learning organisations: teams as columns, "
            "model pipelines as rows, solid and dotted reporting lines, tech leads.</p>",
        )

    # ------------------------------------------------------------ other windows
    def open_window(self, document: Document) -> MainWindow:
        """Another editor window (a recovered document, say: see
        :func:`~orgeditor.ui.files.recovery.offer_recovery`), kept alive by this one."""
        window = MainWindow(
            document,
            settings=self.settings,
            recovery_dir=self.recovery_dir,
            restore_state=False,
            autosave=self.autosaver is not None,
        )
        self.others.append(window)
        window.show()
        return window

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
            self.autosaver.release()
        self.files.release()


def _settle_heap() -> None:
    """Move the objects of a freshly opened org out of the cyclic garbage collector's way.

    A 20,000-person org is a few hundred thousand objects with no reference cycles; without
    this, a full collection can pause an edit for 50-100 ms. Freed objects are still released
    by reference counting (``gc.freeze`` only exempts them from cycle scans).
    """
    gc.freeze()
