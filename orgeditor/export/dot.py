"""The DOT emitter: a laid-out :class:`~orgeditor.export.pages.Page` as a ``pydot.Dot``.

Every decision (who is on the page, stacks, ranks, node ids, which lines) comes from the
planner (:mod:`orgeditor.export.layout`); this module only prints it: HTML-like labels, colours
from the theme, clusters, nodes and edges. Node ids are the planner's opaque ids (``n1``,
``s1``, ports ``r1``, ``c``); every user string goes through :mod:`orgeditor.export.escape`
and reaches pydot already quoted (:class:`Quoted`), so pydot's own quoting, which mishandles
backslashes and cuts ids at ``:``, never sees user text. The same page gives byte-identical
DOT (``graph.to_string()``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, Any, cast

from orgeditor.export.cards import CardText
from orgeditor.export.dot_text import PartPrinter
from orgeditor.export.escape import html_text
from orgeditor.export.metrics import BADGE_PT, NAME_PT, PHOTO_GAP, PHOTO_PT, RANKSEP, TITLE_PT
from orgeditor.export.pages import Block, Card, Page
from orgeditor.export.themes import Card as Colours
from orgeditor.export.themes import Theme
from orgeditor.model.org import Org

if TYPE_CHECKING:
    import pydot

    from orgeditor.export.card_photos import PhotoFiles

__all__ = ["Quoted", "add_in_boxes", "cluster_colour", "new_graph", "page_graph"]


class Quoted:
    """A DOT value already quoted or escaped by us: pydot prints it as it is.

    pydot re-quotes plain strings by its own rules (and scans every label character doing so);
    a value that is not a ``str`` is printed verbatim.

    >>> f"label={Quoted('<<B>x</B>>')}"
    'label=<<B>x</B>>'
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __format__(self, spec: str) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Quoted({self.text!r})"


_PLAIN, _NO_STYLE = Quoted("plain"), Quoted('""')
_INVIS, _CHAIN_WEIGHT = Quoted("invis"), Quoted("100")
_PEN, _LEAD_PEN = Quoted("1.2"), Quoted("2.4")


def _q(text: str) -> Quoted:
    """A double-quoted DOT string of text that holds no user text (colours, styles)."""
    return Quoted(f'"{text}"')


def new_graph(
    theme: Theme, title: str, subtitle: str = "", legend: Iterable[str] | None = ()
) -> pydot.Dot:
    """An empty graph with our attributes, defaults, title and legend (``legend=None``: none).

    ``legend`` lists extra legend entries after the standard ones.
    """
    import pydot

    t = theme
    label = (
        '<<TABLE BORDER="0" CELLPADDING="2" CELLSPACING="0">'
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="20" COLOR="{t.ink}"><B>{html_text(title)}</B>'
        "</FONT></TD></TR>"
    )
    if subtitle or legend is not None:
        parts = [html_text(subtitle)] if subtitle else []
        if legend is not None:
            parts.append(
                f'<FONT COLOR="{t.solid}">\u2014 line manager</FONT>   '
                f'<FONT COLOR="{t.dotted}">- - dotted line</FONT>   '
                "\u2605 tech lead   \u25c6 PM   dashed box: open position"
            )
            parts.extend(html_text(x) for x in legend)
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
    graph = pydot.Dot(
        '"orgchart"',
        graph_type="digraph",
        charset=_q("UTF-8"),
        rankdir="TB",
        nodesep="0.25",
        ranksep=f"{RANKSEP / 72:g}",
        newrank="true",
        splines="polyline",
        ordering="out",
        outputorder="edgesfirst",
        pad="0.3",
        bgcolor=_q("transparent" if t.transparent else t.background),
        fontname=_q(t.font),
        labelloc="t",
        labeljust="l",
        label=Quoted(label),
    )
    graph.set_node_defaults(
        shape="box",
        style=_q("rounded,filled"),
        fontname=_q(t.font),
        fontsize=f"{NAME_PT:g}",
        fontcolor=_q(t.ink),
        margin=_q("0.12,0.06"),
        penwidth="1.2",
    )
    graph.set_edge_defaults(
        dir="none", arrowhead="none", arrowtail="none", color=_q(t.solid), penwidth="1.3"
    )
    return graph


