"""Delete on a card in a pipeline row: from that pipeline (the default) or from the org."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from orgeditor.document import Document
from orgeditor.ui.dialogs.prompts import choose

__all__ = ["ask_pipeline_or_org", "remove_from_pipeline"]


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
