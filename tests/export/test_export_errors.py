"""Clear messages, exit status 2 and no partial file: Graphviz missing or failing, bad options."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from export_helpers import run_cli

from orgeditor.errors import UserError
from orgeditor.export import render
from orgeditor.export.api import ExportOptions, export_file
from orgeditor.samples import sample_org, sample_path

SAMPLE = str(sample_path())


def test_graphviz_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ORGEDITOR_DOT", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "chart.svg"
    with pytest.raises(UserError, match="sudo apt-get install graphviz"):
        export_file(sample_org(), out, ExportOptions())
    assert list(tmp_path.iterdir()) == []


def test_graphviz_missing_cli(tmp_path: Path) -> None:
    out = tmp_path / "chart.png"
    env = {"PATH": str(tmp_path / "empty")}
    res = run_cli("export", SAMPLE, "-o", str(out), env=env)
    assert res.returncode == 2
    assert "Graphviz is not installed" in res.stderr
    assert "Traceback" not in res.stderr
    assert not out.exists()


def _fake_dot(tmp_path: Path, body: str) -> Path:
    fake = tmp_path / "fake-dot"
    fake.write_text("#!/bin/sh\n" + body + "\n")
    fake.chmod(0o755)
    return fake


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf", ".pptx"])
def test_dot_failing_leaves_nothing(tmp_path: Path, suffix: str) -> None:
    fake = _fake_dot(tmp_path, 'echo "Error: syntax error in line 1" >&2; printf partial; exit 1')
    out = tmp_path / "out" / f"chart{suffix}"
    out.parent.mkdir()
    res = run_cli("export", SAMPLE, "-o", str(out), env={"ORGEDITOR_DOT": str(fake)})
    assert res.returncode == 2, res.stderr
    assert "Graphviz" in res.stderr and "failed" in res.stderr
    assert "syntax error" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert list(out.parent.iterdir()) == []


def test_dot_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _fake_dot(tmp_path, "sleep 5")
    monkeypatch.setenv("ORGEDITOR_DOT", str(fake))
    out = tmp_path / "chart.svg"
    with pytest.raises(UserError, match=r"longer than --timeout 0\.5 s"):
        export_file(sample_org(), out, ExportOptions(timeout=0.5))
    assert not out.exists()


def test_find_dot_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _fake_dot(tmp_path, "exit 0")
    monkeypatch.setenv("ORGEDITOR_DOT", str(fake))
    assert render.find_dot() == fake
    monkeypatch.delenv("ORGEDITOR_DOT")
    bundle = tmp_path / "bundle" / "graphviz"
    bundle.mkdir(parents=True)
    (bundle / "dot").write_text("")
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path / "bundle"), raising=False)
    assert render.find_dot() == bundle / "dot"


def test_unknown_suffix_lists_formats(tmp_path: Path) -> None:
    res = run_cli("export", SAMPLE, "-o", str(tmp_path / "chart.jpeg"))
    assert res.returncode == 2
    assert ".dot, .svg, .png, .pdf, .pptx" in res.stderr
    assert "Traceback" not in res.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "subtree", "--root", "Nobody Here"], "no person"),
        (["--view", "subtree"], "--root"),
        (["--view", "pipeline", "--pipeline", "Nope"], "Feed ranking"),
        (["--theme", "neon"], "default, dark"),
        (["--page", "9"], "--page"),
    ],
)
def test_bad_options_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "chart.svg"
    res = run_cli("export", SAMPLE, "-o", str(out), *args)
    assert res.returncode == 2, res.stderr
    assert message in res.stderr
    assert "Traceback" not in res.stderr
    assert not out.exists()


def test_cli_every_view_and_format(tmp_path: Path) -> None:
    for view, extra in (
        ("reporting", []),
        ("matrix", []),
        ("subtree", ["--root", "Elena Dubois"]),
        ("pipeline", ["--pipeline", "Fraud scoring"]),
    ):
        for suffix in (".dot", ".svg", ".png", ".pdf", ".pptx"):
            out = tmp_path / f"{view}{suffix}"
            res = run_cli("export", SAMPLE, "-o", str(out), "--view", view, *extra)
            assert res.returncode == 0, res.stderr
            assert out.stat().st_size > 0
    assert os.path.getsize(tmp_path / "reporting.svg") > 1000


def test_cli_notes_small_names_on_whole_chart(tmp_path: Path) -> None:
    from orgeditor.io.orgfile import save
    from orgeditor.samples import synthetic_org

    src = tmp_path / "big.orgchart"
    save(synthetic_org(600, seed=3), src)
    res = run_cli("export", str(src), "-o", str(tmp_path / "big.svg"))
    assert res.returncode == 0, res.stderr
    assert "note: shown whole on a 1920x1080 slide" in res.stderr
    res = run_cli("export", SAMPLE, "-o", str(tmp_path / "small.svg"))
    assert "note:" not in res.stderr


def test_dot_that_stops_reading_is_stopped_by_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``DotRun`` feeds the DOT through a pipe: a ``dot`` that never reads it (hung) must not
    hang the export; the time limit still stops it, and what it held is freed."""
    import time

    monkeypatch.setenv("ORGEDITOR_DOT", str(_fake_dot(tmp_path, "exec sleep 30")))
    fd = os.open(tmp_path / "chart.svg", os.O_RDWR | os.O_CREAT)
    try:
        t0 = time.monotonic()
        run = render.DotRun("svg", into=fd, timeout=0.5)
        with run, pytest.raises(render.GraphvizTimeout, match=r"longer than 0\.5 s"):
            run.feed(["x" * 65536] * 64)  # 4 MB: more than the pipe holds
            run.finish()
        assert time.monotonic() - t0 < 10
        assert run._run.proc.poll() is not None
    finally:
        os.close(fd)


