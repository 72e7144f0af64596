"""DOT text for the tree views (reporting, subtree, pipeline), built directly with escaping.

Node ids are opaque (``n1``, ``n2``, ... for cards, ``s1``, ... for stacks of leaf reports,
ports ``r1``, ... inside a stack); every user string goes through
:mod:`orgeditor.export.escape`. The same chart gives byte-identical DOT.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from orgeditor.export.cards import CardText, badges, card_text
from orgeditor.export.escape import html_text
from orgeditor.export.layout import BADGE_PT, NAME_PT, STACK_ROWS, TITLE_PT, Page
from orgeditor.export.themes import Theme
from orgeditor.export.views import Chart
from orgeditor.model.org import Org

__all__ = ["graph_header", "tree_dot"]


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
    label += "</TABLE>>"
    return [
        'digraph "orgchart" {',
        f'  graph [charset="UTF-8" rankdir=TB nodesep=0.25 ranksep=0.45 newrank=true '
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
        self.leads = badges(org)
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


def _stack_padding(
    b: _Builder, stacks: dict[tuple[str, str], list[str]], depth_of: dict[str, int]
) -> tuple[dict[str, float], dict[int, float]]:
    """Filler heights so stacks on one rank line up at the top (Graphviz centres them).

    Returns the filler of each stack and the height of the tallest stack of each rank.
    """
    heights: dict[str, tuple[int, float]] = {}
    for i, ((mgr, _ck), members) in enumerate(stacks.items(), 1):
        cols = math.ceil(len(members) / STACK_ROWS)
        rows = math.ceil(len(members) / cols)
        h = 0.0
        for c in range(cols):
            column = members[c * rows : (c + 1) * rows]
            h = max(h, sum(b.text(p).size()[1] + 6 for p in column))
        heights[f"s{i}"] = (depth_of.get(mgr, -1) + 1, h)
    tallest: dict[int, float] = {}
    for d, h in heights.values():
        tallest[d] = max(tallest.get(d, 0.0), h)
    return {sid: tallest[d] - h for sid, (d, h) in heights.items()}, tallest


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

    pad, tallest = _stack_padding(b, stacks, depth_of)
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
    for s, ((_mgr, ck), members) in enumerate(stacks.items(), 1):
        sid = f"s{s}"
        cols = math.ceil(len(members) / STACK_ROWS)
        rows = math.ceil(len(members) / cols)
        cells: list[list[str]] = [[] for _ in range(rows)]
        for i, p in enumerate(members):
            port = f"r{i + 1}"
            b.ids[p] = f"{sid}:{port}"
            person = org.people[p]
            card = t.card(org, person)
            ct = b.text(p)
            style = "dashed" if ct.open else "rounded"
            border = 2 if ct.lead else 1
            label = _card_html(
                ct, card.text, card.muted, card.border, b.extra(p, page, pages), True
            )
            cells[i % rows].append(
                f'<TD PORT="{port}" STYLE="{style}" BORDER="{border}" COLOR="{card.border}" '
                f'BGCOLOR="{card.fill}" ALIGN="LEFT" BALIGN="LEFT" CELLPADDING="5">'
                f'<FONT COLOR="{card.text}">{label}</FONT></TD>'
            )
        for row in cells:
            row.extend("<TD></TD>" for _ in range(cols - len(row)))
        table = "".join(f"<TR>{''.join(row)}</TR>" for row in cells)
        filler = pad.get(sid, 0.0)
        if filler >= 4:
            table += f'<TR><TD COLSPAN="{cols}" HEIGHT="{filler:.0f}" BORDER="0"></TD></TR>'
        body.setdefault(ck, []).append(
            f'  {sid} [shape=plain style="" label=<<TABLE BORDER="0" CELLSPACING="6">'
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
                b.ids[p].split(":")[0] for p in page.roots if p in b.ids and p not in chart.top
            )
            for node in others:
                if node not in tops:
                    out.append(f"  {tops[0]} -> {node} [style=invis]")
    # solid lines: manager -> card, or manager -> stack (once per stack)
    stack_of = {}
    for i, ((_m, _ck), members) in enumerate(stacks.items(), 1):
        for p in members:
            stack_of[p] = f"s{i}"
    for mgr, ks in parents:
        if not mgr:
            continue
        src = b.ids[mgr]
        done: set[str] = set()
        for c in ks:
            dst = stack_of.get(c, b.ids[c])
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
