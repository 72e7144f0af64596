"""Editable PowerPoint: read the decks back and check the geometry PowerPoint draws from."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pptx_checks import check_chart_slides, connector_path, read_deck

from orgeditor.export.api import ExportOptions, export_file
from orgeditor.export.pptx_shapes import elbow, elbow_beside, path_points
from orgeditor.model.org import Org
from orgeditor.samples import sample_org

REAL = Path("/work/shared/fixtures/real")


def _deck(org: Org, tmp_path: Path, **opts: object) -> tuple[object, list]:
    out = tmp_path / "deck.pptx"
    export_file(org, out, ExportOptions(**opts))  # type: ignore[arg-type]
    return read_deck(out)


@pytest.mark.parametrize(
    ("start", "end", "bus"),
    [((100, 100), (400, 500), 300), ((400, 100), (100, 500), 200), ((250, 0), (250, 900), 450)],
)
def test_elbow_runs_down_across_down(start, end, bus) -> None:
    pts = path_points(elbow(start, end, bus))
    assert pts[0] == pytest.approx(start, abs=1) and pts[-1] == pytest.approx(end, abs=1)
    assert pts[1][0] == pytest.approx(start[0], abs=1)  # down first
    assert pts[1][1] == pytest.approx(bus, abs=1) and pts[2][1] == pytest.approx(bus, abs=1)


@pytest.mark.parametrize("end_x", [700, 90, 300])
def test_elbow_beside_a_stack(end_x: int) -> None:
    start, end, bus_y, bus_x = (300, 0), (end_x, 800), 200, end_x - 20
    pts = path_points(elbow_beside(start, end, bus_y, bus_x))
    assert pts[0] == pytest.approx(start, abs=1) and pts[-1] == pytest.approx(end, abs=2)
    assert pts[1] == pytest.approx((300, bus_y), abs=1)
    assert pts[2] == pytest.approx((bus_x, bus_y), abs=1)
    assert pts[3] == pytest.approx((bus_x, 800), abs=1)


@pytest.mark.parametrize(
    "points",
    [
        [(0, 0), (0, 500), (2000, 500), (2000, 1200)],  # down, right, down
        [(0, 1200), (0, 500), (-2000, 500), (-2000, 0)],  # up, left, up
        [(1000, 2000), (1000, 2600), (4000, 2600), (4000, 1500), (4200, 1500)],
        [(1000, 2000), (1000, 1600), (-4000, 1600), (-4000, 2500), (-3800, 2500)],
        [(0, 0), (300, 0), (300, 900), (5000, 900), (5000, 200), (5300, 200)],  # side to side
        [(0, 0), (-300, 0), (-300, -900), (-5000, -900), (-5000, 200), (-5300, 200)],
    ],
)
def test_routed_connectors_follow_their_path(points: list[tuple[int, int]]) -> None:
    """Dotted lines routed round cards: the stored preset, turn, flips and adjustments draw
    exactly the corners asked for (read back from the XML by the tests' own reader)."""
    from pptx import Presentation

    from orgeditor.export.pptx_shapes import add_connector, routed

    g = routed(points)
    assert g is not None
    flat = [v for p in points for v in p]
    assert [v for p in path_points(g) for v in p] == pytest.approx(flat, abs=20)
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    conn = add_connector(slide.shapes, g, (1, 2), (2, 1), "#7b3fa0", 12700, True, "Dotted")
    assert [v for p in connector_path(conn._element) for v in p] == pytest.approx(flat, abs=20)


def test_sample_deck_is_native(tmp_path: Path) -> None:
    org = sample_org()
    prs, slides = _deck(org, tmp_path)
    check_chart_slides(org, prs, slides)
    assert sum(len(s.links) for s in slides) >= len(org.people) - len(slides) - 2
    # the XML holds what PowerPoint needs: vertical-first elbows are turned (90 degrees going
    # left, 270 and flipped going right, as PowerPoint writes them) with their extents swapped
    for slide in list(prs.slides)[1:]:
        for shape in slide.shapes:
            el = shape._element
            if el.tag.endswith("cxnSp") and re.search("bentConnector[34]", el.xml):
                xfrm = el.spPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm")
                assert xfrm.get("rot") in ("5400000", "16200000"), shape.name
                assert (xfrm.get("rot") == "16200000") == (xfrm.get("flipH") == "1"), shape.name
                assert len(connector_path(el)) >= 4


def test_hostile_deck(tmp_path: Path, hostile: Org) -> None:
    prs, slides = _deck(hostile, tmp_path)
    check_chart_slides(hostile, prs, slides)


@pytest.mark.parametrize("sample", ["oracle-hr-sample.csv", "d3-org-chart-sample.csv"])
@pytest.mark.parametrize("clusters", ["", "team"])
def test_real_samples(tmp_path: Path, sample: str, clusters: str) -> None:
    if not (REAL / sample).exists():
        pytest.skip("the real samples are not on this machine")
    from orgeditor.io.hr.hr_import import import_file

    org, _report = import_file(REAL / sample)
    prs, slides = _deck(org, tmp_path, clusters=clusters)
    check_chart_slides(org, prs, slides)


def test_pictures_keep_picture_slides(tmp_path: Path) -> None:
    _prs, slides = _deck(sample_org(), tmp_path, pictures=True)
    assert all(s.pictures == 1 and not s.cards for s in slides)


def test_markers_link_to_their_slides(tmp_path: Path) -> None:
    """Each "page K" marker jumps to page K's slide (the title slide comes first)."""
    import re

    from orgeditor.samples import synthetic_org

    prs, slides = _deck(synthetic_org(300, seed=3), tmp_path)
    assert len(slides) > 2
    parts = [s.part for s in prs.slides]
    links = 0
    for slide in list(prs.slides)[1:]:
        for shape in slide.shapes:
            if not shape.name.startswith("Card: "):
                continue
            for para in shape.text_frame.paragraphs:
                for run in para.runs:
                    page = re.search(r"page (\d+)\)?$", run.text)
                    hlink = run._r.find(
                        ".//{http://schemas.openxmlformats.org/drawingml/2006/main}hlinkClick"
                    )
                    if page is None:
                        assert hlink is None
                        continue
                    assert hlink is not None, run.text
                    assert hlink.get("action") == "ppaction://hlinksldjump"
                    rid = hlink.get(
                        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
                    )
                    target = slide.part.related_part(rid)
                    assert parts.index(target) == int(page.group(1)), run.text
                    links += 1
    assert links > len(slides)


@pytest.mark.parametrize("which", ["sample", "hostile", "d3"])
def test_matrix_is_a_native_table(tmp_path: Path, hostile: Org, which: str) -> None:
    from orgeditor.export.escape import clean

    if which == "d3":
        if not (REAL / "d3-org-chart-sample.csv").exists():
            pytest.skip("the real samples are not on this machine")
        from orgeditor.io.hr.hr_import import import_file

        org, _report = import_file(REAL / "d3-org-chart-sample.csv")
    else:
        org = sample_org() if which == "sample" else hostile
    prs, _slides = _deck(org, tmp_path, view="matrix")
    text = ""
    for slide in list(prs.slides)[1:]:
        frames = [s for s in slide.shapes if s.has_table]
        assert len(frames) == 1 and not any(s.shape_type == 13 for s in slide.shapes)
        table = frames[0].table
        for row in table.rows:
            for cell in row.cells:
                for para in cell.text_frame.paragraphs:
                    for run in para.runs:
                        assert run.font.size.pt >= 7.5
                text += cell.text + "\n"
        assert frames[0].left + frames[0].width <= prs.slide_width
    if which == "d3":  # one team, no pipelines: the cell spreads over sub-columns
        assert len(prs.slides) - 1 <= 20
    flat = "".join(text.split())
    for team in org.teams.values():
        assert "".join(clean(team.name).split()) in flat
    for person in org.people.values():
        assert "".join(clean(person.display_name).split()) in flat


def _template(tmp_path: Path, potx: bool = False) -> Path:
    """A 4:3 "company" deck with a slide of its own (or the same as a .potx template)."""
    import zipfile

    from pptx import Presentation
    from pptx.util import Inches

    template = Presentation()
    template.slide_width, template.slide_height = Inches(10), Inches(7.5)
    template.slides.add_slide(template.slide_layouts[1]).shapes.title.text = "Old slide"
    path = tmp_path / "company.pptx"
    template.save(str(path))
    if not potx:
        return path
    out = tmp_path / "company.potx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"presentationml.presentation.main+xml", b"presentationml.template.main+xml"
                )
            zout.writestr(item, data)
    return out


