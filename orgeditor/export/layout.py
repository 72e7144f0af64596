"""The planner: every decision about a tree chart's pages, made once for every format.

:func:`plan_pages` turns a :class:`~orgeditor.export.views.Chart` into laid-out
:class:`Page` objects: which people are on which page (paging by subtree, in
:mod:`~orgeditor.export.paging`), which leaf reports are stacked and in how many columns,
which stack columns are drawn one card per rank, what every card says (its
:class:`~orgeditor.export.cards.CardText` and its :class:`Marker` notes: "▸ 12 more on
page 4", "◂ reports to Maya Chen (page 1)", "┄ dotted to Sofia Rossi, PM Feed ranking"), how
tall every rank is, which lines are drawn, and the opaque node ids Graphviz sees. The
emitter (:mod:`orgeditor.export.dot`) only prints a page; the packagers (PDF, PowerPoint)
consume the pages.

The page model (:class:`Page`, :class:`Card`, :class:`Stack`, :class:`Line`, ...) is in
:mod:`orgeditor.export.pages`.

>>> from orgeditor.samples import sample_org
>>> from orgeditor.export.views import reporting_chart
>>> pages = plan_pages(sample_org(), reporting_chart(sample_org()), paged=False)
>>> page = pages[0]
>>> page.cards[page.roots[0]].text.name
['Olga Novak']
>>> sorted({line.dotted for line in page.lines})
[False, True]
"""

from __future__ import annotations

from orgeditor.export.cards import CardText, badges, card_text
from orgeditor.export.deadline import Deadline
from orgeditor.export.metrics import (
    BADGE_PT,
    NAME_PT,
    NODESEP,
    RANKSEP,
    SLIDE_H,
    SLIDE_PX,
    SLIDE_W,
    STACK_ROWS,
    TITLE_PT,
    budget,
)
from orgeditor.export.pages import (
    CONTINUES,
    DOTTED,
    DOTTED_NOTE,
    HIDDEN,
    REPORTS_TO,
    SHARE,
    Block,
    Card,
    Line,
    Marker,
    Page,
    Stack,
    marker_lines,
)
from orgeditor.export.paging import PageCut, Sizer, paginate
from orgeditor.export.parallel import Lazy
from orgeditor.export.themes import Theme
from orgeditor.export.views import Chart
from orgeditor.model.org import Org
from orgeditor.model.vocabulary import is_pm

__all__ = [
    "BADGE_PT",
    "NAME_PT",
    "NODESEP",
    "RANKSEP",
    "SLIDE_H",
    "SLIDE_PX",
    "SLIDE_W",
    "STACK_ROWS",
    "TITLE_PT",
    "Block",
    "Card",
    "Line",
    "Marker",
    "Page",
    "PageCut",
    "Sizer",
    "Stack",
    "budget",
    "iter_pages",
    "paginate",
    "plan_pages",
]


def plan_pages(
    org: Org,
    chart: Chart,
    *,
    paged: bool = True,
    titles: bool = True,
    stack: bool = True,
    clusters: bool = False,
    deadline: Deadline | None = None,
    theme: Theme | None = None,
    photos: bool = False,
) -> list[Page]:
    """Lay out ``chart`` as slide pages (``paged``) or as one page holding everybody.

    ``clusters`` boxes people by the chart's cluster keys (team or org unit); ``theme``'s card
    marks (the change diagrams) add their badge lines to the cards; ``photos`` makes room on
    the cards of people with a kept photo.
    """
    _count, pages = iter_pages(
        org,
        chart,
        paged=paged,
        titles=titles,
        stack=stack,
        clusters=clusters,
        deadline=deadline,
        theme=theme,
        photos=photos,
    )
    return list(pages)


def iter_pages(
    org: Org,
    chart: Chart,
    *,
    paged: bool = True,
    titles: bool = True,
    stack: bool = True,
    clusters: bool = False,
    deadline: Deadline | None = None,
    theme: Theme | None = None,
    photos: bool = False,
) -> tuple[int, Lazy[Page]]:
    """Like :func:`plan_pages`, page by page: the number of pages and the pages, planned lazily.

    The paging (who is on which page) is decided before this returns; each page is laid out
    when it is reached (pages are independent), so the first pages can be drawn while later
    ones are planned, or planned in other processes.
    """
    planner = _Planner(org, chart, titles, stack, clusters, theme, photos)
    if paged:
        cuts = paginate(chart, Sizer(planner.paging_sizes(), stack), planner.key, deadline=deadline)
    else:
        cuts = [PageCut(list(chart.roots))]
    planner.locate(cuts)

    def page(i: int) -> Page:
        if deadline is not None and i % 16 == 15:
            deadline.check()
        return planner.page(cuts[i], i + 1, len(cuts))

    return len(cuts), Lazy(len(cuts), page)


