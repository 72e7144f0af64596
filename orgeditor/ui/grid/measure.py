"""How wide the grid's compact cards and headers must be to show names whole.

At the compact levels of detail (:data:`~orgeditor.ui.grid.density.NAMES`,
:data:`~orgeditor.ui.grid.density.CHIPS`) a column's cards are as wide as its longest name
and a header as wide as its title; a full-size card elides, so :data:`FULL` measures nothing.
:class:`NameMeasurer` is the layout's ``measurer``: it measures one level when the layout
first lays that level out, for every team or only for the teams whose names changed, so a
window that opens at 100 % measures nothing before its first paint (issue 18).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFontMetricsF

from orgeditor.model.org import Org
from orgeditor.ui.grid.density import FULL, Density
from orgeditor.ui.grid.items import (
    header_margin,
    header_metrics,
    name_margin,
    name_metrics,
    title_width,
)
from orgeditor.ui.grid.layout import GridLayout, Key

__all__ = ["LONGEST", "NameMeasurer"]

#: the widest name of a column is among its longest by characters: only these are measured
#: (a 20,000-person org then costs a few thousand measurements, not 40,000)
LONGEST = 8
#: a row header never grows wider than this for a long pipeline name
MAX_ROW_HEADER = 280.0


class NameMeasurer:
    """Measures names for ``layout`` from the org ``org()`` returns (the current one)."""

    def __init__(
        self,
        layout: GridLayout,
        org: Callable[[], Org],
        beside_name: Callable[[Density], float] = lambda d: 0.0,
    ) -> None:
        self.layout = layout
        self.org = org
        #: room a card needs beside its name at a level, besides its margin (a photo)
        self.beside_name = beside_name
        #: widths measured so far, by font metrics (kept alive here), kind and text:
        #: measuring a level again after a structure change costs lookups only
        self._known: dict[tuple[int, str], tuple[QFontMetricsF, dict[str, float]]] = {}

    def _remembered(
        self, fm: QFontMetricsF, kind: str, measure: Callable[[str], float]
    ) -> Callable[[str], float]:
        """``measure`` (a width in the font of ``fm``), remembered by text."""
        entry = self._known.get((id(fm), kind))
        if entry is None or entry[0] is not fm:
            entry = self._known[(id(fm), kind)] = (fm, {})
        known = entry[1]

        def width(text: str) -> float:
            w = known.get(text)
            if w is None:
                w = known[text] = measure(text)
            return w

        return width

    def __call__(self, d: Density, teams: set[Key] | None) -> None:
        if d is FULL:
            return
        org = self.org()
        lay = self.layout
        names = self._names(org, teams)
        metrics = name_metrics(d)
        fn = self._remembered(metrics, "name", metrics.horizontalAdvance)
        name_room = name_margin(d) + self.beside_name(d)
        widths = lay.name_widths.setdefault(d.key, {})
        for t, found in names.items():
            if not found:  # an emptied column: cards of the level's own width
                widths.pop(t, None)
                continue
            longest = sorted(found, key=len)[-LONGEST:]
            widths[t] = max(fn(n) for n in longest) + name_room
        fm = self._remembered(header_metrics(d), "title", lambda text: title_width(d, text))
        margin = header_margin(d)
        headers = lay.header_widths.setdefault(d.key, {})
        wanted = org.teams if teams is None else [t for t in teams if t in org.teams]
        for t in wanted:
            headers[t] = fm(org.teams[t].name) + margin
        headers[None] = fm("No team") + margin
        titles = [p.name for p in org.pipelines.values()] + ["No pipeline"]
        lay.row_header_widths[d.key] = min(MAX_ROW_HEADER, max(fm(n) for n in titles) + margin)

    def _names(self, org: Org, teams: set[Key] | None) -> dict[Key, set[str]]:
        """The names shown in each column (of ``teams``, else of every column)."""
        people = org.people
        cells = org.occupied_cells()
        if teams is not None:
            cells = (c for c in cells if c[0] in teams)
        out: dict[Key, set[str]] = {t: set() for t in teams or ()}
        for cell in cells:
            found = out.setdefault(cell[0], set())
            for p in org.cell_ids(*cell):
                found.add(people[p].name or "Open position")
        return out
