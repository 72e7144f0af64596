"""Editable slides draw the planner's page: its cards, stacks and their columns, lines, boxes.

The slides used to decide on their own which people are stacked and how a stack splits into
columns; here every laid-out slide page is compared with the planner's
:class:`~orgeditor.export.pages.Page` of the same paging.
"""

from __future__ import annotations

import itertools
from functools import cache

import pytest

from orgeditor.export import placement
from orgeditor.export.api import ExportOptions
from orgeditor.export.metrics import STACK_ROWS
from orgeditor.export.pages import Page
from orgeditor.export.pptx import SlidePlan, open_deck, plan_slides
from orgeditor.export.pptx_plan import STACK_GAP, Box, PlacedPage, lay_out
from orgeditor.export.themes import get_theme
from orgeditor.model.org import Org
from orgeditor.samples import sample_org, synthetic_org

OPTIONS = [{}, {"clusters": "team"}, {"stack": False}]


@cache
def _org(which: str) -> Org:
    return sample_org() if which == "sample" else synthetic_org(300, seed=3)


def _slides(org: Org, **kw: object) -> tuple[ExportOptions, SlidePlan]:
    opts = ExportOptions(**kw)  # type: ignore[arg-type]
    return opts, plan_slides(org, opts, open_deck(None), get_theme(opts.theme))


def _planned(plan: SlidePlan, number: int, rows: int = STACK_ROWS) -> Page:
    paging = plan.paging
    return paging.planner.page(paging.cuts[number - 1], number, len(paging), rows)


def _drawn_stacks(placed: PlacedPage) -> dict[str, list[list[str]]]:
    """The stacks on a slide page: columns left to right, each top to bottom (person ids).

    Each column is drawn as one column: its cards one above the other at one x, with the
    stack's gap between them, beside one bus.
    """
    by_stack: dict[str, dict[float, list[Box]]] = {}
    for box in placed.boxes.values():
        if box.stack:
            by_stack.setdefault(box.stack, {}).setdefault(box.bus_x, []).append(box)
    out: dict[str, list[list[str]]] = {}
    for sid, columns in by_stack.items():
        out[sid] = []
        for bus_x in sorted(columns):
            column = sorted(columns[bus_x], key=lambda b: b.y)
            assert len({b.x for b in column}) == 1, (sid, [b.pid for b in column])
            assert all(b.x > bus_x for b in column)
            for upper, lower in itertools.pairwise(column):
                assert lower.y == pytest.approx(upper.y + upper.h + STACK_GAP), (sid, lower.pid)
            out[sid].append([b.pid for b in column])
    return out


def _check_follows(placed: PlacedPage, page: Page) -> None:
    """The slide page draws exactly the planner's page."""
    assert sorted(placed.boxes) == sorted(page.cards)  # everybody once (boxes by person)
    assert placed.title == page.title and placed.legend == page.legend
    drawn = _drawn_stacks(placed)
    assert len(drawn) == len(page.stacks)
    for box in placed.boxes.values():
        assert bool(box.stack) == (page.cards[box.pid].stack is not None), box.pid
    for stack in page.stacks:
        sid = placed.boxes[stack.people[0]].stack
        assert drawn[sid] == [list(c) for c in stack.columns], sid
    # the blocks of a stack (a column split for DOT into single cards and a rest) are its
    # whole columns again, each drawn as one column
    for stack in page.stacks:
        groups: dict[str, list[str]] = {}
        for block in stack.blocks:
            if block.group:
                groups.setdefault(block.group, []).extend(block.columns[0])
        if groups:
            assert sorted(groups.values()) == sorted(list(c) for c in stack.columns)
    lines = {(ln.manager, ln.report, ln.dotted) for ln in placed.lines}
    assert lines == {(ln.manager, ln.report, ln.dotted) for ln in page.lines}
    assert len(lines) == len(placed.lines)
    assert sorted(c[0] for c in placed.clusters) == sorted(page.clusters.values())
    for label, _colour, x, y, w, h in placed.clusters:
        key = next(k for k, v in page.clusters.items() if v == label)
        for card in page.cards.values():
            if card.cluster == key:
                b = placed.boxes[card.person]
                assert x <= b.x and b.x + b.w <= x + w and y <= b.y and b.y + b.h <= y + h
    boxes = list(placed.boxes.values())
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h
            assert not overlap, (a.pid, b.pid)


@pytest.mark.parametrize("which", ["sample", "synthetic"])
@pytest.mark.parametrize("kw", OPTIONS, ids=["plain", "team", "no-stack"])
def test_slides_draw_the_planners_pages(which: str, kw: dict[str, object]) -> None:
    org = _org(which)
    opts, plan = _slides(org, **kw)
    theme = get_theme(opts.theme)
    everybody: list[str] = []
    for n in range(1, plan.total + 1):
        page = _planned(plan, n)
        _check_follows(lay_out(org, plan.paging, n, theme=theme, opts=opts), page)
        everybody += page.cards
        if kw.get("stack", True):
            low = _planned(plan, n, 4)  # lower stacks, as a page too tall for its slide asks
            _check_follows(lay_out(org, plan.paging, n, theme=theme, opts=opts, rows=4), low)
        else:
            assert not page.stacks
    # the deck's own pages (some laid out again with lower stacks) are the planner's too
    for n, placed in zip(plan.numbers, plan.placed, strict=True):
        pages = [_planned(plan, n, r) for r in range(STACK_ROWS, 3, -2)]
        page = next((p for p in pages if _same_stacks(placed, p)), pages[0])
        _check_follows(placed, page)
    assert sorted(set(everybody)) == sorted(plan.paging.planner.chart.people())


def _same_stacks(placed: PlacedPage, page: Page) -> bool:
    drawn = _drawn_stacks(placed)
    return len(drawn) == len(page.stacks) and all(
        drawn.get(placed.boxes[s.people[0]].stack) == [list(c) for c in s.columns]
        for s in page.stacks
    )


def test_split_stacks_are_whole_columns_on_the_slide() -> None:
    """Stacks on a rank where other cards have reports: DOT draws their columns in pieces
    (single cards chained in a group, then the rest); a slide draws each column whole."""
    org = _org("sample")
    opts, plan = _slides(org)
    theme = get_theme(opts.theme)
    split = 0
    for n in range(1, plan.total + 1):
        page = _planned(plan, n)
        placed = lay_out(org, plan.paging, n, theme=theme, opts=opts)
        for stack in page.stacks:
            if any(b.group for b in stack.blocks):
                split += 1
                sid = placed.boxes[stack.people[0]].stack
                assert _drawn_stacks(placed)[sid] == [list(c) for c in stack.columns]
    assert split, "the sample has no split stack any more: find another org for this test"


def test_slides_follow_a_changed_column_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """The column split is the planner's alone: change its rule and the slides follow."""

    def by_twos(members: list[str], rows: int = STACK_ROWS) -> list[list[str]]:
        return [members[i : i + 2] for i in range(0, len(members), 2)]

    monkeypatch.setattr(placement, "stack_columns", by_twos)
    org = _org("synthetic")
    opts, plan = _slides(org, clusters="team")
    theme = get_theme(opts.theme)
    for n in range(1, plan.total + 1):
        page = _planned(plan, n)
        assert all(len(c) <= 2 for s in page.stacks for c in s.columns)
        _check_follows(lay_out(org, plan.paging, n, theme=theme, opts=opts), page)
