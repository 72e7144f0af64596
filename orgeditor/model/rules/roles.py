"""How the health checks recognise roles: Principal and Staff engineers, PMs, leaders, managers.

The org model stores a coarse :class:`~orgeditor.model.entities.Role` (individual contributor,
manager, director, VP, product manager, open position). Seniority tracks such as Principal or
Staff are not roles of their own, so they are recognised in this order:

1. the person's custom field ``track`` (or ``role``), as imports from HR systems often carry
   it: a value containing the word ``principal`` or ``staff``;
2. otherwise the words of the title: ``Principal`` (e.g. "Principal Engineer") or ``Staff``
   (e.g. "Staff ML Engineer"); whole words only, so "Staffing Coordinator" is not Staff.

A product manager is a person whose role is *product manager*, or whose title says "Product
Manager" (or the word "PM"). A leader is a Director or VP by role, or by title words
("Director", "VP", "Vice President", "Head of", "Chief"). A manager is a person whose role is
*manager* or who is named the manager of a team.
"""

from __future__ import annotations

import re

from orgeditor.model.entities import Person, Role

__all__ = ["is_leader", "is_pm", "is_principal", "is_staff", "track"]

_PRINCIPAL = re.compile(r"\bprincipal\b", re.IGNORECASE)
_STAFF = re.compile(r"\bstaff\b", re.IGNORECASE)
_PM = re.compile(r"\bproduct\s+manager\b|\bPM\b", re.IGNORECASE)
_LEADER = re.compile(r"\b(director|vp|vice\s+president|head\s+of|chief)\b", re.IGNORECASE)
_TRACK_FIELDS = ("track", "role")


def track(person: Person) -> str | None:
    """``"principal"``, ``"staff"`` or ``None`` (see the module docstring for the order)."""
    for key in _TRACK_FIELDS if person.fields else ():
        value = person.fields.get(key)
        if value:
            if _PRINCIPAL.search(value):
                return "principal"
            if _STAFF.search(value):
                return "staff"
    title = person.title
    if not title:
        return None
    low = title.lower()
    if "principal" not in low and "staff" not in low:  # fast path: most titles
        return None
    if _PRINCIPAL.search(title):
        return "principal"
    if _STAFF.search(title):
        return "staff"
    return None


def is_principal(person: Person) -> bool:
    return person.role is not Role.OPEN and track(person) == "principal"


def is_staff(person: Person) -> bool:
    return person.role is not Role.OPEN and track(person) == "staff"


def is_pm(person: Person) -> bool:
    if person.role is Role.PM:
        return True
    return person.role not in (Role.OPEN,) and bool(_PM.search(person.title))


def is_leader(person: Person) -> bool:
    """A Director or VP (by role, else by title words)."""
    if person.role.is_leader:
        return True
    return person.role is not Role.OPEN and bool(_LEADER.search(person.title))
