"""The hiring plan: start dates, statuses, backfills, costs; stats --timeline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from orgeditor.document import Document, EditError
from orgeditor.model.hiring import cost_totals, counts_at, periods, timeline
from orgeditor.samples import sample_org


def hiring_doc() -> tuple[Document, list[str]]:
    d = Document(sample_org())
    d.set_cost_settings("EUR", {"L5": 140000, "L6": 180000}, 100000)
    opens = [p.id for p in d.org.people.values() if p.is_open]
    d.set_hiring(opens[0], start_date="2027-Q3", status="approved", cost=150000)
    d.set_hiring(opens[1], start_date="2027-02-15", status="offer", backfill_of="Ada Lovelace-Park")
    return d, opens


def test_hiring_facts_are_checked_undoable_edits() -> None:
    d, opens = hiring_doc()
    p = d.org.people[opens[1]]
    assert p.fields["start_date"] == "2027-02-15" and p.fields["backfill_of"] == "p19"
    assert d.org.people[opens[0]].fields["start_date"] == "2027-07-01"
    assert d.org.settings["sensitive_fields"] == ["cost"]  # cost is kept out of exports
    assert d.undo_label.startswith("Set hiring plan of")
    for bad in (
        {"status": "hired"},
        {"start_date": "soon"},
        {"cost": "lots"},
        {"cost": "-1"},
        {"backfill_of": "Nobody Here"},
    ):
        with pytest.raises(EditError):
            d.set_hiring(opens[0], **bad)  # type: ignore[arg-type]
    d.set_hiring(opens[0], status="")
    assert "hiring_status" not in d.org.people[opens[0]].fields
    d.undo()
    assert d.org.people[opens[0]].fields["hiring_status"] == "approved"


def test_costs_per_team_pipeline_and_manager() -> None:
    d, opens = hiring_doc()
    totals = cost_totals(d.org)
    people = d.org.people.values()
    expected = sum(
        150000 if p.id == opens[0] else {"L5": 140000, "L6": 180000}.get(p.level, 100000)
        for p in people
    )
    assert totals["total"] == expected and totals["currency"] == "EUR"
    no_team = sum(
        {"L5": 140000, "L6": 180000}.get(p.level, 100000) for p in people if p.team is None
    )
    assert sum(t["cost"] for t in totals["teams"]) + no_team == expected
    head = next(r for r in totals["managers"] if r["name"] == "Olga Novak")  # the top
    assert head["cost"] == expected - cost_of_top(d)


def cost_of_top(d: Document) -> float:
    top = d.org.find_person("Olga Novak")
    assert top is not None
    return {"L5": 140000, "L6": 180000}.get(top.level, 100000)


def test_headcount_over_time_counts_hires_from_their_start_date() -> None:
    d, _opens = hiring_doc()
    before = counts_at(d.org, "2027-01-31")
    after = counts_at(d.org, "2027-03-31")
    assert after["headcount"] == before["headcount"] + 1
    assert after["open_positions"] == before["open_positions"] - 1
    rows = timeline(d.org, "quarter", "2027-01-10")
    assert [r["period"] for r in rows] == ["2027-Q1", "2027-Q2", "2027-Q3"]
    assert [r["open_positions"] for r in rows] == [1, 1, 0]
    assert rows[-1]["cost"] > rows[0]["cost"]
    assert [p for p, _ in periods("2027-01-31", "2027-03-01", "month")] == [
        "2027-01",
        "2027-02",
        "2027-03",
    ]


def test_stats_timeline_on_the_command_line(tmp_path: Path) -> None:
    d, _opens = hiring_doc()
    with d.planned("2027-05-01", "Hire Hana"):
        d.add_person("Hana Ito", level="L5", team="t2", manager="p17")
    path = tmp_path / "h.orgchart"
    d.save(path)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "orgeditor", "stats", str(path), *args],
            capture_output=True,
            text=True,
            check=False,
        )

    res = run("--timeline", "--by", "month", "--json", "--at", "2027-01-01")
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)["periods"]
    by = {r["period"]: r for r in rows}
    assert by["2027-05"]["people"] == by["2027-04"]["people"] + 1
    assert by["2027-05"]["cost"] == by["2027-04"]["cost"] + 140000
    assert rows[-1]["period"] == "2027-07"
    text = run("--timeline", "--at", "2027-01-01").stdout
    assert text.splitlines()[0].split() == ["period", "date", "people", "open", "FTE", "cost"]
    plain = json.loads(run("--json").stdout)
    assert plain["cost"]["currency"] == "EUR"
    assert run("--timeline", "--by", "year").returncode == 2


def test_the_statistics_dock_shows_costs(qtbot) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.ui.bridge import DocumentBridge
    from orgeditor.ui.panels.stats_dock import StatsDock

    d, _opens = hiring_doc()
    d.rename("team", "t2", "<b>Mod</b> & co")
    dock = StatsDock(DocumentBridge(d))
    qtbot.addWidget(dock)
    dock.show()
    qtbot.waitUntil(lambda: "cost" in dock.data)
    html = dock.browser.toHtml()
    assert "Annual cost" in html and "EUR" in html and "&lt;b&gt;Mod" in html


def test_compare_shows_the_cost_before_and_after() -> None:
    from orgeditor.model.compare import compare

    d, _opens = hiring_doc()
    old = from_copy(d)
    d.set_field("person", "p19", "level", "L5")  # 180,000 -> 140,000
    diff = compare(old, d.org)
    shape = diff.summary.shape
    assert shape["old"]["cost"] - shape["new"]["cost"] == 40000
    team = next(r for r in diff.summary.teams if r["id"] == d.org.people["p19"].team)
    assert team["old"]["cost"] - team["new"]["cost"] == 40000


def from_copy(d: Document):  # type: ignore[no-untyped-def]
    import copy

    from orgeditor.io.orgfile import from_data, to_data

    return from_data(copy.deepcopy(to_data(d.org)))
