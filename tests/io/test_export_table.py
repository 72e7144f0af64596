"""CSV and GraphML export: formula defusing, exact round trips, networkx reads the GraphML."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from orgeditor.errors import UserError
from orgeditor.io import export_table
from orgeditor.io.csv_export import COLUMNS, defuse, to_csv
from orgeditor.io.hr.hr_import import import_file, undefuse
from orgeditor.model.entities import Person, Role, Team
from orgeditor.model.org import Org
from orgeditor.model.sensitive import public_fields
from orgeditor.samples import sample_org, synthetic_org

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "real"


@pytest.mark.parametrize(
    ("value", "defused"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=1", "''=1"),  # already quoted: one more, so the import gives it back exactly
        ("'quoted", "'quoted"),
        ("plain", "plain"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_defuse_and_undefuse(value: str, defused: str) -> None:
    assert defuse(value) == defused
    assert undefuse(defused) == value


def _dangerous_org() -> Org:
    org = Org("Evil")
    org._add_team(Team("t1", "=cmd|' /C calc'!A0", kind="modeling"))
    people = [
        Person("p1", "=1+1", "@title", "-3", Role.MANAGER, "t1", fields={"=x": "+y"}),
        Person("p2", "Ben", "\tTab", "", Role.IC, "t1", manager="p1", fields={"note": "'=z"}),
    ]
    org._bulk_load(people, [])
    return org


def test_formula_injection_is_defused(tmp_path: Path) -> None:
    text = to_csv(_dangerous_org())
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=1+1" in cells and "'=cmd|' /C calc'!A0" in cells and "'=x" in cells
    # and the import gives every value back exactly
    path = tmp_path / "evil.csv"
    path.write_text(text, encoding="utf-8", newline="")
    org, _ = import_file(path)
    p1, p2 = org.people["p1"], org.people["p2"]
    assert (p1.name, p1.title, p1.level, p1.fields) == ("=1+1", "@title", "-3", {"=x": "+y"})
    assert p2.fields == {"note": "'=z"}
    assert org.teams[p1.team].name == "=cmd|' /C calc'!A0"  # type: ignore[index]


def _round_trip(org: Org, tmp_path: Path) -> tuple[str, str, Org]:
    first = tmp_path / "first.csv"
    export_table(org, first)
    again, _ = import_file(first)
    second = tmp_path / "second.csv"
    export_table(again, second)
    return first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8"), again


@pytest.mark.parametrize("make", [sample_org, lambda: synthetic_org(2000, seed=5), _dangerous_org])
def test_csv_export_import_export_is_identical(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    org = make()
    first, second, again = _round_trip(org, tmp_path)
    assert first == second
    assert len(again.people) == len(org.people)
    used_teams = {p.team for p in org.people.values()} - {None}
    assert len(again.teams) == len(used_teams)
    for pid, p in org.people.items():
        q = again.people[pid]
        assert (q.name, q.title, q.level, q.role, q.manager, q.dotted, q.fields) == (
            p.name,
            p.title,
            p.level,
            p.role,
            p.manager,
            p.dotted,
            public_fields(org, p),  # sensitive fields (the sample's e-mails) stay home
        )
        assert org.total_share(pid) == again.total_share(pid)
    owners = {pl.name: pl.owner for pl in org.ordered_pipelines()}
    assert {pl.name: pl.owner for pl in again.ordered_pipelines()} == owners
    tech_leads = {t.name: t.tech_lead for t in org.ordered_teams() if t.id in used_teams}
    assert {t.name: t.tech_lead for t in again.ordered_teams()} == tech_leads


@pytest.mark.parametrize("name", ["d3-org-chart-sample.csv", "oracle-hr-sample.csv"])
def test_real_files_round_trip(tmp_path: Path, name: str) -> None:
    src = FIXTURES / name
    if not src.exists():
        pytest.skip("real fixtures not available")
    org, _ = import_file(src)
    first, second, again = _round_trip(org, tmp_path)
    assert first == second
    assert len(again.people) == len(org.people)


def test_csv_columns_and_unresolved_references(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "id,name,manager,dotted,Manager Name\n1,Ada,Ghost,2; Nobody,Ghost Person\n2,Ben,1,,\n",
        encoding="utf-8",
    )
    org, _ = import_file(path)
    rows = list(csv.reader(io.StringIO(to_csv(org))))
    header = rows[0]
    assert header[: len(COLUMNS)] == list(COLUMNS)
    # a custom field the import would read as a field gets a suffix
    assert header[len(COLUMNS) :] == ["Manager Name (custom)"]
    ada = dict(zip(header, rows[1], strict=True))
    assert ada["manager"] == "Ghost"
    assert ada["dotted"] == "2; Nobody"


def test_graphml_read_back_by_networkx(tmp_path: Path) -> None:
    import networkx as nx

    org = sample_org()
    path = tmp_path / "org.graphml"
    export_table(org, path)
    g = nx.read_graphml(path)
    kinds = Counter(k for _, k in g.nodes(data="kind"))
    assert kinds["person"] == len(org.people)
    assert kinds["team"] == len(org.teams)
    assert kinds["pipeline"] == len(org.pipelines)
    assert kinds["unit"] == len(org.units)
    edges = Counter(k for *_, k in g.edges(data="kind"))
    assert edges["solid"] == sum(1 for p in org.people.values() if p.manager is not None)
    assert edges["dotted"] == sum(len(p.dotted) for p in org.people.values())
    assert edges["placement"] == sum(len(org.placements(p)) for p in org.people)
    assert edges["member"] == sum(1 for p in org.people.values() if p.team is not None)
    person = next(iter(org.people.values()))
    node = g.nodes["person:" + person.id]
    assert node["name"] == person.name and node["role"] == person.role.value
    assert node["org_id"] == person.id
    for k, v in person.fields.items():
        assert node["field:" + k] == v
    rafael = org.find_by_name("person", "Rafael Mendes")
    shares = [
        d["share"]
        for s, _, d in g.edges(data=True)
        if s == "person:" + rafael.id and d["kind"] == "placement"
    ]
    assert sum(shares) == org.total_share(rafael.id) == 120


def test_graphml_escapes_text(tmp_path: Path) -> None:
    import networkx as nx

    org = Org()
    org._add_team(Team("t&1", 'R&D <core> "x"'))
    org._bulk_load([Person("a<b>", 'Ann & "Bo"', team="t&1", fields={"a&b": "<x>"})], [])
    path = tmp_path / "esc.graphml"
    export_table(org, path)
    g = nx.read_graphml(path)
    assert g.nodes["team:t&1"]["name"] == 'R&D <core> "x"'
    assert g.nodes["person:a<b>"]["name"] == 'Ann & "Bo"'
    assert g.nodes["person:a<b>"]["field:a&b"] == "<x>"


def test_export_table_rejects_other_suffixes(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"\.csv or \.graphml"):
        export_table(sample_org(), tmp_path / "org.svg")


def test_fast_writer_gives_the_json_module_bytes(tmp_path: Path) -> None:
    import json

    from orgeditor.io.fastjson import dumps_indented
    from orgeditor.io.orgfile import dumps, load, save, to_data

    weird = {"a": [1.5, float("nan"), True, None, {"x": {}}, [], 'é\u2028"\\\n'], "t": (1,)}
    assert dumps_indented(weird) == json.dumps(weird, indent=1, ensure_ascii=False)
    for org in (sample_org(), synthetic_org(3000, seed=2), _dangerous_org()):
        path = tmp_path / "o.orgchart"
        save(org, path)
        text = json.dumps(to_data(org), indent=1, ensure_ascii=False) + "\n"
        assert path.read_text(encoding="utf-8") == dumps(org) == text
        assert len(load(path).people) == len(org.people)


def test_export_command_writes_tables(tmp_path: Path) -> None:
    import subprocess
    import sys

    import networkx as nx

    from orgeditor.io.orgfile import save

    src = tmp_path / "org.orgchart"
    save(sample_org(), src)
    root = Path(__file__).resolve().parents[2]
    for name in ("org.csv", "org.graphml"):
        proc = subprocess.run(
            [sys.executable, "-m", "orgeditor", "export", str(src), "-o", str(tmp_path / name)],
            capture_output=True,
            text=True,
            cwd=root,
        )
        assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "org.csv").read_bytes().decode("utf-8") == to_csv(sample_org())
    assert nx.read_graphml(tmp_path / "org.graphml").number_of_nodes() > 48
