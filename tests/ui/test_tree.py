"""The reporting tree: solid lines, dotted reports apart, drops change managers, row updates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from orgeditor.document import Document
from orgeditor.samples import sample_org
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.panels.tree import ReportingTree, can_reassign, tree_roots
from orgeditor.ui.selection import Selection


@pytest.fixture
def tree(qtbot):  # type: ignore[no-untyped-def]
    doc = Document(sample_org())
    bridge = DocumentBridge(doc)
    selection = Selection()
    widget = ReportingTree(bridge, selection)
    qtbot.addWidget(widget)
    return doc, selection, widget


def _leaf_and_target(doc: Document) -> tuple[str, str]:
    org = doc.org
    leaf = next(p for p in org.people if org.people[p].manager and not org.direct_reports(p))
    target = next(
        p
        for p in org.people
        if p != leaf and p != org.people[leaf].manager and org.direct_reports(p)
    )
    return leaf, target


def test_tree_shows_solid_lines(tree) -> None:  # type: ignore[no-untyped-def]
    doc, _sel, widget = tree
    model = widget.model
    roots = tree_roots(doc.org)
    assert model.rowCount() == len(roots)
    top = model.index(0, 0)
    pid = model.node(top).pid
    reports = doc.org.direct_reports(pid)
    kids = [model.node(model.index(r, 0, top)) for r in range(model.rowCount(top))]
    assert [k.pid for k in kids if not k.dotted] == reports


def test_dotted_reports_are_distinct(tree) -> None:  # type: ignore[no-untyped-def]
    doc, _sel, widget = tree
    org = doc.org
    person = next(p for p in org.people if org.people[p].dotted)
    dm = org.people[person].dotted[0]
    (idx,) = widget.model.indexes_of(dm)
    model = widget.model
    rows = [model.index(r, 0, idx) for r in range(model.rowCount(idx))]
    dotted = [i for i in rows if model.node(i).dotted and model.node(i).pid == person]
    assert len(dotted) == 1
    font = model.data(dotted[0], Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert model.data(dotted[0], Qt.ItemDataRole.DecorationRole) is not None


def test_drop_changes_manager_in_one_step_without_reset(tree) -> None:  # type: ignore[no-untyped-def]
    doc, _sel, widget = tree
    model = widget.model
    leaf, target = _leaf_and_target(doc)
    old = doc.org.people[leaf].manager
    (src,) = model.indexes_of(leaf)
    (dst,) = model.indexes_of(target)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    mime = model.mimeData([src])
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, dst)
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, dst)
    assert doc.org.people[leaf].manager == target
    assert doc.undo_label.startswith("Make ") and len(doc.history.labels()) == 1
    assert not resets
    (moved,) = model.indexes_of(leaf)
    assert model.node(moved.parent()).pid == target
    assert leaf not in [
        model.node(model.index(r, 0, model.indexes_of(old)[0])).pid
        for r in range(model.rowCount(model.indexes_of(old)[0]))
        if not model.node(model.index(r, 0, model.indexes_of(old)[0])).dotted
    ]
    doc.undo()
    (back,) = model.indexes_of(leaf)
    assert model.node(back.parent()).pid == old
    assert not resets


def test_drop_refuses_cycles_and_drop_on_empty_area_clears_manager(tree) -> None:  # type: ignore[no-untyped-def]
    doc, _sel, widget = tree
    model = widget.model
    org = doc.org
    boss = model.node(model.index(0, 0)).pid
    report = org.direct_reports(boss)[0]
    assert not can_reassign(org, [boss], report)
    mime = model.mimeData([model.index(0, 0)])
    assert not model.canDropMimeData(
        mime, Qt.DropAction.MoveAction, -1, 0, model.indexes_of(report)[0]
    )
    (idx,) = model.indexes_of(report)
    mime = model.mimeData([idx])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert org.people[report].manager is None
    assert report in [model.node(model.index(r, 0)).pid for r in range(model.rowCount())]


def test_selection_follows_both_ways(tree) -> None:  # type: ignore[no-untyped-def]
    doc, selection, widget = tree
    leaf, _t = _leaf_and_target(doc)
    selection.set_people([leaf])
    rows = widget.view.selectionModel().selectedRows()
    assert [widget.model.node(i).pid for i in rows] == [leaf]
    top = widget.model.index(0, 0)
    widget.view.selectionModel().select(
        top,
        widget.view.selectionModel().SelectionFlag.ClearAndSelect
        | widget.view.selectionModel().SelectionFlag.Rows,
    )
    assert selection.people == [widget.model.node(top).pid]


def test_rename_and_delete_update_rows(tree) -> None:  # type: ignore[no-untyped-def]
    doc, _sel, widget = tree
    model = widget.model
    leaf, _t = _leaf_and_target(doc)
    (idx,) = model.indexes_of(leaf)
    doc.rename("person", leaf, "Zed Renamed")
    assert model.data(idx, Qt.ItemDataRole.DisplayRole) == "Zed Renamed"
    doc.remove_people([leaf])
    assert model.indexes_of(leaf) == []


def test_cards_dragged_off_the_grid_drop_on_the_tree(tree) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.ui.grid import dnd

    doc, _sel, widget = tree
    model = widget.model
    leaf, target = _leaf_and_target(doc)
    mime = dnd.encode_people([(leaf, doc.org.cells_of(leaf)[0])])
    (dst,) = model.indexes_of(target)
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, dst)
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, dst)
    assert doc.org.people[leaf].manager == target


def test_tree_and_people_list_drags_carry_grid_cards(tree) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.ui.grid import dnd
    from orgeditor.ui.panels.people_list import PeopleModel

    doc, _sel, widget = tree
    leaf, _t = _leaf_and_target(doc)
    (idx,) = widget.model.indexes_of(leaf)
    items = dnd.decode_people(widget.model.mimeData([idx]))
    assert items == [(leaf, doc.org.cells_of(leaf)[0])]
    people = PeopleModel(widget.model.bridge)
    row = people.row_of[leaf]
    assert dnd.decode_people(people.mimeData([people.index(row, 0)])) == items
