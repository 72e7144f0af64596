"""Delete on the grid: the selected people (on a card in a pipeline row, from that pipeline,
the default, or from the org), else the selected team, pipeline or unit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from orgeditor.document import Document
from orgeditor.ui.dialogs.prompts import choose

if TYPE_CHECKING:
    from orgeditor.ui.grid.view import MatrixView

__all__ = ["ask_pipeline_or_org", "delete_selection", "remove_from_pipeline"]


def delete_selection(view: MatrixView) -> None:
    """Delete what is selected on ``view`` (one undo step; a refused edit is a status
    message)."""
    doc = view.document
    if doc.read_only:  # refused before asking anything
        view.statusMessage.emit(doc.read_only_reason())
        return
    org = doc.org
    people = [p for p in view.selection.people if p in org.people]
    if people:
        cur = view.matrix.current
        team, pipeline = cur[1] if cur is not None and cur[0] in people else (None, None)
        placed = [p for p in people if pipeline and org.share(p, team, pipeline) is not None]
        if pipeline is not None and placed:
            name = org.people[placed[0]].display_name if len(placed) == 1 else None
            who = name or f"{len(placed)} people"
            answer = ask_pipeline_or_org(view, who, org.pipelines[pipeline].name)
            if answer == "pipeline":
                view.run(remove_from_pipeline, doc, placed, team, pipeline)
                return
            if answer != "org":
                return
        view.run(doc.remove_people, people)
        return
    kind, id = view.selection.entity
    removers = {
        "team": doc.remove_team,
        "pipeline": doc.remove_pipeline,
        "unit": doc.remove_unit,
    }
    if kind in removers and org.has(kind, id) and view.run(removers[kind], id):
        view.selection.set_entity("", "")


def ask_pipeline_or_org(parent: QWidget, who: str, pipeline: str) -> str | None:
    """Delete on a card in a pipeline row: "pipeline" (the default), "org" or None."""
    return choose(
        parent,
        "Delete",
        f"Remove {who} from {pipeline}, or delete from the org?",
        "Removing from the pipeline keeps them in their team.",
        [
            ("pipeline", f"Remove from {pipeline}", QMessageBox.ButtonRole.AcceptRole),
            ("org", "Delete from the org", QMessageBox.ButtonRole.DestructiveRole),
        ],
    )


def remove_from_pipeline(doc: Document, people: list[str], team: str | None, pipeline: str) -> None:
    org = doc.org
    name = org.pipelines[pipeline].name
    who = org.people[people[0]].display_name if len(people) == 1 else f"{len(people)} people"
    with doc.transaction(f"Remove {who} from {name}"):
        for p in people:
            doc.remove_placement(p, team, pipeline)