class _Planner:
    def __init__(
        self,
        org: Org,
        chart: Chart,
        titles: bool,
        stack: bool,
        clusters: bool,
        theme: Theme | None = None,
        photos: bool = False,
    ) -> None:
        self.org = org
        self.chart = chart
        self.titles = titles
        self.photos = photos
        self.stack = stack
        self.key = chart.cluster if clusters else {}
        self.leads = badges(org, theme)
        self.parent = {c: p for p, kids in chart.children.items() for c in kids}
        self._texts: dict[str, CardText] = {}
        self._below: dict[str, int] | None = None
        #: person -> the page drawing them (not as the repeated top of a continued page)
        self.home: dict[str, int] = {}
        self.dotted_to: dict[str, list[str]] = {}
        for mgr, rep in chart.dotted:
            self.dotted_to.setdefault(rep, []).append(mgr)
        self.pages = 1

    def text(self, pid: str) -> CardText:
        found = self._texts.get(pid)
        if found is None:
            found = self._texts[pid] = card_text(
                self.org, pid, self.leads, self.titles, self.photos
            )
        return found

    def below(self, pid: str) -> int:
        """How many people are below ``pid`` in the chart."""
        if self._below is None:
            counts: dict[str, int] = {}
            for p in reversed(self.chart.people()):
                counts[p] = sum(counts[c] + 1 for c in self.chart.children.get(p, ()))
            self._below = counts
        return self._below[pid]

    def paging_sizes(self) -> dict[str, tuple[float, float]]:
        """Card sizes for paging, with room for the markers paging may add."""
        out = {}
        for p in self.chart.people():
            extra: tuple[str, ...] = ()
            if self.chart.children.get(p) or p in self.chart.hidden:
                extra = ("\u25b8 9999 more on page 999",)
                if p in self.parent:
                    boss = self.org.people[self.parent[p]].display_name[:40]
                    extra += (f"\u25c2 reports to {boss} (page 999)",)
            out[p] = self.text(p).size(extra + self._dotted_room(p))
        return out

    def _dotted_room(self, pid: str) -> tuple[str, ...]:
        notes = (Marker(DOTTED, self._dotted_text(m, 999)) for m in self._dotted_of().get(pid, ()))
        return marker_lines(tuple(notes))

    def _dotted_of(self) -> dict[str, list[str]]:
        """report -> their dotted-line managers."""
        return self.dotted_to

    def locate(self, cuts: list[PageCut]) -> None:
        self.pages = len(cuts)
        if len(cuts) == 1:
            return  # everybody is on page 1: no page numbers in notes
        for i, cut in enumerate(cuts, 1):
            for p in cut.people(self.chart):
                if p not in cut.back:
                    self.home.setdefault(p, i)

    def _dotted_text(self, mgr: str, page: int | None) -> str:
        who = self.org.people[mgr]
        what = _describe(self.org, mgr, self.leads)
        where = f" (page {page})" if page is not None else ""
        return f"\u2504 dotted to {who.display_name}{', ' + what if what else ''}{where}"

    def markers(self, pid: str, cut: PageCut, drawn_dotted: set[tuple[str, str]]) -> list[Marker]:
        out: list[Marker] = []
        org, chart = self.org, self.chart
        if pid in cut.back and self.pages > 1:
            mgr, num = cut.back[pid]
            who = org.people[mgr].display_name if mgr in org.people else "their manager"
            out.append(Marker(REPORTS_TO, f"\u25c2 reports to {who} (page {num})", num, mgr))
        if pid in cut.cont:
            num = cut.cont[pid]
            out.append(Marker(CONTINUES, f"\u25b8 {self.below(pid)} more on page {num}", num))
        hidden = chart.hidden.get(pid)
        if hidden:
            out.append(Marker(HIDDEN, f"+ {hidden} more below"))
        if chart.pipeline is not None:
            share = org.share(pid, org.people[pid].team, chart.pipeline)
            if share is None:
                share = org.share(pid, None, chart.pipeline)
            if share is not None and share < 100:
                out.append(Marker(SHARE, f"{share}% on this pipeline"))
        for mgr in self._dotted_of().get(pid, ()):
            if (mgr, pid) in drawn_dotted:
                continue
            home = self.home.get(mgr)
            elsewhere = home if self.pages > 1 and home != self.home.get(pid) else None
            out.append(Marker(DOTTED, self._dotted_text(mgr, elsewhere), elsewhere, mgr))
        return out

    def page(self, cut: PageCut, number: int, count: int) -> Page:
        return _PagePlanner(self, cut, number, count).plan()


