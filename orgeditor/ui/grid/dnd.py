"""Drag and drop on the matrix: the MIME types and what a drop at a place would do.

People travel as ``application/x-orgeditor-people``: JSON ``[[person, team, pipeline], ...]``
(the dragged cards and the cells they came from). Headers travel as
``application/x-orgeditor-header``: JSON ``{"kind": "team"|"pipeline", "id": ...}``.

:func:`plan_drop` turns (payload, place under the cursor, Ctrl held) into a :class:`DropPlan`
(one document call, a highlight rectangle and a status text) or ``None`` for an invalid drop,
so the view shows the forbidden cursor and changes nothing. Every plan is one document call,
hence one undo step however many people are dragged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QMimeData

from orgeditor.document import Document
from orgeditor.model.org import Cell
from orgeditor.ui import team_moves
from orgeditor.ui.grid.layout import GridLayout, Hit, Rect

__all__ = [
    "HEADER_MIME",
    "PEOPLE_MIME",
    "DropPlan",
    "decode_header",
    "decode_people",
    "encode_header",
    "encode_people",
    "plan_drop",
]

PEOPLE_MIME = "application/x-orgeditor-people"
HEADER_MIME = "application/x-orgeditor-header"


def encode_people(items: list[tuple[str, Cell]]) -> QMimeData:
    """MIME data for dragged cards (also plain text: their ids, one a line)."""
    mime = QMimeData()
    data = json.dumps([[p, t, pl] for p, (t, pl) in items])
    mime.setData(PEOPLE_MIME, QByteArray(data.encode("utf-8")))
    mime.setText("\n".join(p for p, _c in items))
    return mime


def decode_people(mime: QMimeData) -> list[tuple[str, Cell]] | None:
    if not mime.hasFormat(PEOPLE_MIME):
        return None
    try:
        raw = json.loads(bytes(mime.data(PEOPLE_MIME).data()).decode("utf-8"))
        return [(str(p), (t, pl)) for p, t, pl in raw]
    except (ValueError, TypeError):
        return None


def encode_header(kind: str, id: str) -> QMimeData:
    mime = QMimeData()
    mime.setData(HEADER_MIME, QByteArray(json.dumps({"kind": kind, "id": id}).encode("utf-8")))
    return mime


def decode_header(mime: QMimeData) -> tuple[str, str] | None:
    if not mime.hasFormat(HEADER_MIME):
        return None
    try:
        raw = json.loads(bytes(mime.data(HEADER_MIME).data()).decode("utf-8"))
        return str(raw["kind"]), str(raw["id"])
    except (ValueError, TypeError, KeyError):
        return None


@dataclass(frozen=True)
class DropPlan:
    """What a drop would do: ``run()`` makes the one undo step (and may return a note)."""

    run: Callable[[], object]
    marker: Rect
    status: str


def plan_drop(
    doc: Document,
    layout: GridLayout,
    mime: QMimeData,
    hit: Hit,
    pos: tuple[float, float],
    copy: bool,
) -> DropPlan | None:
    """The drop of ``mime`` at ``hit`` (scene point ``pos``), or ``None`` if invalid."""
    people = decode_people(mime)
    if people is not None:
        return _plan_people(doc, layout, people, hit, copy)
    header = decode_header(mime)
    if header is not None:
        return _plan_header(doc, layout, header, pos)
    return None


def _plan_people(
    doc: Document, layout: GridLayout, items: list[tuple[str, Cell]], hit: Hit, copy: bool
) -> DropPlan | None:
    org = doc.org
    items = [(p, c) for p, c in items if p in org.people]
    if not items:
        return None
    n = len({p for p, _c in items})
    who = org.people[items[0][0]].display_name if n == 1 else f"{n} people"
    if hit.area in ("card", "cell"):
        to = hit.cell
        if to[0] is not None and to[0] not in org.teams:
            return None
        if to[1] is not None and to[1] not in org.pipelines:
            return None
        if copy:
            if to[1] is None:
                return None
            todo = [(p, c) for p, c in items if org.share(p, to[0], to[1]) is None]
            if not todo:
                return None
            where = org.pipelines[to[1]].name
            status = f"Share {who} with {where}"
        else:
            todo = [(p, c) for p, c in items if c != to or org.people[p].team != to[0]]
            if not todo:
                return None
            status = f"Move {who} here"
        return DropPlan(
            lambda: team_moves.move_people(doc, todo, to, copy=copy), layout.cell_rect(to), status
        )
    if hit.area == "column":
        team = hit.team
        ids = list(dict.fromkeys(p for p, _c in items if org.people[p].team != team))
        if not ids or copy:
            return None
        name = org.teams[team].name if team else "no team"
        return DropPlan(
            lambda: team_moves.move_to_team(doc, ids, team),
            layout.column_header_rect(hit.column),
            f"Move {who} to {name} (team only)",
        )
    return None


def _plan_header(
    doc: Document, layout: GridLayout, header: tuple[str, str], pos: tuple[float, float]
) -> DropPlan | None:
    kind, id = header
    org = doc.org
    if kind not in ("team", "pipeline") or not org.has(kind, id):
        return None
    order = org.order_of(kind)
    old = order.index(id)
    if kind == "team":
        if pos[0] < layout.row_header_w:
            return None
        new = layout.insertion_index("team", pos[0])
        at = layout.col_x[new] if new < len(layout.columns) else layout.width
        marker: Rect = (at - 3, 0.0, 6.0, layout.col_header_h)
    else:
        if pos[1] < layout.col_header_h:
            return None
        new = layout.insertion_index("pipeline", pos[1])
        at = layout.row_y[new + 1] if new + 1 < len(layout.rows) else layout.height
        marker = (0.0, at - 3, layout.row_header_w, 6.0)
    if new > old:
        new -= 1
    new = max(0, min(new, len(order) - 1))
    if new == old:
        return None
    name = getattr(org.entity(kind, id), "name", id)
    return DropPlan(lambda: doc.move_entity(kind, id, new), marker, f"Move {kind} {name}")
