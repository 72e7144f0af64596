"""The matrix view as native PowerPoint tables: teams across, pipelines down, names in cells.

The header row names each team with its manager and tech lead, the first column each pipeline
with its PM and tech lead; cells hold the people of that team on that pipeline (name bold,
title below, share when under 100 %), in the team's colours. A grid that would not stay
legible (names of :data:`~orgeditor.export.pptx.MIN_NAME_PT` or more) is split across
slides: groups of teams side by side, groups of rows down, long cells in parts; every slide
repeats the headers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from orgeditor.export.cards import badges
from orgeditor.export.escape import _width, clean
from orgeditor.export.pptx_shapes import set_rgb
from orgeditor.model.entities import Person, Role
from orgeditor.model.org import Org

if TYPE_CHECKING:
    from orgeditor.export.api import ExportOptions
    from orgeditor.export.pptx import Deck
    from orgeditor.export.themes import Card, Theme

__all__ = ["TablePage", "add_matrix_slide", "add_matrix_slides", "matrix_pages", "table_pages"]

NAME_PT = 9.0
TITLE_PT = 7.5
HEAD_PT = 10.0
EMU_PER_PT = 12700
PAD = 4.0
HEAD_W = 150.0
HEAD_H = 62.0

#: (pipeline, first name row, end row) of a table row; a team with k sub-columns shows the
#: people ``k * first`` to ``k * end`` of its cell there, column by column
Part = tuple[str | None, int, int]


@dataclass
class TablePage:
    teams: list[str | None]
    rows: list[Part]
    #: team -> number of sub-columns its cells are split into (1 when absent)
    sub: dict[str | None, int] = field(default_factory=dict)

    def members(self, org: Org, team: str | None, part: Part) -> list[list[Person]]:
        """The people of one cell of this page, by sub-column."""
        pl, a, b = part
        k = self.sub.get(team, 1)
        people = org.cell_people(team, pl)[a * k : b * k]
        rows = b - a
        return [people[j * rows : (j + 1) * rows] for j in range(k)]


def _line_h(titles: bool) -> float:
    return NAME_PT * 1.2 + (TITLE_PT * 1.2 if titles else 0) + 3


def _col_w(org: Org, team: str | None, titles: bool) -> float:
    widest = 12
    for t, _pl in org.occupied_cells():
        if t != team:
            continue
        for p in org.cell_people(t, _pl):
            widest = max(widest, min(30, _width(clean(p.display_name))) + 2)
            if titles:
                widest = max(widest, int(min(34, _width(clean(p.title))) * TITLE_PT / NAME_PT))
    name = org.teams[team].name if team in org.teams else "No team"
    widest = max(widest, int(min(24, _width(name)) * HEAD_PT / NAME_PT))
    return widest * NAME_PT * 0.56 + 2 * PAD + 4


def table_pages(org: Org, area: tuple[float, float], titles: bool = True) -> list[TablePage]:
    """Split the grid into pages whose table fits ``area`` (points) at the sizes above.

    Teams go side by side while they fit; spare width splits the fullest cells into
    sub-columns; rows of names beyond the slide's height continue on the next page.
    """
    teams: list[str | None] = list(org.team_order)
    rows: list[str | None] = list(org.pipeline_order)
    occupied = set(org.occupied_cells())
    if any(t is None for t, _ in occupied):
        teams.append(None)
    if any(pl is None for _, pl in occupied):
        rows.append(None)
    line = _line_h(titles)
    cap = max(1, int((area[1] - HEAD_H - 2 * PAD) / line))
    widths = {t: _col_w(org, t, titles) for t in teams}
    col_groups: list[list[str | None]] = [[]]
    used = HEAD_W
    for t in teams:
        if col_groups[-1] and used + widths[t] > area[0]:
            col_groups.append([])
            used = HEAD_W
        col_groups[-1].append(t)
        used += widths[t]
    pages: list[TablePage] = []
    for group in col_groups:
        sub = dict.fromkeys(group, 1)
        spare = area[0] - HEAD_W - sum(widths[t] for t in group)

        while group:
            need = {t: _rows_needed(org, t, rows, sub[t]) for t in group}
            fullest = max(group, key=need.__getitem__)
            if need[fullest] <= 6 or widths[fullest] > spare:
                break
            sub[fullest] += 1
            spare -= widths[fullest]
        parts: list[Part] = []
        for pl in rows:
            n = max(math.ceil(len(org.cell_ids(t, pl)) / sub[t]) for t in group)
            parts.extend((pl, a, min(n, a + cap)) for a in range(0, n, cap))
        row_groups: list[list[Part]] = [[]]
        used = HEAD_H
        for part in parts:
            h = max(HEAD_H * 0.8, (part[2] - part[1]) * line + 2 * PAD)
            if row_groups[-1] and used + h > area[1]:
                row_groups.append([])
                used = HEAD_H
            row_groups[-1].append(part)
            used += h
        pages.extend(TablePage(group, rg, sub) for rg in row_groups if rg)
    return pages or [TablePage(teams, [(None, 0, 0)])]


def _rows_needed(org: Org, team: str | None, rows: list[str | None], k: int) -> int:
    """Name rows the fullest cell of ``team`` takes in ``k`` sub-columns."""
    return max((math.ceil(len(org.cell_ids(team, pl)) / k) for pl in rows), default=0)


def _who(org: Org, pid: str | None, what: str) -> str:
    return org.people[pid].display_name if pid in org.people else f"no {what}"


def add_matrix_slides(
    deck: Deck,
    org: Org,
    theme: Theme,
    opts: ExportOptions,
    progress: Callable[[int, int], None] | None,
    title_slide: Callable[..., None],
    notes: Callable[[Any, str], None],
) -> tuple[int, int]:
    """Add the title slide and one table slide per page; returns the slides and pages."""
    pages, numbers = matrix_pages(deck, org, theme, opts)
    title_slide(deck, org, "matrix", len(numbers), opts.mark)
    for i, n in enumerate(numbers, 1):
        add_matrix_slide(deck, org, theme, opts, pages, n, notes)
        if progress:
            progress(i, len(numbers))
    return len(numbers), len(pages)


def matrix_pages(
    deck: Deck, org: Org, theme: Theme, opts: ExportOptions
) -> tuple[list[TablePage], list[int]]:
    """The matrix's table pages for ``deck``'s chart area, and the numbers of those drawn."""
    from orgeditor.errors import UserError

    _probe, area = deck.chart_slide("", theme.ink)
    deck.drop_last()
    area_pt = (area[2] / EMU_PER_PT, area[3] / EMU_PER_PT)
    pages = table_pages(org, area_pt, opts.titles)
    numbers = list(range(1, len(pages) + 1))
    if opts.page is not None:
        if not 1 <= opts.page <= len(pages):
            raise UserError(
                f"--page: this chart has {len(pages)} page(s); choose 1 to {len(pages)}"
            )
        numbers = [opts.page]
    return pages, numbers


def add_matrix_slide(
    deck: Deck,
    org: Org,
    theme: Theme,
    opts: ExportOptions,
    pages: list[TablePage],
    n: int,
    notes: Callable[[Any, str], None],
    title: str = "",
) -> Any:
    """The slide of table page ``n`` (1-based); returns it."""
    from pptx.util import Emu

    page = pages[n - 1]
    title = (title or f"{org.name or 'Org'}: teams x pipelines") + (
        f" (page {n} of {len(pages)})" if len(pages) > 1 else ""
    )
    slide, area = deck.chart_slide(title, theme.ink)
    widths = [HEAD_W]
    for t in page.teams:
        widths += [_col_w(org, t, opts.titles)] * page.sub.get(t, 1)
    scale = min(1.0, area[2] / EMU_PER_PT / sum(widths))
    frame = slide.shapes.add_table(
        len(page.rows) + 1,
        len(widths),
        Emu(area[0]),
        Emu(area[1]),
        Emu(round(sum(widths) * scale * EMU_PER_PT)),
        Emu(round(HEAD_H * EMU_PER_PT)),
    )
    frame.name = "Matrix"
    table = frame.table
    table.first_row = True
    for c, w in enumerate(widths):
        table.columns[c].width = Emu(round(w * scale * EMU_PER_PT))
    names = _fill(table, org, theme, page, badges(org), opts.titles)
    deck.legend(slide, theme.muted, opts.mark)
    notes(slide, f"Page {n} of {len(pages)}: " + ", ".join(names))
    return slide


def _fill(
    table: Any, org: Org, theme: Theme, page: TablePage, leads: dict[str, list[str]], titles: bool
) -> list[str]:
    from pptx.util import Emu

    shown: list[str] = []
    head = table.cell(0, 0)
    _paint(head, theme.header)
    _para(head, [("Pipelines \\ teams", HEAD_PT, theme.muted, True)], first=True)
    starts: list[int] = []
    c = 1
    for team in page.teams:
        starts.append(c)
        k = page.sub.get(team, 1)
        for j in range(k):
            _paint(table.cell(0, c + j), theme.team_colours(org, team).border)
        if k > 1:
            table.cell(0, c).merge(table.cell(0, c + k - 1))
        c += k
    for c, team in zip(starts, page.teams, strict=True):
        cell = table.cell(0, c)
        colours = theme.team_colours(org, team)
        if team is None:
            _para(cell, [("No team", HEAD_PT, "#ffffff", True)], first=True)
            continue
        tm = org.teams[team]
        _para(cell, [(tm.name, HEAD_PT, "#ffffff", True)], first=True)
        _para(cell, [(f"Manager: {_who(org, tm.manager, 'manager')}", TITLE_PT, "#ffffff", False)])
        if tm.tech_lead:
            _para(
                cell,
                [
                    (
                        f"\u2605 Tech lead: {_who(org, tm.tech_lead, 'tech lead')}",
                        TITLE_PT,
                        "#ffffff",
                        False,
                    )
                ],
            )
    table.rows[0].height = Emu(round(HEAD_H * EMU_PER_PT))
    line = _line_h(titles)
    for r, (pl, a, b) in enumerate(page.rows, 1):
        cell = table.cell(r, 0)
        _paint(cell, theme.header)
        more = " (continued)" if a > 0 else ""
        if pl is None:
            _para(cell, [(f"Not on a pipeline{more}", HEAD_PT, theme.ink, True)], first=True)
        else:
            pipe = org.pipelines[pl]
            _para(cell, [(pipe.name + more, HEAD_PT, theme.ink, True)], first=True)
            _para(cell, [(f"\u25c6 PM: {_who(org, pipe.owner, 'PM')}", TITLE_PT, theme.ink, False)])
            if pipe.tech_lead:
                _para(
                    cell,
                    [
                        (
                            f"\u2605 Tech lead: {_who(org, pipe.tech_lead, 'tech lead')}",
                            TITLE_PT,
                            theme.ink,
                            False,
                        )
                    ],
                )
        most = 0
        for c0, team in zip(starts, page.teams, strict=True):
            colours = theme.team_colours(org, team)
            for j, members in enumerate(page.members(org, team, (pl, a, b))):
                cell = table.cell(r, c0 + j)
                _paint(cell, colours.fill)
                most = max(most, len(members))
                first = True
                for person in members:
                    mark = theme.marks.get(person.id)
                    sign = mark.sign if mark is not None else ""
                    _person(cell, org, person, team, pl, leads, colours, titles, first, sign)
                    first = False
                    shown.append(person.display_name)
        table.rows[r].height = Emu(round(max(HEAD_H * 0.8, most * line + 2 * PAD) * EMU_PER_PT))
    return list(dict.fromkeys(shown))


def _person(
    cell: Any,
    org: Org,
    person: Person,
    team: str | None,
    pl: str | None,
    leads: dict[str, list[str]],
    colours: Card,
    titles: bool,
    first: bool,
    sign: str = "",
) -> None:
    """One person in a cell: the name in bold with the lead or PM mark, share, title below;
    ``sign`` (a change diagram's "➜ MOVED") after the name."""
    mark = ""
    if person.id in leads:
        lead = any(x.startswith("\u2605") for x in leads[person.id])
        mark = " \u2605" if lead else " \u25c6"
    share = org.share(person.id, team, pl) if pl is not None else None
    name = clean(person.display_name).replace("\n", " ") + mark
    runs = [(name, NAME_PT, colours.text, True)]
    if sign:
        runs.append((f"  {sign}", TITLE_PT, colours.text, True))
    if share is not None and share < 100:
        runs.append((f"  {share}%", TITLE_PT, colours.muted, False))
    p = _para(cell, runs, first=first, italic=person.role is Role.OPEN)
    if titles and person.title.strip() and person.name.strip():
        p.add_line_break()
        _run(p, clean(person.title).replace("\n", " "), TITLE_PT, colours.muted, False)


def _paint(cell: Any, colour: str) -> None:
    from pptx.util import Pt

    cell.fill.solid()
    set_rgb(cell.fill.fore_color, colour)
    cell.margin_left = cell.margin_right = Pt(PAD)
    cell.margin_top = cell.margin_bottom = Pt(PAD)


def _para(
    cell: Any, runs: list[tuple[str, float, str, bool]], first: bool = False, italic: bool = False
) -> Any:
    tf = cell.text_frame
    tf.word_wrap = True
    p = tf.paragraphs[0] if first else tf.add_paragraph()
    for text, size, colour, bold in runs:
        _run(p, text, size, colour, bold, italic)
    return p


def _run(p: Any, text: str, size: float, colour: str, bold: bool, italic: bool = False) -> Any:
    from pptx.util import Pt

    run = p.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    set_rgb(run.font.color, colour)
    return run
