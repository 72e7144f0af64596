"""A comparison as words: the change report of ``orgeditor diff`` in text, Markdown and CSV.

:func:`change_groups` turns a :class:`~orgeditor.model.compare.Comparison` into groups a reader
scans ("Moved", "Hired", "Left", "Filled", "New manager", ...), each a list of
:class:`ReportLine` (the sentence and the change it comes from); the text and Markdown reports,
the CSV and the window's Changes panel all use it. :func:`summary_tables` gives the team,
pipeline, shape and findings tables of one or several comparisons against one base, a column
per org, so ``orgeditor diff TODAY A B`` puts the scenarios side by side.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from orgeditor.model.compare import Comparison, Difference

__all__ = [
    "ReportLine",
    "change_groups",
    "diff_csv",
    "diff_markdown",
    "diff_text",
    "summary_tables",
    "value_text",
]


@dataclass(frozen=True)
class ReportLine:
    """One sentence of the report, the change it tells and those it folds in (a move's new
    manager and cells)."""

    text: str
    change: Difference
    also: tuple[Difference, ...] = ()

    @property
    def changes(self) -> tuple[Difference, ...]:
        return (self.change, *self.also)


def _name(ref: Any) -> str:
    if ref is None:
        return "(nobody)"
    name = ref.get("name")
    return one_line(name) if name else f"(unknown {ref.get('id')})"


def one_line(text: Any) -> str:
    """Names and titles on one line: newlines and runs of spaces become one space."""
    return " ".join(str(text).split())


def _team(ref: Any) -> str:
    return "(no team)" if ref is None else _name(ref)


def _places(values: list[dict[str, Any]]) -> str:
    if not values:
        return "(no pipeline)"
    return ", ".join(f"{_name(v['pipeline'])} {v['share']}%" for v in values)


def value_text(change: Difference, value: Any) -> str:
    """One value of a change as plain text (names, not ids)."""
    if value is None:
        return ""
    kind = change.kind
    if kind in ("added", "removed", "filled") and isinstance(value, dict) and "title" in value:
        return _describe(value)
    if kind in ("manager", "owner", "leader", "tech_lead") and not isinstance(value, list):
        return _name(value)
    if kind in ("team",):
        return _team(value)
    if kind == "placements":
        return _places(value)
    if kind in ("dotted", "teams", "unit"):
        return ", ".join(_name(v) for v in value) or "(none)"
    if kind == "tech_lead":
        return ", ".join(f"{v['kind']} {_name(v)}" for v in value) or "(none)"
    if kind in ("field", "settings"):
        inner = value.get("value")
        return "(empty)" if inner is None else one_line(inner)
    if kind == "order":
        return f"position {value['index'] + 1}"
    if kind == "filled":
        return one_line(value.get("name") or "open position")
    if isinstance(value, dict):
        return _name(value)
    return one_line(value) if str(value).strip() else "(empty)"


def _describe(d: dict[str, Any]) -> str:
    name = one_line(d.get("name") or "") or (
        f"Open: {one_line(d['title'])}" if d.get("title") else "Open position"
    )
    parts = [name]
    if d.get("title") and d.get("name"):
        parts.append(one_line(d["title"]))
    if "role" in d and d.get("team") is not None:
        parts.append(_team(d["team"]))
    if d.get("manager") is not None:
        parts.append(f"reports to {_name(d['manager'])}")
    return ", ".join(parts)


def _arrow(c: Difference) -> str:
    return f"{value_text(c, c.old)} -> {value_text(c, c.new)}"


_PERSON_GROUPS = (
    ("moved", "Moved"),
    ("hired", "Hired"),
    ("opened", "New open positions"),
    ("filled", "Filled"),
    ("left", "Left"),
    ("closed", "Closed positions"),
    ("manager", "New manager"),
    ("placements", "Cells and shares"),
    ("title", "Title"),
    ("role", "Role"),
    ("level", "Level"),
    ("renamed", "Renamed"),
    ("dotted", "Dotted lines"),
    ("tech_lead", "Tech-lead roles"),
    ("field", "Custom fields"),
)
_STRUCT_TITLES = {"team": "Teams", "pipeline": "Pipelines", "unit": "Org units", "org": "The org"}


def change_groups(diff: Comparison) -> list[tuple[str, list[ReportLine]]]:
    """The changes as report groups ``(title, lines)``, people first, then structure."""
    by_person: dict[str, dict[str, Difference]] = {}
    for c in diff.changes:
        if c.subject.kind == "person":
            by_person.setdefault(c.subject.id, {})[c.kind] = c
    groups: dict[str, list[ReportLine]] = {key: [] for key, _ in _PERSON_GROUPS}
    for pid, kinds in by_person.items():
        _person_lines(pid, kinds, groups)
    out = [(title, groups[key]) for key, title in _PERSON_GROUPS if groups[key]]
    structure: dict[str, list[ReportLine]] = {}
    for c in diff.changes:
        if c.subject.kind != "person":
            structure.setdefault(c.subject.kind, []).append(ReportLine(_struct_line(c), c))
    for kind in ("team", "pipeline", "unit", "org"):
        if structure.get(kind):
            out.append((_STRUCT_TITLES[kind], structure[kind]))
    return out


def _person_lines(pid: str, kinds: dict[str, Difference], groups: dict[str, list[Any]]) -> None:
    def put(key: str, text: str, c: Difference, *also: Difference) -> None:
        groups[key].append(ReportLine(text, c, also))

    first = next(iter(kinds.values()))
    who = one_line(first.subject.name)
    if "added" in kinds:
        c = kinds["added"]
        put("opened" if c.new["role"] == "open" else "hired", _describe(c.new), c)
        return
    if "removed" in kinds:
        c = kinds["removed"]
        put("closed" if c.old["role"] == "open" else "left", _describe(c.old), c)
        return
    if "filled" in kinds:
        c = kinds["filled"]
        title = c.old.get("title") or (kinds["title"].old if "title" in kinds else "")
        what = f"Open: {one_line(title)}" if title else "Open position"
        put("filled", f"{what} filled by {who}", c)
    if "team" in kinds:
        c = kinds["team"]
        text = f"{who}, {_team(c.old)} -> {_team(c.new)}"
        folded = []
        if "manager" in kinds:
            text += f"; now reports to {_name(kinds['manager'].new)}"
            folded.append(kinds["manager"])
        if "placements" in kinds:
            p = kinds["placements"]
            if [(v["pipeline"], v["share"]) for v in p.old] == [
                (v["pipeline"], v["share"]) for v in p.new
            ]:  # only the column moved: the move says it all
                folded.append(p)
                kinds = {k: v for k, v in kinds.items() if k != "placements"}
        put("moved", text, c, *folded)
    elif "manager" in kinds:
        c = kinds["manager"]
        put("manager", f"{who}: {_arrow(c)}", c)
    for key in ("placements", "title", "role", "level", "renamed", "dotted", "tech_lead"):
        if key in kinds:
            put(key, f"{who}: {_arrow(kinds[key])}", kinds[key])
    for c in [c for k, c in kinds.items() if k == "field"]:
        put("field", f"{who}: {one_line(c.new['field'])}: {_arrow(c)}", c)


def _struct_line(c: Difference) -> str:
    name = one_line(c.subject.name) or "(unnamed)"
    kind = c.kind
    if kind == "added":
        return f"Added: {name}"
    if kind == "removed":
        return f"Removed: {name}"
    if kind == "renamed":
        return f"Renamed: {value_text(c, c.old)} -> {value_text(c, c.new)}"
    label = {
        "kind": "kind",
        "manager": "manager",
        "owner": "owner",
        "leader": "leader",
        "tech_lead": "tech lead",
        "kpi": "KPI",
        "unit": "org unit",
        "teams": "teams",
        "order": "order",
    }.get(kind, kind)
    if kind == "settings":
        return f"Setting {one_line(c.new['key'])}: {_arrow(c)}"
    return f"{name}: {label} {_arrow(c)}"


# ------------------------------------------------------------------------ tables
def _fig(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.1f}"
    return str(v)


def _delta(a: Any, b: Any) -> str:
    if a is None or b is None or a == b:
        return ""
    d = b - a
    return f" ({'+' if d > 0 else ''}{_fig(round(d, 2) if isinstance(d, float) else d)})"


def summary_tables(
    diffs: Sequence[Comparison], labels: Sequence[str], changed_only: bool = True
) -> list[dict[str, Any]]:
    """Tables ``{title, header, rows}`` (rows of strings), a column per org: base, then each
    scenario (``labels`` names them all, the base first). With ``changed_only``, the team and
    pipeline tables keep the rows whose figures differ somewhere and end with a row
    ``(N unchanged)``."""
    tables: list[dict[str, Any]] = []
    for title, attr in (("Teams", "teams"), ("Pipelines", "pipelines")):
        names: dict[str, str] = {}
        cells: dict[str, list[Any]] = {}
        for k, diff in enumerate(diffs):
            for row in getattr(diff, attr):
                key = row["id"] if diff.match == "id" else row["name"]
                names.setdefault(key, one_line(row["name"]))
                vals = cells.setdefault(key, [None] * (len(diffs) + 1))
                if row["old"] is not None:
                    vals[0] = row["old"]
                vals[k + 1] = row["new"]
        rows = []
        same = 0
        for key, vals in cells.items():
            if changed_only and all(v == vals[0] for v in vals[1:]):
                same += 1
                continue
            base = vals[0]
            rows.append([names[key], *(_row_cell(base, v) for v in vals)])
        if same:
            rows.append([f"({same} unchanged)", *([""] * len(labels))])
        tables.append({"title": title, "header": ["", *labels], "rows": rows})
    shape_rows = []
    shapes = [diffs[0].shape["old"], *(d.shape["new"] for d in diffs)]
    for key, label in (
        ("people", "people"),
        ("open_positions", "open positions"),
        ("fte", "FTE on pipelines"),
        ("managers", "managers"),
        ("layers", "layers"),
        ("max_span", "largest span"),
        ("median_span", "median span"),
    ):
        base = shapes[0][key]
        shape_rows.append(
            [label, _fig(base), *(_fig(s[key]) + _delta(base, s[key]) for s in shapes[1:])]
        )
    for bucket in shapes[0]["span_distribution"]:
        base = shapes[0]["span_distribution"][bucket]
        shape_rows.append(
            [
                f"spans of {bucket}",
                str(base),
                *(
                    str(s["span_distribution"][bucket])
                    + _delta(base, s["span_distribution"][bucket])
                    for s in shapes[1:]
                ),
            ]
        )
    tables.append({"title": "Shape", "header": ["", *labels], "rows": shape_rows})
    return tables


def _row_cell(base: dict[str, Any] | None, v: dict[str, Any] | None) -> str:
    if v is None:
        return "-"
    out = f"{v['headcount']}{_delta(base and base['headcount'], v['headcount'])}"
    if v["open_positions"]:
        out += f" +{v['open_positions']} open"
    out += f", {v['fte']:.1f} FTE"
    return out


def _finding_lines(diff: Comparison) -> list[tuple[str, list[str]]]:
    out = []
    for key, title in (("introduced", "Introduced"), ("fixed", "Fixed"), ("changed", "Changed")):
        items = diff.findings.get(key, [])
        if items:
            lines = []
            for f in items:
                text = f"{f['severity']}: {one_line(f['message'])} ({f['rule']})"
                if "was" in f:
                    text += f"; was: {one_line(f['was'])}"
                lines.append(text)
            out.append((f"{title} ({len(items)})", lines))
    return out


# ----------------------------------------------------------------------- reports
def _count(n: int, one: str) -> str:
    return f"{n} {one}{'' if n == 1 else 's'}"


def _heading(diff: Comparison, old_label: str, new_label: str) -> str:
    from orgeditor.model.compare_summary import org_head

    def size(org: Any) -> str:
        head = org_head(org)
        extra = f", {head['open_positions']} open" if head["open_positions"] else ""
        return f"{_count(head['people'], 'person').replace('persons', 'people')}{extra}"

    return (
        f"{one_line(old_label)} ({size(diff.old)}) -> {one_line(new_label)} ({size(diff.new)}): "
        f"{_count(len(diff.changes), 'change')}"
    )


def diff_text(diffs: Sequence[Comparison], labels: Sequence[str]) -> str:
    """The report ``orgeditor diff`` prints: changes grouped by kind, then the tables."""
    lines: list[str] = []
    for diff, label in zip(diffs, labels[1:], strict=True):
        lines.append(_heading(diff, labels[0], label))
        if diff.unmatched:
            names = ", ".join(one_line(r.name) or r.id for r in diff.unmatched[:10])
            lines.append(f"  matched by id (duplicate or empty names): {names}")
        for title, group in change_groups(diff):
            lines += ["", f"{title} ({len(group)})"]
            lines += [f"  {r.text}" for r in group]
        if len(diffs) > 1:
            lines.append("")
            lines += _findings_text(diff)
            lines.append("")
    lines += [""] if len(diffs) == 1 else []
    for table in summary_tables(diffs, labels):
        if table["rows"]:
            lines += _table_text(table)
            lines.append("")
    if len(diffs) == 1:
        lines += _findings_text(diffs[0])
    return "\n".join(lines).rstrip() + "\n"


def _findings_text(diff: Comparison) -> list[str]:
    groups = _finding_lines(diff)
    if not groups:
        return ["Findings: none fixed, none introduced"]
    out = []
    for title, items in groups:
        out.append(f"Findings {title.lower()}")
        out += [f"  {x}" for x in items]
    return out


def _table_text(table: dict[str, Any]) -> list[str]:
    header, rows = table["header"], table["rows"]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    widths[0] = min(max(widths[0], 8), 40)

    def fmt(r: list[str]) -> str:
        first = r[0] if len(r[0]) <= widths[0] else r[0][: widths[0] - 1] + "…"
        rest = "  ".join(f"{c:<{w}}" for c, w in zip(r[1:], widths[1:], strict=True))
        return f"  {first:<{widths[0]}}  {rest}".rstrip()

    return [table["title"], fmt([one_line(h) for h in header]), *(fmt(r) for r in rows)]


def _md(text: str) -> str:
    """Markdown-safe text: no markup, no HTML, no table breaks."""
    out = one_line(text)
    for ch in "\\`*_{}[]<>()#+-.!|~":
        out = out.replace(ch, "\\" + ch)
    return out


def diff_markdown(diffs: Sequence[Comparison], labels: Sequence[str]) -> str:
    """The report as Markdown: a section per comparison, tables as pipe tables."""
    lines = [f"# Changes: {' / '.join(_md(lb) for lb in labels)}", ""]
    for diff, label in zip(diffs, labels[1:], strict=True):
        lines += [f"## {_md(_heading(diff, labels[0], label))}", ""]
        for title, group in change_groups(diff):
            lines += [f"### {_md(title)} ({len(group)})", ""]
            lines += [f"- {_md(r.text)}" for r in group]
            lines.append("")
        for title, items in _finding_lines(diff):
            lines += [f"### Findings {_md(title.lower())}", ""]
            lines += [f"- {_md(x)}" for x in items]
            lines.append("")
    for table in summary_tables(diffs, labels):
        if not table["rows"]:
            continue
        lines += [f"## {table['title']}", ""]
        lines.append("| " + " | ".join(_md(h) for h in table["header"]) + " |")
        lines.append("|" + "---|" * len(table["header"]))
        lines += ["| " + " | ".join(_md(c) for c in r) + " |" for r in table["rows"]]
        lines.append("")
    return "\n".join(lines)


CSV_COLUMNS = (
    "scenario",
    "group",
    "change",
    "subject_kind",
    "subject_id",
    "subject_name",
    "old",
    "new",
    "summary",
)


def diff_csv(diffs: Sequence[Comparison], labels: Sequence[str]) -> str:
    """One row per change (:data:`CSV_COLUMNS`), defused like the CSV export, CRLF lines."""
    from orgeditor.io.csv_export import defuse

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for diff, label in zip(diffs, labels[1:], strict=True):
        for title, group in change_groups(diff):
            for r in group:
                for c in r.changes:
                    row = [
                        label,
                        title,
                        c.kind,
                        c.subject.kind,
                        c.subject.id,
                        c.subject.name,
                        value_text(c, c.old),
                        value_text(c, c.new),
                        r.text,
                    ]
                    w.writerow([defuse(str(x)) for x in row])
    return buf.getvalue()
