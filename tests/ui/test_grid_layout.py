"""The grid's pure geometry (no Qt) and keyboard neighbours."""

from __future__ import annotations

from orgeditor.samples import sample_org
from orgeditor.ui.grid.density import CARD_H, CARD_W, COL_HEADER_H, ROW_HEADER_W, per_row_for
from orgeditor.ui.grid.layout import GridLayout
from orgeditor.ui.grid.navigation import neighbour


def _layout() -> GridLayout:
    lay = GridLayout()
    lay.set_structure(["a", "b", "c"], ["x", "y"])
    lay.load({("a", "x"): 2, ("b", None): 1, ("c", "y"): 9})
    return lay


def test_columns_rows_and_extra_lines() -> None:
    lay = _layout()
    assert lay.columns == ["a", "b", "c", None]
    assert lay.rows == [None, "x", "y"]
    assert lay.col_x[0] == ROW_HEADER_W and lay.row_y[0] == COL_HEADER_H
    assert (
        per_row_for(3) == 1
        and per_row_for(9) == 3
        and per_row_for(1200) == 100
        and per_row_for(100_000) == 128
    )
    assert lay.per_row["c"] == 3
    assert lay.col_w[2] > lay.col_w[0]
    # the tallest cell sets the row height
    assert lay.row_h[2] > lay.row_h[1]


def test_incremental_update_reports_only_what_moved() -> None:
    lay = _layout()
    before_x = list(lay.col_x)
    cols, rows = lay.update_cells({("a", "x"): 3})  # still one card per line, one more line
    assert cols == set()
    assert rows == {1, 2}  # row x grew: x and every row below it moved
    assert lay.col_x == before_x
    cols, rows = lay.update_cells({("a", "x"): 5})  # now two cards per line: column a widens
    assert 0 in cols and cols == {0, 1, 2, 3}
    cols, rows = lay.update_cells({("b", None): 0})
    assert ("b", None) not in lay.counts


def test_hit_testing() -> None:
    lay = _layout()
    x, y, _w, _h = lay.card_rect(("c", "y"), 4)
    hit = lay.hit(x + CARD_W / 2, y + CARD_H / 2)
    assert (hit.area, hit.cell, hit.index) == ("card", ("c", "y"), 4)
    assert lay.hit(x + CARD_W + 2, y + 2).area in ("cell", "card")
    assert lay.hit(lay.col_x[1] + 5, 10).area == "column"
    assert lay.hit(lay.col_x[1] + 5, 10).team == "b"
    assert lay.hit(10, lay.row_y[2] + 5).pipeline == "y"
    assert lay.hit(5, 5).area == "corner"
    assert lay.hit(lay.width + 50, 200).area == "outside"
    # a slot past the last card is the cell, not a card
    x, y, _w, _h = lay.card_rect(("a", "x"), 1)
    assert lay.hit(x + 5, y + CARD_H + 20).area == "cell"


def test_cards_in_rect_and_insertion_index() -> None:
    lay = _layout()
    x, y, w, h = lay.cell_rect(("c", "y"))
    assert len(lay.cards_in((x, y, w, h))) == 9
    assert lay.cards_in((0, 0, 10, 10)) == []
    assert lay.insertion_index("team", lay.col_x[0] + 1) == 0
    assert lay.insertion_index("team", lay.col_x[2] + lay.col_w[2] - 1) == 3
    assert lay.insertion_index("pipeline", lay.row_y[2] + lay.row_h[2] - 1) == 2


def test_neighbours_on_the_sample() -> None:
    org = sample_org()
    lay = GridLayout()
    lay.set_structure(org.team_order, org.pipeline_order)
    lay.load({c: len(org.cell_ids(*c)) for c in org.occupied_cells()})
    assert neighbour(lay, org, "p18", ("t2", "l1"), 0, 1) == ("p19", ("t2", "l1"))
    assert neighbour(lay, org, "p18", ("t2", "l1"), 0, -1) == ("p17", ("t2", None))
    right = neighbour(lay, org, "p18", ("t2", "l1"), 1, 0)
    assert right is not None and right[1] == ("t3", "l1")
    assert neighbour(lay, org, "p11", ("t1", "l1"), -1, 0) is None


#: the longest name's width in each column, as the fake measurer below reports it
_NAME_PX = {"a": 20.0, "b": 20.0, "c": 400.0}


def _measured_layout(names: dict[str, float] | None = None):  # type: ignore[no-untyped-def]
    """A layout whose measurer records its calls and makes column "c"'s names long."""
    lay = _layout()
    calls: list[tuple[str, object]] = []
    px = dict(_NAME_PX) if names is None else names

    def measure(d, teams) -> None:  # type: ignore[no-untyped-def]
        calls.append((d.key, None if teams is None else sorted(teams, key=str)))
        if d.key == "full":
            return
        widths = lay.name_widths.setdefault(d.key, {})
        for t in teams if teams is not None else ["a", "b", "c"]:
            widths[t] = px[t]
        lay.header_widths.setdefault(d.key, {})
        lay.row_header_widths[d.key] = 0.0

    lay.measurer = measure
    lay.widths_changed(None)
    return lay, calls


def test_names_are_measured_per_level_when_it_is_first_laid_out() -> None:
    from orgeditor.ui.grid.density import CHIPS, FULL, NAMES

    lay, calls = _measured_layout()
    lay.set_structure(["a", "b", "c"], ["x", "y"])  # lays out the full level only
    assert {k for k, _ in calls} == {"full"}
    calls.clear()
    full = (lay.width, lay.height)
    names = lay.size_at(NAMES)
    assert calls == [("names", None)] and (lay.width, lay.height) == full  # put back
    assert lay.size_at(NAMES) == names and calls == [("names", None)]  # kept until a change
    # a bound measures nothing and never exceeds the measured size
    bound = lay.size_bound(CHIPS)
    assert ("chips", None) not in calls
    chips = lay.size_at(CHIPS)
    assert bound[0] <= chips[0] and bound[1] <= chips[1]
    # switching to a level measured for size_at reuses it, and gives the same geometry
    lay.set_density(NAMES)
    assert (lay.width, lay.height) == names
    fresh, _ = _measured_layout()
    fresh.set_density(NAMES)
    assert (lay.col_x, lay.col_w, lay.row_y, lay.row_h) == (
        fresh.col_x,
        fresh.col_w,
        fresh.row_y,
        fresh.row_h,
    )
    # a change to some names measures only those teams, for the level in use
    calls.clear()
    lay.widths_changed({"a"})
    lay.update_cells({("a", "x"): 3})
    assert calls == [("names", ["a"])]
    lay.set_density(FULL)
    lay.set_density(CHIPS)  # measured before, but "a" changed since
    assert ("chips", ["a"]) in calls


def test_a_renamed_column_widens_at_the_next_update_even_if_its_counts_stay() -> None:
    from orgeditor.ui.grid.density import NAMES

    names = dict(_NAME_PX)
    lay, _calls = _measured_layout(names)
    lay.set_density(NAMES)
    i = lay.column_of("a")
    narrow = lay.col_w[i]
    names["a"] = 240.0  # someone in column "a" got a long name
    lay.widths_changed({"a"})
    changed_cols, _rows = lay.update_cells({("b", None): 2})  # an edit elsewhere
    assert lay.col_w[i] > narrow and i in changed_cols
    fresh, _ = _measured_layout(names)
    fresh.load(dict(lay.counts))
    fresh.set_density(NAMES)
    assert (lay.col_x, lay.col_w) == (fresh.col_x, fresh.col_w)
