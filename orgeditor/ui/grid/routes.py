"""Reporting lines on the grid, routed around the cards (pure geometry, no Qt).

Cards sit on a regular grid: within a row every cell starts its lines of cards at the same
heights, and within a team column every cell puts its cards at the same x positions. So the
gaps between lines of cards run the whole width of a row, and the gaps beside cards run the
whole height of a column. A route uses only those gaps:

1. a short stub from the manager's card (its bottom, or its top when the report is above)
   into the gap beside it;
2. along that horizontal gap to the vertical gap next to the card, on the report's side;
3. down (or up) that vertical gap to the horizontal gap next to the report's card;
4. along it to the report's card and a short stub into its edge.

No segment crosses a card's text. Shared managers' routes share their first segments, which
reads as a bus.
"""

from __future__ import annotations

from orgeditor.ui.grid.density import CARD_GAP
from orgeditor.ui.grid.layout import Rect

__all__ = ["route"]

Point = tuple[float, float]


def route(a: Rect, b: Rect, gap: float = CARD_GAP) -> list[Point]:
    """Corner points of an orthogonal line from card ``a`` to card ``b`` (x, y, w, h)."""
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    half = gap / 2
    acx, bcx = ax + aw / 2, bx + bw / 2
    below = by >= ay + ah  # b's card starts under a's
    above = by + bh <= ay
    if above:
        start, ga = (acx, ay), ay - half
    else:
        start, ga = (acx, ay + ah), ay + ah + half
    if below:
        end, gb = (bcx, by), by - half
    else:
        end, gb = (bcx, by + bh), by + bh + half
    if abs(acx - bcx) < 0.5 and abs(ga - gb) < 0.5:
        return [start, end]  # the next card in the same column of cards
    if abs(ga - gb) < 0.5:
        return [start, (acx, ga), (bcx, gb), end]  # one gap joins them
    # the vertical gap beside a, on b's side (to the right when b is straight below)
    vx = ax - half if bcx < acx else ax + aw + half
    return [start, (acx, ga), (vx, ga), (vx, gb), (bcx, gb), end]