@pytest.mark.parametrize("body", ["exit 3", 'echo "Error: bad input" >&2; exit 1'])
def test_dot_that_fails_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    """A ``dot`` that exits before it has read everything: one clear error, no traceback."""
    monkeypatch.setenv("ORGEDITOR_DOT", str(_fake_dot(tmp_path, body)))
    fd = os.open(tmp_path / "chart.svg", os.O_RDWR | os.O_CREAT)
    try:
        with render.DotRun("svg", into=fd) as run:
            run.feed(["x" * 65536] * 64)
            with pytest.raises(render.GraphvizError, match="failed with exit status"):
                run.finish()
    finally:
        os.close(fd)


def test_dot_run_left_without_finishing_is_killed(tmp_path: Path) -> None:
    """An error while the page is planned (Ctrl+C, a bad option): ``dot`` does not outlive it."""
    fd = os.open(tmp_path / "chart.svg", os.O_RDWR | os.O_CREAT)
    try:
        with pytest.raises(KeyboardInterrupt), render.DotRun("svg", into=fd) as run:
            run.feed(['digraph "g" {\n'])
            raise KeyboardInterrupt
        assert run._run.proc.poll() is not None
    finally:
        os.close(fd)


def test_output_is_flushed_to_disk_while_dot_writes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``DotRun.finish`` sends each megabyte ``dot`` writes on to the disk while it runs, so
    that the flush before the rename has little left; a file it cannot flush is left to the
    caller (no error from the helper)."""
    import threading
    import time

    flushed: list[int] = []
    real = os.fdatasync
    monkeypatch.setattr(os, "fdatasync", lambda fd: (flushed.append(fd), real(fd)))
    fd = os.open(tmp_path / "chart.svg", os.O_RDWR | os.O_CREAT)
    try:
        done = threading.Event()
        early = threading.Thread(target=render._flush_while_written, args=(fd, done))
        early.start()
        os.write(fd, b"x" * (1 << 20))  # a megabyte: flushed
        time.sleep(0.2)
        os.write(fd, b"x" * 1000)  # less than a megabyte more: left to the last flush
        time.sleep(0.1)
        done.set()
        early.join(5)
        assert flushed == [fd] and not early.is_alive()
    finally:
        os.close(fd)
    early = threading.Thread(target=render._flush_while_written, args=(-1, threading.Event()))
    early.start()  # not a file: the helper stops quietly
    early.join(5)
    assert not early.is_alive()
