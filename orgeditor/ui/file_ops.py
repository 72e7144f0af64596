"""File menu work for the main window: new, open, recent files, save, save as, import, export.

Every way of leaving the current document (New, Open, Import, Quit) asks first when it has
unsaved changes (Save / Discard / Cancel). A file that cannot be opened shows its one-line
message in a dialog and the current document stays.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from orgeditor.document import Document
from orgeditor.errors import is_user_error
from orgeditor.io.errors import OrgFileError

if TYPE_CHECKING:
    from orgeditor.ui.main_window import MainWindow

__all__ = ["MAX_RECENT", "FileOps", "add_recent", "recent_files"]

MAX_RECENT = 10
FILE_FILTER = "Org charts (*.orgchart);;All files (*)"


def recent_files(settings: QSettings) -> list[Path]:
    """The recent files list (most recent first), dropping files that vanished."""
    raw = settings.value("recentFiles", [])
    items: list[object] = [raw] if isinstance(raw, str) else list(raw or [])  # type: ignore[call-overload]
    return [Path(p) for p in items if isinstance(p, str) and Path(p).is_file()]


def add_recent(settings: QSettings, path: Path) -> None:
    path = path.resolve()
    items = [str(path)] + [str(p) for p in recent_files(settings) if p.resolve() != path]
    settings.setValue("recentFiles", items[:MAX_RECENT])


def display_name(doc: Document) -> str:
    return doc.path.name if doc.path else "Untitled.orgchart"


class FileOps:
    """The File menu's commands for one :class:`~orgeditor.ui.main_window.MainWindow`."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window

    @property
    def doc(self) -> Document:
        return self.w.bridge.document

    # ------------------------------------------------------------ prompts
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded or clean)."""
        if not self.doc.is_modified:
            return True
        answer = QMessageBox.question(
            self.w,
            "Unsaved changes",
            f"Save the changes to {display_name(self.doc)} before closing it?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def show_error(self, title: str, error: BaseException | str) -> None:
        QMessageBox.critical(self.w, title, str(error))

    # ------------------------------------------------------------ commands
    def new_file(self) -> bool:
        if not self.maybe_save():
            return False
        self.w.set_document(Document())
        self.w.statusBar().showMessage("New org", 3000)
        return True

    def open_file(self) -> bool:
        start = str(self.doc.path.parent) if self.doc.path else ""
        name, _ = QFileDialog.getOpenFileName(self.w, "Open org chart", start, FILE_FILTER)
        return self.open_path(Path(name)) if name else False

    def open_path(self, path: Path) -> bool:
        """Open ``path`` (after the unsaved-changes prompt); a bad file keeps the current one."""
        if not self.maybe_save():
            return False
        try:
            doc = Document.open(path)
        except OrgFileError as e:
            self.show_error("Cannot open the file", e)
            return False
        self.w.set_document(doc)
        add_recent(self.w.settings, path)
        self.w.statusBar().showMessage(f"Opened {path.name}", 3000)
        return True

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        start = str(self.doc.path) if self.doc.path else display_name(self.doc)
        name, _ = QFileDialog.getSaveFileName(self.w, "Save org chart as", start, FILE_FILTER)
        if not name:
            return False
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".orgchart")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            self.doc.save(path)
        except Exception as e:
            if not is_user_error(e):
                raise
            self.show_error("Cannot save the file", e)
            return False
        if self.w.autosaver is not None:
            self.w.autosaver.remove()
        add_recent(self.w.settings, path)
        self.w.statusBar().showMessage(f"Saved {path.name}", 3000)
        return True

    def import_file(self) -> bool:
        from orgeditor.ui.import_dialog import run_import_dialog  # (loads openpyxl: lazily)

        if not self.maybe_save():
            return False
        org = run_import_dialog(self.w)
        if org is None:
            return False
        doc = Document(org)
        doc.mark_modified()
        self.w.set_document(doc)
        self.w.statusBar().showMessage(f"Imported {len(org.people)} people", 4000)
        return True

    def export(self) -> None:
        from orgeditor.ui.export_dialog import ExportDialog  # (lazily: a slow import)

        ExportDialog(self.doc, self.w.selection, self.w).exec()

    def copy_diagram(self) -> None:
        from orgeditor.ui.export_dialog import copy_diagram

        try:
            copy_diagram(self.doc, self.w.selection)
        except Exception as e:
            if not is_user_error(e):
                raise
            self.show_error("Copy Diagram", e)
            return
        self.w.statusBar().showMessage("Diagram copied to the clipboard", 3000)
