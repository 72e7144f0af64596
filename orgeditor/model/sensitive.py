"""Sensitive fields: what an HR export carries that planning an org does not need.

Salaries, e-mail addresses, phone numbers, home addresses, birth dates and national ids are
*sensitive*. The import recognises them by their column header (:func:`sensitive_category`)
and drops them unless the user keeps them; a kept one is listed in the org's settings under
:data:`SENSITIVE_SETTING` (``settings["sensitive_fields"]``: the custom field names), and
every export asks :func:`public_fields` for the fields it may write, so that a sensitive field
never leaves in an export unless the user asks (``--include-sensitive``).

>>> sensitive_category("Annual Salary (EUR)")
'salary'
>>> sensitive_category("Work e-mail"), sensitive_category("Job title")
('e-mail', None)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orgeditor.model.entities import Person
    from orgeditor.model.org import Org

__all__ = [
    "SENSITIVE_SETTING",
    "is_sensitive",
    "mark_sensitive",
    "public_fields",
    "sensitive_category",
    "sensitive_fields",
]

#: The settings key listing the custom fields kept although sensitive.
SENSITIVE_SETTING = "sensitive_fields"

# checked on the header in lower case with separators as spaces ("phone_number" -> "phone number")
_CATEGORIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "salary",
        re.compile(
            r"\b(salary|salaries|compensation|comp|pay rate|payrate|wage|wages|bonus|commission"
            r"|commission pct|equity|stock options?|rsus?|ote|base pay|total rewards|income)\b"
        ),
    ),
    ("e-mail", re.compile(r"\b(e ?mail|email address|mail address)\b|^mail$")),
    ("phone", re.compile(r"\b(phone|telephone|mobile|cell ?phone|tel|phone number)\b")),
    (
        "home address",
        re.compile(
            r"\b(home|private|personal|residential) (address|street|postcode|"
            r"postal code|zip|city)\b|^(address|street address|postcode|postal code|zip|"
            r"zip code)$"
        ),
    ),
    (
        "birth date",
        re.compile(r"\b(birth ?date|date of birth|dob|birthday|birth day|age)\b"),
    ),
    (
        "national id",
        re.compile(
            r"\b(national (id|identifier|insurance|number)|ssn|social security|sin|tax id|"
            r"tax number|tfn|passport|personnummer|nino|bsn|aadhaar|id card)\b"
        ),
    ),
    (
        "personal",
        re.compile(
            r"\b(gender|sex|ethnicity|race|religion|marital status|disability|"
            r"bank account|iban|emergency contact)\b"
        ),
    ),
)
_SEPARATORS = re.compile(r"[\s_\-.]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=4096)
def sensitive_category(header: str) -> str | None:
    """The kind of sensitive data a column header names (``"salary"``, ``"e-mail"``,
    ``"phone"``, ``"home address"``, ``"birth date"``, ``"national id"``, ``"personal"``),
    or ``None``."""
    text = _SEPARATORS.sub(" ", _CAMEL.sub(" ", header)).strip().casefold()
    for category, pattern in _CATEGORIES:
        if pattern.search(text):
            return category
    return None


def sensitive_fields(org: Org) -> frozenset[str]:
    """The custom field names the org keeps marked as sensitive (see also
    :func:`is_sensitive`: a field whose name says it is sensitive is, marked or not)."""
    names = org.settings.get(SENSITIVE_SETTING)
    if not isinstance(names, list):
        return frozenset()
    return frozenset(n for n in names if isinstance(n, str))


def mark_sensitive(org: Org, names: Iterable[str]) -> None:
    """Add field names to the org's sensitive list (sorted, for stable files)."""
    merged = sorted(sensitive_fields(org) | set(names))
    if merged:
        org.settings[SENSITIVE_SETTING] = merged


def is_sensitive(org: Org, name: str) -> bool:
    """Whether a custom field is sensitive: marked so in the file, or named so
    (``salary``, ``e-mail``, ...: an org typed by hand is protected too)."""
    return name in sensitive_fields(org) or sensitive_category(name) is not None


def public_fields(org: Org, person: Person, include_sensitive: bool = False) -> dict[str, str]:
    """The custom fields of ``person`` an export may write: all of them with
    ``include_sensitive``, otherwise all but the sensitive ones (:func:`is_sensitive`).

    The one question every exporter (CSV, GraphML, diagrams, speaker notes) asks.
    """
    fields = person.fields
    if include_sensitive or not fields:
        return fields
    marked = sensitive_fields(org)
    if not any(k in marked or sensitive_category(k) is not None for k in fields):
        return fields
    return {k: v for k, v in fields.items() if k not in marked and sensitive_category(k) is None}
