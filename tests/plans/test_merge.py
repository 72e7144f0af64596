"""Three-way merge: combining, conflicts, references, properties, the command line."""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgeditor.document import Document
from orgeditor.io.orgfile import dumps, from_data, to_data
from orgeditor.model.merge import merge_data
from orgeditor.model.org import Org
from orgeditor.model.rules import check
from orgeditor.samples import sample_org, synthetic_org
from tests.plans.edits import random_edit


def data(org: Org) -> dict[str, Any]:
    return copy.deepcopy(to_data(org))


def merged(base: Org, ours: Org, theirs: Org) -> tuple[Org, list[dict[str, Any]]]:
    res = merge_data(data(base), data(ours), data(theirs))
    return from_data(res.data), res.conflicts


def docs() -> tuple[Org, Document, Document]:
    base = sample_org()
    return base, Document(from_data(data(base))), Document(from_data(data(base)))


def test_edits_of_different_things_combine() -> None:
    base, o, t = docs()
    o.set_field("person", "p19", "title", "Staff ML Engineer")
    t.set_field("person", "p19", "level", "L7")  # same person, another field
    t.set_field("person", "p20", "title", "Lead")
    a = o.add_person("Ours New", team="t2", pipeline="l1", manager="p17")
    b = t.add_person("Theirs New", team="t2", manager="p17")
    t.move_to_team(["p21"], "t3")
    t.add_dotted("p19", "p9")
    out, conflicts = merged(base, o.org, t.org)
    assert conflicts == [] and out.conflicts == []
    p19 = out.people["p19"]
    assert (p19.title, p19.level) == ("Staff ML Engineer", "L7") and "p9" in p19.dotted
    assert out.people["p20"].title == "Lead" and out.people["p21"].team == "t3"
    assert a in out.people and b in out.people and out.share(a, "t2", "l1") == 100


def test_the_same_field_changed_differently_is_a_conflict_with_ours_kept() -> None:
    base, o, t = docs()
    o.set_field("person", "p19", "title", "Staff")
    t.set_field("person", "p19", "title", "Principal")
    out, conflicts = merged(base, o.org, t.org)
    assert out.people["p19"].title == "Staff"
    (c,) = conflicts
    assert c["subject"]["id"] == "p19" and c["field"] == "title"
    assert (c["ours"], c["theirs"], c["base"]) == ("Staff", "Principal", base.people["p19"].title)
    assert out.conflicts == conflicts
    found = [f for f in check(out) if f.rule == "merge-conflict"]
    assert len(found) == 1 and found[0].severity == "error"


def test_removed_on_one_side_and_edited_on_the_other_is_a_conflict() -> None:
    base, o, t = docs()
    t.set_field("person", "p26", "title", "Senior Labeler")
    o.remove_people(["p26"])
    out, conflicts = merged(base, o.org, t.org)
    assert "p26" not in out.people  # ours removed it
    assert [(c["subject"]["id"], c["field"]) for c in conflicts] == [("p26", None)]
    # the other way round, ours keeps the edited person
    out, conflicts = merged(base, t.org, o.org)
    assert out.people["p26"].title == "Senior Labeler" and len(conflicts) == 1


def test_a_removal_theirs_made_but_ours_still_names_is_undone() -> None:
    base, o, t = docs()
    leaf = next(p for p in base.people if not base.references_to(p) and p != "p19")
    o.set_manager("p19", leaf)  # ours makes the leaf a manager
    t.remove_people([leaf])  # theirs removes them
    out, conflicts = merged(base, o.org, t.org)
    assert leaf in out.people and out.people["p19"].manager == leaf
    assert any(c["subject"]["id"] == leaf and c["field"] is None for c in conflicts)


def test_a_reference_theirs_added_to_something_ours_removed_is_dropped() -> None:
    _base, o, _t = docs()
    o.add_team("Scratch")
    base2 = from_data(data(o.org))
    scratch = next(i for i in base2.teams if base2.teams[i].name == "Scratch")
    o2, t2 = Document(from_data(data(base2))), Document(from_data(data(base2)))
    o2.remove_team(scratch)
    t2.move_to_team(["p19"], scratch)
    out, conflicts = merged(base2, o2.org, t2.org)
    assert scratch not in out.teams and out.people["p19"].team == base2.people["p19"].team
    assert any(c["subject"]["id"] == "p19" and c["field"] == "team" for c in conflicts)


def test_plan_steps_merge_by_id() -> None:
    base, o, t = docs()
    with o.planned("2027-Q2", "Ours step"):
        o.set_field("person", "p19", "title", "Staff")
    with t.planned("2027-Q3", "Theirs step"):
        t.set_field("person", "p20", "title", "Staff")
    out, conflicts = merged(base, o.org, t.org)
    assert [s["name"] for s in out.plan] == ["Ours step", "Theirs step"] and not conflicts


