"""The matrix view: the team x pipeline grid as one Graphviz HTML-like table.

Teams run across (with their manager and tech lead), pipelines down (with their PM and tech
lead), people sit in the cells. A grid too large for one slide is split into pages by groups
of teams and groups of pipelines; every page repeats the headers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orgeditor.export.cards import badges
from orgeditor.export.dot import Quoted, new_graph
from orgeditor.export.escape import html_text, wrap
from orgeditor.export.metrics import BADGE_PT, NAME_PT, TITLE_PT, budget
from orgeditor.export.themes import Theme
from orgeditor.model.entities import Role
from orgeditor.model.org import Org

if TYPE_CHECKING:
    import pydot

__all__ = ["MatrixPage", "matrix_graph", "matrix_pages", "matrix_people"]

_NO_PIPELINE = "\x00none"


#: a row of the grid, or a part of one: (pipeline, first person, end) of each cell's list
Part = tuple[str | None, int, int]
_SUB_W = 190.0


@dataclass
class MatrixPage:
    teams: list[str | None]
    rows: list[Part]


def _columns(org: Org) -> list[str | None]:
    cols: list[str | None] = list(org.team_order)
    if any(team is None for team, _pl in org.occupied_cells()):
        cols.append(None)
    return cols


def _rows(org: Org) -> list[str | None]:
    rows: list[str | None] = list(org.pipeline_order)
    if any(pl is None for _t, pl in org.occupied_cells()):
        rows.append(None)
    return rows


def _name_w(text: str) -> float:
    return len(text) * NAME_PT * 0.58


def matrix_people(org: Org, page: MatrixPage) -> list[str]:
    """Everybody drawn on a page of the matrix, in drawing order."""
    seen: dict[str, None] = {}
    for pl, start, stop in page.rows:
        for team in page.teams:
            seen.update(dict.fromkeys(org.cell_ids(team, pl)[start:stop]))
    return list(seen)


def _line_h(titles: bool) -> float:
    return NAME_PT * 1.25 + (TITLE_PT * 1.2 if titles else 0) + 5


def _limits(titles: bool) -> tuple[int, int]:
    """How many name rows and sub-columns one cell may use on a page."""
    max_w, max_h = budget()
    return max(1, int((max_h - 170) / _line_h(titles))), max(1, int((max_w - 180) / _SUB_W))


def cell_rows(n: int, titles: bool = True) -> int:
    """Rows per sub-column in a cell of a row whose fullest cell holds ``n`` people.

    Small cells are one column; big ones spread over sub-columns so the cell stays close to
    the slide's 16:9 shape instead of a ribbon hundreds of names tall.
    """
    if n <= 12:
        return max(n, 1)
    max_rows, max_cols = _limits(titles)
    cols = round(math.sqrt(n * _line_h(titles) * 16 / 9 / _SUB_W))
    cols = max(1, min(max_cols, max(cols, math.ceil(n / max_rows))))
    return math.ceil(n / cols)


def _row_parts(
    org: Org, cols: list[str | None], rows: list[str | None], titles: bool
) -> list[Part]:
    max_rows, max_cols = _limits(titles)
    cap = max_rows * max_cols
    parts: list[Part] = []
    for pl in rows:
        n = max((len(org.cell_ids(team, pl)) for team in cols), default=0)
        if n <= cap:
            parts.append((pl, 0, n))
        else:
            parts.extend((pl, start, min(n, start + cap)) for start in range(0, n, cap))
    return parts


def matrix_pages(org: Org, titles: bool = True) -> list[MatrixPage]:
    """Split the grid into pages that fit a slide with readable names."""
    max_w, max_h = budget()
    cols, rows = _columns(org), _rows(org)
    parts = _row_parts(org, cols, rows, titles)
    line_h = _line_h(titles)
    col_w: dict[str | None, float] = {}
    part_rows: dict[Part, int] = {}
    for part in parts:
        pl, start, stop = part
        n = max((len(org.cell_ids(team, pl)[start:stop]) for team in cols), default=0)
        part_rows[part] = cell_rows(n, titles)
    for team in cols:
        name = org.teams[team].name if team else "No team"
        sub = max(
            (
                math.ceil(len(org.cell_ids(team, pl)[a:b]) / part_rows[(pl, a, b)])
                for pl, a, b in parts
            ),
            default=1,
        )
        col_w[team] = max(sub * _SUB_W, _name_w(name) * 0.8, 90.0) + 16
    head_w, head_h = 170.0, 90.0
    col_groups: list[list[str | None]] = [[]]
    width = head_w
    for team in cols:
        if col_groups[-1] and width + col_w[team] > max_w:
            col_groups.append([])
            width = head_w
        col_groups[-1].append(team)
        width += col_w[team]
    row_groups: list[list[Part]] = [[]]
    height = head_h + 40
    for part in parts:
        h = part_rows[part] * line_h + 16
        if row_groups[-1] and height + h > max_h:
            row_groups.append([])
            height = head_h + 40
        row_groups[-1].append(part)
        height += h
    occupied = set(org.occupied_cells())
    pages = []
    for r in row_groups:
        for c in col_groups:
            if any((team, pl) in occupied for team in c for pl, _a, _b in r):
                pages.append(MatrixPage(c, r))
    return pages or [MatrixPage(cols, parts)]


def _cell_content(lines: list[str], per_col: int) -> str:
    if not lines:
        return " "
    gap = '<BR/><FONT POINT-SIZE="4"> </FONT><BR/>'
    if len(lines) <= per_col:
        return gap.join(lines)
    columns = [lines[i : i + per_col] for i in range(0, len(lines), per_col)]
    tds = "".join(
        f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP">{gap.join(col)}</TD>' for col in columns
    )
    return (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3"><TR>{tds}</TR></TABLE>'
    )


def matrix_graph(
    org: Org,
    theme: Theme,
    page: MatrixPage | None = None,
    *,
    titles: bool = True,
    pages: int = 1,
    page_number: int = 1,
    subtitle: str = "",
) -> pydot.Dot:
    """The ``pydot.Dot`` of (one page of) the matrix: one node whose label is the grid."""
    import pydot

    t = theme
    if page is None:
        cols = _columns(org)
        page = MatrixPage(cols, _row_parts(org, cols, _rows(org), titles))
    leads = badges(org, theme)
    title = f"{org.name or 'Org'}: teams x pipelines" + (
        f" (page {page_number} of {pages})" if pages > 1 else ""
    )
    graph = new_graph(t, title, subtitle, legend=None)

    def who(pid: str | None, what: str) -> str:
        if pid is None or pid not in org.people:
            return f'<FONT COLOR="{t.warning}">no {what}</FONT>'
        return html_text(org.people[pid].display_name)

    cell_attrs = 'ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" CELLPADDING="6"'
    head = [f'<TD BGCOLOR="{t.header}" BORDER="0"></TD>']
    for team in page.teams:
        tc = t.team_colours(org, team)
        if team is None:
            text = "<B>No team</B>"
        else:
            tm = org.teams[team]
            text = (
                f'<FONT POINT-SIZE="15"><B>{html_text(tm.name)}</B></FONT><BR/>'
                f'<FONT POINT-SIZE="{TITLE_PT:g}">Manager: {who(tm.manager, "manager")}</FONT>'
            )
            if tm.tech_lead:
                text += (
                    f'<BR/><FONT POINT-SIZE="{TITLE_PT:g}">\u2605 Tech lead: '
                    f"{who(tm.tech_lead, 'tech lead')}</FONT>"
                )
        head.append(
            f'<TD BGCOLOR="{tc.border}" CELLPADDING="8"><FONT COLOR="#ffffff">{text}</FONT></TD>'
        )
    rows = [f"<TR>{''.join(head)}</TR>"]
    colours = {team: t.team_colours(org, team) for team in page.teams}
    empty = {team: f'<TD BGCOLOR="{c.fill}"> </TD>' for team, c in colours.items()}
    for pl, start, stop in page.rows:
        n = max((len(org.cell_ids(team, pl)[start:stop]) for team in page.teams), default=0)
        per_col = cell_rows(n, titles)
        more = " (continued)" if start > 0 else ""
        if pl is None:
            label = f"<B>Not on a pipeline{more}</B>"
        else:
            pipe = org.pipelines[pl]
            label = (
                f'<FONT POINT-SIZE="15"><B>{html_text(pipe.name)}{more}</B></FONT><BR/>'
                f'<FONT POINT-SIZE="{TITLE_PT:g}">\u25c6 PM: {who(pipe.owner, "PM")}</FONT>'
            )
            if pipe.tech_lead:
                label += (
                    f'<BR/><FONT POINT-SIZE="{TITLE_PT:g}">\u2605 Tech lead: '
                    f"{who(pipe.tech_lead, 'tech lead')}</FONT>"
                )
        cells = [f'<TD BGCOLOR="{t.header}" {cell_attrs}><FONT COLOR="{t.ink}">{label}</FONT></TD>']

        for team in page.teams:
            members = org.cell_people(team, pl)[start:stop]
            if not members:
                cells.append(empty[team])
                continue
            tc = colours[team]
            lines: list[str] = []
            for person in members:
                name = "<BR/>".join(html_text(x) for x in wrap(person.display_name, 26))
                mark = ""
                signs = {b[:1] for b in leads.get(person.id, ())}
                if "\u2605" in signs or "\u25c6" in signs:
                    mark = " \u2605" if "\u2605" in signs else " \u25c6"
                sign = t.marks[person.id].sign if person.id in t.marks else ""
                mark += f" <B>{html_text(sign)}</B>" if sign else ""
                share = org.share(person.id, team, pl) if pl is not None else None
                if share is not None and share < 100:
                    mark += f' <FONT POINT-SIZE="{BADGE_PT:g}" COLOR="{tc.muted}">{share}%</FONT>'
                text = f"<B>{name}</B>{mark}"
                if person.role is Role.OPEN:
                    text = f"<I>{name}</I>"
                if titles and person.title.strip() and person.name.strip():
                    text += (
                        f'<BR/><FONT POINT-SIZE="{TITLE_PT:g}" COLOR="{tc.muted}">'
                        f"{'<BR/>'.join(html_text(x) for x in wrap(person.title, 32))}</FONT>"
                    )
                lines.append(text)
            content = _cell_content(lines, per_col)
            cells.append(
                f'<TD BGCOLOR="{tc.fill}" {cell_attrs}><FONT COLOR="{tc.text}">'
                f"{content}</FONT></TD>"
            )
        rows.append(f"<TR>{''.join(cells)}</TR>")
    table = (
        f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" COLOR="{t.grid}">'
        + "".join(rows)
        + "</TABLE>"
    )
    graph.add_node(pydot.Node("m1", shape="plain", style='""', label=Quoted(f"<{table}>")))
    return graph
