"""Planned steps through the Document: record edits "planned for DATE" instead of applying
them, and rename, re-date or delete steps, each as one undo step.

>>> from orgeditor.document import Document
>>> from orgeditor.samples import sample_org
>>> doc = Document(sample_org())
>>> with doc.planned("2027-Q2", "Promote Ada"):
...     doc.set_field("person", "p19", "title", "Staff ML Engineer")
>>> doc.org.people["p19"].title != "Staff ML Engineer", doc.undo_label
(True, 'Plan Promote Ada for 2027-04-01')
>>> [(s["name"], s["date"]) for s in doc.org.plan]
[('Promote Ada', '2027-04-01')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from orgeditor.document.core import DocumentCore, EditError
from orgeditor.model.changes import Change
from orgeditor.model.items import AddItem, RemoveItem, SetItemField, item_index
from orgeditor.model.plan import (
    PlanError,
    apply_plan,
    insert_index,
    make_step,
    parse_date,
    revert,
)

__all__ = ["HiringMixin", "PlanningMixin"]


def _day(date: str) -> str:
    try:
        return parse_date(date)
    except PlanError as e:
        raise EditError(str(e)) from None


class PlanningMixin(DocumentCore):
    """Edits of ``org.plan``: planned steps with an effective date."""

    @contextmanager
    def planned(self, date: str, name: str = "") -> Iterator[None]:
        """Edits made inside become one planned step for ``date`` instead of changing the
        org as it is.

        The edits run against the org as of that date (the steps due by then applied), so a
        step can move someone hired by an earlier step. Afterwards the org is exactly as
        before and ``org.plan`` holds one more step; the whole is one undo step.
        """
        day = _day(date)
        label = f"Plan {name or 'changes'} for {day}"
        with self.transaction(label):
            tx = self._tx
            assert tx is not None
            start = len(tx.changes)
            # the org as of that day: not recorded, reverted below
            outcome = apply_plan(self.org, day, keep_plan=True)
            try:
                yield
            finally:
                made = tx.changes[start:]
                del tx.changes[start:]
                revert(self.org, made)
                revert(self.org, outcome.applied)
            if made:
                self._add_step(make_step(name or "Planned changes", day, made))

    def plan_changes(self, date: str, name: str, changes: Iterable[Change]) -> str:
        """Record ``changes`` (made against the org as of ``date``) as a step; its id."""
        step = make_step(name, _day(date), list(changes))
        with self.transaction(f"Plan {name} for {step['date']}"):
            self._add_step(step)
        return str(step["id"])

    def _add_step(self, step: dict[str, object]) -> None:
        self.apply(AddItem("plan", step, insert_index(self.org.plan, str(step["date"]))))

    def _step(self, id: str) -> tuple[int, dict[str, object]]:
        try:
            i = item_index(self.org, "plan", id)
        except KeyError:
            raise EditError(f"no planned step with id {id!r}") from None
        return i, self.org.plan[i]

    def rename_step(self, id: str, name: str) -> None:
        _i, step = self._step(id)
        if step["name"] != name:
            with self.transaction(f"Rename step {step['name']} to {name}"):
                self.apply(SetItemField("plan", id, "name", step["name"], name))

    def move_step(self, id: str, date: str) -> None:
        """Give a step another effective date (it moves to its place in date order)."""
        i, step = self._step(id)
        day = _day(date)
        if step["date"] == day:
            return
        with self.transaction(f"Move step {step['name']} to {day}"):
            self.apply(RemoveItem("plan", step, i))
            moved = {**step, "date": day}
            self.apply(AddItem("plan", moved, insert_index(self.org.plan, day)))

    def remove_step(self, id: str) -> None:
        i, step = self._step(id)
        with self.transaction(f"Delete step {step['name']}"):
            self.apply(RemoveItem("plan", step, i))


class HiringMixin(DocumentCore):
    """The hiring facts of open positions and the cost of people, as undo steps."""

    def set_hiring(
        self,
        person: str,
        *,
        start_date: str | None = None,
        status: str | None = None,
        backfill_of: str | None = None,
        cost: str | float | None = None,
    ) -> None:
        """Set hiring facts (``""`` clears one, ``None`` leaves it). A cost marks the
        ``cost`` field sensitive (kept out of exports unless asked)."""
        from orgeditor.model.changes import SetField, SetOrgField
        from orgeditor.model.hiring import (
            BACKFILL,
            COST,
            SENSITIVE_SETTING,
            START,
            STATUS,
            HiringError,
            check_hiring,
        )

        p = self._person(person)
        fields = dict(p.fields)
        for key, value in (
            (START, start_date),
            (STATUS, status),
            (BACKFILL, backfill_of),
            (COST, cost),
        ):
            if value is None:
                continue
            try:
                checked = check_hiring(key, str(value))
            except HiringError as e:
                raise EditError(str(e)) from None
            if key == BACKFILL and checked and checked not in self.org.people:
                found = self.org.find_person(checked)
                if found is None:
                    raise EditError(f"backfill of: no person {checked!r}")
                checked = found.id
            if checked:
                fields[key] = checked
            else:
                fields.pop(key, None)
        if fields == p.fields:
            return
        with self.transaction(f"Set hiring plan of {p.display_name}"):
            self.apply(SetField("person", person, "fields", dict(p.fields), fields))
            marked = list(self.org.settings.get(SENSITIVE_SETTING) or [])
            if COST in fields and COST not in marked:
                old = self.org.settings.get(SENSITIVE_SETTING)
                new = sorted({*marked, COST})
                self.apply(SetOrgField(f"settings.{SENSITIVE_SETTING}", old, new))

    def set_cost_settings(
        self, currency: str, levels: dict[str, float], default: float | None = None
    ) -> None:
        """The annual cost per level (and a default) in a currency, as one undo step."""
        from orgeditor.model.hiring import COST_SETTING

        value: dict[str, object] = {"currency": currency, "levels": dict(levels)}
        if default is not None:
            value["default"] = default
        self.set_setting(COST_SETTING, value)
