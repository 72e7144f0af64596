"""Ids for new entities that stay unique across copies of a file.

Two people editing copies of one ``.orgchart`` (two git branches, a file sent by mail) both
add people. If each copy handed out "the next number" (``p41``), both new people would get
the same id and a merge would fuse them. New ids are therefore made from the clock and a
random part: ``p`` + the time in milliseconds (13 digits) + 5 random digits, e.g.
``p172991234567803211``. Within one program they increase strictly (a burst of 1,000 adds in
one millisecond still gets 1,000 distinct, ordered ids); across copies two ids clash only if
both were made in the same millisecond *and* drew the same 5 random digits.

The ids are plain digits after the prefix, so the file's natural id order
(:func:`orgeditor.io.orgfile.natural_key`) lists new people after the old ``p1 .. pN`` and in
the order they were added: a new person is one block at the end of the file in a diff.
Existing ids are never changed.

Examples
--------
>>> gen = IdGenerator(clock=lambda: 1_700_000_000_000, rand=lambda: 42)
>>> gen.new("p", set())
'p170000000000000042'
>>> gen.new("p", set())   # same millisecond: the next number
'p170000000000000043'
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Container

__all__ = ["RANDOM_DIGITS", "IdGenerator", "new_id"]

#: Random decimal digits after the millisecond timestamp.
RANDOM_DIGITS = 5


def _clock_ms() -> int:
    return time.time_ns() // 1_000_000


def _random() -> int:
    return secrets.randbelow(10**RANDOM_DIGITS)


class IdGenerator:
    """Makes ``PREFIX + digits`` ids, strictly increasing within one generator."""

    def __init__(
        self, clock: Callable[[], int] = _clock_ms, rand: Callable[[], int] = _random
    ) -> None:
        self._clock = clock
        self._rand = rand
        self._last = 0

    def new(self, prefix: str, taken: Container[str]) -> str:
        """A fresh id with ``prefix`` that is not in ``taken``."""
        while True:
            value = self._clock() * 10**RANDOM_DIGITS + self._rand()
            value = max(value, self._last + 1)
            self._last = value
            candidate = f"{prefix}{value}"
            if candidate not in taken:
                return candidate


_GENERATOR = IdGenerator()


def new_id(prefix: str, taken: Container[str]) -> str:
    """A collision-free id for a new entity (see the module docstring)."""
    return _GENERATOR.new(prefix, taken)
