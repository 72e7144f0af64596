"""Changes to where people sit in the matrix: placing a person in a cell (team x pipeline),
taking them out, and changing their share of time there.

Like every change (:mod:`orgeditor.model.changes`) each names what it replaces, so a change
made for another state of the org is refused before anything is applied.

Examples
--------
>>> from orgeditor.model.org import Org
>>> from orgeditor.model.changes import AddEntity
>>> org = Org()
>>> AddEntity("person", {"id": "p1", "name": "Ada"}).apply(org)
>>> AddEntity("pipeline", {"id": "l1", "name": "Ranking"}).apply(org)
>>> AddPlacement("p1", None, "l1", 50).apply(org); org.share("p1", None, "l1")
50
>>> SetShare("p1", None, "l1", 100, 60).conflict(org)
"person p1's share in (None, 'l1') is 50, not 100 as the change expects"
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar

from orgeditor.model.changes import Change, not_found, reference_conflict, stale
from orgeditor.model.entities import Placement
from orgeditor.model.org import Org

__all__ = ["AddPlacement", "RemovePlacement", "SetShare", "share_conflict"]


@dataclass(frozen=True, slots=True)
class _CellChange(Change):
    """A change to one person's place in one cell (team x pipeline)."""

    person: str
    team: str | None
    pipeline: str

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, **{f.name: getattr(self, f.name) for f in fields(self)}}

    def subjects(self) -> list[tuple[str, str]]:
        return [("person", self.person)]


@dataclass(frozen=True, slots=True)
class AddPlacement(_CellChange):
    """Place a person in a cell (team x pipeline) with a share in %."""

    share: int = 100
    op: ClassVar[str] = "place"

    def conflict(self, org: Org) -> str | None:
        if self.person not in org.people:
            return not_found("person", self.person)
        missing = reference_conflict(self, org)
        if missing is not None:
            return missing
        if org.share(self.person, self.team, self.pipeline) is not None:
            return f"person {self.person} is already in cell {(self.team, self.pipeline)!r}"
        return None

    def references(self) -> list[tuple[str, str, Any]]:
        team = [] if self.team is None else [("team", "team", self.team)]
        return [*team, ("pipeline", "pipeline", self.pipeline)]

    def apply(self, org: Org) -> None:
        org._add_placement(Placement(self.person, self.team, self.pipeline, self.share))

    def inverse(self) -> Change:
        return RemovePlacement(self.person, self.team, self.pipeline, self.share)


@dataclass(frozen=True, slots=True)
class RemovePlacement(_CellChange):
    """Take a person out of a cell."""

    share: int = 100
    op: ClassVar[str] = "unplace"

    def conflict(self, org: Org) -> str | None:
        return share_conflict(org, self.person, self.team, self.pipeline, self.share)

    def apply(self, org: Org) -> None:
        org._remove_placement(self.person, self.team, self.pipeline)

    def inverse(self) -> Change:
        return AddPlacement(self.person, self.team, self.pipeline, self.share)


@dataclass(frozen=True, slots=True)
class SetShare(_CellChange):
    """Change the share of an existing placement."""

    old: int
    new: int
    op: ClassVar[str] = "share"

    def conflict(self, org: Org) -> str | None:
        return share_conflict(org, self.person, self.team, self.pipeline, self.old)

    def apply(self, org: Org) -> None:
        org._set_share(self.person, self.team, self.pipeline, self.new)

    def inverse(self) -> Change:
        return SetShare(self.person, self.team, self.pipeline, self.new, self.old)


def share_conflict(
    org: Org, person: str, team: str | None, pipeline: str, expected: int
) -> str | None:
    if person not in org.people:
        return not_found("person", person)
    now = org.share(person, team, pipeline)
    if now is None:
        return f"person {person} is not in cell {(team, pipeline)!r}"
    if now != expected:
        return stale(f"person {person}", f"share in {(team, pipeline)!r}", now, expected)
    return None
