"""The findings panel's item model: findings grouped by rule or by severity, with icons.

Row 0 level: one group per rule (or severity); below each group, its findings. The model
filters by text (message and subject names) and keeps the groups' order stable.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from orgeditor.model.rules import RULES, SEVERITIES, Finding

__all__ = ["FindingsModel", "Index", "severity_icon"]

_TITLES = {r.id: r.title for r in RULES}
_SEVERITY_LABEL = {"error": "Errors", "warning": "Warnings", "info": "Information"}

Index = QModelIndex | QPersistentModelIndex


def severity_icon(severity: str) -> QIcon:
    """The standard message-box icon of a severity."""
    style = QApplication.style()
    pixmap = {
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    }.get(severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
    return style.standardIcon(pixmap)


def _haystack(f: Finding) -> str:
    return " ".join([f.rule, f.severity, f.message, *(s.name for s in f.subjects)]).lower()


class FindingsModel(QAbstractItemModel):
    """Two levels: groups (a rule or a severity) and their findings. Holds no org data."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.group_by = "rule"
        self.filter_text = ""
        self._groups: list[tuple[str, str, list[Finding]]] = []  # key, label, findings
        self._icons: dict[str, QIcon] = {}

    def _icon(self, severity: str) -> QIcon:
        if severity not in self._icons:
            self._icons[severity] = severity_icon(severity)
        return self._icons[severity]

    def set_findings(
        self, findings: list[Finding], group_by: str | None = None, text: str | None = None
    ) -> None:
        """Show ``findings`` grouped by ``group_by``; only those whose message or subjects
        contain ``text`` (any case) when it is given."""
        self.beginResetModel()
        if group_by is not None:
            self.group_by = group_by
        if text is not None:
            self.filter_text = text.strip().lower()
        needle = self.filter_text
        groups: dict[str, list[Finding]] = {}
        by_rule = self.group_by == "rule"
        for f in findings:  # sorted by severity then rule: groups come worst first
            if needle and needle not in _haystack(f):
                continue
            groups.setdefault(f.rule if by_rule else f.severity, []).append(f)
        if self.group_by == "severity":
            order = [s for s in SEVERITIES if s in groups]
            self._groups = [(s, _SEVERITY_LABEL[s], groups[s]) for s in order]
        else:
            self._groups = [(k, _TITLES.get(k, k), v) for k, v in groups.items()]
        self.endResetModel()

    # -------------------------------------------------------------- lookups
    def group_key(self, index: Index) -> str | None:
        if index.isValid() and not index.internalId():
            return self._groups[index.row()][0]
        return None

    def finding(self, index: Index) -> Finding | None:
        if not index.isValid() or not index.internalId():
            return None
        return self._groups[index.internalId() - 1][2][index.row()]

    def group_findings(self, index: Index) -> list[Finding]:
        if not index.isValid():
            return []
        if index.internalId():
            f = self.finding(index)
            return [f] if f is not None else []
        return list(self._groups[index.row()][2])

    def group_index(self, key: str) -> QModelIndex:
        for row, (k, _label, _fs) in enumerate(self._groups):
            if k == key:
                return self.index(row, 0)
        return QModelIndex()

    # -------------------------------------------------------------- Qt model
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row < len(self._groups):
                return self.createIndex(row, 0, 0)
            return QModelIndex()
        if parent.internalId():
            return QModelIndex()
        if row < len(self._groups[parent.row()][2]):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or not index.internalId():
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() or parent.column() != 0:
            return 0
        return len(self._groups[parent.row()][2])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self.finding(index)
        if f is None:
            key, label, findings = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{label}  ({len(findings)})"
            if role == Qt.ItemDataRole.DecorationRole:
                worst = min(findings, key=lambda x: SEVERITIES.index(x.severity)).severity
                return self._icon(worst)
            if role == Qt.ItemDataRole.ToolTipRole and self.group_by == "rule":
                why = next((r.why for r in RULES if r.id == key), "")
                return f"{key}: {why}"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f.message
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(f.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            about = ", ".join(s.name for s in f.subjects)
            return f"<b>{f.severity.title()}</b> ({f.rule})<br>{f.message}<br><i>{about}</i>"
        return None
