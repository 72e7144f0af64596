"""The document: an org, its undo history, its file path and modified flag.

:class:`Document` is *the* way to change an org. Every method that edits runs one transaction
of primitive :mod:`~orgeditor.model.changes`, records it for undo with a name a user can read
("Move 12 people"), and announces exactly what changed through :attr:`Document.changed`, so
views update only what moved.

Examples
--------
>>> from orgeditor.document import Document
>>> doc = Document()
>>> t = doc.add_team("Modeling", kind="modeling")
>>> feed = doc.add_pipeline("Feed ranking")
>>> ada = doc.add_person("Ada", title="ML Engineer", team=t, pipeline=feed)
>>> doc.undo_label
'Add Ada'
>>> doc.undo(); ada in doc.org.people
False
>>> doc.redo(); doc.org.people[ada].name
'Ada'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
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
    entity_record,
)
from orgeditor.model.entities import Person, Role, Team
from orgeditor.model.events import Signal
from orgeditor.model.history import History, Transaction
from orgeditor.model.org import Cell, Org

__all__ = ["Document", "EditError"]

_ID_PREFIX = {"person": "p", "team": "t", "pipeline": "l", "unit": "u"}
_NUM = re.compile(r"^([a-z]+)(\d+)$")


class EditError(ValueError):
    """An edit that cannot be made (unknown id, a line to nowhere, ...). Nothing changed."""


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


class Document:
    """An org being edited: the one mutation API, undo/redo, file path and modified flag.

    Signals (Qt-free, see :class:`~orgeditor.model.events.Signal`):

    ``changed(changes: list[Change])``
        after every transaction, undo and redo, with the primitive changes as applied.
    ``history_changed()``
        the undo/redo stacks or their labels changed.
    ``modified_changed(modified: bool)``
        the modified flag flipped.
    ``reset()``
        the whole org was replaced (new, open, revert).
    ``path_changed(path: Path | None)``
    """

    def __init__(self, org: Org | None = None, path: str | Path | None = None) -> None:
        self.org = org if org is not None else Org()
        self.path: Path | None = Path(path) if path is not None else None
        self.history = History()
        self.changed = Signal()
        self.history_changed = Signal()
        self.modified_changed = Signal()
        self.reset = Signal()
        self.path_changed = Signal()
        self._tx: Transaction | None = None
        self._depth = 0
        self._counters: dict[str, int] = {}
        self._was_modified = False

    # ------------------------------------------------------------------ files
    @classmethod
    def open(cls, path: str | Path) -> Document:
        """Load an ``.orgchart`` file (raises :class:`orgeditor.io.errors.OrgFileError`)."""
        from orgeditor.io.orgfile import load

        return cls(load(path), path)

    def save(self, path: str | Path | None = None) -> Path:
        """Save atomically to ``path`` (or the current path) and mark the document clean."""
        from orgeditor.io.orgfile import save

        target = Path(path) if path is not None else self.path
        if target is None:
            raise EditError("this document has no file yet: give a path")
        save(self.org, target)
        if target != self.path:
            self.path = target
            self.path_changed.emit(target)
        self.history.set_clean()
        self._notify_modified()
        return target

    def replace_org(self, org: Org, path: str | Path | None = None) -> None:
        """Start over with another org (New, Open): history cleared, clean."""
        self.org = org
        self.path = Path(path) if path is not None else None
        self.history.clear()
        self._counters.clear()
        self.reset.emit()
        self.path_changed.emit(self.path)
        self.history_changed.emit()
        self._notify_modified()

    @property
    def is_modified(self) -> bool:
        return not self.history.is_clean

    def mark_modified(self) -> None:
        """Flag an unsaved document (an import not yet saved) without an undo step."""
        self.history._clean = None
        self._notify_modified()

    def _notify_modified(self) -> None:
        now = self.is_modified
        if now != self._was_modified:
            self._was_modified = now
            self.modified_changed.emit(now)

    # ------------------------------------------------------------ undo / redo
    @property
    def can_undo(self) -> bool:
        return self.history.can_undo

    @property
    def can_redo(self) -> bool:
        return self.history.can_redo

    @property
    def undo_label(self) -> str:
        return self.history.undo_label

    @property
    def redo_label(self) -> str:
        return self.history.redo_label

    def undo(self) -> None:
        if not self.history.can_undo or self._depth:
            return
        tx = self.history.pop_undo()
        self._replay(tx.inverse_changes())

    def redo(self) -> None:
        if not self.history.can_redo or self._depth:
            return
        tx = self.history.pop_redo()
        self._replay(list(tx.changes))

    def _replay(self, changes: list[Change]) -> None:
        for c in changes:
            c.apply(self.org)
        self.changed.emit(changes)
        self.history_changed.emit()
        self._notify_modified()

    # ----------------------------------------------------------- transactions
    @contextmanager
    def transaction(
        self, label: str, merge_key: tuple[object, ...] | None = None
    ) -> Iterator[None]:
        """Group the changes applied inside into one undo step named ``label``.

        Nested transactions join the outermost one. If the block raises, every change made
        in it is rolled back and nothing is recorded.
        """
        if self._depth == 0:
            self._tx = Transaction(label, merge_key=merge_key)
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                tx, self._tx = self._tx, None
                assert tx is not None
                for c in tx.inverse_changes():
                    c.apply(self.org)
            raise
        self._depth -= 1
        if self._depth == 0:
            tx, self._tx = self._tx, None
            assert tx is not None
            if tx.changes:
                self.history.push(tx)
                self.changed.emit(list(tx.changes))
                self.history_changed.emit()
                self._notify_modified()

    def apply(self, change: Change) -> None:
        """Apply one primitive change inside the current transaction."""
        if self._tx is None:
            raise EditError("changes must be applied inside a transaction")
        change.apply(self.org)
        self._tx.changes.append(change)

    def apply_changes(self, label: str, changes: Iterable[Change]) -> None:
        """Apply a list of primitive changes as one undo step."""
        with self.transaction(label):
            for c in changes:
                self.apply(c)

    # -------------------------------------------------------------------- ids
    def new_id(self, kind: str) -> str:
        """A fresh, unused id for an entity kind (``p12``, ``t3``, ``l4``, ``u1``)."""
        prefix = _ID_PREFIX[kind]
        table = self.org._table(kind)
        if prefix not in self._counters:
            top = 0
            for key in table:
                m = _NUM.match(key)
                if m and m.group(1) == prefix:
                    top = max(top, int(m.group(2)))
            self._counters[prefix] = top
        while True:
            self._counters[prefix] += 1
            candidate = f"{prefix}{self._counters[prefix]}"
            if candidate not in table:
                return candidate

    # ---------------------------------------------------------------- checks
    def _person(self, id: str) -> Person:
        try:
            return self.org.people[id]
        except KeyError:
            raise EditError(f"no person with id {id!r}") from None

    def _require(self, kind: str, id: str | None) -> None:
        if id is not None and not self.org.has(kind, id):
            raise EditError(f"no {kind} with id {id!r}")

    def _name(self, person: str) -> str:
        return self.org.people[person].display_name

    # ------------------------------------------------------------ fields
    def set_field(
        self, kind: str, id: str, field: str, value: Any, label: str | None = None
    ) -> None:
        """Set one field of one entity; consecutive edits of the same field merge."""
        self.set_fields(kind, [id], field, value, label)

    def set_fields(
        self, kind: str, ids: Sequence[str], field: str, value: Any, label: str | None = None
    ) -> None:
        """Set one field on several entities at once, as one undo step."""
        for id in ids:
            self._require(kind, id)
        if kind == "person" and field == "role":
            value = Role(value)
        if field in ("dotted", "unresolved_dotted", "teams") and isinstance(value, list):
            value = tuple(value)
        if field in ("manager", "tech_lead", "owner", "leader") and value is not None:
            self._require("person", value)
        if kind == "person" and field == "dotted":
            for m in value:
                self._require("person", m)
        if kind == "person" and field == "team":
            self._require("team", value)
        if label is None:
            what = field.replace("_", " ")
            if len(ids) == 1:
                ent = self.org.entity(kind, ids[0])
                name = ent.display_name if isinstance(ent, Person) else ent.name
                label = f"Set {what} of {name}"
            else:
                label = f"Set {what} of {len(ids)} {kind}s"
        key = (kind, tuple(ids), field)
        with self.transaction(label, merge_key=key):
            for id in ids:
                old = getattr(self.org.entity(kind, id), field)
                if old != value:
                    self.apply(SetField(kind, id, field, old, value))

    def rename(self, kind: str, id: str, name: str) -> None:
        self._require(kind, id)
        ent = self.org.entity(kind, id)
        old = ent.display_name if isinstance(ent, Person) else ent.name
        self.set_field(kind, id, "name", name, label=f"Rename {old} to {name}")

    def set_manager(self, person: str, manager: str | None) -> None:
        """Change a person's solid line manager (``None``: no manager)."""
        self._person(person)
        if manager is not None:
            self._person(manager)
            if manager == person:
                raise EditError("a person cannot be their own manager")
        label = (
            f"Make {self._name(manager)} manager of {self._name(person)}"
            if manager is not None
            else f"Remove manager of {self._name(person)}"
        )
        with self.transaction(label):
            p = self.org.people[person]
            if p.manager != manager:
                self.apply(SetField("person", person, "manager", p.manager, manager))
            if p.unresolved_manager is not None:
                self.apply(
                    SetField("person", person, "unresolved_manager", p.unresolved_manager, None)
                )

    def set_managers(self, people: Sequence[str], manager: str | None) -> None:
        """Give several people the same solid manager, in one step."""
        with self.transaction(f"Set manager of {_plural(len(people), 'person', 'people')}"):
            for p in people:
                self.set_manager(p, manager)

    def add_dotted(self, person: str, manager: str) -> None:
        p = self._person(person)
        self._person(manager)
        if manager == person:
            raise EditError("a person cannot have a dotted line to themselves")
        if manager in p.dotted:
            return
        with self.transaction(f"Add dotted line {self._name(person)} to {self._name(manager)}"):
            self.apply(SetField("person", person, "dotted", p.dotted, (*p.dotted, manager)))

    def remove_dotted(self, person: str, manager: str) -> None:
        p = self._person(person)
        if manager not in p.dotted:
            return
        new = tuple(m for m in p.dotted if m != manager)
        with self.transaction(f"Remove dotted line {self._name(person)} to {self._name(manager)}"):
            self.apply(SetField("person", person, "dotted", p.dotted, new))

    def set_tech_lead(self, kind: str, id: str, person: str | None) -> None:
        """Name ``person`` tech lead of a team, pipeline or org unit (``None`` clears it)."""
        self._require(kind, id)
        self._require("person", person)
        ent = self.org.entity(kind, id)
        label = (
            f"Make {self._name(person)} tech lead of {ent.name}"
            if person
            else f"Clear tech lead of {ent.name}"
        )
        if isinstance(ent, Person):
            raise EditError("tech leads are named for a team, a pipeline or an org unit")
        with self.transaction(label):
            old = ent.tech_lead
            if old != person:
                self.apply(SetField(kind, id, "tech_lead", old, person))

    def set_setting(self, key: str, value: Any) -> None:
        """Set (or with ``None`` remove) one per-file setting, as an undo step."""
        old = self.org.settings.get(key)
        if old == value:
            return
        with self.transaction(f"Change setting {key}"):
            self.apply(SetOrgField(f"settings.{key}", old, value))

    def set_org_name(self, name: str) -> None:
        if name != self.org.name:
            with self.transaction("Rename org"):
                self.apply(SetOrgField("name", self.org.name, name))

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
        role = Role(role)
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

    def _retarget(
        self, person: str, src: tuple[str | None, str], dst: tuple[str | None, str]
    ) -> None:
        """Move one placement of ``person`` from cell ``src`` to ``dst`` (merging shares)."""
        org = self.org
        share = org.share(person, *src)
        assert share is not None
        self.apply(RemovePlacement(person, src[0], src[1], share))
        there = org.share(person, *dst)
        if there is None:
            self.apply(AddPlacement(person, dst[0], dst[1], share))
        else:
            self.apply(SetShare(person, dst[0], dst[1], there, min(100, there + share)))

    def _set_team(self, person: str, team: str | None) -> None:
        """Change a person's team, taking their placements in the old column along."""
        p = self.org.people[person]
        old = p.team
        if old == team:
            return
        for pl in self.org.placements(person):
            if pl.team == old:
                self._retarget(person, (old, pl.pipeline), (team, pl.pipeline))
        self.apply(SetField("person", person, "team", old, team))

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
            for person, (from_team, from_pipe) in items:
                if copy:
                    if to_pipe is None or org.share(person, to_team, to_pipe) is not None:
                        continue
                    src = org.share(person, from_team, from_pipe) if from_pipe else None
                    if src is None or from_pipe is None:
                        self.apply(AddPlacement(person, to_team, to_pipe, 100))
                    else:
                        half = src // 2
                        self.apply(SetShare(person, from_team, from_pipe, src, src - half))
                        self.apply(AddPlacement(person, to_team, to_pipe, max(half, 1)))
                    continue
                had = from_pipe is not None and org.share(person, from_team, from_pipe) is not None
                old_team = org.people[person].team
                self._set_team(person, to_team)
                if had:
                    assert from_pipe is not None
                    # _set_team took placements in the old team's column along.
                    cur = (to_team if from_team == old_team else from_team, from_pipe)
                    if to_pipe is None:
                        share = org.share(person, *cur)
                        assert share is not None
                        self.apply(RemovePlacement(person, cur[0], cur[1], share))
                    elif cur != (to_team, to_pipe):
                        self._retarget(person, cur, (to_team, to_pipe))
                elif to_pipe is not None and org.share(person, to_team, to_pipe) is None:
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

    # ---------------------------------------------------- teams, pipelines, units
    def add_team(
        self,
        name: str,
        *,
        kind: str = "",
        manager: str | None = None,
        kpi: str = "",
        index: int | None = None,
        id: str | None = None,
    ) -> str:
        self._require("person", manager)
        id = id or self.new_id("team")
        team = Team(id, name, kind=kind, manager=manager, kpi=kpi)
        with self.transaction(f"Add team {name}"):
            self.apply(AddEntity("team", entity_record("team", team), index))
        return id

    def add_pipeline(
        self,
        name: str,
        *,
        owner: str | None = None,
        index: int | None = None,
        id: str | None = None,
    ) -> str:
        self._require("person", owner)
        id = id or self.new_id("pipeline")
        rec = {"id": id, "name": name, "owner": owner, "tech_lead": None}
        with self.transaction(f"Add pipeline {name}"):
            self.apply(AddEntity("pipeline", rec, index))
        return id

    def add_unit(
        self,
        name: str,
        *,
        leader: str | None = None,
        teams: Sequence[str] = (),
        id: str | None = None,
    ) -> str:
        self._require("person", leader)
        for t in teams:
            self._require("team", t)
        id = id or self.new_id("unit")
        rec = {"id": id, "name": name, "leader": leader, "teams": list(teams), "tech_lead": None}
        with self.transaction(f"Add org unit {name}"):
            self.apply(AddEntity("unit", rec, None))
        return id

    def move_entity(self, kind: str, id: str, index: int) -> None:
        """Reorder a team, pipeline or org unit (a header drag)."""
        self._require(kind, id)
        order = self.org.order_of(kind)
        index = max(0, min(index, len(order) - 1))
        old = order.index(id)
        if old == index:
            return
        ent = self.org.entity(kind, id)
        with self.transaction(f"Move {kind} {ent.name}"):
            self.apply(MoveEntity(kind, id, old, index))

    def remove_team(self, id: str) -> None:
        """Delete a team: its people move to "no team"; units forget it."""
        self._require("team", id)
        org = self.org
        team = org.teams[id]
        with self.transaction(f"Delete team {team.name}"):
            for p in list(org.people.values()):
                if p.team == id:
                    self._set_team(p.id, None)
                for pl in org.placements(p.id):
                    if pl.team == id:
                        self._retarget(p.id, (id, pl.pipeline), (None, pl.pipeline))
            for u in org.units.values():
                if id in u.teams:
                    self.apply(
                        SetField(
                            "unit", u.id, "teams", u.teams, tuple(t for t in u.teams if t != id)
                        )
                    )
            self.apply(RemoveEntity("team", entity_record("team", team), org.team_order.index(id)))

    def remove_pipeline(self, id: str) -> None:
        """Delete a pipeline: everyone placed on it is taken off it."""
        self._require("pipeline", id)
        org = self.org
        pipe = org.pipelines[id]
        with self.transaction(f"Delete pipeline {pipe.name}"):
            for p in pipe_people(org, id):
                for pl in org.placements(p):
                    if pl.pipeline == id:
                        self.apply(RemovePlacement(p, pl.team, id, pl.share))
            self.apply(
                RemoveEntity(
                    "pipeline", entity_record("pipeline", pipe), org.pipeline_order.index(id)
                )
            )

    def remove_unit(self, id: str) -> None:
        self._require("unit", id)
        unit = self.org.units[id]
        with self.transaction(f"Delete org unit {unit.name}"):
            self.apply(
                RemoveEntity("unit", entity_record("unit", unit), self.org.unit_order.index(id))
            )


def pipe_people(org: Org, pipeline: str) -> list[str]:
    return [p.id for p in org.pipeline_people(pipeline)]
