"""``orgeditor diff`` as a user runs it: exit status, text, JSON, Markdown and CSV, matching
by name, more than two files, hostile names, and a hand-made re-org of a real HR export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from export_helpers import HOSTILE_NAMES, hostile_org, run_cli

from orgeditor.document import Document
from orgeditor.io.hr.hr_import import import_file
from orgeditor.io.orgfile import dumps, loads, save
from orgeditor.model.compare import compare
from orgeditor.model.entities import Role
from orgeditor.model.org import Org
from orgeditor.samples import sample_org

ORACLE = Path("/work/shared/fixtures/real/oracle-hr-sample.csv")
for _base in Path(__file__).resolve().parents:
    if (_base / "shared" / "fixtures" / "real" / "oracle-hr-sample.csv").exists():
        ORACLE = _base / "shared" / "fixtures" / "real" / "oracle-hr-sample.csv"
        break


def _copy(org: Org) -> Org:
    return loads(dumps(org))


def _reorg(org: Org) -> tuple[Org, dict[str, str]]:
    """A re-org by hand: a move with a new manager, a hire, a leaver, a promotion, a filled
    open position. Returns the new org and the ids involved."""
    doc = Document(_copy(org))
    o = doc.org
    teams = o.ordered_teams()
    leaf = [p for p in o.people.values() if not o.direct_reports(p.id) and p.team]
    mover, leaver, promoted = leaf[0], leaf[-1], leaf[len(leaf) // 2]
    target = next(t for t in teams if t.id != mover.team and t.manager)
    doc.move_to_team([mover.id], target.id)
    doc.set_manager(mover.id, target.manager)
    hire = doc.add_person("Grace New", title="ML Engineer", team=target.id, manager=target.manager)
    doc.remove_people([leaver.id])
    doc.set_field("person", promoted.id, "title", "Senior " + promoted.title)
    ids = {
        "mover": mover.id,
        "leaver": leaver.id,
        "promoted": promoted.id,
        "hire": hire,
        "target": target.id,
    }
    opening = next((p for p in o.people.values() if p.role is Role.OPEN), None)
    if opening is not None:
        with doc.transaction("Fill"):
            doc.rename("person", opening.id, "Filled Person")
            doc.set_field("person", opening.id, "role", Role.IC)
        ids["filled"] = opening.id
    return o, ids


def _files(tmp_path: Path, a: Org, b: Org) -> tuple[Path, Path]:
    pa, pb = tmp_path / "today.orgchart", tmp_path / "plan.orgchart"
    save(a, pa)
    save(b, pb)
    return pa, pb


def test_exit_status_like_diff(tmp_path: Path) -> None:
    a = sample_org()
    b, _ids = _reorg(a)
    pa, pb = _files(tmp_path, a, b)
    assert run_cli("diff", str(pa), str(pa)).returncode == 0
    same = run_cli("diff", str(pa), str(pa), "--json")
    assert json.loads(same.stdout)["changes"] == []
    assert run_cli("diff", str(pa), str(pb)).returncode == 1
    for args in (
        [str(pa)],
        [str(pa), str(tmp_path / "missing.orgchart")],
        [str(pa), str(pb), "-o", str(tmp_path / "out.docx")],
        [str(pa), str(pb), "--match", "email"],
        [str(pa), str(pb), "-o", str(tmp_path / "no" / "such.md")],
        [str(pa), str(pb), "-o", str(tmp_path) + "/"],
    ):
        r = run_cli("diff", *args)
        assert r.returncode == 2, args
        assert r.stderr.startswith("orgeditor: ") and r.stderr.count("\n") == 1, r.stderr
        assert "Traceback" not in r.stderr
    assert not (tmp_path / "out.docx").exists()
    bad = json.loads(pb.read_text(encoding="utf-8"))
    bad.setdefault("settings", {})["rules"] = {"span-of-control": {"max_reports": "lots"}}
    pbad = tmp_path / "bad.orgchart"
    pbad.write_text(json.dumps(bad), encoding="utf-8")
    r = run_cli("diff", str(pa), str(pbad), "-o", str(tmp_path / "never.md"))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == (
        f"orgeditor: {pbad}: settings.rules.span-of-control.max_reports: "
        "expected a whole number, got 'lots'\n"
    )
    assert not (tmp_path / "never.md").exists()


def test_text_and_json_of_a_reorg(tmp_path: Path) -> None:
    a = sample_org()
    b, ids = _reorg(a)
    pa, pb = _files(tmp_path, a, b)
    text = run_cli("diff", str(pa), str(pb)).stdout
    mover, target = b.people[ids["mover"]], b.teams[ids["target"]]
    boss = b.people[str(target.manager)].name
    old_team = a.teams[str(a.people[ids["mover"]].team)].name
    assert f"Moved (1)\n  {mover.name}, {old_team} -> {target.name}; now reports to {boss}" in text
    assert "Hired (1)\n  Grace New, ML Engineer" in text
    assert f"Left (1)\n  {a.people[ids['leaver']].name}" in text
    assert "Filled (1)\n  " in text and "filled by Filled Person" in text
    assert f"Title (1)\n  {b.people[ids['promoted']].name}: " in text
    for heading in ("Teams\n", "Pipelines\n", "Shape\n", "Findings"):
        assert heading in text

    data = json.loads(run_cli("diff", str(pa), str(pb), "--json").stdout)
    assert set(data) >= {"old", "new", "changes", "teams", "pipelines", "findings", "shape"}
    assert set(data["old"]) >= {"name", "people", "open_positions"}
    assert data["new"]["people"] == data["old"]["people"] + 1  # hire + filled - leaver
    kinds = {(c["kind"], c["subject"]["id"]) for c in data["changes"]}
    assert ("team", ids["mover"]) in kinds and ("manager", ids["mover"]) in kinds
    assert ("added", ids["hire"]) in kinds and ("removed", ids["leaver"]) in kinds
    assert ("title", ids["promoted"]) in kinds and ("filled", ids["filled"]) in kinds
    for c in data["changes"]:
        assert set(c) == {"kind", "subject", "old", "new"}
        assert set(c["subject"]) == {"kind", "id", "name"}
    move = next(c for c in data["changes"] if c["kind"] == "manager")
    assert set(move["new"]) == {"id", "name"} and move["new"]["name"] == boss
    row = next(t for t in data["teams"] if t["id"] == ids["target"])
    in_target = [p for p in b.team_members(ids["target"]) if p.role is not Role.OPEN]
    assert row["new"]["headcount"] == len(in_target)
    assert row["new"]["headcount"] >= row["old"]["headcount"] + 2  # the mover and the hire
    assert set(row["old"]) == {"headcount", "open_positions", "fte"}
    assert set(data["findings"]) >= {"fixed", "introduced"}
    for f in data["findings"]["introduced"] + data["findings"]["fixed"]:
        assert set(f) >= {"rule", "message", "subjects"}


def test_markdown_and_csv(tmp_path: Path) -> None:
    a = sample_org()
    b, _ids = _reorg(a)
    pa, pb = _files(tmp_path, a, b)
    md, out_csv = tmp_path / "changes.md", tmp_path / "changes.csv"
    assert run_cli("diff", str(pa), str(pb), "-o", str(md)).returncode == 1
    assert run_cli("diff", str(pa), str(pb), "-o", str(out_csv)).returncode == 1
    text = md.read_text(encoding="utf-8")
    assert "### Moved (1)" in text and "| Teams" not in text and "## Teams" in text
    rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8"), newline="")))
    assert rows[0][:3] == ["scenario", "group", "change"]
    n = len(compare(a, b).changes)
    assert len(rows) - 1 == n
    assert {r[2] for r in rows[1:]} >= {"added", "removed", "team", "manager", "title"}


def test_match_by_name_across_renumbered_exports(tmp_path: Path) -> None:
    a = sample_org()
    b = _copy(a)
    renumber = {pid: f"x{i}" for i, pid in enumerate(reversed(list(b.people)))}
    data = json.loads(dumps(b))
    text = json.dumps(data)
    for old, new in renumber.items():  # ids appear as whole JSON strings
        text = text.replace(f'"{old}"', f'"{new}"')
    b = loads(text)
    by_id = compare(a, b)
    by_name = compare(a, b, match="name")
    assert len(by_id.changes) > 10
    # open positions have no name: they fall back to ids, which differ, and are listed
    open_ids = {p.id for p in a.people.values() if p.role is Role.OPEN}
    assert {c.subject.id for c in by_name.changes if c.kind == "removed"} == open_ids
    assert {c.kind for c in by_name.changes} == {"added", "removed"}
    assert len(by_name.changes) == 2 * len(open_ids)
    assert {r.id for r in by_name.unmatched if r.kind == "person"} >= open_ids
    # renumbering only the named people: open positions match by their unchanged ids
    keep = {o: o for o in open_ids}
    text = dumps(a)
    for old, new in renumber.items():
        text = text.replace(f'"{old}"', f'"{keep.get(old, new)}"')
    c, d = loads(text), a
    pa, pb = _files(tmp_path, d, c)
    assert run_cli("diff", "--match", "name", str(pa), str(pb)).returncode == 0
    assert run_cli("diff", str(pa), str(pb)).returncode == 1


def test_more_than_two_files(tmp_path: Path) -> None:
    a = sample_org()
    b, _ = _reorg(a)
    c = _copy(b)
    Document(c).set_org_name("Plan B")
    pa, pb = _files(tmp_path, a, b)
    pc = tmp_path / "plan-b.orgchart"
    save(c, pc)
    r = run_cli("diff", str(pa), str(pb), str(pc))
    assert r.returncode == 1
    header = next(
        line
        for line in r.stdout.splitlines()
        if "plan-b.orgchart" in line and "today" in line and "->" not in line
    )
    assert header.index("today") < header.index("plan.orgchart") < header.index("plan-b")
    data = json.loads(run_cli("diff", str(pa), str(pb), str(pc), "--json").stdout)
    assert data["base"]["file"] == str(pa)
    assert [s["new"]["file"] for s in data["scenarios"]] == [str(pb), str(pc)]
    assert len(data["shape"]) == 3 and data["shape"][0] == data["scenarios"][0]["shape"]["old"]
    row = data["teams"][0]
    assert set(row) == {"id", "name", "values"} and len(row["values"]) == 3
    assert row["values"][1] == row["values"][2]  # plan B differs from plan A by its name only
    renamed = [c for c in data["scenarios"][1]["changes"] if c["subject"]["kind"] == "org"]
    assert renamed and renamed[0]["new"] == "Plan B"
    md = tmp_path / "s.md"
    run_cli("diff", str(pa), str(pb), str(pc), "-o", str(md))
    assert (
        "| \\| today\\.orgchart" not in md.read_text() and "plan\\-b\\.orgchart" in md.read_text()
    )


def test_hostile_names_in_every_report(tmp_path: Path) -> None:
    a = hostile_org()
    doc = Document(_copy(a))
    o = doc.org
    people = [p for p in o.people.values() if p.name in HOSTILE_NAMES and p.name]
    for p, other in zip(people[:6], reversed(HOSTILE_NAMES), strict=False):
        doc.set_field("person", p.id, "title", "=HYPERLINK(" + other)
    doc.add_person("=cmd|' /C calc'!A0", title="@SUM(1)", team=o.team_order[0])
    doc.remove_people([people[-1].id])
    doc.set_manager(people[-2].id, people[0].id)
    pa, pb = _files(tmp_path, a, o)

    text = run_cli("diff", str(pa), str(pb)).stdout
    assert "Line one Line two" in text  # names stay on one line
    assert "=cmd|' /C calc'!A0" in text

    data = json.loads(run_cli("diff", str(pa), str(pb), "--json").stdout)
    names = {c["subject"]["name"] for c in data["changes"]}
    assert "=cmd|' /C calc'!A0" in names
    assert people[-1].name in names  # the leaver, byte for byte

    out_csv = tmp_path / "c.csv"
    run_cli("diff", str(pa), str(pb), "-o", str(out_csv))
    rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8"), newline="")))
    for row in rows[1:]:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), row
    assert any(cell == "'=cmd|' /C calc'!A0" for row in rows for cell in row)

    md = tmp_path / "c.md"
    run_cli("diff", str(pa), str(pb), "-o", str(md))
    body = md.read_text(encoding="utf-8")
    assert "<b>" not in body and "\\<b\\>Not bold\\</b\\>" in body


@pytest.mark.skipif(not ORACLE.exists(), reason="real fixtures not available")
def test_reorg_of_the_oracle_hr_sample(tmp_path: Path) -> None:
    a, _report = import_file(ORACLE)
    doc = Document(_copy(a))
    o = doc.org
    it = next(t for t in o.ordered_teams() if t.name == "IT")
    finance = next(t for t in o.ordered_teams() if t.name == "Finance")
    programmers = [p for p in o.team_members(it.id) if p.title == "Programmer"]
    mover, leaver = programmers[0], programmers[-1]
    doc.move_to_team([mover.id], finance.id)
    doc.set_manager(mover.id, finance.manager)
    doc.remove_people([leaver.id])
    doc.add_person("Ada Newhire", title="Programmer", team=it.id, manager=it.manager)
    doc.add_person("", title="Accountant", role=Role.OPEN, team=finance.id, manager=finance.manager)
    chosen = programmers[1]
    doc.set_field("person", chosen.id, "title", "Senior Programmer")
    pa, pb = _files(tmp_path, a, o)
    r = run_cli("diff", str(pa), str(pb))
    assert r.returncode == 1
    boss = o.people[str(finance.manager)].name
    assert f"Moved (1)\n  {mover.name}, IT -> Finance; now reports to {boss}" in r.stdout
    assert f"Left (1)\n  {leaver.name}, Programmer, IT" in r.stdout
    assert "Hired (1)\n  Ada Newhire, Programmer, IT" in r.stdout
    assert "New open positions (1)\n  Open: Accountant, Finance" in r.stdout
    assert f"Title (1)\n  {chosen.name}: Programmer -> Senior Programmer" in r.stdout
    data = json.loads(run_cli("diff", str(pa), str(pb), "--json").stdout)
    teams = {t["name"]: t for t in data["teams"]}
    assert teams["IT"]["old"]["headcount"] - teams["IT"]["new"]["headcount"] == 1
    assert teams["Finance"]["new"]["headcount"] - teams["Finance"]["old"]["headcount"] == 1
    assert (
        teams["Finance"]["new"]["open_positions"] == teams["Finance"]["old"]["open_positions"] + 1
    )
    assert len(data["changes"]) == 6


@pytest.mark.skipif(not ORACLE.exists(), reason="real fixtures not available")
def test_two_renumbered_hr_exports_match_by_name(tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(ORACLE.read_text(encoding="utf-8"), newline="")))
    head = rows[0]
    i_id, i_parent, i_first = head.index("id"), head.index("parentId"), head.index("name")
    renumbered = [head]
    for row in rows[1:]:
        row = list(row)
        row[i_id] = str(int(row[i_id]) + 5000)
        if row[i_parent]:
            row[i_parent] = str(int(row[i_parent]) + 5000)
        renumbered.append(row)
    renumbered[10][i_parent] = renumbered[3][i_id]  # a new manager
    leaver = renumbered.pop()  # a leaver
    src = tmp_path / "hr-feb.csv"
    with src.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(renumbered)
    jan, _ = import_file(ORACLE)
    feb, _ = import_file(src)
    pa, pb = _files(tmp_path, jan, feb)
    by_id = run_cli("diff", str(pa), str(pb))
    assert "Hired (106)" in by_id.stdout  # every id differs
    r = run_cli("diff", "--match", "name", str(pa), str(pb))
    assert r.returncode == 1
    moved = renumbered[10][i_first]
    assert f"Left (1)\n  {leaver[i_first]} " in r.stdout
    assert f"New manager (1)\n  {moved} " in r.stdout
    assert "matched by id" not in r.stdout  # no empty or repeated names here
    assert "\nPipelines\n" not in r.stdout  # no pipelines: no empty table
    data = json.loads(run_cli("diff", "--match", "name", "--json", str(pa), str(pb)).stdout)
    kinds = sorted((c["subject"]["kind"], c["kind"]) for c in data["changes"])
    assert kinds == [("org", "renamed"), ("person", "manager"), ("person", "removed")]
    assert data["unmatched"] == []
