"""No stale paint: after opening another file, reordering columns or rows, or scrolling under
the sticky headers, the grid looks exactly like a freshly built one in the same state."""

from __future__ import annotations

from PySide6.QtGui import QImage

from orgeditor.document import Document
from orgeditor.samples import synthetic_org
from tests.ui.conftest import make_grid


def _image(view) -> QImage:  # type: ignore[no-untyped-def]
    return view.viewport().grab().toImage()


def _same_as_fresh(qtbot, grid) -> None:  # type: ignore[no-untyped-def]
    fresh = make_grid(qtbot, grid.doc)
    view, other = grid.view, fresh.view
    other.resize(view.size())
    other.set_zoom(view.zoom, density=view.density)
    other.horizontalScrollBar().setValue(view.horizontalScrollBar().value())
    other.verticalScrollBar().setValue(view.verticalScrollBar().value())
    grid.selection.clear()
    a, b = _image(view), _image(other)
    assert a.size() == b.size()
    if a != b:
        diff = sum(
            1
            for y in range(0, a.height(), 4)
            for x in range(0, a.width(), 4)
            if a.pixel(x, y) != b.pixel(x, y)
        )
        a.save("/tmp/stale-live.png")
        b.save("/tmp/stale-fresh.png")
        raise AssertionError(f"{diff} sampled pixels differ (see /tmp/stale-*.png)")


def test_opening_another_file_leaves_nothing_behind(grid, qtbot) -> None:  # type: ignore[no-untyped-def]
    grid.view.verticalScrollBar().setValue(200)
    grid.bridge.set_document(Document(synthetic_org(60, seed=0)))
    grid.doc = grid.bridge.document
    _same_as_fresh(qtbot, grid)


def test_reordering_columns_and_rows_repaints_everything(grid, qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = grid.doc
    doc.move_entity("team", doc.org.team_order[0], 3)
    doc.move_entity("pipeline", doc.org.pipeline_order[-1], 0)
    _same_as_fresh(qtbot, grid)


def test_scrolling_under_the_sticky_headers(grid, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = grid.view
    for v in (120, 400, 260):
        view.verticalScrollBar().setValue(v)
        view.horizontalScrollBar().setValue(v)
        _image(view)
    _same_as_fresh(qtbot, grid)


def test_a_compact_level_after_edits_matches_a_fresh_build(grid, qtbot) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.ui.grid.density import CHIPS

    view, doc = grid.view, grid.doc
    view.set_zoom(1.0, density=CHIPS)
    pid = next(iter(doc.org.people))
    doc.rename("person", pid, "A much longer name than anybody had")
    doc.move_entity("team", doc.org.team_order[0], 2)
    _same_as_fresh(qtbot, grid)
