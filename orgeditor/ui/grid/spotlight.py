"""Showing on the grid what another panel points at: a person's card (Find, the People list,
a new person) or the cards and headers a finding is about, scrolled into view and flashed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QTimer

if TYPE_CHECKING:
    from orgeditor.ui.grid.view import MatrixView

__all__ = ["Spotlight"]

#: how long the frame around what was pointed at stays (ms)
FLASH_MS = 900


class Spotlight(QObject):
    """The view's pointer for the other panels: :meth:`person` and :meth:`subjects`."""

    def __init__(self, view: MatrixView) -> None:
        super().__init__(view)
        self.view = view
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: view.matrix.drop_marker.setVisible(False))

    def person(self, person_id: str) -> None:
        """Select a person, make their card the current one and centre it."""
        view = self.view
        rect = view.matrix.card_scene_rect(person_id, view._cell_of.get(person_id))
        if rect is None:
            return
        view.selection.set_people([person_id])
        view._set_current(person_id, view._cell_at(person_id, rect))
        view.centerOn(rect.center())

    def subjects(self, subjects: list[tuple[str, str]]) -> None:
        """Select the people and the first team or pipeline of ``(kind, id)`` pairs, centre
        the first of them and flash a frame around it."""
        view = self.view
        org = view.document.org
        people = [i for k, i in subjects if k == "person" and i in org.people]
        entities = [(k, i) for k, i in subjects if k in ("team", "pipeline") and org.has(k, i)]
        if people:
            view.selection.set_people(people)
            rect = view.matrix.card_scene_rect(people[0])
            if rect is not None:
                view.centerOn(rect.center())
                self.flash(rect.adjusted(-4, -4, 4, 4))
        if entities:
            kind, id = entities[0]
            view.selection.set_entity(kind, id)
            lay = view.matrix.layout
            if kind == "team":
                x, y, w, h = lay.column_header_rect(lay.column_of(id))
            else:
                x, y, w, h = lay.row_header_rect(lay.row_of(id))
            if not people:
                r = QRectF(x, y, w, h)
                view.centerOn(r.center())
                self.flash(r)

    def flash(self, rect: QRectF) -> None:
        marker = self.view.matrix.drop_marker
        marker.setRect(rect)
        marker.setVisible(True)
        self._timer.start(FLASH_MS)
