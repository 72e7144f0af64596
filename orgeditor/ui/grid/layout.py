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
>>> from orgeditor.ui.grid.density import CELL_TOP, PAD
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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import cast

from orgeditor.ui.grid.density import (
    FULL,
    MAX_CARD_STRETCH,
    MIN_CARD_SHRINK,
    Density,
    per_row_for,
)

__all__ = ["GridLayout", "Hit", "Rect"]

Key = str | None
CellKey = tuple[Key, Key]
#: (x, y, width, height)
Rect = tuple[float, float, float, float]

#: what a level of detail's measurements are (kept per level: see GridLayout.size_at)
_MEASURED = (
    "density",
    "per_row",
    "row_header_w",
    "col_header_h",
    "col_w",
    "row_h",
    "col_x",
    "row_y",
)


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

    def __init__(self, density: Density = FULL) -> None:
        self.density = density
        #: widths that column headers need to show their team's name whole, by density key
        self.header_widths: dict[str, dict[Key, float]] = {}
        #: the width row headers need to show every pipeline's name whole, by density key
        self.row_header_widths: dict[str, float] = {}
        #: card widths that show every name of a column whole, by density key and team
        #: (compact levels only: a full-size card elides)
        self.name_widths: dict[str, dict[Key, float]] = {}
        #: fills the three tables above for one level of detail (all teams, or the teams
        #: given), called when a level is first laid out: names are measured only for the
        #: levels in use (the scene sets it; none: nothing is measured)
        self.measurer: Callable[[Density, set[Key] | None], None] | None = None
        #: teams whose names changed since a level's widths were measured, by density key
        self._stale: dict[str, set[Key]] = {}
        #: the measurements of other levels of detail (see :meth:`size_at`), dropped on
        #: every change
        self._saved: dict[str, dict[str, object]] = {}
        self.row_header_w = density.row_header_w
        self.col_header_h = density.col_header_h
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
        self._saved.clear()
        self._offsets()

    def widths_changed(self, teams: Iterable[Key] | None = None) -> None:
        """Names in these teams' columns changed (``None``: any name, team or pipeline):
        their widths are measured again when their level of detail is next laid out."""
        if teams is None:
            self.name_widths.clear()
            self.header_widths.clear()
            self.row_header_widths.clear()
            self._stale.clear()
        else:
            teams = set(teams)
            for key in self.name_widths:
                self._stale.setdefault(key, set()).update(teams)
        self._saved.clear()

    def _ensure_widths(self, d: Density) -> set[Key] | None:
        """Measure what level ``d`` lacks; the teams measured (``None``: every team)."""
        if self.measurer is None:
            return set()
        if d.key not in self.name_widths:
            self._stale.pop(d.key, None)
            self.measurer(d, None)
            return None if d.key in self.name_widths else set()
        teams = self._stale.pop(d.key, None)
        if teams:
            self.measurer(d, teams)
            return teams
        return set()

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
        self._saved.clear()
        self._measure()

    def set_density(self, density: Density) -> None:
        """Another level of detail: every size changes (callers then place every item)."""
        if density == self.density:
            return
        self._saved[self.density.key] = self._state()
        self.density = density
        saved = self._saved.pop(density.key, None)
        if saved is not None:  # measured for size_at and unchanged since
            self._restore(saved)
        else:
            self._measure()

    def _state(self) -> dict[str, object]:
        return {a: getattr(self, a) for a in _MEASURED}

    def _restore(self, state: dict[str, object]) -> None:
        for a, v in state.items():
            setattr(self, a, v)

    def _measure(self) -> None:
        bias = self.density.lines_bias
        self.per_row = {
            t: per_row_for(max(c.values()), bias) for t, c in self._col_cells.items() if c
        }
        self._offsets()

    def _offsets(self) -> None:
        d = self.density
        self._ensure_widths(d)
        self.row_header_w = max(d.row_header_w, self.row_header_widths.get(d.key, 0.0))
        self.col_header_h = d.col_header_h
        self.col_w = [self._col_width(t, self.per_row.get(t, 1)) for t in self.columns]
        self.row_h = [self._row_height(p) for p in self.rows]
        self.col_x = _prefix(self.row_header_w, self.col_w)
        self.row_y = _prefix(self.col_header_h, self.row_h)

    def card_width(self, team: Key) -> float:
        """How wide the cards of a team's column are at the current level of detail."""
        d = self.density
        need = self.name_widths.get(d.key)
        if need is None:
            return d.card_w
        return max(
            d.card_w * MIN_CARD_SHRINK, min(need.get(team, d.card_w), d.card_w * MAX_CARD_STRETCH)
        )

    def _col_width(self, team: Key, per_row: int) -> float:
        d = self.density
        cards = 2 * d.pad + per_row * self.card_width(team) + (per_row - 1) * d.gap
        return max(cards, self.header_widths.get(d.key, {}).get(team, 0.0))

    def _cell_height(self, count: int, per_row: int) -> float:
        d = self.density
        lines = max(1, math.ceil(count / per_row))
        return d.cell_top + lines * d.card_h + (lines - 1) * d.gap + d.pad

    def _row_height(self, pipeline: Key) -> float:
        cells = self._row_cells.get(pipeline)
        if not cells:
            d = self.density
            return d.cell_top + d.card_h + d.pad
        per_row = self.per_row
        # the tallest cell has the most lines of cards (ceiling divisions)
        lines = max(-(-n // per_row.get(t, 1)) for t, n in cells.items())
        return self._cell_height(lines, 1)

    def size_at(self, density: Density) -> tuple[float, float]:
        """(width, height) of the whole grid at another level of detail (measured once
        until the next change: zooming asks at every step)."""
        if density == self.density:
            return (self.width, self.height)
        saved = self._saved.get(density.key)
        if saved is None:
            current = self._state()
            self.density = density
            self._measure()
            saved = self._saved[density.key] = self._state()
            self._restore(current)
        col_x, col_w = cast(list[float], saved["col_x"]), cast(list[float], saved["col_w"])
        row_y, row_h = cast(list[float], saved["row_y"]), cast(list[float], saved["row_h"])
        return (col_x[-1] + col_w[-1], row_y[-1] + row_h[-1])

    def size_bound(self, density: Density) -> tuple[float, float]:
        """At most :meth:`size_at` ``(density)``, without measuring any name: every card at
        its narrowest, headers at the level's own sizes (exact when already measured).
        Fit to Window uses it to skip levels whose names could not be readable anyway."""
        if (
            density == self.density
            or density.key in self._saved
            or (density.key in self.name_widths and not self._stale.get(density.key))
        ):
            return self.size_at(density)
        d = density
        current = self._state()
        self.density = d
        self.per_row = {
            t: per_row_for(max(c.values()), d.lines_bias) for t, c in self._col_cells.items() if c
        }
        narrowest = d.card_w * MIN_CARD_SHRINK
        width = d.row_header_w + sum(
            2 * d.pad + k * narrowest + (k - 1) * d.gap
            for k in (self.per_row.get(t, 1) for t in self.columns)
        )
        height = d.col_header_h + sum(self._row_height(p) for p in self.rows)
        self._restore(current)
        return (width, height)

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
        self._saved.clear()
        # names measured again may widen columns whose counts did not change
        measured = self._ensure_widths(self.density)
        cols.update(self.columns if measured is None else measured & self._col_index.keys())
        changed_cols: set[int] = set()
        changed_rows: set[int] = set()
        for t in cols:
            cells = self._col_cells.get(t)
            k = per_row_for(max(cells.values()), self.density.lines_bias) if cells else 1
            i = self._col_index.get(t)
            if k != self.per_row.get(t, 1):
                self.per_row[t] = k
                rows.update(cells or ())
                if i is not None:  # its cards flow anew, even where a wide header keeps
                    changed_cols.add(i)  # the column's width
            if i is not None:
                w = self._col_width(t, k)
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
            self.col_x = _prefix(self.row_header_w, self.col_w)
            changed_cols.update(range(first, len(self.columns)))
        if changed_rows:
            first = min(changed_rows)
            self.row_y = _prefix(self.col_header_h, self.row_h)
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
        return self._col_width(cell[0], k), self._cell_height(self.counts.get(cell, 0), k)

    def column_header_rect(self, i: int) -> Rect:
        return (self.col_x[i], 0.0, self.col_w[i], self.col_header_h)

    def row_header_rect(self, j: int) -> Rect:
        return (0.0, self.row_y[j], self.row_header_w, self.row_h[j])

    def card_offset(self, team: Key, index: int) -> tuple[float, float]:
        """A card's top-left corner relative to its cell."""
        d = self.density
        k = self.per_row.get(team, 1)
        line, col = divmod(index, k)
        cw = self.card_width(team)
        return (d.pad + col * (cw + d.gap), d.cell_top + line * (d.card_h + d.gap))

    def card_rect(self, cell: CellKey, index: int) -> Rect:
        x, y, _w, _h = self.cell_rect(cell)
        dx, dy = self.card_offset(cell[0], index)
        return (x + dx, y + dy, self.card_width(cell[0]), self.density.card_h)

    def card_at(self, cell: CellKey, x: float, y: float) -> int:
        """The index of the card at scene point (x, y) inside ``cell``, or -1."""
        d = self.density
        cx, cy, _w, _h = self.cell_rect(cell)
        lx, ly = x - cx - d.pad, y - cy - d.cell_top
        if lx < 0 or ly < 0:
            return -1
        cw = self.card_width(cell[0])
        col, rx = divmod(lx, cw + d.gap)
        line, ry = divmod(ly, d.card_h + d.gap)
        k = self.per_row.get(cell[0], 1)
        if rx > cw or ry > d.card_h or col >= k:
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
        if x < self.row_header_w and y < self.col_header_h:
            return Hit("corner")
        if y < self.col_header_h:
            i = self.column_at(x)
            return Hit("column", team=self.columns[i], column=i) if i >= 0 else Hit("outside")
        if x < self.row_header_w:
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

    def cells_in(self, rect: Rect, by_rows: bool = False) -> list[CellKey]:
        """Every occupied cell that intersects a scene rectangle (row by row with
        ``by_rows``, else walking the fewer of rows and columns)."""
        cols, rows = self.visible_range(rect)
        if not cols or not rows:
            return []
        out: list[CellKey] = []
        if by_rows or len(rows) <= len(cols):
            col_index = self._col_index
            for j in rows:
                p = self.rows[j]
                out.extend(
                    (t, p) for t in self._row_cells.get(p, {}) if col_index.get(t, -1) in cols
                )
        else:
            row_index = self._row_index
            for i in cols:
                t = self.columns[i]
                out.extend(
                    (t, p) for p in self._col_cells.get(t, {}) if row_index.get(p, -1) in rows
                )
        return out

    def cards_in(self, rect: Rect) -> list[tuple[CellKey, int]]:
        """Every (cell, card index) whose card intersects a scene rectangle."""
        x, y, w, h = rect
        out: list[tuple[CellKey, int]] = []
        for cell in self.cells_in(rect, by_rows=True):
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
