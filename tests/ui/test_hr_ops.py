"""File > Update from HR Export... (one undo step) and File > New from Selection..."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from orgeditor.document import Document
from orgeditor.io.hr.hr_import import import_file
from orgeditor.io.orgfile import to_data
from orgeditor.model.entities import Role

HERE = Path(__file__).resolve().parents[1] / "io" / "hr_exports"


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    """A window maker; message boxes are recorded, and windows closed without asking."""
    from PySide6.QtWidgets import QMessageBox

    from orgeditor.ui.main_window import MainWindow

    def unexpected(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in ("question", "critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(unexpected))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    made: list[MainWindow] = []

    def make(doc: Document):  # type: ignore[no-untyped-def]
        w = MainWindow(doc, settings=settings, recovery_dir=tmp_path / "r", autosave=False)
        made.append(w)
        shown: list[tuple[str, str]] = []
        w.hr.show = lambda title, text, details="", error=False: shown.append((text, details))
        return w, shown

    yield make
    for w in made:
        w.discard_and_close()
        w.deleteLater()


def planned_doc() -> Document:
    org, _ = import_file(HERE / "update_v1.csv")
    doc = Document(org)
    fraud = doc.add_pipeline("Fraud Detection", owner="2")
    modeling = doc.org.find_by_name("team", "Modeling").id
    doc.add_placement("5", modeling, fraud, 100)
    doc.add_placement("4", modeling, fraud, 50)
    doc.set_tech_lead("pipeline", fraud, "5")
    doc.add_person("", title="Senior ML Engineer", role=Role.OPEN, team=modeling, manager="5")
    return doc


def test_update_from_hr_export_is_one_undo_step(window) -> None:  # type: ignore[no-untyped-def]
    doc = planned_doc()
    w, shown = window(doc)
    before = to_data(doc.org)
    menu = [a.text() for a in w.menuBar().actions()[0].menu().actions()]
    assert "&Update from HR Export..." in menu and "New from &Selection..." in menu
    plan = w.hr.update_from_hr(HERE / "update_v2.csv")
    assert plan is not None
    org = w.document.org
    assert "5" not in org.people and org.people["8"].name == "Cy Young"
    assert org.people["1"].title == "VP of ML"
    opening = next(p for p in org.people.values() if p.is_open)
    assert opening.manager is None  # its manager left
    assert shown[0][0] == "updated update_v2.csv: 1 joined, 1 left, 4 changed"
    assert "- left: Bo Chan" in shown[0][1]
    assert w.document.undo_label == "Update from HR export update_v2.csv"
    w.document.undo()
    assert to_data(w.document.org) == before
    w.document.redo()
    assert w.document.org.people["8"].name == "Cy Young"


def test_new_from_selection(window) -> None:  # type: ignore[no-untyped-def]
    org, _ = import_file(HERE / "company.csv")
    w, _shown = window(Document(org))
    w.selection.set_people(["2"])  # Dayo Fairweather
    assert w.hr.new_from_selection()
    names = {p.name for p in w.document.org.people.values()}
    assert "Dayo Fairweather" in names and "Fay Wong" not in names
    assert len(names) == 9 and w.document.is_modified
    assert len(org.people) == 24  # the company org is untouched


def test_new_from_selection_needs_a_selection(window) -> None:  # type: ignore[no-untyped-def]
    org, _ = import_file(HERE / "company.csv")
    w, shown = window(Document(org))
    assert not w.hr.new_from_selection()
    assert shown == [("Select the people whose org to keep first.", "")]


def test_update_from_a_missing_file_says_so(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w, shown = window(planned_doc())
    assert w.hr.update_from_hr(tmp_path / "nope.csv") is None
    assert "no such file" in shown[0][0]
    assert not w.document.undo_label.startswith("Update from HR export")
