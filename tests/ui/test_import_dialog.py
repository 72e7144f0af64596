"""File > Import...: detected mapping, preview, report, changing the mapping and the sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from orgeditor.ui.dialogs import import_dialog
from orgeditor.ui.dialogs.import_dialog import ImportDialog, run_import_dialog

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "real"
ORACLE = FIXTURES / "oracle-hr-sample.csv"


def make(qtbot, path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(None, path)
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.skipif(not ORACLE.exists(), reason="real fixtures not available")
def test_oracle_detected_mapping_preview_and_report(qtbot) -> None:  # type: ignore[no-untyped-def]
    d = make(qtbot, ORACLE)
    assert d.combos["first_name"].currentText() == "name  (detected)"
    assert d.combos["last_name"].currentText() == "lastName  (detected)"
    assert d.combos["team"].currentText() == "department_name  (detected)"
    assert d.combos["name"].currentText() == "(not used)"
    model = d.preview
    assert model.rowCount() == 107
    assert model.columnCount() == 24
    assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == (
        "name\n→ First name"
    )
    assert model.headerData(5, Qt.Orientation.Horizontal) == "image\n→ Photo"
    assert model.headerData(6, Qt.Orientation.Horizontal) == "email\n(sensitive: left out)"
    assert "custom field" in model.headerData(9, Qt.Orientation.Horizontal)  # job_id
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole) == "2"
    assert model.data(model.index(0, 3), Qt.ItemDataRole.DisplayRole) == "King"
    assert "created 107 people, 11 teams" in d.report_view.toPlainText()
    assert "comma-separated" in d.how_label.text()
    assert d.import_button.isEnabled()
    assert not d.sheet_combo.isVisibleTo(d)
    d.accept()
    assert d.result() == QDialog.DialogCode.Accepted
    assert d.org is not None and d.org.people["100"].name == "Steven King"


def test_changing_the_mapping_updates_the_report(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "hr.csv"
    src.write_text(
        "Emp,Who,Boss,Cost Centre,Department\n"
        "e1,Ada,,Modeling,Finance\n"
        "e2,Ben,e1,Modeling,Finance\n",
        encoding="utf-8",
    )
    d = make(qtbot, src)
    assert d.combos["team"].currentText() == "Department  (detected)"
    assert d.combos["name"].currentText() == "(not used)"
    assert "choose its column under Columns" in d.report_view.toPlainText()
    assert not d.import_button.isEnabled()
    d.set_column("name", "Who")
    d.set_column("manager", "Boss")
    d.set_column("team", "Cost Centre")
    d.refresh_now()
    assert d.org is not None
    assert d.org.people["p2"].name == "Ben"  # Emp is not an id column until mapped
    d.set_column("id", "Emp")
    d.refresh_now()
    assert d.org.people["e2"].manager == "e1"
    assert [t.name for t in d.org.ordered_teams()] == ["Modeling"]
    assert d.org.people["e1"].fields == {"Department": "Finance"}
    # a column serves one field: giving "Who" to the title takes it from the name
    d.set_column("title", "Who")
    assert d.combos["name"].currentText() == "(not used)"
    d.reset_mapping()
    assert d.mapping == d.detected


def test_bad_rows_disable_import_until_skipped(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "bad.csv"
    src.write_text("id,name\n1,Ada\n1,Ben\n,\n2,Cy\n", encoding="utf-8")
    d = make(qtbot, src)
    assert not d.import_button.isEnabled()
    text = d.report_view.toPlainText()
    assert "row 3: duplicate id '1'" in text and "tick 'Leave out rows" in text
    model = d.preview
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert "duplicate id" in model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None  # row 2 is fine
    d.skip_box.setChecked(True)
    assert d.import_button.isEnabled()
    assert "skipped rows" in d.report_view.toPlainText()
    assert sorted(d.org.people) == ["1", "2"]  # type: ignore[union-attr]


def test_xlsx_sheets(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    first.title = "Readme"
    first.append(["Exported from HR"])
    ws = book.create_sheet("Staff")
    ws.append(["Employee ID", "Full Name", "Manager ID", "Team"])
    ws.append([1, "Ada", None, "Labeling"])
    ws.append([2, "Ben", 1, "Labeling"])
    path = tmp_path / "hr.xlsx"
    book.save(path)
    d = make(qtbot, path)
    assert d.sheet_combo.isVisibleTo(d)
    assert d.sheet_combo.currentText() == "Readme"
    d.sheet_combo.setCurrentText("Staff")
    assert d.table is not None and d.table.sheet == "Staff"
    assert d.combos["id"].currentText() == "Employee ID  (detected)"
    assert d.org is not None and d.org.people["2"].manager == "1"
    assert d.org.ordered_teams()[0].kind == "data-operations"


def test_unreadable_file_shows_the_error(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "fake.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    d = make(qtbot, bad)
    assert "not a readable .xlsx" in d.report_view.toPlainText()
    assert not d.import_button.isEnabled()


def test_run_import_dialog(qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "hr.csv"
    src.write_text("id;name;manager\n1;Ada;\n2;Ben;1\n", encoding="utf-8")
    monkeypatch.setattr(
        import_dialog.QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), "")
    )
    monkeypatch.setattr(ImportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    org = run_import_dialog(None)
    assert org is not None and org.people["2"].manager == "1"
    monkeypatch.setattr(ImportDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert run_import_dialog(None) is None
    monkeypatch.setattr(import_dialog.QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    assert run_import_dialog(None) is None
    warned: list[str] = []
    monkeypatch.setattr(
        import_dialog.QMessageBox, "warning", lambda _p, _t, text: warned.append(text)
    )
    assert run_import_dialog(None, tmp_path / "missing.csv") is None
    assert warned and "no such file" in warned[0]


@pytest.mark.skipif(not ORACLE.exists(), reason="real fixtures not available")
def test_file_import_in_the_window_opens_an_unsaved_document(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from orgeditor.document import Document
    from orgeditor.samples import sample_org
    from orgeditor.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(
        Document(sample_org()), settings=settings, recovery_dir=tmp_path / "r", autosave=False
    )
    qtbot.addWidget(w)
    monkeypatch.setattr(
        import_dialog.QFileDialog, "getOpenFileName", lambda *a, **k: (str(ORACLE), "")
    )
    monkeypatch.setattr(ImportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert w.files.import_file()
    doc = w.files.doc
    assert len(doc.org.people) == 107
    assert doc.path is None and doc.is_modified
    # closing the window would ask about the unsaved import: answer "Discard"
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard),
    )
    w.close()


def test_sensitive_columns_unticked_and_kept_when_ticked(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "hr.csv"
    src.write_text(
        "id,name,manager,Salary,Work Email,Team\n1,Ada,,100,ada@x.com,ML\n2,Ben,1,90,,ML\n",
        encoding="utf-8",
    )
    d = make(qtbot, src)
    assert set(d.sensitive_boxes) == {"Salary", "Work Email"}
    assert not any(box.isChecked() for box in d.sensitive_boxes.values())
    assert d.sensitive_group.isVisibleTo(d)
    assert "left out sensitive columns" in d.report_view.toPlainText()
    assert d.org is not None and "Salary" not in d.org.people["1"].fields
    d.sensitive_boxes["Salary"].setChecked(True)
    d.refresh_now()
    assert d.org is not None and d.org.people["1"].fields["Salary"] == "100"
    assert d.org.settings["sensitive_fields"] == ["Salary"]
    assert "Work Email" in d.report_view.toPlainText()  # still left out


def test_import_loads_the_photos_the_file_names(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    Image.new("RGB", (64, 80), (10, 120, 200)).save(tmp_path / "ada.png")
    src = tmp_path / "hr.csv"
    src.write_text("id,name,photo\n1,Ada,ada.png\n2,Ben,https://x/b.png\n", encoding="utf-8")
    d = make(qtbot, src)
    d.accept()
    assert d.org is not None
    assert d.org.people["1"].fields["photo"].startswith("data:image/jpeg;base64,")
    assert d.org.people["2"].fields["photo"] == "https://x/b.png"
    assert d.photo_lines == [
        "photos: 1 loaded (cropped square, 96 px, kept in the file), "
        "1 kept as links (never fetched)"
    ]


def test_a_long_import_can_be_cancelled(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Building the people runs on a worker thread; Cancel leaves nothing to import, and the
    next change of a choice builds them again."""
    import threading
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    src = tmp_path / "hr.csv"
    src.write_text("id,name,manager\ne1,Ada,\ne2,Ben,e1\n", encoding="utf-8")
    d = make(qtbot, src)
    assert d.org is not None
    real = import_dialog.import_table
    slow = threading.Event()

    def import_table(*args, **kwargs):  # type: ignore[no-untyped-def]
        if slow.is_set():
            time.sleep(3)
        return real(*args, **kwargs)

    monkeypatch.setattr(import_dialog, "import_table", import_table)
    seen: list[str] = []

    def look() -> None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        for w in found:
            if w.isVisible():
                seen.append(w.labelText())
                assert not d.columns_area.isEnabled()  # the choices wait meanwhile
                (button,) = [b for b in w.findChildren(QPushButton) if b.text() == "Cancel"]
                QTest.mouseClick(button, Qt.MouseButton.LeftButton)
                return
        QTimer.singleShot(30, look)

    slow.set()
    QTimer.singleShot(30, look)
    started = time.monotonic()
    d.set_column("manager", None)  # a choice changed: the import runs again (slowly)
    qtbot.waitUntil(lambda: bool(seen) and not d._building, timeout=10000)
    assert time.monotonic() - started < 2.5  # Cancel answered before the 3 s import ended
    assert seen[0].startswith("Importing hr.csv")
    assert d.org is None and not d.import_button.isEnabled()
    assert "the import was cancelled" in d.report_view.toPlainText()
    assert d.columns_area.isEnabled()
    slow.clear()
    d.set_column("manager", "manager")
    qtbot.waitUntil(lambda: d.org is not None, timeout=5000)
    assert d.org.people["e2"].manager == "e1" and d.import_button.isEnabled()