def _describe(org: Org, pid: str, leads: dict[str, list[str]]) -> str:
    """A few words on who ``pid`` is: "PM Feed ranking", else their title."""
    person = org.people[pid]
    for badge in leads.get(pid, ()):
        if badge.startswith("\u25c6 PM, "):
            return "PM " + badge[len("\u25c6 PM, ") :]
    if person.title.strip():
        return " ".join(person.title.split())[:40]
    return "product manager" if is_pm(person) else ""


class _PagePlanner:
    """Plans one page: ranks, stacks, blocks, markers, sizes, node ids, lines."""

    def __init__(self, planner: _Planner, cut: PageCut, number: int, count: int) -> None:
        self.pl = planner
        self.cut = cut
        self.number = number
        self.count = count

    def plan(self) -> Page:
        pl, chart, cut = self.pl, self.pl.chart, self.cut
        people = cut.people(chart)
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
        key = pl.key
        # leaves on this page, grouped by (manager, cluster)
        groups: dict[tuple[str, str], list[str]] = {}
        parents: list[tuple[str, list[str]]] = [("", list(cut.roots))]
        parents += [(p, kids[p]) for p in people if p in kids]
        if pl.stack:
            for mgr, ks in parents:
                for c in ks:
                    if c not in kids:
                        groups.setdefault((mgr, key.get(c, "")), []).append(c)
        stacked = {p for members in groups.values() for p in members}
        drawn = self._dotted_drawn(rank, stacked, people)
        text = {p: pl.text(p) for p in people}
        # only these people can carry markers; everybody else has none
        noted = set(cut.back) | set(cut.cont) | set(chart.hidden) | set(pl._dotted_of())
        if chart.pipeline is not None:
            noted = set(people)
        markers = {p: tuple(pl.markers(p, cut, drawn)) if p in noted else () for p in people}
        lines_of = {p: marker_lines(m) if m else () for p, m in markers.items()}
        size = _Sizes(text, lines_of)  # computed where needed (not for most stacked cards)
        cell = {p: text[p].cell_height(len(lines_of[p])) for p in stacked}

        # A stack on a rank where cards have their own reports on the page would make Graphviz
        # start the next rank below the stack, leaving those reports hanging far below their
        # manager. There each column of the stack is drawn one card per rank (single blocks,
        # chained in one group: a straight column) down to the first rank without such cards,
        # where the rest of the column is one table. Elsewhere a stack stays one table.
        mixed = {rank[p] for p in kids}
        stack_rank: dict[tuple[str, str], int] = {}
        for mgr, ck in groups:
            r = rank.get(mgr, -1) + 1
            if chart.top and all(p in chart.top for p in groups[(mgr, ck)]):
                r = -1  # the PM on top of a pipeline: a rank of their own
            stack_rank[(mgr, ck)] = r
        tallest: dict[int, float] = {}

        def table_height(columns: list[list[str]]) -> float:
            return max(sum(cell[p] for p in column) for column in columns)

        layouts: list[tuple[str, str, int, list[list[str]], int]] = []
        for (mgr, ck), members in groups.items():
            r = stack_rank[(mgr, ck)]
            k = 0
            while r + k in mixed:
                k += 1
            columns = _columns(members)
            layouts.append((mgr, ck, r, columns, k))
            for column in columns:
                for j, p in enumerate(column[:k]):
                    tallest[r + j] = max(tallest.get(r + j, 0.0), size[p][1])
                if len(column) > k:
                    h = table_height([column[k:]])
                    tallest[r + k] = max(tallest.get(r + k, 0.0), h)
        for p in people:
            if p not in stacked and rank[p] in tallest:
                tallest[rank[p]] = max(tallest[rank[p]], size[p][1])

        # node ids: cards n1, n2, ... in drawing order; whole stacks s1, s2, ...; the pieces of
        # split stacks numbered after the whole stacks
        node: dict[str, tuple[str, str]] = {}
        line_end: dict[str, str] = {}
        n = 0
        for p in people:
            if p not in stacked:
                n += 1
                node[p] = (f"n{n}", "c" if tallest.get(rank[p], 0.0) - size[p][1] >= 10 else "")
        stacks: list[Stack] = []
        stack_of: dict[str, int] = {}
        card_rank: dict[str, int] = {}
        split = len(groups)
        for s, (mgr, ck, r, columns, k) in enumerate(layouts, 1):
            blocks: list[Block] = []
            if k == 0:
                sid = f"s{s}"
                h = table_height(columns)
                blocks.append(Block(sid, r, ck, _tuple(columns), h, tallest[r] - h))
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
                    # one width for the column's cards (the estimate runs short on titles)
                    width = 1.08 * max(size[p][0] for p in column)
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
                        h = table_height([rest])
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
                label = _cluster_name(pl.org, ck)
                if label is not None:
                    clusters[ck] = label
        legend = (
            [DOTTED_NOTE] if any(m.kind == DOTTED for ms in markers.values() for m in ms) else []
        )
        return Page(
            self.number,
            self.count,
            chart.title + (f" (page {self.number} of {self.count})" if self.count > 1 else ""),
            self._label(),
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

    def _dotted_drawn(
        self, rank: dict[str, int], stacked: set[str], people: list[str]
    ) -> set[tuple[str, str]]:
        """The dotted lines drawn as lines: short ones between cards of their own.

        A dotted line into a stack, or one that would run across the chart, cannot be followed
        (Graphviz bundles such lines into one dashed bus): it becomes a note on the report's
        card instead. Drawn: both ends on the page, neither stacked, at most one rank apart,
        and their nearest common manager at most two ranks above the upper end.
        """
        out: set[tuple[str, str]] = set()
        parent = self.pl.parent
        for mgr, rep in self.pl.chart.dotted:
            if mgr not in rank or rep not in rank or mgr in stacked or rep in stacked:
                continue
            if abs(rank[mgr] - rank[rep]) > 1:
                continue
            upper = min(rank[mgr], rank[rep])
            above: set[str] = set()
            p: str | None = mgr
            for _ in range(rank[mgr] - upper + 3):
                if p is None:
                    break
                above.add(p)
                p = parent.get(p)
            q: str | None = rep
            near = False
            for _ in range(rank[rep] - upper + 3):
                if q is None:
                    break
                if q in above:
                    near = True
                    break
                q = parent.get(q)
            if near:
                out.add((mgr, rep))
        return out

    def _label(self) -> str:
        roots = self.cut.roots
        names = [self.pl.org.people[r].display_name for r in roots[:2]]
        if self.number == 1 and self.count > 1:
            return "overview"
        if len(roots) == 1:
            return f"{names[0]}'s org"
        if len(roots) == 2:
            return f"the orgs of {names[0]} and {names[1]}"
        return f"the orgs of {names[0]}, {names[1]} and {len(roots) - 2} more"


class _Sizes(dict[str, tuple[float, float]]):
    """person -> estimated card size, computed on first use."""

    def __init__(self, text: dict[str, CardText], lines: dict[str, tuple[str, ...]]) -> None:
        super().__init__()
        self.text = text
        self.lines = lines

    def __missing__(self, p: str) -> tuple[float, float]:
        found = self[p] = self.text[p].size(self.lines[p])
        return found


def _columns(members: list[str]) -> list[list[str]]:
    """A stack's members in columns of at most :data:`STACK_ROWS`, as even as possible."""
    cols = -(-len(members) // STACK_ROWS)
    rows = -(-len(members) // cols)
    return [members[c * rows : (c + 1) * rows] for c in range(cols)]


def _tuple(columns: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(c) for c in columns)


def _cluster_name(org: Org, key: str) -> str | None:
    """The box label of a cluster key (``t:<team>``, ``u:<unit>``); None: no box."""
    kind, _, ident = key.partition(":")
    if kind == "t" and ident in org.teams:
        return org.teams[ident].name
    if kind == "u" and ident in org.units:
        return org.units[ident].name
    return None
