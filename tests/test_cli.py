"""The command line: --version, sample, stats --json, python -m, no Qt in headless commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from orgeditor import __version__
from orgeditor.cli import COMMANDS, main
from orgeditor.io.orgfile import load
from orgeditor.model.entities import STANDARD_TEAM_KINDS
from orgeditor.samples import sample_path

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in this process: (exit status, stdout, stderr)."""
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 1), out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"], capsys) == (0, f"orgeditor {__version__}\n", "")


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["--help"], capsys)
    assert code == 0
    assert "sample" in out and "stats" in out
    assert "open" not in out.split("Commands:")[1].split()  # the hidden default command


def test_sample_writes_the_built_in_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "s.orgchart"
    code, out, err = run(["sample", "-o", str(out_file)], capsys)
    assert code == 0 and out == ""
    assert err == f"wrote {out_file} (46 people, 2 open positions, 6 teams, 5 pipelines)\n"
    assert out_file.read_bytes() == sample_path().read_bytes()


def test_synthetic_sample_is_deterministic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c = (tmp_path / f"{n}.orgchart" for n in "abc")
    assert run(["sample", "-o", str(a), "--size", "300", "--seed", "4"], capsys)[0] == 0
    assert run(["sample", "--seed", "4", "--size", "300", "--output", str(b)], capsys)[0] == 0
    assert run(["sample", "-o", str(c), "--size", "300", "--seed", "5"], capsys)[0] == 0
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    org = load(a)
    assert len(org.people) == 300
    assert {t.kind for t in org.teams.values()} == set(STANDARD_TEAM_KINDS)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sample"], "missing -o/--output"),
        (["sample", "-o", "x.orgchart", "--size", "0"], "--size"),
        (["sample", "-o", "x.orgchart", "--seed", "abc"], "--seed"),
        (["stats"], "missing FILE"),
        (["stats", "s.orgchart", "--bogus"], "no such option: --bogus"),
        (["stats", "nowhere.orgchart"], "nowhere.orgchart: no such file"),
        (["--bogus"], "orgeditor: no such option: --bogus\n"),
        (
            ["stats", "s.orgchart", "--jsn"],
            "orgeditor: no such option: --jsn (did you mean --json?)\n",
        ),
        (
            ["stats", "s.orgchart", "t.orgchart"],
            "orgeditor: unexpected extra argument 't.orgchart'\n",
        ),
        (
            ["stats", "s.orgchart", "--by", "year"],
            "orgeditor: --by: invalid choice: 'year' (choose from ",  # + the choices
        ),
        (
            ["export", "s.orgchart", "-o", "x.svg", "--clusters", "org"],
            "orgeditor: --clusters: invalid choice: 'org' (choose from ",
        ),
        (
            ["export", "s.orgchart", "-o", "x.svg", "--page", "0"],
            "orgeditor: --page: expected a whole number of 1 or more, got '0'\n",
        ),
        (
            ["import", "s.csv", "-o", "x.orgchart", "--max-rows", "many"],
            "orgeditor: --max-rows: expected a whole number of 1 or more, got 'many'\n",
        ),
        (
            ["export", "s.orgchart", "-o", "x.svg", "--timeout", "0"],
            "orgeditor: --timeout: expected a number from 0.1 to 86400, got '0'\n",
        ),
        (["export", "s.orgchart"], "orgeditor: missing -o/--output\n"),
        (["export", "-o", "x.svg"], "orgeditor: missing FILE\n"),
        (["export", "s.orgchart", "-o"], "orgeditor: -o/--output: expected one argument\n"),
        (["merge", "a", "b", "-o", "x"], "orgeditor: missing THEIRS\n"),
        (["diff", "a", "b", "--match", "nme"], "orgeditor: --match: invalid choice: 'nme'"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(args, capsys)
    assert code == 2 and out == ""
    assert err.startswith("orgeditor: ") and err.count("\n") == 1
    assert message in err
    assert list(tmp_path.iterdir()) == []


def test_an_output_that_is_a_folder_is_refused_before_anything_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["export", "nowhere.orgchart", "-o", str(tmp_path)], capsys)
    assert (code, out) == (2, "")
    assert err == f"orgeditor: -o/--output: {str(tmp_path)!r} is a folder, not a file\n"


