"""A plan inside the file: dated, named steps of changes, and the org as of a date.

``org.plan`` holds the planned steps, sorted by date (steps of one day keep the order they
were planned in). A step is a JSON record::

    {"id": "s172991234567803211", "name": "Q2 hires", "date": "2027-04-01",
     "changes": [<change JSON>, ...]}

``changes`` is a serialised list of :mod:`orgeditor.model.changes` (the same data the undo
history keeps), made against the org as it would be on that date. Nothing in the org as it
is changes until a step is applied: :func:`apply_plan` applies the steps due by a date, in
order. A step that no longer applies (its person left, or a value it replaces changed since
it was planned) is skipped whole and reported as a :class:`StaleStep`, never a crash.

Examples
--------
>>> from orgeditor.samples import sample_org
>>> from orgeditor.model.changes import SetField
>>> org = sample_org()
>>> title = org.people["p19"].title
>>> org.plan.append(make_step("Promote", "2027-04-01",
...     [SetField("person", "p19", "title", title, "Staff ML Engineer")]))
>>> outcome = apply_plan(org, "2027-03-31")
>>> org.people["p19"].title == title, len(outcome.applied)
(True, 0)
>>> outcome = apply_plan(org, "2027-04-01")
>>> org.people["p19"].title, len(outcome.applied), org.plan
('Staff ML Engineer', 1, [])
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from orgeditor.errors import UserError
from orgeditor.model.changes import (
    AddEntity,
    Change,
    SetField,
    change_from_json,
    unknown_reference,
)
from orgeditor.model.entities import ENTITY_KINDS
from orgeditor.model.org import Org

__all__ = [
    "PlanError",
    "PlanOutcome",
    "StaleStep",
    "apply_plan",
    "insert_index",
    "make_step",
    "parse_date",
    "revert",
    "step_changes",
    "why_not",
]

STEP_PREFIX = "s"

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")


class PlanError(UserError, ValueError):
    """A date or step a user gave that cannot be used; the message says why."""


def parse_date(text: str, today: dt.date | None = None) -> str:
    """A day as ``YYYY-MM-DD`` from ``2027-04-01``, ``2027-04`` (its first day), ``2027-Q2``
    or ``2027Q2`` (the quarter's first day) or ``today``.

    >>> parse_date("2027-Q2"), parse_date("2027-11"), parse_date("today", dt.date(2026, 5, 4))
    ('2027-04-01', '2027-11-01', '2026-05-04')
    """
    t = text.strip()
    if t.lower() == "today":
        return (today or dt.date.today()).isoformat()
    try:
        if m := _DAY.match(t):
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := _MONTH.match(t):
            return dt.date(int(m[1]), int(m[2]), 1).isoformat()
        if m := _QUARTER.match(t):
            return dt.date(int(m[1]), 3 * int(m[2]) - 2, 1).isoformat()
    except ValueError:
        raise PlanError(f"{text!r} is not a day of the calendar") from None
    raise PlanError(f"{text!r} is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY-Qn or today)")


def make_step(
    name: str, date: str, changes: Iterable[Change], id: str | None = None
) -> dict[str, Any]:
    """A step record (a fresh collision-free id unless ``id`` is given)."""
    if id is None:
        from orgeditor.model.ids import new_id

        id = new_id(STEP_PREFIX, ())
    return {
        "id": id,
        "name": name,
        "date": parse_date(date),
        "changes": [c.to_json() for c in changes],
    }


def insert_index(plan: Sequence[Mapping[str, Any]], date: str) -> int:
    """Where a new step of ``date`` goes: after every step due on or before that day."""
    i = len(plan)
    while i > 0 and plan[i - 1]["date"] > date:
        i -= 1
    return i


def step_changes(step: Mapping[str, Any]) -> list[Change]:
    """The step's changes as objects (``PlanError`` if the record cannot be read)."""
    try:
        return [change_from_json(c) for c in step["changes"]]
    except (KeyError, TypeError, ValueError) as e:
        raise PlanError(f"step {step.get('name', '')!r} holds an unreadable change: {e}") from None


# ----------------------------------------------------------------- applying
def _display(org: Org, kind: str, id: str | None) -> str:
    if id is None:
        return "nobody"
    if kind == "person":
        p = org.people.get(id)
        return p.display_name if p is not None else id
    ent = org._table(kind).get(id)
    return ent.name if ent is not None else id


def why_not(change: Change, org: Org) -> str | None:
    """Why ``change`` cannot be applied to ``org`` as it is now (``None``: it can).

    A change applies when the things it names exist and the values it replaces are the
    values the org holds now (:meth:`Change.conflict`), and the people, teams and pipelines
    it newly refers to exist. Messages name people and structures by name.
    """
    if isinstance(change, SetField) and org.has(change.kind, change.id):
        now = getattr(org.entity(change.kind, change.id), change.field)
        if now != change.old:
            name = _display(org, change.kind, change.id)
            return (
                f"the {change.field.replace('_', ' ')} of {name} is now {_show(now)}, "
                f"not {_show(change.old)} as planned"
            )
    problem = change.conflict(org)
    if problem is None:
        return None
    if not isinstance(change, AddEntity):
        for kind, id in change.subjects():
            if kind in ENTITY_KINDS and not org.has(kind, id):
                return f"{_display(org, kind, id)} is no longer in the org"
    unknown = unknown_reference(change, org)
    if unknown is not None:
        return f"{unknown[0]} {unknown[1]} is no longer in the org"
    return problem


def _show(value: Any) -> str:
    if value is None or value == "" or value == ():
        return "empty"
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return repr(str(value))


@dataclass(frozen=True, slots=True)
class StaleStep:
    """A step that could not be applied, and why."""

    id: str
    name: str
    date: str
    reason: str
    subjects: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "date": self.date, "reason": self.reason}


