"""Reporting lines: drawn from the start when View > Show Reporting Lines is ticked, and routed
through the gaps between cards, never across a card."""

from __future__ import annotations

import itertools

from orgeditor.samples import sample_org, synthetic_org
from orgeditor.ui.grid.layout import GridLayout
from orgeditor.ui.grid.routes import route


def _layout(org):  # type: ignore[no-untyped-def]
    lay = GridLayout()
    lay.set_structure(org.team_order, org.pipeline_order)
    lay.load({c: len(org.cell_ids(*c)) for c in org.occupied_cells()})
    return lay


def _crosses(p, q, rect) -> bool:  # type: ignore[no-untyped-def]
    """Does the axis-aligned segment p-q pass through the inside of rect?"""
    x, y, w, h = rect
    x0, x1 = sorted((p[0], q[0]))
    y0, y1 = sorted((p[1], q[1]))
    return x0 < x + w - 0.5 and x1 > x + 0.5 and y0 < y + h - 0.5 and y1 > y + 0.5


def test_routes_never_cross_a_card() -> None:
    for org in (sample_org(), synthetic_org(150, seed=0)):
        lay = _layout(org)
        cards = []
        where = {}
        for cell in lay.counts:
            for i, pid in enumerate(org.cell_ids(*cell)):
                r = lay.card_rect(cell, i)
                cards.append(r)
                where.setdefault(pid, r)
        pairs = 0
        for pid, person in org.people.items():
            if person.manager is None or person.manager not in where or pid not in where:
                continue
            points = route(where[person.manager], where[pid])
            pairs += 1
            for p, q in itertools.pairwise(points):
                assert p[0] == q[0] or p[1] == q[1], points  # orthogonal
                hit = [r for r in cards if _crosses(p, q, r)]
                assert not hit, (pid, points, hit)
        assert pairs > 30


def test_lines_show_at_start_when_the_action_is_ticked(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    assert w.actions_.show_lines.isChecked()
    report = next(p for p in w.document.org.people.values() if p.manager)
    w.selection.set_people([report.id])
    assert not w.view.matrix._solid_lines.path().isEmpty()
    w.actions_.show_lines.setChecked(False)
    assert w.view.matrix._solid_lines.path().isEmpty()
