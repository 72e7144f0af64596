"""compare(): the change kinds one by one, filled positions, order changes, matching by name,
the summary tables and findings, and edits() that replay the changes."""

from __future__ import annotations

import pytest

from orgeditor.document import Document
from orgeditor.io.orgfile import dumps, loads, to_data
from orgeditor.model.compare import compare
from orgeditor.model.compare_summary import summarize
from orgeditor.model.entities import Role
from orgeditor.model.org import Org
from orgeditor.model.stats import org_stats
from orgeditor.samples import sample_org


def _copy(org: Org) -> Org:
    return loads(dumps(org))


def _replayed(a: Org, b: Org) -> None:
    diff = compare(a, b)
    c = _copy(a)
    for e in diff.edits():
        e.apply(c)
    assert to_data(c) == to_data(b)


def test_nothing_changed() -> None:
    a = sample_org()
    diff = compare(a, _copy(a))
    assert diff.changes == [] and not diff
    assert diff.findings["fixed"] == diff.findings["introduced"] == []
    assert diff.to_json()["changes"] == []


def test_filled_in_place_and_across_ids() -> None:
    a = sample_org()
    doc = Document(_copy(a))
    o = doc.org
    opens = [p for p in o.people.values() if p.role is Role.OPEN]
    assert len(opens) >= 2
    same, other = opens[0], opens[1]
    same_name = same.name
    with doc.transaction("Fill"):  # the position itself becomes the person
        doc.rename("person", same.id, "Kim Lee")
        doc.set_field("person", same.id, "role", Role.IC)
    team, manager, title = other.team, other.manager, other.title
    doc.remove_people([other.id])  # an HR export: the position gone, a new person in its place
    hired = doc.add_person("Ravi Rao", title=title, team=team, manager=manager, id="h1")
    diff = compare(a, o)
    by = {(c.kind, c.subject.id): c for c in diff.changes}
    f1 = by[("filled", same.id)]
    assert f1.old == {"id": same.id, "name": same_name, "role": "open"}
    assert f1.new == {"id": same.id, "name": "Kim Lee", "role": "ic"}
    assert ("renamed", same.id) not in by and ("role", same.id) not in by
    f2 = by[("filled", hired)]
    assert f2.old["id"] == other.id and f2.old["role"] == "open"
    assert f2.new["name"] == "Ravi Rao"
    assert ("removed", other.id) not in by and ("added", hired) not in by
    _replayed(a, o)


def test_a_new_person_elsewhere_is_a_hire_not_a_fill() -> None:
    a = sample_org()
    doc = Document(_copy(a))
    o = doc.org
    opening = next(p for p in o.people.values() if p.role is Role.OPEN)
    other_team = next(t for t in o.team_order if t != opening.team)
    doc.remove_people([opening.id])
    doc.add_person("Ravi Rao", team=other_team, manager=opening.manager, id="h1")
    kinds = {(c.kind, c.subject.id) for c in compare(a, o).changes}
    assert ("removed", opening.id) in kinds and ("added", "h1") in kinds


def test_order_lists_only_what_moved() -> None:
    a = sample_org()
    doc = Document(_copy(a))
    last = doc.org.team_order[-1]
    doc.move_entity("team", last, 0)
    doc.add_pipeline("New pipeline", index=0)
    diff = compare(a, doc.org)
    order = [(c.subject.id, c.old, c.new) for c in diff.changes if c.kind == "order"]
    assert order == [(last, {"index": len(a.team_order) - 1}, {"index": 0})]
    added = [c for c in diff.changes if c.kind == "added"]
    assert [c.subject.kind for c in added] == ["pipeline"] and added[0].new["index"] == 0
    _replayed(a, doc.org)


def test_structure_changes_name_people_by_id_and_name() -> None:
    a = sample_org()
    doc = Document(_copy(a))
    o = doc.org
    team = o.ordered_teams()[0]
    someone = next(p for p in o.people.values() if p.team == team.id and p.id != team.manager)
    doc.set_field("team", team.id, "manager", someone.id)
    doc.set_tech_lead("team", team.id, someone.id)
    doc.set_field("team", team.id, "kpi", "Label accuracy")
    doc.rename("team", team.id, "Data Ops")
    doc.add_unit("ML Org", leader=someone.id, teams=[team.id])
    diff = compare(a, o)
    by = {(c.subject.kind, c.kind): c for c in diff.changes}
    assert by[("team", "manager")].new == {"id": someone.id, "name": someone.name}
    assert by[("team", "renamed")].old == team.name or by[("team", "renamed")].new == "Data Ops"
    assert by[("team", "kpi")].new == "Label accuracy"
    assert by[("team", "unit")].new[0]["name"] == "ML Org"
    assert by[("unit", "added")].new["teams"] == [{"id": team.id, "name": "Data Ops"}]
    lead = by[("person", "tech_lead")]
    assert lead.subject.id == someone.id
    assert {"kind": "team", "id": team.id, "name": "Data Ops"} in lead.new
    _replayed(a, o)


