"""Keyboard navigation on the grid: the card next to a card, in a direction (no Qt).

Within a cell the cards flow left to right in lines; past a cell's edge the search continues
in the next occupied cell of the same row (left/right) or column (up/down).
"""

from __future__ import annotations

from orgeditor.model.org import Cell, Org
from orgeditor.ui.grid.layout import GridLayout

__all__ = ["neighbour"]


def neighbour(
    layout: GridLayout, org: Org, pid: str, cell: Cell, dx: int, dy: int
) -> tuple[str, Cell] | None:
    """The (person, cell) of the card next to ``pid``'s card in ``cell``, or ``None``."""
    ids = org.cell_ids(*cell)
    if pid not in ids or not layout.has_cell(cell):
        return None
    k = layout.per_row.get(cell[0], 1)
    idx = ids.index(pid)
    line, col = divmod(idx, k)
    n = len(ids)
    if dx:
        c = col + dx
        if 0 <= c < k and line * k + c < n:
            return ids[line * k + c], cell
        i = layout.column_of(cell[0]) + dx
        while 0 <= i < len(layout.columns):
            other = (layout.columns[i], cell[1])
            members = org.cell_ids(*other)
            if members:
                k2 = layout.per_row.get(other[0], 1)
                last_line = (len(members) - 1) // k2
                ln = min(line, last_line)
                target = ln * k2 if dx > 0 else min(ln * k2 + k2 - 1, len(members) - 1)
                return members[target], other
            i += dx
        return None
    target = idx + dy * k
    if 0 <= target < n:
        return ids[target], cell
    j = layout.row_of(cell[1]) + dy
    while 0 <= j < len(layout.rows):
        other = (cell[0], layout.rows[j])
        members = org.cell_ids(*other)
        if members:
            k2 = layout.per_row.get(other[0], 1)
            if dy > 0:
                return members[min(col, len(members) - 1)], other
            last_line = (len(members) - 1) // k2
            return members[min(last_line * k2 + col, len(members) - 1)], other
        j += dy
    return None
