"""Editable PowerPoint pages: the planner's laid-out page placed as boxes, lines and markers.

The planner (:class:`orgeditor.export.layout.ChartPlanner`, the same as every other format's)
decides the page; the slides only place it. From the planner's
:class:`~orgeditor.export.pages.Page` come:

- the paging (:meth:`ChartPlanner.paginate`, given the card sizes scaled to the slide's chart
  area by :func:`plan_chart`, so that every page fits with names of at least ``min_name_pt``);
- which cards are drawn, what each says and its markers ("▸ 12 more on page 4", "┄ dotted to
  Sofia Rossi, PM Feed ranking");
- which people are stacked and the columns of every stack (:attr:`Stack.columns`: whole
  columns; the :class:`~orgeditor.export.pages.Block` pieces the planner splits a column into
  are how DOT draws it, not used here); ``rows`` asks the planner for lower columns on a page
  too tall for its slide;
- the lines (solid manager -> report, and the dotted lines drawn; the other dotted lines are
  notes on the cards and in the legend), the roots and the top rank (the PM of a pipeline
  view), the cluster boxes and their labels.

The slide's own, rendering only: the geometry. :func:`lay_out` places each page with Graphviz
(``dot -Tjson``, through the export's runner and its one deadline): every card of its own is
a node of the size its text needs (:meth:`CardText.size`, the project's text estimate), every
stack one node of the size of its columns, each column with a :data:`GUTTER` on its left for
the vertical bus and :data:`STACK_GAP` between its cards; :data:`NODESEP` and :data:`RANKSEP`
apart (points); cluster boxes padded by :data:`CLUSTER_PAD`. Graphviz gives the x order; each
family is then put just below its manager (:func:`_tops`). Coordinates are points with the y
axis pointing down (Graphviz's y axis points up: it is flipped here).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from orgeditor.errors import UserError
from orgeditor.export.cards import CardText
from orgeditor.export.deadline import Deadline
from orgeditor.export.dot import cluster_colour
from orgeditor.export.escape import html_text
from orgeditor.export.layout import ChartPlanner
from orgeditor.export.metrics import NAME_PT, STACK_ROWS, budget
from orgeditor.export.pages import Marker as PlanMarker
from orgeditor.export.pages import Page, marker_lines
from orgeditor.export.paging import PageCut
from orgeditor.export.themes import Theme
from orgeditor.export.views import Chart
from orgeditor.model.org import Org

if TYPE_CHECKING:
    from orgeditor.export.api import ExportOptions
    from orgeditor.export.pages import PageDot

__all__ = [
    "Box",
    "Line",
    "Marker",
    "Paging",
    "PlacedPage",
    "chart_for",
    "lay_out",
    "picture_pages",
    "plan_chart",
]

#: the room on the left of a stack column where its vertical bus runs
GUTTER = 14.0
#: the gap between two cards of a stack column
STACK_GAP = 7.0
NODESEP = 28.0
RANKSEP = 40.0
#: cluster boxes: padding around their cards and the height of their label
CLUSTER_PAD = 8.0
CLUSTER_LABEL = 18.0


@dataclass(frozen=True, slots=True)
class Marker:
    """A line of small text on a card; ``page`` (1-based) is the page it points to."""

    text: str
    page: int | None = None


@dataclass(slots=True)
class Box:
    """One person's card: position and size in points (y down), what it says."""

    pid: str
    x: float
    y: float
    w: float
    h: float
    text: CardText
    markers: list[Marker]
    #: the stack this card belongs to ("" for a card of its own)
    stack: str = ""
    #: the x of the vertical bus of the card's stack column (stacked cards only)
    bus_x: float = 0.0


@dataclass(frozen=True, slots=True)
class Line:
    """A reporting line between two cards; ``bus`` is the y (solid) of the horizontal bus."""

    manager: str
    report: str
    dotted: bool = False
    bus: float = 0.0


@dataclass
class PlacedPage:
    """One page laid out: boxes by person, lines, cluster boxes; size in points."""

    title: str
    label: str
    width: float
    height: float
    boxes: dict[str, Box]
    lines: list[Line]
    #: (label, colour, x, y, w, h)
    clusters: list[tuple[str, str, float, float, float, float]] = field(default_factory=list)
    #: the planner's extra legend entries for the page (dotted lines noted on cards)
    legend: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [" ".join(" ".join(b.text.name).split()) for b in self.boxes.values()]


