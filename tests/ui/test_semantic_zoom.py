"""Semantic zoom: the whole matrix on one screen with names readable; the targets of issue 11
in the default window layout (docks included)."""

from __future__ import annotations

import pytest

from orgeditor.document import Document
from orgeditor.samples import sample_org, synthetic_org
from orgeditor.ui.grid.density import CHIPS, FULL, NAMES
from orgeditor.ui.grid.items import header_margin, name_metrics, style, title_width
from orgeditor.ui.grid.zoom import readable


def _shown(make_window, qtbot, org, size):  # type: ignore[no-untyped-def]
    w = make_window(Document(org), autosave=False)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    return w


def _whole(view) -> bool:  # type: ignore[no-untyped-def]
    seen = view.mapToScene(view.viewport().rect()).boundingRect().adjusted(-1, -1, 1, 1)
    lay = view.matrix.layout
    return seen.contains(0, 0) and seen.contains(lay.width, lay.height)


@pytest.mark.parametrize(
    ("org", "size"),
    [
        (sample_org, (1600, 1000)),
        (lambda: synthetic_org(60, seed=0), (1600, 1000)),
        (lambda: synthetic_org(150, seed=0), (1920, 1200)),
    ],
    ids=["sample-1600x1000", "60-1600x1000", "150-1920x1200"],
)
def test_fit_to_window_shows_the_whole_matrix_with_names(make_window, qtbot, org, size) -> None:  # type: ignore[no-untyped-def]
    w = _shown(make_window, qtbot, org(), size)
    view = w.view
    view.zoom_fit()
    assert _whole(view)
    assert readable(view.density, view.zoom), (view.density.key, view.zoom)
    assert view.density is not FULL
    # no header elides its name: every column is as wide as its title needs
    d = view.density
    lay = view.matrix.layout
    for i, team in enumerate(lay.columns):
        name = w.document.org.teams[team].name if team else "No team"
        assert title_width(d, name) + header_margin(d) <= lay.col_w[i] + 0.5, name


def test_150_people_whole_and_readable_on_1920x1200(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 11.3: ``orgeditor sample --size 150 --seed 0`` in the default window layout
    (docks included) on 1920x1200, after Fit to Window: every name at least 9 px high on
    screen, every card inside the viewport, every name and header title whole."""
    from PySide6.QtCore import QRectF

    w = _shown(make_window, qtbot, synthetic_org(150, seed=0), (1920, 1200))
    view = w.view
    view.zoom_fit()
    d = view.density
    lay = view.matrix.layout
    st = style()
    fonts = {"chips": (st.chip_name, st.chip_header), "names": (st.names_name, st.names_header)}
    for font in fonts[d.key]:
        assert font.pixelSize() * view.zoom >= 9.0 - 1e-6, (d.key, font.pixelSize(), view.zoom)
    vp = QRectF(view.viewport().rect())
    fm = name_metrics(d)
    org = w.document.org
    cards = 0
    for cell in lay.counts:
        ids = org.cell_ids(*cell)
        for i, pid in enumerate(ids):
            x, y, cw, ch = lay.card_rect(cell, i)
            on_screen = view.mapFromScene(QRectF(x, y, cw, ch)).boundingRect()
            assert vp.contains(QRectF(on_screen)), (org.people[pid].name, on_screen, vp)
            name = org.people[pid].name or "Open position"
            assert fm.horizontalAdvance(name) <= cw - 7, name  # painted whole, not elided
            cards += 1
    assert cards == sum(len(org.cells_of(p)) for p in org.people)


def test_the_window_opens_fitted_when_names_stay_readable(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = _shown(make_window, qtbot, sample_org(), (1600, 1000))
    assert _whole(w.view) and readable(w.view.density, w.view.zoom)


def test_zooming_out_drops_detail_before_names_get_small(grid) -> None:  # type: ignore[no-untyped-def]
    view = grid.view
    assert view.density is FULL and view.zoom == 1.0
    seen = []
    for _ in range(12):
        view.zoom_out()
        seen.append(view.density)
        if view.density is not CHIPS:
            assert readable(view.density, view.zoom), (view.density.key, view.zoom)
    assert seen.index(NAMES) < seen.index(CHIPS)
    for _ in range(24):
        view.zoom_in()
    assert view.density is FULL
    view.zoom_reset()
    assert (view.density, view.zoom) == (FULL, 1.0)


def test_clicks_hit_cards_at_every_level(grid) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    view = grid.view
    for density, zoom in ((NAMES, 0.9), (CHIPS, 1.0), (FULL, 1.0)):
        view.set_zoom(zoom, density=density)
        view.scroll_home()  # (a card under a sticky header strip would hit the strip)
        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=grid.card_point("p19", ("t2", "l1"))
        )
        assert grid.selection.people == ["p19"], density.key
        grid.selection.clear()


def test_the_zoom_state_is_an_object_the_view_holds() -> None:
    """Zoom owns the factor and the level choice, without a widget (issue 10.11)."""
    from orgeditor.ui.grid.layout import GridLayout
    from orgeditor.ui.grid.view import MatrixView
    from orgeditor.ui.grid.zoom import Zoom

    assert not issubclass(MatrixView, Zoom)
    lay = GridLayout()
    lay.set_structure([f"t{i}" for i in range(8)], ["l1", "l2"])
    lay.load({(f"t{i}", p): 9 for i in range(8) for p in ("l1", "l2")})
    z = Zoom(lambda: lay)
    assert z.reset() == (FULL, 1.0)
    # zooming out far enough at full size picks a compact level with readable names
    density, factor = z.choose(0.5)
    assert density is not FULL and readable(density, factor)
    lay.set_density(density)
    z.set(factor)
    # a step in from there goes back to full cards only once they are readable
    d2, f2 = z.zoom_in()
    assert readable(d2, f2)
    w, h = lay.size_at(CHIPS)
    d3, f3 = z.fit_choice(w * 0.5, h * 0.5)
    assert d3 is CHIPS and f3 < 1.0