def test_a_subcommand_help_lists_its_options_on_stdout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["export", "--help"], capsys)
    assert (code, err) == (0, "")
    assert out.startswith("usage: orgeditor export ")
    assert "Draw FILE as a diagram for slides" in out
    for option in (
        "-o OUT, --output OUT",
        "--view",
        "--titles, --no-titles",
        "--clusters",
        "--timeout SECONDS",
        "--at DATE",
        "--mark TEXT",
        "-q, --quiet",
    ):
        assert option in out, option
    words = " ".join(out.split())  # the help as wrapped to the terminal's width
    assert "Box people by team or by org unit (--clusters alone: by team)." in words
    assert "[default: 300.0]" in words and "[default: --titles]" in words
    code, out, err = run(["merge", "-h"], capsys)
    assert (code, err) == (0, "")
    assert "BASE OURS THEIRS are %O %A %B" in " ".join(out.split())  # shown as written


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for name in COMMANDS:
        code, out, err = run([name, "--help"], capsys)
        assert (code, err) == (0, ""), name
        assert out.startswith(f"usage: orgeditor {name} ") and "-h, --help" in out, name


def _export_args(*args: str) -> dict[str, object]:
    from orgeditor.commands.export import command

    return command.parser("orgeditor export").arguments(["in.orgchart", "-o", "out.svg", *args])


def test_export_options_parse_as_before() -> None:
    plain = _export_args()
    assert (plain["file"], plain["output"]) == (Path("in.orgchart"), Path("out.svg"))
    assert (plain["clusters"], plain["titles"], plain["timeout"]) == ("none", True, 300.0)
    assert _export_args("--clusters")["clusters"] == "team"  # alone: by team
    assert _export_args("--clusters", "-q")["clusters"] == "team"
    assert _export_args("--clusters", "unit")["clusters"] == "unit"
    assert _export_args("--clusters=none")["clusters"] == "none"
    assert _export_args("--no-titles")["titles"] is False
    assert _export_args("--no-titles", "--titles")["titles"] is True  # the last one wins
    assert _export_args("--page", "3", "--depth", "0")["page"] == 3
    # options before, between and after the arguments
    from orgeditor.commands.diff import command as diff

    parsed = diff.parser("orgeditor diff").arguments(
        ["--json", "a", "-q", "b", "c", "--at", "today"]
    )
    assert parsed["files"] == [Path("a"), Path("b"), Path("c")]
    assert (parsed["as_json"], parsed["quiet"], parsed["at"]) == (True, True, "today")


def test_clusters_alone_and_no_titles_draw_as_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def dot(*args: str) -> str:
        out = tmp_path / "o.dot"
        assert run(["export", str(sample_path()), "-o", str(out), *args], capsys)[0] == 0
        return out.read_text(encoding="utf-8")

    plain = dot()
    assert "subgraph cluster" not in plain and "Engineer" in plain
    assert dot("--clusters") == dot("--clusters", "team") != plain
    assert dot("--clusters", "team").count("subgraph cluster") == 6  # the sample's teams
    untitled = dot("--no-titles")
    assert "Engineer" not in untitled and untitled == dot("--titles", "--no-titles")


def test_an_interrupt_is_one_line_and_exit_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import orgeditor.io.orgfile

    def interrupted(path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(orgeditor.io.orgfile, "load", interrupted)
    assert run(["textconv", "any.orgchart"], capsys) == (130, "", "orgeditor: interrupted\n")


def test_stats_json_on_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["stats", str(sample_path()), "--json"], capsys)
    assert code == 0 and err == ""
    data = json.loads(out)
    assert {"people", "open_positions", "teams", "pipelines", "managers", "max_span"} <= set(data)
    assert data["people"] == 46  # 48 minus the two open positions
    assert data["open_positions"] == 2
    assert data["managers"] == 10
    assert data["max_span"] == 9
    for team in data["teams"]:
        assert {"name", "kind", "headcount", "manager"} <= set(team)
    assert set(STANDARD_TEAM_KINDS) <= {t["kind"] for t in data["teams"]}
    modeling = next(t for t in data["teams"] if t["name"] == "Modeling")
    assert (modeling["kind"], modeling["headcount"], modeling["manager"]) == (
        "modeling",
        9,
        "Elena Dubois",
    )
    for pipe in data["pipelines"]:
        assert {"name", "headcount", "owner"} <= set(pipe)
    owned = [p for p in data["pipelines"] if p["owner"] is not None]
    assert len(owned) == 4
    assert owned[0] == {**owned[0], "name": "Feed ranking", "owner": "Sofia Rossi"}
    speech = next(p for p in data["pipelines"] if p["name"] == "Speech recognition")
    assert speech["owner"] is None and speech["headcount"] == 4  # open positions not counted


