"""The document as of a date: the plan's steps due by then shown applied, and edits made
meanwhile recorded as steps planned for that date.

``doc.view_at("2027-04-01")`` applies the steps due by that day to the org in place, without
an undo step, and announces them through ``changed`` like any edit, so that every view shows
the org as of that date. While a date is shown, each edit (one user action, one undo step)
becomes a planned step for that date instead of a change of the org as it is: the view shows
it applied, the plan holds it. ``doc.view_at(None)`` goes back to the org as it is. Undo,
redo and save step out of the dated view and back in, so the file and the history always
hold the org as it is plus its plan.

>>> from orgeditor.document import Document
>>> from orgeditor.samples import sample_org
>>> doc = Document(sample_org())
>>> title = doc.org.people["p19"].title
>>> doc.view_at("2027-04-01")
>>> doc.set_field("person", "p19", "title", "Staff ML Engineer")
>>> doc.org.people["p19"].title, doc.undo_label
('Staff ML Engineer', 'Plan Set title of Ada Lovelace-Park for 2027-04-01')
>>> doc.view_at(None)
>>> doc.org.people["p19"].title == title, [s["date"] for s in doc.org.plan]
(True, ['2027-04-01'])
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from orgeditor.document.core import DocumentCore, EditError
from orgeditor.model.changes import Change
from orgeditor.model.items import AddItem
from orgeditor.model.plan import (
    PlanError,
    StaleStep,
    apply_plan,
    insert_index,
    make_step,
    parse_date,
    revert,
)
from orgeditor.model.summary import ChangeBatch

__all__ = ["ViewingMixin"]


class ViewingMixin(DocumentCore):
    """Shows the org as of a date; edits meanwhile become planned steps."""

    _view_day: str | None = None
    _view_applied: list[Change]
    _view_stale: list[StaleStep]

    @property
    def view_day(self) -> str | None:
        """The date shown (``YYYY-MM-DD``), or ``None`` for the org as it is."""
        return self._view_day

    @property
    def view_stale(self) -> list[StaleStep]:
        """The steps that did not apply on the way to the date shown."""
        return list(getattr(self, "_view_stale", []))

    def view_at(self, date: str | None) -> None:
        """Show the org as of ``date`` (``None``: as it is)."""
        day = None
        if date is not None:
            try:
                day = parse_date(date)
            except PlanError as e:
                raise EditError(str(e)) from None
        if day == self._view_day:
            return
        if self._depth:
            raise EditError("cannot change the date shown in the middle of an edit")
        self._leave_view()
        if day is not None:
            self._enter_view(day)

    def _enter_view(self, day: str) -> None:
        outcome = apply_plan(self.org, day, keep_plan=True)
        self._view_day = day
        self._view_applied = list(outcome.applied)
        self._view_stale = outcome.stale
        self.org.plan_applied = {s["id"] for s in outcome.steps}
        if outcome.applied:
            self.changed.emit(ChangeBatch(outcome.applied))

    def _leave_view(self) -> str | None:
        day = self._view_day
        if day is None:
            return None
        applied = self._view_applied
        self._view_day = None
        self._view_applied = []
        self._view_stale = []
        self.org.plan_applied = set()
        revert(self.org, applied)
        if applied:
            self.changed.emit(ChangeBatch(c.inverse() for c in reversed(applied)))
        return day

    @contextmanager
    def _as_is(self) -> Iterator[None]:
        day = self._leave_view()
        try:
            yield
        finally:
            if day is not None:
                self._enter_view(day)

    # --------------------------------------------------- edits while dated
    @contextmanager
    def transaction(
        self, label: str, merge_key: tuple[object, ...] | None = None
    ) -> Iterator[None]:
        day = self._view_day
        if day is None or self._depth:
            with super().transaction(label, merge_key):
                yield
            return
        made: list[Change] = []
        with super().transaction(f"Plan {label} for {day}"):
            tx = self._tx
            assert tx is not None
            start = len(tx.changes)
            yield
            made = tx.changes[start:]
            del tx.changes[start:]
            if made:
                step = make_step(label, day, made)
                self.apply(AddItem("plan", step, insert_index(self.org.plan, day)))
                self.org.plan_applied.add(step["id"])
        if made:  # they stay applied in the dated view: announce them too
            self._view_applied.extend(made)
            self.changed.emit(ChangeBatch(made))

    def undo(self) -> None:
        with self._as_is():
            super().undo()

    def redo(self) -> None:
        with self._as_is():
            super().redo()

    def save(self, path: str | Path | None = None, *, overwrite_read_only: bool = False) -> Path:
        with self._as_is():
            return super().save(path, overwrite_read_only=overwrite_read_only)

    # ------------------------------------ edits of the plan itself: as it is
    @contextmanager
    def planned(self, date: str, name: str = "") -> Iterator[None]:
        with self._as_is(), super().planned(date, name):  # type: ignore[misc]
            yield

    def plan_changes(self, *args: Any, **kwargs: Any) -> str:
        with self._as_is():
            return str(super().plan_changes(*args, **kwargs))  # type: ignore[misc]

    def rename_step(self, *args: Any, **kwargs: Any) -> None:
        with self._as_is():
            super().rename_step(*args, **kwargs)  # type: ignore[misc]

    def move_step(self, *args: Any, **kwargs: Any) -> None:
        with self._as_is():
            super().move_step(*args, **kwargs)  # type: ignore[misc]

    def remove_step(self, *args: Any, **kwargs: Any) -> None:
        with self._as_is():
            super().remove_step(*args, **kwargs)  # type: ignore[misc]

    def resolve_conflict(self, *args: Any, **kwargs: Any) -> None:
        with self._as_is():
            super().resolve_conflict(*args, **kwargs)  # type: ignore[misc]

    def replace_org(self, *args: Any, **kwargs: Any) -> None:
        self._view_day = None  # the org shown is replaced whole: nothing to revert
        self._view_applied = []
        self._view_stale = []
        super().replace_org(*args, **kwargs)
