"""The Inspector dock: edits whatever is selected, only through :class:`Document` methods.

One person shows :class:`~orgeditor.ui.inspector.person.PersonPage`; several people show
:class:`~orgeditor.ui.inspector.pages.MultiPage` (role, team, manager, level); a selected
team, pipeline or org unit header shows :class:`~orgeditor.ui.inspector.pages.EntityPage`.
The page reloads (once, after the event that caused it) when the document changes something
it shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from orgeditor.model.summary import ChangeBatch
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.inspector.pages import EntityPage, MultiPage
from orgeditor.ui.inspector.person import PersonPage
from orgeditor.ui.inspector.widgets import PeopleNamesModel
from orgeditor.ui.selection import Selection

__all__ = ["Inspector"]


class Inspector(QScrollArea):
    """The inspector for the shared selection."""

    def __init__(
        self,
        bridge: DocumentBridge,
        selection: Selection,
        parent: QWidget | None = None,
        *,
        fill: bool = True,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.selection = selection
        self.names = PeopleNamesModel(bridge, fill=fill)
        self.stack = QStackedWidget()
        self.empty = QLabel("Select a person, a team or a pipeline to see and edit it here.")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setStyleSheet("color: #616e7c;")
        self.person = PersonPage(bridge, self.names)
        self.multi = MultiPage(bridge, self.names)
        self.entity = EntityPage(bridge, self.names)
        for page in (self.empty, self.person, self.multi, self.entity):
            self.stack.addWidget(page)
        holder = QWidget()
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.stack)
        self.setWidget(holder)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = self.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(holder.minimumSizeHint().width() + bar + 2)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        selection.changed.connect(lambda _ids: self.refresh())
        selection.currentEntityChanged.connect(lambda _k, _i: self.refresh())
        bridge.changed.connect(self._on_changed)
        bridge.reset.connect(self._timer.start)
        self.refresh()

    def _on_changed(self, batch: ChangeBatch) -> None:
        s = batch.summary
        shown = set(self.selection.people)
        kind, _eid = self.selection.entity
        if (
            s.teams
            or s.pipelines
            or s.units
            or s.structure
            or s.settings
            or not shown.isdisjoint(s.people)
            # one person or a header shown: a line to or from it may have changed through
            # someone else
            or len(shown) == 1
            or kind
        ):
            self._timer.start(0)

    def refresh(self) -> None:
        org = self.bridge.document.org
        ids = [p for p in self.selection.people if p in org.people]
        kind, eid = self.selection.entity
        if len(ids) == 1:
            self.person.load(ids[0])
            self.stack.setCurrentWidget(self.person)
        elif ids:
            self.multi.load(ids)
            self.stack.setCurrentWidget(self.multi)
        elif kind and org.has(kind, eid):
            self.entity.load(kind, eid)
            self.stack.setCurrentWidget(self.entity)
        else:
            self.stack.setCurrentWidget(self.empty)
