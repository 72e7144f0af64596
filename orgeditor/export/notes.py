"""The notes on cards and which dotted lines are drawn: part of the planner.

A card may carry :class:`~orgeditor.export.pages.Marker` notes: "◂ reports to Maya Chen
(page 1)" on the top person of a continued page, "▸ 12 more on page 4" where the people below
continue elsewhere, "+ 3 more below" at a depth limit, "60% on this pipeline", and
"┄ dotted to Sofia Rossi, PM Feed ranking (page 3)" for a dotted line that is not drawn.
:meth:`Notes.drawn_dotted` decides which dotted lines are drawn as lines (short ones between
cards of their own) and which become such notes. :mod:`orgeditor.export.layout` uses one
:class:`Notes` per chart; :mod:`orgeditor.export.placement` asks it for each page's markers.
"""

from __future__ import annotations

from orgeditor.export.pages import (
    CONTINUES,
    DOTTED,
    HIDDEN,
    REPORTS_TO,
    SHARE,
    Marker,
    marker_lines,
)
from orgeditor.export.paging import PageCut
from orgeditor.export.views import Chart
from orgeditor.model.org import Org
from orgeditor.model.vocabulary import is_pm

__all__ = ["Notes", "describe"]

#: the widest notes paging leaves room for (a page number is never wider than 999)
ROOM_CONTINUES = "\u25b8 9999 more on page 999"


class Notes:
    """The markers of a chart's cards, given the pages everybody is drawn on."""

    def __init__(
        self,
        org: Org,
        chart: Chart,
        leads: dict[str, list[str]],
        parent: dict[str, str],
    ) -> None:
        self.org = org
        self.chart = chart
        self.leads = leads
        self.parent = parent
        self._below: dict[str, int] | None = None
        #: person -> the page drawing them (not as the repeated top of a continued page)
        self.home: dict[str, int] = {}
        #: report -> their dotted-line managers
        self.dotted_to: dict[str, list[str]] = {}
        for mgr, rep in chart.dotted:
            self.dotted_to.setdefault(rep, []).append(mgr)
        self.pages = 1

    def locate(self, cuts: list[PageCut]) -> None:
        """Record the page of every person (for the page numbers in notes)."""
        self.pages = len(cuts)
        if len(cuts) == 1:
            return  # everybody is on page 1: no page numbers in notes
        for i, cut in enumerate(cuts, 1):
            for p in cut.people(self.chart):
                if p not in cut.back:
                    self.home.setdefault(p, i)

    def below(self, pid: str) -> int:
        """How many people are below ``pid`` in the chart."""
        if self._below is None:
            counts: dict[str, int] = {}
            children = self.chart.children
            for p in reversed(self.chart.people()):
                counts[p] = sum(counts[c] + 1 for c in children.get(p, ()))
            self._below = counts
        return self._below[pid]

    def room(self, pid: str) -> tuple[str, ...]:
        """The widest notes paging may add to ``pid``'s card (page numbers not known yet)."""
        extra: tuple[str, ...] = ()
        chart = self.chart
        if chart.children.get(pid) or pid in chart.hidden:
            extra = (ROOM_CONTINUES,)
            boss = self.parent.get(pid)
            if boss is not None:
                name = self.org.people[boss].display_name[:40]
                extra += (f"\u25c2 reports to {name} (page 999)",)
        mgrs = self.dotted_to.get(pid)
        if mgrs:
            extra += marker_lines(tuple(Marker(DOTTED, self.dotted_text(m, 999)) for m in mgrs))
        return extra

    def dotted_text(self, mgr: str, page: int | None) -> str:
        who = self.org.people[mgr]
        what = describe(self.org, mgr, self.leads)
        where = f" (page {page})" if page is not None else ""
        return f"\u2504 dotted to {who.display_name}{', ' + what if what else ''}{where}"

    def noted(self, people: list[str], cut: PageCut) -> set[str] | None:
        """The only people of a page who can carry markers (None: anybody can)."""
        chart = self.chart
        if chart.pipeline is not None:
            return None
        return set(cut.back) | set(cut.cont) | set(chart.hidden) | set(self.dotted_to)

    def markers(self, pid: str, cut: PageCut, drawn_dotted: set[tuple[str, str]]) -> list[Marker]:
        """The notes on ``pid``'s card on the page ``cut``."""
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
        for mgr in self.dotted_to.get(pid, ()):
            if (mgr, pid) in drawn_dotted:
                continue
            home = self.home.get(mgr)
            elsewhere = home if self.pages > 1 and home != self.home.get(pid) else None
            out.append(Marker(DOTTED, self.dotted_text(mgr, elsewhere), elsewhere, mgr))
        return out

    def drawn_dotted(self, rank: dict[str, int], stacked: set[str]) -> set[tuple[str, str]]:
        """The dotted lines of a page drawn as lines: short ones between cards of their own.

        A dotted line into a stack, or one that would run across the chart, cannot be followed
        (Graphviz bundles such lines into one dashed bus): it becomes a note on the report's
        card instead. Drawn: both ends on the page (``rank`` holds its people), neither
        stacked, at most one rank apart, and their nearest common manager at most two ranks
        above the upper end.
        """
        out: set[tuple[str, str]] = set()
        parent = self.parent
        for mgr, rep in self.chart.dotted:
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


def describe(org: Org, pid: str, leads: dict[str, list[str]]) -> str:
    """A few words on who ``pid`` is: "PM Feed ranking", else their title."""
    person = org.people[pid]
    for badge in leads.get(pid, ()):
        if badge.startswith("\u25c6 PM, "):
            return "PM " + badge[len("\u25c6 PM, ") :]
    if person.title.strip():
        return " ".join(person.title.split())[:40]
    return "product manager" if is_pm(person) else ""
