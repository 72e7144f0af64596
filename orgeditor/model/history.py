"""Undo/redo history: a stack of named transactions of primitive changes, with a clean index.

A :class:`Transaction` is what one user action did ("Move 12 people"): a list of changes,
undone by applying their inverses in reverse order. Consecutive edits of the same field of
the same entity merge into one step (typing a name does not leave one step per keystroke).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orgeditor.model.changes import Change, SetField
from orgeditor.model.placements import SetShare

__all__ = ["History", "Transaction"]


@dataclass(slots=True)
class Transaction:
    label: str
    changes: list[Change] = field(default_factory=list)
    #: Transactions with the same non-empty merge key that follow each other become one step.
    merge_key: tuple[object, ...] | None = None

    def inverse_changes(self) -> list[Change]:
        return [c.inverse() for c in reversed(self.changes)]


class History:
    """The undo and redo stacks of one document."""

    def __init__(self, limit: int = 1000) -> None:
        self._done: list[Transaction] = []
        self._undone: list[Transaction] = []
        self._clean: int | None = 0
        self.limit = limit
        self._merge_barrier = False

    # ----------------------------------------------------------------- state
    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    @property
    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    @property
    def index(self) -> int:
        return len(self._done)

    @property
    def is_clean(self) -> bool:
        return self._clean == len(self._done)

    def labels(self) -> list[str]:
        """Labels of the done steps, oldest first (for a history view)."""
        return [t.label for t in self._done]

    @property
    def clean_index(self) -> int | None:
        """The position that was saved (or opened), or ``None`` if no position is."""
        return self._clean

    def set_clean(self) -> None:
        """The current position is what was saved."""
        self._clean = len(self._done)
        self._merge_barrier = True

    def forget_clean(self) -> None:
        """No position is what was saved (an import not yet saved, a lost saved state)."""
        self._clean = None

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._clean = 0

    # -------------------------------------------------------------- recording
    def push(self, tx: Transaction) -> None:
        """Record a transaction that has already been applied."""
        self._undone.clear()
        if self._clean is not None and self._clean > len(self._done):
            self._clean = None  # the clean state was in the redo stack: it is gone
        last = self._done[-1] if self._done else None
        if (
            last is not None
            and tx.merge_key is not None
            and tx.merge_key == last.merge_key
            and not self._merge_barrier
            and self._clean != len(self._done)
        ):
            last.changes = _merge(last.changes, tx.changes)
            return
        self._merge_barrier = False
        self._done.append(tx)
        if len(self._done) > self.limit:
            self._done.pop(0)
            if self._clean is not None:
                self._clean = self._clean - 1 if self._clean > 0 else None

    def break_merge(self) -> None:
        """The next transaction starts a new step even if it could merge."""
        self._merge_barrier = True

    def pop_undo(self) -> Transaction:
        tx = self._done.pop()
        self._undone.append(tx)
        self._merge_barrier = True
        return tx

    def pop_redo(self) -> Transaction:
        tx = self._undone.pop()
        self._done.append(tx)
        self._merge_barrier = True
        return tx


def _merge(first: list[Change], then: list[Change]) -> list[Change]:
    """Fold two runs of single-field (or share) edits into one: old from the first, new from
    the last."""
    pairs = list(zip(first, then, strict=False))
    if len(first) == len(then):
        merged: list[Change] = []
        for a, b in pairs:
            if (
                isinstance(a, SetField)
                and isinstance(b, SetField)
                and (a.kind, a.id, a.field) == (b.kind, b.id, b.field)
            ):
                merged.append(SetField(a.kind, a.id, a.field, a.old, b.new))
            elif (
                isinstance(a, SetShare)
                and isinstance(b, SetShare)
                and (a.person, a.team, a.pipeline) == (b.person, b.team, b.pipeline)
            ):
                merged.append(SetShare(a.person, a.team, a.pipeline, a.old, b.new))
            else:
                return first + then
        return merged
    return first + then
