"""Cell items are made lazily, as paints show their cells (issue 18): a large org opens with
items for what is on screen only, and everything else still works for cells never shown."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from orgeditor.document import Document
from orgeditor.samples import synthetic_org


def _seen(view) -> QRectF:  # type: ignore[no-untyped-def]
    return view.mapToScene(view.viewport().rect()).boundingRect()


def _far_person(doc: Document):  # type: ignore[no-untyped-def]
    """A person with one card, in a cell of the last rows (far from the top-left corner)."""
    org = doc.org
    lay_cells = sorted(org.occupied_cells(), key=lambda c: (c[1] is None, c[1] or "", c[0] or ""))
    for cell in reversed(lay_cells):
        if cell[0] is not None and cell[1] is not None:
            for pid in org.cell_ids(*cell):
                if org.cells_of(pid) == [cell]:  # on this card only
                    return pid, cell
    raise AssertionError("no placed person")


def _far_grid(grid_for):  # type: ignore[no-untyped-def]
    """A shown grid at 5,000 people, and a person whose only cell it never painted."""
    doc = Document(synthetic_org(5000, seed=3))
    g = grid_for(doc)
    pid, cell = _far_person(doc)
    assert cell not in g.view.matrix.cells
    return g, doc, pid, cell


def _painted_colours(view, x: int, y: int) -> int:  # type: ignore[no-untyped-def]
    image = view.viewport().grab().toImage()
    return len({image.pixel(min(max(0, x + dx), image.width() - 1), y) for dx in range(-60, 60, 2)})


def test_a_5000_person_scene_makes_items_only_for_what_is_shown(grid_for) -> None:  # type: ignore[no-untyped-def]
    doc = Document(synthetic_org(5000, seed=3))
    g = grid_for(doc)
    scene, view = g.view.matrix, g.view
    total = len(scene.layout.counts)
    # the fixture opened it (possibly at a fitted level), then went to 100 % at the corner:
    # build afresh at 100 % to count what one paint at the corner makes
    scene.rebuild()
    g.painted()
    seen = _seen(view)
    shown = set(scene.layout.cells_in((seen.x(), seen.y(), seen.width(), seen.height())))
    assert shown and set(scene.cells) == shown
    assert len(scene.cells) < total / 20
    assert scene.items_created >= len(shown)


def test_lazily_made_items_appear_when_scrolled_to(grid_for) -> None:  # type: ignore[no-untyped-def]
    g, _doc, _pid, cell = _far_grid(grid_for)
    scene, view = g.view.matrix, g.view
    # scroll there as a user would (scroll bars), then the paint makes the item
    x, y, w, h = scene.layout.card_rect(cell, 0)
    view.centerOn(x + w / 2, y + h / 2)
    QApplication.processEvents()
    g.painted()
    assert cell in scene.cells
    item = scene.cells[cell]
    assert (item.pos().x(), item.pos().y()) == scene.layout.cell_rect(cell)[:2]
    p = view.mapFromScene(x + w / 2, y + h / 2)
    assert _painted_colours(view, p.x(), p.y() - 6) > 3  # the card is drawn, not blank
    # and the cells on the way were not all made
    assert len(scene.cells) < len(scene.layout.counts) / 5


def test_select_and_scroll_to_a_person_whose_cell_was_never_shown(grid_for) -> None:  # type: ignore[no-untyped-def]
    g, doc, pid, cell = _far_grid(grid_for)
    scene, view = g.view.matrix, g.view
    view.focus_person(pid)  # what adding a person or Find's pick does
    QApplication.processEvents()
    g.painted()
    assert g.selection.people == [pid] and scene.selected == {pid}
    rect = scene.card_scene_rect(pid, cell)
    assert rect is not None and _seen(view).contains(rect)
    assert cell in scene.cells  # made by the paint that showed it
    # the keyboard works from there: an arrow moves to a neighbouring card, shown and drawn
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Up)
    g.painted()
    assert scene.current is not None and g.selection.people == [scene.current[0]]
    now, at = scene.current
    card = scene.card_scene_rect(now, at)
    assert card is not None and _seen(view).intersects(card) and at in scene.cells
    # a rubber band over the never-painted cell selects its cards through the layout
    far = doc.org.cell_ids(*cell)
    view.scroll_home()
    x, y, w, h = scene.layout.cell_rect(cell)
    from PySide6.QtCore import QPointF, QRect

    view._on_band(QRect(0, 0, 10, 10), QPointF(x + 1, y + 1), QPointF(x + w - 1, y + h - 1))
    assert set(g.selection.people) == set(far)


def test_find_in_the_window_scrolls_to_a_never_shown_card(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = Document(synthetic_org(5000, seed=3))
    w = make_window(doc, autosave=False)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.deferred.run_now()
    view, scene = w.view, w.view.matrix
    view.zoom_reset()
    view.scroll_home()
    QApplication.processEvents()
    pid, cell = _far_person(doc)
    assert cell not in scene.cells
    w.focus_find()
    search = w.people_list.search
    search.setText(doc.org.people[pid].name)
    qtbot.waitUntil(lambda: pid in w.people_list.model.ids, timeout=5000)
    w.selection.set_people([pid])  # the user picks the row
    QApplication.processEvents()
    view.viewport().repaint()
    QApplication.processEvents()
    # the grid scrolled to one of the person's cards (their first cell) and painted it
    shown = [
        c for c in doc.org.cells_of(pid) if _seen(view).intersects(scene.card_scene_rect(pid, c))
    ]
    assert shown and all(c in scene.cells for c in shown)


def test_edits_in_unshown_cells_then_showing_them_match_a_fresh_scene(grid_for) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.ui.bridge import DocumentBridge
    from orgeditor.ui.grid.scene import MatrixScene

    doc = Document(synthetic_org(5000, seed=3))
    g = grid_for(doc)
    scene = g.view.matrix
    org = doc.org
    pid, cell = _far_person(doc)
    teams, pipes = org.team_order, org.pipeline_order
    doc.move_people([(pid, cell)], (teams[-2], pipes[-3]))
    doc.add_team("Late team", kind="research", index=0)  # every column shifts right
    scene.materialize()
    fresh = MatrixScene(DocumentBridge(doc))
    fresh.materialize()
    assert set(scene.cells) == set(fresh.cells)
    for c, item in scene.cells.items():
        other = fresh.cells[c]
        assert item.pos() == other.pos() and item.rect() == other.rect()


def test_rendering_a_never_painted_part_draws_its_cards(grid_for) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QImage, QPainter

    g, _doc, _pid, cell = _far_grid(grid_for)
    scene = g.view.matrix
    x, y, w, h = scene.layout.card_rect(cell, 0)
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    image.fill(QColor("#000000"))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, 400, 200), QRectF(x - 20, y - 20, 400, 200))
    painter.end()
    assert cell in scene.cells
    # the card's box is not the canvas: several colours across it
    assert len({image.pixel(px, 20 + int(h / 2) - 6) for px in range(20, 20 + int(w), 2)}) > 3


def test_a_column_widening_left_of_the_view_brings_in_cells_with_items(grid_for) -> None:  # type: ignore[no-untyped-def]
    doc = Document(synthetic_org(5000, seed=3))
    g = grid_for(doc)
    scene, view = g.view.matrix, g.view
    org, lay = doc.org, scene.layout
    # look at the middle of the "No pipeline" row (a cell in most columns), then crowd a
    # cell of the first column, left of the view
    view.centerOn(lay.width / 2, lay.row_y[0] + 200)
    g.painted()
    first = org.team_order[0]
    movers = [(p, org.cells_of(p)[0]) for p in list(org.people)[-60:]]
    width_before = lay.col_w[0]
    before = set(scene.cells)
    doc.move_people(movers, (first, org.pipeline_order[0]))
    assert lay.col_w[0] > width_before  # every later column moved right
    seen = _seen(view)
    shown = lay.cells_in((seen.x(), seen.y(), seen.width(), seen.height()))
    assert shown and not all(c in before for c in shown)  # cells that were not in view
    assert all(c in scene.cells for c in shown)  # made at once, before a paint
    for c in shown:
        item = scene.cells[c]
        assert (item.pos().x(), item.pos().y()) == lay.cell_rect(c)[:2]
