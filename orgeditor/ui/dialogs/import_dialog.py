"""File > Import...: pick a CSV or Excel file, check and change the column mapping, import.

The dialog shows how the file was read (encoding, delimiter or sheet), the detected column of
every field in a combo box of the file's columns, the first rows with the mapped columns
marked and the rows with problems tinted, and the import report, updated as the user changes
the mapping, the sheet or "leave out rows that cannot be imported" (the table of rows is
:class:`~orgeditor.ui.dialogs.import_preview.PreviewModel`). Sensitive columns
(salary, e-mail, phone, ...) are listed with a check box each, unticked: they are left out
unless the user ticks them (then kept and marked sensitive). The work is done by
:mod:`orgeditor.io` (``read_table``, ``detect_mapping``, ``import_table``): the dialog only
holds the user's choices. :func:`run_import_dialog` returns the imported org, which the window
opens as a new, unsaved document.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgeditor.io.errors import OrgFileError
from orgeditor.io.hr.columns import FIELD_LABELS, FIELDS, Mapping, detect_mapping
from orgeditor.io.hr.hr_import import import_table
from orgeditor.io.hr.import_report import ImportReport
from orgeditor.io.hr.tabular import Table, read_table
from orgeditor.model.org import Org
from orgeditor.model.sensitive import sensitive_category
from orgeditor.progress import Cancelled
from orgeditor.ui.dialogs.import_preview import PreviewModel
from orgeditor.ui.progress_sink import run_with_progress

__all__ = ["FILE_FILTER", "ImportDialog", "run_import_dialog"]

FILE_FILTER = (
    "Spreadsheets and CSV (*.csv *.tsv *.txt *.xlsx *.xlsm);;CSV (*.csv *.tsv *.txt);;"
    "Excel workbooks (*.xlsx *.xlsm);;All files (*)"
)
_NOT_USED = "(not used)"
_SETTINGS_DIR = "import/last_folder"


class ImportDialog(QDialog):
    """Shows what an import of ``path`` would do and lets the user adjust the mapping."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import People")
        self.setModal(True)
        self.resize(1100, 720)
        self.table: Table | None = None
        self.detected: Mapping = {}
        self.mapping: Mapping = {}
        self.org: Org | None = None
        self.report: ImportReport | None = None
        self.error = ""
        #: what loading the photos did (after Import)
        self.photo_lines: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh_now)
        self._building = False  # an import runs on its worker thread (a progress dialog)
        self._again = False  # a choice changed meanwhile: import again once it is done
        self._build()
        if path is not None:
            self.load(path)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("File:"))
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("Choose a CSV or Excel file exported from your HR system")
        top.addWidget(self.path_edit, 1)
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.clicked.connect(self.browse)
        top.addWidget(self.browse_button)
        self.sheet_label = QLabel("&Sheet:")
        self.sheet_combo = QComboBox()
        self.sheet_label.setBuddy(self.sheet_combo)
        self.sheet_combo.currentTextChanged.connect(self._sheet_changed)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet_combo)
        outer.addLayout(top)
        self.how_label = QLabel("")
        self.how_label.setObjectName("importHow")
        outer.addWidget(self.how_label)

        split = QSplitter(Qt.Orientation.Horizontal)
        columns = QGroupBox("Columns")
        form = QFormLayout(columns)
        self.combos: dict[str, QComboBox] = {}
        for field in FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"map_{field}")
            combo.setMinimumContentsLength(22)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.currentIndexChanged.connect(lambda _i, f=field: self._combo_changed(f))
            self.combos[field] = combo
            form.addRow(FIELD_LABELS[field] + ":", combo)
        self.reset_button = QPushButton("&Reset to Detected")
        self.reset_button.clicked.connect(self.reset_mapping)
        form.addRow(self.reset_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(columns)
        self.sensitive_group = QGroupBox("Sensitive columns (left out unless ticked)")
        self.sensitive_group.setObjectName("importSensitive")
        self.sensitive_layout = QVBoxLayout(self.sensitive_group)
        self.sensitive_boxes: dict[str, QCheckBox] = {}
        left_layout.addWidget(self.sensitive_group)
        left_layout.addStretch(1)
        scroll = self.columns_area = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(left)
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(left.sizeHint().width() + bar + 4)
        split.addWidget(scroll)

        right = QSplitter(Qt.Orientation.Vertical)
        self.preview = PreviewModel(self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview)
        self.preview_view.setAlternatingRowColors(True)
        self.preview_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )
        self.preview_view.horizontalHeader().setDefaultSectionSize(130)
        self.preview_view.verticalHeader().setDefaultSectionSize(22)
        right.addWidget(self.preview_view)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setObjectName("importReport")
        self.report_view.setPlaceholderText("The import report appears here.")
        right.addWidget(self.report_view)
        right.setSizes([420, 200])
        split.addWidget(right)
        split.setSizes([scroll.minimumWidth(), 1100 - scroll.minimumWidth()])
        outer.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.skip_box = QCheckBox("&Leave out rows that cannot be imported (listed in the report)")
        self.skip_box.toggled.connect(lambda _on: self.refresh_now())
        bottom.addWidget(self.skip_box, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.buttons)
        outer.addLayout(bottom)
        QShortcut(QKeySequence("Ctrl+O"), self, self.browse)
        self._show_sheets()
        self._update_button()

    # -------------------------------------------------------------- file, sheet
    def browse(self) -> None:
        start = str(QSettings().value(_SETTINGS_DIR, str(Path.home())))
        name, _ = QFileDialog.getOpenFileName(self, "Import People", start, FILE_FILTER)
        if name:
            self.load(Path(name))

    def load(self, path: Path, sheet: str | None = None) -> bool:
        """Read ``path`` (a sheet of a workbook) and detect its columns."""
        try:  # rows counted in a progress dialog with Cancel, the window painting on
            table = run_with_progress(
                self,
                "Import People",
                f"Reading {path.name}",
                lambda progress: read_table(path, sheet, progress=progress),
            )
        except Cancelled:
            self._fail_read(path, f"{path.name}: reading cancelled")
            return False
        except OrgFileError as e:
            self._fail_read(path, str(e))
            return False
        QSettings().setValue(_SETTINGS_DIR, str(path.resolve().parent))
        self.path_edit.setText(str(path))
        self.table = table
        self.detected = detect_mapping(table.header, table.rows)
        self.mapping = dict(self.detected)
        self.preview.set_table(table)
        self._show_sheets()
        self._fill_combos()
        self._fill_sensitive()
        self.how_label.setText(f"Read as {table.describe()}.")
        self.refresh_now()
        return True

    def _fail_read(self, path: Path, message: str) -> None:
        self.table = None
        self.org = None
        self.report = None
        self.error = message
        self.path_edit.setText(str(path))
        self.preview.set_table(None)
        self._fill_combos()
        self._fill_sensitive()
        self._show_sheets()
        self.how_label.setText("")
        self.report_view.setPlainText(message)
        self._update_button()

    def _show_sheets(self) -> None:
        t = self.table
        sheets = t.sheets if t is not None else []
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(sheets)
        if t is not None and t.sheet is not None:
            self.sheet_combo.setCurrentText(t.sheet)
        self.sheet_combo.blockSignals(False)
        visible = len(sheets) > 0
        self.sheet_label.setVisible(visible)
        self.sheet_combo.setVisible(visible)

    def _sheet_changed(self, name: str) -> None:
        t = self.table
        if t is not None and name and name != t.sheet:
            self.load(t.path, name)

    # ----------------------------------------------------------------- mapping
    def _fill_combos(self) -> None:
        header = self.table.header if self.table is not None else []
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_NOT_USED, -1)
            for i, name in enumerate(header):
                mark = "  (detected)" if self.detected.get(field) == i else ""
                combo.addItem(name + mark, i)
            col = self.mapping.get(field)
            combo.setCurrentIndex(0 if col is None else col + 1)
            combo.setEnabled(bool(header))
            combo.blockSignals(False)
        self.reset_button.setEnabled(bool(header))

    def set_column(self, field: str, column: str | None) -> None:
        """Map ``field`` to the column named ``column`` (``None``: not used), as a user would."""
        combo = self.combos[field]
        if column is None:
            combo.setCurrentIndex(0)
            return
        assert self.table is not None
        combo.setCurrentIndex(self.table.header.index(column) + 1)

    def _combo_changed(self, field: str) -> None:
        col = self.combos[field].currentData()
        if col is None or col < 0:
            self.mapping.pop(field, None)
        else:
            # a column serves one field: take it from whichever field had it
            for other, c in list(self.mapping.items()):
                if c == col and other != field:
                    del self.mapping[other]
                    box = self.combos[other]
                    box.blockSignals(True)
                    box.setCurrentIndex(0)
                    box.blockSignals(False)
            self.mapping[field] = col
        self._timer.start()

    def _fill_sensitive(self) -> None:
        """One unticked check box per sensitive column of the file."""
        for box in self.sensitive_boxes.values():
            self.sensitive_layout.removeWidget(box)
            box.deleteLater()
        self.sensitive_boxes = {}
        header = self.table.header if self.table is not None else []
        for name in header:
            category = sensitive_category(name)
            if category is None:
                continue
            box = QCheckBox(f"Keep {name} ({category})")
            box.setObjectName(f"keep_{name}")
            box.toggled.connect(lambda _on: self._timer.start())
            self.sensitive_layout.addWidget(box)
            self.sensitive_boxes[name] = box
        self.sensitive_group.setVisible(bool(self.sensitive_boxes))

    def kept_sensitive(self) -> frozenset[str]:
        """The sensitive columns the user ticked."""
        return frozenset(n for n, box in self.sensitive_boxes.items() if box.isChecked())

    def reset_mapping(self) -> None:
        self.mapping = dict(self.detected)
        self._fill_combos()
        self.refresh_now()

    # ------------------------------------------------------------------ import
    def refresh_now(self) -> None:
        """Run the import with the current choices and show the report.

        The import runs on a worker thread with a progress dialog and Cancel (3.8 s for
        100,000 rows); the dialog's choices wait meanwhile. A cancelled import leaves the
        dialog without people to import until a choice changes.
        """
        self._timer.stop()
        t = self.table
        if t is None:
            return
        if self._building:
            self._again = True
            return
        mapping, skip, keep = dict(self.mapping), self.skip_box.isChecked(), self.kept_sensitive()
        error_rows: list[int] = []
        self._set_building(True)
        try:
            self.org, self.report = run_with_progress(
                self,
                "Import People",
                f"Importing {t.path.name}",
                lambda _progress: import_table(t, mapping, skip, keep),
            )
            self.error = ""
        except Cancelled:
            self.org, self.report = None, None
            self.error = f"{t.path.name}: the import was cancelled; change a choice to run it again"
        except OrgFileError as e:
            self.org, self.report = None, None
            self.error = str(e)
            # the place names the rows that cannot be imported: "rows 3, 4 ... (2 more)"
            place = e.place.split("...")[0]
            error_rows = [int(n) for n in place.replace(",", " ").split()[1:] if n.isdigit()]
        finally:
            self._set_building(False)
        self.preview.set_marks(self.mapping, self.report, self.error, error_rows)
        if self.report is not None:
            text = self.report.format()
            if not {"name", "first_name", "last_name"} & set(self.mapping):
                text += "\nnote: no column is read as the name: everyone is an open position"
        else:
            text = self.error.replace(
                "use --skip-bad-rows", "tick 'Leave out rows that cannot be imported'"
            ).replace(
                "name one with --map name=COLUMN or --map id=COLUMN",
                "choose its column under Columns",
            )
        self.report_view.setPlainText(text)
        self._update_button()
        if self._again:
            self._again = False
            self._timer.start()

    def _set_building(self, on: bool) -> None:
        self._building = on
        for w in (self.browse_button, self.sheet_combo, self.columns_area, self.skip_box):
            w.setEnabled(not on)
        self.buttons.setEnabled(not on)

    def _update_button(self) -> None:
        ok = self.org is not None and self.table is not None
        self.import_button.setEnabled(ok)
        if ok and self.report is not None:
            self.import_button.setToolTip(f"Open {self.report.people} people as a new document")
        else:
            self.import_button.setToolTip("Fix the problems shown in the report first")

    def accept(self) -> None:
        if self._building:
            return
        if self._timer.isActive():
            self.refresh_now()
        org, table = self.org, self.table
        if org is None or table is None:
            return
        if "photo" in self.mapping:  # the photos the file names, loaded once, on Import
            from orgeditor.io.hr.photos import embed_photos

            self._set_building(True)
            try:
                photos = run_with_progress(
                    self,
                    "Import People",
                    "Loading the photos",
                    lambda _progress: embed_photos(org, table.path.parent),
                )
            except Cancelled:  # that org may still be getting photos: build a fresh one
                self.org = None
                self.report_view.setPlainText("Loading the photos was cancelled.")
                self._update_button()
                self._timer.start()
                return
            finally:
                self._set_building(False)
            self.photo_lines = photos.lines()
        super().accept()

    def done(self, result: int) -> None:
        if self._building:  # the progress dialog's Cancel stops the import first
            return
        super().done(result)


def run_import_dialog(parent: QWidget | None = None, path: Path | None = None) -> Org | None:
    """Ask for a file, show the import dialog, and return the imported org (or ``None``)."""
    if path is None:
        start = str(QSettings().value(_SETTINGS_DIR, str(Path.home())))
        name, _ = QFileDialog.getOpenFileName(parent, "Import People", start, FILE_FILTER)
        if not name:
            return None
        path = Path(name)
    dialog = ImportDialog(parent, path)
    if dialog.table is None and dialog.error:
        QMessageBox.warning(parent, "Import People", dialog.error)
        dialog.deleteLater()
        return None
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    org = dialog.org if accepted else None
    dialog.deleteLater()
    return org