def test_merge_of_x_with_itself_is_x() -> None:
    base, o, _t = docs()
    o.set_field("person", "p19", "title", "Staff")
    for b, x in ((o.org, o.org), (base, o.org)):
        out, conflicts = merged(b, x, x)
        assert dumps(out) == dumps(o.org) and not conflicts


def _history_changes(doc: Document) -> list[Any]:
    return [c for tx in doc.history._done for c in tx.changes]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n_ours=st.integers(0, 12), n_theirs=st.integers(0, 12))
def test_merging_edits_of_different_things_equals_applying_both(
    seed: int, n_ours: int, n_theirs: int
) -> None:
    rnd = random.Random(seed)
    base = synthetic_org(rnd.randrange(6, 40), seed)
    people = sorted(base.people)
    rnd.shuffle(people)
    mine, yours = people[::2], people[1::2]
    teams = list(base.team_order)
    my_teams, your_teams = teams[::2], teams[1::2]
    o, t = Document(from_data(data(base))), Document(from_data(data(base)))
    for i in range(n_ours):
        random_edit(o, random.Random(seed + i), mine, my_teams)
        mine = mine + [p for p in o.org.people if p not in base.people and p not in mine]
    for i in range(n_theirs):
        # only ours adds pipelines: two sides appending to one ordered list is the one place
        # where the merge takes a side (ours' order, theirs' additions after)
        random_edit(t, random.Random(seed - i - 1), yours, your_teams, add_pipelines=False)
        yours = yours + [p for p in t.org.people if p not in base.people and p not in yours]
    both = from_data(data(o.org))
    for c in _history_changes(t):
        c.apply(both)
    out, conflicts = merged(base, o.org, t.org)
    assert conflicts == []
    assert dumps(out) == dumps(both)
    swapped, conflicts = merged(base, t.org, o.org)
    assert conflicts == [] and dumps(swapped) == dumps(out)
    same, conflicts = merged(base, o.org, o.org)
    assert dumps(same) == dumps(o.org) and not conflicts


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "orgeditor", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_the_command_line(tmp_path: Path) -> None:
    base, o, t = docs()
    paths = [tmp_path / f"{n}.orgchart" for n in ("base", "ours", "theirs")]
    Document(base).save(paths[0])
    o.set_field("person", "p19", "title", "Staff")
    o.set_field("person", "p20", "level", "L9")
    t.set_field("person", "p19", "title", "Principal")
    o.save(paths[1])
    t.save(paths[2])
    out = tmp_path / "out.orgchart"
    res = run("merge", *map(str, paths), "-o", str(out), "--json")
    assert res.returncode == 1, res.stderr
    report = json.loads(res.stdout)
    assert report["conflicts"] == [
        {
            "subject": {"kind": "person", "id": "p19", "name": "Ada Lovelace-Park"},
            "field": "title",
            "base": base.people["p19"].title,
            "ours": "Staff",
            "theirs": "Principal",
        }
    ]
    assert {"subject": report["merged"][0]["subject"], "field": "level", "from": "ours"} in report[
        "merged"
    ]
    assert run("check", str(out)).returncode == 1
    clean = run("merge", str(paths[0]), str(paths[1]), str(paths[1]), "-o", str(out))
    assert clean.returncode == 0 and run("check", str(out)).returncode == 0
    missing = run(
        "merge",
        str(paths[0]),
        str(tmp_path / "nope.orgchart"),
        str(paths[2]),
        "-o",
        str(tmp_path / "x.orgchart"),
    )
    assert missing.returncode == 2 and "nope.orgchart: no such file" in missing.stderr
    assert not (tmp_path / "x.orgchart").exists()
    assert run("merge", *map(str, paths)).returncode == 2  # no -o


def test_custom_fields_merge_key_by_key() -> None:
    base, o, t = docs()
    opens = [p.id for p in base.people.values() if p.is_open]
    o.set_hiring(opens[0], start_date="2027-Q3")
    t.set_hiring(opens[0], status="approved", cost=150000)
    out, conflicts = merged(base, o.org, t.org)
    assert not conflicts
    assert out.people[opens[0]].fields == {
        "start_date": "2027-07-01",
        "hiring_status": "approved",
        "cost": "150000",
    }
    o.set_hiring(opens[0], status="offer")
    out, conflicts = merged(base, o.org, t.org)
    assert [(c["field"], c["ours"], c["theirs"]) for c in conflicts] == [
        ("fields.hiring_status", "offer", "approved")
    ]
    d = Document(out)
    d.resolve_conflict(conflicts[0]["id"], "theirs")
    assert d.org.people[opens[0]].fields["hiring_status"] == "approved"
