"""HR exports as HR systems write them (issue 15, point 1 and 3), through the command line:
dotted-line columns in several spellings, KPI and HR-fact columns, empty columns, sensitive
columns left out unless kept, and never exported unless asked."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hr_helpers import HERE, run_cli

from orgeditor.io.orgfile import load


def test_semicolon_bom_export_with_dotted_ids_names_and_facts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "m.orgchart"
    status, _, err = run_cli(["import", str(HERE / "semicolon_bom.csv"), "-o", str(out)], capsys)
    assert status == 0, err
    assert "utf-8 with BOM, semicolon-separated" in err
    assert "dotted <- 'Dotted Line Manager IDs'" in err
    assert "team_kpi <- 'Team KPI'" in err and "start_date <- 'Hire Date'" in err
    assert "cost_centre <- 'Cost Center'" in err and "photo <- 'Photo URL'" in err
    assert "empty columns (ignored): Notes" in err
    assert "Salary (salary), Work Email (e-mail), Mobile (phone)" in err
    org = load(out)
    people = org.people
    assert people["2"].name == "Garcia, Carlos"
    assert people["3"].dotted == ("2",)
    assert people["4"].dotted == ("2", "3")  # "2, 3": a comma between ids
    assert people["5"].dotted == ("2", "3")  # "Garcia, Carlos | 3": one name, then an id
    assert people["3"].fields == {
        "cost_centre": "CC-200",
        "employment_type": "Contractor",
        "location": "Warsaw",
        "start_date": "2021-03-04",
    }
    assert people["1"].fields["photo"] == "https://x/m.png"  # a link, never fetched
    tooling = org.find_by_name("team", "Tooling")
    assert tooling is not None and tooling.kpi == "Tools shipped per quarter"
    text = out.read_text(encoding="utf-8")
    assert "200000" not in text and "maya@x.com" not in text and "+49" not in text


@pytest.mark.parametrize("name", ["spellings.csv", "spellings2.csv"])
def test_dotted_line_spellings(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s.orgchart"
    status, _, err = run_cli(["import", str(HERE / name), "-o", str(out)], capsys)
    assert status == 0, err
    org = load(out)
    assert org.people["4"].dotted == ("2",)  # by unambiguous name
    assert not org.people["4"].unresolved_dotted


def test_keep_sensitive_marks_and_exports_leave_them_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "m.orgchart"
    status, _, err = run_cli(
        ["import", str(HERE / "semicolon_bom.csv"), "--keep-sensitive", "-o", str(out)], capsys
    )
    assert status == 0, err
    assert "kept sensitive columns" in err
    org = load(out)
    assert org.settings["sensitive_fields"] == ["Mobile", "Salary", "Work Email"]
    assert org.people["1"].fields["Salary"] == "200000"
    for suffix in ("csv", "graphml"):
        plain, full = tmp_path / f"plain.{suffix}", tmp_path / f"full.{suffix}"
        assert run_cli(["export", str(out), "-o", str(plain)], capsys)[0] == 0
        assert run_cli(["export", str(out), "-o", str(full), "--include-sensitive"], capsys)[0] == 0
        assert "200000" not in plain.read_text(encoding="utf-8")
        assert "maya@x.com" not in plain.read_text(encoding="utf-8")
        assert "200000" in full.read_text(encoding="utf-8")
    # a plain export still carries the HR facts and the dotted lines, in the import's grammar
    rows = list(csv.DictReader((tmp_path / "plain.csv").open(encoding="utf-8")))
    assert rows[3]["dotted"] == "2; 3" and rows[3]["start_date"] == "2022-04-05"
    assert rows[2]["team_kpi"] == "Tools shipped per quarter"


def test_csv_round_trip_of_dotted_names_with_separators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "esc.csv"
    src.write_text(
        'id,name,manager,dotted\n1,Maya,,\n2,Ada,1,"Nowak\\; Aleks, X | 1"\n'
        '3,Bo,1,"Lee, Ann\n1"\n4,Cy,1,DOMAIN\\user\n',
        encoding="utf-8",
    )
    org_path = tmp_path / "esc.orgchart"
    assert run_cli(["import", str(src), "-o", str(org_path)], capsys)[0] == 0
    org = load(org_path)
    assert org.people["2"].unresolved_dotted == ("Nowak; Aleks, X",)
    assert org.people["2"].dotted == ("1",)
    assert org.people["3"].unresolved_dotted == ("Lee, Ann",)
    assert org.people["4"].unresolved_dotted == ("DOMAIN\\user",)
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    again = tmp_path / "again.orgchart"
    assert run_cli(["export", str(org_path), "-o", str(first)], capsys)[0] == 0
    assert run_cli(["import", str(first), "-o", str(again)], capsys)[0] == 0
    assert run_cli(["export", str(again), "-o", str(second)], capsys)[0] == 0
    assert first.read_bytes() == second.read_bytes()
    assert load(again).people["2"].unresolved_dotted == ("Nowak; Aleks, X",)
