"""The selection's reporting lines on the grid, as painter paths (routed by :mod:`routes`).

:func:`reporting_paths` gives the solid path (manager chains up to the top, direct reports)
and the dotted one (dotted-line managers and reports) of the selected people; the scene
shows them in two path items above the cards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from orgeditor.model.org import Org
from orgeditor.ui.grid.routes import route

__all__ = ["MAX_LINES_OF", "reporting_paths"]

#: lines are drawn for at most this many selected people, and this many reports of each
MAX_LINES_OF = 200


def reporting_paths(
    org: Org,
    selected: Iterable[str],
    card_rect: Callable[[str], QRectF | None],
    gap: float,
    dotted_too: bool,
) -> tuple[QPainterPath, QPainterPath]:
    """(solid, dotted) paths of the lines of ``selected``; ``card_rect(pid)`` is where a
    person's card is (``None``: not on the grid); ``gap`` is the space between cards."""
    solid = QPainterPath()
    dotted = QPainterPath()
    rects: dict[str, QRectF | None] = {}

    def at(pid: str) -> QRectF | None:
        if pid not in rects:
            rects[pid] = card_rect(pid)
        return rects[pid]

    def link(path: QPainterPath, a: str, b: str) -> None:
        """A line from manager ``a``'s card to report ``b``'s, around the cards."""
        ra, rb = at(a), at(b)
        if ra is None or rb is None or a == b:
            return
        points = route(
            (ra.x(), ra.y(), ra.width(), ra.height()),
            (rb.x(), rb.y(), rb.width(), rb.height()),
            gap,
        )
        path.moveTo(*points[0])
        for x, y in points[1:]:
            path.lineTo(x, y)
        path.addEllipse(QPointF(*points[-1]), 3, 3)

    for p in selected:
        if p not in org.people:
            continue
        below = p
        for m in org.manager_chain(p):
            link(solid, m, below)
            below = m
        for r in org.direct_reports(p)[:MAX_LINES_OF]:
            link(solid, p, r)
        if dotted_too:
            for m in org.people[p].dotted:
                link(dotted, m, p)
            for r in org.dotted_reports(p)[:MAX_LINES_OF]:
                link(dotted, p, r)
    return solid, dotted
