"""Which team kinds are ML kinds: the ML flag the health checks read.

A team's kind is data (:data:`~orgeditor.model.entities.STANDARD_TEAM_KINDS` plus any text
the user writes). A kind *carries the ML flag* when it is one of the five standard ML kinds
or when the file's settings list it under :data:`ML_KINDS_SETTING`::

    "settings": {"ml_team_kinds": ["evaluation", "research"]}

The import gives plainly non-ML departments one of :data:`NON_ML_KINDS` (never ML, whatever
the settings say), so that rules meant for the ML org can leave Finance or Sales alone.

>>> is_ml_kind("modeling", {}), is_ml_kind("evaluation", {"ml_team_kinds": ["evaluation"]})
(True, True)
>>> is_ml_kind("finance", {"ml_team_kinds": ["finance"]}), is_ml_kind("", {})
(False, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orgeditor.model.entities import STANDARD_TEAM_KINDS

__all__ = ["ML_KINDS_SETTING", "NON_ML_KINDS", "is_ml_kind", "ml_kinds"]

#: The settings key: a list of the user's own kinds that carry the ML flag.
ML_KINDS_SETTING = "ml_team_kinds"

#: Kinds of plainly non-ML departments, as the import writes them.
NON_ML_KINDS: tuple[str, ...] = (
    "finance",
    "sales",
    "shipping",
    "legal",
    "hr",
    "marketing",
    "support",
    "it",
    "administration",
)


def ml_kinds(settings: Mapping[str, Any]) -> frozenset[str]:
    """Every kind that carries the ML flag under these file settings."""
    extra = settings.get(ML_KINDS_SETTING)
    user = [k for k in extra if isinstance(k, str)] if isinstance(extra, list) else []
    return frozenset(STANDARD_TEAM_KINDS).union(user).difference(NON_ML_KINDS)


def is_ml_kind(kind: str, settings: Mapping[str, Any]) -> bool:
    """Whether a team kind carries the ML flag (the standard five, or marked ML in settings)."""
    return bool(kind) and kind in ml_kinds(settings)
