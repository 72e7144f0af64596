"""Splitting a tree chart into slide pages by subtree, from estimated sizes (no Graphviz run).

Sizes are estimated from text lengths the way Graphviz will lay the page out: cards side by
side on ranks, leaf reports stacked in columns under their manager. A chart larger than one
page is split by subtree: the first page shows the top levels (the overview), each branch that
continues elsewhere is marked with its page, and each continued page names the manager and
page it comes from.

The work is near-linear in the number of people: the size of every whole subtree is computed
once, bottom-up (heights only as far as a page can reach), and a page's depth is found from
the top down, so a reporting chain thousands of levels deep pages in well under a second.
"""

from __future__ import annotations

import math
from collections.abc import Container
from dataclasses import dataclass, field

from orgeditor.export.deadline import Deadline
from orgeditor.export.metrics import NODESEP, RANKSEP, STACK_ROWS, budget
from orgeditor.export.views import Chart

__all__ = ["PageCut", "Sizer", "paginate"]

_INF = math.inf


@dataclass
class PageCut:
    """Who is on one page: its roots, how deep it goes, and where its branches continue."""

    roots: list[str]
    depth: int | None = None
    #: person -> page number (1-based) where the people below them are drawn
    cont: dict[str, int] = field(default_factory=dict)
    #: root -> (manager id, page number) the root hangs from
    back: dict[str, tuple[str, int]] = field(default_factory=dict)

    def people(self, chart: Chart) -> list[str]:
        """Everybody on the page, depth first from the roots (the drawing order)."""
        out: list[str] = []
        children = chart.children
        if self.depth is None:  # the whole subtrees (a page without a depth limit)
            todo = self.roots[::-1]
            while todo:
                p = todo.pop()
                out.append(p)
                kids = children.get(p)
                if kids:
                    todo.extend(reversed(kids))
            return out
        stack = [(r, 0) for r in reversed(self.roots)]
        while stack:
            p, d = stack.pop()
            out.append(p)
            if d < self.depth:
                stack.extend((c, d + 1) for c in reversed(children.get(p, ())))
        return out


class Sizer:
    """Estimates card and block sizes in points for a chart.

    ``card_size`` maps every person to the (width, height) of their card. Whole subtrees are
    measured once (:meth:`forest` with ``depth=None``); their heights are kept only for
    ``levels`` ranks (deeper than that never fits a page: the height is then infinite).
    """

    def __init__(
        self, card_size: dict[str, tuple[float, float]], stack: bool = True, levels: int = 0
    ) -> None:
        self.card = card_size
        self.stack = stack
        self.levels = levels
        self._whole: dict[str, tuple[float, list[float]]] = {}
        self._chart: Chart | None = None
        self._key: dict[str, str] = {}

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

    def _blocks(
        self,
        chart: Chart,
        people: list[str] | tuple[str, ...],
        key: dict[str, str],
        leaf: Container[str],
    ) -> tuple[list[str], list[list[str]]]:
        """People drawn as blocks of their own, and the stacks the rest form (by ``key``)."""
        own: list[str] = []
        leaves: dict[str, list[str]] = {}
        for p in people:
            if self.stack and p in leaf:
                leaves.setdefault(key.get(p, ""), []).append(p)
            else:
                own.append(p)
        return own, list(leaves.values())

    def _prepare(self, chart: Chart, key: dict[str, str]) -> None:
        """Measure every whole subtree of ``chart``, bottom-up (once per chart)."""
        if self._chart is chart and self._key is key:
            return
        self._chart, self._key = chart, key
        cap = self.levels or 1 << 30
        whole: dict[str, tuple[float, list[float]]] = {}
        for p in reversed(chart.people()):
            kids = chart.children.get(p, ())
            w, h = self.card[p]
            if not kids:
                whole[p] = (w, [h])
                continue
            levels = [h, 0.0]
            row = self._whole_row(chart, kids, key, levels, 1, whole, cap)
            whole[p] = (max(w, row), levels)
        self._whole = whole

    def _whole_row(
        self,
        chart: Chart,
        people: list[str] | tuple[str, ...],
        key: dict[str, str],
        levels: list[float],
        shift: int,
        whole: dict[str, tuple[float, list[float]]],
        cap: int,
    ) -> float:
        """Width of whole subtrees and stacks side by side; their rank heights into ``levels``.

        ``levels[shift]`` is the rank of ``people`` themselves.
        """
        own, stacks = self._blocks(chart, people, key, _Leaves(chart))
        widths: list[float] = []
        for k in own:
            kw, kl = whole[k]
            widths.append(kw)
            _merge(levels, kl, shift, cap)
        for group in stacks:
            sw, sh = self.stack_size(group)
            widths.append(sw)
            levels[shift] = max(levels[shift], sh)
        return sum(widths) + NODESEP * max(0, len(widths) - 1)

    def forest(
        self, chart: Chart, roots: list[str], depth: int | None, key: dict[str, str]
    ) -> tuple[float, float]:
        """Estimated (width, height) in points of ``roots`` drawn ``depth`` levels deep.

        Widths add up side by side within each subtree; heights follow Graphviz's ranks: each
        level is as tall as its tallest card or stack, levels are :data:`RANKSEP` apart.
        """
        if depth is None:
            return self._whole_forest(chart, roots, key)
        order: list[tuple[str, int]] = []
        stack = [(r, 0) for r in roots]
        while stack:
            p, d = stack.pop()
            order.append((p, d))
            if d < depth:
                stack.extend((c, d + 1) for c in chart.children.get(p, ()))
        width: dict[str, float] = {}
        leaf: set[str] = set()
        level: dict[int, float] = {}
        for p, d in reversed(order):
            kids = chart.children.get(p, ()) if d < depth else ()
            w = self.card[p][0]
            if kids:
                width[p] = max(w, self.row(list(kids), width, leaf, key, level, d + 1))
            else:
                width[p] = w
                leaf.add(p)
        total = self.row(roots, width, leaf, key, level, 0)
        height = sum(level.values()) + RANKSEP * max(0, len(level) - 1)
        return total, height

    def _whole_forest(
        self, chart: Chart, roots: list[str], key: dict[str, str]
    ) -> tuple[float, float]:
        self._prepare(chart, key)
        cap = self.levels or 1 << 30
        levels = [0.0]
        width = self._whole_row(chart, roots, key, levels, 0, self._whole, cap)
        if len(levels) > cap:
            return width, _INF
        return width, sum(levels) + RANKSEP * max(0, len(levels) - 1)

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


