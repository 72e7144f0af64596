"""The change diagrams of ``orgeditor diff -o OUT.{pdf,pptx,svg,png}``.

The reporting chart and the matrix of the new org are drawn by the ordinary exporters
(:func:`orgeditor.export.api.build_pages`), given a theme whose card marks
(:mod:`orgeditor.export.change_marks`) colour and label every changed card and a legend line;
the people who left are listed in a box on the first chart page. PDF and PowerPoint open with
summary pages (the tables of :func:`orgeditor.export.diff_report.summary_tables`, a column per
scenario, and the findings introduced and fixed), then the chart pages (paged like every
export), then pages listing, manager by manager, the people each change affects. ``mark``
("Confidential draft") goes on every page and slide. SVG and PNG hold one diagram, the
reporting chart (``view="reporting"``) or the matrix, whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from orgeditor.errors import UserError
from orgeditor.export.api import (
    ExportOptions,
    PageDot,
    build_pages,
    format_for,
    render_page,
    slide_picture,
)
from orgeditor.export.change_marks import change_marks, legend_text
from orgeditor.export.diff_report import change_groups, one_line, summary_tables
from orgeditor.export.dot import Quoted, new_graph
from orgeditor.export.dot_text import serialise
from orgeditor.export.escape import html_text, wrap
from orgeditor.export.themes import Theme, get_theme
from orgeditor.model.compare import Comparison

__all__ = ["change_pages", "export_change_diagrams", "leaver_lines", "marked_theme"]

#: rows of a summary or list table on one page
ROWS_PER_PAGE = 36
#: leavers named in the box on a chart (the rest: "... and N more")
LEAVERS_SHOWN = 24


def marked_theme(diff: Comparison, theme: str = "default", mark: str = "") -> Theme:
    """The theme of the change diagrams of ``diff``: changed cards marked, the legend line."""
    return replace(
        get_theme(theme), marks=change_marks(diff), legend_extra=legend_text(), mark=mark
    )


def leaver_lines(diff: Comparison) -> list[tuple[str, str]]:
    """The people who left, as the leavers' box lists them: (name, "title · team"), the first
    :data:`LEAVERS_SHOWN`."""
    out = []
    for c in diff.leavers()[:LEAVERS_SHOWN]:
        d = c.old
        what = " \u00b7 ".join(
            x
            for x in (
                one_line(d.get("title") or ""),
                one_line(d["team"]["name"]) if d.get("team") else "",
            )
            if x
        )
        out.append((one_line(d.get("name") or "") or "Open position (closed)", what))
    return out


def _leavers_node(diff: Comparison, theme: Theme) -> str:
    leavers = diff.leavers()
    if not leavers:
        return ""
    rows = [
        f'<TR><TD ALIGN="LEFT"><B>{html_text(name)}</B>'
        f'<FONT POINT-SIZE="10" COLOR="{theme.muted}">  {html_text(what)}</FONT></TD></TR>'
        for name, what in leaver_lines(diff)
    ]
    if len(leavers) > LEAVERS_SHOWN:
        rows.append(
            f'<TR><TD ALIGN="LEFT"><I>... and {len(leavers) - LEAVERS_SHOWN} more '
            "(listed in the report)</I></TD></TR>"
        )
    table = (
        f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" '
        f'COLOR="{theme.warning}" BGCOLOR="#ffffff">'
        f'<TR><TD ALIGN="LEFT"><FONT COLOR="{theme.warning}"><B>\u2716 Left ({len(leavers)})'
        f"</B></FONT></TD></TR>{''.join(rows)}</TABLE>"
    )
    return f'  leavers [shape=plain style="" label=<{table}>]\n'


def _with_box(page: PageDot, node: str) -> PageDot:
    if not node:
        return page
    body = page.dot.rstrip()
    assert body.endswith("}")
    return PageDot(body[:-1] + node + "}\n", page.names, page.label)


def _table_page(theme: Theme, title: str, subtitle: str, rows: list[str], label: str) -> PageDot:
    import pydot

    graph = new_graph(theme, title, subtitle, legend=None)
    table = (
        f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="5" '
        f'COLOR="{theme.grid}">{"".join(rows)}</TABLE>'
    )
    graph.add_node(pydot.Node("t1", shape="plain", style='""', label=Quoted(f"<{table}>")))
    return PageDot(serialise(graph), [], label)


#: a row of a summary or list table: its kind and its cells. Kinds: ``"header"`` (bold on the
#: header colour), ``"bold"``, ``"plain"``, ``"note"`` (one cell across the table, wrapped)
Row = tuple[str, tuple[str, ...]]


def _cells(values: Sequence[str], bold: bool = False, bg: str = "") -> str:
    attr = f' BGCOLOR="{bg}"' if bg else ""
    out = []
    for i, v in enumerate(values):
        text = html_text(one_line(v))
        if bold and text:
            text = f"<B>{text}</B>"
        out.append(f'<TD ALIGN="{"LEFT" if i == 0 else "RIGHT"}"{attr}>{text}</TD>')
    return f"<TR>{''.join(out)}</TR>"


def _html_row(row: Row, theme: Theme, width: int) -> str:
    """One table row as Graphviz HTML (``width`` columns)."""
    kind, values = row
    if kind == "note":
        text = '<BR ALIGN="LEFT"/>'.join(html_text(x) for x in wrap(one_line(values[0]), 110))
        return (
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="{width}">{text}'
            '<BR ALIGN="LEFT"/></TD></TR>'
        )
    return _cells(values, bold=kind != "plain", bg=theme.header if kind == "header" else "")


def _chunks(rows: list[Row], n: int = ROWS_PER_PAGE) -> list[list[Row]]:
    return [rows[i : i + n] for i in range(0, len(rows), n)] or [[]]


def summary_rows(diffs: Sequence[Comparison], labels: Sequence[str]) -> tuple[str, list[Row]]:
    """The summary table's title and rows (the first row: the column headings)."""
    width = len(labels)
    rows: list[Row] = [("header", ("", *labels))]
    rows.append(("bold", ("Changes", "", *(str(len(d.changes)) for d in diffs))))
    kinds: dict[str, list[int]] = {}
    for k, d in enumerate(diffs):
        for title, group in change_groups(d):
            kinds.setdefault(title, [0] * len(diffs))[k] = len(group)
    rows += [("plain", (t, "", *map(str, v))) for t, v in kinds.items()]
    for table in summary_tables(diffs, labels):
        if not table["rows"]:
            continue
        rows.append(("header", (table["title"], *([""] * width))))
        rows += [("plain", tuple(r)) for r in table["rows"]]
    rows.append(("header", ("Findings", *([""] * width))))
    for key in ("introduced", "fixed", "changed"):
        rows.append(("plain", (key, "", *(str(len(d.findings.get(key, []))) for d in diffs))))
    for k, d in enumerate(diffs):
        for key, word in (("introduced", "Findings introduced"), ("fixed", "Findings fixed")):
            items = d.findings[key]
            if not items:
                continue
            head = f"{word} ({len(items)})" + (f", {labels[k + 1]}" if len(diffs) > 1 else "")
            rows.append(("header", (head, *([""] * width))))
            rows += [("note", (f"{f['severity']}: {f['message']}",)) for f in items]
    arrow = " \u2192 "
    if len(diffs) == 1:
        title = f"Changes: {arrow.join(one_line(x) for x in labels[:2])}"
    else:
        title = f"Changes: {one_line(labels[0])} and {len(diffs)} scenarios"
    return title, rows


