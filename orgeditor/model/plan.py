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

from orgeditor.model.changes import (
    AddEntity,
    AddPlacement,
    Change,
    MoveEntity,
    RemoveEntity,
    RemovePlacement,
    SetField,
    SetOrgField,
    SetShare,
    change_from_json,
    entity_record,
)
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

_REF_FIELDS = {"manager", "tech_lead", "owner", "leader"}


class PlanError(ValueError):
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


def _missing(org: Org, kind: str, id: str | None) -> str | None:
    if id is None or org.has(kind, id):
        return None
    return f"{kind} {id} is no longer in the org"


def why_not(change: Change, org: Org) -> str | None:
    """Why ``change`` cannot be applied to ``org`` as it is now (``None``: it can).

    A change applies when the things it names exist and the values it replaces are the
    values the org holds now.
    """
    if isinstance(change, SetField):
        if not org.has(change.kind, change.id):
            return f"{_display(org, change.kind, change.id)} is no longer in the org"
        ent = org.entity(change.kind, change.id)
        now = getattr(ent, change.field)
        if now != change.old:
            name = _display(org, change.kind, change.id)
            return (
                f"the {change.field.replace('_', ' ')} of {name} is now {_show(now)}, "
                f"not {_show(change.old)} as planned"
            )
        new = change.new
        if change.field in _REF_FIELDS:
            return _missing(org, "person", new)
        if change.field == "team":
            return _missing(org, "team", new)
        if change.field == "dotted":
            return next((m for d in new if (m := _missing(org, "person", d))), None)
        if change.field == "teams":
            return next((m for t in new if (m := _missing(org, "team", t))), None)
        return None
    if isinstance(change, AddEntity):
        rec = change.record
        if org.has(change.kind, rec["id"]):
            return f"{change.kind} {rec['id']} already exists"
        for key, kind in (
            ("team", "team"),
            ("manager", "person"),
            ("tech_lead", "person"),
            ("owner", "person"),
            ("leader", "person"),
        ):
            if why := _missing(org, kind, rec.get(key)):
                return why
        for key, kind in (("dotted", "person"), ("teams", "team")):
            for ref in rec.get(key) or ():
                if why := _missing(org, kind, ref):
                    return why
        return None
    if isinstance(change, RemoveEntity):
        id = change.record["id"]
        if not org.has(change.kind, id):
            return f"{_display(org, change.kind, id)} is no longer in the org"
        now = entity_record(change.kind, org.entity(change.kind, id))
        if now != change.record:
            return f"{_display(org, change.kind, id)} changed since the step was planned"
        if change.kind == "person":
            if org._placements.get(id):
                return f"{_display(org, 'person', id)} still has places in the matrix"
            if org.direct_reports(id) or org.dotted_reports(id):
                return f"{_display(org, 'person', id)} still has reports"
        elif change.kind in ("team", "pipeline"):
            at = 0 if change.kind == "team" else 1
            if any(cell[at] == id for cell in org.occupied_cells()):
                return f"{_display(org, change.kind, id)} still has people"
        return None
    if isinstance(change, MoveEntity):
        return None if org.has(change.kind, change.id) else f"{change.kind} {change.id} is gone"
    if isinstance(change, AddPlacement | RemovePlacement | SetShare):
        if change.person not in org.people:
            return f"{_display(org, 'person', change.person)} is no longer in the org"
        for why in (_missing(org, "team", change.team), _missing(org, "pipeline", change.pipeline)):
            if why:
                return why
        share = org.share(change.person, change.team, change.pipeline)
        name = _display(org, "person", change.person)
        if isinstance(change, AddPlacement):
            return f"{name} is already in that cell" if share is not None else None
        expected = change.share if isinstance(change, RemovePlacement) else change.old
        if share is None:
            return f"{name} is no longer in that cell"
        if share != expected:
            return f"{name}'s share there is now {share}%, not {expected}% as planned"
        return None
    if isinstance(change, SetOrgField):
        current: Any = (
            org.name
            if change.field == "name"
            else org.settings.get(change.field.removeprefix("settings."))
        )
        return None if current == change.old else f"the org's {change.field} changed"
    return None


def _show(value: Any) -> str:
    if value is None or value == "" or value == ():
        return "empty"
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return repr(str(value))


def _effective(change: Change, org: Org) -> Change:
    """The change as it will apply here (a move's start index as the org has it now)."""
    if isinstance(change, MoveEntity):
        order = org.order_of(change.kind)
        old = order.index(change.id)
        new = max(0, min(change.new_index, len(order) - 1))
        return MoveEntity(change.kind, change.id, old, new)
    return change


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
            ch = _effective(ch, org)
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
