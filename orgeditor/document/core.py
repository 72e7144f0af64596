"""The document's core: signals, files, undo history, transactions, ids and field edits.

:class:`DocumentCore` holds the org, its :class:`~orgeditor.model.history.History`, its path
and modified flag, and the transaction machinery every edit runs through. The edits that
touch one field of one entity live here too; people and placements are in
:mod:`orgeditor.document.people`, teams, pipelines and org units in
:mod:`orgeditor.document.structure`. Use :class:`orgeditor.document.Document`, which combines
them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from orgeditor.errors import UserError
from orgeditor.model.changes import Change, SetField, SetOrgField
from orgeditor.model.entities import Person, Role, editable_fields
from orgeditor.model.events import Signal
from orgeditor.model.history import History, Transaction
from orgeditor.model.org import Org
from orgeditor.model.placements import AddPlacement, RemovePlacement, SetShare
from orgeditor.model.summary import ChangeBatch

__all__ = ["DocumentCore", "EditError"]

_ID_PREFIX = {"person": "p", "team": "t", "pipeline": "l", "unit": "u"}
_NUM = re.compile(r"^([a-z]+)(\d+)$")
_KIND_PLURAL = {"person": "people", "team": "teams", "pipeline": "pipelines", "unit": "org units"}


class EditError(UserError):
    """An edit that cannot be made (unknown id, a line to nowhere, ...). Nothing changed."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


