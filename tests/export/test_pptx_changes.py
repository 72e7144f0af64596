"""The change diagrams as an editable deck (``orgeditor diff OLD NEW -o changes.pptx``): read
back with python-pptx, the chart slides checked like every editable chart (glued connectors,
no overlaps, inside the slide, names >= 8 pt), the marks on the cards, the legend, the
leavers' box, the native tables, ``--pictures`` and ``--timeout``."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import hostile_org, run_cli
from pptx_checks import check_chart_slides, norm, read_deck, stops_in_time
from test_diff_cli import _files, _reorg

from orgeditor.document import Document
from orgeditor.export.change_marks import MARK_STYLES, change_marks
from orgeditor.io.orgfile import dumps, loads
from orgeditor.model.compare import compare
from orgeditor.model.org import Org
from orgeditor.samples import sample_org

MARK = "Confidential draft"


def _diff_deck(tmp_path: Path, a: Org, b: Org, *extra: str) -> Path:
    pa, pb = _files(tmp_path, a, b)
    out = tmp_path / "changes.pptx"
    r = run_cli("diff", str(pa), str(pb), "-o", str(out), "--mark", MARK, *extra)
    assert r.returncode == 1, r.stderr
    return out


def _fill(shape) -> str:
    return str(shape.fill.fore_color.rgb).lower()


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_change_deck_is_native(tmp_path: Path, which: str) -> None:
    if which == "sample":
        a = sample_org()
        b, ids = _reorg(a)
    else:
        a = hostile_org()
        doc = Document(loads(dumps(a)))
        people = [p for p in doc.org.people.values() if p.name]
        ids = {
            "hire": doc.add_person(
                'New <b>"hire"</b> & co \\N',
                title="=cmd|x",
                team=doc.org.team_order[0],
                manager=people[0].id,
            )
        }
        doc.set_field("person", people[3].id, "title", "Title <i>changed</i> {x} | y")
        doc.remove_people([people[-1].id])
        ids["leaver"] = people[-1].id
        b = doc.org
    out = _diff_deck(tmp_path, a, b)
    prs, slides = read_deck(out)
    assert all(s.pictures == 0 for s in slides)
    charts = [s for s in slides if s.cards]
    tables = [s for s in slides if s.tables]
    assert charts and tables
    check_chart_slides(b, prs, charts, everyone=True)
    from pptx_checks import LIBERATION, text_overflows

    if (LIBERATION / "LiberationSans-Bold.ttf").exists():  # the marks' lines fit their cards
        assert text_overflows(prs) == []
    # summary first, then charts and the matrix, then who each change affects
    notes = [s.notes for s in slides]
    assert "(summary" in notes[0] and "changes by manager" in notes[-1]
    assert any(": matrix)" in n for n in notes)
    # every changed card wears its mark: the mark's fill and its badge lines
    marks = change_marks(compare(a, b))
    fills = {s.fill for s in MARK_STYLES}
    seen = 0
    for slide in list(prs.slides)[1:]:
        for shape in slide.shapes:
            if not shape.name.startswith("Card: "):
                continue
            text = norm(shape.text_frame.text)
            for pid, mark in marks.items():
                if not mark.fill or norm(b.people[pid].display_name) not in text:
                    continue
                if _fill(shape) == mark.fill.lower().lstrip("#"):
                    assert all(norm(x) in text for x in mark.badges), (text, mark.badges)
                    seen += 1
            assert _fill(shape) not in fills or any(
                norm(b.people[p].display_name) in text for p in marks
            )
    assert seen >= len([m for m in marks.values() if m.fill])
    # the legend explains the marks on every chart and table slide; the mark is on each
    for slide in list(prs.slides)[1:]:
        legend = {
            sh.name: sh.text_frame.text for sh in slide.shapes if sh.name.startswith("Legend")
        }
        assert MARK in legend["Legend"]
        assert all(s.sign in legend["Legend: changes"] for s in MARK_STYLES)
    # the people who left, in a box on the first chart slide that no card covers
    first = next(
        s for s in list(prs.slides)[1:] if any(sh.name.startswith("Card: ") for sh in s.shapes)
    )
    box = next(sh for sh in first.shapes if sh.name == "Left")
    leaver = a.people[ids["leaver"]].display_name
    assert norm(leaver)[:20] in norm(box.text_frame.text)
    assert box.left >= 0 and box.left + box.width <= prs.slide_width and box.top >= 0
    for sh in first.shapes:
        if sh.name.startswith("Card: "):
            assert not (
                sh.left < box.left + box.width
                and box.left < sh.left + sh.width
                and sh.top < box.top + box.height
                and box.top < sh.top + sh.height
            )
    # the hire is named on a chart slide, in the matrix and in the list by manager
    hire = norm(b.people[ids["hire"]].display_name)[:20]
    assert any(hire in c.name for s in charts for c in s.cards.values())
    matrix = [s for s in list(prs.slides)[1:] if any(sh.name == "Matrix" for sh in s.shapes)]
    assert matrix and any(
        hire in norm(sh.table.cell(r, c).text_frame.text)
        for s in matrix
        for sh in s.shapes
        if sh.name == "Matrix"
        for r in range(len(sh.table.rows))
        for c in range(len(sh.table.columns))
    )


def test_matrix_cells_carry_the_signs(tmp_path: Path) -> None:
    a = sample_org()
    b, ids = _reorg(a)
    prs, _slides = read_deck(_diff_deck(tmp_path, a, b))
    cells = []
    for slide in list(prs.slides)[1:]:
        for sh in slide.shapes:
            if sh.name == "Matrix":
                t = sh.table
                cells += [
                    t.cell(r, c).text_frame.text
                    for r in range(len(t.rows))
                    for c in range(len(t.columns))
                ]
    mover = b.people[ids["mover"]].display_name
    assert any(mover in c and "\u279c MOVED" in c for c in cells)


def test_pictures_keep_the_picture_deck(tmp_path: Path) -> None:
    a = sample_org()
    b, _ids = _reorg(a)
    _prs, slides = read_deck(_diff_deck(tmp_path, a, b, "--pictures"))
    assert slides and all(s.pictures == 1 and not s.cards for s in slides)
    pa, pb = _files(tmp_path, a, b)
    r = run_cli("diff", str(pa), str(pb), "-o", str(tmp_path / "x.pdf"), "--pictures")
    assert r.returncode == 2 and ".pptx" in r.stderr and r.stderr.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()
    r = run_cli("diff", str(pa), str(pb), "--pictures")
    assert r.returncode == 2 and r.stderr == "orgeditor: --pictures goes with -o OUT.pptx\n"


def test_timeout_bounds_the_change_deck(tmp_path: Path) -> None:
    from orgeditor.samples import synthetic_org

    a = synthetic_org(600, 1)
    b = loads(dumps(a))
    doc = Document(b)
    leaf = [p for p in b.people.values() if not b.direct_reports(p.id)]
    doc.set_field("person", leaf[0].id, "title", "Changed")
    pa, pb = _files(tmp_path, a, doc.org)
    out = tmp_path / "slow.pptx"
    stops_in_time(["diff", str(pa), str(pb), "-o", str(out)], out, "0.2")


def test_leavers_without_a_free_corner_get_a_slide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orgeditor.export import pptx_changes
    from orgeditor.export.api import ExportOptions

    a = sample_org()
    b, ids = _reorg(a)
    monkeypatch.setattr(pptx_changes, "_free_corner", lambda *_args: None)
    data, count = pptx_changes.build_change_deck(
        [compare(a, b)], ["today", "plan"], ExportOptions(mark=MARK)
    )
    out = tmp_path / "d.pptx"
    out.write_bytes(data)
    prs, slides = read_deck(out)
    assert len(slides) == count
    assert not any(sh.name == "Left" for s in prs.slides for sh in s.shapes)
    left = [s for s in slides if "(left 1)" in s.notes]
    assert len(left) == 1 and left[0].tables
    cell = left[0].tables[0].table.cell(1, 0).text_frame.text
    assert a.people[ids["leaver"]].display_name in cell
    check_chart_slides(b, prs, [s for s in slides if s.cards])


def test_scenarios_side_by_side_in_one_deck(tmp_path: Path) -> None:
    """diff TODAY A B -o deck.pptx: the summary with a column per file, then each scenario's
    chart (its title naming the scenario), matrix and list."""
    a = sample_org()
    b, _ = _reorg(a)
    pa, pb = _files(tmp_path, a, b)
    pc = tmp_path / "other.orgchart"
    pc.write_bytes(pa.read_bytes())
    out = tmp_path / "three.pptx"
    r = run_cli("diff", str(pa), str(pb), str(pc), "-o", str(out))
    assert r.returncode == 1, r.stderr
    prs, slides = read_deck(out)
    head = slides[0].tables[0].table
    assert [head.cell(0, c).text_frame.text for c in range(1, 4)] == [
        "today.orgchart",
        "plan.orgchart",
        "other.orgchart",
    ]
    titles = [
        next((sh.text_frame.text for sh in s.shapes if sh.name == "Title"), "")
        for s in list(prs.slides)[1:]
    ]
    for name in ("plan.orgchart: ", "other.orgchart: "):
        assert any(t.startswith(name) and "reporting lines" in t for t in titles)
        assert any(t.startswith(name) and "teams x pipelines" in t for t in titles)
    for org, name in ((b, "plan.orgchart"), (a, "other.orgchart")):
        charts = [s for s in slides if s.cards and f"({name}: reporting" in s.notes]
        check_chart_slides(org, prs, charts, everyone=True)


def test_marks_keep_their_colours_with_a_template(tmp_path: Path) -> None:
    from test_export_pptx import _template

    from orgeditor.export import pptx_changes
    from orgeditor.export.api import ExportOptions

    a = sample_org()
    b, ids = _reorg(a)
    opts = ExportOptions(template=str(_template(tmp_path)))
    data, _count = pptx_changes.build_change_deck([compare(a, b)], ["today", "plan"], opts)
    out = tmp_path / "t.pptx"
    out.write_bytes(data)
    prs, slides = read_deck(out)
    # the template's slides are 10 in wide: 8 pt on 13.33 in is 6 pt there
    check_chart_slides(b, prs, [s for s in slides if s.cards], min_pt=8.0 * 10 / 13.333)
    hire = change_marks(compare(a, b))[ids["hire"]]
    name = norm(b.people[ids["hire"]].display_name)
    cards = [
        sh
        for s in list(prs.slides)[1:]
        for sh in s.shapes
        if sh.name.startswith("Card: ") and norm(sh.text_frame.paragraphs[0].text) == name
    ]
    assert cards and all(_fill(c) == hire.fill.lstrip("#").lower() for c in cards)
