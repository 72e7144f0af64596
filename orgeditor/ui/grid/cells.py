"""The matrix scene's cell items, made lazily: a cell gets its item when a paint first shows it.

:class:`LazyCells` keeps the items made so far (one per occupied cell that has been on screen,
in :attr:`LazyCells.items`), makes the missing ones for a painted rectangle
(:meth:`LazyCells.materialize`, which remembers the last rectangles it filled so that repaints
skip looking again), and keeps the items where the layout puts their cells as counts change
and rows or columns move: it refits them, drops those whose cell emptied or went, and makes
at once the items of cells that a move brings into a view (issue 18). The scene
(:class:`~orgeditor.ui.grid.scene.MatrixScene`) decides what changed; this module only follows.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from orgeditor.model.org import Cell
from orgeditor.ui.grid.items import CellItem
from orgeditor.ui.grid.layout import GridLayout

__all__ = ["LazyCells"]

#: how many painted rectangles are remembered as having every item
_COVERED = 8


class LazyCells:
    """The cell items of one scene (children of ``parent``), made as paints show their cells."""

    def __init__(self, scene: QGraphicsScene, layout: GridLayout, parent: QGraphicsItem) -> None:
        self._scene = scene
        self._layout = layout
        self._parent = parent
        #: the cell items made so far (a cell gets one when a paint first shows it)
        self.items: dict[Cell, CellItem] = {}
        #: how many cell items were ever created (tests check that a move creates few)
        self.created = 0
        #: scene rectangles whose cells all have items (the last few painted; forgotten
        #: when cells appear or move), so that repaints skip looking for missing items
        self._covered: list[QRectF] = []

    def item(self, cell: Cell) -> CellItem | None:
        """The item of ``cell``, if one was made."""
        return self.items.get(cell)

    def materialize(self, rect: QRectF | None = None) -> int:
        """Make the items of the occupied cells that intersect ``rect`` (scene coordinates;
        ``None``: every cell) and have none yet; returns how many were made."""
        lay = self._layout
        if len(self.items) >= len(lay.counts):
            return 0
        if rect is None:
            cells: Iterable[Cell] = lay.counts
        elif any(c.contains(rect) for c in self._covered):
            return 0
        else:
            cells = lay.cells_in((rect.x(), rect.y(), rect.width(), rect.height()))
            self._covered = [QRectF(rect), *self._covered[: _COVERED - 1]]
        made = 0
        for cell in cells:
            if cell not in self.items:
                self._new(cell)
                made += 1
        return made

    def update_all(self) -> None:
        """Repaint every item made so far (its pixmap cache too)."""
        for item in self.items.values():
            item.update()

    def clear(self) -> None:
        """Remove every item (a new layout follows; paints make the items again)."""
        for item in self.items.values():
            self._scene.removeItem(item)
        self.items.clear()
        self._covered.clear()

    def recount(self, counts: dict[Cell, int]) -> None:
        """Follow cells whose headcount changed (to ``counts``, laid out already): an emptied
        cell loses its item, a new one is repainted (its item comes with the paint), the rest
        are refitted and repainted."""
        for cell, n in counts.items():
            item = self.items.get(cell)
            if n == 0:
                if item is not None:
                    self._drop(cell)
            elif item is None:
                self._covered.clear()
                self._scene.update(QRectF(*self._layout.cell_rect(cell)))
            else:
                self._place(cell)
                item.update()

    def refit(self) -> None:
        """Place every item where the layout now puts its cell, dropping those whose cell is
        gone (after the rows, columns or level of detail changed)."""
        lay = self._layout
        for cell in list(self.items):
            if lay.has_cell(cell):
                self._place(cell)
            else:
                self._drop(cell)
        self._covered.clear()

    def relocate(self, columns: set[str | None], rows: set[str | None]) -> None:
        """Move the items of these columns and rows (teams, pipelines) to where they are now;
        cells that the move brings into a view get their items at once (new items paint
        themselves; the rest of the region repaints as items move)."""
        if len(self.items) < len(self._layout.counts):
            self._covered.clear()
            for view in self._scene.views():
                self.materialize(view.mapToScene(view.viewport().rect()).boundingRect())
        for cell in self.items:
            if cell[0] in columns or cell[1] in rows:
                self._place(cell)

    def _new(self, cell: Cell) -> None:
        item = CellItem(cell, self._parent)
        self.created += 1
        x, y, _w, _h = self._layout.cell_rect(cell)
        item.setRect(0, 0, *self._layout.content_size(cell))
        item.setPos(x, y)
        self.items[cell] = item

    def _drop(self, cell: Cell) -> None:
        self._scene.removeItem(self.items.pop(cell))

    def _place(self, cell: Cell) -> None:
        item = self.items[cell]
        x, y, _w, _h = self._layout.cell_rect(cell)
        if item.pos() != QPointF(x, y):
            item.setPos(x, y)
        w, h = self._layout.content_size(cell)
        r = item.rect()
        if r.width() != w or r.height() != h:
            item.setRect(0, 0, w, h)
