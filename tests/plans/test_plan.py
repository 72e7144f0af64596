"""Planned steps: recording, applying by date, stale steps, the file, the command line."""

from __future__ import annotations

import copy
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgeditor.document import Document, EditError
from orgeditor.io.orgfile import dumps, from_data, load, loads, to_data
from orgeditor.model.plan import PlanError, apply_plan, parse_date, simulate
from orgeditor.model.rules import check
from orgeditor.samples import sample_org, synthetic_org
from tests.plans.edits import random_edit, same


def copy_org(org):  # type: ignore[no-untyped-def]
    return from_data(copy.deepcopy(to_data(org)))


def planned_doc() -> tuple[Document, str]:
    d = Document(sample_org())
    with d.planned("2027-Q2", "Q2 hires"):
        hana = d.add_person(
            "Hana Ito", title="ML Engineer", team="t2", pipeline="l1", manager="p17"
        )
    with d.planned("2027-07-01", "Move Hana"):
        d.move_to_team([hana], "t3")
    with d.planned("2027-05-01", "Promote Ada"):
        d.set_field("person", "p19", "title", "Staff ML Engineer")
    return d, hana


def test_planned_edits_leave_the_org_as_it_is() -> None:
    before = dumps(sample_org())
    d, hana = planned_doc()
    assert hana not in d.org.people
    assert [s["name"] for s in d.org.plan] == ["Q2 hires", "Promote Ada", "Move Hana"]
    assert [s["date"] for s in d.org.plan] == ["2027-04-01", "2027-05-01", "2027-07-01"]
    plain = copy_org(d.org)
    plain.plan = []
    assert dumps(plain) == before
    assert d.undo_label == "Plan Promote Ada for 2027-05-01"
    for _ in range(3):
        d.undo()
    assert dumps(d.org) == before


def test_the_org_as_of_a_date() -> None:
    d, hana = planned_doc()
    org = copy_org(d.org)
    assert not apply_plan(org, "2027-03-31").applied and hana not in org.people
    out = apply_plan(org, "2027-04-01")
    assert hana in org.people and org.people[hana].team == "t2" and not out.stale
    assert [s["name"] for s in org.plan] == ["Promote Ada", "Move Hana"]
    apply_plan(org, "2027-12-31")
    assert org.people[hana].team == "t3" and org.people["p19"].title == "Staff ML Engineer"
    assert org.plan == []


def test_a_step_that_no_longer_applies_is_a_finding_not_a_crash() -> None:
    d, hana = planned_doc()
    d.set_field("person", "p19", "title", "Principal Engineer")  # changed since planned
    stale = simulate(d.org)
    assert [s.name for s in stale] == ["Promote Ada"]
    assert "now 'Principal Engineer'" in stale[0].reason
    found = [f for f in check(d.org) if f.rule == "plan-step-stale"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].subjects[0].id == "p19"
    org = copy_org(d.org)
    out = apply_plan(org, None)
    assert org.people["p19"].title == "Principal Engineer" and org.people[hana].team == "t3"
    assert len(out.stale) == 1


def test_a_step_whose_person_left_is_skipped_whole() -> None:
    d = Document(sample_org())
    with d.planned("2027-01-01", "Move two"):
        d.set_field("person", "p19", "level", "L9")
        d.set_field("person", "p20", "level", "L9")
    d.remove_people(["p20"])
    org = copy_org(d.org)
    out = apply_plan(org, None)
    assert org.people["p19"].level != "L9"  # nothing of the step applied
    assert "no longer in the org" in out.stale[0].reason


def test_steps_are_renamed_moved_and_deleted_as_undo_steps() -> None:
    d, _hana = planned_doc()
    first = d.org.plan[0]["id"]
    d.rename_step(first, "Q2 hiring")
    assert d.org.plan[0]["name"] == "Q2 hiring"
    d.move_step(first, "2027-06-01")
    assert [s["name"] for s in d.org.plan] == ["Promote Ada", "Q2 hiring", "Move Hana"]
    assert d.undo_label == "Move step Q2 hiring to 2027-06-01"
    d.remove_step(first)
    assert len(d.org.plan) == 2
    for _ in range(3):
        d.undo()
    assert d.org.plan[0]["name"] == "Q2 hires"
    with pytest.raises(EditError, match="no planned step"):
        d.remove_step("nope")
    with pytest.raises(EditError, match="not a date"):
        d.move_step(first, "soon")


def test_dates() -> None:
    assert parse_date("2027-Q4") == "2027-10-01" and parse_date("2027q1") == "2027-01-01"
    for bad in ("2027-02-30", "27-1-1", "", "tomorrow"):
        with pytest.raises(PlanError):
            parse_date(bad)


def test_the_plan_round_trips_the_file_byte_for_byte(tmp_path: Path) -> None:
    d, _hana = planned_doc()
    path = tmp_path / "plan.orgchart"
    d.save(path)
    text = path.read_text(encoding="utf-8")
    assert dumps(load(path)) == text
    data = json.loads(text)
    assert data["version"] == 2 and [s["date"] for s in data["plan"]] == [
        "2027-04-01",
        "2027-05-01",
        "2027-07-01",
    ]


def test_version_1_files_load_unchanged() -> None:
    v1 = json.loads(dumps(sample_org()))
    v1["version"] = 1
    org = from_data(v1)
    assert org.plan == [] and org.conflicts == [] and dumps(org) == dumps(sample_org())


