"""Progress of long work (imports, exports, compares, merges), for the command line and the window.

Work reports through a :class:`Progress`: ``progress.start("pages", total)``, then
``progress.advance()`` per unit done (or ``progress.update(done)``), and ``progress.finish()``.
It never prints anything itself; a *sink* decides what the user sees:

- :class:`TerminalBar` on an interactive stderr: one line redrawn in place, with a bar, the
  units done and the time left (``export  [#######.............]  120/340 pages  0:42 left``);
- :class:`PeriodicLines` when stderr is a file or a pipe (CI, logs): one line every few
  seconds, never a carriage return;
- nothing with ``--quiet`` (:data:`SILENT`).

The window passes a sink of its own that updates a progress dialog and answers
:meth:`Progress.cancelled` with the dialog's Cancel button; a cancelled job raises
:class:`Cancelled` at its next :meth:`Progress.advance`.

The clock is read at most once per advance call and output is throttled (10 redraws a second
on a terminal), so reporting costs nothing measurable even per row of a million-row import.

Work made of a few long steps (``diff``, ``merge``: loading, comparing, writing) reports with
``ticking=True``: a daemon thread then shows the current step again at each interval while
it runs, so a log still gets a line every few seconds and the bar's clock keeps moving. It
runs between ``with progress:`` and the end of the block, and stays quiet after
:meth:`Progress.finish` until the next :meth:`Progress.start` or :meth:`Progress.phase` (so a
report can go to the same terminal meanwhile).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Protocol, TextIO

__all__ = [
    "SILENT",
    "Cancelled",
    "PeriodicLines",
    "Progress",
    "Sink",
    "TerminalBar",
    "for_stderr",
]


class Cancelled(Exception):
    """The user cancelled the work (the window's Cancel button)."""


class Sink(Protocol):
    """Where progress goes: called with what is done so far, throttled by the caller."""

    def show(self, job: str, unit: str, done: int, total: int | None, elapsed: float) -> None:
        """``done`` of ``total`` units (``done`` < 0: a phase named by ``unit``, no counts)."""

    def close(self, job: str, unit: str, done: int, elapsed: float) -> None: ...


def _clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _left(done: int, total: int | None, elapsed: float) -> str:
    if not total or done <= 0 or elapsed < 0.5:
        return ""
    return f"{_clock(elapsed / done * (total - done))} left"


class TerminalBar:
    """One line redrawn in place on an interactive terminal."""

    width = 24

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.drawn = False

    def show(self, job: str, unit: str, done: int, total: int | None, elapsed: float) -> None:
        if done < 0:  # a phase without counts
            bar, counts = "", f"{unit} ({_clock(elapsed)})"
        elif total:
            filled = min(self.width, self.width * done // total)
            bar = "[" + "#" * filled + "." * (self.width - filled) + "]"
            counts = f"{done:,}/{total:,} {unit}"
        else:
            bar = ""
            counts = f"{done:,} {unit}"
        left = _left(done, total, elapsed)
        line = "  ".join(x for x in (job, bar, counts, left) if x)
        self.stream.write("\r\x1b[2K" + line)
        self.stream.flush()
        self.drawn = True

    def close(self, job: str, unit: str, done: int, elapsed: float) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.drawn = False


class PeriodicLines:
    """A plain line now and then, for logs and CI (no carriage returns, no colours)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def show(self, job: str, unit: str, done: int, total: int | None, elapsed: float) -> None:
        if done < 0:  # a phase without counts
            counts = f"{unit} ({_clock(elapsed)} so far)"
        elif total:
            share = f" ({100 * done // total}%)"
            counts = f"{done:,}/{total:,} {unit}{share}"
        else:
            counts = f"{done:,} {unit}"
        left = _left(done, total, elapsed)
        self.stream.write(f"{job}: {counts}" + (f", {left}" if left else "") + "\n")
        self.stream.flush()

    def close(self, job: str, unit: str, done: int, elapsed: float) -> None:
        pass


class _Silent:
    def show(self, job: str, unit: str, done: int, total: int | None, elapsed: float) -> None:
        pass

    def close(self, job: str, unit: str, done: int, elapsed: float) -> None:
        pass


#: a sink that shows nothing (``--quiet``, tests, library use)
SILENT: Sink = _Silent()


class Progress:
    """What a long job reports; see the module docstring.

    ``interval`` is the least time between two updates of the sink (0.1 s on a terminal,
    a few seconds in a log); ``delay`` keeps short jobs silent: nothing is shown before it;
    ``ticking`` shows the current step again each interval from a thread (see the module
    docstring).
    """

    def __init__(
        self,
        job: str,
        sink: Sink = SILENT,
        *,
        interval: float = 0.1,
        delay: float = 0.5,
        cancelled: Callable[[], bool] | None = None,
        clock: Callable[[], float] = time.monotonic,
        ticking: bool = False,
    ) -> None:
        self.job = job
        self.sink = sink
        self.interval = interval
        self.delay = delay
        self._cancelled = cancelled
        self._clock = clock
        self.unit = "items"
        self.total: int | None = None
        self.done = 0
        self._start = clock()
        self._next = self._start + delay
        self._lock = threading.Lock()  # one sink call at a time (the ticker's and the work's)
        self._ticking = ticking and sink is not SILENT
        self._stop = threading.Event()
        self._quiet_until_next_step = False

    def start(self, unit: str, total: int | None = None) -> Progress:
        """Begin (or begin a new phase of) the job: ``total`` units of ``unit``, if known."""
        with self._lock:
            self.unit, self.total, self.done = unit, total, 0
            self._quiet_until_next_step = False
        return self

    def phase(self, text: str) -> None:
        """A step of unknown length ("building the org"): shown as text with the time so far."""
        with self._lock:
            self.unit, self.total, self.done = text, None, -1
            self._quiet_until_next_step = False
        self._next = min(self._next, self._clock() + self.interval)
        self.update(-1)

    def advance(self, n: int = 1) -> None:
        """``n`` more units are done; raises :class:`Cancelled` when the user cancelled."""
        self.update(self.done + n)

    def update(self, done: int) -> None:
        """``done`` units are done so far."""
        self.done = done
        now = self._clock()
        if now < self._next:
            return
        self._next = now + self.interval
        if self._cancelled is not None and self._cancelled():
            raise Cancelled(f"{self.job} cancelled")
        with self._lock:
            self.sink.show(self.job, self.unit, done, self.total, now - self._start)

    def cancelled(self) -> bool:
        """Whether the user asked to stop (for work that checks between steps)."""
        return self._cancelled is not None and self._cancelled()

    def finish(self) -> None:
        """The job is over: clear a terminal line (a ticker stays quiet until the next step)."""
        with self._lock:
            self._quiet_until_next_step = True
            self.sink.close(self.job, self.unit, self.done, self._clock() - self._start)

    def _tick(self) -> None:
        while not self._stop.wait(min(max(self.interval, 0.05), 0.5)):
            now = self._clock()
            with self._lock:
                if self._quiet_until_next_step or now < self._next:
                    continue
                self._next = now + self.interval
                self.sink.show(self.job, self.unit, self.done, self.total, now - self._start)

    def __enter__(self) -> Progress:
        if self._ticking:
            threading.Thread(target=self._tick, name=f"{self.job} progress", daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.finish()


def for_stderr(
    job: str, quiet: bool = False, stream: TextIO | None = None, ticking: bool = False
) -> Progress:
    """The progress a command shows on stderr: a bar on a terminal, lines in a log, or none
    (``ticking``: for work of a few long steps, see the module docstring)."""
    stream = stream if stream is not None else sys.stderr
    if quiet:
        return Progress(job, SILENT)
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        return Progress(job, TerminalBar(stream), interval=0.1, delay=0.5, ticking=ticking)
    return Progress(job, PeriodicLines(stream), interval=5.0, delay=5.0, ticking=ticking)
