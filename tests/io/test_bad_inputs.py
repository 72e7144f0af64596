"""The reproductions of issue 17, each through the command line: one line, exit 2, no file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from orgeditor.io.orgfile import VERSION, dumps, load
from orgeditor.samples import sample_org


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "orgeditor", *args],
        capture_output=True, text=True, timeout=120, env=env,
    )


def one_line(r: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert r.stderr.startswith("orgeditor: ")
    for f in fragments:
        assert f in r.stderr, r.stderr


def sample_data() -> dict:
    return json.loads(dumps(sample_org()))


def write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_number_of_5000_digits_in_an_orgchart(tmp_path: Path) -> None:
    text = dumps(sample_org()).replace(f'"version": {VERSION}', '"version": ' + "9" * 5000)
    (tmp_path / "n.orgchart").write_text(text, encoding="utf-8")
    one_line(run_cli("stats", str(tmp_path / "n.orgchart")), "a number too long to read")


def test_ids_of_5000_digits_in_a_csv_import(tmp_path: Path) -> None:
    src = tmp_path / "ids.csv"
    src.write_text("id,name,manager\n" + "9" * 5000 + ",Ann,\n2,Bo," + "9" * 5000 + "\n")
    r = run_cli("import", str(src), "-o", str(tmp_path / "o.orgchart"))
    assert r.returncode == 0, r.stderr
    org = load(tmp_path / "o.orgchart")
    assert len(org.people) == 2


def test_a_400_digit_share(tmp_path: Path) -> None:
    src = tmp_path / "share.csv"
    src.write_text('id,name,team,pipelines\n1,Ann,T,"P:' + "1" * 400 + '%"\n')
    r = run_cli("import", str(src), "-o", str(tmp_path / "o.orgchart"))
    assert r.returncode == 0, r.stderr
    r = run_cli("check", str(tmp_path / "o.orgchart"))
    assert "Traceback" not in r.stderr
    data = sample_data()
    person = next(p for p in data["people"] if p.get("placements"))
    person["placements"][0]["share"] = int("1" * 400)
    one_line(run_cli("stats", str(write(tmp_path / "s.orgchart", data))),
             ".share: a share is a whole percentage from 0 to 1000")


def test_a_level_with_a_superscript_digit_and_the_level_theme(tmp_path: Path) -> None:
    data = sample_data()
    data["people"][0]["level"] = "L²"
    path = write(tmp_path / "l.orgchart", data)
    r = run_cli("export", str(path), "-o", str(tmp_path / "l.svg"), "--theme", "level")
    assert r.returncode == 0, r.stderr


def test_a_csv_of_only_commas(tmp_path: Path) -> None:
    src = tmp_path / "commas.csv"
    src.write_text(",,,\n,,,\n")
    one_line(run_cli("import", str(src), "-o", str(tmp_path / "o.orgchart")), "no header row")
    assert not (tmp_path / "o.orgchart").exists()


def test_a_non_utf8_rules_json_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "orgeditor").mkdir()
    (tmp_path / "orgeditor" / "rules.json").write_bytes(b"\xff\xfe{\x00}")
    path = write(tmp_path / "s.orgchart", sample_data())
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}
    one_line(run_cli("check", str(path), env=env), "rules.json: not UTF-8 text")


def test_timeout_nan(tmp_path: Path) -> None:
    path = write(tmp_path / "s.orgchart", sample_data())
    one_line(run_cli("export", str(path), "-o", str(tmp_path / "o.svg"), "--timeout", "nan"),
             "--timeout")
    assert not (tmp_path / "o.svg").exists()


@pytest.mark.parametrize(
    ("where", "place"),
    [("name", "name"), ("person", "people[0].name"), ("field", "people[0].fields.note")],
)
def test_lone_surrogates_anywhere(tmp_path: Path, where: str, place: str) -> None:
    data = sample_data()
    if where == "name":
        data["name"] = "Acme \ud800"
    elif where == "person":
        data["people"][0]["name"] = "\ud800"
    else:
        data["people"][0]["fields"] = {"note": "x\udfff"}
    path = tmp_path / "s.orgchart"
    path.write_text(json.dumps(data), encoding="utf-8")  # ASCII, with \ud800 escapes
    one_line(run_cli("stats", str(path)), f": {place}: text with a lone surrogate escape")


def test_settings_nested_500_levels(tmp_path: Path) -> None:
    data = sample_data()
    deep: dict = {}
    cur = deep
    for _ in range(500):
        cur["k"] = {}
        cur = cur["k"]
    data["settings"]["deep"] = deep
    one_line(run_cli("stats", str(write(tmp_path / "d.orgchart", data))),
             "nested more than 32 levels deep")


def test_a_control_character_in_an_orgchart(tmp_path: Path) -> None:
    data = sample_data()
    data["people"][0]["name"] = "A\x00da"
    one_line(run_cli("stats", str(write(tmp_path / "c.orgchart", data))),
             "people[0].name: text with the control character U+0000")


def test_control_characters_are_stripped_at_import_with_a_warning(tmp_path: Path) -> None:
    src = tmp_path / "ctl.csv"
    src.write_bytes(b"id,name\n1,A\x00nn\n2,Bo\x1b[31m\n")
    r = run_cli("import", str(src), "-o", str(tmp_path / "o.orgchart"))
    assert r.returncode == 0 and "removed control characters" in r.stderr
    names = sorted(p.name for p in load(tmp_path / "o.orgchart").people.values())
    assert names == ["Ann", "Bo[31m"]
    r = run_cli("export", str(tmp_path / "o.orgchart"), "-o", str(tmp_path / "o.graphml"))
    assert r.returncode == 0, r.stderr
    import xml.dom.minidom

    xml.dom.minidom.parse(str(tmp_path / "o.graphml"))  # valid XML


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("id", ["x"], "people[0].id: every person needs an id"),
        ("dotted", "p1", "people[0].dotted: expected a list of texts"),
        ("placements", {}, "people[0].placements: expected a list"),
        ("name", 12, "people[0].name: expected text"),
        ("fields", ["a"], "people[0].fields: expected an object of texts"),
    ],
)
def test_wrong_field_types_are_refused_with_their_path(
    tmp_path: Path, key: str, value: object, message: str
) -> None:
    data = sample_data()
    data["people"][0][key] = value
    one_line(run_cli("stats", str(write(tmp_path / "w.orgchart", data))), message)


def test_terminal_escapes_in_user_text_are_shown_escaped(tmp_path: Path) -> None:
    path = tmp_path / "e\x1b[2J\x1b[31m.orgchart"
    path.write_text("{ not json", encoding="utf-8")
    r = run_cli("stats", str(path))
    one_line(r, "e\\x1b[2J\\x1b[31m.orgchart", "not valid JSON")
    assert "\x1b" not in r.stderr


def test_names_with_separators_survive_a_csv_round_trip(tmp_path: Path) -> None:
    from orgeditor.document import Document
    from orgeditor.io.csv_export import to_csv
    from orgeditor.io.hr.hr_import import import_file

    doc = Document(sample_org())
    pipes = list(doc.org.ordered_pipelines())
    teams = list(doc.org.ordered_teams())
    hostile = ["Ranking; ads", "Fraud:40%", "Search\\relevance", "a:b:c;d"]
    for pl, name in zip(pipes, hostile, strict=False):
        doc.rename("pipeline", pl.id, name)
    doc.rename("team", teams[0].id, "Data; Ops:1")
    text = to_csv(doc.org)
    src = tmp_path / "o.csv"
    src.write_text(text, encoding="utf-8")
    org, _ = import_file(src)
    assert sorted(p.name for p in org.pipelines.values() if org.pipeline_people(p.id)) == sorted(
        p.name for p in doc.org.pipelines.values() if doc.org.pipeline_people(p.id)
    )
    assert to_csv(org) == text  # export, import, export: byte for byte
