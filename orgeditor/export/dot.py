"""DOT text for the tree views (reporting, subtree, pipeline), built directly with escaping.

Node ids are opaque (``n1``, ``n2``, ... for cards, ``s1``, ... for stacks of leaf reports and
the pieces of split stacks, ports ``r1``, ... inside a stack); every user string goes through
:mod:`orgeditor.export.escape`. The same chart gives byte-identical DOT.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import pairwise

from orgeditor.export.cards import CardText, badges, card_text
from orgeditor.export.escape import html_text
from orgeditor.export.layout import BADGE_PT, NAME_PT, STACK_ROWS, TITLE_PT, Page
from orgeditor.export.themes import Theme
from orgeditor.export.views import Chart
from orgeditor.model.org import Org

__all__ = ["graph_header", "tree_dot"]

#: the gap between ranks in points (0.45 in)
RANKSEP = 32.4


def graph_header(theme: Theme, title: str, subtitle: str, legend: bool = True) -> list[str]:
    """The opening lines of a DOT graph: attributes, defaults, title and legend."""
    t = theme
    label = (
        '<<TABLE BORDER="0" CELLPADDING="2" CELLSPACING="0">'
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="20" COLOR="{t.ink}"><B>{html_text(title)}</B>'
        "</FONT></TD></TR>"
    )
    if subtitle or legend:
        parts = [html_text(subtitle)] if subtitle else []
        if legend:
            parts.append(
                f'<FONT COLOR="{t.solid}">\u2014 line manager</FONT>   '
                f'<FONT COLOR="{t.dotted}">- - dotted line</FONT>   '
                "\u2605 tech lead   \u25c6 PM   dashed box: open position"
            )
        label += (
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="11" COLOR="{t.muted}">'
            f"{'     '.join(parts)}</FONT></TD></TR>"
        )
    if t.legend_extra:
        label += (
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="11" COLOR="{t.ink}">'
            f"{t.legend_extra}</FONT></TD></TR>"
        )
    if t.mark:
        head = '<<TABLE BORDER="0" CELLPADDING="2" CELLSPACING="0">'
        label = (
            f'{head}<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="14" COLOR="{t.warning}">'
            f"<B>{html_text(t.mark)}</B></FONT></TD></TR>{label.removeprefix(head)}"
        )
    label += "</TABLE>>"
    return [
        'digraph "orgchart" {',
        f'  graph [charset="UTF-8" rankdir=TB nodesep=0.25 ranksep={RANKSEP / 72:g} newrank=true '
        f'splines=polyline ordering=out outputorder=edgesfirst pad=0.3 bgcolor="{t.background}" '
        f'fontname="{t.font}" labelloc=t labeljust=l label={label}]',
        f'  node [shape=box style="rounded,filled" fontname="{t.font}" fontsize={NAME_PT:g} '
        f'fontcolor="{t.ink}" margin="0.12,0.06" penwidth=1.2]',
        f'  edge [dir=none arrowhead=none arrowtail=none color="{t.solid}" penwidth=1.3]',
    ]


def _card_html(
    c: CardText, ink: str, muted: str, accent: str, extra: Iterable[str] = (), left: bool = False
) -> str:
    br = '<BR ALIGN="LEFT"/>' if left else "<BR/>"
    parts = [f"<B>{html_text(x)}</B>" for x in c.name]
    parts += [
        f'<FONT POINT-SIZE="{TITLE_PT:g}" COLOR="{muted}">{html_text(x)}</FONT>' for x in c.title
    ]
    parts += [
        f'<FONT POINT-SIZE="{BADGE_PT:g}" COLOR="{accent}"><B>{html_text(x)}</B></FONT>'
        for x in c.badges
    ]
    parts += [
        f'<FONT POINT-SIZE="{BADGE_PT:g}" COLOR="{accent}"><I>{html_text(x)}</I></FONT>'
        for x in extra
    ]
    return br.join(parts) + (br if left else "")


class _Builder:
    def __init__(self, org: Org, chart: Chart, theme: Theme, titles: bool) -> None:
        self.org = org
        self.chart = chart
        self.theme = theme
        self.titles = titles
        self.leads = badges(org, theme)
        self.ids: dict[str, str] = {}  # person -> node ref ("n3" or "s2:r4")
        self._texts: dict[str, CardText] = {}

    def text(self, pid: str) -> CardText:
        found = self._texts.get(pid)
        if found is None:
            found = self._texts[pid] = card_text(self.org, pid, self.leads, self.titles)
        return found

    def extra(self, pid: str, page: Page, pages: int) -> list[str]:
        out: list[str] = []
        if pid in page.back and pages > 1:
            mgr, num = page.back[pid]
            who = self.org.people[mgr].display_name if mgr in self.org.people else "their manager"
            out.append(f"\u25c2 reports to {who} (page {num})")
        if pid in page.cont:
            n = _count(self.chart, pid)
            out.append(f"\u25b8 {n} more on page {page.cont[pid]}")
        hidden = self.chart.hidden.get(pid)
        if hidden:
            out.append(f"+ {hidden} more below")
        pipeline = self.chart.pipeline
        if pipeline is not None:
            share = self.org.share(pid, self.org.people[pid].team, pipeline)
            if share is None:
                share = self.org.share(pid, None, pipeline)
            if share is not None and share < 100:
                out.append(f"{share}% on this pipeline")
        return out


def _stack_cell(b: _Builder, p: str, port: str, page: Page, pages: int, width: float = 0) -> str:
    """One card of a stack as an HTML table cell (left-aligned text)."""
    card = b.theme.card(b.org, b.org.people[p])
    ct = b.text(p)
    style = "dashed" if ct.open else "rounded"
    label = _card_html(ct, card.text, card.muted, card.border, b.extra(p, page, pages), True)
    w = f' WIDTH="{width:.0f}"' if width else ""
    return (
        f'<TD PORT="{port}" STYLE="{style}" BORDER="{2 if ct.lead else 1}" '
        f'COLOR="{card.border}" BGCOLOR="{card.fill}" ALIGN="LEFT" BALIGN="LEFT" '
        f'CELLPADDING="5"{w}><FONT COLOR="{card.text}">{label}</FONT></TD>'
    )


def _columns(members: list[str]) -> list[list[str]]:
    cols = math.ceil(len(members) / STACK_ROWS)
    rows = math.ceil(len(members) / cols)
    return [members[c * rows : (c + 1) * rows] for c in range(cols)]


def _table_height(b: _Builder, columns: list[list[str]], page: Page, pages: int) -> float:
    """The height in points of a stack table (as measured: a line is as tall as its font)."""

    def cell(p: str) -> float:
        ct = b.text(p)
        lines = len(ct.badges) + len(b.extra(p, page, pages))
        return len(ct.name) * NAME_PT + len(ct.title) * TITLE_PT + lines * BADGE_PT + 18

    return max(sum(cell(p) for p in column) for column in columns)


def _cluster_label(org: Org, theme: Theme, key: str) -> tuple[str | None, str]:
    """The label and colour of a cluster key (``t:<team>``, ``u:<unit>``); None: no box."""
    kind, _, ident = key.partition(":")
    if kind == "t" and ident in org.teams:
        return org.teams[ident].name, theme.team_colours(org, ident).border
    if kind == "u" and ident in org.units:
        return org.units[ident].name, theme.muted
    return None, ""


def _count(chart: Chart, pid: str) -> int:
    n = 0
    stack = list(chart.children.get(pid, ()))
    while stack:
        n += 1
        stack.extend(chart.children.get(stack.pop(), ()))
    return n


def tree_dot(
    org: Org,
    chart: Chart,
    theme: Theme,
    *,
    page: Page | None = None,
    pages: int = 1,
    page_number: int = 1,
    titles: bool = True,
    stack: bool = True,
    clusters: str | bool = False,
    subtitle: str = "",
) -> str:
    """The DOT text of one page of a tree chart (the whole chart when ``page`` is None)."""
    page = page or Page(list(chart.roots))
    b = _Builder(org, chart, theme, titles)
    t = theme
    title = chart.title + (f" (page {page_number} of {pages})" if pages > 1 else "")
    out = graph_header(t, title, subtitle)
    people = page.people(chart)
    shown = set(people)
    depth_of: dict[str, int] = {}
    for r in page.roots:
        depth_of[r] = 0
    kids: dict[str, list[str]] = {}
    for p in people:
        d = depth_of[p]
        if page.depth is None or d < page.depth:
            ks = [c for c in chart.children.get(p, ()) if c in shown]
            for c in ks:
                depth_of[c] = d + 1
            if ks:
                kids[p] = ks
    key = chart.cluster if clusters else {}
    # which people are stacked: leaves on this page, grouped by (manager, cluster)
    stacks: dict[tuple[str, str], list[str]] = {}
    parents: list[tuple[str, list[str]]] = [("", list(page.roots))]
    parents += [(p, kids[p]) for p in people if p in kids]
    if stack:
        for mgr, ks in parents:
            groups: dict[str, list[str]] = {}
            for c in ks:
                if c not in kids:
                    groups.setdefault(key.get(c, ""), []).append(c)
            for ck, members in groups.items():
                if members:
                    stacks[(mgr, ck)] = members
    stacked = {p for members in stacks.values() for p in members}
    body: dict[str, list[str]] = {}  # cluster key -> node lines

    # A stack on a rank where cards have their own reports on the page would make Graphviz start
    # the next rank below the stack, leaving those reports hanging far below their manager.
    # There each column of the stack is drawn one card per rank, chained by invisible heavy
    # edges in one group (a straight column), down to the first rank without such cards, where
    # the rest of the column is one table. Elsewhere a stack stays one table (fast to lay out).
    mixed = {depth_of[p] for p in kids}
    tables: list[tuple[str, str, int, list[list[str]], float, str]] = []
    singles: list[tuple[str, str, int, str, float, str]] = []  # node, cluster, rank, person, ...
    chains: list[list[str]] = []
    head: dict[str, str] = {}  # stacked person -> the node their manager's line goes to
    split = len(stacks)  # pieces of split stacks are numbered after the whole stacks
    for s, ((mgr, ck), members) in enumerate(stacks.items(), 1):
        rank = depth_of.get(mgr, -1) + 1
        if chart.top and all(p in chart.top for p in members):
            rank = -1  # the PM on top of a pipeline: a rank of their own
        k = 0
        while rank + k in mixed:
            k += 1
        if k == 0:
            tables.append((f"s{s}", ck, rank, _columns(members), 0.0, ""))
            head.update(dict.fromkeys(members, f"s{s}"))
            continue
        for column in _columns(members):
            group = f"s{split + 1}"  # a column's group is named after its top card
            # one width for the column's cards (the estimate runs a little short on titles)
            width = 1.08 * max(b.text(p).size(tuple(b.extra(p, page, pages)))[0] for p in column)
            chain: list[str] = []
            for j, p in enumerate(column[:k]):
                split += 1
                chain.append(f"s{split}")
                b.ids[p] = f"{chain[-1]}:c"
                singles.append((chain[-1], ck, rank + j, p, width, group))
            if len(column) > k:
                split += 1
                chain.append(f"s{split}")
                tables.append((chain[-1], ck, rank + k, [column[k:]], width, group))
            chains.append(chain)
            head.update(dict.fromkeys(column, b.ids[column[0]]))
    tallest: dict[int, float] = {}
    for _sid, _ck, rank, columns, _w, _g in tables:
        tallest[rank] = max(tallest.get(rank, 0.0), _table_height(b, columns, page, pages))
    high: dict[str, float] = {}  # card heights on ranks with single stacked cards
    for _sid, _ck, rank, p, _w, _g in singles:
        high[p] = b.text(p).size(tuple(b.extra(p, page, pages)))[1]
        tallest[rank] = max(tallest.get(rank, 0.0), high[p])
    for p in people:
        if p not in stacked and depth_of[p] in tallest:
            h = b.text(p).size(tuple(b.extra(p, page, pages)))[1]
            tallest[depth_of[p]] = max(tallest[depth_of[p]], h)
    n = 0
    for p in people:
        if p in stacked:
            continue
        n += 1
        nid = f"n{n}"
        b.ids[p] = nid
        person = org.people[p]
        card = t.card(org, person)
        ct = b.text(p)
        style = "rounded,filled,dashed" if ct.open else "rounded,filled"
        pen = 2.4 if ct.lead else 1.2
        extra = b.extra(p, page, pages)
        label = _card_html(ct, card.text, card.muted, card.border, extra)
        filler = tallest.get(depth_of[p], 0.0) - ct.size(tuple(extra))[1]
        if filler >= 10:
            # a card on a rank with taller stacks: drawn as a table cell with room below, so
            # that it lines up at the top with the stacks; lines attach to the cell (port c)
            b.ids[p] = f"{nid}:c"
            cell_style = "dashed" if ct.open else "rounded"
            body.setdefault(key.get(p, ""), []).append(
                f'  {nid} [shape=plain style="" label=<<TABLE BORDER="0" CELLSPACING="0">'
                f'<TR><TD PORT="c" STYLE="{cell_style}" BORDER="{2 if ct.lead else 1}" '
                f'COLOR="{card.border}" BGCOLOR="{card.fill}" CELLPADDING="5">'
                f'<FONT COLOR="{card.text}">{label}</FONT></TD></TR>'
                f'<TR><TD HEIGHT="{filler:.0f}" BORDER="0"></TD></TR></TABLE>>]'
            )
            continue
        body.setdefault(key.get(p, ""), []).append(
            f'  {nid} [label=<{label}> fillcolor="{card.fill}" color="{card.border}" '
            f'fontcolor="{card.text}" style="{style}" penwidth={pen:g}]'
        )
    for nid, ck, rank, p, width, group in singles:
        table = f"<TR>{_stack_cell(b, p, 'c', page, pages, width)}</TR>"
        filler = tallest[rank] - high[p]
        if filler >= 4:
            table += f'<TR><TD HEIGHT="{filler:.0f}" BORDER="0"></TD></TR>'
        body.setdefault(ck, []).append(
            f'  {nid} [shape=plain style="" group="{group}" label=<<TABLE BORDER="0" '
            f'CELLSPACING="0">{table}</TABLE>>]'
        )
    for sid, ck, rank, columns, width, group in tables:
        cells: list[list[str]] = [[] for _ in columns[0]]
        i = 0
        for column in columns:
            for row, p in enumerate(column):
                i += 1
                b.ids[p] = f"{sid}:r{i}"
                cells[row].append(_stack_cell(b, p, f"r{i}", page, pages, width))
        for cell_row in cells:
            cell_row.extend("<TD></TD>" for _ in range(len(columns) - len(cell_row)))
        table = "".join(f"<TR>{''.join(cell_row)}</TR>" for cell_row in cells)
        filler = tallest[rank] - _table_height(b, columns, page, pages)
        if filler >= 7:  # a row of the table adds its height and the cell spacing (6)
            table += (
                f'<TR><TD COLSPAN="{len(columns)}" HEIGHT="{filler - 6:.0f}" BORDER="0"></TD></TR>'
            )
        shape, grouped = "plain", ""
        if group:
            # the rest of a column below its top cards: the node keeps its own size on its rank
            # but its label overflows upwards into the gap between the ranks, so that the
            # column reads as one stack (Graphviz warns that the size is too small)
            tall = _table_height(b, columns, page, pages) + 6 + (filler if filler >= 7 else 0)
            table += f'<TR><TD HEIGHT="{2 * RANKSEP - 6:.0f}" BORDER="0"></TD></TR>'
            shape = "none margin=0"  # "plain" would ignore the fixed width
            grouped = (
                f' group="{group}" fixedsize=true width={(width + 12) / 72:.2f} '
                f"height={tall / 72:.2f}"
            )
        body.setdefault(ck, []).append(
            f'  {sid} [shape={shape} style=""{grouped} label=<<TABLE BORDER="0" CELLSPACING="6">'
            f"{table}</TABLE>>]"
        )
    n_cluster = 0
    for ck, lines in body.items():
        box_label, colour = _cluster_label(org, t, ck)
        if box_label is None:
            out.extend(lines)
            continue
        n_cluster += 1
        out.append(f"  subgraph cluster_{n_cluster} {{")
        out.append(
            f'    graph [label=<<B>{html_text(box_label)}</B>> style="rounded,filled" '
            f'fillcolor="{t.background}" color="{colour}" fontcolor="{colour}" '
            f"fontsize=13 labeljust=l penwidth=1.5]"
        )
        out.extend("  " + line for line in lines)
        out.append("  }")
    if chart.top:
        tops = list(dict.fromkeys(b.ids[p].split(":")[0] for p in chart.top if p in b.ids))
        if tops:
            # the PM on top, everybody else hanging below by invisible lines
            others = dict.fromkeys(
                head.get(p, b.ids[p]).split(":")[0]
                for p in page.roots
                if p in b.ids and p not in chart.top
            )
            for node in others:
                if node not in tops:
                    out.append(f"  {tops[0]} -> {node} [style=invis]")
    for chain in chains:
        for upper, lower in pairwise(chain):
            out.append(f"  {upper} -> {lower} [style=invis weight=100]")
    # solid lines: manager -> card, or manager -> stack (once per stack or stack column)
    for mgr, ks in parents:
        if not mgr:
            continue
        src = b.ids[mgr]
        done: set[str] = set()
        for c in ks:
            dst = head.get(c, b.ids[c])
            if dst in done:
                continue
            done.add(dst)
            out.append(f"  {src}:s -> {dst}:n")
    for mgr, rep in chart.dotted:
        if mgr in b.ids and rep in b.ids:
            out.append(
                f'  {b.ids[mgr]} -> {b.ids[rep]} [style=dashed color="{t.dotted}" '
                "constraint=false dir=none arrowhead=none arrowtail=none penwidth=1.2]"
            )
    out.append("}")
    return "\n".join(out) + "\n"
