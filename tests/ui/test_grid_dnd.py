"""Drag and drop on the matrix canvas, by synthesised drag-enter/move/drop events."""

from __future__ import annotations

from orgeditor.ui.grid.dnd import decode_people, encode_header, encode_people


def test_people_mime_round_trip() -> None:
    items = [("p1", ("t1", "l1")), ("p2", (None, None))]
    assert decode_people(encode_people(items)) == items


def test_drag_one_card_to_another_cell(grid) -> None:  # type: ignore[no-untyped-def]
    doc, org = grid.doc, grid.doc.org
    mime = encode_people([("p19", ("t2", "l1"))])  # Ada, Modeling x Feed ranking
    accepted, dropped = grid.drag(mime, grid.cell_point(("t3", "l2")))
    assert accepted and dropped
    assert org.people["p19"].team == "t3"
    assert [(p.team, p.pipeline, p.share) for p in org.placements("p19")] == [("t3", "l2", 100)]
    assert doc.undo_label == "Move Ada Lovelace-Park"
    # the cards followed the model
    assert "p19" in org.cell_ids("t3", "l2")
    assert grid.view.matrix.cells[("t3", "l2")] is not None
    doc.undo()
    assert org.people["p19"].team == "t2"
    assert [(p.team, p.pipeline) for p in org.placements("p19")] == [("t2", "l1")]
    assert not doc.can_undo


def test_drag_a_multi_selection_is_one_undo_step(grid) -> None:  # type: ignore[no-untyped-def]
    doc, org = grid.doc, grid.doc.org
    view = grid.view
    grid.selection.set_people(["p19", "p20", "p12"])
    items = view.drag_items("p19", ("t2", "l1"))
    assert {p for p, _c in items} == {"p19", "p20", "p12"}
    accepted, dropped = grid.drag(encode_people(items), grid.cell_point(("t4", "l4")))
    assert accepted and dropped
    for p in ("p19", "p20", "p12"):
        assert org.people[p].team == "t4"
        assert ("t4", "l4") in org.cells_of(p)
    assert doc.undo_label == "Move 3 people"
    doc.undo()
    assert org.people["p12"].team == "t1" and org.people["p20"].team == "t2"
    assert not doc.can_undo


def test_ctrl_drop_shares_time(grid) -> None:  # type: ignore[no-untyped-def]
    org = grid.doc.org
    mime = encode_people([("p20", ("t2", "l2"))])
    accepted, dropped = grid.drag(mime, grid.cell_point(("t2", "l4")), ctrl=True)
    assert accepted and dropped
    assert {(p.team, p.pipeline, p.share) for p in org.placements("p20")} == {
        ("t2", "l2", 50),
        ("t2", "l4", 50),
    }
    assert grid.doc.undo_label.startswith("Share Tariq Singh")
    # both cards are on the grid
    assert "p20" in org.cell_ids("t2", "l2") and "p20" in org.cell_ids("t2", "l4")


def test_drop_on_column_header_changes_the_team_only(grid) -> None:  # type: ignore[no-untyped-def]
    org = grid.doc.org
    lay = grid.view.matrix.layout
    x, y, w, h = lay.column_header_rect(lay.column_of("t5"))
    accepted, dropped = grid.drag(
        encode_people([("p18", ("t2", "l1"))]), grid.point(x + w / 2, y + h / 2)
    )
    assert accepted and dropped
    assert org.people["p18"].team == "t5"
    # same pipelines, new column
    assert {(p.team, p.pipeline) for p in org.placements("p18")} == {("t5", "l1"), ("t5", "l3")}
    assert grid.doc.undo_label == "Move Wei Zhang to Deployment"


