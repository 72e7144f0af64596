"""The window's selection: which people (and which team, pipeline or cell) are selected.

Shared by the grid, the inspector, the trees and the findings panel, so selecting in one
selects everywhere. Holds ids only.
"""

from __future__ import annotations

from collections.abc import Container, Iterable

from PySide6.QtCore import QObject, Signal

__all__ = ["Selection"]


class Selection(QObject):
    """Selected people (ordered, by id) plus an optional current team/pipeline/unit."""

    #: emitted with the new list of person ids whenever the selection changes
    changed = Signal(list)
    #: (kind, id) of a selected team, pipeline or unit header, or ("", "") for none
    currentEntityChanged = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._people: list[str] = []
        self._entity: tuple[str, str] = ("", "")

    @property
    def people(self) -> list[str]:
        return list(self._people)

    @property
    def entity(self) -> tuple[str, str]:
        return self._entity

    def set_people(self, ids: Iterable[str]) -> None:
        new = list(dict.fromkeys(ids))
        if new != self._people:
            self._people = new
            self.changed.emit(list(new))

    def clear(self) -> None:
        self.set_people([])
        self.set_entity("", "")

    def set_entity(self, kind: str, id: str) -> None:
        if (kind, id) != self._entity:
            self._entity = (kind, id)
            self.currentEntityChanged.emit(kind, id)

    def prune(self, existing: Container[str]) -> None:
        """Forget people that no longer exist (after a delete or undo); ``existing`` is
        asked about the selected ids only (pass the org's people mapping itself)."""
        self.set_people(p for p in self._people if p in existing)