class _Leaves:
    """``p in leaves``: ``p`` has nobody below them in the chart."""

    def __init__(self, chart: Chart) -> None:
        self.children = chart.children

    def __contains__(self, p: object) -> bool:
        return not self.children.get(p, ())  # type: ignore[call-overload]


def _merge(levels: list[float], other: list[float], shift: int, cap: int) -> None:
    """Elementwise maximum of ``other`` (shifted down ``shift`` levels) into ``levels``."""
    for i, h in enumerate(other[: cap + 1 - shift], shift):
        if i < len(levels):
            if h > levels[i]:
                levels[i] = h
        else:
            levels.append(h)


def paginate(
    chart: Chart,
    sizer: Sizer,
    key: dict[str, str],
    header: float = 110.0,
    deadline: Deadline | None = None,
) -> list[PageCut]:
    """Split ``chart`` into pages that each fit a slide with readable names."""
    max_w, max_h = budget()
    max_h -= header
    if not sizer.levels:
        # no page holds more ranks than this: every rank is at least a gap and a short card
        shortest = min((h for _w, h in sizer.card.values()), default=1.0)
        sizer.levels = max(1, int((max_h + RANKSEP) / (shortest + RANKSEP)) + 1)

    def fits(roots: list[str], depth: int | None) -> bool:
        w, h = sizer.forest(chart, roots, depth, key)
        return w <= max_w and h <= max_h

    pages: list[PageCut] = []
    parent = {c: p for p, kids in chart.children.items() for c in kids}
    # pages to make, depth first: (roots, where they hang from, people whose marker points here)
    todo: list[tuple[list[str], dict[str, tuple[str, int]], list[tuple[PageCut, str]]]]
    todo = [(list(chart.roots), {}, [])]
    while todo:
        if deadline is not None:
            deadline.check()
        roots, back, marks = todo.pop()
        if len(roots) > 1 and not fits(roots, 0):
            chunks: list[list[str]] = [[]]
            for r in roots:
                if chunks[-1] and not fits([*chunks[-1], r], 0):
                    chunks.append([])
                chunks[-1].append(r)
            todo.extend(
                (chunk, {r: back[r] for r in chunk if r in back}, marks if i == 0 else [])
                for i, chunk in reversed(list(enumerate(chunks)))
            )
            continue
        page = PageCut(list(roots), None, {}, dict(back))
        index = len(pages) + 1
        for upper, person in marks:
            upper.cont[person] = index
        pages.append(page)
        if fits(roots, None):
            continue
        depth = 0
        while fits(roots, depth + 1):
            depth += 1
        page.depth = depth
        later: list[tuple[list[str], dict[str, tuple[str, int]], list[tuple[PageCut, str]]]] = []
        if depth == 0:  # even one level below does not fit: the reports go to their own pages
            for r in roots:
                kids = list(chart.children.get(r, ()))
                if kids:
                    later.append((kids, {k: (r, index) for k in kids}, [(page, r)]))
            todo.extend(reversed(later))
            continue
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
            later.append(
                (group, {p: (parent.get(p, ""), index) for p in group}, [(page, p) for p in group])
            )
        todo.extend(reversed(later))
    return pages
