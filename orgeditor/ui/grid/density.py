"""The grid's levels of detail (full cards, name-only cards, name chips) and their metrics
in scene units: card and gap sizes, header sizes, the name height that decides readability,
and how cards flow inside a cell (no Qt). :class:`~orgeditor.ui.grid.layout.GridLayout`
places cells and cards from them; :mod:`orgeditor.ui.grid.zoom` picks the level in use.

>>> [d.key for d in DENSITIES]
['full', 'names', 'chips']
>>> per_row_for(3), per_row_for(40)
(1, 5)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "CARD_GAP",
    "CARD_H",
    "CARD_W",
    "CELL_TOP",
    "CHIPS",
    "COL_HEADER_H",
    "DENSITIES",
    "FULL",
    "MAX_CARD_STRETCH",
    "MAX_LINES",
    "MAX_PER_ROW",
    "MIN_CARD_SHRINK",
    "MIN_ROW_H",
    "NAMES",
    "PAD",
    "READABLE_PX",
    "ROW_HEADER_W",
    "Density",
    "per_row_for",
]

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


@dataclass(frozen=True, slots=True)
class Density:
    """One level of detail of the grid: how big cards, gaps and headers are (scene units).

    ``name_px`` is the height of a card's name in scene units: names are readable while
    ``name_px * zoom`` is at least :data:`READABLE_PX` screen pixels.
    """

    key: str
    card_w: float
    card_h: float
    gap: float
    pad: float
    cell_top: float
    row_header_w: float
    col_header_h: float
    name_px: float
    #: how much taller than wide a crowded cell may grow (chips are flat: more lines)
    lines_bias: float = 1.0


#: cards with name, title, badges and share (100 % zoom)
FULL = Density("full", CARD_W, CARD_H, CARD_GAP, PAD, CELL_TOP, ROW_HEADER_W, COL_HEADER_H, 12.0)
#: name-only cards: titles and badges dropped
NAMES = Density("names", 150.0, 26.0, 4.0, 6.0, 16.0, 160.0, 48.0, 12.0, 1.6)
#: one-line name chips in condensed type, titles of headers on two lines: columns as narrow
#: as their names (a 150-person matrix whole on a 1920x1200 screen with names readable)
CHIPS = Density("chips", 90.0, 15.0, 2.0, 2.0, 12.0, 80.0, 48.0, 11.0, 4.0)
#: from the most detailed to the densest
DENSITIES = (FULL, NAMES, CHIPS)
#: at a compact level, cards widen up to this much to show long names whole
MAX_CARD_STRETCH = 1.7
#: ... and narrow down to this much when a column's names are short
MIN_CARD_SHRINK = 0.7
#: a name at least this many screen pixels high is readable
READABLE_PX = 9.0


def per_row_for(count: int, lines_bias: float = 1.0) -> int:
    """How many cards sit side by side in a column whose fullest cell holds ``count``."""
    if count <= 3 * lines_bias:
        return 1
    # roughly square cells, but a very full cell grows wide rather than tall (at most
    # MAX_LINES lines) so that one crowded cell does not make a whole row tall
    most = math.ceil(MAX_LINES * lines_bias)
    square = math.ceil(math.sqrt(count / (2 * lines_bias)))
    return min(MAX_PER_ROW, max(square, math.ceil(count / most)))
