"""Laid-out pages for editable PowerPoint: every card's box, the lines, the markers.

This module is the one place where the PowerPoint export depends on the page planner:
:func:`plan_chart` splits a tree chart into pages with today's paging
(:func:`orgeditor.export.paging.paginate`) so that every page fits the slide's chart area with
names of at least ``min_name_pt``, and :func:`lay_out` places each page's cards with Graphviz
(``dot -Tjson``, through the export's runner and its one deadline). What every card says, its
markers ("▸ 12 more on page 4", "┄ dotted to Sofia Rossi, PM Feed ranking") and which dotted
lines are drawn come from the planner's own page (:class:`orgeditor.export.layout.ChartPlanner`),
so an editable deck shows what SVG and PDF show. Coordinates are points with the y axis
pointing down (Graphviz's y axis points up: it is flipped here).

Each card is a Graphviz node of the size the card text needs (:meth:`CardText.size`, the
project's text estimate); leaf reports stacked under one manager are one node of the size of
their columns, filled here: each column has a gutter on its left for the vertical bus.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from orgeditor.errors import UserError
from orgeditor.export.cards import CardText
from orgeditor.export.deadline import Deadline
from orgeditor.export.escape import html_text
from orgeditor.export.layout import ChartPlanner
from orgeditor.export.metrics import NAME_PT, STACK_ROWS, budget
from orgeditor.export.pages import Marker as PlanMarker
from orgeditor.export.pages import marker_lines
from orgeditor.export.paging import PageCut, Sizer, paginate
from orgeditor.export.placement import stack_columns
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
    """A chart split into pages for editable slides, and the planner that writes their cards.

    The planner (:class:`orgeditor.export.layout.ChartPlanner`) is the same as the other formats':
    it gives every card its text and markers, and decides which dotted lines are drawn and
    which become a note on the card.
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
    key = chart.cluster if chart.cluster else {}
    cuts = paginate(chart, Sizer(sizes, stack), key, deadline=deadline)
    planner.locate(cuts)
    return Paging(planner, cuts)


