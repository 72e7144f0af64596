"""The Reporting Lines dock: the solid-line forest as a tree, dotted reports shown apart.

:class:`ReportingModel` is a :class:`QAbstractItemModel` over the org itself: nodes are
loaded when a branch is first shown and hold only ids. It follows ``bridge.changed``
row by row (a new manager removes a row under the old one and inserts it under the new one)
instead of resetting. Under each manager, dotted-line reports follow the solid ones, in
italics with a dashed icon. Dropping people onto a person makes that person their manager
(one undo step); dropping them on the empty area below the tree removes their manager.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QVBoxLayout, QWidget

from orgeditor.document import Document
from orgeditor.model.org import Org
from orgeditor.model.summary import ChangeBatch
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.selection import Selection

__all__ = [
    "TREE_MIME",
    "ReportingModel",
    "ReportingTree",
    "can_reassign",
    "people_mime",
    "tree_roots",
]

TREE_MIME = "application/x-orgeditor-person-ids"
_Index = QModelIndex | QPersistentModelIndex
MUTED = QColor("#616e7c")


def tree_roots(org: Org) -> list[str]:
    """People shown at the top: those without a manager, plus one person of each cycle."""
    roots = [pid for pid, p in org.people.items() if p.manager is None]
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        stack.extend(org.direct_reports(pid))
    if len(seen) < len(org.people):
        for pid in org.people:
            if pid in seen:
                continue
            roots.append(pid)
            stack = [pid]
            while stack:
                cur = stack.pop()
                if cur in seen:
                    continue
                seen.add(cur)
                stack.extend(org.direct_reports(cur))
    return roots


def can_reassign(org: Org, people: list[str], manager: str | None) -> bool:
    """Whether ``manager`` may become the solid manager of all ``people`` (no cycles)."""
    if not people or any(p not in org.people for p in people):
        return False
    if manager is None:
        return True
    if manager not in org.people:
        return False
    above = {manager, *org.manager_chain(manager)}
    return not any(p in above for p in people)


def _grid_dnd() -> Any:
    """The grid's drag-and-drop module (its card MIME type), when the grid is there."""
    try:
        from orgeditor.ui.grid import dnd
    except ImportError:
        return None
    return dnd


def people_mime(org: Org, ids: list[str]) -> QMimeData:
    """Drag data for people: the tree's own format plus the grid's card format, so people
    dragged from the tree or the People list can be dropped on a cell of the matrix."""
    grid = _grid_dnd()
    if grid is not None:
        mime: QMimeData = grid.encode_people([(p, org.cells_of(p)[0]) for p in ids])
    else:
        mime = QMimeData()
        mime.setText("\n".join(ids))
    mime.setData(TREE_MIME, QByteArray("\n".join(ids).encode("utf-8")))
    return mime


class _Node:
    __slots__ = ("children", "dotted", "parent", "pid")

    def __init__(self, pid: str | None, parent: _Node | None, dotted: bool = False) -> None:
        self.pid = pid
        self.parent = parent
        self.dotted = dotted
        self.children: list[_Node] | None = None


