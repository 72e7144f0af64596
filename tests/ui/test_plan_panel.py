"""The Plan panel (steps, timeline slider, headcount chart) and the merge-conflict quick
fixes, in a real window (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from orgeditor.document import Document
from orgeditor.ui.main_window import MainWindow
from orgeditor.ui.plan.panel import PlanDock
from tests.plans.test_merge import docs, merged
from tests.plans.test_plan import planned_doc


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    for name in ("question", "critical", "warning", "information"):
        monkeypatch.setattr(
            QMessageBox, name, staticmethod(lambda *a, **k: pytest.fail(f"dialog {a[1:3]}"))
        )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    made: list[MainWindow] = []

    def make(doc: Document) -> MainWindow:
        w = MainWindow(
            doc,
            settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
            recovery_dir=tmp_path / "recovery",
            restore_state=False,
        )
        w.resize(1400, 900)
        w.show()
        made.append(w)
        return w

    yield make
    for w in made:
        w.discard_and_close()
        w.deleteLater()


def plan_dock(w: MainWindow) -> PlanDock:
    dock = w.docks["plan"]
    assert isinstance(dock, PlanDock)
    dock.show()
    dock.raise_()
    return dock


def test_the_panel_lists_steps_and_the_slider_shows_a_date(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    d, hana = planned_doc()
    w = window(d)
    dock = plan_dock(w)
    tree = dock.tree
    assert [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())] == [
        "Q2 hires",
        "Promote Ada",
        "Move Hana",
    ]
    assert dock.slider.maximum() == 3 and dock.date_label.text() == "Today"
    dock.slider.setValue(1)  # 2027-04-01
    assert d.view_day == "2027-04-01" and hana in d.org.people
    assert dock.date_label.text() == "2027-04-01" and dock.hint.isVisible()
    assert w.autosaver is not None and not w.autosaver.timer.isActive()
    qtbot.waitUntil(lambda: w.people_label.text().startswith("47"))  # the dated org
    assert w.view.scene().card_scene_rect(hana) is not None  # the grid shows Hana
    diff = w.changes.diff  # marked against today on the grid
    assert diff is not None and w.changes.base_label == "today"
    assert any(c.kind == "added" and c.subject.id == hana for c in diff.changes)
    # an edit while dated is planned for that date
    d.set_field("person", hana, "level", "L6")
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 4)
    assert d.org.people[hana].level == "L6"
    dock.slider.setValue(0)
    assert d.view_day is None and hana not in d.org.people
    assert w.view.scene().card_scene_rect(hana) is None
    assert w.changes.base is None  # the comparison with today ends with the date
    assert w.autosaver.timer.isActive()
    d.undo()  # the planned edit
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 3)


def test_rename_move_delete_are_undo_steps(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    d, _hana = planned_doc()
    dock = plan_dock(window(d))
    item = dock.tree.topLevelItem(0)
    item.setText(1, "Q2 hiring")  # as the inline editor does
    qtbot.waitUntil(lambda: d.org.plan[0]["name"] == "Q2 hiring")
    assert d.undo_label == "Rename step Q2 hires to Q2 hiring"
    item = dock.tree.topLevelItem(0)
    item.setText(0, "not a date")
    qtbot.waitUntil(lambda: dock.tree.topLevelItem(0).text(0) == "2027-04-01")  # put back
    dock.tree.topLevelItem(0).setText(0, "2027-Q4")
    qtbot.waitUntil(lambda: dock.tree.topLevelItem(2).text(1) == "Q2 hiring")
    dock.tree.setCurrentItem(dock.tree.topLevelItem(2))
    qtbot.mouseClick(dock.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.tree.topLevelItemCount() == 2)
    for _ in range(3):
        d.undo()
    qtbot.waitUntil(lambda: dock.tree.topLevelItem(0).text(1) == "Q2 hires")


def test_headcount_chart_draws_the_timeline(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    d, _hana = planned_doc()
    dock = plan_dock(window(d))
    qtbot.waitUntil(lambda: len(dock.chart.rows) >= 4)
    people = [r["people"] for r in dock.chart.rows]
    assert people[-1] == people[0] + 1  # Hana from 2027-Q2 on
    bars = dock.chart.bars()
    assert bars[-1][0].height() > bars[0][0].height()
    image = dock.chart.grab().toImage()
    assert not image.isNull() and image.width() > 100


def test_the_chart_shows_a_user_error_and_lets_a_bug_through(  # type: ignore[no-untyped-def]
    window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the chart cannot read is a status message; a bug (a bare ValueError) is not."""
    from orgeditor.model import hiring
    from orgeditor.model.hiring import HiringError, timeline

    d, _hana = planned_doc()
    dock = plan_dock(window(d))
    said: list[str] = []
    dock.statusMessage.connect(said.append)

    def refused(*_a: object, **_k: object) -> list[dict[str, object]]:
        raise HiringError("settings.cost: expected an object")

    monkeypatch.setattr(hiring, "timeline", refused)
    dock._chart()
    assert said == ["Headcount chart: settings.cost: expected an object"]
    assert dock.chart.rows == []

    def buggy(*_a: object, **_k: object) -> list[dict[str, object]]:
        raise ValueError("a bug")

    monkeypatch.setattr(hiring, "timeline", buggy)
    with pytest.raises(ValueError, match="a bug"):
        dock._chart()
    assert said == ["Headcount chart: settings.cost: expected an object"]
    monkeypatch.setattr(hiring, "timeline", timeline)  # before the window closes


def test_merge_conflicts_offer_keep_ours_and_take_theirs(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    base, o, t = docs()
    o.set_field("person", "p19", "title", "Staff")
    t.set_field("person", "p19", "title", "Principal")
    out, _conflicts = merged(base, o.org, t.org)
    d = Document(out)
    w = window(d)
    findings = w.docks["findings"]
    qtbot.waitUntil(lambda: findings.model.group_index("merge-conflict").isValid())
    group = findings.model.group_index("merge-conflict")
    index = findings.model.index(0, 0, group)
    findings.view.setCurrentIndex(index)
    qtbot.waitUntil(lambda: findings.fix_button.isEnabled())
    fixes = findings.fixes(index)
    assert [f.label for f in fixes] == ["Keep ours", "Take theirs"]
    assert findings.run_fix(fixes[1])
    assert d.org.people["p19"].title == "Principal" and d.org.conflicts == []
    qtbot.waitUntil(lambda: not findings.model.group_index("merge-conflict").isValid())
    d.undo()
    assert d.org.people["p19"].title == "Staff" and len(d.org.conflicts) == 1
