"""Helpers for the corpus tests: import a CSV and check it, both through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
GOLDEN = HERE / "golden"


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from orgeditor.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(args)
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out, out.err


def import_and_check(
    csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> list[dict[str, object]]:
    """``orgeditor import CSV -o X.orgchart`` then ``orgeditor check X.orgchart --json``."""
    out = tmp_path / f"{csv.stem}.orgchart"
    status, _, err = cli(["import", str(csv), "-o", str(out)], capsys)
    assert status == 0, err
    status, text, err = cli(["check", str(out), "--json", "--no-user-defaults"], capsys)
    assert status in (0, 1), err
    findings: list[dict[str, object]] = json.loads(text)
    return findings


def summary(findings: list[dict[str, object]]) -> list[tuple[str, ...]]:
    """``(rule, subject name, ...)`` of each finding, sorted."""
    return sorted(
        (str(f["rule"]), *(str(s["name"]) for s in f["subjects"]))  # type: ignore[attr-defined]
        for f in findings
    )
