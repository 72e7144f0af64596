"""``orgeditor check``: text grouped by rule, --json, exit codes 0/1/2, run-only options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from orgeditor.cli import main
from orgeditor.io.orgfile import save
from orgeditor.model.changes import SetField
from orgeditor.samples import sample_org


def run_cli(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as done:
        main(["check", *map(str, args)])
    out, err = capsys.readouterr()
    return int(done.value.code or 0), out, err


def test_text_grouped_by_rule_exit_0(capsys, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli(capsys, sample_path)
    assert code == 0 and err == ""
    assert out.startswith("Northwind ML: 6 findings (0 errors, 6 warnings, 0 info)")
    assert "Span of control (span-of-control): 1" in out
    assert "Rafael Mendes is allocated 120%" in out


def test_json_array(capsys, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run_cli(capsys, sample_path, "--json")
    data = json.loads(out)
    assert code == 0 and isinstance(data, list) and len(data) == 6
    assert {"rule", "severity", "message", "subjects"} == set(data[0])
    assert {"kind", "id", "name"} == set(data[0]["subjects"][0])


def test_exit_1_when_any_error(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    org = sample_org()
    SetField("person", "p46", "manager", "p45", None).apply(org)
    SetField("person", "p46", "unresolved_manager", None, "Nobody Known").apply(org)
    path = tmp_path / "broken.orgchart"
    save(org, path)
    code, out, _ = run_cli(capsys, path)
    assert code == 1
    assert "Lines to nobody (dangling-line): 1" in out and "Nobody Known" in out
    code, _, _ = run_cli(capsys, path, "--disable", "dangling-line")
    assert code == 0


@pytest.mark.parametrize(
    "content",
    [
        None,
        b"{not json",
        b'{"format": "orgeditor.orgchart", "version": 1, "settings": '
        b'{"rules": {"span-of-control": {"max_reports": -3}}}, "people": [], "teams": [], '
        b'"pipelines": [], "units": []}',
    ],
)
def test_exit_2_when_unreadable(capsys, tmp_path: Path, content: bytes | None) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.orgchart"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run_cli(capsys, path)
    assert code == 2 and out == ""
    assert err.startswith("orgeditor: ") and str(path) in err and err.count("\n") == 1
    if content and b"max_reports" in content:
        assert "settings.rules.span-of-control.max_reports" in err


def test_run_options(capsys, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run_cli(
        capsys,
        sample_path,
        "--json",
        "--disable",
        "kpi-alignment",
        "--set",
        "span-of-control.max_reports=9",
        "--set",
        "team-tech-lead.min_size=8",
    )
    rules = {f["rule"] for f in json.loads(out)}
    assert code == 0
    assert rules == {"one-leadership", "pipeline-owner", "over-allocation"}


@pytest.mark.parametrize(
    "args",
    [
        ("--disable", "nope"),
        ("--set", "span-of-control.max_reports=lots"),
        ("--set", "span-of-control=3"),
        ("--set", "span-of-control.colour=3"),
    ],
)
def test_bad_options_exit_2(capsys, sample_path: Path, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli(capsys, sample_path, *args)
    assert code == 2 and out == "" and err.startswith("orgeditor: ")


def test_user_defaults_apply_unless_switched_off(  # type: ignore[no-untyped-def]
    capsys, sample_path: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "orgeditor").mkdir()
    (tmp_path / "orgeditor" / "rules.json").write_text('{"kpi-alignment": false}')
    _, out, _ = run_cli(capsys, sample_path, "--json")
    assert "kpi-alignment" not in {f["rule"] for f in json.loads(out)}
    _, out, _ = run_cli(capsys, sample_path, "--json", "--no-user-defaults")
    assert "kpi-alignment" in {f["rule"] for f in json.loads(out)}


def test_list_rules(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as done:
        main(["check", "--list-rules"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and "span-of-control.max_reports = 8" in out


def test_as_a_real_process(sample_path: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "orgeditor", "check", str(tmp_path / "missing.orgchart")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_settings_saved_in_the_file_apply(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.document import Document

    doc = Document(sample_org())
    doc.set_setting("rules", {"kpi-alignment": {"enabled": False}, "over-allocation": False})
    path = tmp_path / "tuned.orgchart"
    doc.save(path)
    code, out, _ = run_cli(capsys, path, "--json")
    rules = {f["rule"] for f in json.loads(out)}
    assert code == 0 and "kpi-alignment" not in rules and "over-allocation" not in rules
    code, out, _ = run_cli(capsys, path, "--json", "--enable", "kpi-alignment")
    assert "kpi-alignment" in {f["rule"] for f in json.loads(out)}
