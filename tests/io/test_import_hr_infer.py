"""Managers and team kinds inferred as a person would (issue 15, point 2), through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from hr_helpers import HERE, run_cli

from orgeditor.io.hr.import_infer import names_team
from orgeditor.io.orgfile import load
from orgeditor.model.entities import Role
from orgeditor.model.kinds import is_ml_kind
from orgeditor.model.org import Org


def run_import(src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Org, str]:
    out = tmp_path / "out.orgchart"
    status, _, err = run_cli(["import", str(src), "-o", str(out)], capsys)
    assert status == 0, err
    return load(out), err


def manager_of(org: Org, team: str) -> str | None:
    t = org.find_by_name("team", team)
    assert t is not None, team
    return org.people[t.manager].name if t.manager else None


def test_managers_by_title_and_led_from_outside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    org, err = run_import(HERE / "managers_without_reports.csv", tmp_path, capsys)
    # "Manager, Tooling" with nobody reporting to him yet manages Tooling
    assert manager_of(org, "Tooling") == "Aleksander Nowak"
    assert manager_of(org, "Evaluation") == "Kim Ro"  # Head of Evaluation, a team of one
    assert "team manager by title (nobody reports to them yet)" in err
    # the PMs of ML Product all report to the Director: she leads it, and stays a Director
    assert manager_of(org, "ML Product") == "Maya Chen"
    assert manager_of(org, "Applied Research") == "Maya Chen"
    assert org.people["1"].role is Role.DIRECTOR
    assert "ML Product: Maya Chen (Director of Machine Learning)" in err
    # kinds from what the members do when the name says nothing
    kinds = {t.name: t.kind for t in org.ordered_teams()}
    assert kinds["Applied Research"] == "modeling"
    assert kinds["Vendors"] == "data-operations"
    assert kinds["Money"] == "finance"
    assert kinds["ML Leadership"] == ""  # a Director's title says nothing about her team
    assert kinds["ML Product"] == ""


def test_titles_that_name_a_team() -> None:
    assert names_team("Tooling Manager", "Tooling")
    assert names_team("Director, Tooling", "Tooling")
    assert names_team("Manager - Data Operations", "Data Operations")
    assert not names_team("Tech Lead, Tooling", "Tooling")
    assert not names_team("Manager, Modeling", "Tooling")


def test_company_wide_departments_get_non_ml_kinds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    org, _ = run_import(HERE / "company.csv", tmp_path, capsys)
    kinds = {t.name: t.kind for t in org.ordered_teams()}
    assert kinds == {
        "Executive": "administration",
        "ML Product": "",
        "Modeling": "modeling",
        "Data Operations": "data-operations",
        "ML Infrastructure": "infrastructure",  # the ML org's, though nobody is on a pipeline
        "Infrastructure": "it",  # the company's
        "IT": "it",
        "Finance": "finance",
        "Sales EMEA": "sales",
        "Shipping": "shipping",
        "Legal": "legal",
        "Human Resources": "hr",
        "Marketing": "marketing",
        "Customer Support": "support",
        "People": "hr",  # from the recruiter's title
    }
    ml = {t.name for t in org.ordered_teams() if is_ml_kind(t.kind, org.settings)}
    assert ml == {"Modeling", "Data Operations", "ML Infrastructure"}
    # the empty Owner Of column counts as absent: the PM owns her pipeline
    fraud = org.find_by_name("pipeline", "Fraud Detection")
    assert fraud is not None and fraud.owner == "3"


def test_user_kinds_marked_ml_in_settings() -> None:
    assert not is_ml_kind("evaluation", {})
    assert is_ml_kind("evaluation", {"ml_team_kinds": ["evaluation"]})
    assert not is_ml_kind("finance", {"ml_team_kinds": ["finance"]})


def test_oracle_departments_are_not_ml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "real"
    oracle = src / "oracle-hr-sample.csv"
    if not oracle.exists():
        pytest.skip("real fixtures not available")
    org, _ = run_import(oracle, tmp_path, capsys)
    assert all(t.kind and not is_ml_kind(t.kind, org.settings) for t in org.ordered_teams())
