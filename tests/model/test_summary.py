"""The change summary: one place that knows every change type; what each one touched."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from test_changes import _changes, one_of_each

from orgeditor.model import changes as changes_module
from orgeditor.model.changes import (
    AddEntity,
    Change,
    MoveEntity,
    RemoveEntity,
    SetField,
    SetOrgField,
)
from orgeditor.model.placements import AddPlacement, SetShare
from orgeditor.model.records import entity_record
from orgeditor.model.summary import ChangeBatch, ChangeSummary, summarize
from orgeditor.samples import sample_org


def test_every_change_type_is_known() -> None:
    for cls in changes_module.change_types().values():
        assert summarize([_example(cls)]), cls.__name__


def _example(cls: type[Change]) -> Change:
    return next(c for c in one_of_each() if type(c) is cls)


def test_an_unknown_change_type_is_an_error_not_ignored() -> None:
    @dataclass(frozen=True)
    class Recolour(Change):
        op = "recolour"

    with pytest.raises(TypeError, match="summarize\\(\\) does not know Recolour"):
        summarize([Recolour()])


def test_people_teams_and_pipelines_cover_every_subject() -> None:
    """Whatever a change names as its subject, the summary has it."""
    for change in _changes(sample_org()):
        s = summarize([change])
        for kind, id in change.subjects():
            if kind == "org":
                assert id in s.settings
            elif kind == "person":
                assert id in s.people
            else:
                table = {"team": s.teams, "pipeline": s.pipelines, "unit": s.units}[kind]
                assert id in table or kind in s.structure, change


def test_what_each_change_touched() -> None:
    org = sample_org()
    person = org.people["p19"]
    add = summarize([AddEntity("person", {"id": "p99", "team": "t2", "manager": "p17"})])
    assert add.added == {("person", "p99")} and add.people == {"p99"}
    assert add.cells == {("t2", None)} and add.lines == {("p99", "p17", "solid")}
    gone = summarize([RemoveEntity("person", entity_record("person", person))])
    assert gone.removed_ids("person") == {"p19"} and not gone.added
    assert ("p19", person.manager, "solid") in gone.lines
    dotted = summarize([SetField("person", "p19", "dotted", ("p6", "p7"), ("p7", "p8"))])
    assert dotted.lines == {("p19", "p6", "dotted"), ("p19", "p8", "dotted")}
    team = summarize([SetField("person", "p4", "team", None, "t2")])
    assert team.cells == {(None, None), ("t2", None)} and team.edited("person", "team") == {"p4"}
    lead = summarize([SetField("team", "t4", "tech_lead", "p30", "p35")])
    assert lead.leads == {"p30", "p35"} and lead.teams == {"t4"} and not lead.people
    move = summarize([MoveEntity("pipeline", "l5", 4, 0)])
    assert move.structure == {"pipeline"} and not move.pipelines
    share = summarize([SetShare("p31", "t3", "l1", 60, 40)])
    assert share.placed == {"p31"} and share.cells == {("t3", "l1")}
    org_name = summarize([SetOrgField("name", "a", "b")])
    assert org_name.settings == {"name"} and not org_name.people
    removed_team = summarize([RemoveEntity("team", {"id": "t9", "tech_lead": "p3"}, 2)])
    assert removed_team.structure == {"team"} and removed_team.leads == {"p3"}


def test_summaries_combine_like_their_changes() -> None:
    changes = _changes(sample_org())
    half = len(changes) // 2
    assert summarize(changes[:half]) | summarize(changes[half:]) == summarize(changes)
    assert summarize([]) == ChangeSummary() and not ChangeSummary()


def test_edited_by_kind_and_field() -> None:
    s = summarize(
        [
            SetField("person", "p1", "title", "a", "b"),
            SetField("person", "p2", "name", "a", "b"),
            SetField("team", "t1", "name", "a", "b"),
            AddPlacement("p3", "t1", "l1", 10),
        ]
    )
    assert s.edited("person") == {"p1", "p2"}
    assert s.edited("person", "name") == {"p2"}
    assert s.edited("team", "name") == {"t1"}
    assert s.edited_fields("person") == {"title", "name"}
    assert s.people == {"p1", "p2", "p3"}


def test_a_batch_is_the_changes_and_computes_its_summary_once() -> None:
    changes = _changes(sample_org())[:3]
    batch = ChangeBatch(changes)
    assert list(batch) == changes and len(batch) == 3
    assert batch.summary is batch.summary
    assert batch.summary == summarize(changes)


def test_union_of_many_equals_pairwise_or() -> None:
    parts = [summarize([c]) for c in _changes(sample_org())]
    pairwise = ChangeSummary()
    for s in parts:
        pairwise = pairwise | s
    assert ChangeSummary.union(parts) == pairwise == summarize(_changes(sample_org()))
    assert ChangeSummary.union([]) == ChangeSummary()
