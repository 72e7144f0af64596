"""Analytics in ``orgeditor stats``: FTE, span distribution, layers, open positions, stage."""

from __future__ import annotations

import json

import pytest

from orgeditor.cli import main
from orgeditor.model.org import Org
from orgeditor.model.stats import format_stats, layers, org_stage, org_stats
from orgeditor.samples import sample_org, synthetic_org


def test_existing_keys_are_kept() -> None:
    data = org_stats(sample_org())
    for key in (
        "name",
        "people",
        "open_positions",
        "teams",
        "without_team",
        "pipelines",
        "managers",
        "max_span",
    ):
        assert key in data
    assert data["people"] == 46 and data["open_positions"] == 2 and data["max_span"] == 9


def test_fte_is_weighted_by_shares() -> None:
    data = org_stats(sample_org())
    infra = next(t for t in data["teams"] if t["name"] == "ML Infrastructure")
    # six placed people: 100+100+100+120 (Rafael) +100+100 = 6.2 FTE; the manager unplaced
    assert infra["fte"] == pytest.approx(6.2) and infra["unplaced"] == 1
    speech = next(p for p in data["pipelines"] if p["name"] == "Speech recognition")
    # Rosa 30% + Yara 40% + Sami 100% + Uma 50% = 2.2 FTE, plus two open positions
    assert speech["fte"] == pytest.approx(2.2) and speech["open_positions"] == 2
    assert data["fte"] == pytest.approx(sum(p["fte"] for p in data["pipelines"]))


def test_shape_of_the_sample() -> None:
    data = org_stats(sample_org())
    assert data["layers"] == 4  # CEO > Director > manager > IC
    assert sum(data["span_distribution"].values()) == data["managers"] == 10
    assert data["span_distribution"]["9-12"] == 1
    mic = data["manager_to_ic"]
    assert mic["managers"] + mic["ics"] == data["people"]
    assert [o["title"] for o in data["open"]] == [
        "Research Scientist (speech)",
        "Edge Performance Engineer",
    ]


def test_org_stage_names_missing_kinds_in_order() -> None:
    org = sample_org()
    stage = org_stage(org)
    assert stage["missing"] == [] and stage["size"] == 46
    assert stage["expected"] == ["data-operations", "modeling", "infrastructure", "tooling"]
    small = Org("tiny")
    assert org_stage(small, size=60)["missing"] == [
        "data-operations",
        "modeling",
        "infrastructure",
        "tooling",
        "deployment",
    ]
    note = org_stage(small, size=20)["note"]
    assert "Missing: Data Operations, Modeling, Infrastructure." in note
    assert "Tooling tends to come at about 30 people" in note


def test_layers_survive_a_cycle() -> None:
    from orgeditor.model.changes import SetField

    org = sample_org()
    SetField("person", "p1", "manager", None, "p10").apply(org)
    assert layers(org) >= 4


def test_stats_command_prints_analytics(capsys, sample_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(["stats", str(sample_path)])
    out = capsys.readouterr().out
    assert "Allocation-weighted FTE" in out and "Org stage" in out and "layers: 4" in out
    with pytest.raises(SystemExit):
        main(["stats", str(sample_path), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["stage"]["note"] and data["manager_to_ic"]["ratio"] == pytest.approx(3.6)


def test_stats_text_of_a_large_org_stays_short() -> None:
    text = format_stats(org_stats(synthetic_org(5000, seed=2)))
    assert "... and" in text  # open positions list is capped
