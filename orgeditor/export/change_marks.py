"""Which cards of the new org a change diagram marks, how, and each manager's +N / -N.

:func:`change_marks` gives person id -> :class:`~orgeditor.export.themes.CardMark` for the new
org of a comparison: hires and new open positions, filled positions, people who moved in to
another team, people with a new manager, changed titles, other changes; each mark is a colour
*and* a badge line that says it in words, so it survives a grey-scale printout (the fills also
differ in lightness). Managers whose org (everybody below them) gained or lost people carry
``Org +3 / -1 (12 -> 14)``. :func:`org_deltas` computes those figures; the window's grid uses
them for its headers too.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgeditor.export.themes import CardMark
from orgeditor.model.compare import Comparison, Difference
from orgeditor.model.org import Org

__all__ = ["MARK_STYLES", "MarkStyle", "change_marks", "legend_text", "org_deltas"]


@dataclass(frozen=True, slots=True)
class MarkStyle:
    key: str
    label: str
    sign: str
    fill: str
    border: str


#: The kinds of marked card, strongest first (a card shows the first that applies). Fills go
#: from dark to light so that they stay apart in grey; the sign and badge say it in words.
MARK_STYLES: tuple[MarkStyle, ...] = (
    MarkStyle("new", "new hire or position", "\u25cf NEW", "#8fd19e", "#1e7b34"),
    MarkStyle("filled", "position filled", "\u25cf FILLED", "#a8dcb4", "#1e7b34"),
    MarkStyle("moved", "moved in from another team", "\u279c MOVED", "#ffd166", "#a86b00"),
    MarkStyle("manager", "new manager", "\u2191 NEW MANAGER", "#bcd7f5", "#1f5fa8"),
    MarkStyle("title", "new title", "\u270e TITLE", "#e4dcf7", "#6b4fb3"),
    MarkStyle("other", "other change", "\u2022 CHANGED", "#eceff3", "#52606d"),
)
_STYLE = {s.key: s for s in MARK_STYLES}


def legend_text() -> str:
    """The legend line of the change diagrams (Graphviz HTML, escaped)."""
    parts = [f'<FONT COLOR="{s.border}"><B>{s.sign}</B></FONT> {s.label}' for s in MARK_STYLES]
    parts.append("<B>Org +N / -N</B>: people who joined / left a manager&#39;s org")
    return "   ".join(parts)


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def change_marks(diff: Comparison) -> dict[str, CardMark]:
    """person id (in the new org) -> mark, for every changed card and every manager whose org
    changed in size."""
    new = diff.new
    by_person: dict[str, dict[str, Difference]] = {}
    for c in diff.changes:
        if c.subject.kind == "person" and c.kind != "removed":
            by_person.setdefault(c.subject.id, {})[c.kind] = c
    marks: dict[str, CardMark] = {}
    for pid, kinds in by_person.items():
        if pid not in new.people:
            continue
        badges: list[str] = []
        style = "other"
        if "added" in kinds:
            style = "new"
            badges.append("\u25cf NEW" + (" position" if new.people[pid].is_open else " hire"))
        elif "filled" in kinds:
            style = "filled"
            badges.append("\u25cf FILLED (was an open position)")
        if "team" in kinds:
            c = kinds["team"]
            old_team = c.old
            name = old_team["name"] if isinstance(old_team, dict) else "no team"
            style = style if style in ("new", "filled") else "moved"
            badges.append(f"\u279c MOVED from {_short(str(name))}")
        if "manager" in kinds:
            c = kinds["manager"]
            was = c.old
            who = was["name"] if isinstance(was, dict) and was.get("name") else "nobody"
            style = style if style in ("new", "filled", "moved") else "manager"
            badges.append(f"\u2191 NEW MANAGER (was {_short(str(who), 30)})")
        if "title" in kinds:
            c = kinds["title"]
            style = "title" if style == "other" else style
            badges.append(f"\u270e TITLE (was {_short(str(c.old or '-'), 30)})")
        rest = [k for k in kinds if k not in ("added", "filled", "team", "manager", "title")]
        if rest and style == "other":
            badges.append("\u2022 CHANGED: " + ", ".join(k.replace("_", " ") for k in rest))
        st = _STYLE[style]
        marks[pid] = CardMark(st.fill, st.border, tuple(badges), st.sign)
    for pid, (plus, minus, before, after) in org_deltas(diff).items():
        line = f"Org +{plus} / -{minus} ({before} \u2192 {after})"
        found = marks.get(pid)
        if found is None:
            marks[pid] = CardMark("", "", (line,), f"+{plus}/-{minus}")
        else:
            marks[pid] = CardMark(found.fill, found.border, (*found.badges, line), found.sign)
    return marks


def _ancestors(org: Org) -> dict[str, list[str]]:
    """person -> their solid managers (nearest first), for the people (not open positions)."""
    return {pid: org.manager_chain(pid) for pid, p in org.people.items() if not p.is_open}


def org_deltas(diff: Comparison) -> dict[str, tuple[int, int, int, int]]:
    """Manager id (new org) -> ``(joined, left, size before, size after)`` of everybody below
    them (open positions not counted), for managers whose org changed."""
    pairs = diff.pairs.get("person", {})

    def as_new(oid: str) -> str:
        return pairs.get(oid, "\0" + oid)

    old_up = {as_new(p): [as_new(a) for a in up] for p, up in _ancestors(diff.old).items()}
    new_up = _ancestors(diff.new)
    plus: dict[str, int] = {}
    minus: dict[str, int] = {}
    for pid in set(old_up) | set(new_up):
        a, b = old_up.get(pid, []), new_up.get(pid, [])
        if a == b:
            continue
        sa, sb = set(a), set(b)
        for m in sb - sa:
            plus[m] = plus.get(m, 0) + 1
        for m in sa - sb:
            minus[m] = minus.get(m, 0) + 1
    sizes_new: dict[str, int] = {}
    for up in new_up.values():
        for m in up:
            sizes_new[m] = sizes_new.get(m, 0) + 1
    out = {}
    for m in set(plus) | set(minus):
        if m not in diff.new.people:
            continue
        p, n = plus.get(m, 0), minus.get(m, 0)
        after = sizes_new.get(m, 0)
        out[m] = (p, n, after - p + n, after)
    return out
