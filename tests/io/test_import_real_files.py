"""The two real HR exports import without --map, through the command line as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orgeditor.io.hr.hr_import import import_file
from orgeditor.io.orgfile import load

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "real"
D3 = FIXTURES / "d3-org-chart-sample.csv"
ORACLE = FIXTURES / "oracle-hr-sample.csv"

pytestmark = pytest.mark.skipif(not D3.exists(), reason="real fixtures not available")


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from orgeditor.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(args)
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out, out.err


def test_d3_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "d3.orgchart"
    status, _, err = run_cli(["import", str(D3), "-o", str(out)], capsys)
    assert status == 0, err
    assert "created 1516 people" in err
    org = load(out)
    assert len(org.people) == 1516
    # names with leading spaces are trimmed
    assert not [p for p in org.people.values() if p.name != p.name.strip()]
    assert org.people["O-6068"].name == "Leverling Janet"
    root = org.people["O-6066"]
    assert root.name == "Ian Devling" and root.title == "Chief Executive Officer"
    assert root.manager is None
    assert org.people["O-6067"].manager == "O-6066"
    assert sum(1 for p in org.people.values() if p.manager is None) == 1
    assert not [p for p in org.people.values() if p.unresolved_manager]
    # area is the team, office and the rest are custom fields
    assert [t.name for t in org.ordered_teams()] == ["Corporate"]
    assert root.fields["office"] == "CTO office"
    assert root.fields["photo"].endswith("cto.jpg")  # a URL: kept as a link, never fetched
    assert root.fields["tags"] == "Ceo,tag1,manager,cto"


def test_oracle_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "oracle.orgchart"
    status, _, err = run_cli(["import", str(ORACLE), "-o", str(out)], capsys)
    assert status == 0, err
    org = load(out)
    assert len(org.people) == 107
    king = org.people["100"]
    assert king.name == "Steven King"
    assert king.title == "Chief Operating Officer"
    assert org.people["102"].name == "Lex De Haan"
    assert org.people["101"].manager == "100"
    # teams come from department_name, not department_id
    names = {t.name for t in org.teams.values()}
    assert "Shipping" in names and "Executive" in names and "IT" in names
    assert not names & {"50", "90", "60"}
    assert len(org.teams) == 11
    assert king.fields["department_id"] == "90"
    assert king.fields["job_id"] == "AD_PRES"
    # the one person without a department has no team
    no_team = [p for p in org.people.values() if p.team is None]
    assert [p.name for p in no_team] == ["Kimberely Grant"]
    assert "department_id" not in no_team[0].fields
    shipping = org.find_by_name("team", "Shipping")
    assert len(org.team_members(shipping.id)) == 45
    # Shipping has five stock managers, each reporting to the COO: no one heads the team
    assert shipping.manager is None
    it = org.find_by_name("team", "IT")
    assert org.people[it.manager].name == "Alexander Hunold"  # heads all of IT


def test_oracle_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(["import", str(ORACLE), "--dry-run", "--json"], capsys)
    assert status == 0
    data = json.loads(out)
    assert data["people"] == 107 and data["teams"] == 11
    assert data["mapping"]["first_name"] == "name"
    assert data["mapping"]["last_name"] == "lastName"
    assert data["mapping"]["team"] == "department_name"
    assert data["mapping"]["title"] == "position"
    assert data["output"] is None


def test_real_files_in_process() -> None:
    _, report = import_file(D3)
    assert report.people == 1516 and report.problems == {}
    _, report = import_file(ORACLE)
    assert report.people == 107
