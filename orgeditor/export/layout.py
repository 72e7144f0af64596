"""The planner: every decision about a tree chart's pages, made once for every format.

:func:`plan_pages` turns a :class:`~orgeditor.export.views.Chart` into laid-out
:class:`~orgeditor.export.pages.Page` objects, in three parts:

- this module: which people are on which page (paging by subtree, in
  :mod:`~orgeditor.export.paging`) and what every card says (its
  :class:`~orgeditor.export.cards.CardText`), shared by the chart's pages
  (:class:`ChartPlanner`);
- :mod:`~orgeditor.export.placement`: one page's ranks, which leaf reports are stacked and in
  how many columns, which stack columns are drawn one card per rank, how tall every rank is,
  and the opaque node ids Graphviz sees;
- :mod:`~orgeditor.export.notes`: the notes on cards ("▸ 12 more on page 4", "◂ reports to
  Maya Chen (page 1)", "┄ dotted to Sofia Rossi, PM Feed ranking") and which dotted lines are
  drawn as lines.

The emitter (:mod:`orgeditor.export.dot`) only prints a page; the packagers (PDF, PowerPoint)
consume the pages. The page model (:class:`~orgeditor.export.pages.Page`, ``Card``, ``Stack``,
``Line``, ...) is in :mod:`orgeditor.export.pages`, the sizes in :mod:`orgeditor.export.metrics`.

>>> from orgeditor.samples import sample_org
>>> from orgeditor.export.views import reporting_chart
>>> pages = plan_pages(sample_org(), reporting_chart(sample_org()), paged=False)
>>> page = pages[0]
>>> page.cards[page.roots[0]].text.name
('Olga Novak',)
>>> sorted({line.dotted for line in page.lines})
[False, True]
"""

from __future__ import annotations

from orgeditor.export.cards import CardText, badges, card_text
from orgeditor.export.deadline import Deadline
from orgeditor.export.metrics import STACK_ROWS
from orgeditor.export.notes import Notes
from orgeditor.export.pages import Page
from orgeditor.export.paging import PageCut, Sizer, paginate
from orgeditor.export.parallel import Lazy
from orgeditor.export.placement import PagePlanner
from orgeditor.export.themes import Theme
from orgeditor.export.views import Chart
from orgeditor.model.org import Org

__all__ = ["ChartPlanner", "iter_pages", "plan_pages"]


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
    planner = ChartPlanner(org, chart, titles, stack, clusters, theme, photos)
    if paged:
        cuts = planner.paginate(deadline=deadline)
    else:
        cuts = [PageCut(list(chart.roots))]
        planner.locate(cuts)

    def page(i: int) -> Page:
        if deadline is not None and i % 16 == 15:
            deadline.check()
        return planner.page(cuts[i], i + 1, len(cuts))

    return len(cuts), Lazy(len(cuts), page)


class ChartPlanner:
    """What a chart's pages share: every card's text and size, the paging, the notes.

    :meth:`page` lays out one page (:class:`~orgeditor.export.placement.PagePlanner`).
    """

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
        self.notes = Notes(org, chart, self.leads, self.parent)

    def text(self, pid: str) -> CardText:
        found = self._texts.get(pid)
        if found is None:
            found = self._texts[pid] = card_text(
                self.org, pid, self.leads, self.titles, self.photos
            )
        return found

    def paging_sizes(self) -> dict[str, tuple[float, float]]:
        """Card sizes for paging, with room for the markers paging may add."""
        room = self.notes.room
        return {p: self.text(p).size(room(p)) for p in self.chart.people()}

    def locate(self, cuts: list[PageCut]) -> None:
        """Take the paging: page numbers in the notes follow it."""
        self.notes.locate(cuts)

    def paginate(
        self,
        sizes: dict[str, tuple[float, float]] | None = None,
        deadline: Deadline | None = None,
    ) -> list[PageCut]:
        """Split the chart into pages (by subtree) and take that paging for the notes.

        ``sizes`` are the card sizes the paging fits to a page (default
        :meth:`paging_sizes`; editable slides pass theirs, scaled to their chart area).
        """
        if sizes is None:
            sizes = self.paging_sizes()
        cuts = paginate(self.chart, Sizer(sizes, self.stack), self.key, deadline=deadline)
        self.locate(cuts)
        return cuts

    def page(self, cut: PageCut, number: int, count: int, rows: int = STACK_ROWS) -> Page:
        """Page ``number`` of ``count`` laid out; stack columns of at most ``rows`` cards."""
        return PagePlanner(self, cut, number, count, rows).plan()
