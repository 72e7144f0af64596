"""Rules on the matrix: each fires on a case and not on its near miss."""

from __future__ import annotations

import pytest
from rules_helpers import force, healthy, run, subject_ids

from orgeditor.model.rules.kpi import kpi_is_volume


# ------------------------------------------------------------------ pipeline-owner
def test_pipeline_owner_missing() -> None:
    doc = healthy()
    doc.add_pipeline("Speech recognition", id="l2")
    doc.add_placement("m1", "model", "l2", 0)
    [f] = run(doc.org, "pipeline-owner")
    assert f.severity == "warning" and subject_ids(f) == [("pipeline", "l2")]
    assert "accountable" in f.message


def test_pipeline_owner_not_a_pm() -> None:
    doc = healthy()
    doc.set_field("pipeline", "l1", "owner", "m1")
    [f] = run(doc.org, "pipeline-owner")
    assert subject_ids(f) == [("pipeline", "l1"), ("person", "m1")]
    assert "not a product manager" in f.message


def test_pipeline_owner_second_pm_on_the_row() -> None:
    doc = healthy()
    doc.add_person("Pat Second", title="ML Product Manager", role="pm", manager="head", id="pm2")
    assert run(doc.org, "pipeline-owner") == []  # a PM on no pipeline is a near miss
    doc.add_placement("pm2", None, "l1", 50)
    [f] = run(doc.org, "pipeline-owner")
    assert f.severity == "info"
    assert subject_ids(f) == [("pipeline", "l1"), ("person", "pm"), ("person", "pm2")]


def test_pipeline_owner_near_miss_pm_by_title() -> None:
    doc = healthy()
    doc.set_field("person", "pm", "role", "ic")  # still "ML Product Manager" by title
    assert run(doc.org, "pipeline-owner") == []


# ------------------------------------------------------------------ pipeline-coverage
def test_pipeline_coverage_missing_data_operations() -> None:
    doc = healthy()
    doc.add_pipeline("Fraud scoring", owner="pm", id="l2")
    doc.add_placement("m1", "model", "l2", 0)
    [f] = run(doc.org, "pipeline-coverage")
    assert subject_ids(f) == [("pipeline", "l2")]
    assert "Data Operations" in f.message and "Modeling" not in f.message


def test_pipeline_coverage_near_miss_small_share_counts() -> None:
    doc = healthy()
    doc.add_pipeline("Fraud scoring", owner="pm", id="l2")
    doc.add_placement("m1", "model", "l2", 0)
    doc.add_placement("d1", "data", "l2", 0)
    assert run(doc.org, "pipeline-coverage") == []


def test_pipeline_coverage_open_position_does_not_cover_and_kinds_tunable() -> None:
    doc = healthy()
    doc.add_pipeline("Fraud scoring", owner="pm", id="l2")
    doc.add_placement("m1", "model", "l2", 0)
    doc.add_person("", title="Labeler", role="open", team="data", pipeline="l2", manager="mgr_d")
    assert len(run(doc.org, "pipeline-coverage")) == 1
    assert run(doc.org, "pipeline-coverage", required_kinds=["modeling"]) == []


# ------------------------------------------------------------------ team-manager
def test_team_manager_missing() -> None:
    doc = healthy()
    doc.set_field("team", "data", "manager", None)
    [f] = run(doc.org, "team-manager")
    assert f.severity == "warning" and subject_ids(f) == [("team", "data")]


def test_team_manager_near_miss_and_open_manager() -> None:
    doc = healthy()
    assert run(doc.org, "team-manager") == []
    doc.set_field("person", "mgr_d", "role", "open")
    [f] = run(doc.org, "team-manager")
    assert f.severity == "info"


# ------------------------------------------------------------------ tech-lead-placement
def test_principal_not_under_leader() -> None:
    doc = healthy()
    doc.add_person("Pia Principal", title="Principal Engineer", team="model", manager="mgr_m")
    [f] = run(doc.org, "tech-lead-placement")
    assert "Principal" in f.message and subject_ids(f)[1] == ("person", "mgr_m")


def test_principal_near_miss_under_director_and_staffing_is_not_staff() -> None:
    doc = healthy()
    doc.add_person("Pia Principal", title="Principal Engineer", manager="head")
    doc.add_person("Sam", title="Staffing Coordinator", manager="head")
    assert run(doc.org, "tech-lead-placement") == []


