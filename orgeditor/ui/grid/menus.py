"""Context menus of the grid: on cards, cells, column headers (teams) and row headers.

Every action is one :class:`~orgeditor.document.Document` call (one undo step); edits that
cannot be made end as a status-bar message, never as an exception.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMenu

from orgeditor.model.entities import STANDARD_TEAM_KINDS, Role, team_kind_label
from orgeditor.ui.grid.layout import Hit

if TYPE_CHECKING:
    from orgeditor.ui.grid.view import MatrixView

__all__ = ["context_menu"]


def context_menu(view: MatrixView, hit: Hit, pid: str | None) -> QMenu | None:
    """The menu for what is under the pointer (``pid``: the card's person)."""
    menu = QMenu(view)
    if view.document.read_only:  # every entry edits: say why there are none
        menu.addAction(view.document.read_only_reason()).setEnabled(False)
        return menu
    if pid is not None:
        _card_menu(view, menu, hit, pid)
    elif hit.area == "cell":
        _cell_menu(view, menu, hit)
    elif hit.area == "column":
        _team_menu(view, menu, hit)
    elif hit.area == "row":
        _pipeline_menu(view, menu, hit)
    else:
        _add_entity_actions(view, menu, None, None)
    return menu


def _card_menu(view: MatrixView, menu: QMenu, hit: Hit, pid: str) -> None:
    doc = view.document
    org = doc.org
    person = org.people[pid]
    name = person.display_name
    others = [p for p in view.selection.people if p != pid and p in org.people]
    selected = view.selection.people or [pid]
    menu.addAction("Rename…\tF2", view.start_rename_selected)
    what = name if len(selected) == 1 else f"{len(selected)} people"
    menu.addAction(f"Delete {what}\tDel", view.delete_selected)
    menu.addSeparator()
    if others:
        n = len(others)
        menu.addAction(
            f"Make {name} manager of the {n} other selected",
            lambda: view.run(doc.set_managers, others, pid),
        )

        def add_dotted() -> None:
            with doc.transaction(f"Add dotted lines to {name}"):
                for o in others:
                    doc.add_dotted(o, pid)

        menu.addAction(
            f"Add dotted line from the {n} other selected to {name}", lambda: view.run(add_dotted)
        )
    menu.addAction("Set manager…", lambda: _ask_manager(view, pid))
    if person.manager is not None:
        menu.addAction("Remove manager", lambda: view.run(doc.set_manager, pid, None))
    team, pipeline = hit.cell
    if pipeline is not None:
        share = org.share(pid, team, pipeline)
        if share is not None:
            menu.addAction(f"Set share here ({share}%)…", lambda: _ask_share(view, pid, hit))
    menu.addSeparator()
    if team is not None:
        t = org.teams[team]
        menu.addAction(
            f"Make tech lead of team {t.name}",
            lambda: view.run(doc.set_tech_lead, "team", team, pid),
        )
    if pipeline is not None:
        pl = org.pipelines[pipeline]
        menu.addAction(
            f"Make tech lead of pipeline {pl.name}",
            lambda: view.run(doc.set_tech_lead, "pipeline", pipeline, pid),
        )
        if org.share(pid, team, pipeline) is not None:
            menu.addSeparator()
            menu.addAction(
                f"Remove from {pl.name}",
                lambda: view.run(doc.remove_placement, pid, team, pipeline),
            )


def _ask_manager(view: MatrixView, pid: str) -> None:
    org = view.document.org
    leaders = [
        p
        for p in org.people.values()
        if p.id != pid and p.role in (Role.MANAGER, Role.DIRECTOR, Role.VP)
    ]
    labels = [f"{p.display_name} — {p.title}" if p.title else p.display_name for p in leaders]
    current = org.people[pid].manager
    index = next((i for i, p in enumerate(leaders) if p.id == current), 0)
    text, ok = QInputDialog.getItem(view, "Set manager", "Manager:", labels, index, True)
    if not ok:
        return
    if text in labels:
        view.run(view.document.set_manager, pid, leaders[labels.index(text)].id)
        return
    found = org.find_person(text.split(" — ")[0])
    if found is None:
        view.statusMessage.emit(f"No person named {text!r}")
    else:
        view.run(view.document.set_manager, pid, found.id)


def _ask_share(view: MatrixView, pid: str, hit: Hit) -> None:
    team, pipeline = hit.cell
    assert pipeline is not None
    org = view.document.org
    old = org.share(pid, team, pipeline) or 100
    value, ok = QInputDialog.getInt(
        view,
        "Set share",
        f"Share of {org.people[pid].display_name} on {org.pipelines[pipeline].name} (%):",
        old,
        1,
        100,
        5,
    )
    if ok:
        view.run(view.document.set_share, pid, team, pipeline, value)


def _cell_menu(view: MatrixView, menu: QMenu, hit: Hit) -> None:
    doc = view.document
    team, pipeline = hit.cell

    manager = doc.org.teams[team].manager if team in doc.org.teams else None

    def add_person() -> None:
        name, ok = QInputDialog.getText(view, "Add person", "Name:")
        if ok and name.strip():
            added: list[str] = []
            boss = manager if manager in doc.org.people else None
            add = doc.add_person
            ok = view.run(
                lambda: added.append(add(name.strip(), team=team, pipeline=pipeline, manager=boss))
            )
            if ok:
                view.focus_person(added[0])

    def add_open() -> None:
        added: list[str] = []
        boss = manager if manager in doc.org.people else None
        add = doc.add_person
        ok = view.run(
            lambda: added.append(
                add(
                    "",
                    title="Open position",
                    role="open",
                    team=team,
                    pipeline=pipeline,
                    manager=boss,
                )
            )
        )
        if ok:
            view.focus_person(added[0])  # selected, and scrolled to

    menu.addAction("Add person here…", add_person)
    menu.addAction("Add open position here", add_open)
    menu.addSeparator()
    _add_entity_actions(view, menu, team, pipeline)


def _add_entity_actions(
    view: MatrixView, menu: QMenu, after_team: str | None, after_pipeline: str | None
) -> None:
    doc = view.document
    org = doc.org

    def add_team() -> None:
        name, ok = QInputDialog.getText(view, "Add team", "Team name:")
        if ok and name.strip():
            index = org.team_order.index(after_team) + 1 if after_team in org.teams else None
            view.run(doc.add_team, name.strip(), index=index)

    def add_pipeline() -> None:
        name, ok = QInputDialog.getText(view, "Add pipeline", "Pipeline name:")
        if ok and name.strip():
            index = (
                org.pipeline_order.index(after_pipeline) + 1
                if after_pipeline in org.pipelines
                else None
            )
            view.run(doc.add_pipeline, name.strip(), index=index)

    menu.addAction("Add team…", add_team)
    menu.addAction("Add pipeline…", add_pipeline)


def _team_menu(view: MatrixView, menu: QMenu, hit: Hit) -> None:
    doc = view.document
    team = hit.team
    if team is None:
        _add_entity_actions(view, menu, None, None)
        return
    t = doc.org.teams[team]
    view.selection.set_entity("team", team)
    menu.addAction("Rename…\tF2", view.start_rename_selected)
    menu.addAction(f"Delete team {t.name}", lambda: view.run(doc.remove_team, team))
    kinds = menu.addMenu("Set kind")
    for kind in STANDARD_TEAM_KINDS:
        act = kinds.addAction(team_kind_label(kind), _setter(view, team, kind))
        act.setCheckable(True)
        act.setChecked(t.kind == kind)

    def other_kind() -> None:
        text, ok = QInputDialog.getText(view, "Team kind", "Kind (e.g. evaluation):", text=t.kind)
        if ok:
            view.run(doc.set_field, "team", team, "kind", text.strip().lower().replace(" ", "-"))

    kinds.addSeparator()
    kinds.addAction("Other…", other_kind)

    def set_kpi() -> None:
        text, ok = QInputDialog.getText(view, "Team KPI", f"KPI of {t.name}:", text=t.kpi)
        if ok:
            view.run(doc.set_field, "team", team, "kpi", text.strip())

    menu.addAction("Set KPI…", set_kpi)
    menu.addSeparator()
    _add_entity_actions(view, menu, team, None)


def _setter(view: MatrixView, team: str, kind: str) -> Callable[[], object]:
    return lambda: view.run(view.document.set_field, "team", team, "kind", kind)


def _pipeline_menu(view: MatrixView, menu: QMenu, hit: Hit) -> None:
    doc = view.document
    pipeline = hit.pipeline
    if pipeline is None:
        _add_entity_actions(view, menu, None, None)
        return
    p = doc.org.pipelines[pipeline]
    view.selection.set_entity("pipeline", pipeline)
    menu.addAction("Rename…\tF2", view.start_rename_selected)
    menu.addAction(f"Delete pipeline {p.name}", lambda: view.run(doc.remove_pipeline, pipeline))
    menu.addSeparator()
    _add_entity_actions(view, menu, None, pipeline)
