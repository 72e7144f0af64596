"""The incremental scene equals a fresh build after any sequence of edits, undos and redos."""

from __future__ import annotations

import random

import pytest

from orgeditor.document import Document, EditError
from orgeditor.samples import sample_org, sample_path
from orgeditor.ui.grid.layout import GridLayout


def _check(grid) -> None:  # type: ignore[no-untyped-def]
    org = grid.doc.org
    scene = grid.view.matrix
    fresh = GridLayout()
    fresh.set_structure(org.team_order, org.pipeline_order)
    fresh.load({c: len(org.cell_ids(*c)) for c in org.occupied_cells()})
    lay = scene.layout
    assert lay.counts == fresh.counts
    assert (lay.columns, lay.rows) == (fresh.columns, fresh.rows)
    assert (lay.col_x, lay.col_w, lay.row_y, lay.row_h) == (
        fresh.col_x,
        fresh.col_w,
        fresh.row_y,
        fresh.row_h,
    )
    # items are made as paints show their cells: those made so far sit where a fresh
    # layout puts them; then the top-left quarter is "painted" (the rest stays lazy)
    assert set(scene.cells) <= set(fresh.counts)
    from PySide6.QtCore import QRectF

    scene.materialize(QRectF(0, 0, lay.width / 2, lay.height / 2))
    quarter = fresh.cells_in((0, 0, lay.width / 2, lay.height / 2))
    assert set(quarter) <= set(scene.cells)
    for cell, item in scene.cells.items():
        x, y, _w, _h = fresh.cell_rect(cell)
        assert (item.pos().x(), item.pos().y()) == (x, y)
        assert (item.rect().width(), item.rect().height()) == fresh.content_size(cell)
    assert set(scene.column_headers) == set(fresh.columns)
    assert set(scene.row_headers) == set(fresh.rows)
    for i, t in enumerate(fresh.columns):
        assert scene.column_headers[t].pos().x() == fresh.col_x[i]


@pytest.mark.parametrize("seed", [7, 11, 23, 42])
def test_random_edits_keep_the_scene_exact(grid_for, seed: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    doc = Document(sample_org(), sample_path())
    grid = grid_for(doc)
    org = doc.org
    for step in range(160):
        people = list(org.people)
        teams = [*org.team_order, None]
        pipes = [*org.pipeline_order, None]
        op = rng.choice(
            ["move", "move", "share", "team", "undo", "redo", "add", "remove", "struct", "tl"]
        )
        try:
            if op == "move":
                ps = rng.sample(people, rng.randint(1, 4))
                items = [(p, rng.choice(org.cells_of(p))) for p in ps]
                doc.move_people(items, (rng.choice(teams), rng.choice(pipes)))
            elif op == "share":
                p = rng.choice(people)
                doc.move_people(
                    [(p, org.cells_of(p)[0])],
                    (rng.choice(teams), rng.choice(org.pipeline_order)),
                    copy=True,
                )
            elif op == "team":
                doc.move_to_team(rng.sample(people, 2), rng.choice(teams))
            elif op == "undo":
                doc.undo()
            elif op == "redo":
                doc.redo()
            elif op == "add":
                doc.add_person(f"New {step}", team=rng.choice(teams), pipeline=rng.choice(pipes))
            elif op == "remove":
                doc.remove_people(rng.sample(people, 1))
            elif op == "struct":
                choice = rng.random()
                if choice < 0.3:
                    doc.add_team(f"Team {step}", index=rng.randint(0, len(org.team_order)))
                elif choice < 0.5:
                    doc.add_pipeline(f"Pipe {step}", index=0)
                elif choice < 0.7 and len(org.team_order) > 2:
                    doc.remove_team(rng.choice(org.team_order))
                elif choice < 0.8 and len(org.pipeline_order) > 2:
                    doc.remove_pipeline(rng.choice(org.pipeline_order))
                else:
                    doc.move_entity("team", rng.choice(org.team_order), rng.randint(0, 5))
            else:
                doc.set_tech_lead("team", rng.choice(org.team_order), rng.choice(people))
        except EditError:
            pass
        print(step, op, doc.undo_label)  # shown when the check fails
        _check(grid)


@pytest.mark.parametrize("seed", [5, 19])
def test_random_edits_at_a_compact_level_match_a_fresh_scene(grid_for, seed: int) -> None:  # type: ignore[no-untyped-def]
    """At name cards, columns are as wide as their longest name: moves and renames resize
    them incrementally, exactly as a fresh build measures them."""
    from orgeditor.io.orgfile import from_data, to_data
    from orgeditor.ui.bridge import DocumentBridge
    from orgeditor.ui.grid.density import NAMES
    from orgeditor.ui.grid.scene import MatrixScene

    rng = random.Random(seed)
    doc = Document(sample_org(), sample_path())
    grid = grid_for(doc)
    grid.view.set_zoom(0.9, density=NAMES)
    scene, org = grid.view.matrix, doc.org
    for step in range(80):
        people = list(org.people)
        teams = [*org.team_order, None]
        pipes = [*org.pipeline_order, None]
        op = rng.choice(["move", "rename", "rename_team", "rename_pipe", "undo", "redo", "add"])
        try:
            if op == "move":
                ps = rng.sample(people, rng.randint(1, 3))
                items = [(p, rng.choice(org.cells_of(p))) for p in ps]
                doc.move_people(items, (rng.choice(teams), rng.choice(pipes)))
            elif op == "rename":
                long = "W" * rng.randint(1, 40)
                doc.rename("person", rng.choice(people), f"Name {long}")
            elif op == "rename_team":
                doc.rename("team", rng.choice(org.team_order), "T" + "M" * rng.randint(0, 50))
            elif op == "rename_pipe":
                doc.rename("pipeline", rng.choice(org.pipeline_order), "P" * rng.randint(1, 60))
            elif op == "undo":
                doc.undo()
            elif op == "redo":
                doc.redo()
            else:
                doc.add_person(f"New {step}", team=rng.choice(teams), pipeline=rng.choice(pipes))
        except EditError:
            pass
        grid.painted()
        fresh = MatrixScene(DocumentBridge(Document(from_data(to_data(org)))))  # a copy
        fresh.set_density(NAMES)
        a, b = scene.layout, fresh.layout
        assert (a.row_header_w, a.col_x, a.col_w, a.row_y, a.row_h) == (
            b.row_header_w,
            b.col_x,
            b.col_w,
            b.row_y,
            b.row_h,
        ), (step, op)
        for cell, item in scene.cells.items():
            x, y, _w, _h = b.cell_rect(cell)
            assert (item.pos().x(), item.pos().y()) == (x, y), (step, op, cell)
            assert (item.rect().width(), item.rect().height()) == b.content_size(cell)
        for i, t in enumerate(b.columns):
            h = scene.column_headers[t]
            assert (h.pos().x(), h.rect().width()) == (b.col_x[i], b.col_w[i]), (step, op, t)
