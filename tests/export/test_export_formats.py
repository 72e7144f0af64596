"""Every format from the sample and from the hostile-names corpus: SVG, PNG, PDF, PPTX."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from export_helpers import HOSTILE_NAMES, shown_name

from orgeditor.export.api import ExportOptions, export_file
from orgeditor.export.measure import slide_name_px, svg_texts
from orgeditor.export.render import png_size
from orgeditor.model.org import Org
from orgeditor.samples import sample_org


def _text_blob(svg: bytes) -> str:
    return " ".join(" ".join(svg_texts(svg)).split())


def test_svg_has_every_name(tmp_path: Path) -> None:
    org = sample_org()
    out = tmp_path / "chart.svg"
    export_file(org, out, ExportOptions())
    ET.fromstring(out.read_bytes())
    blob = _text_blob(out.read_bytes())
    for p in org.people.values():
        assert " ".join(p.display_name.split()) in blob or p.is_open


@pytest.mark.parametrize("view", ["reporting", "matrix", "subtree", "pipeline"])
@pytest.mark.parametrize("suffix", [".dot", ".svg", ".png", ".pdf", ".pptx"])
def test_hostile_names_survive(hostile: Org, tmp_path: Path, view: str, suffix: str) -> None:
    root = next(p.id for p in hostile.people.values() if p.name == "Boss \\ <CEO>")
    pipeline = next(iter(hostile.pipelines.values())).name
    opts = ExportOptions(view=view, root=root, pipeline=pipeline)
    out = tmp_path / f"hostile{suffix}"
    export_file(hostile, out, opts)
    data = out.read_bytes()
    assert data
    if suffix == ".svg":
        blob = _text_blob(data)
        expect = list(HOSTILE_NAMES)
        if view == "pipeline":
            pl = next(iter(hostile.pipelines))
            expect = [p.name for p in hostile.pipeline_people(pl)]
            assert len(expect) >= 5
        assert "Open" in blob or view == "pipeline"  # the open position with no name
        for name in expect:
            if not name:
                continue
            words = shown_name(name).split()
            for word in words:  # long names wrap over lines: every word is there
                assert word[:25] in blob, (name, word)
    elif suffix == ".png":
        w, h = png_size(data)
        assert w > 100 and h > 100
    elif suffix == ".pdf":
        text = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Boss" in text
    elif suffix == ".pptx":
        from pptx import Presentation

        deck = Presentation(str(out))
        assert len(deck.slides) >= 2


def test_png_scale_and_transparency(tmp_path: Path) -> None:
    org = sample_org()
    one, two = tmp_path / "one.png", tmp_path / "two.png"
    export_file(org, one, ExportOptions())
    export_file(org, two, ExportOptions(scale=2.0, transparent=True))
    w1, h1 = png_size(one.read_bytes())
    w2, h2 = png_size(two.read_bytes())
    assert abs(w2 - 2 * w1) <= 4 and abs(h2 - 2 * h1) <= 4
    from PIL import Image

    with Image.open(two) as img:
        assert img.mode == "RGBA"
        assert img.getpixel((1, 1))[3] == 0
    with Image.open(one) as img:
        assert img.convert("RGBA").getpixel((1, 1))[3] == 255


def test_png_never_shrunk_silently(tmp_path: Path) -> None:
    from orgeditor.errors import UserError

    out = tmp_path / "huge.png"
    with pytest.raises(UserError, match="32,767 px"):
        export_file(sample_org(), out, ExportOptions(scale=25.0))
    assert not out.exists()
    assert not list(tmp_path.iterdir())


def test_pdf_pages_and_text(tmp_path: Path) -> None:
    org = sample_org()
    out = tmp_path / "chart.pdf"
    export_file(org, out, ExportOptions(view="matrix"))
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for name in ("Maya Chen", "Feed ranking", "Data Operations", "Rafael Mendes"):
        assert name in text


def test_pptx_slides_and_notes(tmp_path: Path) -> None:
    from pptx import Presentation

    org = sample_org()
    out = tmp_path / "deck.pptx"
    pages = export_file(org, out, ExportOptions(pictures=True))
    deck = Presentation(str(out))
    assert len(deck.slides) == pages + 1  # the title slide
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    chart_slide = deck.slides[1]
    pic = next(s for s in chart_slide.shapes if s.shape_type == 13)
    # the picture fills the slide: it touches two opposite margins
    assert pic.width >= deck.slide_width * 0.9 or pic.height >= deck.slide_height * 0.9
    notes = chart_slide.notes_slide.notes_text_frame.text
    for p in org.people.values():
        if p.name:
            assert p.name in notes


def test_sample_names_readable_on_a_slide(tmp_path: Path) -> None:
    """Names on the sample's reporting chart, fit into 1920x1080, are at least 12 px tall."""
    out = tmp_path / "chart.svg"
    export_file(sample_org(), out, ExportOptions())
    svg = out.read_bytes()
    assert slide_name_px(svg) >= 12.0
    root = ET.fromstring(svg)
    w, h = (float(x) for x in root.attrib["viewBox"].split()[2:])
    assert w / h <= 4.0


@pytest.mark.parametrize("csv_name", ["oracle-hr-sample.csv", "d3-org-chart-sample.csv"])
def test_real_files_names_readable_on_every_page(tmp_path: Path, csv_name: str) -> None:
    from orgeditor.export.api import build_pages, render_page

    fixture = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "real" / csv_name
    if not fixture.exists():
        pytest.skip("real fixtures not available")
    from orgeditor.io.hr.hr_import import import_file

    org, _report = import_file(fixture)
    pages = build_pages(org, ExportOptions(), True)
    if len(pages) > 12:  # measure a spread of pages; the benchmark measures all
        pages = pages[:: len(pages) // 12]
    for page in pages:
        assert slide_name_px(render_page(page, "svg", ExportOptions())) >= 12.0


def test_transparency_is_set_on_the_graph_and_slides_stay_opaque(tmp_path: Path) -> None:
    from orgeditor.export import to_pydot
    from orgeditor.export.api import build_pages

    org = sample_org()
    assert str(to_pydot(org, transparent=True).get_bgcolor()) == '"transparent"'
    assert str(to_pydot(org).get_bgcolor()) == '"#ffffff"'
    for view in ("reporting", "matrix"):
        (page,) = build_pages(org, ExportOptions(view=view, transparent=True), False)
        assert 'bgcolor="transparent"' in page.dot
    # a picture slide has the slide's background, whatever --transparent says
    deck = tmp_path / "deck.pptx"
    export_file(org, deck, ExportOptions(pictures=True, transparent=True))
    from pptx import Presentation

    slide = Presentation(str(deck)).slides[1]
    pictures = [s for s in slide.shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert pictures
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(pictures[0].image.blob)) as img:
        assert img.convert("RGBA").getpixel((1, 1))[3] == 255
