"""Small widgets the inspector pages share: a searchable person picker and an edit guard.

:class:`PeopleNamesModel` lists everybody once ("Name — Title"), shared by every
:class:`PersonPicker` of a window, so a 20,000-person org costs one list, rebuilt only when
people are added, removed or renamed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QMessageBox, QWidget

from orgeditor.errors import is_user_error
from orgeditor.model.summary import ChangeBatch
from orgeditor.ui.bridge import DocumentBridge

__all__ = ["NONE_TEXT", "PeopleNamesModel", "PersonPicker", "guarded"]

NONE_TEXT = "(nobody)"
_Index = QModelIndex | QPersistentModelIndex


def guarded(parent: QWidget, action: Callable[[], Any]) -> bool:
    """Run an edit; a refused edit (a user error) shows its message instead of a traceback."""
    try:
        action()
    except Exception as e:
        if not is_user_error(e):
            raise
        QMessageBox.warning(parent, "Cannot make this change", str(e))
        return False
    return True


class PeopleNamesModel(QAbstractListModel):
    """Row 0 is "(nobody)"; then everybody by name. UserRole holds the id (None for row 0)."""

    def __init__(self, bridge: DocumentBridge, *, fill: bool = True) -> None:
        super().__init__()
        self.bridge = bridge
        self.ids: list[str] = []
        self.labels: list[str] = []
        self.row_of: dict[str, int] = {}
        bridge.changed.connect(self._on_changed)
        bridge.reset.connect(self.rebuild)
        if fill:  # else the owner calls rebuild() when it can wait no longer
            self.rebuild()

    def rebuild(self) -> None:
        people = self.bridge.document.org.people
        items = sorted(
            (
                (p.display_name + (f" — {p.title}" if p.title and p.name else ""), p.id)
                for p in people.values()
            ),
            key=lambda t: t[0].casefold(),
        )
        self.beginResetModel()
        self.labels = [label for label, _ in items]
        self.ids = [pid for _, pid in items]
        self.row_of = {pid: i + 1 for i, pid in enumerate(self.ids)}
        self.endResetModel()

    def _on_changed(self, batch: ChangeBatch) -> None:
        s = batch.summary
        if s.added_ids("person") or s.removed_ids("person") or s.edited("person", "name", "title"):
            self.rebuild()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids) + 1

    def data(self, index: _Index, role: int = 0) -> Any:
        row = index.row()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return NONE_TEXT if row == 0 else self.labels[row - 1]
        if role == Qt.ItemDataRole.UserRole:
            return None if row == 0 else self.ids[row - 1]
        return None


class _PickerLine(QLineEdit):
    """The picker's text field: Enter in the completion list picks the highlighted person.

    Left to itself, an editable combo box answers Enter by re-selecting its old row and
    resetting the text, and the completer then completes from the list filtered by the old
    text: type "Elena", Down, Enter gave back the old manager.
    """

    def __init__(self, picker: PersonPicker) -> None:
        super().__init__(picker)
        self._picker = picker

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            completer = self._picker.completer()
            popup = completer.popup() if completer is not None else None
            if popup is not None and popup.isVisible():
                index = popup.currentIndex()
                if not index.isValid() and completer is not None:
                    index = completer.completionModel().index(0, 0)  # the first match
                if index.isValid():
                    pid = index.data(Qt.ItemDataRole.UserRole)
                    popup.hide()
                    self._picker.pick(pid)
                    event.accept()
                    return
        super().keyPressEvent(event)


class PersonPicker(QComboBox):
    """An editable combo box to pick a person by typing part of a name or title.

    Emits :attr:`picked` with the id (or ``None`` for nobody) when the user chooses.
    """

    picked = Signal(object)

    def __init__(
        self, names: PeopleNamesModel, parent: QWidget | None = None, *, placeholder: str = ""
    ) -> None:
        super().__init__(parent)
        self.names = names
        #: with a placeholder, "nobody" shows as an empty field with that hint (an "add" picker)
        self.placeholder = placeholder
        self.setEditable(True)
        self.setLineEdit(_PickerLine(self))
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.setModel(names)
        completer = QCompleter(names, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(15)
        self.setCompleter(completer)
        completer.activated[QModelIndex].connect(self._on_completer)  # type: ignore[index]
        self.activated.connect(self._on_activated)
        self._current: str | None = None
        names.modelReset.connect(lambda: self.set_person(self._current))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText(placeholder or "Type a name…")
        line.editingFinished.connect(self._revert_text)

    def person(self) -> str | None:
        return self._current

    def set_person(self, pid: str | None) -> None:
        """Show ``pid`` without emitting :attr:`picked`."""
        self._current = pid
        self.blockSignals(True)
        if pid is None and self.placeholder:
            self.setCurrentIndex(-1)
            self.setEditText("")
        else:
            self.setCurrentIndex(self.names.row_of.get(pid, 0) if pid else 0)
        line = self.lineEdit()
        if line is not None:
            line.setCursorPosition(0)  # show the start of a long "Name — Title"
        self.blockSignals(False)

    def _revert_text(self) -> None:
        if self._current is None and self.placeholder:
            self.set_person(None)
            return
        row = self.names.row_of.get(self._current, 0) if self._current else 0
        if self.currentText() != self.names.data(
            self.names.index(row), Qt.ItemDataRole.DisplayRole
        ):
            self.set_person(self._current)

    def _emit(self, pid: str | None) -> None:
        if pid != self._current:
            self._current = pid
            self.picked.emit(pid)

    def _on_activated(self, row: int) -> None:
        self._emit(self.names.data(self.names.index(row), Qt.ItemDataRole.UserRole))

    def pick(self, pid: str | None) -> None:
        """Choose ``pid`` as if the user had (emits :attr:`picked` when it changes)."""
        self._emit(pid)
        self.set_person(pid)

    def _on_completer(self, index: QModelIndex) -> None:
        pid = index.data(Qt.ItemDataRole.UserRole)
        self.set_person(self._current)
        self._emit(pid)
        self.set_person(pid)
