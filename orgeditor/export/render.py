"""Run Graphviz ``dot``: find it, run it with a timeout, check it, write outputs atomically."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from orgeditor.errors import UserError

if TYPE_CHECKING:
    from orgeditor.export.deadline import Deadline

__all__ = [
    "INSTALL_HINT",
    "PNG_LIMIT",
    "DotRun",
    "GraphvizError",
    "GraphvizTimeout",
    "PngTooLarge",
    "find_dot",
    "png_size",
    "run_dot",
    "run_dot_by",
    "timed_by",
]

INSTALL_HINT = (
    "Graphviz is not installed: install it with `sudo apt-get install graphviz` "
    "(or from graphviz.org)"
)
#: Cairo cannot make a bitmap wider or taller than this; Graphviz then shrinks the chart.
PNG_LIMIT = 32767
DEFAULT_TIMEOUT = 300.0
#: what :meth:`DotRun.finish` returns of the output ``dot`` wrote into its file
HEAD_BYTES = 65536
#: characters of DOT per write into a :class:`DotRun`'s pipe
BATCH = 1 << 16


class GraphvizError(UserError):
    """Graphviz is missing, failed or took too long; the message says what to do."""


class PngTooLarge(GraphvizError):
    """A PNG would exceed Cairo's size limit (Graphviz would shrink it)."""


class GraphvizTimeout(GraphvizError):
    """Graphviz ran past its time limit and was stopped."""


def find_dot() -> Path:
    """The ``dot`` program: ``$ORGEDITOR_DOT``, a Graphviz bundled with a frozen app, or PATH."""
    env = os.environ.get("ORGEDITOR_DOT")
    if env:
        path = Path(env)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise GraphvizError(f"ORGEDITOR_DOT names {env}, which is not a program that can run")
    if getattr(sys, "frozen", False):
        bundled = Path(getattr(sys, "_MEIPASS", "")) / "graphviz" / "dot"
        for candidate in (bundled, bundled.with_suffix(".exe")):
            if candidate.is_file():
                return candidate
    found = shutil.which("dot")
    if found is None:
        raise GraphvizError(INSTALL_HINT)
    return Path(found)


def run_dot(
    dot_text: str,
    fmt: str,
    *,
    args: tuple[str, ...] = (),
    timeout: float | None = DEFAULT_TIMEOUT,
) -> tuple[bytes, str]:
    """Lay out and render ``dot_text`` to ``fmt`` (``svg``, ``png``, ``pdf``, ``canon``).

    Returns the output bytes and Graphviz's warnings. Raises :class:`GraphvizError` with a
    clear message when ``dot`` is missing, fails, reports an error or times out. (An SVG or
    PNG export writes its file through :class:`DotRun` instead.)
    """
    exe = find_dot()
    cmd = [str(exe), f"-T{fmt}", *args]
    # files, not pipes: a thread waiting on ``dot`` (several run at once, see
    # orgeditor.export.parallel) then needs Python's lock only to start it and to read the
    # result, not for every 64 KB of output while the main thread is busy planning pages
    with (
        tempfile.TemporaryFile() as stdin,
        tempfile.TemporaryFile() as stdout,
        tempfile.TemporaryFile() as stderr_file,
    ):
        stdin.write(dot_text.encode("utf-8"))
        stdin.seek(0)
        returncode = _run(cmd, exe, stdin, stdout, stderr_file, timeout)
        stdout.seek(0)
        output = stdout.read()
        return output, _checked(exe, returncode, stderr_file, output)


def _checked(exe: Path, returncode: int, stderr_file: IO[bytes], output: bytes) -> str:
    """Graphviz's warnings (its stderr), or :class:`GraphvizError` when it failed."""
    stderr_file.seek(0)
    stderr = stderr_file.read().decode("utf-8", "replace")
    errors = [line for line in stderr.splitlines() if line.lower().startswith("error")]
    if returncode != 0 or errors or not output:
        first = (errors or [line for line in stderr.splitlines() if line.strip()] or [""])[0]
        detail = f": {first.strip()}" if first.strip() else ""
        raise GraphvizError(f"Graphviz ({exe.name}) failed with exit status {returncode}{detail}")
    return stderr


