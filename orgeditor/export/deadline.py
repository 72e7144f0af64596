"""One time limit for a whole export (``--timeout``): planning, DOT and every Graphviz run."""

from __future__ import annotations

import math
import time

from orgeditor.errors import UserError

__all__ = ["Deadline", "ExportTimeout"]


class ExportTimeout(UserError):
    """The export ran past its ``--timeout`` and was stopped (nothing written)."""


class Deadline:
    """A point in time an export must finish by (``None`` seconds: no limit).

    >>> Deadline(None).remaining() is None
    True
    >>> Deadline(60).remaining() > 59
    True
    """

    def __init__(self, seconds: float | None) -> None:
        if seconds is not None and (math.isnan(seconds) or seconds <= 0):
            raise UserError(f"--timeout must be a number of seconds above 0, not {seconds:g}")
        self.seconds = seconds
        self._end = None if seconds is None or math.isinf(seconds) else time.monotonic() + seconds

    def remaining(self) -> float | None:
        """Seconds left (at least a millisecond once started), or None without a limit."""
        if self._end is None:
            return None
        return max(0.001, self._end - time.monotonic())

    def check(self) -> None:
        """Raise :class:`ExportTimeout` when the time is up."""
        if self._end is not None and time.monotonic() > self._end:
            raise self.expired()

    def expired(self) -> ExportTimeout:
        return ExportTimeout(
            f"the export took longer than --timeout {self.seconds:g} s and was stopped; "
            "export a smaller view (--view subtree --root PERSON --depth N), one --page, "
            "or allow more time with --timeout"
        )
