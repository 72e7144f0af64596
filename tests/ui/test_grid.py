"""The matrix canvas: building from the org, selection, keyboard, rename, undo, scale."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from orgeditor.document import Document
from orgeditor.samples import synthetic_org


def test_sample_opens_with_every_person_visible(grid) -> None:  # type: ignore[no-untyped-def]
    org = grid.doc.org
    scene = grid.view.matrix
    assert set(scene.layout.counts) == set(org.occupied_cells())
    assert set(scene.column_headers) == {*org.team_order, None}
    assert set(scene.row_headers) == {*org.pipeline_order, None}
    on_grid = {p for c in scene.layout.counts for p in org.cell_ids(*c)}
    assert on_grid == set(org.people)
    image = grid.view.grab().toImage()
    # the cells in view have their items, made by the paint
    seen = grid.view.mapToScene(grid.view.viewport().rect()).boundingRect()
    shown = set(scene.layout.cells_in((seen.x(), seen.y(), seen.width(), seen.height())))
    assert shown and shown <= set(scene.cells) <= set(org.occupied_cells())
    assert not image.isNull()
    # the first card was painted: several colours along a line through it
    centre = grid.card_point("p10", ("t1", None))
    xs = range(centre.x() - 80, centre.x() + 80, 2)
    assert len({image.pixel(x, centre.y() - 8) for x in xs}) > 3


def test_click_ctrl_click_and_rubber_band(grid) -> None:  # type: ignore[no-untyped-def]
    vp = grid.view.viewport()
    sel = grid.selection
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, pos=grid.card_point("p19", ("t2", "l1")))
    assert sel.people == ["p19"]
    QTest.mouseClick(
        vp,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        grid.card_point("p22", ("t2", "l1")),
    )
    assert sel.people == ["p19", "p22"]
    assert grid.view.matrix.selected == {"p19", "p22"}
    # rubber band over the Modeling x Feed ranking cell selects its three cards
    lay = grid.view.matrix.layout
    x, y, w, h = lay.cell_rect(("t2", "l1"))
    from PySide6.QtCore import QPointF, QRect

    grid.view._on_band(QRect(0, 0, 10, 10), QPointF(x + 1, y + 1), QPointF(x + w - 1, y + h - 1))
    assert set(sel.people) == {"p18", "p19", "p22"}
    # clicking empty space clears
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, pos=grid.cell_point(("t4", "l5")))
    assert sel.people == []


def test_arrow_keys_navigate_and_alt_arrow_moves(grid) -> None:  # type: ignore[no-untyped-def]
    view, sel, org = grid.view, grid.selection, grid.doc.org
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=grid.card_point("p18", ("t2", "l1"))
    )
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert sel.people == ["p19"]
    QTest.keyClick(view, Qt.Key.Key_Right)  # next occupied cell to the right: ML Infrastructure
    assert sel.people and sel.people[0] in org.cell_ids("t3", "l1")
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert sel.people[0] in org.cell_ids("t2", "l1")
    who = sel.people[0]
    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert ("t2", "l2") in org.cells_of(who)
    assert grid.doc.undo_label.startswith("Move")


def test_alt_arrow_after_the_current_cards_team_is_deleted(grid) -> None:  # type: ignore[no-untyped-def]
    """Found by the soak: Alt+arrow with the current card in a team deleted meanwhile raised
    KeyError from the layout."""
    view, doc = grid.view, grid.doc
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=grid.card_point("p18", ("t2", "l1"))
    )
    assert view.matrix.current is not None and view.matrix.current[1] == ("t2", "l1")
    doc.remove_team("t2")
    before = doc.undo_label
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # nothing to move
    assert doc.undo_label == before


def test_rename_in_place_and_undo_redo_repaint(grid) -> None:  # type: ignore[no-untyped-def]
    view, doc = grid.view, grid.doc
    grid.selection.set_people(["p19"])
    view.start_rename_selected()
    editor = view.editor
    assert editor is not None and editor.text() == "Ada Lovelace-Park"
    editor.setText("Ada King")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert doc.org.people["p19"].name == "Ada King"
    assert view.editor is None
    doc.undo()
    assert doc.org.people["p19"].name == "Ada Lovelace-Park"
    doc.redo()
    assert doc.org.people["p19"].name == "Ada King"
    # Escape cancels
    view.start_rename_selected()
    assert view.editor is not None
    QTest.keyClick(view.editor, Qt.Key.Key_Escape)
    assert doc.org.people["p19"].name == "Ada King"


def test_double_click_a_header_renames_it(grid) -> None:  # type: ignore[no-untyped-def]
    lay = grid.view.matrix.layout
    x = lay.column_header_rect(lay.column_of("t4"))[0]
    QTest.mouseDClick(grid.view.viewport(), Qt.MouseButton.LeftButton, pos=grid.point(x + 40, 20))
    editor = grid.view.editor
    assert editor is not None and editor.text() == "Tooling"
    editor.setText("Tools")
    QTest.keyClick(editor, Qt.Key.Key_Enter)
    assert grid.doc.org.teams["t4"].name == "Tools"


def test_undo_redo_of_a_move_updates_the_cells(grid) -> None:  # type: ignore[no-untyped-def]
    doc, scene = grid.doc, grid.view.matrix
    assert ("t3", "l5") not in scene.cells
    doc.move_people([("p36", ("t4", "l3"))], ("t3", "l5"))
    assert grid.shows_item(("t3", "l5")) and ("t4", "l3") not in scene.cells
    doc.undo()
    assert ("t3", "l5") not in scene.cells and grid.shows_item(("t4", "l3"))
    doc.redo()
    assert grid.shows_item(("t3", "l5"))


def test_delete_selected_people_and_team(grid) -> None:  # type: ignore[no-untyped-def]
    doc, view = grid.doc, grid.view
    grid.selection.set_people(["p22", "p23"])
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert "p22" not in doc.org.people and "p23" not in doc.org.people
    assert grid.selection.people == []
    grid.selection.set_entity("pipeline", "l5")
    view.delete_selected()
    assert "l5" not in doc.org.pipelines
    assert "l5" not in view.matrix.row_headers
    doc.undo()
    assert "l5" in view.matrix.row_headers


def test_structure_edits_add_and_remove_headers(grid) -> None:  # type: ignore[no-untyped-def]
    doc, scene = grid.doc, grid.view.matrix
    t = doc.add_team("Evaluation", kind="evaluation", index=1)
    assert scene.layout.columns[1] == t and t in scene.column_headers
    x = scene.layout.col_x[2]
    assert scene.column_headers["t2"].pos().x() == x
    p = doc.add_person("Eve", team=t, pipeline="l1")
    assert p in doc.org.cell_ids(t, "l1") and grid.shows_item((t, "l1"))
    doc.undo()
    doc.undo()
    assert t not in scene.column_headers and scene.layout.columns[1] == "t2"


def test_public_view_api(grid) -> None:  # type: ignore[no-untyped-def]
    view = grid.view
    zooms: list[float] = []
    messages: list[str] = []
    view.zoomChanged.connect(zooms.append)
    view.statusMessage.connect(messages.append)
    view.zoom_in()
    view.zoom_out()
    view.zoom_reset()
    assert zooms[-1] == pytest.approx(1.0)
    view.zoom_fit()
    assert 0 < zooms[-1] <= 1.0
    for mode in ("role", "level", "kind"):
        view.set_colour_mode(mode)
        assert not view.grab().isNull()
    with pytest.raises(ValueError):
        view.set_colour_mode("rainbow")
    view.select_all()
    assert len(grid.selection.people) == len(grid.doc.org.people)
    view.focus_person("p30")
    assert grid.selection.people == ["p30"]
    view.set_show_lines(True)
    assert not view.matrix._solid_lines.path().isEmpty()
    view.set_show_dotted(True)
    view.highlight([("person", "p12"), ("team", "t3")])
    assert grid.selection.people == ["p12"] and grid.selection.entity == ("team", "t3")
    assert not view.matrix._dotted_lines.path().isEmpty()  # Amara has a dotted line

    from orgeditor.model.rules.base import Finding, Subject

    view.set_findings(
        [
            Finding(
                "r", "warning", "m", (Subject("person", "p30", ""), Subject("pipeline", "l5", ""))
            ),
            Finding("r", "error", "m", (Subject("person", "p30", ""),)),
        ]
    )
    assert view.matrix.findings == {("person", "p30"): "error", ("pipeline", "l5"): "warning"}
    assert not view.grab().isNull()
    # an edit that cannot be made becomes a message
    view.run(grid.doc.set_manager, "p30", "p30")
    assert messages and "own manager" in messages[-1]


def test_context_menus_build_for_every_area(grid) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.ui.grid.menus import context_menu

    lay = grid.view.matrix.layout
    grid.selection.set_people(["p19", "p22"])
    for x, y in [
        (lay.card_rect(("t2", "l1"), 1)[0] + 5, lay.card_rect(("t2", "l1"), 1)[1] + 5),
        (lay.cell_rect(("t4", "l5"))[0] + 5, lay.cell_rect(("t4", "l5"))[1] + 5),
        (lay.col_x[1] + 5, 10),
        (10, lay.row_y[2] + 5),
        (5, 5),
    ]:
        hit = lay.hit(x, y)
        pid = grid.view._person_at(hit)
        menu = context_menu(grid.view, hit, pid)
        assert menu is not None and not menu.isEmpty()
    # run one card action: make Ada (p19) tech lead of the Modeling team
    hit = lay.hit(lay.card_rect(("t2", "l1"), 1)[0] + 5, lay.card_rect(("t2", "l1"), 1)[1] + 5)
    menu = context_menu(grid.view, hit, "p19")
    action = next(a for a in menu.actions() if a.text().startswith("Make tech lead of team"))
    action.trigger()
    assert grid.doc.org.teams["t2"].tech_lead == "p19"
    assert "p19" in grid.view.matrix.tech_leads


@pytest.mark.slow
def test_a_20000_person_org_opens(grid_for) -> None:  # type: ignore[no-untyped-def]
    doc = Document(synthetic_org(20000, 0))
    g = grid_for(doc)
    scene = g.view.matrix
    assert not g.view.grab().isNull()
    assert 0 < len(scene.cells) < len(list(doc.org.occupied_cells())) / 10
    g.view.zoom_fit()
    assert scene.overview.isVisible()
    assert not g.view.grab().isNull()
    created = scene.items_created
    pid = next(iter(doc.org.people))
    cell = doc.org.cells_of(pid)[0]
    doc.move_people([(pid, cell)], (doc.org.team_order[5], doc.org.pipeline_order[0]))
    assert scene.items_created - created <= 1
    g.view.zoom_reset()
    assert not scene.overview.isVisible()


def test_tooltips_name_the_card_and_headers(grid) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.ui.grid.tooltips import card_tooltip

    lay, view, org = grid.view.matrix.layout, grid.view, grid.doc.org
    rafael = org.find_person("Rafael Mendes").id
    cell = org.cells_of(rafael)[0]
    x, y, _w, _h = lay.card_rect(cell, org.cell_ids(*cell).index(rafael))
    text = card_tooltip(org, lay.hit(x + 5, y + 5), view._person_at)
    assert "Rafael Mendes" in text and "Feed ranking 60%" in text
    text = card_tooltip(org, lay.hit(lay.col_x[0] + 5, 10), view._person_at)
    assert "Data Operations" in text and "Manager: Grace Okafor" in text
    assert card_tooltip(org, lay.hit(5, 5), view._person_at) == ""


def test_dragging_near_an_edge_scrolls(grid) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    view = grid.view
    view.resize(500, 300)
    bar = view.horizontalScrollBar()
    before = bar.value()
    view._track_drag(QPoint(view.viewport().width() - 5, 150))
    view._autoscroll()
    view._track_drag(None)
    assert bar.value() > before


def test_selecting_elsewhere_brings_the_card_into_view(grid) -> None:  # type: ignore[no-untyped-def]
    view, org = grid.view, grid.doc.org
    view.resize(500, 300)
    view.clearFocus()
    view.scroll_home()
    far = org.cell_ids("t5", "l5")[0]  # an open position in Deployment x Speech recognition
    grid.selection.set_people([far])
    rect = view.matrix.card_scene_rect(far)
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(rect)


def test_deleting_a_team_with_people_then_zooming_out(grid) -> None:  # type: ignore[no-untyped-def]
    doc, view = grid.doc, grid.view
    doc.remove_team("t4")  # Tooling: its people move to the "No team" column
    scene = view.matrix
    assert "t4" not in scene.column_headers
    assert all(c[0] != "t4" for c in scene.cells) and all(c[0] != "t4" for c in scene.layout.counts)
    scene.materialize()
    assert set(scene.cells) == set(doc.org.occupied_cells())
    view.set_zoom(0.02)  # far out: the overview
    assert scene.overview.isVisible() and not view.grab().isNull()
    doc.undo()
    assert set(scene.cells) <= set(doc.org.occupied_cells())
    scene.materialize()
    assert set(scene.cells) == set(doc.org.occupied_cells())
    assert "t4" in scene.column_headers


def test_cached_items_repaint_after_view_state_changes(grid) -> None:  # type: ignore[no-untyped-def]
    """Cells keep a pixmap cache: colour mode, findings and tech leads must refresh it."""
    view, doc = grid.view, grid.doc
    centre = grid.card_point("p20", ("t2", "l2"))  # Tariq Singh, tech lead of Fraud scoring
    y = centre.y() - 10

    def row() -> list[int]:
        image = view.grab().toImage()
        return [image.pixel(x, y) for x in range(centre.x() - 80, centre.x() + 80, 3)]

    before = row()
    view.set_colour_mode("level")
    assert row() != before
    view.set_colour_mode("kind")
    assert row() == before
    doc.set_tech_lead("pipeline", "l2", None)  # the TL badge goes away
    assert row() != before
    doc.undo()
    assert row() == before


def test_first_zoom_shows_a_small_org_whole(grid_for) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.samples import sample_org
    from orgeditor.ui.grid.zoom import readable

    g = grid_for(Document(sample_org()))  # 1400x900: the sample fits, its names readable
    g.view.zoom_to_suit()
    assert readable(g.view.density, g.view.zoom)
    assert g.view.density.key != "full"  # cards dropped their titles to fit
    rect = g.view.matrix.sceneRect()
    assert g.view.mapToScene(g.view.viewport().rect()).boundingRect().contains(rect)
    empty = grid_for(Document())
    assert not empty.view.grab().isNull()  # paints the "empty org" hint
