"""Photos (issue 15, point 6): a photo column of paths relative to the export, or a folder of
images named by employee id; loaded, cropped square, downscaled and kept in the org
(byte-stable); URLs kept as links; drawn in GraphML and diagrams with ``--photos``."""

from __future__ import annotations

import io
import os
import xml.dom.minidom
from pathlib import Path

import pytest
from hr_helpers import run_cli
from PIL import Image

from orgeditor.io.hr.photos import PHOTO_PX, photo_bytes
from orgeditor.io.orgfile import load


@pytest.fixture
def export(tmp_path: Path) -> Path:
    faces = tmp_path / "faces"
    faces.mkdir()
    Image.new("RGB", (300, 200), (200, 30, 30)).save(faces / "1.jpg")  # by id, landscape
    (tmp_path / "img").mkdir()
    tall = Image.new("RGB", (120, 240), (30, 200, 30))
    tall.paste((0, 0, 255), (0, 0, 120, 60))  # a blue top, cropped away by the centred square
    tall.save(tmp_path / "img" / "ada.png")
    (tmp_path / "bad.png").write_text("not an image", encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.png")  # opening it would block: never opened
    src = tmp_path / "hr.csv"
    src.write_text(
        "id,name,manager,Photo Path\n1,Maya,,\n2,Ada,1,img/ada.png\n3,Bo,1,https://x/bo.jpg\n"
        "4,Cy,1,missing.png\n5,Di,1,bad.png\n6,Ed,1,fifo.png\n",
        encoding="utf-8",
    )
    return src


def test_photos_loaded_cropped_kept_and_byte_stable(
    export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, again = tmp_path / "a.orgchart", tmp_path / "b.orgchart"
    faces = str(tmp_path / "faces")
    status, _, err = run_cli(["import", str(export), "--photos", faces, "-o", str(out)], capsys)
    assert status == 0, err
    assert "photos: 2 loaded (cropped square, 96 px, kept in the file), 1 kept as links" in err
    assert "photos not loaded (kept as written): 3 (missing.png: no such file" in err
    assert "fifo.png: not a regular file" in err
    assert "bad.png: not an image" in err
    assert run_cli(["import", str(export), "--photos", faces, "-o", str(again)], capsys)[0] == 0
    assert out.read_bytes() == again.read_bytes()
    org = load(out)
    for pid, colour in (("1", (200, 30, 30)), ("2", (30, 200, 30))):
        data = photo_bytes(org.people[pid].fields["photo"])
        assert data is not None
        with Image.open(io.BytesIO(data)) as im:
            assert im.size == (PHOTO_PX, PHOTO_PX)
            r, g, b = im.convert("RGB").getpixel((PHOTO_PX // 2, 2))  # type: ignore[misc]
            assert abs(r - colour[0]) < 12 and abs(g - colour[1]) < 12 and b < 40
    assert org.people["3"].fields["photo"] == "https://x/bo.jpg"  # a link, never fetched
    assert org.people["4"].fields["photo"] == "missing.png"
    # the file is portable: no image files needed any more
    for f in (tmp_path / "faces" / "1.jpg", tmp_path / "img" / "ada.png"):
        f.unlink()
    graphml = tmp_path / "org.graphml"
    status, _, err = run_cli(["export", str(out), "-o", str(graphml), "--photos"], capsys)
    assert status == 0, err
    dom = xml.dom.minidom.parse(str(graphml))
    assert len(dom.getElementsByTagName("y:ImageNode")) == 2
    assert len(dom.getElementsByTagName("y:Resource")) == 2
    plain = tmp_path / "plain.graphml"
    assert run_cli(["export", str(out), "-o", str(plain)], capsys)[0] == 0
    assert not xml.dom.minidom.parse(str(plain)).getElementsByTagName("y:ImageNode")


def test_photos_folder_missing_and_diagram_photos(
    export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.orgchart"
    args = ["import", str(export), "--photos", str(tmp_path / "nope"), "-o", str(out)]
    status, _, err = run_cli(args, capsys)
    assert status == 2 and not out.exists()
    assert len(err.strip().splitlines()) == 1 and "nope" in err
    assert run_cli(["import", str(export), "-o", str(out)], capsys)[0] == 0
    # diagrams draw them too (tests/export/test_export_photos.py); a .dot file cannot hold them
    svg = tmp_path / "x.svg"
    status, _, err = run_cli(["export", str(out), "-o", str(svg), "--photos"], capsys)
    assert status == 0, err
    assert svg.read_bytes().count(b"data:image/jpeg;base64,") == 1  # Ada's; Bo's is a link
    status, _, err = run_cli(
        ["export", str(out), "-o", str(tmp_path / "x.dot"), "--photos"], capsys
    )
    assert status == 2 and "--photos" in err


def test_a_photo_always_fits_a_csv_cell(tmp_path: Path) -> None:
    from orgeditor.io.hr.photos import MAX_CHARS, load_photo

    noise = tmp_path / "noise.png"  # the worst case for JPEG: random pixels at full size
    Image.frombytes("RGB", (PHOTO_PX, PHOTO_PX), os.urandom(PHOTO_PX * PHOTO_PX * 3)).save(noise)
    text = load_photo(noise)
    assert len(text) <= MAX_CHARS
    assert photo_bytes(text) is not None
