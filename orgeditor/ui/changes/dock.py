"""The Changes dock: what changed between another version of the org and the open document.

File > Compare With File... (or Compare With Last Saved Version) loads the other version as
the *old* org; the open document is the *new* one. The dock lists the changes of
:func:`orgeditor.model.compare.compare` grouped as ``orgeditor diff`` groups them (Moved,
Hired, Left, Filled, New manager, ...), with counts and a filter; clicking a change selects
its person, team or pipeline and scrolls the grid to it (:attr:`ChangesDock.highlightRequested`).
The grid marks changed cards, lists the people who left in their old cells and shows
``+N / -N`` on the team and pipeline headers (:func:`grid_marks`, handed to
``MatrixScene.set_changes``). Edits made afterwards update the comparison (debounced). "Export
Diagrams..." writes the change diagrams (:mod:`orgeditor.export.diff_charts`), and the Export
dialog's "Mark the changes" draws any view with the changed cards marked.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgeditor.model.compare import Comparison, compare
from orgeditor.model.org import Org
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.selection import Selection

if TYPE_CHECKING:
    from orgeditor.ui.main_window import MainWindow

__all__ = ["DEBOUNCE_MS", "ChangesDock", "GridMarks", "grid_marks"]

#: edits are collected this long before the comparison is made again (ms)
DEBOUNCE_MS = 300

#: person id -> (label, colour); cell -> names of people who left it; (kind, id) -> "+N / -N"
GridMarks = tuple[
    dict[str, tuple[str, str]],
    dict[tuple[str | None, str | None], list[str]],
    dict[tuple[str, str], str],
]


def grid_marks(diff: Comparison) -> GridMarks:
    """What the grid shows of a comparison (see the module docstring)."""
    from orgeditor.export.change_marks import change_marks

    cards = {pid: (m.sign, m.border or "#52606d") for pid, m in change_marks(diff).items()}
    old, new = diff.old, diff.new
    ghosts: dict[tuple[str | None, str | None], list[str]] = {}
    pairs_t = diff.pairs.get("team", {})
    pairs_l = diff.pairs.get("pipeline", {})
    for c in diff.leavers():
        pid = c.subject.id
        if pid not in old.people:
            continue
        for team, pipe in old.cells_of(pid):
            cell = (pairs_t.get(team) if team else None, pairs_l.get(pipe) if pipe else None)
            ghosts.setdefault(cell, []).append(c.subject.name or "Open position")
    joined: dict[tuple[str, str], int] = {}
    left: dict[tuple[str, str], int] = {}
    back_p = {n: o for o, n in diff.pairs.get("person", {}).items()}
    for pid, p in new.people.items():  # teams: own team; pipelines: any placement
        oid = back_p.get(pid)
        was = old.people.get(oid) if oid is not None else None
        old_team: str | None = pairs_t.get(was.team) if was is not None and was.team else None
        if p.team and p.team != old_team:
            joined[("team", p.team)] = joined.get(("team", p.team), 0) + 1
        if was is not None and old_team and old_team != p.team:
            left[("team", old_team)] = left.get(("team", old_team), 0) + 1
        now = {pl for _t, pl in new._placements.get(pid, {})}
        before = {pairs_l.get(pl) for _t, pl in old._placements.get(oid, {})} if oid else set()
        for added in now - before:
            joined[("pipeline", added)] = joined.get(("pipeline", added), 0) + 1
        for gone in before - now:
            if gone is not None:
                left[("pipeline", gone)] = left.get(("pipeline", gone), 0) + 1
    for c in diff.leavers():
        d = c.old
        if d.get("team"):
            key = ("team", pairs_t.get(d["team"]["id"], ""))
            left[key] = left.get(key, 0) + 1
        for v in d.get("placements", []):
            key = ("pipeline", pairs_l.get(v["pipeline"]["id"], ""))
            left[key] = left.get(key, 0) + 1
    headers = {
        key: f"+{joined.get(key, 0)} / -{left.get(key, 0)}"
        for key in set(joined) | set(left)
        if key[1]
    }
    return cards, ghosts, headers


class ChangesDock(QDockWidget):
    """The change list of a comparison with another version of the org."""

    #: ``[(kind, id)]`` to select and show on the grid
    highlightRequested = Signal(list)
    #: the comparison was made (again)
    compared = Signal(object)

    def __init__(
        self, bridge: DocumentBridge, selection: Selection, window: MainWindow | None = None
    ) -> None:
        super().__init__("Changes", window)
        self.setObjectName("dock_changes")
        self.bridge = bridge
        self.selection = selection
        self.window_ = window
        self.base: Org | None = None
        self.base_label = ""
        self.diff: Comparison | None = None
        body = QWidget(self)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.summary = QLabel("Compare with another version: File > Compare With File...")
        self.summary.setWordWrap(True)
        row.addWidget(self.summary, 1)
        self.by_name = QCheckBox("Match by name")
        self.by_name.setToolTip(
            "Match people, teams and pipelines by exact name (two HR exports that renumbered)"
        )
        self.by_name.toggled.connect(lambda _on: self.base is not None and self.refresh())
        row.addWidget(self.by_name)
        self.export_button = QToolButton()
        self.export_button.setText("Export Diagrams...")
        self.export_button.clicked.connect(self.export_diagrams)
        self.export_button.setEnabled(False)
        row.addWidget(self.export_button)
        self.close_button = QToolButton()
        self.close_button.setText("End Comparison")
        self.close_button.clicked.connect(self.end_comparison)
        self.close_button.setEnabled(False)
        row.addWidget(self.close_button)
        lay.addLayout(row)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter changes by name, team or kind")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        lay.addWidget(self.filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        lay.addWidget(self.tree)
        self.setWidget(body)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._refresh_if_comparing)
        bridge.changed.connect(self._on_changed)
        bridge.reset.connect(self._on_reset)
        self.compare_file_action = QAction("Compare With &File...", self)
        self.compare_file_action.triggered.connect(self.choose_file)
        self.compare_saved_action = QAction("Compare With &Last Saved Version", self)
        self.compare_saved_action.triggered.connect(self.compare_with_saved)
        if window is not None:
            _add_to_file_menu(window, [self.compare_file_action, self.compare_saved_action])

    # ------------------------------------------------------------ comparing
    def compare_with(self, base: Org, label: str) -> Comparison:
        """Compare ``base`` (the old version) with the open document; show the dock."""
        self.base, self.base_label = base, label
        diff = self.refresh()
        self.show()
        self.raise_()
        return diff

    def compare_with_file(self, path: str | Path) -> Comparison:
        from orgeditor.io.orgfile import load

        return self.compare_with(load(path), Path(path).name)

    def compare_with_saved(self) -> Comparison | None:
        path = self.bridge.document.path
        if path is None or not Path(path).exists():
            self._say("This document has not been saved yet: there is no saved version.", True)
            return None
        from orgeditor.io.errors import OrgFileError

        try:
            return self.compare_with_file(path)
        except OrgFileError as e:
            self._say(str(e))
            return None

    def choose_file(self) -> None:
        start = str(self.bridge.document.path.parent) if self.bridge.document.path else ""
        path, _f = QFileDialog.getOpenFileName(
            self, "Compare With", start, "Org charts (*.orgchart);;All files (*)"
        )
        if not path:
            return
        from orgeditor.io.errors import OrgFileError

        try:
            self.compare_with_file(path)
        except OrgFileError as e:
            self._say(str(e))

    def refresh(self) -> Comparison:
        assert self.base is not None
        match = "name" if self.by_name.isChecked() else "id"
        diff = compare(self.base, self.bridge.document.org, match)
        self.diff = diff
        self._fill(diff)
        self._mark_grid(grid_marks(diff))
        self.export_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.compared.emit(diff)
        return diff

    def _refresh_if_comparing(self) -> None:
        if self.base is not None:  # the comparison may have ended since the timer started
            self.refresh()

    def end_comparison(self) -> None:
        self._timer.stop()
        self.base = self.diff = None
        self.tree.clear()
        self.summary.setText("Compare with another version: File > Compare With File...")
        self.export_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self._mark_grid(({}, {}, {}))

    def _on_changed(self, _changes: list[Any]) -> None:
        if self.base is not None:
            self._timer.start(DEBOUNCE_MS)

    def _on_reset(self) -> None:
        self.end_comparison()

    # ------------------------------------------------------------ showing
    def _fill(self, diff: Comparison) -> None:
        from orgeditor.export.diff_report import change_groups

        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        n = len(diff.changes)
        self.summary.setText(
            f"Since {self.base_label}: {n} change{'s' if n != 1 else ''}"
            if n
            else f"No changes since {self.base_label}"
        )
        items = []
        for title, group in change_groups(diff):
            top = QTreeWidgetItem([f"{title} ({len(group)})"])
            f = top.font(0)
            f.setBold(True)
            top.setFont(0, f)
            children = []
            for line in group:
                child = QTreeWidgetItem([line.text])
                c = line.change
                child.setData(0, Qt.ItemDataRole.UserRole, (c.subject.kind, c.subject.id, c.kind))
                children.append(child)
            top.addChildren(children)
            items.append(top)
        self.tree.addTopLevelItems(items)
        for top in items:
            top.setExpanded(top.childCount() <= 50)
        self.tree.setUpdatesEnabled(True)
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            shown = 0
            for k in range(top.childCount()):
                child = top.child(k)
                if child is None:
                    continue
                hay = f"{top.text(0)} {child.text(0)}".casefold()
                hide = bool(needle) and needle not in hay
                child.setHidden(hide)
                shown += not hide
            top.setHidden(shown == 0)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if not data:
            return
        kind, id, change = data
        org = self.bridge.document.org
        if kind in ("person", "team", "pipeline") and org.has(kind, id):
            self.highlightRequested.emit([(kind, id)])
        elif change == "removed":
            self._say(f"{item.text(0)}: not in this version (they left)", status=True)

    def _mark_grid(self, marks: GridMarks) -> None:
        if self.window_ is not None:
            self.window_.view.matrix.set_changes(*marks)

    def _say(self, text: str, status: bool = False) -> None:
        if status and self.window_ is not None:
            self.window_.statusBar().showMessage(text, 5000)
        else:
            QMessageBox.information(self, "Compare", text)

    # ------------------------------------------------------------ export
    def export_diagrams(self) -> None:
        if self.diff is None:
            return
        path, _f = QFileDialog.getSaveFileName(
            self,
            "Export Change Diagrams",
            "changes.pdf",
            "PDF (*.pdf);;PowerPoint (*.pptx);;SVG (*.svg);;PNG (*.png)",
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path, mark: str = "") -> int:
        from orgeditor.errors import UserError
        from orgeditor.export.diff_charts import export_change_diagrams

        assert self.diff is not None
        doc = self.bridge.document
        new_label = doc.path.name if doc.path else (doc.org.name or "this version")
        try:
            return export_change_diagrams(
                [self.diff], [self.base_label, new_label], path, mark=mark
            )
        except UserError as e:
            self._say(str(e))
            return 0


def _add_to_file_menu(window: MainWindow, actions: list[QAction]) -> None:
    """Put the actions after the File menu's Export entry (or at its end)."""
    bar = window.menuBar()
    for top in bar.actions():
        menu = top.menu()
        if not isinstance(menu, QMenu) or top.text().replace("&", "") != "File":
            continue
        entries = menu.actions()
        export = window.actions_.export
        after = entries.index(export) + 1 if export in entries else len(entries)
        before = entries[after] if after < len(entries) else None
        for act in actions:
            if before is not None:
                menu.insertAction(before, act)
            else:
                menu.addAction(act)
        return
