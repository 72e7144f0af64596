"""Writing a file so that a crash never leaves it half-written, and never where it should not.

:func:`atomic_write` (or :func:`atomic_file`, for a writer that fills the file itself) is the
one way orgeditor writes a file a user names (``.orgchart``, exports, recovery files). It
writes a temporary file beside the target, flushes and fsyncs it, and renames it over the
target. Before that, :func:`check_target` refuses targets that
are not ours to replace, because a rename replaces *whatever* is there:

- a device node, a FIFO or a socket (``orgeditor sample -o /dev/full`` must not turn the
  device into a JSON file) and a folder are refused;
- a symbolic link is followed: the file it names is written, the link stays a link;
- a read-only file is refused unless the caller passes ``overwrite_read_only=True`` (the
  window asks the user first);
- the target keeps its permission bits; a new file gets ``0666`` less the user's umask,
  or the ``mode`` the caller asks for (recovery files are ``0600``).

Temporary files are named ``.NAME.<pid>-<random>.tmp``. One that a killed process left behind
is removed on the next save of the same file: a temporary file of that naming is stale when
its process is gone (or, for the older ``.NAME.<random>.tmp`` naming, when it is more than a
minute old). A handled error never leaves one behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from orgeditor.io.errors import OrgFileError
from orgeditor.io.reading import special_kind

__all__ = [
    "atomic_file",
    "atomic_write",
    "check_target",
    "clean_stale_temporaries",
    "new_file_mode",
    "process_alive",
]

_STALE_LEGACY_SECONDS = 60.0


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # no other way: set and restore at once
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """Permission bits for a new file: ``0666`` less the umask, as ``open()`` would give."""
    return 0o666 & ~_umask()


def check_target(path: str | Path, *, overwrite_read_only: bool = False) -> Path:
    """The real file to write for ``path`` (symbolic links followed), or :class:`OrgFileError`.

    Raises when the target is a folder, a device, a FIFO or a socket, when a symbolic link
    points nowhere we can write, or when it is read-only and ``overwrite_read_only`` is false.
    """
    path = Path(path)
    real = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        st = os.stat(real)
    except FileNotFoundError:
        if path.is_symlink() and not real.parent.is_dir():
            raise OrgFileError(path, "is a symbolic link into a missing folder") from None
        return real
    except OSError as e:
        raise OrgFileError(path, f"cannot write the file: {e.strerror or e}") from None
    kind = special_kind(st.st_mode)
    if kind is not None:
        raise OrgFileError(path, f"is {kind}, not a file: choose a file name to write")
    if not overwrite_read_only and not st.st_mode & 0o222:
        raise OrgFileError(path, "is read-only: make it writable or choose another name")
    return real


def _temp_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"\." + re.escape(name) + r"\.(?:(\d+)-)?[A-Za-z0-9_]+\.tmp\Z")


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (ours or another user's); a pid too large for any
    process is not running."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    except (OSError, OverflowError):
        return False
    return True


def clean_stale_temporaries(path: Path, *, now: float | None = None) -> list[Path]:
    """Remove temporary files of our naming that a killed save left beside ``path``."""
    folder = path.parent if str(path.parent) else Path(".")
    pattern = _temp_pattern(path.name)
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = pattern.match(entry.name)
        if m is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        pid = m.group(1)
        if pid is not None:
            stale = not process_alive(int(pid))
        else:
            stale = now - st.st_mtime > _STALE_LEGACY_SECONDS
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def atomic_write(
    path: str | Path,
    data: bytes,
    *,
    mode: int | None = None,
    overwrite_read_only: bool = False,
) -> None:
    """Write ``data`` to ``path`` atomically: the old file or the new one, never half of one.

    ``mode`` sets the permission bits of the result (default: the replaced file's bits, or
    ``0666`` less the umask for a new file). Raises :class:`OrgFileError` with a one-line
    message; nothing is left behind on failure.
    """
    with atomic_file(path, mode=mode, overwrite_read_only=overwrite_read_only) as fd:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]


@contextlib.contextmanager
def atomic_file(
    path: str | Path,
    *,
    mode: int | None = None,
    overwrite_read_only: bool = False,
) -> Iterator[int]:
    """:func:`atomic_write` for a writer that fills the file itself: a file descriptor open on
    the temporary file beside ``path``. When the block ends, the file is flushed to disk and
    renamed over ``path``; when it raises, the temporary file is removed and ``path`` is as it
    was. An ``OSError`` in the block (a full disk) is an :class:`OrgFileError` like any other
    failure to write.

    Graphviz writes a large SVG or PNG export straight into it, instead of Python reading the
    megabytes back and writing them again.
    """
    shown = Path(path)
    target = check_target(shown, overwrite_read_only=overwrite_read_only)
    folder = target.parent if str(target.parent) else Path(".")
    clean_stale_temporaries(target)
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            mode = new_file_mode()
    tmp_name: str | None = None
    fd = -1
    try:
        import tempfile  # only when writing: it costs start-up time of every command

        fd, tmp_name = tempfile.mkstemp(
            dir=folder, prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp"
        )
        os.fchmod(fd, mode)
        yield fd
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp_name, target)
        tmp_name = None
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except OSError as e:
        raise OrgFileError(shown, f"cannot write the file: {e.strerror or e}") from None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