def _dashed_icon() -> QIcon:
    pix = QPixmap(16, 16)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    pen = QPen(MUTED, 2, Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawLine(1, 8, 15, 8)
    painter.end()
    return QIcon(pix)


class ReportingModel(QAbstractItemModel):
    """Solid reporting lines as a tree (two columns: name, title)."""

    def __init__(self, bridge: DocumentBridge) -> None:
        super().__init__()
        self.bridge = bridge
        self.root = _Node(None, None)
        self._nodes: dict[str, list[_Node]] = {}
        self._dashed = _dashed_icon()
        bridge.changed.connect(self._on_changed)
        bridge.reset.connect(self._reset)

    @property
    def org(self) -> Org:
        return self.bridge.document.org

    @property
    def document(self) -> Document:
        return self.bridge.document

    # ------------------------------------------------------------ structure
    def _desired(self, node: _Node) -> list[tuple[str, bool]]:
        org = self.org
        if node.pid is None:
            return [(p, False) for p in tree_roots(org)]
        if node.dotted or node.pid not in org.people:
            return []
        return [(r, False) for r in org.direct_reports(node.pid)] + [
            (r, True) for r in org.dotted_reports(node.pid)
        ]

    def _children(self, node: _Node) -> list[_Node]:
        if node.children is None:
            node.children = [_Node(p, node, d) for p, d in self._desired(node)]
            for c in node.children:
                self._nodes.setdefault(c.pid or "", []).append(c)
        return node.children

    def _forget(self, node: _Node) -> None:
        lst = self._nodes.get(node.pid or "")
        if lst is not None and node in lst:
            lst.remove(node)
        for c in node.children or ():
            self._forget(c)

    def _index_of(self, node: _Node, column: int = 0) -> QModelIndex:
        if node.parent is None:
            return QModelIndex()
        siblings = node.parent.children or []
        return self.createIndex(siblings.index(node), column, node)

    def _sync(self, node: _Node) -> None:
        """Bring a loaded node's children in line with the org, row by row."""
        if node.children is None:
            return
        want = self._desired(node)
        want_set = set(want)
        parent = self._index_of(node)
        for row in range(len(node.children) - 1, -1, -1):
            c = node.children[row]
            if (c.pid, c.dotted) not in want_set:
                self.beginRemoveRows(parent, row, row)
                self._forget(c)
                del node.children[row]
                self.endRemoveRows()
        have = [(c.pid, c.dotted) for c in node.children]
        kept = [w for w in want if w in set(have)]
        if kept != have:  # the order changed: start this branch over
            self.beginRemoveRows(parent, 0, len(node.children) - 1)
            for c in node.children:
                self._forget(c)
            node.children = []
            self.endRemoveRows()
            have = []
        for row, key in enumerate(want):
            if (
                row < len(node.children)
                and (node.children[row].pid, node.children[row].dotted) == key
            ):
                continue
            self.beginInsertRows(parent, row, row)
            new = _Node(key[0], node, key[1])
            node.children.insert(row, new)
            self._nodes.setdefault(key[0], []).append(new)
            self.endInsertRows()

    def _reset(self) -> None:
        self.beginResetModel()
        self.root = _Node(None, None)
        self._nodes = {}
        self.endResetModel()

    def _on_changed(self, batch: ChangeBatch) -> None:
        s = batch.summary
        touched = s.edited("person")
        # the managers whose reports (solid or dotted) changed
        parents = {manager for _report, manager, _kind in s.lines}
        if s.edited("person", "manager") or s.added_ids("person") | s.removed_ids("person"):
            self._sync(self.root)
        for pid in parents:
            for node in list(self._nodes.get(pid, ())):
                if not node.dotted:
                    self._sync(node)
        for pid in touched:
            for node in self._nodes.get(pid, ()):
                self.dataChanged.emit(self._index_of(node, 0), self._index_of(node, 1))

    def indexes_of(self, pid: str) -> list[QModelIndex]:
        """Indexes showing ``pid`` as a solid report, loading the branch above it."""
        org = self.org
        if pid not in org.people:
            return []
        path = [*reversed(org.manager_chain(pid)), pid]
        node = self.root
        for step in path:
            nxt = next((c for c in self._children(node) if c.pid == step and not c.dotted), None)
            if nxt is None:
                return []
            node = nxt
        return [self._index_of(node)]

    # ------------------------------------------------------------ Qt model API
    def node(self, index: _Index) -> _Node:
        if not index.isValid():
            return self.root
        node: _Node = index.internalPointer()
        return node

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        kids = self._children(self.node(parent))
        if 0 <= row < len(kids) and 0 <= column < 2:
            return self.createIndex(row, column, kids[row])
        return QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self.node(index).parent
        if node is None or node.parent is None:
            return QModelIndex()
        return self._index_of(node)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(self.node(parent)))

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        node = self.node(parent)
        if node.children is not None:
            return bool(node.children)
        if node.pid is None:
            return bool(self.org.people)
        if node.dotted:
            return False
        org = self.org
        return bool(org._reports.get(node.pid) or org._dotted_reports.get(node.pid))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Name", "Title")[section]
        return None

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        p = self.org.people.get(node.pid or "")
        if p is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return p.display_name if index.column() == 0 else p.title
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "dotted-line report" if node.dotted else "reports"
            return f"{p.display_name}, {p.title}" + (f" ({kind})" if node.dotted else "")
        if role == Qt.ItemDataRole.FontRole and (node.dotted or p.is_open):
            f = QFont()
            f.setItalic(True)
            return f
        if role == Qt.ItemDataRole.ForegroundRole and node.dotted:
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0 and node.dotted:
            return self._dashed
        if role == Qt.ItemDataRole.UserRole:
            return p.id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return (
            base
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    # ------------------------------------------------------------ drag and drop
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        grid = _grid_dnd()
        return [TREE_MIME] + ([grid.PEOPLE_MIME] if grid is not None else [])

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        ids = [p for p in dict.fromkeys(self.node(i).pid for i in indexes if i.isValid()) if p]
        return people_mime(self.org, ids)

    @staticmethod
    def dragged_ids(mime: QMimeData) -> list[str]:
        """Person ids from a tree or People-list drag, or from cards dragged off the grid."""
        if mime.hasFormat(TREE_MIME):
            raw = bytes(mime.data(TREE_MIME).data()).decode("utf-8")
            return [p for p in raw.split("\n") if p]
        grid = _grid_dnd()
        items = grid.decode_people(mime) if grid is not None else None
        return list(dict.fromkeys(p for p, _cell in items or []))

    def _target(self, row: int, parent: _Index) -> str | None:
        del row
        return self.node(parent).pid if parent.isValid() else None

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        if self.document.read_only:
            return False
        ids = self.dragged_ids(data)
        return can_reassign(self.org, ids, self._target(row, parent))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        ids = self.dragged_ids(data)
        target = self._target(row, parent)
        if self.document.read_only or not can_reassign(self.org, ids, target):
            return False
        ids = [p for p in ids if self.org.people[p].manager != target]
        if not ids:
            return False
        if len(ids) == 1:
            self.document.set_manager(ids[0], target)
        else:
            self.document.set_managers(ids, target)
        return False  # the model already moved the rows; the view must not remove any


class ReportingTree(QWidget):
    """The dock's widget: a tree view following the shared selection."""

    def __init__(
        self, bridge: DocumentBridge, selection: Selection, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.selection = selection
        self.model = ReportingModel(bridge)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setAnimated(False)
        self.view.header().resizeSection(0, 200)
        self.view.setToolTip("Drag people onto a manager to change their solid reporting line")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view)
        self._syncing = False
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection)
        selection.changed.connect(self._on_selection)
        self.model.modelReset.connect(self._expand_top)
        # a row that moved (new manager) is a new row: select it again once the edit is done
        self._reselect = QTimer(self)
        self._reselect.setSingleShot(True)
        self._reselect.timeout.connect(lambda: self._on_selection(self.selection.people))
        self.model.rowsInserted.connect(lambda *_a: self._reselect.start(0))
        self._expand_top()

    def _expand_top(self) -> None:
        if len(self.model.org.people) <= 300:  # a small org: show everybody
            self.view.expandAll()
            return
        roots = self.model.rowCount()
        if roots <= 20:
            for r in range(roots):
                self.view.expand(self.model.index(r, 0))

    def _on_view_selection(self, *_args: object) -> None:
        if self._syncing:
            return
        ids = [self.model.node(i).pid for i in self.view.selectionModel().selectedRows()]
        self._syncing = True
        try:
            self.selection.set_people(p for p in ids if p)
        finally:
            self._syncing = False

    def _on_selection(self, ids: list[str]) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            sel = QItemSelection()
            first: QModelIndex | None = None
            for pid in ids[:50]:
                for idx in self.model.indexes_of(pid):
                    up = idx.parent()
                    while up.isValid():
                        self.view.expand(up)
                        up = up.parent()
                    sel.select(idx, idx.siblingAtColumn(1))
                    first = first or idx
            self.view.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if first is not None:
                self.view.scrollTo(first)
        finally:
            self._syncing = False