class DocumentCore:
    """Org, history, path and modified flag; transactions; field edits.

    See :class:`orgeditor.document.Document` for the signals.
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
        self.read_only_changed = Signal()
        #: edits are refused (another window has the file): see :meth:`set_read_only`
        self.read_only = False
        self._tx: Transaction | None = None
        self._depth = 0
        self._counters: dict[str, int] = {}
        self._was_modified = False

    # ------------------------------------------------------------------ files
    @classmethod
    def open(cls, path: str | Path) -> Self:
        """Load an ``.orgchart`` file (raises :class:`orgeditor.io.errors.OrgFileError`)."""
        from orgeditor.io.orgfile import load

        return cls(load(path), path)

    def save(self, path: str | Path | None = None, *, overwrite_read_only: bool = False) -> Path:
        """Save atomically to ``path`` (or the current path) and mark the document clean.

        A read-only file is refused (:class:`OrgFileError`) unless ``overwrite_read_only``.
        """
        from orgeditor.io.orgfile import save

        target = Path(path) if path is not None else self.path
        if target is None:
            raise EditError("this document has no file yet: give a path")
        if self.read_only and self.path is not None and _same_file(target, self.path):
            raise EditError(self.read_only_reason())
        save(self.org, target, overwrite_read_only=overwrite_read_only)
        self.set_read_only(False)  # saved under another name: the copy is this window's
        if target != self.path:
            self.path = target
            self.path_changed.emit(target)
        self.history.set_clean()
        self._notify_modified()
        return target

    def replace_org(
        self, org: Org, path: str | Path | None = None, *, read_only: bool = False
    ) -> None:
        """Start over with another org (New, Open): history cleared, clean."""
        self.org = org
        self.path = Path(path) if path is not None else None
        self.set_read_only(read_only)
        self.history.clear()
        self._counters.clear()
        self.reset.emit()
        self.path_changed.emit(self.path)
        self.history_changed.emit()
        self._notify_modified()

    # -------------------------------------------------------------- read-only
    def set_read_only(self, on: bool) -> None:
        """Refuse (or accept again) every edit: the file is open in another window, and
        this one only shows it. Saving under another name makes the document writable."""
        if on != self.read_only:
            self.read_only = on
            self.read_only_changed.emit(on)

    def read_only_reason(self) -> str:
        """The one line an edit of a read-only document is refused with."""
        name = self.path.name if self.path is not None else "this document"
        return f"{name} is open read-only: Save As to edit a copy"

    def _writable(self) -> None:
        if self.read_only:
            raise EditError(self.read_only_reason())

    @property
    def is_modified(self) -> bool:
        return not self.history.is_clean

    def mark_modified(self) -> None:
        """Flag an unsaved document (an import not yet saved) without an undo step."""
        self.history.forget_clean()
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
        self._writable()
        tx = self.history.pop_undo()
        self._replay(tx.inverse_changes())

    def redo(self) -> None:
        if not self.history.can_redo or self._depth:
            return
        self._writable()
        tx = self.history.pop_redo()
        self._replay(list(tx.changes))

    def _replay(self, changes: list[Change]) -> None:
        for c in changes:
            c.apply(self.org)
        self._announce(changes)

    def _announce(self, changes: list[Change]) -> None:
        """Tell the listeners what a transaction, undo or redo did."""
        self.changed.emit(ChangeBatch(changes))
        self.history_changed.emit()
        self._notify_modified()

    # ----------------------------------------------------------- transactions
    @contextmanager
    def transaction(
        self, label: str, merge_key: tuple[object, ...] | None = None
    ) -> Iterator[None]:
        """Group the changes applied inside into one undo step named ``label``.

        Nested transactions join the outermost one (its label and merge key name the step).
        Each level keeps a savepoint: if a block raises, the changes made inside that block
        are undone (their inverses, in reverse order) and dropped, and the exception goes on.
        An outer block that catches it carries on with what it did before; if the outermost
        block raises, nothing is recorded and nothing is announced. A read-only document
        refuses the outermost block (:class:`EditError`, before anything runs).
        """
        if self._tx is None:
            self._writable()
            self._tx = Transaction(label, merge_key=merge_key)
        tx = self._tx
        savepoint = len(tx.changes)
        self._depth += 1
        try:
            yield
        except BaseException:
            self._rollback(tx, savepoint)
            raise
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._tx = None
        if self._depth == 0 and tx.changes:
            self.history.push(tx)
            self._announce(list(tx.changes))

    def _rollback(self, tx: Transaction, savepoint: int) -> None:
        """Undo and forget the changes made since ``savepoint``."""
        undone = tx.changes[savepoint:]
        del tx.changes[savepoint:]
        for c in reversed(undone):
            c.inverse().apply(self.org)

    def apply(self, change: Change) -> None:
        """Apply one primitive change inside the current transaction.

        The change must fit the org as it is (:meth:`Change.conflict`): a change whose
        ``old`` value, record or index is stale raises :class:`EditError` and applies nothing.
        """
        if self._tx is None:
            raise EditError("changes must be applied inside a transaction")
        problem = change.conflict(self.org)
        if problem is not None:
            raise EditError(f"cannot apply {change.op!r}: {problem}")
        change.apply(self.org)
        self._tx.changes.append(change)

    def apply_changes(self, label: str, changes: Iterable[Change]) -> None:
        """Apply a list of primitive changes as one undo step; if one of them does not fit
        the org as the ones before it left it, :class:`EditError` and none is applied."""
        with self.transaction(label):
            for c in changes:
                self.apply(c)

    # -------------------------------------------------------------------- ids
    def new_id(self, kind: str) -> str:
        """A fresh id for an entity kind, unique across copies of the file
        (``p`` + milliseconds + random digits, see :mod:`orgeditor.model.ids`)."""
        from orgeditor.model.ids import new_id

        return new_id(_ID_PREFIX[kind], self.org._table(kind))

    def _fresh_id(self, kind: str, id: str | None) -> str:
        """``id`` if given and unused (else :class:`EditError`), or a new id."""
        if not id:
            return self.new_id(kind)
        if self.org.has(kind, id):
            raise EditError(f"a {kind} with id {id!r} already exists")
        return id

    # ---------------------------------------------------------------- checks
    def _person(self, id: str) -> Person:
        try:
            return self.org.people[id]
        except KeyError:
            raise EditError(f"no person with id {id!r}") from None

    def _require(self, kind: str, id: str | None) -> None:
        if kind not in _KIND_PLURAL:
            raise EditError(f"unknown kind of entity {kind!r}")
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
        self._require(kind, None)
        for id in ids:
            self._require(kind, id)
        value = self._checked_value(kind, field, value)
        if label is None:
            what = field.replace("_", " ")
            if len(ids) == 1:
                ent = self.org.entity(kind, ids[0])
                name = ent.display_name if isinstance(ent, Person) else ent.name
                label = f"Set {what} of {name}"
            else:
                label = f"Set {what} of {len(ids)} {_KIND_PLURAL[kind]}"
        key = (kind, tuple(ids), field)
        with self.transaction(label, merge_key=key):
            for id in ids:
                old = getattr(self.org.entity(kind, id), field)
                if old != value:
                    self.apply(SetField(kind, id, field, old, value))

    def _checked_value(self, kind: str, field: str, value: Any) -> Any:
        """The value in the field's type, or :class:`EditError` if a file could not hold it."""
        if field not in editable_fields(kind):
            raise EditError(f"a {kind} has no field {field!r}")
        if field == "role":
            try:
                return Role(value)
            except ValueError:
                roles = ", ".join(r.value for r in Role)
                raise EditError(f"unknown role {value!r} (one of: {roles})") from None
        if field in ("name", "title", "level", "kind", "kpi"):
            if not isinstance(value, str):
                raise EditError(f"the {field} must be text, not {value!r}")
            return value
        if field == "fields":
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                raise EditError("custom fields must map names to texts")
            return dict(value)
        if field in ("dotted", "unresolved_dotted", "teams"):
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                raise EditError(f"the {field.replace('_', ' ')} must be a list of ids")
            value = tuple(value)
            for v in value if field != "unresolved_dotted" else ():
                self._require("team" if field == "teams" else "person", v)
            return value
        if value is not None and not isinstance(value, str):
            raise EditError(f"the {field.replace('_', ' ')} must be an id or nothing")
        if field in ("manager", "tech_lead", "owner", "leader"):
            self._require("person", value)
        elif field == "team":
            self._require("team", value)
        return value

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

    # ------------------------------------------------- placement helpers
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
