"""Slide-fit decisions: card metrics, stacking of leaf reports, and paging by subtree.

The target: every page, fit into a 1920x1080 slide, shows names at least 12 px tall. Names are
set at :data:`NAME_PT` points, so a page may be at most ``1920 * NAME_PT / 12`` points wide and
``1080 * NAME_PT / 12`` high. Sizes are estimated here from text lengths (no Graphviz run), the
way Graphviz will lay the page out: cards side by side on ranks, leaf reports stacked in
columns under their manager. A chart larger than one page is split into pages by subtree: the
first page shows the top levels (the overview), each branch that continues elsewhere carries a
marker naming its page, and each continued page names the manager and page it comes from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from orgeditor.export.views import Chart

__all__ = [
    "NAME_PT",
    "SLIDE_H",
    "SLIDE_PX",
    "SLIDE_W",
    "Page",
    "Sizer",
    "paginate",
]

NAME_PT = 14.0
TITLE_PT = 11.0
BADGE_PT = 10.0
SLIDE_W, SLIDE_H = 1920, 1080
#: the name height on a slide we aim for
SLIDE_PX = 12.0
NODESEP = 18.0
RANKSEP = 32.0
#: leaf reports stacked under one manager: at most this many per column
STACK_ROWS = 10
#: estimation is rough: keep a margin below the true budget
SAFETY = 0.9


@dataclass
class Page:
    """One page of a chart: its roots, how deep it goes, and its continuation markers."""

    roots: list[str]
    depth: int | None = None
    #: person -> page number (1-based) where the people below them are drawn
    cont: dict[str, int] = field(default_factory=dict)
    #: root -> (manager id, page number) the root hangs from
    back: dict[str, tuple[str, int]] = field(default_factory=dict)

    def people(self, chart: Chart) -> list[str]:
        out: list[str] = []
        stack = [(r, 0) for r in reversed(self.roots)]
        while stack:
            p, d = stack.pop()
            out.append(p)
            if self.depth is None or d < self.depth:
                stack.extend((c, d + 1) for c in reversed(chart.children.get(p, ())))
        return out


class Sizer:
    """Estimates card and block sizes in points for a chart."""

    def __init__(self, card_size: dict[str, tuple[float, float]], stack: bool = True) -> None:
        self.card = card_size
        self.stack = stack

    def stack_size(self, people: list[str]) -> tuple[float, float]:
        cols = math.ceil(len(people) / STACK_ROWS)
        rows = math.ceil(len(people) / cols)
        width = 0.0
        height = 0.0
        for c in range(cols):
            column = people[c * rows : (c + 1) * rows]
            width += max(self.card[p][0] for p in column) + 6
            height = max(height, sum(self.card[p][1] + 6 for p in column))
        return width, height

    def forest(
        self, chart: Chart, roots: list[str], depth: int | None, key: dict[str, str]
    ) -> tuple[float, float]:
        """Estimated (width, height) in points of ``roots`` drawn ``depth`` levels deep.

        Widths add up side by side within each subtree; heights follow Graphviz's ranks: each
        level is as tall as its tallest card or stack, levels are :data:`RANKSEP` apart.
        """
        order: list[tuple[str, int]] = []
        stack = [(r, 0) for r in roots]
        while stack:
            p, d = stack.pop()
            order.append((p, d))
            if depth is None or d < depth:
                stack.extend((c, d + 1) for c in chart.children.get(p, ()))
        width: dict[str, float] = {}
        leaf: set[str] = set()
        level: dict[int, float] = {}
        for p, d in reversed(order):
            kids = chart.children.get(p, ()) if depth is None or d < depth else ()
            w = self.card[p][0]
            if kids:
                width[p] = max(w, self.row(list(kids), width, leaf, key, level, d + 1))
            else:
                width[p] = w
                leaf.add(p)
        total = self.row(roots, width, leaf, key, level, 0)
        height = sum(level.values()) + RANKSEP * max(0, len(level) - 1)
        return total, height

    def row(
        self,
        people: list[str],
        width: dict[str, float],
        leaf: set[str],
        key: dict[str, str],
        level: dict[int, float],
        d: int,
    ) -> float:
        """Width of blocks side by side (subtrees, stacks of leaves grouped by ``key``).

        Records the tallest card or stack of level ``d`` in ``level``.
        """
        blocks: list[float] = []
        leaves: dict[str, list[str]] = {}
        tallest = level.get(d, 0.0)
        for p in people:
            if self.stack and p in leaf:
                leaves.setdefault(key.get(p, ""), []).append(p)
            else:
                blocks.append(width[p])
                tallest = max(tallest, self.card[p][1])
        for group in leaves.values():
            w, h = self.stack_size(group)
            blocks.append(w)
            tallest = max(tallest, h)
        level[d] = tallest
        return sum(blocks) + NODESEP * max(0, len(blocks) - 1)


def budget(name_pt: float = NAME_PT) -> tuple[float, float]:
    """The largest page in points whose names still reach :data:`SLIDE_PX` on a slide."""
    return (SLIDE_W * name_pt / SLIDE_PX * SAFETY, SLIDE_H * name_pt / SLIDE_PX * SAFETY)


def paginate(chart: Chart, sizer: Sizer, key: dict[str, str], header: float = 110.0) -> list[Page]:
    """Split ``chart`` into pages that each fit a slide with readable names."""
    max_w, max_h = budget()
    max_h -= header

    def fits(roots: list[str], depth: int | None) -> bool:
        w, h = sizer.forest(chart, roots, depth, key)
        return w <= max_w and h <= max_h

    def max_depth(roots: list[str]) -> int:
        best = 0
        stack = [(r, 0) for r in roots]
        while stack:
            p, d = stack.pop()
            best = max(best, d)
            stack.extend((c, d + 1) for c in chart.children.get(p, ()))
        return best

    pages: list[Page] = []
    parent = {c: p for p, kids in chart.children.items() for c in kids}

    def visit(roots: list[str], back: dict[str, tuple[str, int]]) -> None:
        if not fits(roots, 0) and len(roots) > 1:
            chunks: list[list[str]] = [[]]
            for r in roots:
                if chunks[-1] and not fits([*chunks[-1], r], 0):
                    chunks.append([])
                chunks[-1].append(r)
            for chunk in chunks:
                visit(chunk, {r: back[r] for r in chunk if r in back})
            return
        page = Page(list(roots), None, {}, dict(back))
        index = len(pages) + 1
        pages.append(page)
        if fits(roots, None):
            return
        depth = 0
        for d in range(max_depth(roots) - 1, 0, -1):
            if fits(roots, d):
                depth = d
                break
        page.depth = depth
        if depth == 0:  # even one level below does not fit: the reports go to their own pages
            for r in roots:
                kids = list(chart.children.get(r, ()))
                if kids:
                    page.cont[r] = len(pages) + 1
                    visit(kids, {k: (r, index) for k in kids})
            return
        # the people drawn at the cut, whose reports continue on other pages
        cut: list[str] = []
        stack = [(r, 0) for r in reversed(roots)]
        while stack:
            p, d = stack.pop()
            kids = chart.children.get(p, [])
            if d == depth:
                if kids:
                    cut.append(p)
                continue
            stack.extend((c, d + 1) for c in reversed(kids))
        # several subtrees share a page when they fit together (first fit: a small subtree
        # joins an earlier small one even when a large one lies between them)
        groups: list[list[str]] = []
        sizes: list[tuple[float, float]] = []  # of each group (widths add up side by side)
        for p in cut:
            w, h = sizer.forest(chart, [p], None, key)
            for i, group in enumerate(groups):
                gw, gh = sizes[i]
                if gw + NODESEP + w <= max_w and max(gh, h) <= max_h:
                    both = sizer.forest(chart, [*group, p], None, key)
                    if both[0] <= max_w and both[1] <= max_h:
                        group.append(p)
                        sizes[i] = both
                        break
            else:
                groups.append([p])
                sizes.append((w, h))
        for group in groups:
            target = len(pages) + 1
            for p in group:
                page.cont[p] = target
            visit(group, {p: (parent.get(p, ""), index) for p in group})

    visit(list(chart.roots), {})
    return pages