def lay_out(
    org: Org,
    chart: Chart,
    paging: Paging,
    number: int,
    *,
    theme: Theme,
    stack: bool = True,
    opts: ExportOptions | None = None,
    rows: int = STACK_ROWS,
) -> PlacedPage:
    """Place the cards of page ``number`` (1-based) with Graphviz; see the module's docstring.

    Stacks of leaf reports have columns of at most ``rows`` cards (fewer: a wider, lower page).

    ``opts`` gives Graphviz's time limit: the export's one deadline (``opts.deadline``) when
    there is one, else ``opts.timeout`` for this run.
    """
    page = paging.cuts[number - 1]
    pages = len(paging.cuts)
    plan = paging.planner.page(page, number, pages)
    people = page.people(chart)
    kids: dict[str, list[str]] = {}  # manager -> reports drawn on this page
    todo = [(r, 0) for r in page.roots]
    while todo:
        p, d = todo.pop()
        reports = chart.children.get(p, ())
        if reports and (page.depth is None or d < page.depth):
            kids[p] = list(reports)
            todo.extend((c, d + 1) for c in reports)
    key = chart.cluster
    texts = {p: plan.cards[p].text for p in people}
    marks = {p: _markers(plan.cards[p].markers) for p in people}
    size = {p: texts[p].size(plan.cards[p].marker_texts) for p in people}
    # stacks: leaves on this page grouped by (manager, cluster)
    stacks: dict[str, tuple[str, list[list[str]]]] = {}  # node -> (manager, columns)
    node_of: dict[str, str] = {}
    if stack:
        for mgr, ks in [("", list(page.roots)), *((p, kids[p]) for p in people if p in kids)]:
            groups: dict[str, list[str]] = {}
            for c in ks:
                if c not in kids:
                    groups.setdefault(key.get(c, ""), []).append(c)
            for members in groups.values():
                sid = f"s{len(stacks) + 1}"
                stacks[sid] = (mgr, stack_columns(members, rows))
                node_of.update(dict.fromkeys(members, sid))
    n = 0
    for p in people:
        if p not in node_of:
            n += 1
            node_of[p] = f"n{n}"
    node_size: dict[str, tuple[float, float]] = {}
    for p in people:
        if not node_of[p].startswith("s"):
            node_size[node_of[p]] = size[p]
    for sid, (_mgr, columns) in stacks.items():
        w = sum(GUTTER + max(size[p][0] for p in col) for col in columns)
        h = max(sum(size[p][1] for p in col) + STACK_GAP * (len(col) - 1) for col in columns)
        node_size[sid] = (w, h)
    # the layout graph: fixed-size empty nodes, in drawing order, grouped into clusters
    import pydot

    from orgeditor.export import render
    from orgeditor.export.dot import Quoted, serialise

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
    first_of: dict[str, str] = {}
    for p in people:
        nid = node_of[p]
        if nid in first_of.values():
            continue
        first_of[p] = nid
        w, h = node_size[nid]
        node = pydot.Node(nid, width=f"{w / 72:.4f}", height=f"{h / 72:.4f}")
        body.setdefault(key.get(p, ""), []).append(node)
    cluster_keys: dict[str, str] = {}
    for ck, nodes in body.items():
        label, _colour = _cluster_label(org, theme, ck)
        if label is None:
            for node in nodes:
                graph.add_node(node)
            continue
        cluster_id = str(len(cluster_keys) + 1)
        cluster_keys[f"cluster_{cluster_id}"] = ck  # the name pydot gives it, as -Tjson reports it
        cluster = pydot.Cluster(
            cluster_id,
            label=Quoted(f"<{html_text(label)}>"),
            fontsize="13",
            margin=f"{CLUSTER_PAD:g}",
        )
        for node in nodes:
            cluster.add_node(node)
        # pydot 4.0.1 types add_subgraph() for a Subgraph only; a Cluster is what it is for
        graph.add_subgraph(cast("pydot.Subgraph", cluster))
    if chart.top:
        tops = [node_of[p] for p in chart.top if p in node_of]
        if tops:
            for r in page.roots:
                if r not in chart.top and node_of[r] != tops[0]:
                    graph.add_edge(pydot.Edge(tops[0], node_of[r], style="invis"))
    done: set[tuple[str, str]] = set()
    for mgr, ks in kids.items():
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
        graph = json.loads(data)
    except ValueError:
        raise UserError("Graphviz gave a layout that cannot be read (dot -Tjson)") from None
    bb = [float(v) for v in graph["bb"].split(",")]
    top_y = bb[3]
    centre: dict[str, tuple[float, float]] = {}
    for obj in graph.get("objects", ()):
        if "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            centre[obj["name"]] = (x - bb[0], top_y - y)
    top = _tops(centre, node_size, node_of, kids, chart.top, page.roots)
    boxes: dict[str, Box] = {}
    for p in people:
        nid = node_of[p]
        if nid.startswith("n"):
            cx = centre[nid][0]
            w, h = size[p]
            boxes[p] = Box(p, cx - w / 2, top[nid], w, h, texts[p], marks[p])
    for sid, (_mgr, columns) in stacks.items():
        cx, _cy = centre[sid]
        left = cx - node_size[sid][0] / 2
        for col in columns:
            width = max(size[p][0] for p in col)
            y = top[sid]
            for p in col:
                h = size[p][1]
                boxes[p] = Box(
                    p, left + GUTTER, y, width, h, texts[p], marks[p], sid, left + GUTTER / 2
                )
                y += h + STACK_GAP
            left += GUTTER + width
    out: list[Line] = []
    for mgr, ks in kids.items():
        m = boxes[mgr]
        below = min(boxes[c].y for c in ks)
        # halfway down, or just above the reports when they were pushed below something
        bus = below - min(RANKSEP / 2, (below - m.y - m.h) / 2)
        out.extend(Line(mgr, c, False, bus) for c in ks)
    # the dotted lines the planner draws; the others are notes on the cards (and the legend's)
    out.extend(Line(ln.manager, ln.report, True) for ln in plan.lines if ln.dotted)
    clusters = []
    for ck in cluster_keys.values():
        inside = [boxes[p] for p in people if key.get(p, "") == ck]
        label, colour = _cluster_label(org, theme, ck)
        x0 = min(b.x - (GUTTER if b.stack else 0) for b in inside) - CLUSTER_PAD
        y0 = min(b.y for b in inside) - CLUSTER_PAD - CLUSTER_LABEL
        x1 = max(b.x + b.w for b in inside) + CLUSTER_PAD
        y1 = max(b.y + b.h for b in inside) + CLUSTER_PAD
        clusters.append((label or "", colour, x0, y0, x1 - x0, y1 - y0))
    width = bb[2] - bb[0]
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


def _tops(
    centre: dict[str, tuple[float, float]],
    size: dict[str, tuple[float, float]],
    node_of: dict[str, str],
    kids: dict[str, list[str]],
    top_people: list[str],
    roots: list[str],
) -> dict[str, float]:
    """The top of every node: Graphviz's x order, but each family just below its manager.

    Graphviz centres nodes on ranks, and a tall stack on a rank pushes the whole next rank
    down. Here the reports of one manager line up at the top, :data:`RANKSEP` below their
    manager, or lower where a node drawn above is in the way; ranks are taken top to bottom.
    """
    families: dict[str, list[str]] = {}  # manager node -> report nodes
    for mgr, ks in kids.items():
        fam = families.setdefault(node_of[mgr], [])
        for c in ks:
            if node_of[c] not in fam and node_of[c] != node_of[mgr]:
                fam.append(node_of[c])
    if top_people:
        head = node_of.get(top_people[0])
        if head is not None:
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
    from orgeditor.export.dot import page_graph, serialise
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


def _cluster_label(org: Org, theme: Theme, key: str) -> tuple[str | None, str]:
    """The label and colour of a group box (a cluster key), as the other formats draw it."""
    from orgeditor.export.dot import _cluster_colour
    from orgeditor.export.placement import cluster_name

    return cluster_name(org, key), _cluster_colour(org, theme, key)
