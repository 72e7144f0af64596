"""``orgeditor import ALL.csv --root PERSON``: the ML org cut out of a company-wide export
(issue 15, point 5), through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hr_helpers import HERE, run_cli

from orgeditor.io.orgfile import load


def test_root_keeps_the_subtree_pipeline_people_and_leaders_above(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "all.csv"
    # a fraud analyst in Finance works on the Fraud Detection pipeline: she stays, with the CFO
    text = (HERE / "company.csv").read_text(encoding="utf-8")
    src.write_text(text + "25,Ivy Shore,Fraud Analyst,15,Finance,Fraud Detection,\n", "utf-8")
    out = tmp_path / "ml.orgchart"
    status, _, err = run_cli(
        ["import", str(src), "--root", "Dayo Fairweather", "-o", str(out)], capsys
    )
    assert status == 0, err
    org = load(out)
    names = {p.name for p in org.people.values()}
    assert names == {
        "Helen Marsh",  # context: the CEO above Dayo and the CFO
        "Dayo Fairweather",
        "Sofia Rossi",
        "Ravi Shah",
        "Ada Park",
        "Nina Kovac",
        "Ola Berg",
        "Ken Ito",
        "Lea Voss",
        "Fay Wong",  # context: Ivy's manager
        "Ivy Shore",
    }
    assert {t.name for t in org.ordered_teams()} == {
        "ML Product",
        "Modeling",
        "Data Operations",
        "ML Infrastructure",
        "Finance",
    }
    assert org.people["1"].team is None  # the CEO is context: her Executive team stays out
    assert org.people["25"].manager == "15" and org.people["15"].manager == "1"
    assert "kept as context: Helen Marsh (Chief Executive Officer); Fay Wong (CFO)" in err
    assert "left out: 14 people, 10 teams (Executive, Infrastructure, IT, Sales EMEA" in err


def test_root_by_id_and_unknown_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ml.orgchart"
    status, _, err = run_cli(
        ["import", str(HERE / "company.csv"), "--root", "10", "-o", str(out)], capsys
    )
    assert status == 0, err
    org = load(out)
    assert {p.name for p in org.people.values()} >= {"Tom Becker", "Raj Iyer", "Joe Park"}
    assert "Fay Wong" not in {p.name for p in org.people.values()}
    bad = tmp_path / "bad.orgchart"
    status, _, err = run_cli(
        ["import", str(HERE / "company.csv"), "--root", "Nobody", "-o", str(bad)], capsys
    )
    assert status == 2 and not bad.exists()
    assert err.strip() == "orgeditor: --root 'Nobody': nobody with this id or name"
