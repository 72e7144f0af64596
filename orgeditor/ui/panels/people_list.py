"""The People dock: everybody in a searchable, filterable table; selecting selects on the grid.

The table model keeps only a list of person ids (the rows that pass the search and the team
and role filters, sorted by name) and reads names from the org when asked, so it costs nothing
per person. It follows edits row by row: a person added (or now passing the filters) is
inserted at their sorted place, one removed (or filtered out) is removed, a renamed one is
moved, so the table keeps its selection and scroll position; only a batch that moves many
rows at once (a large delete, undo of an import) resets the table.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgeditor.model.entities import Role
from orgeditor.model.org import Org
from orgeditor.model.summary import ChangeBatch
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.panels.tree import TREE_MIME, people_mime
from orgeditor.ui.selection import Selection

__all__ = ["PeopleList", "PeopleModel", "matches"]

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Name", "Title", "Team", "Role")
NO_TEAM = "\x00none"
#: more rows than this to insert, move or remove in one batch: one reset is cheaper
BULK_ROWS = 50
#: the person fields that decide a row's place (the name shown, the title for an open
#: position) and the other fields the filters read
_NAME_FIELDS = ("name", "title")
_FILTER_FIELDS = ("team", "role")


def matches(org: Org, pid: str, words: list[str], team: str | None, role: str | None) -> bool:
    """Whether a person passes the search words (name or title) and the filters."""
    p = org.people[pid]
    if team is not None and (p.team or NO_TEAM) != team:
        return False
    if role is not None and p.role.value != role:
        return False
    if words:
        hay = f"{p.display_name} {p.title}".casefold()
        return all(w in hay for w in words)
    return True


class PeopleModel(QAbstractTableModel):
    """Rows are the people passing the filters, sorted by name."""

    def __init__(self, bridge: DocumentBridge, *, fill: bool = True) -> None:
        super().__init__()
        self.bridge = bridge
        self.ids: list[str] = []
        self.row_of: dict[str, int] = {}
        self.words: list[str] = []
        self.team: str | None = None
        self.role: str | None = None
        bridge.changed.connect(self._on_changed)
        bridge.reset.connect(self.refilter)
        if fill:  # else the owner calls refilter() when it can wait no longer
            self.refilter()

    @property
    def org(self) -> Org:
        return self.bridge.document.org

    def set_filters(self, text: str, team: str | None, role: str | None) -> None:
        self.words = text.casefold().split()
        self.team, self.role = team, role
        self.refilter()

    def _key(self, pid: str) -> tuple[str, str]:
        """The sort key of a row: the name as shown, case-folded, then the id."""
        return (self.org.people[pid].display_name.casefold(), pid)

    def _wanted(self, pid: str) -> bool:
        org = self.org
        return pid in org.people and matches(org, pid, self.words, self.team, self.role)

    def refilter(self) -> None:
        ids = [pid for pid in self.org.people if self._wanted(pid)]
        ids.sort(key=self._key)
        self.beginResetModel()
        self.ids = ids
        self.row_of = {pid: i for i, pid in enumerate(ids)}
        self.endResetModel()

    def _on_changed(self, batch: ChangeBatch) -> None:
        s = batch.summary
        filtered = bool(self.words) or self.team is not None or self.role is not None
        people = s.added_ids("person") | s.removed_ids("person") | s.edited("person", *_NAME_FIELDS)
        if filtered:
            people |= s.edited("person", *_FILTER_FIELDS)
        if len(people) > BULK_ROWS:
            self.refilter()
            return
        gone = [p for p in people if p in self.row_of and not self._wanted(p)]
        for pid in gone:
            self._remove_row(self.row_of[pid])
        pending = {p for p in people if p in self.row_of}
        for pid in list(pending):
            self._move_row(pid, pending)
        for pid in sorted(p for p in people if p not in self.row_of and self._wanted(p)):
            self._insert_row(pid)
        rows = [self.row_of[p] for p in s.people if p in self.row_of]
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))
        if s.teams and self.ids:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self.ids) - 1, 2))

    # ----------------------------------------------------------- row edits
    def _renumber(self, start: int, stop: int | None = None) -> None:
        ids = self.ids
        stop = len(ids) if stop is None else stop
        self.row_of.update(zip(ids[start:stop], range(start, stop), strict=True))

    def _remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.row_of[self.ids.pop(row)]
        self.endRemoveRows()
        self._renumber(row)

    def _insert_row(self, pid: str) -> None:
        row = self._place_of(self._key(pid), set())
        self.beginInsertRows(QModelIndex(), row, row)
        self.ids.insert(row, pid)
        self.endInsertRows()
        self._renumber(row)

    def _move_row(self, pid: str, pending: set[str]) -> None:
        """Move ``pid`` to its sorted place among the rows not in ``pending`` (rows still to
        be moved, ``pid`` among them, are out of order and not compared)."""
        row = self.row_of[pid]
        to = self._place_of(self._key(pid), pending)
        pending.discard(pid)
        if to in (row, row + 1):
            return
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to)
        self.ids.pop(row)
        self.ids.insert(to - 1 if to > row else to, pid)
        self.endMoveRows()
        self._renumber(min(row, to), max(row, to - 1) + 1)

    def _place_of(self, key: tuple[str, str], pending: set[str]) -> int:
        """Where a row with ``key`` goes: a binary search over the rows not in ``pending``."""
        ids = self.ids
        lo, hi = 0, len(ids)
        while lo < hi:
            mid = (lo + hi) // 2
            probe = mid
            while probe < hi and ids[probe] in pending:
                probe += 1
            if probe < hi and self._key(ids[probe]) < key:
                lo = probe + 1
            else:
                hi = mid
        return lo

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [TREE_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        """Dragged rows: drop them on a grid cell (move) or a person in the tree (manager)."""
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return people_mime(self.org, [self.ids[r] for r in rows if r < len(self.ids)])

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self.ids):
            return None
        p = self.org.people.get(self.ids[index.row()])
        if p is None:
            return None
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return p.display_name
            if col == 1:
                return p.title
            if col == 2:
                team = self.org.teams.get(p.team) if p.team else None
                return team.name if team else "—"
            return p.role.label
        if role == Qt.ItemDataRole.FontRole and p.is_open:
            f = QFont()
            f.setItalic(True)
            return f
        if role == Qt.ItemDataRole.UserRole:
            return p.id
        return None


class PeopleList(QWidget):
    """Search box, team and role filters, and the table."""

    def __init__(
        self,
        bridge: DocumentBridge,
        selection: Selection,
        parent: QWidget | None = None,
        *,
        fill: bool = True,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.selection = selection
        self.model = PeopleModel(bridge, fill=fill)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search name or title  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.team_filter = QComboBox()
        self.team_filter.setToolTip("Show one team only")
        self.role_filter = QComboBox()
        self.role_filter.setToolTip("Show one role only")
        for combo in (self.team_filter, self.role_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        self.role_filter.addItem("All roles", None)
        for r in Role:
            self.role_filter.addItem(r.label, r.value)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 150)
        header.resizeSection(1, 150)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.team_filter, 1)
        filters.addWidget(self.role_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self._apply_filters)
        self.search.textChanged.connect(lambda _t: self._filter_timer.start())
        self.team_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.role_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.search.returnPressed.connect(self._select_first)
        self._syncing = False
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)
        selection.changed.connect(self._on_selection)
        self.model.modelReset.connect(lambda: self._on_selection(selection.people))
        bridge.reset.connect(self._fill_teams)
        bridge.reset.connect(self._clear_search)  # another file: an old search finds nobody
        bridge.changed.connect(self._on_doc_changed)
        self._fill_teams()

    def _clear_search(self) -> None:
        if self.search.text():
            self.search.clear()
            self._filter_timer.stop()
            self._apply_filters()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_doc_changed(self, batch: ChangeBatch) -> None:
        if batch.summary.teams or "team" in batch.summary.structure:
            self._fill_teams()

    def _fill_teams(self) -> None:
        current = self.team_filter.currentData()
        self.team_filter.blockSignals(True)
        self.team_filter.clear()
        self.team_filter.addItem("All teams", None)
        org = self.bridge.document.org
        for t in org.ordered_teams():
            self.team_filter.addItem(t.name, t.id)
        self.team_filter.addItem("No team", NO_TEAM)
        i = self.team_filter.findData(current)
        self.team_filter.setCurrentIndex(max(i, 0))
        self.team_filter.blockSignals(False)
        if i < 0 and current is not None:
            self._apply_filters()

    def _apply_filters(self) -> None:
        self.model.set_filters(
            self.search.text(), self.team_filter.currentData(), self.role_filter.currentData()
        )

    def _select_first(self) -> None:
        self._filter_timer.stop()
        self._apply_filters()
        if self.model.ids:
            self.selection.set_people([self.model.ids[0]])

    def _on_table_selection(self, *_args: object) -> None:
        if self._syncing:
            return
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.ids[r] for r in rows if r < len(self.model.ids)]
        self._syncing = True
        try:
            self.selection.set_people(ids)
            if ids:
                self.selection.set_entity("", "")
        finally:
            self._syncing = False

    def _on_selection(self, ids: list[str]) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            sel = QItemSelection()
            last = self.model.columnCount() - 1
            for pid in ids[:2000]:
                row = self.model.row_of.get(pid)
                if row is not None:
                    sel.select(self.model.index(row, 0), self.model.index(row, last))
            sm = self.table.selectionModel()
            sm.select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if ids and ids[0] in self.model.row_of:
                self.table.scrollTo(self.model.index(self.model.row_of[ids[0]], 0))
        finally:
            self._syncing = False
