"""One vocabulary for titles, roles and team kinds: what a title says about a person.

Every part of orgeditor that reads a title asks this module: the health checks, the grid's
badges, the export's cards and the HR import. So "Staffing Coordinator" is nobody's Staff
engineer anywhere, and a "Chief of Staff" is a chief's staff everywhere.

Tracks (Principal, Staff)
    Engineering tracks live only in engineering titles. A title is on the **Principal** or
    **Staff** track when it has the whole word *Principal* or *Staff* **and** an engineering
    word (engineer, scientist, researcher, developer, architect, ML, AI, software, SRE, ...)
    **and** is not a management, product or "of staff" title. So "Principal Engineer",
    "Staff ML Engineer" and "Principal Research Scientist" are on a track; "Principal
    Accountant", "Principal Counsel", "Principal Product Marketing Manager", "Staff Product
    Manager", "Chief of Staff", "Member of Technical Staff" and "Staffing Coordinator" are
    not. A custom field ``track`` (or ``role``), as HR systems carry it, naming Principal or
    Staff puts an engineer on that track too (not a PM, a manager or a leader).
Product managers
    Role *product manager*, or a title saying "Product Manager", "Product Owner", "Product
    Lead" or "PM" (so "Staff Product Manager" and "Group Product Manager" are PMs; "Product
    Marketing Manager" is not).
Leaders
    A Director or VP by role, or a title with Director, VP, Vice President, Head of, President,
    Chief (a CTO, CEO, ...), General Counsel or General Manager. A "Chief of Staff" or an
    assistant to a leader is not a leader: they are the leader's **own staff**.
Company head
    A person at the top of the org whose title is a company's top job: Chief ... Officer (CEO,
    CTO, ...), President, Founder, Owner, Managing Director, General Manager.
Team kinds are not titles: :mod:`orgeditor.model.kinds` says which carry the ML flag.

Examples
--------
>>> title_track("Staff ML Engineer"), title_track("Staffing Coordinator")
('staff', None)
>>> title_track("Principal Accountant"), title_is_leader("Chief of Staff")
(None, False)
>>> title_is_pm("Staff Product Manager"), title_is_leader("General Counsel")
(True, True)
>>> title_role("Chief of Staff"), title_role("General Counsel"), title_role("Group Product Manager")
(<Role.IC: 'ic'>, <Role.VP: 'vp'>, <Role.PM: 'pm'>)
"""

from __future__ import annotations

import re
from functools import lru_cache

from orgeditor.model.entities import Person, Role

__all__ = [
    "Track",
    "is_company_head",
    "is_leader",
    "is_own_staff",
    "is_pm",
    "is_principal",
    "is_staff",
    "title_is_engineering",
    "title_is_leader",
    "title_is_pm",
    "title_role",
    "title_track",
    "track",
]

#: ``"principal"``, ``"staff"`` or ``None``.
Track = str | None


class _Words:
    """A case-blind regular expression, compiled on its first search: compiling all of
    them costs a millisecond of every command's start-up, and an export reads only the
    track and product-manager ones."""

    __slots__ = ("_compiled", "_source")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self._source, re.IGNORECASE)
        return self._compiled.search(text)


_PRINCIPAL = _Words(r"\bprincipal\b")
_STAFF = _Words(r"\bstaff\b")
_OF_STAFF = _Words(r"\bof\s+(?:\w+\s+)?staff\b")
_ENGINEERING = _Words(
    r"\b(engineer\w*|scientists?|science|research\w*|developers?|architects?|swe|sre|devops|"
    r"mlops|programmers?|technologists?|ml|ai|machine\s+learning|software|computer\s+vision|"
    r"nlp|fellow)\b"
)
_MANAGEMENT = _Words(
    r"\b(manager|management|director|head|vp|vice\s+president|chief|lead\s+manager|"
    r"supervisor|mgr)\b"
)
_PM = _Words(r"\bproduct\s+(?:manager|owner|lead)s?\b|\bPMs?\b")
_LEADER = _Words(
    r"\b(director|s?e?vp|vice[\s-]*president|president|head\s+of|chief|general\s+counsel|"
    r"general\s+manager|c[eotfip]o|cxo|founder)\b"
)
_NOT_LEADER = _Words(
    r"\bchief\s+of\s+staff\b|\b(?:executive|administrative|personal)\s+assistant\b|"
    r"\bassistant\s+to\b"
)
_OWN_STAFF = _Words(
    r"\bchief\s+of\s+staff\b|\b(?:executive|administrative|personal)\s+assistant\b|"
    r"\bassistant\s+to\b|\bbusiness\s+(?:manager|partner)\b|\bprogram\s+manager\b"
)
_COMPANY_HEAD = _Words(
    r"\bchief\s+\w+(?:\s+\w+)?\s+officer\b|\bc[eotf]o\b|(?<!vice\s)(?<!vice-)\bpresident\b|"
    r"\bco-?founder\b|\bfounder\b|\bowner\b|\bmanaging\s+director\b|\bgeneral\s+manager\b"
)
_TRACK_FIELDS = ("track", "role")

