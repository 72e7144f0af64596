"""The Health Checks and Statistics docks (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QCheckBox, QDockWidget, QMainWindow, QSpinBox

from orgeditor.document import Document
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.findings.panel import FindingsDock
from orgeditor.ui.panels.stats_dock import StatsDock
from orgeditor.ui.selection import Selection


@pytest.fixture(autouse=True)
def _own_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def dock(qtbot, sample_doc: Document) -> FindingsDock:  # type: ignore[no-untyped-def]
    bridge = DocumentBridge(sample_doc)
    selection = Selection()
    d = FindingsDock(bridge, selection)
    qtbot.addWidget(d)
    d.resize(900, 400)
    d.show()
    with qtbot.waitSignal(d.findingsChanged, timeout=2000):
        pass
    return d


def _finding_index(dock: FindingsDock, rule: str) -> QModelIndex:
    model = dock.model
    group = model.group_index(rule)
    assert group.isValid(), rule
    return model.index(0, 0, group)


def test_lists_the_sample_findings_grouped_by_rule(dock: FindingsDock) -> None:
    model = dock.model
    groups = [model.group_key(model.index(r, 0)) for r in range(model.rowCount())]
    assert set(groups) == {
        "one-leadership",
        "pipeline-owner",
        "span-of-control",
        "team-tech-lead",
        "over-allocation",
        "kpi-alignment",
    }
    assert dock.summary.text() == "0 errors · 6 warnings · 0 info"
    assert "Rafael Mendes" in model.data(_finding_index(dock, "over-allocation"))
    assert model.data(model.index(0, 0)).endswith("(1)")
    assert dock.view.isExpanded(model.index(0, 0))


def test_group_by_severity(dock: FindingsDock) -> None:
    dock.group_combo.setCurrentIndex(1)
    model = dock.model
    assert model.rowCount() == 1 and model.group_key(model.index(0, 0)) == "warning"
    assert model.rowCount(model.index(0, 0)) == 6


def test_clicking_a_finding_selects_and_highlights(dock: FindingsDock, qtbot) -> None:  # type: ignore[no-untyped-def]
    idx = _finding_index(dock, "one-leadership")
    with qtbot.waitSignal(dock.highlightRequested) as sig:
        dock.view.clicked.emit(idx)
    assert sig.args[0][:2] == [("team", "t3"), ("person", "p3")]
    # the VP it sits under, the ML leader, and the team's manager the move names
    assert dock.selection.people == ["p3", "p2", "p27"]
    assert dock.selection.entity == ("team", "t3")
    dock.view.clicked.emit(_finding_index(dock, "over-allocation"))
    assert dock.selection.people == ["p31"]


def test_clicking_a_group_selects_all_its_subjects(dock: FindingsDock, qtbot) -> None:  # type: ignore[no-untyped-def]
    dock.group_combo.setCurrentIndex(1)
    with qtbot.waitSignal(dock.highlightRequested) as sig:
        dock.view.clicked.emit(dock.model.index(0, 0))
    assert ("person", "p31") in sig.args[0] and ("pipeline", "l5") in sig.args[0]


def test_an_edit_that_fixes_a_finding_removes_it(dock: FindingsDock, qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = dock.bridge.document
    with qtbot.waitSignal(dock.findingsChanged, timeout=2000) as sig:
        doc.set_share("p31", "t3", "l1", 40)
    assert "over-allocation" not in {f.rule for f in sig.args[0]}
    assert not dock.model.group_index("over-allocation").isValid()
    with qtbot.waitSignal(dock.findingsChanged, timeout=2000) as sig:
        doc.undo()
    assert "over-allocation" in {f.rule for f in sig.args[0]}


def test_a_burst_of_edits_recomputes_once(dock: FindingsDock, qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = dock.bridge.document
    emitted: list[object] = []
    dock.findingsChanged.connect(emitted.append)
    doc.set_tech_lead("team", "t1", "p11")
    doc.set_share("p31", "t3", "l1", 40)
    doc.set_field("team", "t1", "kpi", "Label accuracy on production samples")
    qtbot.waitUntil(lambda: len(emitted) == 1, timeout=2000)
    qtbot.wait(100)
    assert len(emitted) == 1
    assert len(dock.findings) == 3


def test_new_document_resets(dock: FindingsDock, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dock.findingsChanged, timeout=2000) as sig:
        dock.bridge.set_document(Document())
    assert sig.args[0] == []
    assert dock.summary.text() == "No problems found"


def test_rules_dialog_switches_a_rule_off_for_the_file(dock: FindingsDock, qtbot) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.ui.findings.rules import RulesDialog

    doc = dock.bridge.document
    dialog = RulesDialog(dock, doc)
    qtbot.addWidget(dialog)
    dialog.boxes["kpi-alignment"].setChecked(False)
    spin = dialog.editors[("span-of-control", "max_reports")]
    assert isinstance(spin, QSpinBox)
    spin.setValue(9)
    with qtbot.waitSignal(dock.findingsChanged, timeout=2000) as sig:
        dialog.apply_button.click()
    rules = {f.rule for f in sig.args[0]}
    assert "kpi-alignment" not in rules and "span-of-control" not in rules
    assert doc.org.settings["rules"] == {
        "kpi-alignment": {"enabled": False},
        "span-of-control": {"max_reports": 9},
    }
    assert doc.undo_label.lower().startswith("change setting")
    with qtbot.waitSignal(dock.findingsChanged, timeout=2000):
        doc.undo()
    assert "kpi-alignment" in {f.rule for f in dock.findings}


def test_rules_dialog_saves_user_defaults(dock: FindingsDock, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.ui.findings.rules import RulesDialog

    dialog = RulesDialog(dock, dock.bridge.document)
    qtbot.addWidget(dialog)
    single = dialog.editors[("span-of-control", "flag_single")]
    assert isinstance(single, QCheckBox) and single.isChecked()
    dialog.boxes["team-tech-lead"].setChecked(False)
    said: list[str] = []
    dock.statusMessage.connect(said.append)  # the window shows it in its status bar
    with qtbot.waitSignal(dock.findingsChanged, timeout=2000):
        dialog.default_button.click()
    where = tmp_path / "config" / "orgeditor" / "rules.json"
    assert said == [f"Rule settings saved as your defaults in {where}"]
    saved = (tmp_path / "config" / "orgeditor" / "rules.json").read_text()
    assert '"team-tech-lead"' in saved
    assert "team-tech-lead" not in {f.rule for f in dock.findings}
    assert not dock.bridge.document.is_modified  # the file is not touched


def test_bad_file_settings_show_a_notice(qtbot, sample_doc: Document) -> None:  # type: ignore[no-untyped-def]
    sample_doc.org.settings["rules"] = {"span-of-control": {"max_reports": "many"}}
    d = FindingsDock(DocumentBridge(sample_doc), Selection())
    qtbot.addWidget(d)
    d.show()
    d.refresh()
    assert not d.notice.isHidden()
    assert "settings.rules.span-of-control.max_reports" in d.notice.text()
    assert len(d.findings) == 6  # the defaults apply


def test_inside_a_window_dock_it_shows_no_second_title(qtbot, sample_doc: Document) -> None:  # type: ignore[no-untyped-def]
    win = QMainWindow()
    qtbot.addWidget(win)
    d = FindingsDock(DocumentBridge(sample_doc), Selection(), win)
    outer = QDockWidget("Health Checks", win)
    outer.setWidget(d)
    assert d.titleBarWidget() is not None
    win.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, d)
    assert d.titleBarWidget() is None


def test_stats_dock_follows_edits(qtbot, sample_doc: Document) -> None:  # type: ignore[no-untyped-def]
    bridge = DocumentBridge(sample_doc)
    dock = StatsDock(bridge)
    qtbot.addWidget(dock)
    dock.show()
    qtbot.waitUntil(lambda: bool(dock.data), timeout=2000)
    text = dock.browser.toPlainText()
    assert "Northwind ML" in text and "Org stage" in text and "Speech recognition" in text
    sample_doc.add_person("New Hire", team="t2", manager="p17")
    qtbot.waitUntil(lambda: dock.data["people"] == 47, timeout=2000)
    sample_doc.rename("team", "t4", "Tools <&> UI")
    qtbot.waitUntil(lambda: "Tools <&> UI" in dock.browser.toPlainText(), timeout=2000)


def test_filter_and_copy(dock: FindingsDock) -> None:
    from PySide6.QtWidgets import QApplication

    dock.filter_edit.setText("rafael")
    model = dock.model
    assert model.rowCount() == 1 and model.group_key(model.index(0, 0)) == "over-allocation"
    assert dock.summary.text() == "0 errors · 6 warnings · 0 info"  # counts stay whole
    dock.view.setCurrentIndex(model.index(0, 0, model.index(0, 0)))
    dock.copy_current()
    assert QApplication.clipboard().text().startswith("warning: Rafael Mendes is allocated")
    dock.filter_edit.setText("")
    assert model.rowCount() == 6


def _rules(doc: Document) -> set[str]:
    from orgeditor.model.rules import check

    return {f.rule for f in check(doc.org)}


@pytest.mark.parametrize("rule", ["pipeline-owner", "team-tech-lead", "span-of-control"])
def test_quick_fixes_clear_their_finding_in_one_undo_step(
    dock: FindingsDock, qtbot, rule: str
) -> None:  # type: ignore[no-untyped-def]
    doc = dock.bridge.document
    index = _finding_index(dock, rule)
    dock.view.setCurrentIndex(index)
    assert dock.fix_button.isEnabled()
    fixes = dock.fixes(index)
    finding = dock.model.finding(index)
    assert fixes and finding is not None
    before = doc.undo_label if doc.can_undo else None
    dock.fix_button.click()
    from orgeditor.model.rules import check

    after = [f for f in check(doc.org) if f.rule == rule and f.subjects == finding.subjects]
    assert not after, (rule, fixes[0].label)
    doc.undo()  # one step
    assert (doc.undo_label if doc.can_undo else None) == before
    assert any(f.rule == rule and f.subjects == finding.subjects for f in check(doc.org))


def test_two_managers_fix_and_span_selection(dock: FindingsDock, qtbot) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.model.rules import check
    from orgeditor.ui.findings.quick_fixes import fixes_for

    doc = dock.bridge.document
    org = doc.org
    person = next(
        p
        for p in org.people.values()
        if p.team in org.teams and p.manager is not None and org.teams[p.team].manager == p.manager
    )
    other_team = next(
        t
        for t in org.teams.values()
        if t.id != person.team and t.manager not in (None, person.id, person.manager)
    )
    doc.move_to_team([person.id], other_team.id)  # the old manager stays: "Two managers"
    (finding,) = [f for f in check(org) if f.rule == "multiple-managers"]
    (fix,) = fixes_for(org, finding)
    fix.run(doc)
    assert org.people[person.id].manager == other_team.manager
    assert not [f for f in check(org) if f.rule == "multiple-managers"]
    # clicking a span finding selects the manager and every report
    span = next(f for f in dock.findings if f.rule == "span-of-control")
    dock.select_subjects([span])
    boss = span.subjects[0].id
    assert set(dock.selection.people) == {boss, *org.direct_reports(boss)}
