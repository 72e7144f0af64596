"""Slide paging: big charts split by subtree with markers both ways and an overview page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from orgeditor.export.api import ExportOptions, build_pages, export_file, render_page
from orgeditor.export.cards import badges, card_text
from orgeditor.export.measure import slide_name_px
from orgeditor.export.paging import Sizer, paginate
from orgeditor.export.render import png_size
from orgeditor.export.views import reporting_chart
from orgeditor.samples import synthetic_org


def _pages(org):  # type: ignore[no-untyped-def]
    chart = reporting_chart(org)
    leads = badges(org)
    sizes = {p: card_text(org, p, leads).size(("x" * 40, "y" * 40)) for p in chart.people()}
    return chart, paginate(chart, Sizer(sizes), {})


def test_every_person_on_exactly_one_page_as_a_non_repeat() -> None:
    org = synthetic_org(600, seed=3)
    chart, pages = _pages(org)
    assert len(pages) > 1
    seen: dict[str, int] = {}
    for i, page in enumerate(pages, 1):
        for p in page.people(chart):
            if p in page.back:  # a continued page repeats its top person
                continue
            assert p not in seen, f"{p} on pages {seen[p]} and {i}"
            seen[p] = i
    assert set(seen) == set(org.people)


def test_markers_point_both_ways() -> None:
    org = synthetic_org(600, seed=3)
    chart, pages = _pages(org)
    for i, page in enumerate(pages, 1):
        for person, target in page.cont.items():
            assert target > i
            assert person in pages[target - 1].roots or any(
                person == chart_parent
                for r in pages[target - 1].roots
                for chart_parent, kids in chart.children.items()
                if r in kids
            )
            assert any(back[1] == i for back in pages[target - 1].back.values())


def test_pdf_pages_readable_with_markers(tmp_path: Path) -> None:
    org = synthetic_org(400, seed=5)
    out = tmp_path / "big.pdf"
    count = export_file(org, out, ExportOptions())
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == count > 1  # type: ignore[union-attr]
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "more on page 2" in text
    assert "reports to" in text
    assert f"page 1 of {count}" in text
    for page in build_pages(org, ExportOptions(), True)[:6]:
        assert slide_name_px(render_page(page, "svg", ExportOptions())) >= 12.0


def test_page_option_for_png_and_pptx(tmp_path: Path) -> None:
    from pptx import Presentation

    org = synthetic_org(400, seed=5)
    whole, second = tmp_path / "whole.png", tmp_path / "p2.png"
    export_file(org, whole, ExportOptions())
    export_file(org, second, ExportOptions(page=2))
    assert png_size(second.read_bytes())[0] < png_size(whole.read_bytes())[0]
    deck = tmp_path / "p2.pptx"
    export_file(org, deck, ExportOptions(page=2))
    assert len(Presentation(str(deck)).slides) == 2


def _chain(levels: int):  # type: ignore[no-untyped-def]
    """A reporting chain ``levels`` people deep (each the only report of the one above)."""
    from orgeditor.document import Document
    from orgeditor.model.entities import Role

    doc = Document()
    boss = None
    for i in range(levels):
        boss = doc.add_person(f"Person {i}", title="Manager", role=Role.MANAGER, manager=boss)
    return doc.org


def test_a_deep_chain_pages_with_markers_both_ways() -> None:
    """5,000 levels page (near-linear: benchmarks/bench_export.py prints the time)."""
    org = _chain(5000)
    chart, pages = _pages(org)
    assert len(pages) > 300
    seen: set[str] = set()
    for i, page in enumerate(pages, 1):
        people = [p for p in page.people(chart) if p not in page.back]
        assert not seen & set(people)
        seen.update(people)
        for person, target in page.cont.items():
            assert target == i + 1  # a chain continues on the next page
            # which starts with that person again, saying where they come from
            assert pages[target - 1].roots == [person]
            assert pages[target - 1].back[person] == (org.people[person].manager, i)
    assert seen == set(org.people)


def test_timeout_bounds_planning() -> None:
    import time

    import pytest

    from orgeditor.export.deadline import Deadline, ExportTimeout

    org = _chain(2000)
    deadline = Deadline(0.001)
    time.sleep(0.01)
    with pytest.raises(ExportTimeout, match="--timeout"):
        build_pages(org, ExportOptions(), True, deadline)


def test_timeout_bounds_the_whole_export(tmp_path: Path) -> None:
    """Each Graphviz run is quick, the 334 of them are not: --timeout stops the whole export."""
    import time

    from export_helpers import run_cli

    from orgeditor.io.orgfile import save

    src = tmp_path / "chain.orgchart"
    save(_chain(3000), src)  # 2.5-3 s of Graphviz runs here
    out = tmp_path / "chain.pdf"
    t0 = time.perf_counter()
    res = run_cli("export", str(src), "-o", str(out), "--timeout", "0.3")
    took = time.perf_counter() - t0
    assert res.returncode == 2, res.stderr
    assert "took longer than --timeout 0.3 s" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert not out.exists() and sorted(tmp_path.iterdir()) == [src]
    assert took < 0.3 + 10  # start-up and load, not the 334 pages
    res = run_cli("export", str(src), "-o", str(out), "--timeout", "nan")
    assert res.returncode == 2 and "--timeout" in res.stderr and "nan" in res.stderr
