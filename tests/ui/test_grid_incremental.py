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
