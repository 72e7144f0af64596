"""Edit menu work for the main window: people on the clipboard, delete, rename, new entities.

Every command is one :class:`~orgeditor.document.Document` call (one undo step); the grid is
asked to show the result (focus, rename in place) when it is there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

from orgeditor.document import Document
from orgeditor.ui.people_clipboard import paste_people, people_from_mime, people_to_mime

if TYPE_CHECKING:
    from orgeditor.ui.main_window import MainWindow

__all__ = ["EditOps"]


class EditOps:
    """The Edit menu's commands for one :class:`~orgeditor.ui.main_window.MainWindow`."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window

    @property
    def document(self) -> Document:
        return self.w.bridge.document

    def copy_people(self) -> bool:
        ids = self.w.selection.people
        if not ids:
            return False
        QGuiApplication.clipboard().setMimeData(people_to_mime(self.document.org, ids))
        self.w.statusBar().showMessage(
            f"Copied {len(ids)} {'person' if len(ids) == 1 else 'people'}", 3000
        )
        return True

    def cut_people(self) -> None:
        ids = self.w.selection.people
        if self.copy_people():
            self.document.remove_people(ids)

    def paste_target(self) -> tuple[str | None, str | None] | None:
        """The cell pasted people go to: the selected person's cell or the selected team."""
        org = self.document.org
        people = [p for p in self.w.selection.people if p in org.people]
        if people:
            return org.cells_of(people[0])[0]
        kind, eid = self.w.selection.entity
        if kind == "team" and eid in org.teams:
            return (eid, None)
        return None

    def paste_people(self) -> list[str]:
        records = people_from_mime(QGuiApplication.clipboard().mimeData())
        if not records:
            self.w.statusBar().showMessage("The clipboard holds no people to paste", 3000)
            return []
        ids = paste_people(self.document, records, self.paste_target())
        self.w.selection.set_people(ids)
        return ids

    def delete_selected(self) -> None:
        self.w.view.delete_selected()

    def rename_selected(self) -> None:
        self.w.view.start_rename_selected()

    def new_person(self) -> str:
        """Add a person to the selected cell (or team), select them and start renaming."""
        cell = self.paste_target() or (None, None)
        pid = self.document.add_person("New person", team=cell[0], pipeline=cell[1])
        self.w.selection.set_entity("", "")
        self.w.selection.set_people([pid])
        self.w.view.focus_person(pid)
        self.w.view.start_rename_selected()
        return pid

    def new_team(self) -> str:
        tid = self.document.add_team(self._unique("team", "New team"))
        self.w.selection.set_people([])
        self.w.selection.set_entity("team", tid)
        self.w.view.start_rename_selected()
        return tid

    def new_pipeline(self) -> str:
        lid = self.document.add_pipeline(self._unique("pipeline", "New pipeline"))
        self.w.selection.set_people([])
        self.w.selection.set_entity("pipeline", lid)
        self.w.view.start_rename_selected()
        return lid

    def _unique(self, kind: str, base: str) -> str:
        org, name, n = self.document.org, base, 1
        while org.find_by_name(kind, name) is not None:
            n += 1
            name = f"{base} {n}"
        return name

    def select_all(self) -> None:
        self.w.view.select_all()