def test_invalid_drops_change_nothing(grid) -> None:  # type: ignore[no-untyped-def]
    doc = grid.doc
    lay = grid.view.matrix.layout
    mime = encode_people([("p19", ("t2", "l1"))])
    # on a row header
    x, y, w, h = lay.row_header_rect(lay.row_of("l3"))
    accepted, dropped = grid.drag(mime, grid.point(x + w / 2, y + h / 2))
    assert not accepted and not dropped
    # on the cell the card already sits in
    accepted, dropped = grid.drag(mime, grid.cell_point(("t2", "l1")))
    assert not accepted and not dropped
    # sharing with "no pipeline" makes no sense
    accepted, dropped = grid.drag(mime, grid.cell_point(("t2", None)), ctrl=True)
    assert not accepted and not dropped
    # a person that no longer exists
    ghost = encode_people([("nobody", ("t2", "l1"))])
    accepted, dropped = grid.drag(ghost, grid.cell_point(("t3", "l2")))
    assert not accepted and not dropped
    assert not doc.can_undo and not doc.is_modified
    assert not grid.view.matrix.drop_marker.isVisible()


def test_drag_a_column_header_reorders_teams(grid) -> None:  # type: ignore[no-untyped-def]
    doc, org = grid.doc, grid.doc.org
    lay = grid.view.matrix.layout
    # drop Data Operations (t1) just right of the centre of Tooling (t4)
    x, _y, w, _h = lay.column_header_rect(lay.column_of("t4"))
    accepted, dropped = grid.drag(encode_header("team", "t1"), grid.point(x + w * 0.75, 40))
    assert accepted and dropped
    assert org.team_order == ["t2", "t3", "t4", "t1", "t5", "t6"]
    assert grid.view.matrix.layout.columns[:4] == ["t2", "t3", "t4", "t1"]
    # the header items moved with the layout
    h = grid.view.matrix.column_headers["t1"]
    assert h.pos().x() == grid.view.matrix.layout.column_header_rect(3)[0]
    doc.undo()
    assert org.team_order == ["t1", "t2", "t3", "t4", "t5", "t6"]
    assert grid.view.matrix.layout.columns[0] == "t1"


def test_drag_a_row_header_reorders_pipelines(grid) -> None:  # type: ignore[no-untyped-def]
    org = grid.doc.org
    lay = grid.view.matrix.layout
    _x, y, _w, h = lay.row_header_rect(lay.row_of("l1"))
    accepted, dropped = grid.drag(encode_header("pipeline", "l5"), grid.point(100, y + h * 0.25))
    assert accepted and dropped
    assert org.pipeline_order == ["l5", "l1", "l2", "l3", "l4"]


def test_move_does_not_rebuild_other_cells(grid) -> None:  # type: ignore[no-untyped-def]
    scene = grid.view.matrix
    target = grid.cell_point(("t2", "l2"))  # scrolled into view and painted first
    grid.painted()
    before = dict(scene.cells)
    created = scene.items_created
    # Rafael Mendes (p30?) aside: move Ada between two occupied cells
    grid.drag(encode_people([("p19", ("t2", "l1"))]), target)
    assert grid.doc.org.people["p19"].team == "t2"
    assert scene.items_created == created
    assert all(scene.cells[c] is item for c, item in before.items())


def test_drop_on_a_sticky_team_header_after_scrolling(grid) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    from orgeditor.ui.grid.sticky import STRIP_H, strips_shown

    view, org = grid.view, grid.doc.org
    view.resize(700, 400)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    assert strips_shown(view) == (True, True)
    image = view.grab().toImage()
    assert not image.isNull()
    lay = view.matrix.layout
    i = lay.column_of(None)  # the "No team" column, at the far right
    x = view.mapFromScene(lay.col_x[i] + 20, 0).x()
    hit = view.hit_at(QPoint(x, STRIP_H // 2))
    assert hit.area == "column" and hit.team is None
    accepted, dropped = grid.drag(encode_people([("p41", ("t5", "l2"))]), QPoint(x, STRIP_H // 2))
    assert accepted and dropped
    assert org.people["p41"].team is None
    assert [(p.team, p.pipeline) for p in org.placements("p41")] == [(None, "l2")]