def _card_html(c: CardText, muted: str, accent: str, extra: Iterable[str], left: bool) -> str:
    br = '<BR ALIGN="LEFT"/>' if left else "<BR/>"
    parts = [f"<B>{html_text(x)}</B>" for x in c.name]
    rest = _rest_html(c.title, c.badges, muted, accent, br)
    if rest:
        parts.append(rest)
    parts += [
        f'<FONT POINT-SIZE="{BADGE_PT:g}" COLOR="{accent}"><I>{html_text(x)}</I></FONT>'
        for x in extra
    ]
    return br.join(parts) + (br if left else "")


def _photo_html(text: str, src: str, text_width: float = 0) -> str:
    """A card's text with the photo (the image file ``src``) on its left; ``text_width``: the
    text's cell is that wide (a stack's cell: Graphviz would spread the slack of a wider cell
    between the photo and the text)."""
    w = f' WIDTH="{text_width:.0f}"' if text_width > 0 else ""
    return (
        '<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
        f'<TD FIXEDSIZE="TRUE" WIDTH="{PHOTO_PT:g}" HEIGHT="{PHOTO_PT:g}">'
        f'<IMG SRC="{html_text(src)}" SCALE="TRUE"/></TD><TD WIDTH="{PHOTO_GAP:g}"></TD>'
        f'<TD ALIGN="LEFT" BALIGN="LEFT"{w}>{text}</TD></TR></TABLE>'
    )


@functools.lru_cache(maxsize=8192)
def _rest_html(
    title: tuple[str, ...], badges: tuple[str, ...], muted: str, accent: str, br: str
) -> str:
    """The title and badge lines of a card (they repeat across cards: printed once each)."""
    parts = [
        f'<FONT POINT-SIZE="{TITLE_PT:g}" COLOR="{muted}">{html_text(x)}</FONT>' for x in title
    ]
    parts += [
        f'<FONT POINT-SIZE="{BADGE_PT:g}" COLOR="{accent}"><B>{html_text(x)}</B></FONT>'
        for x in badges
    ]
    return br.join(parts)


