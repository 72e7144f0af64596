"""Moving people to another team makes them report to its manager, in the same undo step."""

from __future__ import annotations

from orgeditor.document import Document
from orgeditor.samples import sample_org
from orgeditor.ui import team_moves
from orgeditor.ui.grid.dnd import encode_people


def _team_report(org):  # type: ignore[no-untyped-def]
    """Someone in a team who reports to its manager, and another team with a manager."""
    for p in org.people.values():
        t = org.teams.get(p.team) if p.team else None
        if t is not None and t.manager and p.manager == t.manager and org.cells_of(p.id):
            other = next(o for o in org.teams.values() if o.id != t.id and o.manager)
            return p, t, other
    raise AssertionError("no team member in the sample")


def test_a_drop_in_another_team_brings_its_manager_in_one_undo_step(grid) -> None:  # type: ignore[no-untyped-def]
    doc = grid.doc
    org = doc.org
    person, old, new = _team_report(org)
    cell = org.cells_of(person.id)[0]
    target = (new.id, cell[1])
    accepted, dropped = grid.drag(encode_people([(person.id, cell)]), grid.cell_point(target))
    assert accepted and dropped
    assert org.people[person.id].team == new.id
    assert org.people[person.id].manager == new.manager
    assert doc.undo_label == f"Move {person.display_name}"
    doc.undo()  # one step takes back the move and the new line
    assert org.people[person.id].team == old.id
    assert org.people[person.id].manager == old.manager
    doc.redo()
    assert org.people[person.id].manager == new.manager


def test_people_who_report_elsewhere_keep_their_manager() -> None:
    doc = Document(sample_org())
    org = doc.org
    person, _old, new = _team_report(org)
    director = next(p for p in org.people.values() if p.role.value in ("director", "vp"))
    doc.set_manager(person.id, director.id)
    team_moves.move_to_team(doc, [person.id], new.id)
    assert org.people[person.id].manager == director.id


def test_a_team_manager_moving_keeps_their_own_manager() -> None:
    doc = Document(sample_org())
    org = doc.org
    _person, old, new = _team_report(org)
    boss_before = org.people[old.manager].manager
    note = team_moves.move_to_team(doc, [old.manager], new.id)
    assert org.people[old.manager].manager == boss_before
    assert note == ""


def test_a_new_open_position_reports_to_the_team_manager_and_is_selected(grid) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.ui.grid.layout import Hit
    from orgeditor.ui.grid.menus import context_menu

    doc, view = grid.doc, grid.view
    org = doc.org
    team = next(t for t in org.teams.values() if t.manager)
    pipeline = org.pipeline_order[-1]
    menu = context_menu(view, Hit("cell", team.id, pipeline), None)
    act = next(a for a in menu.actions() if a.text() == "Add open position here")
    before = set(org.people)
    act.trigger()
    (new,) = set(org.people) - before
    assert org.people[new].role.value == "open"
    assert org.people[new].manager == team.manager
    assert grid.selection.people == [new]
    rect = view.matrix.card_scene_rect(new, (team.id, pipeline))
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert seen.contains(rect)
    menu.deleteLater()


def test_delete_in_a_pipeline_row_asks_pipeline_or_org(grid, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import orgeditor.ui.grid.deletion as deletion_module

    doc, view = grid.doc, grid.view
    org = doc.org
    pid, cell = next(
        (p, c)
        for p in org.people
        for c in org.cells_of(p)
        if c[1] is not None and len(org.cells_of(p)) > 1
    )
    answers: list[str | None] = ["pipeline", None, "org"]
    asked: list[tuple[str, str]] = []

    def ask(parent, who, pipeline):  # type: ignore[no-untyped-def]
        asked.append((who, pipeline))
        return answers.pop(0)

    monkeypatch.setattr(deletion_module, "ask_pipeline_or_org", ask)
    grid.selection.set_people([pid])
    view._set_current(pid, cell)
    view.delete_selected()  # "Remove from the pipeline" (the default)
    assert pid in org.people and org.share(pid, *cell) is None
    assert doc.undo_label.startswith("Remove") and org.pipelines[cell[1]].name in doc.undo_label
    doc.undo()
    assert org.share(pid, *cell) is not None
    view._set_current(pid, cell)
    view.delete_selected()  # Cancel
    assert org.share(pid, *cell) is not None
    view.delete_selected()  # Delete from the org
    assert pid not in org.people
    assert len(asked) == 3
