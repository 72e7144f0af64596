"""Primitive changes: each one's inverse restores the org exactly; JSON round trip; subjects."""

from __future__ import annotations

import json
import re

import pytest

from orgeditor.io.orgfile import dumps
from orgeditor.model.changes import (
    AddEntity,
    Change,
    MoveEntity,
    RemoveEntity,
    SetField,
    SetOrgField,
    change_from_json,
    change_types,
    unknown_reference,
)
from orgeditor.model.entities import Role
from orgeditor.model.items import AddItem, RemoveItem, SetItemField
from orgeditor.model.org import Org
from orgeditor.model.placements import AddPlacement, RemovePlacement, SetShare
from orgeditor.model.records import entity_record
from orgeditor.samples import sample_org


def _indexes(org: Org) -> tuple[object, ...]:
    return (org._cells, org._reports, org._dotted_reports, org._placements)


def _changes(org: Org) -> list[Change]:
    """One or more of every kind of change, valid on the sample org."""
    p44 = org.people["p44"]
    return [
        AddEntity("person", {"id": "p99", "name": "New", "team": "t2", "manager": "p17"}),
        AddEntity("team", {"id": "t9", "name": "Evaluation", "kind": "evaluation"}, 1),
        AddEntity("pipeline", {"id": "l9", "name": "Ads"}, None),
        AddEntity("unit", {"id": "u9", "name": "Research Org", "teams": ["t2"]}, 0),
        RemoveEntity("person", entity_record("person", org.people["p48"])),
        RemoveEntity("unit", entity_record("unit", org.units["u2"]), 1),
        SetField("person", "p19", "name", "Ada Lovelace-Park", "Ada Park"),
        SetField("person", "p19", "manager", "p17", "p18"),
        SetField("person", "p19", "manager", "p17", None),
        SetField("person", "p19", "dotted", ("p6",), ("p6", "p7")),
        SetField("person", "p19", "dotted", ("p6",), ()),
        SetField("person", "p19", "role", Role.IC, Role.MANAGER),
        SetField("person", "p19", "fields", {}, {"location": "Oslo"}),
        SetField("person", "p4", "team", None, "t2"),  # no placements: the card moves
        SetField("person", "p19", "team", "t2", "t3"),  # placed: placements stay
        SetField("team", "t4", "tech_lead", None, "p35"),
        SetField("pipeline", "l5", "owner", None, "p9"),
        SetField("unit", "u1", "teams", ("t1", "t2", "t4", "t5"), ("t1",)),
        MoveEntity("team", "t1", 0, 5),
        MoveEntity("pipeline", "l5", 4, 0),
        AddPlacement("p4", None, "l5", 20),
        AddPlacement("p19", "t2", "l2", 10),
        RemovePlacement("p19", "t2", "l1", 100),
        RemovePlacement(p44.id, "t5", "l5", 100),
        SetShare("p31", "t3", "l1", 60, 40),
        SetOrgField("name", "Northwind ML", "Southwind ML"),
        SetOrgField("settings.max_span", None, 8),
        SetOrgField("settings.rules", None, {"kpi": {"enabled": False}}),
    ]


N_CHANGES = len(_changes(sample_org()))


def one_of_each() -> list[Change]:
    """At least one change of every type (the item changes are not all valid on the sample)."""
    step = {"id": "s1", "name": "Q2 hires", "date": "2027-04-01", "changes": []}
    return [
        *_changes(sample_org()),
        AddItem("plan", step, 0),
        RemoveItem("conflicts", {"id": "c1", "kind": "person", "subject": "p19"}, 0),
        SetItemField("plan", "s1", "name", "Q2 hires", "Q2 hiring"),
    ]


def test_every_change_type_survives_json() -> None:
    examples = one_of_each()
    assert {type(c) for c in examples} == set(change_types().values())
    for change in examples:
        data = json.loads(json.dumps(change.to_json()))
        assert change_types()[data["op"]] is type(change)
        assert change_from_json(data) == change


@pytest.mark.parametrize("n", range(N_CHANGES))
def test_inverse_restores_the_org_exactly(n: int) -> None:
    org = sample_org()
    before_text, before_idx = dumps(org), _indexes(org)
    org.graph  # noqa: B018 - built, so the change must keep it current too
    change = _changes(org)[n]
    change.apply(org)
    after_text = dumps(org)
    assert after_text != before_text
    change.inverse().apply(org)
    assert dumps(org) == before_text
    assert _indexes(org) == before_idx
    assert change.inverse().inverse() == change
    # and redo lands on the same org again
    change.apply(org)
    assert dumps(org) == after_text