class _Emitter:
    def __init__(self, org: Org, page: Page, theme: Theme, photos: PhotoFiles | None) -> None:
        import pydot

        self.pydot = pydot
        self.org = org
        self.page = page
        self.theme = theme
        self.photos = photos
        self._colours: dict[tuple[object, ...], Colours] = {}

    def colours(self, pid: str) -> Colours:
        person = self.org.people[pid]
        marked = self.theme.marks.get(pid)
        if marked is not None and marked.fill:  # a change diagram's marked card: its own
            return self.theme.card(self.org, person)
        # what the theme's colours depend on (Theme.card): the role and one more field
        by = self.theme.colour_by
        if by == "kind":
            team = self.org.teams.get(person.team) if person.team else None
            key: tuple[object, ...] = (person.role, team.kind if team else None)
        else:
            key = (
                person.role,
                person.team if by == "team" else person.level if by == "level" else None,
            )
        found = self._colours.get(key)
        if found is None:
            found = self._colours[key] = self.theme.card(self.org, person)
        return found

    def label(self, card: Card, colours: Colours, left: bool, width: float = 0) -> str:
        """A card's label: its text lines, and its photo on the left when it has one
        (``width``: the inner width of a stack's cell)."""
        ct = card.text
        if not ct.photo or self.photos is None:
            return _card_html(ct, colours.muted, colours.border, card.marker_texts, left)
        from orgeditor.export.card_photos import card_photo

        data = card_photo(self.org.people[card.person])
        if data is None:
            return _card_html(ct, colours.muted, colours.border, card.marker_texts, left)
        text = _card_html(ct, colours.muted, colours.border, card.marker_texts, True)
        return _photo_html(text, self.photos.path(data), width)

    def cell(self, card: Card, port: str, width: float = 0) -> str:
        """One card of a stack as an HTML table cell (left-aligned text)."""
        colours = self.colours(card.person)
        ct = card.text
        # the text's room: the cell less its padding (5) and border (1, a lead's 2) on
        # either side, and the photo
        inner = width - 2 * (5 + (2 if ct.lead else 1)) - PHOTO_PT - PHOTO_GAP if width else 0
        label = self.label(card, colours, True, inner)
        w = f' WIDTH="{width:.0f}"' if width else ""
        return (
            f'<TD PORT="{port}"{_cell_style(colours, ct.lead, ct.open)}{w}>'
            f'<FONT COLOR="{colours.text}">{label}</FONT></TD>'
        )

    def card_node(self, card: Card) -> pydot.Node:
        colours = self.colours(card.person)
        ct = card.text
        label = self.label(card, colours, False)
        if card.port:
            # a card on a rank with taller stacks: drawn as a table cell with room below, so
            # that it lines up at the top with the stacks; lines attach to the cell (port c)
            cell_style = "dashed" if ct.open else "rounded"
            return self.pydot.Node(
                card.node,
                shape=_PLAIN,
                style=_NO_STYLE,
                label=Quoted(
                    f'<<TABLE BORDER="0" CELLSPACING="0">'
                    f'<TR><TD PORT="c" STYLE="{cell_style}" BORDER="{2 if ct.lead else 1}" '
                    f'COLOR="{colours.border}" BGCOLOR="{colours.fill}" CELLPADDING="5">'
                    f'<FONT COLOR="{colours.text}">{label}</FONT></TD></TR>'
                    f'<TR><TD HEIGHT="{card.filler:.0f}" BORDER="0"></TD></TR></TABLE>>'
                ),
            )
        return self.pydot.Node(
            card.node,
            label=Quoted(f"<{label}>"),
            fillcolor=_q(colours.fill),
            color=_q(colours.border),
            fontcolor=_q(colours.text),
            style=_q("rounded,filled,dashed" if ct.open else "rounded,filled"),
            penwidth=_LEAD_PEN if ct.lead else _PEN,
        )

    def block_node(self, block: Block) -> pydot.Node:
        cards = self.page.cards
        if block.single:
            card = cards[block.columns[0][0]]
            table = f"<TR>{self.cell(card, 'c', block.width)}</TR>"
            if block.filler >= 4:
                table += f'<TR><TD HEIGHT="{block.filler:.0f}" BORDER="0"></TD></TR>'
            return self.pydot.Node(
                block.node,
                shape=_PLAIN,
                style=_NO_STYLE,
                group=_q(block.group),
                label=Quoted(f'<<TABLE BORDER="0" CELLSPACING="0">{table}</TABLE>>'),
            )
        columns = block.columns
        rows: list[list[str]] = [[] for _ in columns[0]]
        for i, column in enumerate(columns):
            width = block.width or (block.widths[i] if block.widths else 0.0)
            for row, p in enumerate(column):
                card = cards[p]
                rows[row].append(self.cell(card, card.port, width))
        for cell_row in rows:
            cell_row.extend("<TD></TD>" for _ in range(len(columns) - len(cell_row)))
        table = "".join(f"<TR>{''.join(cell_row)}</TR>" for cell_row in rows)
        filler = block.filler
        if filler >= 7:  # a row of the table adds its height and the cell spacing (6)
            table += (
                f'<TR><TD COLSPAN="{len(columns)}" HEIGHT="{filler - 6:.0f}" BORDER="0"></TD></TR>'
            )
        label = Quoted(f'<<TABLE BORDER="0" CELLSPACING="6">{table}</TABLE>>')
        if not block.group:
            return self.pydot.Node(block.node, shape=_PLAIN, style=_NO_STYLE, label=label)
        # the rest of a column below its top cards: the node keeps its own size on its rank but
        # its label overflows upwards into the gap between the ranks, so that the column reads
        # as one stack (Graphviz warns that the size is too small)
        tall = block.height + 6 + (filler if filler >= 7 else 0)
        table += f'<TR><TD HEIGHT="{2 * RANKSEP - 6:.0f}" BORDER="0"></TD></TR>'
        return self.pydot.Node(
            block.node,
            shape=Quoted("none"),
            margin=Quoted("0"),  # "plain" would ignore the fixed width
            style=_NO_STYLE,
            group=_q(block.group),
            fixedsize=Quoted("true"),
            width=Quoted(f"{(block.width + 12) / 72:.2f}"),
            height=Quoted(f"{tall / 72:.2f}"),
            label=Quoted(f'<<TABLE BORDER="0" CELLSPACING="6">{table}</TABLE>>'),
        )

    def edge(
        self, tail: str, head: str, tail_side: str = "", head_side: str = "", **attrs: Any
    ) -> pydot.Edge:
        """An edge between two planner refs (``n3``, ``s2:r4``), ending on the compass side
        given (``"s"``: the bottom). The ports go in ``tailport``/``headport``: pydot re-parses
        and re-quotes a ``node:port`` end character class by character class, a third of the
        time it takes to print the whole graph."""
        tail_node, _, tail_port = tail.partition(":")
        head_node, _, head_port = head.partition(":")
        tail_port = ":".join(filter(None, (tail_port, tail_side)))
        head_port = ":".join(filter(None, (head_port, head_side)))
        if tail_port:
            attrs["tailport"] = _port(tail_port)
        if head_port:
            attrs["headport"] = _port(head_port)
        return self.pydot.Edge(tail_node, head_node, **attrs)

    def graph(self, subtitle: str, sink: Callable[[str], None] | None = None) -> pydot.Dot:
        pd, page, t = self.pydot, self.page, self.theme
        graph = new_graph(t, page.title, subtitle, page.legend)
        out: pydot.Dot | PartPrinter = graph if sink is None else PartPrinter(graph, sink)
        # with no boxes every node is added as it is made (its text can be sent on at once);
        # else each box's nodes are gathered first
        loose = not page.clusters and not any(c.cluster for c in page.cards.values())
        body: dict[str, list[pydot.Node]] = {}

        def made(cluster: str, node: pydot.Node) -> None:
            if loose:
                out.add_node(node)
            else:
                body.setdefault(cluster, []).append(node)

        for card in page.cards.values():
            if card.stack is None:
                made(card.cluster, self.card_node(card))
        blocks = [b for s in page.stacks for b in s.blocks]
        # singles first, then tables (as the planner numbers them)
        for block in sorted(blocks, key=lambda b: not b.single):
            made(block.cluster, self.block_node(block))

        def box(name: str, key: str, label: str) -> pydot.Cluster:
            colour = cluster_colour(self.org, t, key)
            cluster: pydot.Cluster = pd.Cluster(
                name,
                label=Quoted(f"<<B>{html_text(label)}</B>>"),
                style=_q("rounded,filled"),
                fillcolor=_q(t.background),
                color=_q(colour),
                fontcolor=_q(colour),
                fontsize="13",
                labeljust="l",
                penwidth="1.5",
            )
            return cluster

        add_in_boxes(out, body, page.clusters, box)
        cards = page.cards
        if page.top:
            tops = list(dict.fromkeys(cards[p].node for p in page.top))
            # the PM on top, everybody else hanging below by invisible lines
            others = dict.fromkeys(
                cards[p].line_end.split(":")[0] for p in page.roots if p not in page.top
            )
            for other in others:
                if other not in tops:
                    out.add_edge(pd.Edge(tops[0], other, style=_INVIS))
        for s in page.stacks:
            by_group: dict[str, list[str]] = {}
            for b in s.blocks:
                if b.group:
                    by_group.setdefault(b.group, []).append(b.node)
            for chain in by_group.values():
                for upper, lower in pairwise(chain):
                    out.add_edge(pd.Edge(upper, lower, style=_INVIS, weight=_CHAIN_WEIGHT))
        # solid lines: manager -> card, or manager -> stack (once per stack or stack column)
        done: set[tuple[str, str]] = set()
        dotted = []
        for line in page.lines:
            if line.dotted:
                dotted.append(line)
                continue
            src, dst = cards[line.manager].ref, cards[line.report].line_end
            if (src, dst) in done:
                continue
            done.add((src, dst))
            out.add_edge(self.edge(src, dst, "s", "n"))
        for line in dotted:
            out.add_edge(
                self.edge(
                    cards[line.manager].ref,
                    cards[line.report].ref,
                    style="dashed",
                    color=_q(t.dotted),
                    constraint="false",
                    dir="none",
                    arrowhead="none",
                    arrowtail="none",
                    penwidth="1.2",
                )
            )
        if isinstance(out, PartPrinter):
            out.close()
        return graph


