"""Progress on long work: a bar on a terminal, lines in a log, nothing when quiet."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from orgeditor.progress import Cancelled, PeriodicLines, Progress, TerminalBar, for_stderr


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal_with_time_left() -> None:
    out, clock = io.StringIO(), Clock()
    p = Progress("export", TerminalBar(out), interval=0.1, delay=0.5, clock=clock)
    p.start("pages", 100)
    p.advance()  # before the delay: silent
    assert out.getvalue() == ""
    clock.now = 10.0
    p.update(25)
    line = out.getvalue().split("\r\x1b[2K")[-1]
    assert line == "export  [######..................]  25/100 pages  0:30 left"
    p.finish()
    assert out.getvalue().endswith("\r\x1b[2K")


def test_lines_in_a_log_every_few_seconds_without_carriage_returns() -> None:
    out, clock = io.StringIO(), Clock()
    p = Progress("import x.csv", PeriodicLines(out), interval=5.0, delay=5.0, clock=clock)
    p.start("rows read")
    for i in range(1, 200):
        clock.now = i * 0.1
        p.update(i * 1000)
    lines = out.getvalue().splitlines()
    assert lines == [
        "import x.csv: 50,000 rows read",
        "import x.csv: 100,000 rows read",
        "import x.csv: 150,000 rows read",
    ]
    clock.now = 30.0
    p.phase("writing x.orgchart")
    assert out.getvalue().splitlines()[-1] == "import x.csv: writing x.orgchart (0:30 so far)"
    assert "\r" not in out.getvalue()


def test_quiet_and_the_choice_of_sink() -> None:
    assert isinstance(for_stderr("x", stream=Tty()).sink, TerminalBar)
    assert isinstance(for_stderr("x", stream=io.StringIO()).sink, PeriodicLines)
    quiet = for_stderr("x", quiet=True, stream=Tty())
    quiet.start("rows", 10)
    quiet.update(5)


def test_cancel_stops_the_job_at_its_next_step() -> None:
    clock = Clock()
    stop = {"now": False}
    p = Progress("export", interval=0.0, delay=0.0, cancelled=lambda: stop["now"], clock=clock)
    p.start("pages", 3)
    p.advance()
    stop["now"] = True
    clock.now = 1.0
    with pytest.raises(Cancelled):
        p.advance()


def test_a_long_import_prints_progress_lines_in_a_log(tmp_path: Path) -> None:
    src = tmp_path / "big.csv"
    src.write_text("id,name\n" + "".join(f"{i},P{i}\n" for i in range(1, 200_001)))
    r = subprocess.run(
        [sys.executable, "-m", "orgeditor", "import", str(src), "-o", str(tmp_path / "o.orgchart"),
         "--quiet"],
        capture_output=True, text=True, timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert "rows read" not in r.stderr  # --quiet


def test_a_ticking_progress_repeats_a_long_step_in_a_log_and_is_quiet_after_finish() -> None:
    import time

    out = io.StringIO()
    with Progress("diff", PeriodicLines(out), interval=0.05, delay=0.0, ticking=True) as p:
        p.phase("comparing")
        time.sleep(0.5)  # one long step, no calls into the progress meanwhile
        repeated = out.getvalue().splitlines()
        assert len(repeated) >= 3, repeated
        assert all(x.startswith("diff: comparing (0:00 so far)") for x in repeated)
        p.finish()  # e.g. the report goes to the terminal now
        after = out.getvalue()
        time.sleep(0.3)
        assert out.getvalue() == after  # quiet until the next step
        p.phase("writing")
        time.sleep(0.3)
    assert out.getvalue().splitlines()[-1].startswith("diff: writing")
    done = out.getvalue()
    time.sleep(0.3)
    assert out.getvalue() == done  # the ticker ended with the block


def test_no_ticker_thread_when_quiet() -> None:
    import threading

    before = threading.active_count()
    with for_stderr("merge", quiet=True, stream=Tty(), ticking=True):
        assert threading.active_count() == before
