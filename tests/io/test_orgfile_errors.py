"""Bad files: one clear message naming the file and the place; exit status 2; no traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from orgeditor.cli import main
from orgeditor.io.errors import OrgFileError
from orgeditor.io.orgfile import load

HEAD = '"format": "orgeditor.orgchart", "version": 1'
T1 = [{"id": "t1", "name": "Modeling"}]
L1 = [{"id": "l1", "name": "Feed"}]


def f(**top: Any) -> str:
    """A version-1 file with these top-level keys."""
    return json.dumps({"format": "orgeditor.orgchart", "version": 1, **top})


def person(**fields: Any) -> dict[str, Any]:
    return {"id": "p1", "name": "Ada", **fields}


def placed(*placements: dict[str, Any]) -> str:
    """A file with team t1, pipeline l1 and one person with these placements."""
    return f(teams=T1, pipelines=L1, people=[person(placements=list(placements))])


def one(**fields: Any) -> str:
    """A file with one person with these fields."""
    return f(people=[person(**fields)])


NEWER = '{"format": "orgeditor.orgchart", "version": 99}'
BROKEN = '{"format": "orgeditor.orgchart",\n  "version": 1,\n  "teams": [}'

# (file text, expected place, a piece of the expected message)
BAD: list[tuple[str, str, str]] = [
    (BROKEN, "line 3, column 13", "not valid JSON"),
    ("", "", "the file is empty"),
    ("[1, 2]", "top level", "expected an object, found a list"),
    ('{"version": 1}', "format", "not an orgeditor file"),
    ('{"format": "orgeditor.orgchart"}', "version", "whole number"),
    ('{"format": "orgeditor.orgchart", "version": "1"}', "version", "whole number"),
    (NEWER, "version", "newer orgeditor (format version 99)"),
    (f(name=5), "name", "expected text, found a number"),
    (f(settings=[]), "settings", "expected an object"),
    (f(teams={}), "teams", "expected a list, found an object"),
    (f(teams=["Modeling"]), "teams[0]", "expected an object, found text"),
    (f(teams=[{"name": "Modeling"}]), "teams[0].id", "needs an id"),
    (f(teams=[{"id": "t1"}, {"id": "t1"}]), "teams[1].id", "duplicate team id 't1'"),
    (f(teams=[{"id": "t1", "kind": 3}]), "teams[0].kind", "expected text"),
    (f(teams=[{"id": "t1", "manager": "p9"}]), "teams[0].manager", "no person with id 'p9'"),
    (f(pipelines=[{"id": "l1", "owner": 7}]), "pipelines[0].owner", "expected an id"),
    (f(pipelines=[{"id": "l1", "owner": "p9"}]), "pipelines[0].owner", "no person with id"),
    (f(units=[{"id": "u1", "teams": ["t7"]}]), "units[0].teams[0]", "no team with id 't7'"),
    (f(units=[{"id": "u1", "leader": "p3"}]), "units[0].leader", "no person with id 'p3'"),
    (f(people=[person(), person()]), "people[1].id", "duplicate person id 'p1'"),
    (one(id=""), "people[0].id", "needs an id"),
    (one(name=None), "people[0].name", "expected text, found null"),
    (one(role="boss"), "people[0].role", "unknown role 'boss'"),
    (one(team="t5"), "people[0].team", "no team with id 't5'"),
    (one(manager="p2"), "people[0].manager", "no person with id 'p2'"),
    (one(dotted=["p1", "p8"]), "people[0].dotted[1]", "no person with id 'p8'"),
    (one(dotted="p1"), "people[0].dotted", "a list of texts"),
    (one(fields={"a": 1}), "people[0].fields", "an object of texts"),
    (one(unresolved_manager=1), "people[0].unresolved_manager", "expected an id"),
    (f(people=[3]), "people[0]", "expected an object, found a number"),
    (one(placements={"l1": 50}), "people[0].placements", "expected a list"),
    (placed({"team": None}), "people[0].placements[0].pipeline", "needs a pipeline"),
    (placed({"pipeline": "l2"}), "people[0].placements[0].pipeline", "no pipeline with id"),
    (placed({"pipeline": "l1", "team": "t4"}), "people[0].placements[0].team", "no team with"),
    (placed({"pipeline": "l1", "share": "5"}), "people[0].placements[0].share", "percentage"),
    (placed({"pipeline": "l1", "share": -5}), "people[0].placements[0].share", "percentage"),
    (placed({"pipeline": "l1", "share": True}), "people[0].placements[0].share", "percentage"),
    (
        placed({"pipeline": "l1", "team": "t1"}, {"pipeline": "l1", "team": "t1", "share": 5}),
        "people[0].placements[1]",
        "listed twice",
    ),
]


@pytest.mark.parametrize(("text", "place", "message"), BAD, ids=[b[1] or b[2] for b in BAD])
def test_bad_file_is_named_with_its_place(
    tmp_path: Path, text: str, place: str, message: str
) -> None:
    path = tmp_path / "bad.orgchart"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OrgFileError) as err:
        load(path)
    e = err.value
    assert e.path == path
    assert e.place == place
    assert message in e.message
    assert str(e) == (f"{path}: {place}: {e.message}" if place else f"{path}: {e.message}")
    assert "\n" not in str(e)
    assert sorted(os.listdir(tmp_path)) == ["bad.orgchart"]  # nothing written


def test_good_variants_of_the_same_files_load(tmp_path: Path) -> None:
    """The bad files above are each one mistake away from a good file."""
    good = f(
        teams=T1,
        pipelines=L1,
        people=[
            person(team="t1", placements=[{"pipeline": "l1", "team": "t1", "share": 50}]),
            {"id": "p2", "manager": "p1", "dotted": ["p1"], "role": "open"},
        ],
    )
    path = tmp_path / "good.orgchart"
    path.write_text(good, encoding="utf-8")
    org = load(path)
    assert org.share("p1", "t1", "l1") == 50
    assert org.direct_reports("p1") == ["p2"]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.orgchart"
    path.write_bytes(f'{{{HEAD},\n "name": "Caf\xe9"}}'.encode("latin-1"))
    with pytest.raises(OrgFileError) as err:
        load(path)
    assert (err.value.place, err.value.message) == ("line 2", "the file is not UTF-8 text")


def test_nested_too_deeply(tmp_path: Path) -> None:
    path = tmp_path / "deep.orgchart"
    path.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(OrgFileError, match="nested too deeply"):
        load(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(OrgFileError) as err:
        load(tmp_path / "nowhere.orgchart")
    assert str(err.value) == f"{tmp_path / 'nowhere.orgchart'}: no such file"
    with pytest.raises(OrgFileError) as err:
        load(tmp_path)
    assert str(err.value) == f"{tmp_path}: is a folder, not an .orgchart file"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_no_permission_real(tmp_path: Path) -> None:
    path = tmp_path / "secret.orgchart"
    path.write_text(f"{{{HEAD}}}", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(OrgFileError, match="cannot read the file: Permission denied"):
            load(path)
    finally:
        path.chmod(0o644)


def test_no_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.orgchart"
    path.write_text(f"{{{HEAD}}}", encoding="utf-8")

    real_open = os.open

    def denied(file: object, *args: object, **kwargs: object) -> int:
        if Path(str(file)) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(OrgFileError) as err:
        load(path)
    assert str(err.value) == f"{path}: cannot read the file: Permission denied"


# ------------------------------------------------------------- the command line
CLI_CASES = [BAD[0], BAD[6], BAD[14], BAD[24], BAD[37]]


@pytest.mark.parametrize(("text", "place", "message"), CLI_CASES, ids=[c[1] for c in CLI_CASES])
def test_stats_of_a_bad_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, place: str, message: str
) -> None:
    path = tmp_path / "bad.orgchart"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["stats", str(path), "--json"])
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"orgeditor: {path}: {place}: ")
    assert message in err


@pytest.mark.parametrize("kind", ["missing", "folder", "latin1", "denied"])
def test_stats_of_an_unreadable_path_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    path = tmp_path / "x.orgchart"
    if kind == "folder":
        path.mkdir()
    elif kind == "latin1":
        path.write_bytes(b"{\xe9}")
    elif kind == "denied":
        path.write_text("{}", encoding="utf-8")
        monkeypatch.setattr(
            Path,
            "read_bytes",
            lambda self: (_ for _ in ()).throw(PermissionError(13, "Permission denied")),
        )
    with pytest.raises(SystemExit) as exit_info:
        main(["stats", str(path)])
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith(f"orgeditor: {path}: ")