@pytest.mark.parametrize("which", ["sample", "hostile", "oracle", "potx"])
def test_template_gives_size_layouts_and_fonts(tmp_path: Path, hostile: Org, which: str) -> None:
    from pptx.util import Inches

    path = _template(tmp_path, potx=which == "potx")
    if which == "hostile":
        org = hostile
    elif which == "oracle":
        if not (REAL / "oracle-hr-sample.csv").exists():
            pytest.skip("the real samples are not on this machine")
        from orgeditor.io.hr.hr_import import import_file

        org, _report = import_file(REAL / "oracle-hr-sample.csv")
    else:
        org = sample_org()
    prs, slides = _deck(org, tmp_path, template=str(path))
    assert (prs.slide_width, prs.slide_height) == (Inches(10), Inches(7.5))
    assert prs.slides[0].slide_layout.name == "Title Slide"
    assert all(s.slide_layout.name == "Title Only" for s in list(prs.slides)[1:])
    assert "Old slide" not in [s.shapes.title.text for s in prs.slides if s.shapes.title]
    check_chart_slides(org, prs, slides, min_pt=8.0 * 10 / 13.333)
    # the template's theme colours and fonts: cards use accents, runs leave the font unset
    xml = b"".join(s.part.blob for s in list(prs.slides)[1:])
    assert b'schemeClr val="accent' in xml and b'latin typeface="Arial"' not in xml


