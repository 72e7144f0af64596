"""Cut, copy and paste of people through the clipboard.

Copied people travel as JSON person records under :data:`PEOPLE_MIME` (plus a plain-text
list of names and titles for other applications). Pasting adds copies with new ids into a
target cell, keeping lines to managers that exist in the org, as one undo step.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QMimeData

from orgeditor.document import Document
from orgeditor.model.changes import entity_record
from orgeditor.model.org import Cell, Org

__all__ = ["PEOPLE_MIME", "paste_people", "people_from_mime", "people_to_mime"]

PEOPLE_MIME = "application/x-orgeditor-people+json"


def people_to_mime(org: Org, ids: list[str]) -> QMimeData:
    """A QMimeData with the records of ``ids`` (and their placements)."""
    records: list[dict[str, Any]] = []
    for pid in ids:
        p = org.people.get(pid)
        if p is None:
            continue
        rec = entity_record("person", p)
        rec["placements"] = [
            {"team": pl.team, "pipeline": pl.pipeline, "share": pl.share}
            for pl in org.placements(pid)
        ]
        records.append(rec)
    mime = QMimeData()
    mime.setData(PEOPLE_MIME, json.dumps({"people": records}).encode("utf-8"))
    mime.setText(
        "\n".join(
            f"{r['name'] or 'Open position'}\t{r['title']}" if r["title"] else r["name"]
            for r in records
        )
    )
    return mime


def people_from_mime(mime: QMimeData | None) -> list[dict[str, Any]]:
    """The person records on the clipboard ([] when there are none or they are unreadable)."""
    if mime is None or not mime.hasFormat(PEOPLE_MIME):
        return []
    try:
        data = json.loads(bytes(mime.data(PEOPLE_MIME).data()).decode("utf-8"))
        people = data["people"]
    except (ValueError, KeyError, TypeError):
        return []
    return [p for p in people if isinstance(p, dict)]


def paste_people(doc: Document, records: list[dict[str, Any]], cell: Cell | None) -> list[str]:
    """Add copies of ``records`` with new ids into ``cell`` (``None``: where they came from).

    Returns the new ids. One undo step ("Paste 3 people").
    """
    org = doc.org
    if not records:
        return []
    n = len(records)
    label = f"Paste {records[0].get('name') or 'open position'}" if n == 1 else f"Paste {n} people"
    new_ids: list[str] = []
    with doc.transaction(label):
        for rec in records:
            if cell is not None:
                team, pipeline = cell
            else:
                team = rec.get("team")
                first = (rec.get("placements") or [{}])[0]
                pipeline = first.get("pipeline")
                if first.get("team") is not None:
                    team = first.get("team")
            if team is not None and team not in org.teams:
                team = None
            if pipeline is not None and pipeline not in org.pipelines:
                pipeline = None
            manager = rec.get("manager")
            if manager not in org.people:
                manager = None
            dotted = [m for m in rec.get("dotted") or [] if m in org.people]
            fields = {str(k): str(v) for k, v in (rec.get("fields") or {}).items()}
            new_ids.append(
                doc.add_person(
                    str(rec.get("name") or ""),
                    title=str(rec.get("title") or ""),
                    level=str(rec.get("level") or ""),
                    role=str(rec.get("role") or "ic"),
                    team=team,
                    pipeline=pipeline,
                    manager=manager,
                    dotted=dotted,
                    fields=fields,
                )
            )
    return new_ids
