"""A laid-out page: what the planner (:mod:`orgeditor.export.layout`) gives every format.

A :class:`Page` holds:

- ``cards``: person id -> :class:`Card`, in drawing order (depth first): the card's text
  (:class:`~orgeditor.export.cards.CardText`), its :class:`Marker` notes ("▸ 12 more on
  page 4", "◂ reports to Maya Chen (page 1)", "┄ dotted to Sofia Rossi, PM Feed ranking"),
  rank, cluster key, estimated size, DOT node and port, and its :class:`Stack`;
- ``stacks``: the :class:`Stack` of each manager's leaf reports (columns of person ids) and the
  Graphviz nodes it is drawn as (:class:`Block`);
- ``lines``: every :class:`Line` drawn, solid (manager -> report) and dotted;
- ``clusters``: the boxes drawn (cluster key -> label), ``rank_height``, ``legend`` notes.

The objects are plain data (not frozen, for speed on large orgs): treat them as read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orgeditor.export.cards import CardText
from orgeditor.export.escape import wrap
from orgeditor.export.paging import PageCut

__all__ = [
    "CONTINUES",
    "DOTTED",
    "DOTTED_NOTE",
    "HIDDEN",
    "REPORTS_TO",
    "SHARE",
    "Block",
    "Card",
    "Line",
    "Marker",
    "Page",
    "PageDot",
    "marker_lines",
]

#: marker kinds (:attr:`Marker.kind`)
REPORTS_TO, CONTINUES, HIDDEN, SHARE, DOTTED = (
    "reports-to",
    "continues",
    "hidden",
    "share",
    "dotted",
)
#: dotted-line notes wrap at this many characters
NOTE_WIDTH = 30
#: the legend's note for dotted lines shown as notes on cards
DOTTED_NOTE = "\u2504 dotted to X: a dotted line to X, noted on the card instead of drawn"


@dataclass(slots=True)
class Marker:
    """A note on a card (drawn in italics under the badges).

    ``kind`` is one of ``"reports-to"`` (a continued page's top person), ``"continues"`` (the
    people below continue on ``page``), ``"hidden"`` (a depth limit leaves people out),
    ``"share"`` (share of time on the pipeline) and ``"dotted"`` (a dotted line to
    ``person``, shown as this note instead of a line). ``page`` is the page it points to
    (1-based) or None; ``person`` the other person it names, if any.
    """

    kind: str
    text: str
    page: int | None = None
    person: str | None = None


@dataclass(slots=True)
class Card:
    """One person's card on a page."""

    person: str
    text: CardText
    markers: tuple[Marker, ...]
    #: 0 for the page's top rank; -1 for the PM above a pipeline view
    rank: int
    #: cluster key (``t:<team>``, ``u:<unit>``) or ""
    cluster: str
    #: the Graphviz node drawing the card, and the port of its cell in a table ("" for none)
    node: str
    port: str = ""
    #: index in :attr:`Page.stacks` of the stack holding the card, or None
    stack: int | None = None
    #: where the manager's solid line ends (the stack's node, or its column's top card)
    line_end: str = ""
    #: room left below a card of its own on a rank with taller stacks (points)
    filler: float = 0.0
    estimate: tuple[float, float] | None = None

    @property
    def size(self) -> tuple[float, float]:
        """Estimated (width, height) in points of the card as a card of its own."""
        if self.estimate is None:
            self.estimate = self.text.size(self.marker_texts)
        return self.estimate

    @property
    def ref(self) -> str:
        """The card as a DOT edge end: ``n3`` or ``s2:r4``."""
        return f"{self.node}:{self.port}" if self.port else self.node

    @property
    def marker_texts(self) -> tuple[str, ...]:
        """The markers as the lines drawn on the card (long dotted notes wrap)."""
        return marker_lines(self.markers)


@dataclass(slots=True)
class Block:
    """One Graphviz node of a stack: columns of cards on one rank.

    ``single`` blocks hold one card alone on its rank (the top cards of a column beside
    managers whose reports are on the page); ``group`` names the column the pieces of such a
    split column share; ``width`` is the column's fixed cell width (0: natural size), and
    ``widths`` each column's when the cards show photos (Graphviz would otherwise spread a
    wide cell's slack between the photo and the text); ``filler`` the empty space below so
    that the block lines up with its rank's top.
    """

    node: str
    rank: int
    cluster: str
    columns: tuple[tuple[str, ...], ...]
    height: float
    filler: float = 0.0
    width: float = 0.0
    group: str = ""
    single: bool = False
    widths: tuple[float, ...] = ()


@dataclass(slots=True)
class Stack:
    """The leaf reports of one manager within one cluster, in columns of person ids."""

    manager: str | None
    cluster: str
    rank: int
    columns: tuple[tuple[str, ...], ...]
    blocks: tuple[Block, ...]

    @property
    def people(self) -> list[str]:
        return [p for column in self.columns for p in column]


@dataclass(slots=True)
class Line:
    """A reporting line drawn on the page: solid (the line manager) or dotted."""

    manager: str
    report: str
    dotted: bool = False


@dataclass
class Page:
    """One laid-out page of a chart (see the module docstring)."""

    number: int
    count: int
    title: str
    #: "overview", "Maya Chen's org", ... (for slide notes)
    label: str
    roots: list[str]
    cards: dict[str, Card]
    stacks: list[Stack] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    #: cluster key -> box label, for the boxes drawn
    clusters: dict[str, str] = field(default_factory=dict)
    #: rank -> height in points of its tallest card or stack (ranks holding stacks)
    rank_height: dict[int, float] = field(default_factory=dict)
    #: people on the top rank of a pipeline view (its PM)
    top: list[str] = field(default_factory=list)
    #: extra legend entries the page needs
    legend: list[str] = field(default_factory=list)
    cut: PageCut | None = None

    @property
    def people(self) -> list[str]:
        return list(self.cards)


@dataclass(frozen=True)
class PageDot:
    """One page ready for Graphviz: its DOT text, the names drawn on it, and its plan.

    ``plan`` is the laid-out :class:`Page` (cards, stacks, lines, markers) for the tree
    views, None for the matrix.
    """

    dot: str
    names: list[str]
    label: str
    plan: Page | None = None


def marker_lines(markers: tuple[Marker, ...]) -> tuple[str, ...]:
    if not markers:
        return ()
    out: list[str] = []
    for m in markers:
        if m.kind == DOTTED and len(m.text) > NOTE_WIDTH:
            # "┄ dotted to Sofia Rossi," / "PM Feed ranking (page 3)"
            who, comma, what = m.text.partition(", ")
            out.extend(wrap(who + comma.rstrip(), NOTE_WIDTH))
            if what:
                out.extend(wrap(what, NOTE_WIDTH))
        else:
            out.append(m.text)
    return tuple(out)
