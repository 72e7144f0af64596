"""Every CSV case of the playbook-rules issue, through the import path: what a seasoned ML
leader says about each (``tests/rules/cases/``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.corpus import CASES, import_and_check, summary


def _case(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:  # type: ignore[type-arg]
    return import_and_check(CASES / f"{name}.csv", tmp_path, capsys)


@pytest.mark.parametrize(
    "name",
    [
        "1a-textbook-ml-leadership",
        "1b-textbook-ml-infrastructure",
        "1c-vp-of-ml-two-directors",
        "1d-reorganised-all-ml-under-director",
    ],
)
def test_one_leadership_textbook_shapes_are_not_split(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = _case(name, tmp_path, capsys)
    assert [f for f in found if f["rule"] == "one-leadership"] == []
    # only managers of one remain (info), each naming the one report
    assert {f["rule"] for f in found} <= {"span-of-control"}
    assert all(f["severity"] == "info" for f in found)
    assert all("0 dotted" not in str(f["message"]) for f in found)


def test_one_leadership_ml_infra_under_vp_of_infrastructure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = _case("2a-ml-infra-under-vp-of-infrastructure", tmp_path, capsys)
    [f] = [f for f in found if f["rule"] == "one-leadership"]
    assert summary([f]) == [
        ("one-leadership", "ML Infrastructure", "Tom Becker", "Maya Chen", "Ken Ito")
    ]
    message = str(f["message"])
    assert "Tom Becker (VP of Infrastructure)" in message
    assert "Maya Chen (Director of Machine Learning)" in message
    assert "Move Ken Ito (ML Infrastructure Manager) and ML Infrastructure to report to " in message
    # Cloud Platform is not ML: nothing about its manager of one
    assert ("span-of-control", "Raj Iyer") not in summary(found)


def test_one_leadership_holds_on_messy_hr_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = _case("2b-messy-hr-export", tmp_path, capsys)
    assert summary(found) == [
        ("dangling-line", "Zoe Kim"),
        ("one-leadership", "ML Platform", "Tom Becker", "Maya Chen", "Ken Ito"),
        ("one-leadership", "Modeling", "Paul Graf", "Maya Chen", "Ravi Shah"),
        ("reporting-cycle", "Vera Olsen", "Wei Sato"),
        ("span-of-control", "Ken Ito", "Lea Voss"),
        ("span-of-control", "Ravi Shah", "Ada Park"),
        # no ("team-manager", "Tooling"): Tariq Khan's title makes him its manager (issue 15)
    ]


def test_titles_read_as_people_mean_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = _case("4-titles", tmp_path, capsys)
    assert summary(found) == [
        ("one-leadership", "ML Infrastructure", "Tom Becker", "Maya Chen", "Ken Ito"),
        ("span-of-control", "Ken Ito", "Lea Voss"),
        ("span-of-control", "Nina Kovac", "Ola Berg"),
        ("span-of-control", "Priya Gupta", "Sofia Rossi", "Maya Chen"),
        ("span-of-control", "Ravi Shah", "Ada Park"),
        ("tech-lead-placement", "Arjun Rao", "Tom Becker", "Maya Chen"),
    ]
    messages = " ".join(str(f["message"]) for f in found)
    for name in ("Dana Fox", "Lina Park", "Ben Okafor", "Julia Novak", "Eli Stone"):
        assert name not in messages  # Chief of Staff, Principal Counsel/Accountant/PMM...
    gpm = next(f for f in found if f["subjects"][0]["name"] == "Priya Gupta")
    assert "team manager" not in str(gpm["message"]) and "Bring more PMs" in str(gpm["message"])


def test_empty_owner_of_column_the_one_pm_owns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = _case("6-empty-owner-of", tmp_path, capsys)
    assert [f for f in found if f["rule"] == "pipeline-owner"] == []


def test_messages_say_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = _case("7-messages", tmp_path, capsys)
    assert summary(found) == [
        ("span-of-control", "Paul Graf", "Ravi Shah"),
        ("tech-lead-placement", "Sam Ortiz", "Sofia Rossi", "Ravi Shah"),
    ]
    by_rule = {f["rule"]: str(f["message"]) for f in found}
    assert (
        "Move Sam Ortiz to report to Ravi Shah, who manages Modeling,"
        in by_rule["tech-lead-placement"]
    )
    assert "who manages no team" not in by_rule["tech-lead-placement"]
    span = by_rule["span-of-control"]
    assert "Have Ravi Shah's reports report to Paul Graf directly" in span
    assert "tech-lead role" not in span and "dotted" not in span


@pytest.mark.parametrize(
    ("kpi", "volume"),
    [
        ("Papers at NeurIPS and ICML", "Papers"),
        ("Models trained", "Models trained"),
        ("Experiments run", "Experiments run"),
        ("Map tiles annotated per week", "annotated"),
        ("Error reports closed per week", "closed"),
        ("Labels produced per week", "Labels produced"),
        ("Tickets closed per sprint", "Tickets closed"),
        ("Chargebacks prevented per month", None),
        ("Fraud dollars caught per quarter", None),
        ("mAP on the validation set", None),
        ("Word error rate of the ASR model", None),
        ("p99 latency and models shipped without regression", None),
        ("Label accuracy per week", None),
        ("Revenue from recommendations", None),
    ],
)
def test_kpis_judged_as_a_leader_would(kpi: str, volume: str | None) -> None:
    from orgeditor.model.rules.kpi import kpi_is_volume

    assert kpi_is_volume(kpi) == volume


def test_kpi_message_and_ml_teams_only() -> None:
    from tests.rules.rules_helpers import healthy, run

    doc = healthy()
    doc.set_field("team", "data", "kpi", "Map tiles annotated per week")
    doc.add_person("Sam Sales", title="Sales Manager", role="manager", id="s1")
    doc.add_team("Sales", kind="sales", manager="s1", id="sales")
    doc.set_field("team", "sales", "kpi", "Deals closed per quarter")
    [f] = run(doc.org, "kpi-alignment")
    assert f.subjects[0].id == "data"
    assert "Measure it on label accuracy" in f.message