@pytest.mark.parametrize("n", range(N_CHANGES))
def test_a_change_fits_the_org_it_was_made_for_and_not_the_one_after(n: int) -> None:
    org = sample_org()
    change = _changes(org)[n]
    assert change.conflict(org) is None
    change.apply(org)
    assert change.conflict(org) is not None  # applied twice, it would replace the wrong thing
    assert change.inverse().conflict(org) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (SetField("person", "p19", "title", "CEO", "x"), "title is .*, not 'CEO'"),
        (SetField("person", "p19", "role", Role.PM, Role.IC), "role is 'ic', not 'pm'"),
        (SetField("person", "nobody", "title", "", "x"), "no person with id 'nobody'"),
        (SetShare("p31", "t3", "l1", 10, 40), "share .* is 60, not 10"),
        (SetShare("p31", "t3", "l4", 60, 40), "not in cell"),
        (RemovePlacement("p31", "t3", "l1", 100), "is 60, not 100"),
        (AddPlacement("p31", "t3", "l1", 100), "already in cell"),
        (AddPlacement("p31", "t77", "l1", 100), "no team with id 't77'"),
        (MoveEntity("team", "t1", 3, 0), "index is 0, not 3"),
        (MoveEntity("team", "t1", 0, 99), "outside the team order"),
        (MoveEntity("person", "p1", 0, 1), "no place in an order"),
        (AddEntity("team", {"id": "t1", "name": "Again"}), "already exists"),
        (AddEntity("pipeline", {"id": "l9", "name": "Ads"}, 42), "outside the pipeline order"),
        (RemoveEntity("team", {"id": "t1", "name": "Renamed"}), "not as the change's record"),
        (RemoveEntity("unit", {"id": "u99"}), "no unit with id 'u99'"),
        (SetOrgField("name", "Other", "x"), "name is 'Northwind ML', not 'Other'"),
        (SetOrgField("settings.max_span", 3, 8), "is None, not 3"),
    ],
)
def test_a_stale_change_says_what_it_found(change: Change, message: str) -> None:
    problem = change.conflict(sample_org())
    assert problem is not None
    assert re.search(message, problem), problem


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (SetField("person", "p19", "manager", "p17", "nobody"), "no person with id 'nobody'"),
        (SetField("person", "p19", "dotted", ("p6",), ("p6", "p0")), "no person .* 'p0'"),
        (SetField("person", "p19", "team", "t2", "t77"), "no team with id 't77'"),
        (SetField("team", "t4", "tech_lead", None, "p0"), "no person with id 'p0'"),
        (SetField("pipeline", "l5", "owner", None, "p0"), "no person with id 'p0'"),
        (SetField("unit", "u1", "teams", ("t1", "t2", "t4", "t5"), ("t77",)), "no team .*'t77'"),
        (AddEntity("person", {"id": "p99", "name": "N", "manager": "p0"}), "no person .*'p0'"),
        (AddEntity("person", {"id": "p99", "name": "N", "manager": "p99"}), "'p99'"),
        (AddEntity("person", {"id": "p99", "name": "N", "team": "t77"}), "no team .*'t77'"),
        (AddEntity("team", {"id": "t9", "name": "E", "manager": "p0"}), "no person .*'p0'"),
        (AddEntity("unit", {"id": "u9", "name": "R", "teams": ["t77"]}), "no team .*'t77'"),
        (AddEntity("unit", {"id": "u9", "name": "R", "leader": ["p1"]}), r"no person .*\['p1'\]"),
        (AddPlacement("p19", "t2", "l77", 10), "no pipeline with id 'l77'"),
    ],
)
def test_a_change_refuses_to_name_what_is_not_there(change: Change, message: str) -> None:
    """What a change newly refers to must exist, or the org's file could not be loaded."""
    org = sample_org()
    problem = change.conflict(org)
    assert problem is not None
    assert re.search(message, problem), problem


def test_unknown_reference_names_the_first_missing_entity() -> None:
    org = sample_org()
    assert unknown_reference(SetField("person", "p19", "manager", "p17", "p18"), org) is None
    assert unknown_reference(SetField("person", "p19", "manager", "p17", None), org) is None
    unit = AddEntity("unit", {"id": "u9", "name": "R", "teams": ["t1", "t77"], "leader": "p0"})
    assert unknown_reference(unit, org) == ("team", "t77")
    assert unknown_reference(SetOrgField("name", org.name, "x"), org) is None
    # a line to oneself is a cycle, which files hold and the health check reports
    assert SetField("person", "p19", "manager", "p17", "p19").conflict(org) is None


def test_removing_a_person_needs_them_unplaced_and_without_reports() -> None:
    org = sample_org()
    placed = RemoveEntity("person", entity_record("person", org.people["p19"]))
    assert placed.conflict(org) == "person p19 still has placements"
    boss = next(p for p in org.people if org.direct_reports(p) and not org.placements(p))
    lead = RemoveEntity("person", entity_record("person", org.people[boss]))
    assert lead.conflict(org) == f"person {boss} still has people reporting to them"
    assert RemoveEntity("team", entity_record("team", org.teams["t1"])).conflict(org) == (
        "team t1 still has people"
    )


@pytest.mark.parametrize("n", range(N_CHANGES))
def test_json_round_trip(n: int) -> None:
    change = _changes(sample_org())[n]
    data = json.loads(json.dumps(change.to_json()))
    assert data["op"] == change.op
    again = change_from_json(data)
    assert again == change
    assert type(again) is type(change)


def test_subjects_name_what_changed() -> None:
    org = sample_org()
    by_type = {type(c): c.subjects() for c in _changes(org)}
    assert by_type[AddPlacement] == [("person", "p19")]
    assert by_type[MoveEntity] == [("pipeline", "l5")]
    assert by_type[SetOrgField] == [("org", "settings.rules")]
    for c in _changes(org):
        for kind, _id in c.subjects():
            assert kind in ("person", "team", "pipeline", "unit", "org")


def test_set_field_refuses_unknown_fields() -> None:
    with pytest.raises(ValueError, match="no field"):
        SetField("person", "p1", "id", "p1", "p2")
    with pytest.raises(ValueError, match="no field"):
        SetOrgField("colour", None, "red").apply(Org())


def test_setting_removed_with_none() -> None:
    org = Org()
    SetOrgField("settings.a", None, 1).apply(org)
    assert org.settings == {"a": 1}
    SetOrgField("settings.a", 1, None).apply(org)
    assert org.settings == {}


def test_set_field_copies_dict_values() -> None:
    org = sample_org()
    fields = {"location": "Oslo"}
    SetField("person", "p19", "fields", {}, fields).apply(org)
    fields["location"] = "Bergen"
    assert org.people["p19"].fields == {"location": "Oslo"}