def chart_for(org: Org, opts: ExportOptions) -> Chart:
    """The chart of a tree view, as the other formats draw it."""
    from orgeditor.export.views import chart_of

    if opts.depth is not None and opts.depth < 0:
        raise UserError("--depth must be 0 or more")
    chart = chart_of(org, opts)
    if not chart.roots:
        raise UserError(f"the {opts.view} view has nobody to draw")
    return chart


@dataclass
class Paging:
    """A chart split into pages for editable slides, and the planner that plans each page.

    The planner (:class:`orgeditor.export.layout.ChartPlanner`) is the same as the other formats':
    its :meth:`~ChartPlanner.page` gives the cards drawn with their texts and markers, the
    stacks and their columns, the lines (and which dotted lines become a note on the card), the
    top rank and the cluster boxes that :func:`lay_out` places.
    """

    planner: ChartPlanner
    cuts: list[PageCut]

    def __len__(self) -> int:
        return len(self.cuts)


def plan_chart(
    org: Org,
    chart: Chart,
    area: tuple[float, float],
    min_name_pt: float,
    stack: bool,
    titles: bool,
    grow: float = 1.0,
    *,
    theme: Theme | None = None,
    deadline: Deadline | None = None,
    photos: bool = False,
) -> Paging:
    """Pages of ``chart`` that each fit ``area`` (points) with names of ``min_name_pt`` or more.

    Today's paging fits pages to a budget made for 12-px names on a 1920x1080 slide;
    card sizes are scaled by how much smaller the area is than that budget (``grow`` more).
    ``theme``'s card marks (the change diagrams) add their badge lines to the cards;
    ``photos`` makes room on the cards of people with a kept photo.
    """
    max_w, max_h = budget()
    scale = min_name_pt / NAME_PT  # slide points per layout point at the smallest names
    fit_w, fit_h = area[0] / scale, area[1] / scale
    factor = max(max_w / fit_w, (max_h - 110) / fit_h) * grow
    planner = ChartPlanner(org, chart, titles, stack, bool(chart.cluster), theme, photos)
    sizes = {
        p: ((w + GUTTER) * factor, (h + STACK_GAP) * factor)
        for p, (w, h) in planner.paging_sizes().items()
    }
    cuts = planner.paginate(sizes, deadline)
    return Paging(planner, cuts)


