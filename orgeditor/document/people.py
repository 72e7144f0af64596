"""People and placements: add, delete, place, share, move on the matrix, change team."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from orgeditor.document.core import DocumentCore, EditError, _plural
from orgeditor.model.changes import AddEntity, RemoveEntity, SetField
from orgeditor.model.entities import Person, Role
from orgeditor.model.org import Cell
from orgeditor.model.placements import AddPlacement, RemovePlacement, SetShare
from orgeditor.model.records import entity_record

__all__ = ["PeopleMixin"]


class PeopleMixin(DocumentCore):
    """Edits of people and of their placements in the team x pipeline matrix."""

    # ------------------------------------------------------------ people
    def add_person(
        self,
        name: str = "",
        *,
        title: str = "",
        level: str = "",
        role: Role | str = Role.IC,
        team: str | None = None,
        pipeline: str | None = None,
        share: int = 100,
        manager: str | None = None,
        dotted: Sequence[str] = (),
        fields: dict[str, str] | None = None,
        id: str | None = None,
    ) -> str:
        """Add a person (or an open position with ``role="open"``); returns the new id."""
        role = Role(self._checked_value("person", "role", role))
        _check_share(share)
        self._require("team", team)
        self._require("pipeline", pipeline)
        self._require("person", manager)
        for d in dotted:
            self._require("person", d)
        if id is None:
            id = self.new_id("person")
        elif id in self.org.people:
            raise EditError(f"a person with id {id!r} already exists")
        person = Person(
            id=id,
            name=name,
            title=title,
            level=level,
            role=role,
            team=team,
            manager=manager,
            dotted=tuple(dotted),
            fields=dict(fields or {}),
        )
        label = (
            f"Add {person.display_name}" if name or role is not Role.OPEN else "Add open position"
        )
        with self.transaction(label):
            self.apply(AddEntity("person", entity_record("person", person)))
            if pipeline is not None:
                self.apply(AddPlacement(id, team, pipeline, share))
        return id

    def remove_people(self, ids: Sequence[str]) -> None:
        """Delete people. Their solid reports move up to the nearest manager who stays;
        every line, lead, owner and placement naming them is cleared; all in one step."""
        ids = list(dict.fromkeys(ids))
        for i in ids:
            self._person(i)
        if not ids:
            return
        gone = set(ids)
        org = self.org
        label = (
            f"Delete {self._name(ids[0])}"
            if len(ids) == 1
            else f"Delete {_plural(len(ids), 'person', 'people')}"
        )
        with self.transaction(label):
            for i in ids:
                heir = org.people[i].manager
                seen = {i}
                while heir is not None and heir in gone and heir not in seen:
                    seen.add(heir)
                    heir = org.people[heir].manager
                if heir in gone:
                    heir = None
                for kind, ref_id, field in org.references_to(i):
                    if kind == "person" and ref_id in gone and field == "manager":
                        continue
                    ent = org.entity(kind, ref_id)
                    old = getattr(ent, field)
                    if field == "dotted":
                        new: Any = tuple(m for m in old if m != i)
                    elif kind == "person" and field == "manager":
                        new = heir
                    else:
                        new = None
                    self.apply(SetField(kind, ref_id, field, old, new))
            for i in ids:
                p = org.people[i]
                if p.manager is not None and p.manager in gone:
                    self.apply(SetField("person", i, "manager", p.manager, None))
                for pl in org.placements(i):
                    self.apply(RemovePlacement(i, pl.team, pl.pipeline, pl.share))
            for i in ids:
                self.apply(RemoveEntity("person", entity_record("person", org.people[i])))

    # -------------------------------------------------------------- placements
    def add_placement(self, person: str, team: str | None, pipeline: str, share: int = 100) -> None:
        self._person(person)
        self._require("team", team)
        self._require("pipeline", pipeline)
        _check_share(share)
        if self.org.share(person, team, pipeline) is not None:
            raise EditError(f"{self._name(person)} is already in that cell")
        pl_name = self.org.pipelines[pipeline].name
        with self.transaction(f"Place {self._name(person)} on {pl_name}"):
            self.apply(AddPlacement(person, team, pipeline, share))

    def remove_placement(self, person: str, team: str | None, pipeline: str) -> None:
        share = self.org.share(person, team, pipeline)
        if share is None:
            raise EditError("no such placement")
        pl_name = self.org.pipelines[pipeline].name
        with self.transaction(f"Take {self._name(person)} off {pl_name}"):
            self.apply(RemovePlacement(person, team, pipeline, share))

    def set_share(self, person: str, team: str | None, pipeline: str, share: int) -> None:
        old = self.org.share(person, team, pipeline)
        if old is None:
            raise EditError("no such placement")
        if not 0 <= share <= 100:
            raise EditError(f"a share is a percentage from 0 to 100, not {share}")
        if old == share:
            return
        key = ("share", person, team, pipeline)
        with self.transaction(f"Set share of {self._name(person)}", merge_key=key):
            self.apply(SetShare(person, team, pipeline, old, share))

    def move_people(
        self,
        items: Sequence[tuple[str, Cell]],
        to: Cell,
        *,
        copy: bool = False,
    ) -> None:
        """Drop people on a cell of the matrix, as one undo step.

        ``items`` are ``(person, from_cell)``: the card that was dragged and the cell it came
        from. A move puts the person in the target team (with their placements in the old
        column) and moves the dragged placement to the target pipeline. With ``copy`` (a
        Ctrl-drag) the person keeps their place and shares time with the target cell: the
        dragged placement's share is split in two.
        """
        to_team, to_pipe = to
        self._require("team", to_team)
        self._require("pipeline", to_pipe)
        items = [(p, c) for p, c in dict.fromkeys(items)]
        for p, _c in items:
            self._person(p)
        if not items:
            return
        n = len({p for p, _c in items})
        first = self._name(items[0][0])
        where = self.org.pipelines[to_pipe].name if to_pipe else "no pipeline"
        if copy:
            label = f"Share {first} with {where}" if n == 1 else f"Share {n} people with {where}"
        else:
            label = f"Move {first}" if n == 1 else f"Move {n} people"
        org = self.org
        with self.transaction(label):
            if copy:
                for person, (from_team, from_pipe) in items:
                    if to_pipe is None or org.share(person, to_team, to_pipe) is not None:
                        continue
                    src = org.share(person, from_team, from_pipe) if from_pipe else None
                    if src is None or from_pipe is None:
                        self.apply(AddPlacement(person, to_team, to_pipe, 100))
                    else:
                        half = src // 2
                        if half:
                            self.apply(SetShare(person, from_team, from_pipe, src, src - half))
                        self.apply(AddPlacement(person, to_team, to_pipe, max(half, 1)))
                return
            # First the dragged cards go to the target cell, then each person changes team,
            # taking the placements still in their old team's column along.
            placed: set[str] = set()
            for person, (from_team, from_pipe) in items:
                if from_pipe is None or org.share(person, from_team, from_pipe) is None:
                    continue
                placed.add(person)
                cell = (from_team, from_pipe)
                if to_pipe is None:
                    share = org.share(person, *cell)
                    assert share is not None
                    self.apply(RemovePlacement(person, from_team, from_pipe, share))
                elif cell != (to_team, to_pipe):
                    self._retarget(person, cell, (to_team, to_pipe))
            for person in dict.fromkeys(p for p, _c in items):
                self._set_team(person, to_team)
                if (
                    person not in placed
                    and to_pipe is not None
                    and org.share(person, to_team, to_pipe) is None
                ):
                    self.apply(AddPlacement(person, to_team, to_pipe, 100))

    def move_to_team(self, people: Sequence[str], team: str | None) -> None:
        """Change the team only (a drop on a column header), as one undo step."""
        self._require("team", team)
        people = list(dict.fromkeys(people))
        name = self.org.teams[team].name if team else "no team"
        label = (
            f"Move {self._name(people[0])} to {name}"
            if len(people) == 1
            else f"Move {len(people)} people to {name}"
        )
        with self.transaction(label):
            for p in people:
                self._person(p)
                self._set_team(p, team)


def _check_share(share: object) -> None:
    """A placement's share is a whole percentage, 0 or more (more than 100 is allowed: the
    model holds over-allocated people as they are and the health checks flag them)."""
    if not isinstance(share, int) or isinstance(share, bool) or share < 0:
        raise EditError(f"a share is a whole percentage, 0 or more, not {share!r}")