@dataclass(slots=True)
class PlanOutcome:
    """What :func:`apply_plan` did: the changes it applied (in order) and the stale steps."""

    applied: list[Change] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)
    stale: list[StaleStep] = field(default_factory=list)


def apply_step(org: Org, step: Mapping[str, Any]) -> tuple[list[Change], StaleStep | None]:
    """Apply one step whole, or nothing of it; returns the applied changes or why not."""
    done: list[Change] = []
    try:
        changes = step_changes(step)
    except PlanError as e:
        return [], StaleStep(step["id"], step.get("name", ""), step.get("date", ""), str(e))
    for ch in changes:
        reason = why_not(ch, org)
        if reason is None:
            try:
                ch.apply(org)
            except (KeyError, ValueError, IndexError) as e:
                reason = f"it cannot be applied ({e})"
        if reason is not None:
            revert(org, done)
            subjects = tuple(dict.fromkeys(s for c in changes for s in c.subjects()))
            return [], StaleStep(step["id"], step.get("name", ""), step["date"], reason, subjects)
        done.append(ch)
    return done, None


def apply_plan(org: Org, until: str | None, *, keep_plan: bool = False) -> PlanOutcome:
    """Apply, in order, every step of ``org.plan`` due on or before ``until`` (a day as
    ``YYYY-MM-DD``; ``None``: every step).

    The applied steps leave ``org.plan`` (so the org is the org as of that day, with the
    later steps still planned) unless ``keep_plan``; stale steps are skipped, reported and
    also leave the plan. :func:`revert` undoes ``outcome.applied``.
    """
    out = PlanOutcome()
    remaining: list[dict[str, Any]] = []
    for step in list(org.plan):
        if step["id"] in org.plan_applied:  # already shown applied (a dated view)
            continue
        if until is not None and step["date"] > until:
            remaining.append(step)
            continue
        done, stale = apply_step(org, step)
        out.applied.extend(done)
        out.steps.append(step)
        if stale is not None:
            out.stale.append(stale)
    if not keep_plan:
        org.plan[:] = remaining
    return out


def revert(org: Org, applied: Sequence[Change]) -> None:
    """Undo changes applied by :func:`apply_plan` (their inverses, last first)."""
    for ch in reversed(applied):
        ch.inverse().apply(org)


def simulate(org: Org, until: str | None = None) -> list[StaleStep]:
    """The stale steps among those due by ``until``, leaving ``org`` as it was."""
    outcome = apply_plan(org, until, keep_plan=True)
    revert(org, outcome.applied)
    return outcome.stale


def step_dates(org: Org) -> list[str]:
    """The distinct dates of the plan, in order."""
    return sorted({s["date"] for s in org.plan})