def lay_out(
    org: Org,
    paging: Paging,
    number: int,
    *,
    theme: Theme,
    opts: ExportOptions | None = None,
    rows: int = STACK_ROWS,
) -> PlacedPage:
    """Place the planner's page ``number`` (1-based) with Graphviz; see the module's docstring.

    ``rows`` is the planner's limit on the cards of a stack column (fewer: a wider, lower
    page). ``opts`` gives Graphviz's time limit: the export's one deadline (``opts.deadline``)
    when there is one, else ``opts.timeout`` for this run.
    """
    plan = paging.planner.page(paging.cuts[number - 1], number, len(paging.cuts), rows)
    cards = plan.cards
    size = {p: card.size for p, card in cards.items()}
    # one layout node per card of its own (the planner's id, n1, n2, ...), one per stack
    node_of = {
        p: card.node if card.stack is None else f"s{card.stack + 1}" for p, card in cards.items()
    }
    node_size = {node_of[p]: size[p] for p, card in cards.items() if card.stack is None}
    for i, st in enumerate(plan.stacks, 1):
        w = sum(GUTTER + max(size[p][0] for p in col) for col in st.columns)
        h = max(sum(size[p][1] for p in col) + STACK_GAP * (len(col) - 1) for col in st.columns)
        node_size[f"s{i}"] = (w, h)
    reports: dict[str, list[str]] = {}  # manager -> reports, by the planner's solid lines
    for ln in plan.lines:
        if not ln.dotted:
            reports.setdefault(ln.manager, []).append(ln.report)
    centre, width = _graphviz(org, theme, plan, node_of, node_size, reports, opts)
    top = _tops(centre, node_size, node_of, reports, plan.top, plan.roots)
    boxes: dict[str, Box] = {}
    for p, card in cards.items():
        if card.stack is None:
            nid = node_of[p]
            w, h = size[p]
            boxes[p] = Box(
                p, centre[nid][0] - w / 2, top[nid], w, h, card.text, _markers(card.markers)
            )
    for i, st in enumerate(plan.stacks, 1):
        sid = f"s{i}"
        left = centre[sid][0] - node_size[sid][0] / 2
        for col in st.columns:  # whole columns, however the planner splits them for DOT
            col_w = max(size[p][0] for p in col)
            y = top[sid]
            for p in col:
                card = cards[p]
                h = size[p][1]
                boxes[p] = Box(
                    p,
                    left + GUTTER,
                    y,
                    col_w,
                    h,
                    card.text,
                    _markers(card.markers),
                    sid,
                    left + GUTTER / 2,
                )
                y += h + STACK_GAP
            left += GUTTER + col_w
    out: list[Line] = []
    for mgr, ks in reports.items():
        m = boxes[mgr]
        below = min(boxes[c].y for c in ks)
        # halfway down, or just above the reports when they were pushed below something
        bus = below - min(RANKSEP / 2, (below - m.y - m.h) / 2)
        out.extend(Line(mgr, c, False, bus) for c in ks)
    # the dotted lines the planner draws; the others are notes on the cards (and the legend's)
    out.extend(Line(ln.manager, ln.report, True) for ln in plan.lines if ln.dotted)
    clusters = []
    for ck, label in plan.clusters.items():
        inside = [boxes[p] for p, card in cards.items() if card.cluster == ck]
        x0 = min(b.x - (GUTTER if b.stack else 0) for b in inside) - CLUSTER_PAD
        y0 = min(b.y for b in inside) - CLUSTER_PAD - CLUSTER_LABEL
        x1 = max(b.x + b.w for b in inside) + CLUSTER_PAD
        y1 = max(b.y + b.h for b in inside) + CLUSTER_PAD
        clusters.append((label, cluster_colour(org, theme, ck), x0, y0, x1 - x0, y1 - y0))
    height = max(top[nid] + node_size[nid][1] for nid in top)
    if clusters:  # the label row of a cluster may reach above the layout's top
        shift = max(0.0, -min(c[3] for c in clusters))
        if shift:
            for b in boxes.values():
                b.y += shift
            out = [Line(ln.manager, ln.report, ln.dotted, ln.bus + shift) for ln in out]
            clusters = [(a, c, x, y + shift, w, h) for a, c, x, y, w, h in clusters]
            height += shift
    return PlacedPage(
        plan.title, plan.label, width, height, boxes, out, clusters, list(plan.legend)
    )


def _graphviz(
    org: Org,
    theme: Theme,
    plan: Page,
    node_of: dict[str, str],
    node_size: dict[str, tuple[float, float]],
    reports: dict[str, list[str]],
    opts: ExportOptions | None,
) -> tuple[dict[str, tuple[float, float]], float]:
    """Graphviz's layout of the page's nodes: each node's centre (y down) and the width.

    The layout graph has fixed-size empty nodes in the planner's drawing order, grouped in
    the planner's clusters, and an edge for every solid line (and from the top rank's first
    node to the other roots).
    """
    import pydot

    from orgeditor.export import render
    from orgeditor.export.dot import Quoted, add_in_boxes
    from orgeditor.export.dot_text import serialise

    graph = pydot.Dot(
        '"page"',
        graph_type="digraph",
        rankdir="TB",
        nodesep=f"{NODESEP / 72:.3f}",
        ranksep=f"{RANKSEP / 72:.3f}",
        newrank="true",
        ordering="out",
        splines="false",
    )
    graph.set_node_defaults(shape="box", fixedsize="true", label=Quoted('""'))
    body: dict[str, list[pydot.Node]] = {}
    firsts = {s.columns[0][0] for s in plan.stacks}
    for p, card in plan.cards.items():
        nid = node_of[p]
        if card.stack is not None and p not in firsts:
            continue  # a stack is one node, added with its first card
        w, h = node_size[nid]
        node = pydot.Node(nid, width=f"{w / 72:.4f}", height=f"{h / 72:.4f}")
        body.setdefault(card.cluster, []).append(node)

    def box(name: str, _key: str, label: str) -> pydot.Cluster:
        return pydot.Cluster(
            name, label=Quoted(f"<{html_text(label)}>"), fontsize="13", margin=f"{CLUSTER_PAD:g}"
        )

    add_in_boxes(graph, body, plan.clusters, box)
    if plan.top:
        head = node_of[plan.top[0]]
        for r in plan.roots:
            if r not in plan.top and node_of[r] != head:
                graph.add_edge(pydot.Edge(head, node_of[r], style="invis"))
    done: set[tuple[str, str]] = set()
    for mgr, ks in reports.items():
        for c in ks:
            edge = (node_of[mgr], node_of[c])
            if edge not in done:
                done.add(edge)
                graph.add_edge(pydot.Edge(*edge))
    data, _warnings = render.run_dot_by(
        serialise(graph),
        "json",
        opts.deadline if opts is not None else None,
        opts.timeout if opts is not None else render.DEFAULT_TIMEOUT,
    )
    try:
        laid = json.loads(data)
    except ValueError:
        raise UserError("Graphviz gave a layout that cannot be read (dot -Tjson)") from None
    bb = [float(v) for v in laid["bb"].split(",")]
    centre: dict[str, tuple[float, float]] = {}
    for obj in laid.get("objects", ()):
        if "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            centre[obj["name"]] = (x - bb[0], bb[3] - y)
    return centre, bb[2] - bb[0]


