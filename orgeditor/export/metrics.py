"""Sizes shared by the planner and the emitters: fonts, gaps, the slide budget (no logic).

The target: every page, fit into a 1920x1080 slide, shows names at least :data:`SLIDE_PX`
tall. Names are set at :data:`NAME_PT` points, so a page may be at most
``1920 * NAME_PT / SLIDE_PX`` points wide and ``1080 * NAME_PT / SLIDE_PX`` high
(:func:`budget`, with a safety margin for the estimates).
"""

from __future__ import annotations

__all__ = [
    "BADGE_PT",
    "NAME_PT",
    "NODESEP",
    "PHOTO_GAP",
    "PHOTO_PT",
    "RANKSEP",
    "SAFETY",
    "SLIDE_H",
    "SLIDE_PX",
    "SLIDE_W",
    "STACK_ROWS",
    "TITLE_PT",
    "budget",
]

NAME_PT = 14.0
TITLE_PT = 11.0
BADGE_PT = 10.0
SLIDE_W, SLIDE_H = 1920, 1080
#: the name height on a slide we aim for
SLIDE_PX = 12.0
#: the gap between cards side by side, in points (Graphviz ``nodesep=0.25``)
NODESEP = 18.0
#: the gap between ranks, in points (Graphviz ``ranksep=0.45``): one value for the estimates
#: and for the DOT
RANKSEP = 32.4
#: the side of a photo on an exported card, in points (a name and a title are about 30 high)
PHOTO_PT = 36.0
#: the gap between the photo and the card's text, in points
PHOTO_GAP = 7.0
#: leaf reports stacked under one manager: at most this many per column
STACK_ROWS = 10
#: estimation is rough: keep a margin below the true budget
SAFETY = 0.9


def budget(name_pt: float = NAME_PT) -> tuple[float, float]:
    """The largest page in points whose names still reach :data:`SLIDE_PX` on a slide.

    >>> budget()
    (2016.0, 1134.0)
    """
    return (SLIDE_W * name_pt / SLIDE_PX * SAFETY, SLIDE_H * name_pt / SLIDE_PX * SAFETY)
