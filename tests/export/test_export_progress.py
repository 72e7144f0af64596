"""Paged exports: progress on stderr (``--quiet``), several Graphviz runs at once (``--jobs``),
cancellation, and the PDF batches ``dot`` writes one after the other."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest

from orgeditor.cli import main
from orgeditor.export.api import (
    ExportOptions,
    build_pages,
    export_file,
    render_page,
    render_pdf_pages,
)
from orgeditor.export.parallel import BATCH, render_in_order
from orgeditor.export.pdfmerge import merge_pdfs, split_pdfs
from orgeditor.io.orgfile import save
from orgeditor.progress import Cancelled, PeriodicLines, Progress
from orgeditor.samples import synthetic_org


@pytest.fixture(scope="module")
def org():  # type: ignore[no-untyped-def]
    org = synthetic_org(400, seed=1)  # 9 slide pages: two batches of dot runs
    assert len(build_pages(org, ExportOptions(), True)) > BATCH
    return org


def _pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """``orgeditor export ARGS`` in this process: its exit status and stderr."""
    with pytest.raises(SystemExit) as done:
        main(["export", *args])
    _out, err = capsys.readouterr()
    return (done.value.code if isinstance(done.value.code, int) else 1), err


def test_progress_lines_on_a_log_for_a_paged_pdf(org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = io.StringIO()
    report = Progress("export", PeriodicLines(log), interval=0.0, delay=0.0)
    out = tmp_path / "org.pdf"
    pages = export_file(org, out, ExportOptions(jobs=2), report)
    lines = log.getvalue().splitlines()
    assert lines[0].startswith("export: planning pages")
    counted = [x for x in lines if " pages (" in x and "/" in x]
    assert counted[-1].startswith(f"export: {pages:,}/{pages:,} pages (100%)")
    assert [x.split()[1] for x in counted] == [
        f"{min(k, pages)}/{pages}" for k in range(BATCH, pages + BATCH, BATCH)
    ]
    assert any(x.startswith(f"export: joining {pages} pages") for x in lines)
    assert lines[-1].startswith("export: writing org.pdf")
    assert "\r" not in log.getvalue()
    assert _pdf_pages(out) == pages


def test_export_command_prints_progress_and_quiet_prints_none(
    org, tmp_path: Path, fast_progress: None, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "org.orgchart"
    save(org, src)
    status, loud = _export(capsys, str(src), "-o", str(tmp_path / "a.pdf"))
    assert status == 0, loud
    assert "export: planning pages" in loud
    assert "export: 9/9 pages (100%)" in loud
    assert loud.splitlines()[-1] == f"wrote {tmp_path / 'a.pdf'} (9 pages)"
    status, quiet = _export(capsys, str(src), "-o", str(tmp_path / "b.pdf"), "--quiet")
    assert status == 0, quiet
    assert quiet.splitlines() == [f"wrote {tmp_path / 'b.pdf'} (9 pages)"]


def test_jobs_one_and_default_write_the_same_pdf(
    org, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "org.orgchart"
    save(org, src)
    one, many = tmp_path / "one.pdf", tmp_path / "many.pdf"
    for out, extra in ((one, ["--jobs", "1"]), (many, ["--jobs", "3"])):
        status, err = _export(capsys, str(src), "-o", str(out), "-q", *extra)
        assert status == 0, err
    default = tmp_path / "default.pdf"
    export_file(org, default, ExportOptions())
    assert one.read_bytes() == many.read_bytes() == default.read_bytes()
    assert _pdf_pages(one) == 9
    text = _pdf_text(one)
    assert org.people[next(iter(org.people))].display_name.split()[0] in text


def test_jobs_below_one_is_refused(
    org, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "org.orgchart"
    save(org, src)
    status, err = _export(capsys, str(src), "-o", str(tmp_path / "x.pdf"), "--jobs", "0")
    assert status == 2
    assert err.startswith("orgeditor: --jobs: ") and err.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()


def _undated(pdf: bytes) -> bytes:
    return re.sub(rb"/CreationDate \(D:[^)]*\)", b"", pdf)


def test_batched_dot_run_gives_each_page_its_own_bytes(org) -> None:  # type: ignore[no-untyped-def]
    opts = ExportOptions()
    pages = build_pages(org, opts, True)[:4]
    singles = [render_page(p, "pdf", opts) for p in pages]
    batched = render_pdf_pages(pages, opts)
    assert len(batched) == len(singles)
    # the same bytes but for Cairo's /CreationDate (to the second), which merging leaves out
    assert merge_pdfs(batched) == merge_pdfs(singles)
    assert [_undated(x) for x in batched] == [_undated(x) for x in singles]
    assert split_pdfs(b"".join(singles)) == singles


def test_split_pdfs_is_not_fooled_by_an_eof_inside_a_stream(org) -> None:  # type: ignore[no-untyped-def]
    one = render_page(build_pages(org, ExportOptions(), True)[0], "pdf", ExportOptions())
    cut = one.index(b"stream\n") + 7
    tricky = one[:cut] + b"%%EOF\n%PDF-" + one[cut:]  # not a real end: offsets do not match
    with pytest.raises(ValueError):
        split_pdfs(tricky)  # its own startxref no longer points at its table
    assert split_pdfs(one + one) == [one, one]


@pytest.mark.parametrize("jobs", [1, 2])
def test_cancel_stops_the_export_and_writes_nothing(org, tmp_path: Path, jobs: int) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "org.pdf"
    seen: list[int] = []

    def cancelled() -> bool:
        return report.done >= BATCH  # after the first batch of pages

    report = Progress(
        "export", PeriodicLines(io.StringIO()), interval=0.0, delay=0.0, cancelled=cancelled
    )
    original = report.advance

    def advance(n: int = 1) -> None:
        seen.append(n)
        original(n)

    report.advance = advance  # type: ignore[method-assign]
    with pytest.raises(Cancelled):
        export_file(org, out, ExportOptions(jobs=jobs), report)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []
    assert sum(seen) < 9


def test_render_in_order_keeps_the_order_and_reraises(tmp_path: Path) -> None:
    def render(batch: list[int]) -> list[int]:
        if 13 in batch:
            raise RuntimeError("page 13 failed")
        return [x * 10 for x in batch]

    report = Progress("t")
    assert render_in_order(range(12), render, 3, report, batch=2) == [x * 10 for x in range(12)]
    assert report.done == 12
    with pytest.raises(RuntimeError, match="page 13"):
        render_in_order(range(40), render, 3, Progress("t"), batch=2)


def test_threads_when_fork_is_unsafe_write_the_same_pdf(
    org, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from export_helpers import run_cli

    from orgeditor.export import api

    forked, threaded = tmp_path / "forked.pdf", tmp_path / "threaded.pdf"
    src = tmp_path / "org.orgchart"
    save(org, src)
    res = run_cli("export", str(src), "-o", str(forked), "--jobs", "2")  # a fresh process: forks
    assert res.returncode == 0, res.stderr
    monkeypatch.setattr(api, "can_fork", lambda: False)  # as in the window's export thread
    export_file(org, threaded, ExportOptions(jobs=2))
    assert forked.read_bytes() == threaded.read_bytes()