def _summary_pages(
    diffs: Sequence[Comparison], labels: Sequence[str], theme: Theme
) -> list[PageDot]:
    title, rows = summary_rows(diffs, labels)
    width = len(labels) + 1
    chunks = _chunks(rows[1:])
    pages: list[PageDot] = []
    for i, chunk in enumerate(chunks, 1):
        more = f" ({i} of {len(chunks)})" if len(chunks) > 1 else ""
        html = [_html_row(r, theme, width) for r in (rows[0], *chunk)]
        pages.append(_table_page(theme, title + more, "Summary", html, f"summary{more}"))
    return pages


def affected_rows(diff: Comparison) -> list[Row]:
    """Manager by manager: the people each change affects (their new manager, or the old one
    for people who left)."""
    old, new = diff.old, diff.new
    by_mgr: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for _title, group in change_groups(diff):
        for r in group:
            c = r.change
            if c.subject.kind != "person":
                continue
            if c.kind == "removed":
                pid = c.subject.id
                mgr = old.people[pid].manager if pid in old.people else None
                key = f"old:{mgr}"
                names.setdefault(
                    key, old.people[mgr].display_name if mgr in old.people else "(no manager)"
                )
                text = "\u2716 " + r.text + " (left)"
            else:
                pid = c.subject.id
                mgr = new.people[pid].manager if pid in new.people else None
                key = f"new:{mgr}"
                names.setdefault(
                    key, new.people[mgr].display_name if mgr in new.people else "(no manager)"
                )
                text = "\u2022 " + r.text
            by_mgr.setdefault(key, []).append(text)
    # managers matched on both sides share a section
    merged: dict[str, list[str]] = {}
    for key, items in by_mgr.items():
        merged.setdefault(one_line(names[key]), []).extend(items)
    rows: list[Row] = []
    for mgr, items in sorted(merged.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        rows.append(("header", (f"{mgr} ({len(items)})",)))
        rows += [("plain", (x,)) for x in items]
    return rows


def affected_title(label: str) -> str:
    return f"Who each change affects, by manager: {one_line(label)}"


def _affected_pages(diff: Comparison, label: str, theme: Theme) -> list[PageDot]:
    rows = affected_rows(diff)
    if not rows:
        return []
    chunks = _chunks(rows)
    return [
        _table_page(
            theme,
            affected_title(label) + (f" ({i} of {len(chunks)})" if len(chunks) > 1 else ""),
            "",
            [_html_row(r, theme, 1) for r in chunk],
            f"changes by manager {i}",
        )
        for i, chunk in enumerate(chunks, 1)
    ]


def change_pages(
    diffs: Sequence[Comparison],
    labels: Sequence[str],
    views: Sequence[str] = ("reporting", "matrix"),
    paged: bool = True,
    summary: bool = True,
    mark: str = "",
    base: ExportOptions | None = None,
) -> list[PageDot]:
    """Every page of the change diagrams (see the module docstring)."""
    opts = base or ExportOptions()
    theme0 = replace(get_theme(opts.theme), mark=mark)
    pages: list[PageDot] = []
    if summary:
        pages += _summary_pages(diffs, labels, theme0)
    for diff, label in zip(diffs, labels[1:], strict=True):
        theme = marked_theme(diff, opts.theme, mark)
        for view in views:
            vopts = replace(opts, view=view, theme_object=theme, mark=mark)
            try:
                chart = build_pages(diff.new, vopts, paged)
            except UserError:
                if view == "reporting" and not diff.new.people:
                    continue
                raise
            chart[0] = _with_box(chart[0], _leavers_node(diff, theme))
            pages += [PageDot(p.dot, p.names, f"{label}: {view} {p.label}") for p in chart]
        if summary:
            pages += _affected_pages(diff, label, theme0)
    return pages


def export_change_diagrams(
    diffs: Sequence[Comparison],
    labels: Sequence[str],
    output: Path,
    view: str = "reporting",
    mark: str | None = None,
    timeout: float = 300.0,
    progress: Callable[[int, int], None] | None = None,
    pictures: bool = False,
) -> int:
    """Write the change diagrams to ``output`` (format by suffix); returns the page count.

    A ``.pptx`` is editable (:mod:`orgeditor.export.pptx_changes`), or with ``pictures`` a
    picture of each page on its slide. ``timeout`` bounds the whole export.
    """
    from orgeditor.export import render
    from orgeditor.export.deadline import Deadline

    fmt = format_for(output)
    if not output.parent.exists() and str(output.parent):
        raise UserError(f"{output}: the folder {output.parent} does not exist")
    if pictures and fmt != "pptx":
        raise UserError(f"{output}: --pictures is for PowerPoint decks (.pptx)")
    deadline = Deadline(timeout)
    opts = ExportOptions(timeout=timeout, mark=mark or "", deadline=deadline)
    if fmt == "pptx" and not pictures:
        from orgeditor.export.pptx_changes import build_change_deck

        deck, count = build_change_deck(diffs, labels, opts, progress)
        render.write_output(output, deck)
        return count
    if fmt in ("svg", "png", "dot"):
        if len(diffs) != 1:
            raise UserError(
                f"{output}: an .{fmt} holds one diagram; with more than two files write .pdf "
                "or .pptx (a part per scenario)"
            )
        page = change_pages(
            diffs, labels, (view,), paged=False, summary=False, mark=mark or "", base=opts
        )[0]
        data: bytes = page.dot.encode("utf-8") if fmt == "dot" else render_page(page, fmt, opts)
        render.write_output(output, data)
        return 1
    pages = change_pages(diffs, labels, mark=mark or "", base=opts)
    if fmt == "pdf":
        from orgeditor.export.pdfmerge import merge_pdfs

        parts = []
        for i, page in enumerate(pages, 1):
            parts.append(render_page(page, "pdf", opts))
            if progress:
                progress(i, len(pages))
        deadline.check()
        render.write_output(output, merge_pdfs(parts))
    else:
        from orgeditor.export.pptx import build_pptx

        deck_opts: Any = replace(opts, view="changes")
        drawn = []
        for i, page in enumerate(pages, 1):
            drawn.append(slide_picture(page, deck_opts))
            if progress:
                progress(i, len(pages))
        render.write_output(output, build_pptx(diffs[-1].new, pages, deck_opts, drawn))
    return len(pages)
