"""The document: an org, its undo history, its file path and modified flag.

:class:`Document` is *the* way to change an org. Every method that edits runs one transaction
of primitive :mod:`~orgeditor.model.changes`, records it for undo with a name a user can read
("Move 12 people"), and announces exactly what changed through :attr:`Document.changed`, so
views update only what moved.

The package is split by responsibility: :mod:`~orgeditor.document.core` (signals, files,
history, transactions, ids, field edits), :mod:`~orgeditor.document.people` (people,
placements, moves) and :mod:`~orgeditor.document.structure` (teams, pipelines, org units).

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

from orgeditor.document.core import EditError
from orgeditor.document.merging import MergingMixin
from orgeditor.document.people import PeopleMixin
from orgeditor.document.planning import HiringMixin, PlanningMixin
from orgeditor.document.structure import StructureMixin, pipe_people
from orgeditor.document.viewing import ViewingMixin

__all__ = ["Document", "EditError", "pipe_people"]


class Document(ViewingMixin, PeopleMixin, StructureMixin, PlanningMixin, MergingMixin, HiringMixin):
    """An org being edited: the one mutation API, undo/redo, file path and modified flag.

    Signals (Qt-free, see :class:`~orgeditor.model.events.Signal`):

    ``changed(batch: ChangeBatch)``
        after every transaction, undo and redo: the primitive changes as applied (a tuple),
        with ``batch.summary`` (:class:`~orgeditor.model.summary.ChangeSummary`) saying what
        they touched, computed once for every listener.
    ``history_changed()``
        the undo/redo stacks or their labels changed.
    ``modified_changed(modified: bool)``
        the modified flag flipped.
    ``reset()``
        the whole org was replaced (new, open, revert).
    ``path_changed(path: Path | None)``
    ``read_only_changed(read_only: bool)``
        the document started or stopped refusing edits (:meth:`set_read_only`).
    """