def test_stats_json_counts_match_the_org(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.orgchart"
    run(["sample", "-o", str(path), "--size", "400", "--seed", "2"], capsys)
    code, out, _err = run(["stats", str(path), "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    org = load(path)
    n_open = sum(p.is_open for p in org.people.values())
    assert data["people"] + data["open_positions"] == 400
    assert data["open_positions"] == n_open
    assert (
        sum(t["headcount"] for t in data["teams"]) + data.get("without_team", 0) == data["people"]
    )
    spans = [len(org.direct_reports(p)) for p in org.people]
    assert data["max_span"] == max(spans)
    assert data["managers"] == sum(1 for s in spans if s)


def test_stats_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["stats", str(sample_path())], capsys)
    assert code == 0
    assert out.startswith("Northwind ML\n")
    assert "people: 46" in out and "open positions: 2" in out
    assert "Feed ranking" in out and "owner: Sofia Rossi" in out


def test_python_dash_m(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "orgeditor", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert (out.returncode, out.stdout, out.stderr) == (0, f"orgeditor {__version__}\n", "")
    out = subprocess.run(
        [sys.executable, "-m", "orgeditor", "stats", str(tmp_path / "none.orgchart")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 2
    assert out.stderr == f"orgeditor: {tmp_path / 'none.orgchart'}: no such file\n"
    assert "Traceback" not in out.stderr


BLOCK_QT = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('Qt is blocked: ' + name)
sys.meta_path.insert(0, Block())
from orgeditor.cli import main
try:
    main(sys.argv[1:])
except SystemExit as e:
    code = e.code
print('exit', code, 'qt' if any(m.startswith('PySide6') for m in sys.modules) else 'no-qt',
      file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["sample", "-o", "{tmp}/s.orgchart"],
        ["sample", "-o", "{tmp}/b.orgchart", "--size", "200"],
        ["stats", "{sample}", "--json"],
        ["stats", "{sample}"],
        ["--help"],
    ],
)
def test_headless_commands_never_import_qt(tmp_path: Path, args: list[str]) -> None:
    argv = [a.format(tmp=tmp_path, sample=sample_path()) for a in args]
    out = subprocess.run(
        [sys.executable, "-c", BLOCK_QT, *argv], capture_output=True, text=True, cwd=ROOT
    )
    assert out.stderr.splitlines()[-1] == "exit 0 no-qt", out.stderr


LOADED = """
import sys
from orgeditor.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(sorted(m for m in sys.modules if m.startswith(("orgeditor.commands.", "orgeditor.export"))
             or m in ("argparse", "click", "pydot", "networkx", "PySide6")))
"""


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["--version"], []),  # no parser at all
        (
            ["stats", "{sample}"],
            [
                "argparse",
                "orgeditor.commands.at",
                "orgeditor.commands.basic",
                "orgeditor.commands.options",
            ],
        ),
        (
            ["textconv", "--help"],
            ["argparse", "orgeditor.commands.options", "orgeditor.commands.textconv"],
        ),
    ],
)
def test_a_command_loads_its_own_module_only(args: list[str], loaded: list[str]) -> None:
    argv = [a.format(sample=sample_path()) for a in args]
    out = subprocess.run(
        [sys.executable, "-c", LOADED, *argv], capture_output=True, text=True, cwd=ROOT
    )
    assert out.stdout.splitlines()[-1] == repr(loaded), out.stderr


def test_bad_file_gives_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.orgchart"
    bad.write_text('{"format": "orgeditor.orgchart", "version": 1, "people": [{"id": 5}]}')
    out = subprocess.run(
        [sys.executable, "-m", "orgeditor", "stats", str(bad), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 2 and out.stdout == ""
    assert (
        out.stderr == f"orgeditor: {bad}: people[0].id: every person needs an id (non-empty text)\n"
    )


def test_every_registered_command_loads() -> None:
    import importlib

    for name, target in COMMANDS.items():
        module, attr = target.split(":")
        assert callable(getattr(importlib.import_module(module), attr)), name
