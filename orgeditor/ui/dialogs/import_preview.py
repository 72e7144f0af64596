"""The Import dialog's table of the file: its first rows, mapped columns and problem rows marked.

:class:`PreviewModel` shows the first :data:`PREVIEW_ROWS` rows of a read
:class:`~orgeditor.io.hr.tabular.Table`, read-only. :meth:`PreviewModel.set_marks` marks each
column header with the field it is read as (or why it is left out) and tints the rows the
:class:`~orgeditor.io.hr.import_report.ImportReport` lists, with the problems as tool tips.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from orgeditor.io.hr.columns import FIELD_LABELS, Mapping
from orgeditor.io.hr.import_report import NOTES, PROBLEMS, ImportReport
from orgeditor.io.hr.tabular import Table
from orgeditor.theme import ERROR, WARNING

__all__ = ["PREVIEW_ROWS", "PreviewModel"]

PREVIEW_ROWS = 200


class PreviewModel(QAbstractTableModel):
    """The first rows of the file, read-only; mapped columns and problem rows marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: Table | None = None
        self.fields_of: dict[int, str] = {}
        self.row_notes: dict[int, tuple[str, str]] = {}  # row number -> (colour, text)

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def set_marks(
        self,
        mapping: Mapping,
        report: ImportReport | None,
        error: str = "",
        error_rows: list[int] | None = None,
    ) -> None:
        self.fields_of = {col: FIELD_LABELS[f] for f, col in mapping.items()}
        if report is not None and self.table is not None:
            header = self.table.header
            for col, name in enumerate(header):
                if col in self.fields_of:
                    continue
                if name in report.empty_columns:
                    self.fields_of[col] = "(empty: ignored)"
                elif any(h == name for h, _c in report.sensitive_dropped):
                    self.fields_of[col] = "(sensitive: left out)"
                elif any(h == name for h, _c in report.sensitive_kept):
                    self.fields_of[col] = "(sensitive: kept, marked)"
        notes: dict[int, tuple[str, list[str]]] = {}
        if report is not None:
            for kind, items in report.problems.items():
                colour = WARNING if kind in NOTES else ERROR
                for row, detail in items:
                    text = PROBLEMS.get(kind, kind) + (f": {detail}" if detail else "")
                    old = notes.get(row)
                    if old is None:
                        notes[row] = (colour, [text])
                    else:
                        old[1].append(text)
                        if colour == ERROR:
                            notes[row] = (ERROR, old[1])
        self.row_notes = {r: (c, "\n".join(t)) for r, (c, t) in notes.items()}
        for row in error_rows or ():
            self.row_notes[row] = (ERROR, error)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.columnCount() - 1))
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.table is None:
            return 0
        return min(PREVIEW_ROWS, len(self.table.rows))

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.table is None:
            return 0
        return len(self.table.header)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        t = self.table
        if t is None or not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            text = t.rows[row][index.column()]
            return text if len(text) < 200 else text[:200] + "…"
        number = t.row_numbers[row]
        if role == Qt.ItemDataRole.BackgroundRole and number in self.row_notes:
            colour = QColor(self.row_notes[number][0])
            colour.setAlpha(45)
            return QBrush(colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            note = self.row_notes.get(number)
            return note[1] if note else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        t = self.table
        if t is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section >= len(t.header):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                field = self.fields_of.get(section)
                name = t.header[section]
                if field and field.startswith("("):
                    return f"{name}\n{field}"
                return f"{name}\n→ {field}" if field else f"{name}\n(custom field)"
            if role == Qt.ItemDataRole.ToolTipRole:
                field = self.fields_of.get(section)
                return f"Read as: {field}" if field else "Kept as a custom field"
            return None
        if role == Qt.ItemDataRole.DisplayRole and section < len(t.row_numbers):
            return str(t.row_numbers[section])
        return None
