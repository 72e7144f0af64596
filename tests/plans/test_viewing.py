"""The document as of a date: steps shown applied, edits meanwhile planned for that date."""

from __future__ import annotations

from pathlib import Path

from orgeditor.document import Document
from orgeditor.io.orgfile import dumps, load
from tests.plans.test_plan import planned_doc


def test_viewing_a_date_shows_the_steps_and_plans_the_edits(tmp_path: Path) -> None:
    d, hana = planned_doc()
    as_is = dumps(d.org)
    seen: list[list[object]] = []
    d.changed.connect(seen.append)
    d.view_at("2027-Q2")
    assert hana in d.org.people and seen  # announced like an edit
    assert d.org.people["p19"].title != "Staff ML Engineer"  # 2027-05-01: not yet on 04-01
    d.view_at(None)
    assert dumps(d.org) == as_is


def test_edits_while_dated_become_steps_and_undo_keeps_the_view(tmp_path: Path) -> None:
    d, hana = planned_doc()
    as_is = dumps(d.org)
    d.view_at("2027-06-15")
    assert d.org.people[hana].team == "t2"
    from orgeditor.model.rules import check

    assert not [f for f in check(d.org) if f.rule == "plan-step-stale"]  # shown, not stale
    d.set_field("person", hana, "level", "L6")  # hana exists only from the Q2 step on
    assert d.org.people[hana].level == "L6"
    assert [s["date"] for s in d.org.plan][-2:] == ["2027-06-15", "2027-07-01"]
    path = tmp_path / "v.orgchart"
    d.save(path)  # saves the org as it is plus the plan, and stays dated
    assert d.view_day == "2027-06-15" and d.org.people[hana].level == "L6"
    saved = load(path)
    assert hana not in saved.people and len(saved.plan) == 4
    d.undo()
    assert d.view_day == "2027-06-15" and d.org.people[hana].level == ""
    d.redo()
    assert d.org.people[hana].level == "L6"
    step = next(s for s in d.org.plan if s["date"] == "2027-06-15")
    d.remove_step(step["id"])
    assert d.org.people[hana].level == "" and d.view_day == "2027-06-15"
    d.view_at(None)
    assert dumps(d.org) == as_is


def test_planning_while_dated_and_replacing_the_org() -> None:
    d, _hana = planned_doc()
    d.view_at("2027-12-31")
    with d.planned("2028-01-01", "Later"):
        d.set_field("person", "p20", "level", "L8")
    assert d.view_day == "2027-12-31" and d.org.people["p20"].level != "L8"
    d.replace_org(Document().org)
    assert d.view_day is None