def test_staff_not_under_team_manager() -> None:
    doc = healthy()
    doc.add_person("Stef", title="Staff ML Engineer", manager="head", id="s1")
    [f] = run(doc.org, "tech-lead-placement")
    assert subject_ids(f)[0] == ("person", "s1") and "Staff" in f.message


def test_staff_near_miss_under_team_manager_and_track_field() -> None:
    doc = healthy()
    doc.add_person("Stef", title="Senior Engineer", team="model", manager="mgr_m", id="s1")
    doc.set_field("person", "s1", "fields", {"track": "Staff"})
    assert run(doc.org, "tech-lead-placement") == []
    doc.set_manager("s1", "head")  # the track field makes them Staff
    assert len(run(doc.org, "tech-lead-placement")) == 1


def test_tech_lead_under_pm() -> None:
    doc = healthy()
    doc.set_manager("m1", "pm")
    doc.set_tech_lead("pipeline", "l1", "m1")
    found = run(doc.org, "tech-lead-placement")
    assert [subject_ids(f) for f in found] == [
        [("person", "m1"), ("pipeline", "l1"), ("person", "pm"), ("person", "mgr_m")]
    ]


def test_tech_lead_near_miss_dotted_to_pm() -> None:
    doc = healthy()
    doc.add_dotted("m1", "pm")
    doc.set_tech_lead("pipeline", "l1", "m1")
    assert run(doc.org, "tech-lead-placement") == []


# ------------------------------------------------------------------ team-tech-lead
def _grow(doc, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        doc.add_person(f"Extra {i}", team="data", pipeline="l1", manager="mgr_d")


def test_team_tech_lead_large_team() -> None:
    doc = healthy()
    _grow(doc, 3)  # manager + 2 + 3 = 6
    [f] = run(doc.org, "team-tech-lead")
    assert subject_ids(f) == [("team", "data")] and "6 people" in f.message
    assert run(doc.org, "team-tech-lead", min_size=7) == []


def test_team_tech_lead_near_misses() -> None:
    doc = healthy()
    _grow(doc, 2)  # 5 people
    doc.add_person("", role="open", title="Labeler", team="data", manager="mgr_d")
    assert run(doc.org, "team-tech-lead") == []  # open positions do not count
    _grow(doc, 1)
    doc.set_tech_lead("team", "data", "d1")
    assert run(doc.org, "team-tech-lead") == []


# ------------------------------------------------------------------ over-allocation
def test_over_allocation_above_100() -> None:
    doc = healthy()
    doc.add_pipeline("Fraud", owner="pm", id="l2")
    doc.set_share("m1", "model", "l1", 60)
    doc.add_placement("m1", "model", "l2", 50)
    [f] = run(doc.org, "over-allocation")
    assert subject_ids(f) == [("person", "m1")] and "110%" in f.message


def test_over_allocation_near_miss_exactly_100() -> None:
    doc = healthy()
    doc.add_pipeline("Fraud", owner="pm", id="l2")
    doc.set_share("m1", "model", "l1", 50)
    doc.add_placement("m1", "model", "l2", 50)
    assert run(doc.org, "over-allocation") == []


def test_over_allocation_other_teams_column() -> None:
    org = healthy().org
    force(org, "person", "m1", "team", "data")  # m1 now belongs to Data, placed in Modeling
    found = run(org, "over-allocation")
    assert [subject_ids(f) for f in found] == [
        [("person", "m1"), ("team", "model"), ("pipeline", "l1")]
    ]
    assert run(org, "over-allocation", flag_other_team=False) == []


# ------------------------------------------------------------------ kpi-alignment
@pytest.mark.parametrize(
    "kpi", ["Labels produced per week", "Papers published", "Tickets closed per sprint"]
)
def test_kpi_alignment_volume(kpi: str) -> None:
    doc = healthy()
    doc.set_field("team", "data", "kpi", kpi)
    [f] = run(doc.org, "kpi-alignment")
    assert subject_ids(f) == [("team", "data")] and kpi in f.message


@pytest.mark.parametrize(
    "kpi",
    ["Label accuracy per week", "Offline NDCG@10", "p99 latency and models shipped", ""],
)
def test_kpi_alignment_near_miss(kpi: str) -> None:
    doc = healthy()
    doc.set_field("team", "data", "kpi", kpi)
    assert run(doc.org, "kpi-alignment") == []


def test_kpi_words_are_whole_words_and_tunable() -> None:
    assert kpi_is_volume("Recounted dashboards") is None
    assert kpi_is_volume("Dashboards shipped", volume_words=("shipped",)) == "shipped"