def test_template_errors(tmp_path: Path) -> None:
    from export_helpers import run_cli

    bad = tmp_path / "bad.pptx"
    bad.write_text("not a deck")
    src = tmp_path / "org.orgchart"
    from orgeditor.io.orgfile import save

    save(sample_org(), src)
    out = tmp_path / "out.pptx"
    res = run_cli("export", str(src), "-o", str(out), "--template", str(bad))
    assert res.returncode == 2 and "bad.pptx" in res.stderr and "Traceback" not in res.stderr
    assert not out.exists()


@pytest.mark.parametrize("which", ["sample", "hostile", "oracle", "d3"])
def test_text_fits_its_card(tmp_path: Path, hostile: Org, which: str) -> None:
    """Measured with Arial's metrics (Liberation Sans), no card's text leaves its box."""
    from pptx_checks import LIBERATION, text_overflows

    if not (LIBERATION / "LiberationSans-Bold.ttf").exists():
        pytest.skip("fonts-liberation is not installed")
    if which in ("oracle", "d3"):
        name = {"oracle": "oracle-hr-sample.csv", "d3": "d3-org-chart-sample.csv"}[which]
        if not (REAL / name).exists():
            pytest.skip("the real samples are not on this machine")
        from orgeditor.io.hr.hr_import import import_file

        org, _report = import_file(REAL / name)
    else:
        org = sample_org() if which == "sample" else hostile
    prs, _slides = _deck(org, tmp_path, clusters="team" if which == "sample" else "")
    assert text_overflows(prs) == []


@pytest.mark.parametrize(
    "opts",
    [
        {"clusters": "team"},
        {"clusters": "unit", "theme": "dark"},
        {"view": "pipeline", "pipeline": "Feed ranking"},
        {"view": "subtree", "root": "Maya Chen", "depth": 1},
        {"stack": False},
        {"titles": False, "theme": "level"},
    ],
)
def test_other_views_and_options(tmp_path: Path, opts: dict) -> None:
    org = sample_org()
    prs, slides = _deck(org, tmp_path, **opts)
    everyone = opts.get("view", "reporting") == "reporting"
    check_chart_slides(org, prs, slides, everyone=everyone)