@pytest.mark.parametrize(
    "plan, place, message",
    [
        ("{}", "plan", "expected a list"),
        (
            '[{"id": "s1", "date": "2027-04-01", "changes": [{"op": "warp"}]}]',
            "plan[0].changes[0]",
            "not a change",
        ),
        ('[{"id": "s1", "date": "April"}]', "plan[0].date", "not a date"),
        ('[{"id": "s1", "date": "2027-4-1"}]', "plan[0].date", "not a date"),
        ('[{"id": "s1", "date": "2027-04"}]', "plan[0].date", "YYYY-MM-DD"),
        ('[{"date": "2027-04-01"}]', "plan[0].id", "needs an id"),
    ],
)
def test_bad_plans_name_the_place(plan: str, place: str, message: str) -> None:
    from orgeditor.io.errors import OrgFileError

    text = '{"format": "orgeditor.orgchart", "version": 2, "plan": ' + plan + "}"
    with pytest.raises(OrgFileError) as e:
        loads(text, "p.orgchart")
    assert e.value.place == place and message in e.value.message


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n=st.integers(1, 25), steps=st.integers(1, 5))
def test_a_plan_applied_step_by_step_equals_the_changes_applied_at_once(
    seed: int, n: int, steps: int
) -> None:
    rnd = random.Random(seed)
    base = synthetic_org(rnd.randrange(5, 40), seed)
    direct = Document(copy_org(base))
    planner = Document(copy_org(base))
    dates = sorted(f"2027-{m:02d}-01" for m in rnd.sample(range(1, 13), steps))
    for i in range(n):
        day = dates[i * steps // n]
        random_edit(direct, random.Random(seed * 1000 + i))
        with planner.planned(day, f"step {i}"):  # the same edit, planned for that day
            random_edit(planner, random.Random(seed * 1000 + i))
    assert same(Document(copy_org(base)).org, _without_plan(planner.org))
    final = copy_org(planner.org)
    out = apply_plan(final, None)
    assert not out.stale
    # step by step, by date, equals all at once
    stepwise = copy_org(planner.org)
    for day in dates:
        apply_plan(stepwise, day)
    assert same(stepwise, final)
    assert _same_but_new_ids(final, direct.org)


def _without_plan(org):  # type: ignore[no-untyped-def]
    out = copy_org(org)
    out.plan = []
    return out


def _same_but_new_ids(a, b) -> bool:  # type: ignore[no-untyped-def]
    """Equal orgs once the ids of people added by the edits are renumbered in order."""
    return _canonical(a) == _canonical(b)


def _canonical(org) -> str:  # type: ignore[no-untyped-def]
    text = dumps(org)

    ids = sorted(set(re.findall(r'"([a-z]\d{18})"', text)))
    for i, pid in enumerate(ids):
        text = text.replace(f'"{pid}"', f'"new{i}"')
    return text


def test_commands_take_at(tmp_path: Path) -> None:
    d, _hana = planned_doc()
    path = tmp_path / "plan.orgchart"
    d.save(path)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "orgeditor", *args], capture_output=True, text=True, check=False
        )

    now = json.loads(run("stats", str(path), "--json").stdout)
    later = json.loads(run("stats", str(path), "--json", "--at", "2027-Q3").stdout)
    assert later["people"] == now["people"] + 1
    bad = run("stats", str(path), "--at", "2027-02-30")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--at" in bad.stderr
    out = tmp_path / "q3.csv"
    assert run("export", str(path), "--at", "2027-Q3", "-o", str(out)).returncode == 0
    assert "Hana Ito,ML Engineer" in out.read_text(encoding="utf-8")
    d.set_field("person", "p19", "title", "Principal Engineer")
    d.save()
    res = run("check", str(path), "--json", "--at", "today")
    assert any(f["rule"] == "plan-step-stale" for f in json.loads(res.stdout))
    res = run("check", str(path), "--json", "--at", "2027-12-31")
    assert any(f["rule"] == "plan-step-stale" for f in json.loads(res.stdout))
    assert "no longer applies" in run("stats", str(path), "--at", "2027-12-31").stderr


def test_diff_compares_one_file_at_two_dates(tmp_path: Path) -> None:
    d, _hana = planned_doc()
    path = tmp_path / "plan.orgchart"
    d.save(path)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "orgeditor", "diff", *args],
            capture_output=True,
            text=True,
            check=False,
        )

    res = run(str(path), "--from", "2027-01-01", "--to", "2027-06-30", "--json")
    assert res.returncode == 1, res.stderr
    kinds = sorted(c["kind"] for c in json.loads(res.stdout)["changes"])
    assert kinds == ["added", "title"]
    assert run(str(path), "--from", "2027-01-01", "--to", "2027-03-01").returncode == 0
    assert run(str(path), str(path), "--at", "2027-Q3").returncode == 0
    bad = run(str(path), "--from", "2027-01-01", "--at", "today")
    assert bad.returncode == 2 and "not both" in bad.stderr


def test_old_files_keep_their_ids_and_resave_byte_for_byte(tmp_path: Path) -> None:
    v1 = dumps(sample_org()).replace('"version": 2', '"version": 1')
    path = tmp_path / "old.orgchart"
    path.write_text(v1, encoding="utf-8")
    d = Document.open(path)
    d.save()
    once = path.read_text(encoding="utf-8")
    assert once == v1.replace('"version": 1', '"version": 2')  # only the version moved
    d.add_person("New Hire", team="t2")  # a collision-free id, after the old ones
    d.save()
    d2 = Document.open(path)
    d2.save()
    assert path.read_text(encoding="utf-8") == dumps(d.org)  # stable on re-save
    assert list(d2.org.people)[-1] not in sample_org().people
