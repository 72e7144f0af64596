"""The change diagrams: marked cards, legend, leavers, Org +N/-N, page order of PDF and
PowerPoint, the --mark on every page and slide, hostile names."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from export_helpers import hostile_org, run_cli
from test_diff_cli import _files, _reorg

from orgeditor.document import Document
from orgeditor.export.change_marks import change_marks, org_deltas
from orgeditor.io.orgfile import dumps, loads
from orgeditor.model.compare import compare
from orgeditor.samples import sample_org

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")
MARK = "Confidential draft"


def _pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def test_marks_and_org_deltas() -> None:
    a = sample_org()
    b, ids = _reorg(a)
    diff = compare(a, b)
    marks = change_marks(diff)
    assert marks[ids["hire"]].badges[0] == "\u25cf NEW hire"
    assert any(x.startswith("\u279c MOVED from ") for x in marks[ids["mover"]].badges)
    assert any(x.startswith("\u2191 NEW MANAGER (was ") for x in marks[ids["mover"]].badges)
    assert any(x.startswith("\u270e TITLE (was ") for x in marks[ids["promoted"]].badges)
    assert marks[ids["filled"]].sign == "\u25cf FILLED"
    assert ids["leaver"] not in marks
    fills = {m.fill for m in marks.values() if m.fill}
    assert len(fills) >= 4  # one per kind of change (and each also says it in words)
    deltas = org_deltas(diff)
    target_mgr = b.teams[ids["target"]].manager
    plus, minus, before, after = deltas[str(target_mgr)]
    assert plus >= 2 and after - before == plus - minus  # the mover and the hire joined
    root = next(p for p in b.people.values() if p.manager is None and b.direct_reports(p.id))
    r_plus, r_minus, r_before, r_after = deltas[root.id]
    assert (r_plus, r_minus) == (2, 1)  # the hire and the filled position; the leaver
    assert r_after == sum(1 for p in b.people.values() if not p.is_open) - 1
    assert marks[root.id].badges[-1] == f"Org +2 / -1 ({r_before} \u2192 {r_after})"


def test_svg_reporting_and_matrix(tmp_path: Path) -> None:
    a = sample_org()
    b, ids = _reorg(a)
    pa, pb = _files(tmp_path, a, b)
    for view in ("reporting", "matrix"):
        out = tmp_path / f"{view}.svg"
        r = run_cli("diff", str(pa), str(pb), "-o", str(out), "--view", view, "--mark", MARK)
        assert r.returncode == 1, r.stderr
        svg = out.read_text(encoding="utf-8")
        ET.fromstring(svg)
        assert MARK in svg
        assert "NEW" in svg and "MOVED" in svg and "Left (1)" in svg
        assert a.people[ids["leaver"]].name in svg
        assert "Org +" in svg or "+2/-1" in svg


@needs_poppler
def test_pdf_opens_with_the_summary_then_charts_then_managers(tmp_path: Path) -> None:
    a = sample_org()
    b, ids = _reorg(a)
    pa, pb = _files(tmp_path, a, b)
    out = tmp_path / "changes.pdf"
    r = run_cli("diff", str(pa), str(pb), "-o", str(out), "--mark", MARK)
    assert r.returncode == 1, r.stderr
    pages = _pdf_pages(out)
    assert len(pages) >= 4
    assert all(MARK in p for p in pages)
    assert "Summary" in pages[0] and "Teams" in pages[0] and "Findings" in pages[0] + pages[1]
    charts = [i for i, p in enumerate(pages) if "reporting lines" in p]
    assert charts and all("Summary" in p for p in pages[: charts[0]])
    assert any("teams x pipelines" in p for p in pages)
    assert "Who each change affects" in pages[-1]
    assert b.people[ids["hire"]].name in pages[-1]


def test_pptx_summary_charts_and_mark(tmp_path: Path) -> None:
    from pptx import Presentation

    a = sample_org()
    b, _ids = _reorg(a)
    pa, pb = _files(tmp_path, a, b)
    out = tmp_path / "changes.pptx"
    r = run_cli("diff", str(pa), str(pb), "-o", str(out), "--mark", MARK)
    assert r.returncode == 1, r.stderr
    prs = Presentation(str(out))
    slides = list(prs.slides)
    assert MARK in slides[0].placeholders[1].text
    notes = [s.notes_slide.notes_text_frame.text for s in slides[1:]]
    assert "summary" in notes[0]
    first = next(i for i, n in enumerate(notes) if "summary" not in n)
    assert "reporting" in notes[first]
    assert "changes by manager" in notes[-1]


@needs_poppler
def test_export_takes_the_mark_on_every_page(tmp_path: Path) -> None:
    from orgeditor.samples import synthetic_org

    src = tmp_path / "org.orgchart"
    src.write_text(dumps(synthetic_org(300, 1)), encoding="utf-8")
    out = tmp_path / "org.pdf"
    r = run_cli("export", str(src), "-o", str(out), "--mark", MARK)
    assert r.returncode == 0, r.stderr
    pages = _pdf_pages(out)
    assert len(pages) > 1 and all(MARK in p for p in pages)


def test_three_files_need_a_paged_format(tmp_path: Path) -> None:
    a = sample_org()
    b, _ = _reorg(a)
    pa, pb = _files(tmp_path, a, b)
    r = run_cli("diff", str(pa), str(pb), str(pb), "-o", str(tmp_path / "x.png"))
    assert r.returncode == 2 and "one diagram" in r.stderr
    assert not (tmp_path / "x.png").exists()
    pdf = tmp_path / "x.pdf"
    assert run_cli("diff", str(pa), str(pb), str(pb), "-o", str(pdf)).returncode == 1
    assert pdf.read_bytes().startswith(b"%PDF")


def test_hostile_names_in_the_diagrams(tmp_path: Path) -> None:
    a = hostile_org()
    doc = Document(loads(dumps(a)))
    o = doc.org
    people = [p for p in o.people.values() if p.name]
    doc.add_person(
        'New <b>"hire"</b> & co \\N', title="=cmd|x", team=o.team_order[0], manager=people[0].id
    )
    doc.set_field("person", people[3].id, "title", "Title <i>changed</i> {x} | y")
    doc.remove_people([people[-1].id])
    pa, pb = _files(tmp_path, a, o)
    for suffix in ("svg", "pdf", "pptx"):
        out = tmp_path / f"h.{suffix}"
        r = run_cli("diff", str(pa), str(pb), "-o", str(out), "--mark", '<Draft> & "x"')
        assert r.returncode == 1, r.stderr
        assert out.stat().st_size > 1000
    if shutil.which("pdftotext"):
        text = " ".join(" ".join(_pdf_pages(tmp_path / "h.pdf")).split())
        assert 'New <b>"hire"</b> & co' in text
        assert "<Draft> & \"x\"" in text
    from pptx import Presentation

    deck = Presentation(str(tmp_path / "h.pptx"))
    assert "<Draft> & \"x\"" in next(iter(deck.slides)).placeholders[1].text
    svg = (tmp_path / "h.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert 'New <b>"hire"</b> & co' in texts
    assert '<Draft> & "x"' in texts
