"""Stacks of leaf reports: laid out by Graphviz, no card hangs far below its manager.

A stack that shares its rank with a card whose reports are on the page is drawn one card per
rank (chained, one column); its rest overflows up so the column reads as one stack. These tests
lay the DOT out with ``dot -Tjson`` and measure where the cards land.
"""

from __future__ import annotations

import json
import re
import subprocess
from itertools import pairwise

from orgeditor.document import Document
from orgeditor.export.api import ExportOptions, build_pages
from orgeditor.model.entities import Role
from orgeditor.model.org import Org

Box = tuple[float, float, float, float]  # x0, y0 (bottom), x1, y1 (top): Graphviz y points up


def _cards(dot: str) -> dict[str, Box]:
    """Card name -> its box on the laid-out page."""
    out = subprocess.run(["dot", "-Tjson"], input=dot.encode(), capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr.decode()
    cards: dict[str, Box] = {}
    for obj in json.loads(out.stdout)["objects"]:
        if "nodes" in obj:  # a cluster
            continue
        ops = obj.get("_draw_", []) + obj.get("_ldraw_", [])
        boxes: list[Box] = []
        for op in ops:
            if op["op"] in ("b", "B", "p", "P") and op.get("points"):
                xs = [p[0] for p in op["points"]]
                ys = [p[1] for p in op["points"]]
                if max(xs) - min(xs) > 20 and max(ys) - min(ys) > 10:
                    boxes.append((min(xs), min(ys), max(xs), max(ys)))
        for op in ops:
            if op["op"] != "T" or op["text"] in cards:
                continue
            x, y = op["pt"]
            inside = [b for b in boxes if b[0] <= x <= b[2] and b[1] <= y <= b[3]]
            if inside:
                cards.setdefault(op["text"], min(inside, key=lambda b: b[3] - b[1]))
    return cards


def _org(leaves: int = 6, grandchildren: int = 3) -> Org:
    """A boss with one manager (who has reports) and ``leaves`` leaf reports side by side."""
    doc = Document()
    boss = doc.add_person("Boss", title="Chief", role=Role.VP)
    mgr = doc.add_person("Manager", title="Manager", role=Role.MANAGER, manager=boss)
    for i in range(grandchildren):
        doc.add_person(f"Grandchild {i}", title="Engineer", manager=mgr)
    for i in range(leaves):
        doc.add_person(f"Leaf {i}", title="Engineer", manager=boss)
    return doc.org


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


def test_reports_sit_right_under_their_manager_next_to_a_tall_stack() -> None:
    dot = build_pages(_org(), ExportOptions(), False)[0].dot
    cards = _cards(dot)
    mgr = cards["Manager"]
    child = cards["Grandchild 0"]
    # one rank gap (0.45 in = 32 pt) and a little, not the height of the six leaves
    assert child[3] < mgr[1] and mgr[1] - child[3] < 50
    # the leaves form one column: same left edge, top to bottom in order, tight gaps
    leaves = [cards[f"Leaf {i}"] for i in range(6)]
    assert abs(leaves[0][3] - mgr[3]) < 4  # tops aligned with the manager's card
    for upper, lower in pairwise(leaves):
        assert abs(upper[0] - lower[0]) < 2
        assert 0 < upper[1] - lower[3] < 12
    boxes = sorted(set(cards.values()))
    assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_stacks_stay_one_table_where_no_gap_arises() -> None:
    dot = build_pages(_org(grandchildren=0), ExportOptions(), False)[0].dot
    assert "group=" not in dot and "weight=" not in dot
    assert len(re.findall(r"^  s\d+ \[shape=plain", dot, re.M)) == 1


def test_lines_point_at_the_right_card_of_a_split_stack() -> None:
    org = _org(leaves=14)  # two columns
    doc = Document(org)
    doc.add_dotted(
        org.find_by_name("person", "Leaf 12").id, org.find_by_name("person", "Manager").id
    )
    dot = build_pages(doc.org, ExportOptions(), False)[0].dot
    # one solid line to the top card of each column
    assert len(re.findall(r'^  n1 -> s\d+ \[tailport=s, headport="c:n"\];$', dot, re.M)) == 2
    # the dotted line into the stack is a note on the right card (a line into a stack cannot
    # be followed), naming the manager
    cell = re.search(r"<B>Leaf 12</B>((?:(?!</TD>).)*)</TD>", dot)
    assert cell and "\u2504 dotted to Manager" in cell.group(1)
    assert "constraint=false" not in dot
    cards = _cards(dot)
    columns = {round(cards[f"Leaf {i}"][0]) for i in range(14)}
    assert len(columns) == 2
    boxes = sorted(set(cards.values()))
    assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_split_stacks_are_deterministic() -> None:
    a = build_pages(_org(leaves=14), ExportOptions(), False)[0].dot
    b = build_pages(_org(leaves=14), ExportOptions(), False)[0].dot
    assert a == b and "weight=100" in a