def run_dot_by(
    dot_text: str,
    fmt: str,
    deadline: Deadline | None,
    timeout: float | None = DEFAULT_TIMEOUT,
    *,
    args: tuple[str, ...] = (),
) -> tuple[bytes, str]:
    """:func:`run_dot` within an export's ``deadline`` (its time left; past it, the
    deadline's own error), else within ``timeout`` seconds."""
    with timed_by(deadline):
        return run_dot(
            dot_text,
            fmt,
            args=args,
            timeout=deadline.remaining() if deadline is not None else timeout,
        )


@contextlib.contextmanager
def timed_by(deadline: Deadline | None) -> Iterator[None]:
    """Graphviz running out of time inside the block is the export's ``deadline`` expiring
    (its own message), when there is one."""
    try:
        yield
    except GraphvizTimeout:
        if deadline is None:
            raise
        raise deadline.expired() from None


def _run(
    cmd: list[str],
    exe: Path,
    stdin: IO[bytes],
    stdout: IO[bytes],
    stderr: IO[bytes],
    timeout: float | None,
) -> int:
    """Run ``dot`` to the end, or kill it after ``timeout`` seconds (:class:`_Started`)."""
    run = _Started(cmd, exe, stdin, stdout, stderr, timeout)
    return run.wait()


class _Started:
    """A running ``dot``, killed by a timer after ``timeout`` seconds.

    A timer kills it rather than ``wait(timeout)``, which polls with sleeps of up to 50 ms:
    a noticeable share of a short run, paid once per batch of pages.
    """

    def __init__(
        self,
        cmd: list[str],
        exe: Path,
        stdin: IO[bytes] | int,
        stdout: IO[bytes] | int,
        stderr: IO[bytes],
        timeout: float | None,
    ) -> None:
        try:
            self.proc = subprocess.Popen(cmd, stdin=stdin, stdout=stdout, stderr=stderr)
        except FileNotFoundError:
            raise GraphvizError(INSTALL_HINT) from None
        except PermissionError:
            raise GraphvizError(f"{exe} cannot be run (permission denied)") from None
        self.timeout = timeout
        self.expired = threading.Event()
        self.timer = threading.Timer(timeout, self._kill) if timeout is not None else None
        if self.timer is not None:
            self.timer.daemon = True
            self.timer.start()

    def _kill(self) -> None:
        self.expired.set()
        self.proc.kill()

    def wait(self) -> int:
        """Its exit status (:class:`GraphvizTimeout` if the timer stopped it)."""
        try:
            returncode = self.proc.wait()
        finally:
            self.stop()
        if self.expired.is_set():
            raise GraphvizTimeout(
                f"Graphviz took longer than {self.timeout:g} s to draw this chart and was "
                "stopped; export a smaller view (--view subtree --root PERSON --depth N) or "
                "one --page"
            )
        return returncode

    def stop(self) -> None:
        """Cancel the timer; kill ``dot`` if it still runs (interrupted, or its input failed)."""
        if self.timer is not None:
            self.timer.cancel()
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class DotRun:
    """``dot`` started before its input is ready, reading the DOT as it is printed.

    ``with DotRun("svg", into=fd) as run: run.feed(parts); head, warnings = run.finish()``
    (or :meth:`write` each part as it is printed).
    Graphviz starts up (10 ms) while the page is still being planned, and parses each part
    (30 ms of a 5,000-person chart in all) while Python prints the next; it writes its output
    straight into ``into`` (:func:`output_file`'s descriptor), which is sent on to the disk
    as it grows (:func:`_flush_while_written`). Leaving the block without :meth:`finish` (an
    error, Ctrl+C) kills ``dot``. Failures and the time limit are those of :func:`run_dot`.
    """

    def __init__(
        self,
        fmt: str,
        *,
        into: int,
        args: tuple[str, ...] = (),
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> None:
        self.exe = find_dot()
        self.into = into
        # not a pipe: dot's warnings never block it; closed by close()
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115
        cmd = [str(self.exe), f"-T{fmt}", *args]
        try:
            self._run = _Started(cmd, self.exe, subprocess.PIPE, into, self._stderr, timeout)
        except BaseException:
            self._stderr.close()
            raise
        stdin = self._run.proc.stdin
        assert stdin is not None  # (a pipe was asked for)
        self._stdin: IO[bytes] | None = stdin
        self._pending: list[str] = []
        self._size = 0
        # room for the DOT of a large chart in the pipe (64 KB by default): printing it then
        # seldom waits for dot to parse what came before
        with contextlib.suppress(ImportError, AttributeError, OSError):  # Linux; capped there
            import fcntl

            fcntl.fcntl(stdin.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)

    def __enter__(self) -> DotRun:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, text: str) -> None:
        """Send ``text`` (a part of the DOT) to ``dot``, in writes of about :data:`BATCH`
        characters. If ``dot`` has stopped reading (it failed, or ran out of time), the rest
        is dropped: :meth:`finish` says why."""
        self._pending.append(text)
        self._size += len(text)
        if self._size >= BATCH:
            self._send()

    def feed(self, parts: Iterable[str]) -> None:
        """:meth:`write` each of ``parts``."""
        for part in parts:
            self.write(part)

    def _send(self) -> None:
        text = "".join(self._pending)
        self._pending, self._size = [], 0
        stdin = self._stdin
        if stdin is None:
            return
        try:
            stdin.write(text.encode("utf-8"))
        except BrokenPipeError:
            self._stdin = None
            with contextlib.suppress(OSError):
                stdin.close()

    def finish(self) -> tuple[bytes, str]:
        """End the input, wait for ``dot``; its output's first :data:`HEAD_BYTES` and its
        warnings (:class:`GraphvizError` when it failed, :class:`GraphvizTimeout`)."""
        self._send()
        if self._stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                self._stdin.close()
            self._stdin = None
        done = threading.Event()
        early = threading.Thread(target=_flush_while_written, args=(self.into, done), daemon=True)
        early.start()
        try:
            returncode = self._run.wait()
        finally:
            done.set()
            early.join()
        output = os.pread(self.into, HEAD_BYTES, 0)
        return output, _checked(self.exe, returncode, self._stderr, output)

    def close(self) -> None:
        """Stop ``dot`` if it still runs and free what it used."""
        if self._stdin is not None:
            with contextlib.suppress(OSError):
                self._stdin.close()
            self._stdin = None
        self._run.stop()
        self._stderr.close()


