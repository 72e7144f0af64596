"""The .orgchart format: stable order, byte-identical re-save, small diffs, migrations."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from orgeditor.document import Document
from orgeditor.io import orgfile
from orgeditor.io.orgfile import FORMAT, VERSION, dumps, from_data, load, loads, natural_key, save
from orgeditor.samples import sample_org, sample_path, synthetic_org


def test_header_and_key_order() -> None:
    data = json.loads(dumps(sample_org()))
    assert list(data) == [
        "format",
        "version",
        "name",
        "settings",
        "units",
        "teams",
        "pipelines",
        "people",
    ]
    assert data["format"] == FORMAT == "orgeditor.orgchart"
    assert data["version"] == VERSION == 2
    ada = next(p for p in data["people"] if p["id"] == "p19")
    assert list(ada) == [
        "id",
        "name",
        "title",
        "level",
        "role",
        "team",
        "manager",
        "dotted",
        "placements",
    ]
    assert ada["placements"] == [{"team": "t2", "pipeline": "l1", "share": 100}]
    open_position = next(p for p in data["people"] if p["id"] == "p26")
    assert "name" not in open_position  # empty optional keys are left out
    assert open_position["role"] == "open"


def test_the_shipped_sample_is_in_canonical_form() -> None:
    assert sample_path().read_text(encoding="utf-8") == dumps(sample_org())


def test_people_sort_by_id_numerically() -> None:
    assert sorted(["p10", "p9", "p1", "x", "p2a", "p2"], key=natural_key) == [
        "p1",
        "p2",
        "p2a",
        "p9",
        "p10",
        "x",
    ]
    org = synthetic_org(120, 3)
    ids = [p["id"] for p in json.loads(dumps(org))["people"]]
    assert ids == sorted(ids, key=lambda i: int(i[1:]))


@pytest.mark.parametrize(("size", "seed"), [(1, 0), (40, 1), (700, 7)])
def test_save_load_save_is_byte_identical(tmp_path: Path, size: int, seed: int) -> None:
    org = synthetic_org(size, seed)
    first = tmp_path / "a.orgchart"
    second = tmp_path / "b.orgchart"
    save(org, first)
    again = load(first)
    save(again, second)
    assert first.read_bytes() == second.read_bytes()
    assert again._cells == org._cells
    assert again._placements == org._placements
    assert again._reports == org._reports
    assert again._dotted_reports == org._dotted_reports


def test_utf8_text_is_kept_readable(tmp_path: Path) -> None:
    doc = Document(sample_org())
    doc.rename("person", "p19", "Zoë Ångström-Łukasiewicz 山田")
    doc.set_setting("note", 'quotes " and \\ backslashes')
    path = tmp_path / "u.orgchart"
    doc.save(path)
    raw = path.read_bytes()
    assert "Zoë Ångström-Łukasiewicz 山田".encode() in raw
    assert raw.endswith(b"}\n")
    assert load(path).people["p19"].name == "Zoë Ångström-Łukasiewicz 山田"
    assert load(path).settings["note"] == 'quotes " and \\ backslashes'
    # a byte-order mark (some editors add one) is accepted
    path.write_bytes(b"\xef\xbb\xbf" + raw)
    assert load(path).people["p19"].name.startswith("Zoë")


def changed_lines(a: str, b: str) -> tuple[list[str], list[str]]:
    """Lines removed from ``a`` and added in ``b`` (a line diff as git shows it)."""
    old, new = a.splitlines(), b.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    removed: list[str] = []
    added: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def test_a_small_edit_gives_a_small_diff() -> None:
    doc = Document(sample_org())
    before = dumps(doc.org)
    doc.set_field("person", "p21", "title", "Senior ML Engineer")
    assert changed_lines(before, dumps(doc.org)) == (
        ['   "title": "ML Engineer",'],
        ['   "title": "Senior ML Engineer",'],
    )
    doc.move_people([("p21", ("t2", "l3"))], ("t2", "l2"))
    removed, added = changed_lines(before, dumps(doc.org))
    assert [line.strip() for line in removed] == ['"title": "ML Engineer",', '"pipeline": "l3",']
    assert len(added) == 2
    # a new person adds lines at the end of the people and changes nothing else
    after_move = dumps(doc.org)
    doc.add_person("New Hire", team="t4", manager="p34")
    removed, added = changed_lines(after_move, dumps(doc.org))
    assert removed == [] or removed == ["  }"]
    assert '   "name": "New Hire",' in added


def test_placements_and_settings_in_stable_order() -> None:
    doc = Document(sample_org())
    doc.set_setting("zeta", 1)
    doc.set_setting("alpha", {"b": 1, "a": 2})
    doc.add_placement("p46", "t6", "l4", 10)
    doc.add_placement("p46", None, "l1", 10)
    doc.add_placement("p46", "t6", "l1", 10)
    data = json.loads(dumps(doc.org))
    assert list(data["settings"]) == ["alpha", "zeta"]
    assert list(data["settings"]["alpha"]) == ["a", "b"]
    diego = next(p for p in data["people"] if p["id"] == "p46")
    assert [(pl["pipeline"], pl["team"]) for pl in diego["placements"]] == [
        ("l1", None),
        ("l1", "t6"),
        ("l4", "t6"),
    ]
    # the order the placements were made in does not matter
    other = Document(sample_org())
    other.set_setting("alpha", {"a": 2, "b": 1})
    other.set_setting("zeta", 1)
    other.add_placement("p46", "t6", "l1", 10)
    other.add_placement("p46", "t6", "l4", 10)
    other.add_placement("p46", None, "l1", 10)
    assert dumps(other.org) == dumps(doc.org)


def test_everything_a_person_can_hold_round_trips() -> None:
    org = sample_org()
    p = org.people["p46"]
    p.unresolved_manager = "V. Lopez"
    p.unresolved_dotted = ("Someone", "Else")
    p.fields = {"z": "last", "location": "Oslo"}
    text = dumps(org)
    again = loads(text)
    assert again.people["p46"] == p
    assert list(json.loads(text)["people"][45]["fields"]) == ["location", "z"]


def test_minimal_file_and_defaults() -> None:
    org = loads('{"format": "orgeditor.orgchart", "version": 1}')
    assert (org.name, org.people, org.teams, org.settings) == ("", {}, {}, {})
    org = loads(
        '{"format": "orgeditor.orgchart", "version": 1, "teams": [{"id": "t1"}],'
        ' "pipelines": [{"id": "l1"}], "people": [{"id": "p1", "team": "t1",'
        ' "placements": [{"pipeline": "l1"}]}]}'
    )
    assert org.share("p1", None, "l1") == 100
    assert org.people["p1"].role.value == "ic"


def test_migrations_run_for_older_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend the format is at version 3, whose version 2 kept the org's name as "title"."""
    calls: list[int] = []

    def v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(data["version"])
        data = dict(data)
        data["name"] = data.pop("title", "")
        data["version"] = 3
        return data

    old = json.loads(dumps(sample_org()))
    old["title"] = old.pop("name")
    old["version"] = 1  # runs the real 1 -> 2 step, then the pretend 2 -> 3
    monkeypatch.setattr(orgfile, "VERSION", 3)
    monkeypatch.setitem(orgfile.MIGRATIONS, 2, v2_to_v3)
    org = from_data(old, "old.orgchart")
    assert calls == [2]
    assert org.name == "Northwind ML" and len(org.people) == 48
    assert json.loads(dumps(org))["version"] == 3  # saved in the current version
    current = json.loads(dumps(org))
    assert from_data(current).name == "Northwind ML" and calls == [2]
    current["version"] = 4
    with pytest.raises(orgfile.OrgFileError, match="newer orgeditor"):
        from_data(current)
