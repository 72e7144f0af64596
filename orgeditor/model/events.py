"""A small Qt-free signal, so the model can announce changes without knowing who listens.

Examples
--------
>>> s = Signal()
>>> got = []
>>> s.connect(got.append)
>>> s.emit(1); got
[1]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["Signal"]


class Signal:
    """Call every connected callable, in connection order, with the emitted arguments."""

    __slots__ = ("_slots",)

    def __init__(self) -> None:
        self._slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> None:
        if slot not in self._slots:
            self._slots.append(slot)

    def disconnect(self, slot: Callable[..., Any]) -> None:
        if slot in self._slots:
            self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        for slot in list(self._slots):
            slot(*args)

    def __len__(self) -> int:
        return len(self._slots)
