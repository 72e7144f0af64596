"""Placing one page's cards: ranks, stacks and their columns, blocks, node ids, rank heights.

Part of the planner (:mod:`orgeditor.export.layout` decides the pages; :mod:`~orgeditor.export
.notes` writes the markers): :class:`PagePlanner` turns one
:class:`~orgeditor.export.paging.PageCut` into a laid-out :class:`~orgeditor.export.pages.Page`.
Leaf reports are stacked in columns of at most :data:`~orgeditor.export.metrics.STACK_ROWS`
(fewer when asked: editable slides ask for lower stacks on a page too tall for its slide);
a stack on a rank where other cards have their own reports is drawn one card per rank
(single blocks chained in a group) down to the first rank without such cards; every rank's
height is its tallest card or stack, and cards shorter than their rank get room below, so
that the rank lines up at the top. Node ids are opaque: cards ``n1``, ``n2``, ... in drawing
order, whole stacks ``s1``, ``s2``, ..., the pieces of split stacks numbered after them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgeditor.export.cards import CardText
from orgeditor.export.metrics import STACK_ROWS
from orgeditor.export.pages import DOTTED, DOTTED_NOTE, Block, Card, Line, Page, Stack, marker_lines
from orgeditor.export.paging import PageCut
from orgeditor.model.org import Org

if TYPE_CHECKING:
    from orgeditor.export.layout import ChartPlanner

__all__ = ["PagePlanner", "cluster_name", "page_label", "stack_columns"]

#: (manager or "", cluster key, rank, columns, ranks drawn one card per rank)
_Layout = tuple[str, str, int, list[list[str]], int]


class PagePlanner:
    """Plans one page: ranks, stacks, blocks, markers, sizes, node ids, lines."""

    def __init__(
        self, planner: ChartPlanner, cut: PageCut, number: int, count: int, rows: int = STACK_ROWS
    ) -> None:
        self.pl = planner
        self.cut = cut
        self.number = number
        self.count = count
        #: the most cards in a stack column
        self.rows = rows

    def plan(self) -> Page:
        pl, chart, cut = self.pl, self.pl.chart, self.cut
        people = cut.people(chart)
        rank, kids = self._ranks(people)
        key = pl.key
        # leaves on this page, grouped by (manager, cluster)
        parents: list[tuple[str, list[str]]] = [("", list(cut.roots))]
        parents += [(p, kids[p]) for p in people if p in kids]
        groups: dict[tuple[str, str], list[str]] = {}
        if pl.stack:
            for mgr, ks in parents:
                for c in ks:
                    if c not in kids:
                        groups.setdefault((mgr, key.get(c, "")), []).append(c)
        stacked = {p for members in groups.values() for p in members}
        drawn = pl.notes.drawn_dotted(rank, stacked)
        text = {p: pl.text(p) for p in people}
        noted = pl.notes.noted(people, cut)
        markers = {
            p: tuple(pl.notes.markers(p, cut, drawn)) if noted is None or p in noted else ()
            for p in people
        }
        lines_of = {p: marker_lines(m) if m else () for p, m in markers.items()}
        size = _Sizes(text, lines_of)  # computed where needed (not for most stacked cards)
        cell = {p: text[p].cell_height(len(lines_of[p])) for p in stacked}
        layouts, tallest = self._stack_layouts(groups, rank, kids, size, cell)
        for p in people:
            if p not in stacked and rank[p] in tallest:
                tallest[rank[p]] = max(tallest[rank[p]], size[p][1])
        node: dict[str, tuple[str, str]] = {}
        n = 0
        for p in people:  # cards of their own: n1, n2, ... in drawing order
            if p not in stacked:
                n += 1
                node[p] = (f"n{n}", "c" if tallest.get(rank[p], 0.0) - size[p][1] >= 10 else "")
        stacks, line_end, card_rank, stack_of = self._stacks(
            layouts, len(groups), node, size, cell, tallest
        )
        cards: dict[str, Card] = {}
        for p in people:
            nid, port = node[p]
            ref = f"{nid}:{port}" if port else nid
            r = card_rank.get(p, rank[p])
            cards[p] = Card(
                p,
                text[p],
                markers[p],
                r,
                key.get(p, ""),
                nid,
                port,
                stack_of.get(p),
                line_end.get(p, ref),
                max(0.0, tallest.get(r, 0.0) - size[p][1]) if p not in stacked else 0.0,
                size.get(p),
            )
        lines = [Line(mgr, c) for mgr, ks in parents if mgr for c in ks]
        lines += [Line(m, r, True) for m, r in chart.dotted if (m, r) in drawn]
        clusters = {}
        for p in people:
            ck = key.get(p, "")
            if ck and ck not in clusters:
                label = cluster_name(pl.org, ck)
                if label is not None:
                    clusters[ck] = label
        legend = (
            [DOTTED_NOTE] if any(m.kind == DOTTED for ms in markers.values() for m in ms) else []
        )
        return Page(
            self.number,
            self.count,
            chart.title + (f" (page {self.number} of {self.count})" if self.count > 1 else ""),
            page_label(pl.org, cut.roots, self.number, self.count),
            list(cut.roots),
            cards,
            stacks,
            lines,
            clusters,
            tallest,
            [p for p in chart.top if p in cards],
            legend,
            cut,
        )

    def _ranks(self, people: list[str]) -> tuple[dict[str, int], dict[str, list[str]]]:
        """Every person's rank on the page (roots 0), and the reports drawn below each."""
        chart, cut = self.pl.chart, self.cut
        rank: dict[str, int] = dict.fromkeys(cut.roots, 0)
        kids: dict[str, list[str]] = {}
        for p in people:
            d = rank[p]
            if cut.depth is None or d < cut.depth:
                ks = list(chart.children.get(p, ()))
                for c in ks:
                    rank[c] = d + 1
                if ks:
                    kids[p] = ks
        return rank, kids

    def _stack_layouts(
        self,
        groups: dict[tuple[str, str], list[str]],
        rank: dict[str, int],
        kids: dict[str, list[str]],
        size: _Sizes,
        cell: dict[str, float],
    ) -> tuple[list[_Layout], dict[int, float]]:
        """Each stack's rank, columns and split depth, and the height of the ranks it fills.

        A stack on a rank where cards have their own reports on the page would make Graphviz
        start the next rank below the stack, leaving those reports hanging far below their
        manager. There each column of the stack is drawn one card per rank (single blocks,
        chained in one group: a straight column) down to the first rank without such cards,
        where the rest of the column is one table. Elsewhere a stack stays one table.
        """
        top = self.pl.chart.top
        mixed = {rank[p] for p in kids}
        tallest: dict[int, float] = {}
        layouts: list[_Layout] = []
        for (mgr, ck), members in groups.items():
            r = rank.get(mgr, -1) + 1
            if top and all(p in top for p in members):
                r = -1  # the PM on top of a pipeline: a rank of their own
            k = 0
            while r + k in mixed:
                k += 1
            columns = stack_columns(members, self.rows)
            layouts.append((mgr, ck, r, columns, k))
            for column in columns:
                for j, p in enumerate(column[:k]):
                    tallest[r + j] = max(tallest.get(r + j, 0.0), size[p][1])
                if len(column) > k:
                    h = _table_height([column[k:]], cell)
                    tallest[r + k] = max(tallest.get(r + k, 0.0), h)
        return layouts, tallest

    def _stacks(
        self,
        layouts: list[_Layout],
        split: int,
        node: dict[str, tuple[str, str]],
        size: _Sizes,
        cell: dict[str, float],
        tallest: dict[int, float],
    ) -> tuple[list[Stack], dict[str, str], dict[str, int], dict[str, int]]:
        """The stacks as Graphviz blocks; fills ``node`` for stacked people.

        Returns the stacks, where each stacked person's solid line ends, their rank and the
        index of their stack. ``split`` is the number of whole stacks (the pieces of split
        stacks are numbered after them).
        """
        stacks: list[Stack] = []
        stack_of: dict[str, int] = {}
        card_rank: dict[str, int] = {}
        line_end: dict[str, str] = {}
        for s, (mgr, ck, r, columns, k) in enumerate(layouts, 1):
            blocks: list[Block] = []
            if k == 0:
                sid = f"s{s}"
                h = _table_height(columns, cell)
                # with photos, each column as wide as its widest card (as split columns are)
                widths = tuple(_column_width(c, size) for c in columns) if self.pl.photos else ()
                blocks.append(Block(sid, r, ck, _tuple(columns), h, tallest[r] - h, widths=widths))
                i = 0
                for column in columns:
                    for p in column:
                        i += 1
                        node[p] = (sid, f"r{i}")
                        line_end[p] = sid
                        card_rank[p] = r
            else:
                for column in columns:
                    group = f"s{split + 1}"  # a column's group is named after its top card
                    width = _column_width(column, size)
                    for j, p in enumerate(column[:k]):
                        split += 1
                        sid = f"s{split}"
                        node[p] = (sid, "c")
                        card_rank[p] = r + j
                        h = size[p][1]
                        blocks.append(
                            Block(
                                sid, r + j, ck, ((p,),), h, tallest[r + j] - h, width, group, True
                            )
                        )
                    if len(column) > k:
                        split += 1
                        sid = f"s{split}"
                        rest = column[k:]
                        for i, p in enumerate(rest, 1):
                            node[p] = (sid, f"r{i}")
                            card_rank[p] = r + k
                        h = _table_height([rest], cell)
                        blocks.append(
                            Block(
                                sid, r + k, ck, (tuple(rest),), h, tallest[r + k] - h, width, group
                            )
                        )
                    top = f"{node[column[0]][0]}:{node[column[0]][1]}"
                    line_end.update(dict.fromkeys(column, top))
            for p in (p for column in columns for p in column):
                stack_of[p] = len(stacks)
            stacks.append(Stack(mgr or None, ck, r, _tuple(columns), tuple(blocks)))
        return stacks, line_end, card_rank, stack_of


