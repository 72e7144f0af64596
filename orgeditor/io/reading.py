"""Reading a file a user hands us, within bounds: never a device, a FIFO or a folder, never
more than a limit the user can raise.

:func:`read_user_file` is how the readers (``.orgchart``, CSV, rule settings) get the bytes of a
file; :class:`Limits` bounds what one import may read (file size, uncompressed size of an
``.xlsx``, rows, characters in one cell), so that a zip bomb or ``/dev/zero`` ends in one
clear line instead of filling the memory.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from orgeditor.io.errors import OrgFileError

__all__ = ["Limits", "read_user_file", "special_kind"]


@dataclass(frozen=True)
class Limits:
    """What one read may take; each is raised by the import option named in its message."""

    #: megabytes read from a file, or uncompressed from an .xlsx workbook (``--max-size``)
    size_mb: int = 512
    #: data rows read from a table (``--max-rows``)
    rows: int = 2_000_000
    #: characters in one cell (``--max-cell``)
    cell: int = 10_000

    @property
    def size_bytes(self) -> int:
        return self.size_mb * 1024 * 1024


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def read_user_file(path: Path, what: str, limits: Limits | None = None) -> bytes:
    """The bytes of ``path``, or :class:`OrgFileError` saying in one line why not.

    ``what`` names the kind of file expected ("an .orgchart file", "a CSV file").
    """
    limits = limits or Limits()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise OrgFileError(path, "no such file") from None
    except IsADirectoryError:
        raise OrgFileError(path, f"is a folder, not {what}") from None
    except OSError as e:
        raise OrgFileError(path, f"cannot read the file: {e.strerror or e}") from None
    try:
        st = os.fstat(fd)
        kind = special_kind(st.st_mode)
        if kind is not None:
            raise OrgFileError(path, f"is {kind}, not {what}")
        if st.st_size > limits.size_bytes:
            raise OrgFileError(
                path,
                f"is {_size(st.st_size)}, more than the limit of {limits.size_mb:,} MB "
                "(raise it with --max-size MB)",
            )
        chunks = []
        left = limits.size_bytes + 1  # a file that grows while we read is bounded too
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 24))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise OrgFileError(
                path,
                f"is more than the limit of {limits.size_mb:,} MB (raise it with --max-size MB)",
            )
        return b"".join(chunks)
    except OSError as e:
        raise OrgFileError(path, f"cannot read the file: {e.strerror or e}") from None
    finally:
        os.close(fd)
