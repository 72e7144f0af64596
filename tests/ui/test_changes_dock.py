"""The Changes dock in the window (pytest-qt, offscreen): File > Compare With..., the grouped
list, the filter, clicking a change, the grid's marks, live updates, the diagrams."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from orgeditor.document import Document
from orgeditor.io.orgfile import save
from orgeditor.model.entities import Role
from orgeditor.samples import sample_org
from orgeditor.ui.changes import dock as changes_module
from orgeditor.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def unexpected(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in ("question", "critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(unexpected))
    base = tmp_path / "today.orgchart"
    save(sample_org(), base)
    doc = Document.open(base)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(
        doc, settings=settings, recovery_dir=tmp_path / "rec", autosave=False, restore_state=False
    )
    w.resize(1400, 900)
    w.show()
    QApplication.processEvents()
    yield w, base
    w.discard_and_close()
    w.deleteLater()


def _reorg(doc: Document) -> dict[str, str]:
    o = doc.org
    leaf = [p for p in o.people.values() if not o.direct_reports(p.id) and p.team]
    mover, leaver = leaf[0], leaf[-1]
    target = next(t for t in o.ordered_teams() if t.id != mover.team and t.manager)
    old_team = str(mover.team)
    doc.move_to_team([mover.id], target.id)
    doc.set_manager(mover.id, target.manager)
    hire = doc.add_person("Grace New", title="ML Engineer", team=target.id, manager=target.manager)
    doc.remove_people([leaver.id])
    return {
        "mover": mover.id,
        "leaver": leaver.id,
        "hire": hire,
        "target": target.id,
        "old_team": old_team,
    }


def _groups(dock) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    out = {}
    for i in range(dock.tree.topLevelItemCount()):
        top = dock.tree.topLevelItem(i)
        out[top.text(0)] = [top.child(k).text(0) for k in range(top.childCount())]
    return out


def test_compare_with_the_last_saved_version(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    w, _base = window
    dock = w.changes
    assert dock.isHidden()
    labels = [a.text() for a in w.menuBar().actions()[0].menu().actions()]
    assert "Compare With &File..." in labels and "Compare With &Last Saved Version" in labels
    ids = _reorg(w.document)
    dock.compare_saved_action.trigger()
    assert dock.isVisible()
    groups = _groups(dock)
    assert set(groups) >= {"Moved (1)", "Hired (1)", "Left (1)"}
    assert "since today.orgchart" in dock.summary.text().lower()

    scene = w.view.matrix
    assert scene.change_marks[ids["hire"]][0] == "\u25cf NEW"
    assert scene.change_marks[ids["mover"]][0] == "\u279c MOVED"
    leaver_name = w.changes.base.people[ids["leaver"]].name
    assert any(leaver_name in names for names in scene.ghosts.values())
    assert scene.header_deltas[("team", ids["target"])].startswith("+2 / -")
    assert scene.header_deltas[("team", ids["old_team"])].endswith("-1")

    # clicking a change selects the person and scrolls to them
    moved = dock.tree.topLevelItem(0).child(0)
    dock._activated(moved)
    assert w.selection.people == [ids["mover"]]

    # the filter hides what does not match
    dock.filter.setText("grace new")
    shown = [dock.tree.topLevelItem(i) for i in range(dock.tree.topLevelItemCount())]
    visible = [t.text(0) for t in shown if not t.isHidden()]
    assert visible == ["Hired (1)"]
    dock.filter.clear()

    # an edit afterwards updates the comparison
    with qtbot.waitSignal(dock.compared, timeout=3000):
        w.document.set_field("person", ids["hire"], "title", "Staff ML Engineer")
    assert "Hired (1)" in _groups(dock)
    assert any("Staff ML Engineer" in x for x in _groups(dock)["Hired (1)"])

    # undoing everything: no changes left
    with qtbot.waitSignal(dock.compared, timeout=3000):
        while w.document.can_undo:
            w.document.undo()
    assert dock.tree.topLevelItemCount() == 0
    assert dock.summary.text().startswith("No changes")
    dock.end_comparison()
    assert scene.change_marks == {} and scene.header_deltas == {}


def test_compare_with_a_file_and_export_the_diagrams(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w, base = window
    other = Document.open(base)
    opening = next(p for p in other.org.people.values() if p.role is Role.OPEN)
    other.rename("person", opening.id, "Filled Person")
    other.set_field("person", opening.id, "role", Role.IC)
    plan = tmp_path / "plan.orgchart"
    other.save(plan)
    diff = w.changes.compare_with_file(plan)  # the open document is today; the file, a plan
    assert [c.kind for c in diff.changes] == ["renamed", "role"]  # a person became open
    w.changes.by_name.setChecked(True)  # by name: the position and the person differ
    assert {c.kind for c in w.changes.diff.changes} == {"added", "removed"}
    w.changes.by_name.setChecked(False)
    out = tmp_path / "changes.pdf"
    assert w.changes.export_to(out, mark="Confidential draft") >= 3
    assert out.read_bytes().startswith(b"%PDF")


def test_unsaved_document_has_no_saved_version(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(
        Document(sample_org()),
        settings=settings,
        recovery_dir=tmp_path / "r",
        autosave=False,
        restore_state=False,
    )
    qtbot.addWidget(w)
    assert w.changes.compare_with_saved() is None
    assert "not been saved" in w.statusBar().currentMessage()
    assert changes_module.DEBOUNCE_MS > 0


def test_the_export_dialog_offers_the_change_marks(window) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.export.api import build_pages
    from orgeditor.ui.dialogs.export_dialog import ExportDialog

    w, _base = window
    before = ExportDialog(w.document, w.selection, w)
    assert not before.mark_changes.isEnabled()  # nothing compared yet
    before.deleteLater()
    ids = _reorg(w.document)
    w.changes.compare_with_saved()
    dialog = ExportDialog(w.document, w.selection, w)
    try:
        assert dialog.mark_changes.isEnabled()
        assert dialog.options().theme_object is None
        dialog.mark_changes.setChecked(True)
        theme = dialog.options().theme_object
        assert theme is not None and ids["hire"] in theme.marks
        dot = build_pages(w.document.org, dialog.options(), False)[0].dot
        assert "NEW hire" in dot and "MOVED from" in dot
    finally:
        dialog.preview.stop()
        dialog.deleteLater()
