"""The things an ML org is made of: people, teams, pipelines, org units and placements.

Entities are plain mutable records named by opaque string ids. They are owned by an
:class:`~orgeditor.model.org.Org` and must only be changed through
:mod:`orgeditor.model.changes` (in practice: through :class:`orgeditor.document.Document`),
so that every edit can be undone and announced to views.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

__all__ = [
    "ENTITY_KINDS",
    "REF_FIELDS",
    "STANDARD_TEAM_KINDS",
    "OrgUnit",
    "Person",
    "Pipeline",
    "Placement",
    "Role",
    "Team",
    "references_in",
    "team_kind_label",
]


class Role(StrEnum):
    """What a person does in the org."""

    IC = "ic"
    MANAGER = "manager"
    DIRECTOR = "director"
    VP = "vp"
    PM = "pm"
    OPEN = "open"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]

    @property
    def is_leader(self) -> bool:
        """Director or VP: runs an org of several teams."""
        return self in (Role.DIRECTOR, Role.VP)


_ROLE_LABELS = {
    Role.IC: "Individual contributor",
    Role.MANAGER: "Manager",
    Role.DIRECTOR: "Director",
    Role.VP: "VP",
    Role.PM: "Product manager",
    Role.OPEN: "Open position",
}

#: The usual team kinds, in the order in which they tend to appear as an ML org grows.
#: A team's kind is data: any other text is allowed (e.g. ``"evaluation"``).
STANDARD_TEAM_KINDS: tuple[str, ...] = (
    "data-operations",
    "modeling",
    "infrastructure",
    "tooling",
    "deployment",
)

_KIND_LABELS = {
    "data-operations": "Data Operations",
    "modeling": "Modeling",
    "infrastructure": "Infrastructure",
    "tooling": "Tooling",
    "deployment": "Deployment",
    "hr": "HR",
    "it": "IT",
}


def team_kind_label(kind: str) -> str:
    """A human label for a team kind: ``"data-operations"`` -> ``"Data Operations"``."""
    if not kind:
        return "Unspecified"
    return _KIND_LABELS.get(kind, kind.replace("-", " ").replace("_", " ").title())


@dataclass(slots=True)
class Person:
    """A person, or an open position (``role == Role.OPEN``, the name may be empty).

    ``manager`` is the one solid line manager (an id), ``dotted`` the dotted-line managers.
    ``unresolved_manager`` / ``unresolved_dotted`` keep references an import could not match
    to anybody, as the user wrote them, so that nothing is lost and the health checks can
    point at them.
    """

    id: str
    name: str = ""
    title: str = ""
    level: str = ""
    role: Role = Role.IC
    team: str | None = None
    manager: str | None = None
    dotted: tuple[str, ...] = ()
    unresolved_manager: str | None = None
    unresolved_dotted: tuple[str, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return f"Open: {self.title}" if self.title else "Open position"

    @property
    def is_open(self) -> bool:
        return self.role is Role.OPEN


@dataclass(slots=True)
class Team:
    """A column of the matrix: a specialised, long-lived team with a manager."""

    id: str
    name: str
    kind: str = ""
    manager: str | None = None
    tech_lead: str | None = None
    kpi: str = ""


@dataclass(slots=True)
class Pipeline:
    """A row of the matrix: a model pipeline, owned by an ML product manager."""

    id: str
    name: str
    owner: str | None = None
    tech_lead: str | None = None


@dataclass(slots=True)
class OrgUnit:
    """A group of teams under one leader ("ML Org", "Research Org")."""

    id: str
    name: str
    leader: str | None = None
    teams: tuple[str, ...] = ()
    tech_lead: str | None = None


@dataclass(frozen=True, slots=True)
class Placement:
    """A person in a cell of the matrix (team x pipeline), with a share of their time in %.

    ``team`` may be ``None``: the "no team" column. People without any placement sit in the
    "no pipeline" row of their own team's column.
    """

    person: str
    team: str | None
    pipeline: str
    share: int = 100

    @property
    def cell(self) -> tuple[str | None, str | None]:
        return (self.team, self.pipeline)


#: Entity kinds as named in changes, events and findings.
ENTITY_KINDS = ("person", "team", "pipeline", "unit")

_EDITABLE: dict[str, frozenset[str]] = {
    kind: frozenset(f.name for f in fields(cls)) - {"id"}
    for kind, cls in (("person", Person), ("team", Team), ("pipeline", Pipeline), ("unit", OrgUnit))
}


def editable_fields(kind: str) -> frozenset[str]:
    """The fields of an entity kind that :class:`~orgeditor.model.changes.SetField` may set."""
    return _EDITABLE[kind]


def copy_value(value: Any) -> Any:
    """A defensive copy of a field value (dicts are the only mutable field type)."""
    return dict(value) if isinstance(value, dict) else value


#: The entity fields that name other entities, and the kind they name (``dotted`` and
#: ``teams`` name several).
REF_FIELDS: dict[str, str] = {
    "manager": "person",
    "tech_lead": "person",
    "owner": "person",
    "leader": "person",
    "dotted": "person",
    "team": "team",
    "teams": "team",
}
_MANY = ("dotted", "teams")


def references_in(fields: Mapping[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """``(field, kind, id)`` for every id that the given field values of an entity name.

    >>> list(references_in({"name": "Ada", "manager": "p1", "dotted": ("p2", "p3")}))
    [('manager', 'person', 'p1'), ('dotted', 'person', 'p2'), ('dotted', 'person', 'p3')]
    """
    for name, value in fields.items():
        kind = REF_FIELDS.get(name)
        if kind is None or value is None:
            continue
        many = name in _MANY and isinstance(value, tuple | list)
        for id in value if many else (value,):
            yield name, kind, id
