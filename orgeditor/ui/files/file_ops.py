"""File menu work for the main window: new, open, recent files, save, save as, import, export.

Every way of leaving the current document (New, Open, Import, Quit) asks first when it has
unsaved changes (Save / Discard / Cancel). A file that cannot be opened shows its one-line
message in a dialog and the current document stays.

The document's file is locked while a window edits it (:mod:`orgeditor.ui.files.file_guard`): a
file already open elsewhere opens read-only or anyway, as the user says. Saving over a file
that changed on disk since it was opened or saved asks (Save As / Overwrite / Cancel), and
whatever goes wrong in a save ends in a dialog, never in an exception out of the menu.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from orgeditor.document import Document
from orgeditor.errors import is_user_error
from orgeditor.io.errors import OrgFileError
from orgeditor.progress import Cancelled
from orgeditor.ui.files import file_guard
from orgeditor.ui.files.file_guard import FileLock, Stamp, disk_stamp
from orgeditor.ui.progress_sink import run_with_progress

if TYPE_CHECKING:
    from orgeditor.ui.main_window import MainWindow

__all__ = ["MAX_RECENT", "FileOps", "add_recent", "recent_files"]

MAX_RECENT = 10
#: the setting that holds the recent files, most recent first
_RECENT = "recentFiles"
FILE_FILTER = "Org charts (*.orgchart);;All files (*)"


def recent_files(settings: QSettings) -> list[Path]:
    """The recent files list (most recent first), dropping files that vanished."""
    raw = settings.value(_RECENT, [])
    items: list[object] = [raw] if isinstance(raw, str) else list(raw or [])  # type: ignore[call-overload]
    return [Path(p) for p in items if isinstance(p, str) and Path(p).is_file()]


def add_recent(settings: QSettings, path: Path) -> None:
    path = path.resolve()
    items = [str(path)] + [str(p) for p in recent_files(settings) if p.resolve() != path]
    settings.setValue(_RECENT, items[:MAX_RECENT])


def display_name(doc: Document) -> str:
    return doc.path.name if doc.path else "Untitled.orgchart"


class FileOps:
    """The File menu's commands for one :class:`~orgeditor.ui.main_window.MainWindow`."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.lock: FileLock | None = None
        #: the file on disk as it was opened or last saved (see file_guard.disk_stamp)
        self.stamp: Stamp | None = None

    @property
    def read_only(self) -> bool:
        """The file is open in another window too: the document refuses edits, and Save
        asks for a new name (which makes it writable)."""
        return self.doc.read_only

    # ------------------------------------------------------------ locks
    def claim(
        self, path: Path | None, can_cancel: bool = True
    ) -> tuple[FileLock | None, bool] | None:
        """Lock ``path`` for this window: (lock, read-only), or None when the user cancels
        because another window has it."""
        if path is None:
            return None, False
        if self.lock is not None and self.lock.path == path and self.lock.held:
            return self.lock, self.read_only
        lock = FileLock(path)
        if lock.acquire():
            return lock, False
        answer = file_guard.ask_locked(self.w, path, lock.owner(), can_cancel)
        if answer is None:
            return None
        return lock, answer == "read-only"

    def adopt(self, doc: Document, claim: tuple[FileLock | None, bool] | None) -> None:
        """The window now shows ``doc``: keep its lock, remember its disk stamp."""
        lock, read_only = claim if claim is not None else (None, False)
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock = lock
        doc.set_read_only(read_only)
        self.stamp = disk_stamp(doc.path)

    def release(self) -> None:
        """Let go of the file (the window closes)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

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
        if not self.maybe_save():  # before the file dialog, not after it
            return False
        start = str(self.doc.path.parent) if self.doc.path else ""
        name, _ = QFileDialog.getOpenFileName(self.w, "Open org chart", start, FILE_FILTER)
        return self.open_path(Path(name), asked=True) if name else False

    def open_path(self, path: Path, asked: bool = False) -> bool:
        """Open ``path`` (after the unsaved-changes prompt unless ``asked``); a bad file
        keeps the current one."""
        if not asked and not self.maybe_save():
            return False
        try:  # a large file reads with a progress dialog and Cancel, the window painting on
            doc = run_with_progress(
                self.w, "Open", f"Opening {path.name}", lambda _p: Document.open(path)
            )
        except Cancelled:
            self.w.statusBar().showMessage(f"Did not open {path.name} (cancelled)", 4000)
            return False
        except OrgFileError as e:
            self.show_error("Cannot open the file", e)
            return False
        claim = self.claim(doc.path)
        if claim is None:
            return False
        self.w.set_document(doc, claim)
        add_recent(self.w.settings, path)
        self.w.statusBar().showMessage(f"Opened {path.name}", 3000)
        return True

    def fill_recent_menu(self) -> None:
        """File > Open Recent, filled each time it opens: the files, then Clear Menu."""
        menu = self.w.actions_.recent_menu
        menu.clear()
        items = recent_files(self.w.settings)
        if not items:
            menu.addAction("No recent files").setEnabled(False)
            return
        for i, path in enumerate(items, 1):
            act = menu.addAction(f"&{i % 10} {path.name}")
            act.setToolTip(str(path))
            act.setStatusTip(str(path))
            act.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        menu.addSeparator()
        menu.addAction("Clear Menu").triggered.connect(
            lambda: self.w.settings.setValue(_RECENT, [])
        )

    def save(self) -> bool:
        if self.doc.path is None or self.read_only:
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
        same = self.doc.path is not None and path.resolve() == self.doc.path.resolve()
        if same and self.stamp is not None and disk_stamp(path) != self.stamp:
            answer = file_guard.ask_changed_on_disk(self.w, path)
            if answer == "save-as":
                return self.save_as()
            if answer != "overwrite":
                return False
        lock = self.lock
        if not same:
            lock = FileLock(path)
            if not lock.acquire():
                self.show_error(
                    "Cannot save the file",
                    f"{path}: it is open in {lock.owner()}; save under another name",
                )
                return False
        try:
            self.doc.save(path, overwrite_read_only=self._confirm_read_only(path))
        except Exception as e:  # a save never raises out of the menu: the user is told
            if lock is not None and lock is not self.lock:
                lock.release()
            self.show_error("Cannot save the file", _save_message(path, e))
            return False
        if lock is not self.lock:
            if self.lock is not None:
                self.lock.release()
            self.lock = lock
        self.stamp = disk_stamp(path)
        self.w.update_title()
        if self.w.autosaver is not None:
            self.w.autosaver.remove()
        add_recent(self.w.settings, path)
        self.w.statusBar().showMessage(f"Saved {path.name}", 3000)
        return True

    def _confirm_read_only(self, path: Path) -> bool:
        """Whether to write over a read-only file: asks the user (the default is No)."""
        try:
            read_only = path.is_file() and not path.stat().st_mode & 0o222
        except OSError:
            return False
        if not read_only:
            return False
        answer = QMessageBox.question(
            self.w,
            "Overwrite a read-only file?",
            f"{path.name} is read-only.\n\nOverwrite it anyway? It stays read-only.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def import_file(self) -> bool:
        from orgeditor.ui.dialogs.import_dialog import run_import_dialog  # (loads openpyxl: lazily)

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
        from orgeditor.ui.dialogs.export_dialog import ExportDialog  # (lazily: a slow import)

        dialog = ExportDialog(self.doc, self.w.selection, self.w)
        dialog.message.connect(lambda text: self.w.statusBar().showMessage(text, 8000))
        dialog.exec()

    def print_view(self) -> bool:
        """File > Print: the whole grid at the level of detail shown, through the system
        print dialog (on several sheets when one would make the names too small)."""
        from orgeditor.ui.dialogs.printing import print_view

        return print_view(self.w.view, display_name(self.doc))

    def print_pdf(self) -> bool:
        """File > Print to PDF: the whole grid, as a PDF next to the document (see Print)."""
        from orgeditor.ui.dialogs.printing import print_to_pdf

        base = self.doc.path.with_suffix(".pdf") if self.doc.path else Path("orgchart.pdf")
        name, _ = QFileDialog.getSaveFileName(
            self.w, "Print to PDF", str(base), "PDF files (*.pdf);;All files (*)"
        )
        if not name:
            return False
        path = Path(name) if Path(name).suffix else Path(name).with_suffix(".pdf")
        try:
            pages = print_to_pdf(self.w.view, path, display_name(self.doc))
        except OSError as e:
            self.show_error("Cannot write the PDF", f"{path}: {e.strerror or e}")
            return False
        sheets = f"{pages} pages" if pages != 1 else "1 page"
        self.w.statusBar().showMessage(f"Wrote {path.name} ({sheets})", 3000)
        return True

    def copy_diagram(self) -> None:
        from orgeditor.progress import Cancelled
        from orgeditor.ui.dialogs.diagram_copy import copy_diagram

        try:
            copy_diagram(self.doc, self.w.selection, parent=self.w)
        except Cancelled:
            self.w.statusBar().showMessage("Copy Diagram cancelled", 3000)
            return
        except Exception as e:
            if not is_user_error(e):
                raise
            self.show_error("Copy Diagram", e)
            return
        self.w.statusBar().showMessage("Diagram copied to the clipboard", 3000)


def _save_message(path: Path, e: BaseException) -> str:
    """What a failed save tells the user (a bug also prints its traceback)."""
    if is_user_error(e):
        return str(e)
    if isinstance(e, OSError):
        return f"{path}: {e.strerror or e}; the file on disk is unchanged"
    traceback.print_exception(e, file=sys.stderr)
    return (
        f"{path}: an internal error stopped the save ({type(e).__name__}: {e}); the file on "
        "disk is unchanged and your work is still here: try Save As"
    )
