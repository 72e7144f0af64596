"""File > Export...: view, format, theme and options with a live preview; Edit > Copy Diagram.

The dialog is thin: it turns its widgets into :class:`~orgeditor.export.api.ExportOptions`
and hands the work to :mod:`orgeditor.export`. The preview runs Graphviz in a
:class:`QProcess` and draws the SVG with :class:`QSvgRenderer`; the export itself runs on a
copy of the org in a worker thread, so the window stays responsive. The last choices are kept
in :class:`QSettings`.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QProcess,
    QSettings,
    QThread,
    QTimer,
    Signal,
)
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
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from orgeditor.document import Document
from orgeditor.export.api import ExportOptions, build_pages
from orgeditor.export.themes import THEMES, Theme
from orgeditor.ui.dialogs.export_support import (
    KEY,
    ExportWorker,
    SvgPreview,
    copy_diagram,
    last_options,
    put_on_clipboard,
    settings_or_default,
    snapshot,
)
from orgeditor.ui.selection import Selection

__all__ = ["ExportDialog", "copy_diagram", "last_options"]

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
    #: (request number, (page count, DOT text, dot path) or an error message), from a thread
    _laid_out = Signal(int, object)

    def __init__(
        self,
        document: Document,
        selection: Selection | None = None,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Diagram")
        self.document = document
        self.selection = selection
        self.settings = settings_or_default(settings)
        self.preview_ready = False
        self.last_error = ""
        self._proc: QProcess | None = None
        self._thread: QThread | None = None
        self._worker: ExportWorker | None = None
        self._token = 0
        self._laid_out.connect(self._layout_done)
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
        self._changed()
        self.resize(1100, 680)

    # ------------------------------------------------------------------ widgets
    def _build(self) -> None:
        org = self.document.org
        form = QFormLayout()
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
        self.changes_dock = getattr(self.parent(), "changes", None)
        self.mark_changes = QCheckBox("Mark the changes (Changes panel)")
        self.mark_changes.setEnabled(getattr(self.changes_dock, "diff", None) is not None)
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
        self.preview = SvgPreview()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.copy_button = QPushButton("&Copy Diagram")
        self.copy_button.setToolTip("Put a PNG and an SVG of this view on the clipboard")
        self.copy_button.clicked.connect(self.copy)
        self.export_button = QPushButton("&Export...")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.choose_and_export)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
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
        opts = last_options(self.settings)
        self._select(self.view, opts.view)
        self._select(self.theme, opts.theme)
        self._select(self.fmt, str(self.settings.value(KEY + "format", "pdf")))
        self._select(self.slides, str(self.settings.value(KEY + "slides", "editable")))
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
            pipeline=self.pipeline.currentText() or None,
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
            # the tree views' cards; a .dot file cannot hold images
            photos=self.photos.isChecked()
            and self.view.currentData() != "matrix"
            and self.format() != "dot",
        )

    def _changes_theme(self) -> Theme | None:
        diff = getattr(self.changes_dock, "diff", None)
        if diff is None or not self.mark_changes.isChecked():
            return None
        from orgeditor.export.diff_charts import marked_theme

        return marked_theme(diff, str(self.theme.currentData()))

    def format(self) -> str:
        return str(self.fmt.currentData())

    def _save(self) -> None:
        o = self.options()
        s = self.settings
        s.setValue(KEY + "view", o.view)
        s.setValue(KEY + "theme", o.theme)
        s.setValue(KEY + "format", self.format())
        s.setValue(KEY + "slides", str(self.slides.currentData()))
        s.setValue(KEY + "titles", o.titles)
        s.setValue(KEY + "clusters", o.clusters)
        s.setValue(KEY + "stack", o.stack)
        s.setValue(KEY + "depth", -1 if o.depth is None else o.depth)
        s.setValue(KEY + "pipeline", self.pipeline.currentData() or "")
        s.setValue(KEY + "root", o.root or "")
        s.setValue(KEY + "scale", o.scale)
        s.setValue(KEY + "transparent", o.transparent)

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
        self.preview_ready = False
        self._timer.start()

    # ------------------------------------------------------------------ preview
    def refresh_preview(self) -> None:
        """Lay out the page the export would hold first and draw it.

        The DOT text is built in a background thread (the dialog is modal: the org cannot
        change meanwhile) and Graphviz runs in a :class:`QProcess`, so the dialog stays
        responsive with large orgs; a newer request makes older results stale.
        """
        self._token += 1
        token = self._token
        org, opts, fmt = self.document.org, self.options(), self.format()
        self.preview.set_message("Laying out the preview...")

        def work() -> None:
            from orgeditor.errors import is_user_error
            from orgeditor.export.render import find_dot

            try:
                if fmt == "pptx" and not opts.pictures:  # the slide as the deck will hold it
                    from orgeditor.export.pptx_preview import slide_preview_svg

                    with contextlib.suppress(RuntimeError):
                        self._laid_out.emit(token, slide_preview_svg(org, opts))
                    return
                paged = build_pages(org, opts, True)
                count = len(paged)
                if opts.page is not None:
                    dot_text = paged[min(opts.page, count) - 1].dot
                elif fmt in ("pdf", "pptx"):
                    dot_text = paged[0].dot
                else:
                    dot_text = build_pages(org, opts, False)[0].dot
                result: object = (count, dot_text, str(find_dot()))
            except Exception as e:
                result = str(e) if is_user_error(e) else f"The preview failed: {e!r}"
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
                self._laid_out.emit(token, result)

        threading.Thread(target=work, name="export-preview", daemon=True).start()

    def _layout_done(self, token: int, result: object) -> None:
        from orgeditor.export.themes import get_theme

        if token != self._token:
            return
        if isinstance(result, str):
            self._preview_failed(result)
            return
        assert isinstance(result, tuple)
        if isinstance(result[1], bytes):  # an editable slide, drawn already
            self._slide_preview(result[0], result[1])
            return
        count: int = result[0]
        dot_text: str = result[1]
        dot_path: str = result[2]
        opts = self.options()
        self.page.setMaximum(count)
        plural = "page" if count == 1 else "pages"
        self.pages_label.setText(
            f"This view fills {count} slide {plural} (names at least 12 px on a 1920x1080 "
            "slide); PDF and PowerPoint hold them all, SVG and PNG one page or the whole chart."
        )
        if opts.transparent:
            dot_text = dot_text.replace('bgcolor="', 'bgcolor="transparent" x_bg="', 1)
        self._stop_preview()
        proc = QProcess(self)
        self._proc = proc
        background = get_theme(opts.theme).background
        proc.finished.connect(lambda code, _status: self._preview_done(proc, code, background))
        proc.errorOccurred.connect(lambda _err: self._preview_error(proc))
        proc.start(dot_path, ["-Tsvg"])
        proc.write(dot_text.encode("utf-8"))
        proc.closeWriteChannel()
        self.preview.set_message("Rendering the preview...")

    def _slide_preview(self, count: int, svg: bytes) -> None:
        from orgeditor.export.themes import get_theme

        self.page.setMaximum(count)
        plural = "slide" if count == 1 else "slides"
        self.pages_label.setText(
            f"This view fills {count} editable {plural} (names at least 8 pt on a 13.33 in "
            "slide): the preview shows the slide as PowerPoint will draw it."
        )
        self._stop_preview()
        self.preview.set_svg(svg, get_theme(self.options().theme).background)
        self.preview_ready = True
        self.last_error = ""
        self.status.setText("")

    def _stop_preview(self) -> None:
        """Stop a preview still rendering; its late signals are dropped, not delivered."""
        proc, self._proc = self._proc, None
        if proc is None or not shiboken6.isValid(proc):
            return
        with contextlib.suppress(RuntimeError, TypeError):
            proc.finished.disconnect()
            proc.errorOccurred.disconnect()
        if proc.state() != QProcess.ProcessState.NotRunning:
            proc.kill()
            proc.waitForFinished(1000)
        proc.deleteLater()

    def _preview_error(self, proc: QProcess) -> None:
        # The process (or the dialog) may be going away: a dead process reports nothing.
        if proc is self._proc and shiboken6.isValid(proc):
            self._preview_failed(proc.errorString())

    def _preview_done(self, proc: QProcess, code: int, background: str) -> None:
        if proc is not self._proc or not shiboken6.isValid(proc):
            return
        data = bytes(proc.readAllStandardOutput().data())
        if code != 0 or not data:
            err = bytes(proc.readAllStandardError().data()).decode("utf-8", "replace")
            self._preview_failed(f"Graphviz failed: {err.strip()[:300]}")
            return
        self.preview.set_svg(data, background)
        self.preview_ready = True
        self.last_error = ""
        self.status.setText("")

    def _preview_failed(self, message: str) -> None:
        self.last_error = message
        self.preview.set_message(message)
        self.status.setText(message)
        self.preview_ready = True

    # ------------------------------------------------------------------ actions
    def choose_and_export(self) -> None:
        suffix = next(s for k, _label, s in FORMATS if k == self.format())
        # next to the document; a document never saved: where the last export went
        last = str(self.settings.value(KEY + "folder", str(Path.home())))
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
            self.settings.setValue(KEY + "folder", str(Path(path).parent))
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Export to ``path`` in a worker thread (format by suffix), with progress."""
        if self._thread is not None:
            return
        self._save()
        opts = self.options()
        self.export_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setText(f"Exporting {path.name}...")
        thread = QThread(self)
        worker = ExportWorker(snapshot(self.document.org), path, opts)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._progress)
        worker.done.connect(lambda pages: self._export_done(path, pages))
        worker.failed.connect(self._export_failed)
        worker.done.connect(thread.quit)
        worker.failed.connect(thread.quit)
        thread.finished.connect(self._thread_finished)
        self._thread, self._worker = thread, worker
        thread.start()

    def is_exporting(self) -> bool:
        return self._thread is not None

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _export_done(self, path: Path, pages: int) -> None:
        plural = "page" if pages == 1 else "pages"
        self.status.setText(f"Wrote {path} ({pages} {plural}).")
        self.last_error = ""
        self.exported.emit(str(path))

    def _export_failed(self, message: str) -> None:
        self.last_error = message
        self.status.setText(message)

    def _thread_finished(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)

    def copy(self) -> None:
        from orgeditor.errors import is_user_error

        self._save()
        try:
            put_on_clipboard(self.document.org, self.options())
        except Exception as e:
            if not is_user_error(e):
                raise
            self.status.setText(str(e))
            return
        self.status.setText("Diagram copied to the clipboard (PNG and SVG).")

    def done(self, result: int) -> None:
        self._save()
        self._stop_preview()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        super().done(result)
