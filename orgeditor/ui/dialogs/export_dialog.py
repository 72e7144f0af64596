"""File > Export...: the form: view, format, theme, slides, template and options, the buttons.

The dialog is thin: it turns its widgets into :class:`~orgeditor.export.api.ExportOptions`
and hands the work on: the preview to :class:`~orgeditor.ui.dialogs.export_preview.ExportPreview`,
the export to :func:`~orgeditor.ui.dialogs.export_run.export_in_window` (a worker thread, a
progress dialog with Cancel), Copy Diagram to :mod:`orgeditor.ui.dialogs.diagram_copy`, and
the choices it opens with and remembers to :mod:`orgeditor.ui.dialogs.export_choices`, the
PowerPoint template to :class:`~orgeditor.ui.dialogs.template_picker.TemplatePicker`.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from orgeditor.document import Document
from orgeditor.errors import is_user_error
from orgeditor.export.api import ExportOptions
from orgeditor.export.themes import THEMES, Theme
from orgeditor.progress import Cancelled
from orgeditor.ui.dialogs.diagram_copy import put_on_clipboard
from orgeditor.ui.dialogs.export_choices import (
    Choices,
    last_choices,
    save_choices,
    settings_or_default,
)
from orgeditor.ui.dialogs.export_preview import ExportPreview
from orgeditor.ui.dialogs.export_run import export_in_window, exported_message
from orgeditor.ui.dialogs.template_picker import TemplatePicker, for_window
from orgeditor.ui.selection import Selection

if TYPE_CHECKING:
    from orgeditor.model.compare import Comparison
    from orgeditor.ui.changes.dock import ChangesDock
    from orgeditor.ui.main_window import MainWindow

__all__ = ["ExportDialog"]

VIEWS = [
    ("reporting", "Reporting lines"),
    ("matrix", "Teams x pipelines (matrix)"),
    ("subtree", "One manager's org"),
    ("pipeline", "One pipeline"),
]
FORMATS = [
    ("pdf", "PDF document (.pdf)", ".pdf"),
    ("pptx", "PowerPoint slides (.pptx)", ".pptx"),
    ("svg", "SVG image (.svg)", ".svg"),
    ("png", "PNG image (.png)", ".png"),
    ("dot", "Graphviz DOT (.dot)", ".dot"),
]


class ExportDialog(QDialog):
    """Options, live preview, Export... and Copy Diagram."""

    #: emitted after a successful export with the output path
    exported = Signal(str)
    #: a line for the window's status bar ("Exported 3 pages to FILE", "Export cancelled")
    message = Signal(str)

    def __init__(
        self,
        document: Document,
        selection: Selection | None = None,
        window: MainWindow | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(window)
        #: the window's Changes dock (its comparison marks the export), or None without a window
        self.changes_dock: ChangesDock | None = window.changes if window is not None else None
        self.setWindowTitle("Export Diagram")
        self.document = document
        self.selection = selection
        self.settings = settings_or_default(settings)
        self.last_error = ""
        self._busy = False
        self._build()
        self._restore()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh_preview)
        for w in self._inputs:
            if isinstance(w, QCheckBox):
                w.toggled.connect(self._changed)
            elif isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self._changed)
            elif isinstance(w, QSpinBox | QDoubleSpinBox):
                w.valueChanged.connect(self._changed)
        self.template.changed.connect(self._template_changed)
        self._changed()
        self.resize(1100, 680)

    # ------------------------------------------------------------------ widgets
    def _build(self) -> None:
        org = self.document.org
        form = QFormLayout()
        self.form = form
        self.view = QComboBox()
        for key, label in VIEWS:
            self.view.addItem(label, key)
        self.root = QComboBox()
        people = sorted(org.people.values(), key=lambda p: p.display_name.casefold())
        managers = [p for p in people if org.direct_reports(p.id)] or people
        for p in managers:
            self.root.addItem(f"{p.display_name} ({len(org.direct_reports(p.id))})", p.id)
        self.levels = QSpinBox()
        self.levels.setRange(-1, 50)
        self.levels.setSpecialValueText("All levels")
        self.pipeline = QComboBox()
        for pl in org.ordered_pipelines():
            self.pipeline.addItem(pl.name, pl.id)
        self.theme = QComboBox()
        for name, theme in THEMES.items():
            self.theme.addItem(f"{name.title()}: {theme.description}", name)
        self.fmt = QComboBox()
        for key, label, _suffix in FORMATS:
            self.fmt.addItem(label, key)
        self.slides = QComboBox()  # PowerPoint: editable shapes or pictures of the pages
        self.slides.addItem("Editable: boxes, lines and tables", "editable")
        self.slides.addItem("Pictures of the pages", "pictures")
        self.template = TemplatePicker()
        self.template.refused.connect(self._show_error)
        self.titles = QCheckBox("Job titles on cards")
        self.clusters = QComboBox()
        for key, label in (
            ("", "No boxes"),
            ("team", "Box each team"),
            ("unit", "Box each org unit"),
        ):
            self.clusters.addItem(label, key)
        self.stack = QCheckBox("Stack leaf reports under their manager")
        self.page = QSpinBox()
        self.page.setRange(0, 9999)
        self.page.setSpecialValueText("All (whole chart for SVG/PNG/DOT)")
        self.scale = QDoubleSpinBox()
        self.scale.setRange(0.25, 8.0)
        self.scale.setSingleStep(0.25)
        self.scale.setSuffix(" x 96 DPI")
        self.transparent = QCheckBox("Transparent background (PNG, SVG)")
        # the photos kept in the org, on the cards of the exported file (not in the preview)
        self.photos = QCheckBox("Photos on cards (the exported file)")
        # the change diagrams: marks of the window's Changes dock (orgeditor.ui.changes.dock)
        self.mark_changes = QCheckBox("Mark the changes (Changes panel)")
        self.mark_changes.setEnabled(self._diff() is not None)
        form.addRow("&View:", self.view)
        form.addRow("&Manager:", self.root)
        form.addRow("&Levels:", self.levels)
        form.addRow("&Pipeline:", self.pipeline)
        form.addRow("&Theme:", self.theme)
        form.addRow("", self.titles)
        form.addRow("&Groups:", self.clusters)
        form.addRow("", self.stack)
        form.addRow("&Format:", self.fmt)
        form.addRow("S&lides:", self.slides)
        template_label = QLabel("Templ&ate:")
        template_label.setBuddy(self.template.browse)
        form.addRow(template_label, self.template)
        form.addRow("Pa&ge:", self.page)
        form.addRow("&Scale:", self.scale)
        form.addRow("", self.transparent)
        form.addRow("", self.photos)
        form.addRow("", self.mark_changes)
        self.pages_label = QLabel()
        self.pages_label.setWordWrap(True)
        form.addRow("", self.pages_label)
        self._inputs: list[QWidget] = [
            self.view,
            self.root,
            self.levels,
            self.pipeline,
            self.theme,
            self.fmt,
            self.slides,
            self.titles,
            self.clusters,
            self.stack,
            self.page,
            self.scale,
            self.transparent,
            self.mark_changes,
        ]
        self.preview = ExportPreview()
        self.preview.laid_out.connect(self._laid_out)
        self.preview.finished.connect(self._preview_finished)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.copy_button = QPushButton("&Copy Diagram")
        self.copy_button.setToolTip("Put a PNG and an SVG of this view on the clipboard")
        self.copy_button.clicked.connect(self.copy)
        self.export_button = QPushButton("&Export...")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.choose_and_export)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        left = QWidget()
        left.setLayout(form)
        left.setMaximumWidth(420)
        top = QHBoxLayout()
        top.addWidget(left)
        top.addWidget(self.preview, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), self, self.copy)

    def _restore(self) -> None:
        choices = last_choices(self.settings)
        opts = choices.options
        self._select(self.view, opts.view)
        self._select(self.theme, opts.theme)
        self._select(self.fmt, choices.format)
        self._select(self.slides, choices.slides)
        self.template.set_path(opts.template, check=False)
        if self.document.path:
            self.template.start_folder = str(self.document.path.parent)
        if opts.pipeline:
            self._select(self.pipeline, opts.pipeline)
        picked = self.selection.people if self.selection is not None else []
        org = self.document.org
        root = picked[0] if picked else opts.root
        if root is None and org.people:
            roots = org.roots()
            root = max(roots, key=lambda r: len(org.direct_reports(r))) if roots else None
        if root and self.root.findData(root) < 0 and root in self.document.org.people:
            person = self.document.org.people[root]
            self.root.addItem(person.display_name, root)
        if root:
            self._select(self.root, root)
        self.levels.setValue(-1 if opts.depth is None else opts.depth)
        self.titles.setChecked(opts.titles)
        self._select(self.clusters, opts.clusters)
        self.stack.setChecked(opts.stack)
        self.scale.setValue(opts.scale)
        self.transparent.setChecked(opts.transparent)

    @staticmethod
    def _select(combo: QComboBox, data: str) -> None:
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    # ------------------------------------------------------------------ options
    def options(self) -> ExportOptions:
        """The dialog's choices as export options."""
        depth = self.levels.value()
        return ExportOptions(
            view=str(self.view.currentData()),
            root=self.root.currentData(),
            pipeline=self.pipeline.currentData() or None,
            depth=None if depth < 0 else depth,
            theme=str(self.theme.currentData()),
            titles=self.titles.isChecked(),
            clusters=str(self.clusters.currentData() or ""),
            stack=self.stack.isChecked(),
            page=self.page.value() or None,
            scale=self.scale.value(),
            transparent=self.transparent.isChecked(),
            theme_object=self._changes_theme(),
            pictures=self.slides.currentData() == "pictures",
            template=self.template.path(),
            # the tree views' cards; a .dot file cannot hold images
            photos=self.photos.isChecked()
            and self.view.currentData() != "matrix"
            and self.format() != "dot",
        )

    def _diff(self) -> Comparison | None:
        """The Changes dock's comparison, if the window has one open."""
        return self.changes_dock.diff if self.changes_dock is not None else None

    def _changes_theme(self) -> Theme | None:
        diff = self._diff()
        if diff is None or not self.mark_changes.isChecked():
            return None
        from orgeditor.export.diff_charts import marked_theme

        return marked_theme(diff, str(self.theme.currentData()))

    def format(self) -> str:
        return str(self.fmt.currentData())

    def _save(self, folder: str = "") -> None:
        choices = Choices(self.options(), self.format(), str(self.slides.currentData()), folder)
        save_choices(self.settings, choices)

    def _changed(self) -> None:
        view = self.view.currentData()
        self.root.setEnabled(view == "subtree")
        self.levels.setEnabled(view == "subtree")
        self.pipeline.setEnabled(view == "pipeline")
        self.clusters.setEnabled(view in ("reporting", "subtree"))
        self.stack.setEnabled(view != "matrix")
        fmt = self.format()
        self.scale.setEnabled(fmt == "png")
        self.transparent.setEnabled(fmt in ("png", "svg"))
        self.slides.setEnabled(fmt == "pptx")
        self.form.setRowVisible(self.template, fmt == "pptx")
        self.preview.ready = False
        self._timer.start()

    def _template_changed(self, _path: str) -> None:
        self.status.setText("")  # a refused template's message is answered
        self._changed()

    # ------------------------------------------------------------------ preview
    @property
    def preview_ready(self) -> bool:
        return self.preview.ready

    def refresh_preview(self) -> None:
        """Lay out and draw the page the export would hold first (in the background)."""
        self.preview.request(self.document.org, self.options(), self.format())

    def _laid_out(self, count: int, slides: str) -> None:
        self.page.setMaximum(count)
        if slides:
            plural = "slide" if count == 1 else "slides"
            self.pages_label.setText(
                f"This view fills {count} editable {plural} (names at least 8 pt on a "
                f"{slides} slide): the preview shows the slide as PowerPoint will draw it."
            )
            return
        plural = "page" if count == 1 else "pages"
        self.pages_label.setText(
            f"This view fills {count} slide {plural} (names at least 12 px on a 1920x1080 "
            "slide); PDF and PowerPoint hold them all, SVG and PNG one page or the whole chart."
        )

    def _preview_finished(self, error: str) -> None:
        if error:
            self._show_error(for_window(error))
        elif not self._busy:
            self.last_error = ""
            self.status.setText("")

    # ------------------------------------------------------------------ actions
    def choose_and_export(self) -> None:
        suffix = next(s for k, _label, s in FORMATS if k == self.format())
        # next to the document; a document never saved: where the last export went
        last = last_choices(self.settings).folder or str(Path.home())
        folder = str(self.document.path.parent) if self.document.path else last
        base = self.document.path.stem if self.document.path else "orgchart"
        name = f"{base}-{self.view.currentData()}{suffix}"
        label = self.fmt.currentText()
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export Diagram", str(Path(folder) / name), f"{label};;All files (*)"
        )
        if path:
            if not Path(path).suffix:
                path += suffix
            self.export_to(Path(path), folder=str(Path(path).parent))

    def export_to(self, path: Path, folder: str = "") -> int | None:
        """Export to ``path`` (format by suffix) on a worker thread, with progress and Cancel.

        Returns the pages written, or None when the export failed or was cancelled (the
        dialog says why; nothing is written).
        """
        if self._busy:
            return None
        self._save(folder)
        opts = self.options()
        self._set_busy(True)
        self.status.setText(f"Exporting {path.name}...")
        try:
            pages = export_in_window(self, self.document.org, path, opts)
        except Cancelled:
            self.last_error = ""
            self.status.setText(f"Export cancelled: nothing was written to {path.name}.")
            self.message.emit("Export cancelled")
            return None
        except Exception as e:  # shown in the dialog, never lost
            if is_user_error(e):
                text = for_window(str(e))
            else:
                traceback.print_exception(e, file=sys.stderr)
                text = f"Export failed: {e!r}"
            self._show_error(text)
            self.message.emit(text)
            return None
        finally:
            self._set_busy(False)
        plural = "page" if pages == 1 else "pages"
        self.status.setText(f"Wrote {path} ({pages} {plural}).")
        self.last_error = ""
        self.message.emit(exported_message(path, pages))
        self.exported.emit(str(path))
        return pages

    def is_exporting(self) -> bool:
        """Whether an export (or a Copy Diagram) is under way."""
        return self._busy

    def _set_busy(self, on: bool) -> None:
        self._busy = on
        for button in (self.export_button, self.copy_button, self.close_button):
            button.setEnabled(not on)

    def _show_error(self, message: str) -> None:
        self.last_error = message
        self.status.setText(message)

    def copy(self) -> None:
        if self._busy:
            return
        self._save()
        self._set_busy(True)
        try:
            put_on_clipboard(self.document.org, self.options(), self)
        except Cancelled:
            self.status.setText("Copy Diagram cancelled: the clipboard is unchanged.")
            return
        except Exception as e:
            if not is_user_error(e):
                raise
            self._show_error(for_window(str(e)))
            return
        finally:
            self._set_busy(False)
        self.status.setText("Diagram copied to the clipboard (PNG and SVG).")

    def done(self, result: int) -> None:
        if self._busy:  # the progress dialog's Cancel stops the export first
            return
        self._save()
        self.preview.stop()
        super().done(result)
