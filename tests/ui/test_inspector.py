"""The inspector edits the selection through Document methods, one undo step per field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from orgeditor.document import Document
from orgeditor.model.entities import Role
from orgeditor.samples import sample_org
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.inspector.dock import Inspector
from orgeditor.ui.selection import Selection


@pytest.fixture
def setup(qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    def unexpected(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(unexpected))
    doc = Document(sample_org())
    bridge = DocumentBridge(doc)
    selection = Selection()
    inspector = Inspector(bridge, selection)
    qtbot.addWidget(inspector)
    return doc, selection, inspector


def settle() -> None:
    for _ in range(3):
        QCoreApplication.processEvents()


def steps(doc: Document) -> int:
    return len(doc.history.labels())


def test_name_title_level_each_one_undo_step(setup) -> None:  # type: ignore[no-untyped-def]
    doc, selection, insp = setup
    pid = next(p for p, person in doc.org.people.items() if person.name)
    selection.set_people([pid])
    settle()
    page = insp.person
    assert insp.stack.currentWidget() is page and page.name.text() == doc.org.people[pid].name
    page.name.setText("Grace Hopper")
    page.name.editingFinished.emit()
    page.title.setText("Rear Admiral")
    page.title.editingFinished.emit()
    page.title.editingFinished.emit()  # no change: no step
    assert doc.org.people[pid].name == "Grace Hopper"
    assert doc.org.people[pid].title == "Rear Admiral"
    assert steps(doc) == 2
    assert doc.undo_label.startswith("Set title of")
    doc.undo()
    settle()
    assert page.title.text() != "Rear Admiral"
    doc.undo()
    settle()
    assert page.name.text() != "Grace Hopper"


def test_role_team_manager_and_dotted(setup) -> None:  # type: ignore[no-untyped-def]
    doc, selection, insp = setup
    org = doc.org
    pid = next(p for p, person in org.people.items() if person.manager and person.team)
    other_team = next(t for t in org.team_order if t != org.people[pid].team)
    boss = next(p for p in org.people if p != pid and p not in org.direct_reports(pid))
    selection.set_people([pid])
    settle()
    page = insp.person
    page.role.setCurrentIndex(page.role.findData("pm"))
    page.role.activated.emit(page.role.currentIndex())
    assert org.people[pid].role is Role.PM
    page.team.setCurrentIndex(page.team.findData(other_team))
    page.team.activated.emit(page.team.currentIndex())
    assert org.people[pid].team == other_team
    page.manager.picked.emit(boss)
    assert org.people[pid].manager == boss
    dotted = next(p for p in org.people if p not in (pid, boss) and p not in org.people[pid].dotted)
    page.dotted_pick.picked.emit(dotted)
    assert dotted in org.people[pid].dotted
    assert steps(doc) == 4
    settle()
    page.dotted.setCurrentRow(page.dotted.count() - 1)
    page._remove_dotted()
    assert dotted not in org.people[pid].dotted


def test_placement_share_edits_merge_and_custom_fields(setup) -> None:  # type: ignore[no-untyped-def]
    doc, selection, insp = setup
    org = doc.org
    pid = next(p for p in org.people if org.placements(p))
    pl = org.placements(pid)[0]
    selection.set_people([pid])
    settle()
    page = insp.person
    spin = page.places.cellWidget(0, 2)
    before = steps(doc)
    spin.setValue(40)
    settle()
    spin = page.places.cellWidget(0, 2)
    spin.setValue(30)
    settle()
    assert org.share(pid, pl.team, pl.pipeline) == 30
    assert steps(doc) == before + 1  # repeated share edits merge
    page._add_field()
    settle()
    assert "field 1" in org.people[pid].fields
    page.fields.item(0, 1).setText("remote") if page.fields.item(0, 0).text() == "field 1" else None
    settle()
    assert "remote" in org.people[pid].fields.values()


def test_tech_lead_assignment(setup) -> None:  # type: ignore[no-untyped-def]
    doc, selection, insp = setup
    org = doc.org
    pid = next(iter(org.people))
    selection.set_people([pid])
    settle()
    page = insp.person
    idx = page.lead_target.findData(f"pipeline:{org.pipeline_order[0]}")
    page.lead_target.setCurrentIndex(idx)
    page._add_lead()
    assert org.pipelines[org.pipeline_order[0]].tech_lead == pid
    settle()
    assert page.leads.count() >= 1


def test_unresolved_manager_resolves(setup) -> None:  # type: ignore[no-untyped-def]
    doc, selection, insp = setup
    org = doc.org
    pid, boss = list(org.people)[:2]
    doc.set_field("person", pid, "unresolved_manager", "J. Smith")
    selection.set_people([pid])
    settle()
    page = insp.person
    assert not page.unresolved.isHidden()
    assert "J. Smith" in page.unresolved_label.text()
    page.resolve.picked.emit(boss)
    assert org.people[pid].manager == boss and org.people[pid].unresolved_manager is None
    settle()
    assert page.unresolved.isHidden()


def test_several_people_at_once(setup) -> None:  # type: ignore[no-untyped-def]
    doc, selection, insp = setup
    org = doc.org
    ids = list(org.people)[5:9]
    selection.set_people(ids)
    settle()
    page = insp.multi
    assert insp.stack.currentWidget() is page
    page.level.setText("L7")
    page.level.editingFinished.emit()
    assert all(org.people[i].level == "L7" for i in ids)
    assert steps(doc) == 1
    page.role.setCurrentIndex(page.role.findData("manager"))
    page.role.activated.emit(page.role.currentIndex())
    assert all(org.people[i].role is Role.MANAGER for i in ids)
    assert steps(doc) == 2
    doc.undo()
    assert not all(org.people[i].role is Role.MANAGER for i in ids)


def test_team_and_pipeline_headers(setup) -> None:  # type: ignore[no-untyped-def]
    doc, selection, insp = setup
    org = doc.org
    team = org.team_order[0]
    selection.set_entity("team", team)
    settle()
    page = insp.entity
    assert insp.stack.currentWidget() is page
    page.kpi.setText("Model precision at 1 % FPR")
    page.kpi.editingFinished.emit()
    assert org.teams[team].kpi == "Model precision at 1 % FPR"
    page.team_kind.setEditText("Evaluation")
    page._commit_kind()
    assert org.teams[team].kind == "evaluation"
    pipe = org.pipeline_order[0]
    selection.set_entity("pipeline", pipe)
    settle()
    owner = next(iter(org.people))
    page.boss.picked.emit(owner)
    assert org.pipelines[pipe].owner == owner
    page.name.setText("Renamed pipeline")
    page.name.editingFinished.emit()
    assert org.pipelines[pipe].name == "Renamed pipeline"


def test_manager_picker_from_the_keyboard(setup, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Type part of a name, Down, Enter: that person becomes the manager, one undo step, and
    the selection stays (it gave back the old manager: the combo re-selected its old row)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    doc, selection, inspector = setup
    inspector.show()
    qtbot.waitExposed(inspector)
    pid = next(p for p, x in doc.org.people.items() if x.name == "Hugo Martin")
    elena = next(p for p, x in doc.org.people.items() if x.name == "Elena Dubois")
    selection.set_people([pid])
    settle()
    picker = inspector.person.manager
    picker.setFocus()
    line = picker.lineEdit()
    line.selectAll()
    QTest.keyClicks(line, "elena")
    settle()
    popup = picker.completer().popup()
    assert popup.isVisible()
    QTest.keyClick(popup, Qt.Key.Key_Down)  # the keys go to the open list, as a real hand's do
    QTest.keyClick(popup, Qt.Key.Key_Return)
    settle()
    assert doc.org.people[pid].manager == elena
    assert selection.people == [pid]
    assert picker.currentText().startswith("Elena Dubois")
    doc.undo()
    assert doc.org.people[pid].manager != elena
