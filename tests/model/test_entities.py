"""Entities: roles, display names, team kinds, editable fields."""

from __future__ import annotations

import pytest

from orgeditor.model.entities import (
    ENTITY_KINDS,
    STANDARD_TEAM_KINDS,
    OrgUnit,
    Person,
    Pipeline,
    Placement,
    Role,
    Team,
    copy_value,
    editable_fields,
    team_kind_label,
)
from orgeditor.model.records import entity_from_record, entity_record


def test_roles_are_the_six_of_the_issue() -> None:
    assert [r.value for r in Role] == ["ic", "manager", "director", "vp", "pm", "open"]
    assert Role("vp").is_leader and Role.DIRECTOR.is_leader
    assert not Role.MANAGER.is_leader and not Role.PM.is_leader
    assert Role.OPEN.label == "Open position"
    assert all(r.label for r in Role)


def test_display_name_of_people_and_open_positions() -> None:
    assert Person("p1", "Ada").display_name == "Ada"
    assert Person("p2", role=Role.OPEN, title="ML Engineer").display_name == "Open: ML Engineer"
    assert Person("p3", role=Role.OPEN).display_name == "Open position"
    assert Person("p3", role=Role.OPEN).is_open
    assert not Person("p4", "Bo").is_open


def test_team_kinds() -> None:
    assert STANDARD_TEAM_KINDS == (
        "data-operations",
        "modeling",
        "infrastructure",
        "tooling",
        "deployment",
    )
    assert team_kind_label("data-operations") == "Data Operations"
    assert team_kind_label("ml_platform") == "Ml Platform"
    assert team_kind_label("") == "Unspecified"


def test_editable_fields_exclude_the_id() -> None:
    assert ENTITY_KINDS == ("person", "team", "pipeline", "unit")
    for kind in ENTITY_KINDS:
        assert "id" not in editable_fields(kind)
        assert "name" in editable_fields(kind)
    assert {"manager", "dotted", "team", "fields"} <= editable_fields("person")
    assert "kpi" in editable_fields("team")
    assert "owner" in editable_fields("pipeline")
    assert "teams" in editable_fields("unit")


def test_placement_cell_and_immutability() -> None:
    pl = Placement("p1", "t1", "l1", 50)
    assert pl.cell == ("t1", "l1")
    with pytest.raises(AttributeError):
        pl.share = 60  # type: ignore[misc]


def test_copy_value_copies_dicts_only() -> None:
    d = {"a": "1"}
    assert copy_value(d) == d and copy_value(d) is not d
    t = ("p1",)
    assert copy_value(t) is t


@pytest.mark.parametrize(
    ("kind", "entity"),
    [
        (
            "person",
            Person(
                "p1",
                "Ada",
                "Staff Engineer",
                "L6",
                Role.MANAGER,
                "t1",
                "p2",
                ("p3", "p4"),
                "Someone Else",
                ("Nobody",),
                {"location": "Berlin"},
            ),
        ),
        ("team", Team("t1", "Modeling", "modeling", "p1", "p2", "NDCG")),
        ("pipeline", Pipeline("l1", "Feed ranking", "p1", "p2")),
        ("unit", OrgUnit("u1", "ML Org", "p1", ("t1", "t2"), "p3")),
    ],
)
def test_entity_records_round_trip(kind: str, entity: object) -> None:
    rec = entity_record(kind, entity)
    assert rec["id"] == entity.id  # type: ignore[attr-defined]
    again = entity_from_record(kind, rec)
    assert again == entity
    # records are plain JSON data: no tuples, no enums
    assert all(not isinstance(v, tuple | Role) for v in rec.values())


def test_entity_from_minimal_record_takes_defaults() -> None:
    assert entity_from_record("person", {"id": "p1"}) == Person("p1")
    assert entity_from_record("unit", {"id": "u1"}) == OrgUnit("u1", "")
    with pytest.raises(KeyError):
        entity_record("robot", object())