def test_lines_to_nobody_are_kept_as_written() -> None:
    a = sample_org()
    p = next(iter(a.people.values()))
    p.manager = None
    p.unresolved_manager = "Somebody Gone"
    b = _copy(a)
    assert compare(a, b).changes == []
    b.people[p.id].unresolved_manager = "Somebody Else"
    (c,) = compare(a, b).changes
    assert c.kind == "manager"
    assert c.old == {"id": None, "name": "Somebody Gone"}
    assert c.new == {"id": None, "name": "Somebody Else"}
    _replayed(a, b)


def test_custom_fields_and_settings() -> None:
    a = sample_org()
    doc = Document(_copy(a))
    pid = next(iter(doc.org.people))
    doc.set_field("person", pid, "fields", {"Location": "Berlin", "Cost centre": "=1+1"})
    doc.set_setting("rules", {"span-of-control": {"max_reports": 12}})
    diff = compare(a, doc.org)
    fields = [c for c in diff.changes if c.kind == "field"]
    assert [c.new["field"] for c in fields] == ["Cost centre", "Location"]
    assert fields[1].new == {"field": "Location", "value": "Berlin"}
    assert any(c.kind == "settings" and c.subject.kind == "org" for c in diff.changes)
    _replayed(a, doc.org)


def test_match_by_name_reports_duplicates() -> None:
    a = sample_org()
    b = _copy(a)
    ids = list(b.people)
    b.people[ids[1]].name = b.people[ids[0]].name  # two people share a name now
    diff = compare(a, b, match="name")
    names = {r.name for r in diff.unmatched}
    assert a.people[ids[0]].name in names
    with pytest.raises(ValueError):
        compare(a, b, match="email")
    with pytest.raises(ValueError):
        diff.edits()


def test_summary_matches_the_stats() -> None:
    a = sample_org()
    doc = Document(_copy(a))
    o = doc.org
    t = o.ordered_teams()[1]
    doc.add_person("New Person", team=t.id, pipeline=o.pipeline_order[0], manager=t.manager)
    diff = compare(a, o)
    s = summarize(diff)
    for org, side in ((a, "old"), (o, "new")):
        stats = org_stats(org)
        for key in ("people", "open_positions", "managers", "layers", "max_span", "fte"):
            assert s.shape[side][key] == stats[key], key
        assert s.shape[side]["span_distribution"] == stats["span_distribution"]
        rows = {r["id"]: r[side] for r in s.teams}
        for team in stats["teams"]:
            assert rows[team["id"]] == {k: team[k] for k in ("headcount", "open_positions", "fte")}
    row = next(r for r in s.teams if r["id"] == t.id)
    assert row["new"]["headcount"] == row["old"]["headcount"] + 1


def test_findings_fixed_and_introduced() -> None:
    a = sample_org()
    doc = Document(_copy(a))
    o = doc.org
    unowned = next(pl for pl in o.ordered_pipelines() if pl.owner is None)
    pm = next(p for p in o.people.values() if p.role is Role.PM)
    doc.set_field("pipeline", unowned.id, "owner", pm.id)  # fixes "no owner"
    team = o.ordered_teams()[0]
    doc.set_field("team", team.id, "manager", None)  # introduces "no manager"
    diff = compare(a, o)
    fixed = {f["rule"] for f in diff.findings["fixed"]}
    introduced = {f["rule"] for f in diff.findings["introduced"]}
    assert "pipeline-owner" in fixed
    assert "team-manager" in introduced
    for f in diff.findings["introduced"]:
        assert set(f) >= {"rule", "severity", "message", "subjects"}


def _layers_walking_up(org: Org) -> int:
    depth: dict[str, int] = {}
    for pid in org.people:
        chain = [pid, *org.manager_chain(pid)]
        depth[pid] = len(chain)
    return max(depth.values(), default=0)


@pytest.mark.parametrize("size", [1, 7, 60, 400])
def test_layers_walk_down_as_deep_as_chains_go_up(size: int) -> None:
    from orgeditor.model.stats import layers
    from orgeditor.samples import synthetic_org

    org = synthetic_org(size, 2)
    assert layers(org) == _layers_walking_up(org)
    if size >= 7:  # a loop of solid lines: still the longest chain, loops cut
        ids = list(org.people)
        low = next(p for p in ids if not org.direct_reports(p) and org.people[p].manager)
        top = org.manager_chain(low)[-1]
        org.people[top].manager = low
        org._link(low, top, "solid")
        assert layers(org) == _layers_walking_up(org)


def test_docstring_examples() -> None:
    import doctest

    import orgeditor.model.compare as module

    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
