"""``orgeditor export ... --photos`` (issue 15, point 6): the photos kept in the org drawn on
the cards of SVG, PNG, PDF and PowerPoint exports, with no network and no files left behind;
without ``--photos`` nothing changes."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from export_helpers import run_cli
from PIL import Image

from orgeditor.io.hr.photos import load_photo
from orgeditor.io.orgfile import load, save
from orgeditor.samples import sample_org

RED = (230, 0, 0)  # no theme colour is this red: red pixels are photo pixels
_NO_NETWORK = """
import socket

def _refuse(*args, **kwargs):
    raise OSError("the network was used")

socket.socket.connect = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


@pytest.fixture(scope="module")
def photo_org(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The sample org with red photos for a few people, a link for one, a damaged photo for
    another; its file and the names of the people with a photo."""
    folder = tmp_path_factory.mktemp("photos")
    Image.new("RGB", (150, 150), RED).save(folder / "red.png")
    red = load_photo(folder / "red.png")
    org = sample_org()
    people = [p for p in org.people.values() if not p.is_open]
    with_photo = people[::4]
    for p in with_photo:
        p.fields["photo"] = red
    people[1].fields["photo"] = "https://example.com/never-fetched.jpg"
    # a damaged photo (a JPEG's first bytes, then rubbish): drawn without it, never an error
    damaged = base64.b64encode(b"\xff\xd8\xff\xe0 not the rest of a JPEG").decode()
    people[2].fields["photo"] = "data:image/jpeg;base64," + damaged
    path = folder / "org.orgchart"
    save(org, path)
    return path, [p.name for p in with_photo]


def _export(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI with no network (a sitecustomize refuses every connection) and a private
    temporary folder (to check that nothing is left in it)."""
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(_NO_NETWORK, encoding="utf-8")
    tmp = tmp_path / "tmp"
    tmp.mkdir(exist_ok=True)
    root = Path(__file__).resolve().parents[2]
    env = {"PYTHONPATH": f"{site}:{root}", "TMPDIR": str(tmp)}
    done = run_cli("export", *args, "-q", env=env)
    assert not list(tmp.iterdir()), "temporary files left behind"
    return done


def _red_pixels(png: bytes) -> int:
    from PIL import ImageChops

    with Image.open(io.BytesIO(png)) as im:
        r, g, b = im.convert("RGB").split()
    mask = ImageChops.multiply(
        ImageChops.multiply(r.point(lambda v: 255 * (v > 180)), g.point(lambda v: 255 * (v < 60))),
        b.point(lambda v: 255 * (v < 60)),
    )
    return mask.histogram()[255]


def test_svg_holds_the_photos_as_data_uris(photo_org, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, names = photo_org
    out = tmp_path / "org.svg"
    done = _export(tmp_path, str(path), "-o", str(out), "--photos")
    assert done.returncode == 0, done.stderr
    svg = out.read_bytes()
    root = ET.fromstring(svg)
    hrefs = [
        el.get("{http://www.w3.org/1999/xlink}href", "")
        for el in root.iter("{http://www.w3.org/2000/svg}image")
    ]
    assert len(hrefs) == len(names)  # one photo per person with one; the link: none
    assert all(h.startswith("data:image/jpeg;base64,") for h in hrefs)
    # self-contained: no file paths, no temporary folder, no link
    assert b"orgeditor-photos" not in svg and str(tmp_path).encode() not in svg
    assert b"never-fetched" not in svg and b"file:" not in svg
    # each photo sits inside its person's card, left of the name
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert all(name in texts for name in names)


def test_png_and_pdf_draw_the_photos(photo_org, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, names = photo_org
    png = tmp_path / "org.png"
    assert _export(tmp_path, str(path), "-o", str(png), "--photos").returncode == 0
    plain = tmp_path / "plain.png"
    assert _export(tmp_path, str(path), "-o", str(plain)).returncode == 0
    assert _red_pixels(plain.read_bytes()) == 0
    side = 36 * 96 / 72  # a photo: 36 points at 96 DPI
    assert _red_pixels(png.read_bytes()) >= 0.8 * len(names) * side * side


def test_paged_pdf_draws_the_photos_from_forked_planners(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.samples import synthetic_org

    Image.new("RGB", (150, 150), RED).save(tmp_path / "red.png")
    red = load_photo(tmp_path / "red.png")
    org = synthetic_org(400)
    for p in org.people.values():
        p.fields["photo"] = red
    path = tmp_path / "big.orgchart"
    save(org, path)
    pdf = tmp_path / "org.pdf"
    done = _export(tmp_path, str(path), "-o", str(pdf), "--photos", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) > 8  # more than one batch of pages, drawn in two processes
    assert all(_red_pixels(p.read_bytes()) > 0 for p in pages)


def test_without_photos_the_dot_is_unchanged(photo_org, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, _names = photo_org
    org = load(path)
    for p in org.people.values():
        p.fields.pop("photo", None)
    bare = tmp_path / "bare.orgchart"
    save(org, bare)
    a, b = tmp_path / "a.dot", tmp_path / "b.dot"
    assert _export(tmp_path, str(path), "-o", str(a)).returncode == 0
    assert _export(tmp_path, str(bare), "-o", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    assert b"IMG" not in a.read_bytes()


def test_editable_pptx_has_a_picture_in_each_photo_card(photo_org, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    path, names = photo_org
    out = tmp_path / "deck.pptx"
    done = _export(tmp_path, str(path), "-o", str(out), "--photos")
    assert done.returncode == 0, done.stderr
    seen: set[str] = set()
    glued_to_photo_cards = 0
    for slide in Presentation(str(out)).slides:
        groups = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
        cards = {s.name.removeprefix("Card: ") for s in slide.shapes if s.name.startswith("Card: ")}
        glued = {
            int(el.get("id"))
            for el in slide.shapes._spTree.iter()
            if el.tag.endswith(("}stCxn", "}endCxn"))
        }
        card_ids = {s.shape_id for s in slide.shapes if s.name.startswith("Card: ")}
        card_ids |= {g.shapes[0].shape_id for g in groups}
        assert glued <= card_ids  # every line glued to a card, grouped or not
        glued_to_photo_cards += len(glued & {g.shapes[0].shape_id for g in groups})
        for g in groups:
            card, pic = list(g.shapes)
            name = card.name.removeprefix("Card: ")
            assert name in names and name not in cards  # grouped, not drawn twice
            assert pic.shape_type == MSO_SHAPE_TYPE.PICTURE
            # inside its card, on the left, the text inset past it
            assert card.left <= pic.left and pic.left + pic.width <= card.left + card.width // 2
            assert card.top <= pic.top and pic.top + pic.height <= card.top + card.height
            assert card.text_frame.margin_left >= pic.left + pic.width - card.left
            assert _red_pixels(pic.image.blob) > 0.8 * 96 * 96
            seen.add(name)
        # no card of a person with a photo is left without it
        assert not cards & set(names)
    assert seen == set(names)
    assert glued_to_photo_cards > 0
    plain = tmp_path / "plain.pptx"
    assert _export(tmp_path, str(path), "-o", str(plain)).returncode == 0
    for slide in Presentation(str(plain)).slides:
        assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]


def test_picture_deck_shows_the_photos(photo_org, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    path, _names = photo_org
    out = tmp_path / "pictures.pptx"
    assert _export(tmp_path, str(path), "-o", str(out), "--photos", "--pictures").returncode == 0
    pictures = [
        s
        for slide in Presentation(str(out)).slides
        for s in slide.shapes
        if s.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert pictures and all(_red_pixels(p.image.blob) > 0 for p in pictures)


def test_photos_refused_where_they_cannot_be_drawn(photo_org, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, _names = photo_org
    for args, words in (
        (["-o", str(tmp_path / "x.dot")], "cannot hold the photos"),
        (["-o", str(tmp_path / "x.svg"), "--view", "matrix"], "matrix view"),
    ):
        done = _export(tmp_path, str(path), *args, "--photos")
        assert done.returncode == 2
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0] and "Traceback" not in done.stderr
    assert not (tmp_path / "x.dot").exists() and not (tmp_path / "x.svg").exists()


def test_a_photo_file_name_is_opaque(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.export.card_photos import PhotoFiles

    jpeg = io.BytesIO()
    Image.new("RGB", (96, 96), RED).save(jpeg, "JPEG")
    with PhotoFiles() as files:
        first = files.path(jpeg.getvalue())
        assert first == files.path(jpeg.getvalue())
        assert re.fullmatch(r"[0-9a-f]{32}\.jpg", Path(first).name)
        assert (Path(first).parent.stat().st_mode & 0o077) == 0  # private to the user
        svg = f'<image xlink:href="{first}" width="36px"/>'.encode()
        inlined = files.inline_svg(svg)
        assert inlined.startswith(b'<image xlink:href="data:image/jpeg;base64,')
        assert base64.b64decode(inlined.split(b",")[1].split(b'"')[0]) == jpeg.getvalue()
    assert not Path(first).parent.exists()


def test_only_readable_photos_are_drawn() -> None:
    from orgeditor.export.card_photos import card_photo
    from orgeditor.model.entities import Person

    def person(data: bytes) -> Person:
        uri = "data:image/jpeg;base64," + base64.b64encode(data).decode()
        return Person(id="p", name="P", fields={"photo": uri})

    assert card_photo(person(b"\xff\xd8\xff damaged")) is None
    assert card_photo(Person(id="p", name="P", fields={"photo": "https://x/y.jpg"})) is None
    cmyk = io.BytesIO()
    Image.new("CMYK", (96, 96)).save(cmyk, "JPEG")
    again = card_photo(person(cmyk.getvalue()))  # written again as RGB: Graphviz reads it
    assert again is not None
    with Image.open(io.BytesIO(again)) as im:
        assert im.mode == "RGB" and im.format == "JPEG"
    plain = io.BytesIO()
    Image.new("RGB", (96, 96), RED).save(plain, "JPEG")
    assert card_photo(person(plain.getvalue())) == plain.getvalue()  # as kept