@functools.lru_cache(maxsize=4096)
def _port(port: str) -> Quoted:
    """A port attribute's value (``s``, ``"r4:n"``): the planner's own names, never user text."""
    return Quoted(f'"{port}"' if ":" in port else port)


def add_in_boxes(
    out: pydot.Dot | PartPrinter,
    body: dict[str, list[pydot.Node]],
    labels: Mapping[str, str],
    box: Callable[[str, str, str], pydot.Cluster],
) -> None:
    """Add ``body``'s nodes (cluster key -> nodes, in drawing order) to ``out``: loose when
    ``labels`` has no label for their key, else inside the box ``box(name, key, label)``
    makes, the boxes named 1, 2, ... in that order."""
    n = 0
    for key, nodes in body.items():
        label = labels.get(key)
        if label is None:
            for node in nodes:
                out.add_node(node)
            continue
        n += 1
        cluster = box(str(n), key, label)
        for node in nodes:
            cluster.add_node(node)
        # pydot 4.0.1 types add_subgraph() for a Subgraph only; a Cluster is what it is for
        out.add_subgraph(cast("pydot.Subgraph", cluster))


def cluster_colour(org: Org, theme: Theme, key: str) -> str:
    kind, _, ident = key.partition(":")
    if kind == "t" and ident in org.teams:
        return theme.team_colours(org, ident).border
    return theme.muted


@functools.lru_cache(maxsize=1024)
def _cell_style(colours: Colours, lead: bool, open_: bool) -> str:
    """The attributes of a stack cell."""
    return (
        f' STYLE="{"dashed" if open_ else "rounded"}" BORDER="{2 if lead else 1}" '
        f'COLOR="{colours.border}" BGCOLOR="{colours.fill}" ALIGN="LEFT" BALIGN="LEFT" '
        'CELLPADDING="5"'
    )


def page_graph(
    org: Org,
    page: Page,
    theme: Theme,
    subtitle: str = "",
    photos: PhotoFiles | None = None,
    sink: Callable[[str], None] | None = None,
) -> pydot.Dot:
    """The ``pydot.Dot`` of one laid-out page of a tree chart; ``photos`` (the export's photo
    files) draws the photo of every card planned with one (:attr:`CardText.photo`).

    ``sink`` also gets the graph's DOT text (:func:`~orgeditor.export.dot_text.serialise`'s),
    in parts while the graph is built (:class:`~orgeditor.export.dot_text.PartPrinter`)."""
    return _Emitter(org, page, theme, photos).graph(subtitle, sink)