def _tops(
    centre: dict[str, tuple[float, float]],
    size: dict[str, tuple[float, float]],
    node_of: dict[str, str],
    reports: dict[str, list[str]],
    top_people: list[str],
    roots: list[str],
) -> dict[str, float]:
    """The top of every node: Graphviz's x order, but each family just below its manager.

    Graphviz centres nodes on ranks, and a tall stack on a rank pushes the whole next rank
    down. Here the reports of one manager line up at the top, :data:`RANKSEP` below their
    manager, or lower where a node drawn above is in the way; ranks are taken top to bottom.
    """
    families: dict[str, list[str]] = {}  # manager node -> report nodes
    for mgr, ks in reports.items():
        fam = families.setdefault(node_of[mgr], [])
        for c in ks:
            if node_of[c] not in fam and node_of[c] != node_of[mgr]:
                fam.append(node_of[c])
    if top_people:
        head = node_of[top_people[0]]
        fam = families.setdefault(head, [])
        for r in roots:
            if node_of[r] != head and node_of[r] not in fam and r not in top_people:
                fam.append(node_of[r])
    has_parent = {c for fam in families.values() for c in fam}
    tops: dict[str, float] = {}
    placed: list[tuple[float, float, float]] = []  # x0, x1, bottom

    def below(nodes: list[str], floor: float) -> float:
        for n in nodes:
            x0 = centre[n][0] - size[n][0] / 2 - 3
            x1 = centre[n][0] + size[n][0] / 2 + 3
            for a0, a1, bottom in placed:
                if a0 < x1 and x0 < a1:
                    floor = max(floor, bottom + RANKSEP)
        return floor

    first = [n for n in centre if n not in has_parent]
    queue = [(0.0, first)]
    while queue:
        queue.sort(key=lambda item: (item[0], min(centre[n][1] for n in item[1])))
        floor, nodes = queue.pop(0)
        y = below(nodes, floor)
        for n in nodes:
            tops[n] = y
            placed.append(
                (centre[n][0] - size[n][0] / 2, centre[n][0] + size[n][0] / 2, y + size[n][1])
            )
        for n in nodes:
            if families.get(n):
                queue.append((y + size[n][1] + RANKSEP, families[n]))
    return tops


def picture_pages(org: Org, paging: Paging, theme: Theme) -> list[PageDot]:
    """The same pages as Graphviz DOT, for a picture deck of them (the benchmark's baseline)."""
    from orgeditor.export.dot import page_graph
    from orgeditor.export.dot_text import serialise
    from orgeditor.export.pages import PageDot

    out = []
    for i, cut in enumerate(paging.cuts, 1):
        page = paging.planner.page(cut, i, len(paging.cuts))
        names = [org.people[p].display_name for p in page.people]
        out.append(PageDot(serialise(page_graph(org, page, theme)), names, page.label, page))
    return out


def _markers(found: Sequence[PlanMarker]) -> list[Marker]:
    """The planner's markers of a card as drawn on a slide: a long dotted-line note in lines."""
    return [Marker("\n".join(marker_lines((m,))), m.page) for m in found]
