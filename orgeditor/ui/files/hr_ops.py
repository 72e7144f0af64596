"""File > Update from HR Export... and File > New from Selection...: the window's side of
:mod:`orgeditor.io.hr.hr_update` and :mod:`orgeditor.io.hr.hr_cut`.

Update from HR Export applies the refresh to the open document as one undo step ("Update
from HR export"), keeping the sensitive columns the org already keeps, and shows the change
list. New from Selection opens the org under the selected people (with everyone on a
pipeline and the leaders above) as a new, unsaved document.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from orgeditor.document import Document
from orgeditor.errors import is_user_error
from orgeditor.progress import Cancelled
from orgeditor.ui.progress_sink import run_with_progress

if TYPE_CHECKING:
    from orgeditor.io.hr.hr_update import UpdatePlan
    from orgeditor.ui.main_window import MainWindow

__all__ = ["HrOps"]

_SETTINGS_DIR = "import/last_folder"


class HrOps:
    """The HR commands of one window."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window

    def update_from_hr(self, path: Path | None = None) -> UpdatePlan | None:
        """Refresh the open org from an HR export (asked for when ``path`` is None)."""
        from orgeditor.io.hr.hr_import import import_file
        from orgeditor.io.hr.hr_update import plan_update
        from orgeditor.model.sensitive import sensitive_fields
        from orgeditor.ui.dialogs.import_dialog import FILE_FILTER

        if path is None:
            start = str(QSettings().value(_SETTINGS_DIR, str(Path.home())))
            name, _ = QFileDialog.getOpenFileName(
                self.w, "Update from HR Export", start, FILE_FILTER
            )
            if not name:
                return None
            path = Path(name)
        doc = self.w.document
        try:
            keep = sensitive_fields(doc.org)
            new, report = run_with_progress(
                self.w,
                "Update from HR Export",
                f"Reading {path.name}",
                lambda progress: import_file(path, keep_sensitive=keep, progress=progress),
            )
        except Cancelled:
            self.w.statusBar().showMessage(f"Update from {path.name} cancelled", 4000)
            return None
        except Exception as e:
            if not is_user_error(e):
                raise
            self.show("Update from HR Export", str(e), error=True)
            return None
        plan = plan_update(doc.org, new, report)
        if plan.changes:
            doc.apply_changes(f"Update from HR export {path.name}", plan.changes)
        lines = plan.lines(path.name)
        self.show("Update from HR Export", lines[0], "\n".join(lines))
        return plan

    def new_from_selection(self) -> bool:
        """Open the org under the selected people as a new document."""
        from orgeditor.io.hr.hr_cut import cut_org

        roots = list(self.w.selection.people)
        if not roots:
            self.show("New from Selection", "Select the people whose org to keep first.")
            return False
        if not self.w.files.maybe_save():
            return False
        cut = cut_org(self.w.document.org, roots)
        doc = Document(cut.org)
        doc.mark_modified()
        self.w.set_document(doc)
        self.w.statusBar().showMessage(" ".join(cut.lines()[:1]), 6000)
        return True

    def show(self, title: str, text: str, details: str = "", error: bool = False) -> None:
        """A message box (tests replace this)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information,
            title,
            text,
            QMessageBox.StandardButton.Ok,
            self.w,
        )
        if details:
            box.setDetailedText(details)
        box.exec()
        box.deleteLater()
