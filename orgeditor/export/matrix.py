"""The matrix view: the team x pipeline grid as one Graphviz HTML-like table.

Teams run across (with their manager and tech lead), pipelines down (with their PM and tech
lead), people sit in the cells. A grid too large for one slide is split into pages by groups
of teams and groups of pipelines; every page repeats the headers.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgeditor.export.cards import badges
from orgeditor.export.dot import graph_header
from orgeditor.export.escape import html_text, wrap
from orgeditor.export.layout import BADGE_PT, NAME_PT, TITLE_PT, budget
from orgeditor.export.themes import Theme
from orgeditor.model.entities import Role
from orgeditor.model.org import Org

__all__ = ["MatrixPage", "matrix_dot", "matrix_pages", "matrix_people"]

_NO_PIPELINE = "\x00none"


@dataclass
class MatrixPage:
    teams: list[str | None]
    pipelines: list[str | None]


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
    for pl in page.pipelines:
        for team in page.teams:
            seen.update(dict.fromkeys(org.cell_ids(team, pl)))
    return list(seen)


def matrix_pages(org: Org, titles: bool = True) -> list[MatrixPage]:
    """Split the grid into pages that fit a slide with readable names."""
    max_w, max_h = budget()
    cols, rows = _columns(org), _rows(org)
    line_h = NAME_PT * 1.25 + (TITLE_PT * 1.2 if titles else 0)
    col_w: dict[str | None, float] = {}
    for team in cols:
        name = org.teams[team].name if team else "No team"
        widest = max(
            (_name_w(p.display_name) for pl in rows for p in org.cell_people(team, pl)),
            default=0.0,
        )
        col_w[team] = max(min(widest, 26 * NAME_PT * 0.58), _name_w(name) * 0.8, 90.0) + 16
    row_h = {
        pl: max((len(org.cell_ids(team, pl)) for team in cols), default=0) * line_h + 16
        for pl in rows
    }
    head_w, head_h = 170.0, 90.0
    col_groups: list[list[str | None]] = [[]]
    width = head_w
    for team in cols:
        if col_groups[-1] and width + col_w[team] > max_w:
            col_groups.append([])
            width = head_w
        col_groups[-1].append(team)
        width += col_w[team]
    row_groups: list[list[str | None]] = [[]]
    height = head_h + 40
    for pl in rows:
        if row_groups[-1] and height + row_h[pl] > max_h:
            row_groups.append([])
            height = head_h + 40
        row_groups[-1].append(pl)
        height += row_h[pl]
    return [MatrixPage(c, r) for r in row_groups for c in col_groups]


def matrix_dot(
    org: Org,
    theme: Theme,
    page: MatrixPage | None = None,
    *,
    titles: bool = True,
    pages: int = 1,
    page_number: int = 1,
    subtitle: str = "",
) -> str:
    """The DOT text of (one page of) the matrix."""
    t = theme
    page = page or MatrixPage(_columns(org), _rows(org))
    leads = badges(org)
    title = f"{org.name or 'Org'}: teams x pipelines" + (
        f" (page {page_number} of {pages})" if pages > 1 else ""
    )
    out = graph_header(t, title, subtitle, legend=False)

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
    for pl in page.pipelines:
        if pl is None:
            label = "<B>Not on a pipeline</B>"
        else:
            pipe = org.pipelines[pl]
            label = (
                f'<FONT POINT-SIZE="15"><B>{html_text(pipe.name)}</B></FONT><BR/>'
                f'<FONT POINT-SIZE="{TITLE_PT:g}">\u25c6 PM: {who(pipe.owner, "PM")}</FONT>'
            )
            if pipe.tech_lead:
                label += (
                    f'<BR/><FONT POINT-SIZE="{TITLE_PT:g}">\u2605 Tech lead: '
                    f"{who(pipe.tech_lead, 'tech lead')}</FONT>"
                )
        cells = [f'<TD BGCOLOR="{t.header}" {cell_attrs}><FONT COLOR="{t.ink}">{label}</FONT></TD>']
        for team in page.teams:
            tc = t.team_colours(org, team)
            lines: list[str] = []
            for person in org.cell_people(team, pl):
                name = "<BR/>".join(html_text(x) for x in wrap(person.display_name, 26))
                mark = ""
                if person.id in leads:
                    mark = (
                        " \u2605"
                        if any(b.startswith("\u2605") for b in leads[person.id])
                        else " \u25c6"
                    )
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
            content = '<BR/><FONT POINT-SIZE="4"> </FONT><BR/>'.join(lines) if lines else " "
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
    out.append(f'  m1 [shape=plain style="" label=<{table}>]')
    out.append("}")
    return "\n".join(out) + "\n"
