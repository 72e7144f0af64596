"""Pure geometry of the matrix grid: where columns, rows, cells and cards go (no Qt).

Columns are the teams in the user's order followed by a "No team" column; rows are a
"No pipeline" row (people without placements: leaders, managers) followed by the pipelines in
the user's order. Both extra lines are always present so that everybody is visible and each
can be dropped on. Cards flow in ``per_row`` columns inside a cell; a column's ``per_row``
follows its fullest cell, a row's height follows its tallest cell.

The layout keeps only ids and counts. :meth:`GridLayout.update_cells` relayouts the rows and
columns of the cells given and reports which rows and columns changed place or size, so that
the scene repositions only those items.

Examples
--------
>>> lay = GridLayout()
>>> lay.set_structure(["t1", "t2"], ["l1"])
>>> _ = lay.update_cells({("t1", "l1"): 3})
>>> lay.card_rect(("t1", "l1"), 0)[:2] == (lay.cell_rect(("t1", "l1"))[0] + PAD,
...                                       lay.cell_rect(("t1", "l1"))[1] + CELL_TOP)
True
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "CARD_GAP",
    "CARD_H",
    "CARD_W",
    "CELL_TOP",
    "COL_HEADER_H",
    "PAD",
    "ROW_HEADER_W",
    "GridLayout",
    "Hit",
    "Rect",
    "per_row_for",
]

Key = str | None
CellKey = tuple[Key, Key]
#: (x, y, width, height)
Rect = tuple[float, float, float, float]

CARD_W = 176.0
CARD_H = 46.0
CARD_GAP = 6.0
PAD = 10.0
#: space at the top of a cell for its headcount
CELL_TOP = 22.0
ROW_HEADER_W = 220.0
COL_HEADER_H = 84.0
MIN_ROW_H = CELL_TOP + CARD_H + PAD
MAX_PER_ROW = 128
MAX_LINES = 12


def per_row_for(count: int) -> int:
    """How many cards sit side by side in a column whose fullest cell holds ``count``."""
    if count <= 3:
        return 1
    # roughly square cells, but a very full cell grows wide rather than tall (at most
    # MAX_LINES lines) so that one crowded cell does not make a whole row tall
    return min(MAX_PER_ROW, max(math.ceil(math.sqrt(count / 2)), math.ceil(count / MAX_LINES)))


def _col_width(per_row: int) -> float:
    return 2 * PAD + per_row * CARD_W + (per_row - 1) * CARD_GAP


def _cell_height(count: int, per_row: int) -> float:
    lines = max(1, math.ceil(count / per_row))
    return CELL_TOP + lines * CARD_H + (lines - 1) * CARD_GAP + PAD


@dataclass(frozen=True, slots=True)
class Hit:
    """What lies under a point: ``area`` is ``"card"``, ``"cell"``, ``"column"`` (header),
    ``"row"`` (header), ``"corner"`` or ``"outside"``."""

    area: str
    team: Key = None
    pipeline: Key = None
    index: int = -1
    column: int = -1
    row: int = -1

    @property
    def cell(self) -> CellKey:
        return (self.team, self.pipeline)


class GridLayout:
    """Columns and rows of the matrix and the cards in its cells."""

    def __init__(self) -> None:
        self.columns: list[Key] = [None]
        self.rows: list[Key] = [None]
        self._col_index: dict[Key, int] = {None: 0}
        self._row_index: dict[Key, int] = {None: 0}
        self.counts: dict[CellKey, int] = {}
        self._col_cells: dict[Key, dict[Key, int]] = {}
        self._row_cells: dict[Key, dict[Key, int]] = {}
        self.per_row: dict[Key, int] = {}
        self.col_x: list[float] = []
        self.col_w: list[float] = []
        self.row_y: list[float] = []
        self.row_h: list[float] = []
        self._offsets()

    # ----------------------------------------------------------------- building
    def set_structure(self, teams: Iterable[str], pipelines: Iterable[str]) -> None:
        """Set the column and row order (teams and pipelines in the user's order)."""
        self.columns = [*teams, None]
        self.rows = [None, *pipelines]
        self._col_index = {k: i for i, k in enumerate(self.columns)}
        self._row_index = {k: i for i, k in enumerate(self.rows)}
        gone = [c for c in self.counts if not self.has_cell(c)]
        for t, p in gone:  # cells of a deleted team or pipeline
            del self.counts[(t, p)]
            self._col_cells.get(t, {}).pop(p, None)
            self._row_cells.get(p, {}).pop(t, None)
        for t in [t for t in self.per_row if t not in self._col_index]:
            del self.per_row[t]
        self._offsets()

    def load(self, counts: Mapping[CellKey, int]) -> None:
        """Set every cell's card count at once (after :meth:`set_structure`)."""
        self.counts = {}
        self._col_cells = {}
        self._row_cells = {}
        for (t, p), n in counts.items():
            if n > 0:
                self.counts[(t, p)] = n
                self._col_cells.setdefault(t, {})[p] = n
                self._row_cells.setdefault(p, {})[t] = n
        self.per_row = {t: per_row_for(max(c.values())) for t, c in self._col_cells.items()}
        self._offsets()

    def _offsets(self) -> None:
        self.col_w = [_col_width(self.per_row.get(t, 1)) for t in self.columns]
        self.row_h = [self._row_height(p) for p in self.rows]
        self.col_x = _prefix(ROW_HEADER_W, self.col_w)
        self.row_y = _prefix(COL_HEADER_H, self.row_h)

    def _row_height(self, pipeline: Key) -> float:
        cells = self._row_cells.get(pipeline)
        if not cells:
            return MIN_ROW_H
        per_row = self.per_row
        return max(_cell_height(n, per_row.get(t, 1)) for t, n in cells.items())

    def update_cells(self, counts: Mapping[CellKey, int]) -> tuple[set[int], set[int]]:
        """New card counts for some cells; returns (columns, rows) whose geometry changed.

        Only the rows and columns of these cells are measured again; the offsets after a
        change that resizes a column or row shift every later one (reported as changed).
        """
        cols: set[Key] = set()
        rows: set[Key] = set()
        for (t, p), n in counts.items():
            if n > 0:
                self.counts[(t, p)] = n
                self._col_cells.setdefault(t, {})[p] = n
                self._row_cells.setdefault(p, {})[t] = n
            else:
                self.counts.pop((t, p), None)
                self._col_cells.get(t, {}).pop(p, None)
                self._row_cells.get(p, {}).pop(t, None)
            cols.add(t)
            rows.add(p)
        changed_cols: set[int] = set()
        changed_rows: set[int] = set()
        for t in cols:
            cells = self._col_cells.get(t)
            k = per_row_for(max(cells.values())) if cells else 1
            if k != self.per_row.get(t, 1):
                self.per_row[t] = k
                rows.update(cells or ())
            i = self._col_index.get(t)
            if i is not None:
                w = _col_width(k)
                if w != self.col_w[i]:
                    self.col_w[i] = w
                    changed_cols.add(i)
        for p in rows:
            j = self._row_index.get(p)
            if j is not None:
                h = self._row_height(p)
                if h != self.row_h[j]:
                    self.row_h[j] = h
                    changed_rows.add(j)
        if changed_cols:
            first = min(changed_cols)
            self.col_x = _prefix(ROW_HEADER_W, self.col_w)
            changed_cols.update(range(first, len(self.columns)))
        if changed_rows:
            first = min(changed_rows)
            self.row_y = _prefix(COL_HEADER_H, self.row_h)
            changed_rows.update(range(first, len(self.rows)))
        return changed_cols, changed_rows

    # ------------------------------------------------------------------ queries
    @property
    def width(self) -> float:
        return self.col_x[-1] + self.col_w[-1]

    @property
    def height(self) -> float:
        return self.row_y[-1] + self.row_h[-1]

    def column_of(self, team: Key) -> int:
        return self._col_index[team]

    def row_of(self, pipeline: Key) -> int:
        return self._row_index[pipeline]

    def has_cell(self, cell: CellKey) -> bool:
        return cell[0] in self._col_index and cell[1] in self._row_index

    def cells_in_column(self, team: Key) -> list[CellKey]:
        return [(team, p) for p in self._col_cells.get(team, {})]

    def cells_in_row(self, pipeline: Key) -> list[CellKey]:
        return [(t, pipeline) for t in self._row_cells.get(pipeline, {})]

    def cell_rect(self, cell: CellKey) -> Rect:
        i = self._col_index[cell[0]]
        j = self._row_index[cell[1]]
        return (self.col_x[i], self.row_y[j], self.col_w[i], self.row_h[j])

    def content_size(self, cell: CellKey) -> tuple[float, float]:
        """The size a cell's own cards need (its item's size: no larger than the cell).

        It changes only with the cell's count or its column's cards per line, not when a
        neighbour makes the row taller or the column wider, so such changes do not force the
        cell to repaint.
        """
        k = self.per_row.get(cell[0], 1)
        return _col_width(k), _cell_height(self.counts.get(cell, 0), k)

    def column_header_rect(self, i: int) -> Rect:
        return (self.col_x[i], 0.0, self.col_w[i], COL_HEADER_H)

    def row_header_rect(self, j: int) -> Rect:
        return (0.0, self.row_y[j], ROW_HEADER_W, self.row_h[j])

    def card_offset(self, team: Key, index: int) -> tuple[float, float]:
        """A card's top-left corner relative to its cell."""
        k = self.per_row.get(team, 1)
        line, col = divmod(index, k)
        return (PAD + col * (CARD_W + CARD_GAP), CELL_TOP + line * (CARD_H + CARD_GAP))

    def card_rect(self, cell: CellKey, index: int) -> Rect:
        x, y, _w, _h = self.cell_rect(cell)
        dx, dy = self.card_offset(cell[0], index)
        return (x + dx, y + dy, CARD_W, CARD_H)

    def card_at(self, cell: CellKey, x: float, y: float) -> int:
        """The index of the card at scene point (x, y) inside ``cell``, or -1."""
        cx, cy, _w, _h = self.cell_rect(cell)
        lx, ly = x - cx - PAD, y - cy - CELL_TOP
        if lx < 0 or ly < 0:
            return -1
        col, rx = divmod(lx, CARD_W + CARD_GAP)
        line, ry = divmod(ly, CARD_H + CARD_GAP)
        k = self.per_row.get(cell[0], 1)
        if rx > CARD_W or ry > CARD_H or col >= k:
            return -1
        index = int(line) * k + int(col)
        return index if index < self.counts.get(cell, 0) else -1

    def column_at(self, x: float) -> int:
        i = bisect_right(self.col_x, x) - 1
        return i if 0 <= i < len(self.columns) and x < self.col_x[i] + self.col_w[i] else -1

    def row_at(self, y: float) -> int:
        j = bisect_right(self.row_y, y) - 1
        return j if 0 <= j < len(self.rows) and y < self.row_y[j] + self.row_h[j] else -1

    def hit(self, x: float, y: float) -> Hit:
        """What is at scene point (x, y)."""
        if x < 0 or y < 0:
            return Hit("outside")
        if x < ROW_HEADER_W and y < COL_HEADER_H:
            return Hit("corner")
        if y < COL_HEADER_H:
            i = self.column_at(x)
            return Hit("column", team=self.columns[i], column=i) if i >= 0 else Hit("outside")
        if x < ROW_HEADER_W:
            j = self.row_at(y)
            return Hit("row", pipeline=self.rows[j], row=j) if j >= 0 else Hit("outside")
        i, j = self.column_at(x), self.row_at(y)
        if i < 0 or j < 0:
            return Hit("outside")
        cell = (self.columns[i], self.rows[j])
        index = self.card_at(cell, x, y)
        area = "card" if index >= 0 else "cell"
        return Hit(area, cell[0], cell[1], index, i, j)

    def visible_range(self, rect: Rect) -> tuple[range, range]:
        """The column and row indexes that intersect a scene rectangle."""
        x, y, w, h = rect
        i0 = max(0, bisect_right(self.col_x, x) - 1)
        i1 = min(len(self.columns), bisect_right(self.col_x, x + w))
        j0 = max(0, bisect_right(self.row_y, y) - 1)
        j1 = min(len(self.rows), bisect_right(self.row_y, y + h))
        return range(i0, i1), range(j0, j1)

    def cards_in(self, rect: Rect) -> list[tuple[CellKey, int]]:
        """Every (cell, card index) whose card intersects a scene rectangle."""
        x, y, w, h = rect
        out: list[tuple[CellKey, int]] = []
        cols, rows = self.visible_range(rect)
        for j in rows:
            p = self.rows[j]
            for t in self._row_cells.get(p, {}):
                i = self._col_index.get(t, -1)
                if i not in cols:
                    continue
                cell = (t, p)
                for n in range(self.counts.get(cell, 0)):
                    cx, cy, cw, ch = self.card_rect(cell, n)
                    if cx < x + w and cx + cw > x and cy < y + h and cy + ch > y:
                        out.append((cell, n))
        return out

    def insertion_index(self, kind: str, pos: float) -> int:
        """Where a dragged team (x) or pipeline (y) header would land, as an order index."""
        if kind == "team":
            centres = [self.col_x[i] + self.col_w[i] / 2 for i in range(len(self.columns) - 1)]
        else:
            centres = [self.row_y[j] + self.row_h[j] / 2 for j in range(1, len(self.rows))]
        return bisect_right(centres, pos)


def _prefix(start: float, sizes: list[float]) -> list[float]:
    out: list[float] = []
    acc = start
    for s in sizes:
        out.append(acc)
        acc += s
    return out