class _Sizes(dict[str, tuple[float, float]]):
    """person -> estimated card size, computed on first use."""

    def __init__(self, text: dict[str, CardText], lines: dict[str, tuple[str, ...]]) -> None:
        super().__init__()
        self.text = text
        self.lines = lines

    def __missing__(self, p: str) -> tuple[float, float]:
        found = self[p] = self.text[p].size(self.lines[p])
        return found


def page_label(org: Org, roots: list[str], number: int, count: int) -> str:
    """What page ``number`` of ``count`` shows, for slide notes: "Maya Chen's org", ..."""
    names = [org.people[r].display_name for r in roots[:2]]
    if number == 1 and count > 1:
        return "overview"
    if len(roots) == 1:
        return f"{names[0]}'s org"
    if len(roots) == 2:
        return f"the orgs of {names[0]} and {names[1]}"
    return f"the orgs of {names[0]}, {names[1]} and {len(roots) - 2} more"


def _column_width(column: list[str], size: _Sizes) -> float:
    """One width for a column's cards (the estimate runs short on titles)."""
    return 1.08 * max(size[p][0] for p in column)


def _table_height(columns: list[list[str]], cell: dict[str, float]) -> float:
    return max(sum(map(cell.__getitem__, column)) for column in columns)


def stack_columns(members: list[str], rows: int = STACK_ROWS) -> list[list[str]]:
    """A stack's members in columns of at most ``rows``, as even as possible."""
    cols = -(-len(members) // rows)
    rows = -(-len(members) // cols)
    return [members[c * rows : (c + 1) * rows] for c in range(cols)]


def _tuple(columns: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(c) for c in columns)


def cluster_name(org: Org, key: str) -> str | None:
    """The box label of a cluster key (``t:<team>``, ``u:<unit>``); None: no box."""
    kind, _, ident = key.partition(":")
    if kind == "t" and ident in org.teams:
        return org.teams[ident].name
    if kind == "u" and ident in org.units:
        return org.units[ident].name
    return None
