"""``orgeditor import NEW.csv --update ORG.orgchart``: HR facts from the export, planning kept
(issue 15, point 4), through the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hr_helpers import HERE, run_cli

from orgeditor.document import Document
from orgeditor.io.orgfile import load, save
from orgeditor.model.entities import Role


def planned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Import v1, then plan on it as a manager would (through the Document)."""
    first = tmp_path / "v1.orgchart"
    assert run_cli(["import", str(HERE / "update_v1.csv"), "-o", str(first)], capsys)[0] == 0
    doc = Document(load(first))
    org = doc.org
    fraud = doc.add_pipeline("Fraud Detection", owner="2")
    modeling = org.find_by_name("team", "Modeling").id
    data_ops = org.find_by_name("team", "Data Operations").id
    doc.add_placement("4", modeling, fraud, 60)
    doc.add_placement("7", data_ops, fraud, 100)
    doc.add_placement("5", modeling, fraud, 100)
    doc.set_tech_lead("team", modeling, "4")
    doc.set_tech_lead("pipeline", fraud, "5")
    doc.set_field("team", modeling, "kpi", "Fraud dollars caught per quarter")
    doc.add_person("", title="Senior ML Engineer", role=Role.OPEN, team=modeling, manager="3")
    doc.add_dotted("4", "2")
    path = tmp_path / "plan.orgchart"
    save(doc.org, path)
    return path


def test_update_takes_hr_facts_and_keeps_planning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = planned(tmp_path, capsys)
    out = tmp_path / "out.orgchart"
    status, _, err = run_cli(
        ["import", str(HERE / "update_v2.csv"), "--update", str(plan), "-o", str(out)], capsys
    )
    assert status == 0, err
    assert "updated plan.orgchart: 1 joined, 1 left, 4 changed" in err
    assert "~ changed: Maya Chen: title 'Director of ML' -> 'VP of ML'; role Director -> VP" in err
    assert "~ changed: Sofia Rossi-Lind: name 'Sofia Rossi' -> 'Sofia Rossi-Lind'" in err
    assert "- left: Bo Chan: ML Engineer" in err
    assert (
        "~ changed: Ola Berg: team Data Operations -> Modeling; manager Nina Kovac -> Ravi Shah"
        in err
    )
    assert "+ joined: Cy Young: ML Engineer; team Modeling; reports to Ravi Shah" in err
    assert "cleared: Fraud Detection: tech lead Bo Chan left" in err
    org = load(out)
    # HR facts from the export
    assert org.people["1"].title == "VP of ML" and org.people["1"].role is Role.VP
    assert org.people["2"].name == "Sofia Rossi-Lind"
    assert "5" not in org.people and org.people["8"].name == "Cy Young"
    modeling = org.find_by_name("team", "Modeling")
    assert org.people["7"].team == modeling.id and org.people["7"].manager == "3"
    # planning kept: pipeline and owner, placements (Ola's moved with her), tech lead, KPI,
    # the open position, the dotted line the export does not carry
    fraud = org.find_by_name("pipeline", "Fraud Detection")
    assert fraud.owner == "2" and fraud.tech_lead is None
    assert org.share("4", modeling.id, fraud.id) == 60
    assert org.share("7", modeling.id, fraud.id) == 100
    assert modeling.tech_lead == "4" and modeling.kpi == "Fraud dollars caught per quarter"
    assert [p.title for p in org.people.values() if p.is_open] == ["Senior ML Engineer"]
    assert org.people["4"].dotted == ("2",)


def test_update_in_place_and_json_change_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = planned(tmp_path, capsys)
    status, out, err = run_cli(
        ["import", str(HERE / "update_v2.csv"), "--update", str(plan), "-o", str(plan), "--json"],
        capsys,
    )
    assert status == 0, err
    data = json.loads(out)
    kinds = {(c["kind"], c["name"]) for c in data["changes"]}
    assert ("left", "Bo Chan") in kinds and ("joined", "Cy Young") in kinds
    assert load(plan).people["8"].name == "Cy Young"


def test_update_matches_a_renumbering_export_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = planned(tmp_path, capsys)
    renumbered = tmp_path / "renumbered.csv"
    text = (HERE / "update_v1.csv").read_text(encoding="utf-8").splitlines()
    rows = [text[0]] + [
        ",".join(
            [
                f"E{r.split(',')[0]}",
                r.split(",")[1],
                r.split(",")[2],
                f"E{r.split(',')[3]}" if r.split(",")[3] else "",
                r.split(",")[4],
            ]
        )
        for r in text[1:]
    ]
    renumbered.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.orgchart"
    status, _, err = run_cli(
        ["import", str(renumbered), "--update", str(plan), "-o", str(out)], capsys
    )
    assert status == 0, err
    assert "0 joined, 0 left, 0 changed" in err
    org = load(out)
    assert set(org.people) == set(load(plan).people)  # ids kept: the planning still points right
    fraud = org.find_by_name("pipeline", "Fraud Detection")
    assert fraud.tech_lead == "5" and org.people["4"].manager == "3"


def test_update_of_a_missing_org_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(HERE / "update_v2.csv", tmp_path / "v2.csv")
    out = tmp_path / "out.orgchart"
    status, _, err = run_cli(
        [
            "import",
            str(tmp_path / "v2.csv"),
            "--update",
            str(tmp_path / "nope.orgchart"),
            "-o",
            str(out),
        ],
        capsys,
    )
    assert status == 2
    assert len(err.strip().splitlines()) == 1 and "nope.orgchart" in err
    assert not out.exists()


def test_update_keeps_the_sensitive_columns_the_org_keeps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = HERE / "semicolon_bom.csv"
    org_path = tmp_path / "org.orgchart"
    assert run_cli(["import", str(src), "--keep-sensitive", "-o", str(org_path)], capsys)[0] == 0
    out = tmp_path / "out.orgchart"
    status, _, err = run_cli(
        ["import", str(src), "--update", str(org_path), "-o", str(out)], capsys
    )
    assert status == 0, err
    org = load(out)
    assert org.people["1"].fields["Salary"] == "200000"
    assert "0 joined, 0 left, 0 changed" in err