def test_pictures_with_a_template(tmp_path: Path) -> None:
    from pptx.util import Inches

    prs, slides = _deck(sample_org(), tmp_path, pictures=True, template=str(_template(tmp_path)))
    assert prs.slide_width == Inches(10)
    assert all(s.pictures == 1 for s in slides)
    for s in prs.slides:
        for shape in s.shapes:
            assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width


def test_pptx_options_on_other_formats(tmp_path: Path) -> None:
    from export_helpers import run_cli

    from orgeditor.io.orgfile import save

    src = tmp_path / "org.orgchart"
    save(sample_org(), src)
    res = run_cli("export", str(src), "-o", str(tmp_path / "x.pdf"), "--pictures")
    assert res.returncode == 2 and ".pptx" in res.stderr
    assert not (tmp_path / "x.pdf").exists()
    res = run_cli("export", str(src), "-o", str(tmp_path / "deck.pptx"))
    assert res.returncode == 0, res.stderr
    res = run_cli("export", str(src), "-o", str(tmp_path / "pics.pptx"), "--pictures")
    assert res.returncode == 0, res.stderr


def test_the_mark_is_on_the_title_and_every_editable_slide(tmp_path: Path) -> None:
    from pptx import Presentation

    from orgeditor.io.orgfile import save

    src = tmp_path / "s.orgchart"
    save(sample_org(), src)
    for view in ("reporting", "matrix"):
        out = tmp_path / f"{view}.pptx"
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "orgeditor",
                "export",
                str(src),
                "-o",
                str(out),
                "--view",
                view,
                "--mark",
                "Confidential draft",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert r.returncode == 0, r.stderr
        slides = list(Presentation(str(out)).slides)
        title = [ph.text_frame.text for ph in slides[0].placeholders]
        assert title[0] == "Northwind ML" and title[1].startswith("Confidential draft\n")
        assert "46 people, 2 open positions" in title[1]
        for slide in slides[1:]:
            texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
            assert any(t.startswith("Confidential draft") for t in texts)


@pytest.mark.parametrize("which", ["sample", "no-stack", "oracle"])
def test_dotted_lines_follow_the_planner(tmp_path: Path, which: str) -> None:
    """Each dotted line the planner draws is one dashed connector glued to both cards that
    crosses no card; every other one is a note on the report's card, and the legend says so."""
    from pptx_checks import _crosses

    from orgeditor.export.layout import plan_pages
    from orgeditor.export.pages import DOTTED_NOTE
    from orgeditor.export.pptx import open_deck, plan_slides
    from orgeditor.export.themes import get_theme

    org = sample_org() if which != "oracle" else _import(REAL / "oracle-hr-sample.csv")
    if which == "oracle":  # dotted lines across the org: one near, one far
        from orgeditor.document import Document

        doc = Document(org)
        king = next(p for p in org.people.values() if p.manager is None)
        reports = org.direct_reports(king.id)
        deep = next(p for p in org.people.values() if len(org.manager_chain(p.id)) >= 3)
        doc.add_dotted(reports[1], reports[0])
        doc.add_dotted(deep.id, reports[-1])
        org = doc.org
    opts = {"stack": False} if which == "no-stack" else {}
    prs, slides = _deck(org, tmp_path, **opts)
    check_chart_slides(org, prs, slides)
    _total, _numbers, placed, _area, _paging = plan_slides(
        org,
        ExportOptions(**opts),
        open_deck(None),
        get_theme("default"),  # type: ignore[arg-type]
    )
    drawn = 0
    for i, (page, cs) in enumerate(zip(placed, slides, strict=True), 1):
        lines = [ln for ln in page.lines if ln.dotted]
        drawn += len(lines)
        dotted = [link for link in cs.links if link.dotted]
        assert len(dotted) == len(lines), page.title
        for link in dotted:
            m, r = cs.cards[link.start], cs.cards[link.end]
            assert (m.name, r.name) in {
                (
                    "".join(page.boxes[ln.manager].text.name).replace(" ", ""),
                    "".join(page.boxes[ln.report].text.name).replace(" ", ""),
                )
                for ln in lines
            }
            for seg in zip(link.path, link.path[1:], strict=False):
                for c in cs.cards.values():
                    if c.id not in (m.id, r.id):
                        assert not _crosses(seg, c), f"{m.name} -> {r.name} crosses {c.name}"
        notes = [c for c in cs.cards.values() if any("dottedto" in x for x in c.lines)]
        legend = next(sh for sh in prs.slides[i].shapes if sh.name == "Legend").text_frame.text
        assert (DOTTED_NOTE in legend) == bool(notes) == bool(page.legend), page.title
    if which == "no-stack":
        assert drawn  # Lina Eriksen -> Leo Wagner, side by side
    # the same choice as the other formats make on one page
    from orgeditor.export.views import reporting_chart

    whole = plan_pages(org, reporting_chart(org), paged=False)[0]
    assert whole.lines  # the planner ran on the same org