# The role a title suggests, first match wins (the import's reading of a title).
_ROLE_RULES: tuple[tuple[Role, _Words], ...] = (
    (Role.OPEN, _Words(r"\b(open position|open role|vacan(t|cy)|tbh|to be hired)\b")),
    (
        Role.VP,
        _Words(
            r"\b(s?e?vp|vice[\s-]*president|president|chief|c[eiotfp]o|cxo|general\s+counsel|"
            r"founder)\b"
        ),
    ),
    (Role.DIRECTOR, _Words(r"\b(director|head of|head,|general\s+manager)\b")),
    (Role.PM, _PM),
    (Role.MANAGER, _Words(r"\b(manager|supervisor|mgr)\b")),
)


# ----------------------------------------------------------------------------- titles
#: the readings of this many distinct titles are remembered (an org has a few hundred: the
#: health checks read the same titles thousands of times)
_TITLES_CACHED = 4096


@lru_cache(maxsize=_TITLES_CACHED)
def title_is_engineering(title: str) -> bool:
    """Whether a title names engineering or science work (see the module docstring)."""
    return bool(_ENGINEERING.search(title))


@lru_cache(maxsize=_TITLES_CACHED)
def title_is_pm(title: str) -> bool:
    return bool(_PM.search(title))


@lru_cache(maxsize=_TITLES_CACHED)
def title_is_leader(title: str) -> bool:
    """Director, VP, Head of, Chief, General Counsel ... but not a Chief of Staff."""
    return bool(_LEADER.search(title)) and not _NOT_LEADER.search(title)


@lru_cache(maxsize=_TITLES_CACHED)
def title_track(title: str) -> Track:
    """``"principal"``, ``"staff"`` or ``None`` for an engineering title."""
    if not title:
        return None
    low = title.lower()
    if "principal" not in low and "staff" not in low:  # fast path: most titles
        return None
    if not _engineering_ic(title):
        return None
    if _PRINCIPAL.search(title):
        return "principal"
    if _STAFF.search(title) and not _OF_STAFF.search(title):
        return "staff"
    return None


@lru_cache(maxsize=_TITLES_CACHED)
def _engineering_ic(title: str) -> bool:
    return (
        title_is_engineering(title)
        and not _MANAGEMENT.search(title)
        and not _PM.search(title)
        and not _OF_STAFF.search(title)
    )


@lru_cache(maxsize=_TITLES_CACHED)
def _not_leader(title: str) -> bool:
    """A Chief of Staff, an assistant ...: staff, not a leader, whatever else the title says."""
    return bool(_NOT_LEADER.search(title))


@lru_cache(maxsize=_TITLES_CACHED)
def _own_staff_title(title: str) -> bool:
    return bool(_OWN_STAFF.search(title))


def title_role(title: str) -> Role:
    """The role a title suggests (the import's default when no role column says it)."""
    staff = bool(_NOT_LEADER.search(title))
    for role, pattern in _ROLE_RULES:
        if staff and role in (Role.VP, Role.DIRECTOR):
            continue
        if pattern.search(title):
            return role
    return Role.IC


# ----------------------------------------------------------------------------- people
def track(person: Person) -> Track:
    """A person's engineering track: the ``track``/``role`` field, else the title."""
    if person.role is Role.OPEN:
        return None
    fields = person.fields
    if (
        fields
        and (fields.get("track") or fields.get("role"))
        and person.role not in (Role.PM, Role.DIRECTOR, Role.VP)
    ):
        title = person.title
        if not title or _engineering_ic(title):
            for key in _TRACK_FIELDS:
                value = person.fields.get(key)
                if value and _PRINCIPAL.search(value):
                    return "principal"
                if value and _STAFF.search(value) and not _OF_STAFF.search(value):
                    return "staff"
    if person.role is Role.PM:
        return None
    return title_track(person.title)


def is_principal(person: Person) -> bool:
    return track(person) == "principal"


def is_staff(person: Person) -> bool:
    return track(person) == "staff"


def is_pm(person: Person) -> bool:
    """Role product manager, or a product manager's title (never an open position)."""
    if person.role is Role.PM:
        return True
    return person.role is not Role.OPEN and title_is_pm(person.title)


def is_leader(person: Person) -> bool:
    """A Director or VP by role, else by title (a Chief of Staff is not one)."""
    if person.role is Role.OPEN:
        return False
    if person.role.is_leader:
        return not _not_leader(person.title)
    return title_is_leader(person.title)


def is_own_staff(person: Person) -> bool:
    """A leader's own staff: chief of staff, assistant, Principal engineer, program manager."""
    return _own_staff_title(person.title) or is_principal(person)


def is_company_head(person: Person) -> bool:
    """A company's top job by title: CEO, CTO, President, Founder, Managing Director ..."""
    title = person.title
    return (
        person.role is not Role.OPEN
        and not _not_leader(title)
        and bool(_COMPANY_HEAD.search(title))
    )
