"""``orgeditor import`` as a user runs it: exit status 2 and one line for user errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from orgeditor.io.orgfile import load

ROOT = Path(__file__).resolve().parents[2]


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from orgeditor.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(args)
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out, out.err


BAD = "id,name,title\n1,Ada,CEO\n1,Ben,CTO\n,,Engineer\n2,Cy,Engineer\n"


def test_bad_rows_exit_2_naming_the_rows(tmp_path: Path) -> None:
    src = tmp_path / "bad.csv"
    src.write_text(BAD, encoding="utf-8")
    out = tmp_path / "out.orgchart"
    proc = subprocess.run(
        [sys.executable, "-m", "orgeditor", "import", str(src), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr  # one line, no traceback
    assert "bad.csv: rows 3, 4:" in lines[0]
    assert "duplicate id '1'" in lines[0] and "no id and no name" in lines[0]
    assert not out.exists()  # nothing half-written


def test_skip_bad_rows_lists_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "bad.csv"
    src.write_text(BAD, encoding="utf-8")
    out = tmp_path / "out.orgchart"
    status, _, err = run_cli(["import", str(src), "-o", str(out), "--skip-bad-rows"], capsys)
    assert status == 0
    assert "skipped rows: 2, rows 3, 4" in err
    assert "duplicate id '1' (first on row 2)" in err
    assert sorted(load(out).people) == ["1", "2"]


def test_map_overrides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "hr.csv"
    src.write_text(
        "Emp,Who,Boss,Cost Centre,Department\n"
        "e1,Ada,,Modeling,Finance\n"
        "e2,Ben,e1,Modeling,Finance\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.orgchart"
    status, _, err = run_cli(
        [
            "import",
            str(src),
            "-o",
            str(out),
            "--map",
            "id=Emp",
            "--map",
            "name=Who",
            "--map",
            "manager=boss",
            "--map",
            "team=Cost Centre",
        ],
        capsys,
    )
    assert status == 0, err
    org = load(out)
    assert org.people["e2"].name == "Ben"
    assert org.people["e2"].manager == "e1"
    assert [t.name for t in org.ordered_teams()] == ["Modeling"]
    assert org.people["e1"].fields == {"Department": "Finance"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "team=Nope"], "--map team=Nope: no column 'Nope'"),
        (["--map", "colour=Who"], "unknown field 'colour'"),
        (["--sheet", "People"], "--sheet applies to .xlsx files only"),
    ],
)
def test_user_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    src = tmp_path / "hr.csv"
    src.write_text("id,Who\n1,Ada\n", encoding="utf-8")
    status, _, err = run_cli(
        ["import", str(src), "-o", str(tmp_path / "o.orgchart"), *args], capsys
    )
    assert status == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_output_is_required_and_missing_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "hr.csv"
    src.write_text("id,name\n1,Ada\n", encoding="utf-8")
    status, _, err = run_cli(["import", str(src)], capsys)
    assert status == 2 and "-o OUT.orgchart" in err
    status, _, err = run_cli(["import", str(tmp_path / "nope.csv"), "-o", "x.orgchart"], capsys)
    assert status == 2 and "nope.csv: no such file" in err


def test_report_lists_problems_with_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "hr.csv"
    src.write_text(
        "id,name,manager,pipelines\n1,Ada,2,\n2,Ben,1,Feed:70%;Ads:50%\n3,Cy,Zed,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.orgchart"
    status, _, err = run_cli(["import", str(src), "-o", str(out)], capsys)
    assert status == 0
    assert "created 3 people, 0 teams, 2 pipelines, 0 org units" in err
    assert "manager matches nobody (kept as unresolved, for check): 1, row 4 (e.g. Zed)" in err
    assert "reporting cycle (kept, for check): 2, rows 2, 3" in err
    assert "shares over 100% (kept, for check): 1, row 3 (e.g. 120%)" in err
    org = load(out)
    assert org.people["3"].unresolved_manager == "Zed"
    assert org.people["1"].manager == "2" and org.people["2"].manager == "1"