def _flush_while_written(fd: int, done: threading.Event, step: int = 1 << 20) -> None:
    """While ``dot`` writes its output into ``fd``, send each new megabyte on to the disk, so
    that the flush before the file is renamed into place (:func:`output_file`) finds little
    left to write: 11-14 ms less after a 6 MB SVG."""
    flushed = 0
    while not done.wait(0.02):
        try:
            size = os.fstat(fd).st_size
            if size - flushed >= step:
                os.fdatasync(fd)
                flushed = size
        except OSError:  # the file is the caller's to check: this only saves time
            return


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, read from its header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def check_png(data: bytes, warnings: str, scale: float) -> None:
    """Refuse a PNG that Cairo shrank to fit its 32,767 px limit."""
    if "too large for cairo" in warnings.lower() or "scaling by" in warnings.lower():
        w, h = png_size(data)
        factor = 1.0
        for word in warnings.replace(",", " ").split():
            try:
                value = float(word)
            except ValueError:
                continue
            if 0 < value < 1:
                factor = value
                break
        fit = max(0.01, scale * factor * 0.98)
        raise PngTooLarge(
            f"the chart is too large for a PNG at --scale {scale:g}: Cairo caps images at "
            f"{PNG_LIMIT:,} px and would shrink it to {w}x{h}; use --scale {fit:.2f} or less, "
            "export one --page, or choose .svg or .pdf"
        )


def write_output(path: Path, data: bytes) -> None:
    """Write bytes atomically (nothing half-written on failure)."""
    from orgeditor.io.atomic import atomic_write

    atomic_write(path, data)


def output_file(path: Path) -> contextlib.AbstractContextManager[int]:
    """A file descriptor to fill, written atomically to ``path`` when the block ends (nothing
    written when it raises): for :func:`run_dot`'s ``into``."""
    from orgeditor.io.atomic import atomic_file

    return atomic_file(path)