def _import(path: Path) -> Org:
    from orgeditor.io.hr.hr_import import import_file

    return import_file(path)[0]


def test_timeout_bounds_the_whole_editable_deck(tmp_path: Path) -> None:
    """--timeout is one deadline for planning, every dot -Tjson run and writing the deck."""
    from pptx_checks import stops_in_time
    from test_export_paging import _chain

    from orgeditor.io.orgfile import save

    src = tmp_path / "chain.orgchart"
    save(_chain(1500), src)  # many short Graphviz runs, each far below the limit
    out = tmp_path / "chain.pptx"
    stops_in_time(["export", str(src), "-o", str(out)], out, "0.3")


@pytest.mark.parametrize("stack", [True, False])
def test_many_dotted_lines_keep_off_the_cards(tmp_path: Path, stack: bool) -> None:
    """Dotted lines to siblings and to the manager's siblings, everywhere: each one the planner
    draws is glued to both cards and no segment of it crosses another card."""
    import itertools
    import random

    from pptx_checks import _crosses

    from orgeditor.document import Document
    from orgeditor.samples import synthetic_org

    org = synthetic_org(150, 3)
    doc = Document(org)
    rnd = random.Random(3)
    for pid in list(org.people):
        manager = org.people[pid].manager
        if manager is None or rnd.random() > 0.5:
            continue
        above = org.people[manager].manager
        for near in (
            [s for s in org.direct_reports(manager) if s != pid],
            [u for u in org.direct_reports(above) if u != manager] if above else [],
        ):
            if near and (target := rnd.choice(near)) not in org.people[pid].dotted:
                doc.add_dotted(pid, target)
    prs, slides = _deck(doc.org, tmp_path, stack=stack)
    check_chart_slides(doc.org, prs, slides)
    drawn = 0
    for cs in slides:
        for link in (x for x in cs.links if x.dotted):
            drawn += 1
            assert link.start_site in (0, 1, 2, 3) and link.end_site in (0, 1, 2, 3)
            for seg in itertools.pairwise(link.path):
                for c in cs.cards.values():
                    if c.id not in (link.start, link.end):
                        assert not _crosses(seg, c), (cs.notes[:40], c.name)
    assert drawn >= (30 if not stack else 1)
    from pptx_checks import LIBERATION, text_overflows

    if (LIBERATION / "LiberationSans-Bold.ttf").exists():  # the notes on cards fit too
        assert text_overflows(prs) == []


def test_one_page_is_that_page_of_the_whole_deck(tmp_path: Path) -> None:
    """--page N (and the dialog's preview) show page N of the whole deck: the paging is chosen
    on all pages, whichever are drawn."""
    org = sample_org()
    _prs, slides = _deck(org, tmp_path, stack=False)
    assert len(slides) > 3
    _one, [alone] = _deck(org, tmp_path, stack=False, page=3)
    assert sorted(c.name for c in alone.cards.values()) == sorted(
        c.name for c in slides[2].cards.values()
    )
    assert alone.notes == slides[2].notes
