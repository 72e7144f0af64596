"""Pages drawn several at once: the PDF joined while pages are drawn, and picture decks drawn
in forked processes or threads, the same whatever the number of jobs."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from orgeditor.export import api
from orgeditor.export.api import ExportOptions, build_pages, export_file, render_pdf_pages
from orgeditor.export.parallel import BATCH
from orgeditor.export.pdfmerge import PdfJoiner, merge_pdfs
from orgeditor.io.orgfile import save
from orgeditor.samples import synthetic_org

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def org():  # type: ignore[no-untyped-def]
    org = synthetic_org(400, seed=1)
    assert len(build_pages(org, ExportOptions(), True)) > BATCH  # two batches at least
    return org


@pytest.fixture(scope="module")
def parts(org) -> list[bytes]:  # type: ignore[no-untyped-def]
    opts = ExportOptions()
    return render_pdf_pages(build_pages(org, opts, True)[:5], opts)


def _objects(pdf: bytes) -> list[bytes]:
    return re.findall(rb"\n(\d+) 0 obj\n", pdf)


def test_joining_one_at_a_time_is_merging_all_at_once(parts: list[bytes]) -> None:
    joiner = PdfJoiner()
    for part in parts:
        joiner.add(part)
    joined = joiner.finish()
    assert joined == merge_pdfs(parts)
    assert joined.startswith(b"%PDF-1.5") and joined.endswith(b"%%EOF\n")
    numbers = [int(n) for n in _objects(joined)]
    assert numbers[0] == 1  # the page tree first, though it is written last
    assert len(set(numbers)) == len(numbers)
    assert joined.count(b"/Type /Page ") + joined.count(b"/Type /Page\n") >= len(parts)
    assert b"/Producer" not in joined and b"/CreationDate" not in joined


def test_one_pdf_joined_is_itself(parts: list[bytes]) -> None:
    joiner = PdfJoiner()
    joiner.add(parts[0])
    assert joiner.finish() == parts[0] == merge_pdfs(parts[:1])


def test_the_joined_pdf_reads_back(parts: list[bytes], tmp_path: Path) -> None:
    out = tmp_path / "joined.pdf"
    out.write_bytes(merge_pdfs(parts))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert f"Pages:           {len(parts)}" in info.stdout
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "page 1 of" in text and "page 5 of" in text


def _deck_files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.mark.slow
def test_picture_deck_forked_threaded_and_on_one_core_are_the_same(  # type: ignore[no-untyped-def]
    org, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "org.orgchart"
    save(org, src)
    forked, one = tmp_path / "forked.pptx", tmp_path / "one.pptx"
    for out, jobs in ((forked, "2"), (one, "1")):  # fresh processes: the default forks
        cmd = [sys.executable, "-m", "orgeditor", "export", str(src), "-o", str(out)]
        subprocess.run([*cmd, "--pictures", "--quiet", "--jobs", jobs], check=True, cwd=ROOT)
    threaded = tmp_path / "threaded.pptx"
    monkeypatch.setattr(api, "can_fork", lambda: False)  # as in the window's export thread
    pages = export_file(org, threaded, ExportOptions(pictures=True, jobs=2))
    decks = [_deck_files(p) for p in (forked, one, threaded)]
    assert decks[0] == decks[1] == decks[2]
    slides = [n for n in decks[0] if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    assert len(slides) == pages + 1  # and the title slide
    pictures = [n for n in decks[0] if n.startswith("ppt/media/") and n.endswith(".png")]
    assert len(pictures) == pages
