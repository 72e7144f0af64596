"""The undo history: labels, merging of consecutive edits, the clean index, the limit."""

from __future__ import annotations

from orgeditor.model.changes import SetField
from orgeditor.model.history import History, Transaction
from orgeditor.model.placements import SetShare


def tx(
    label: str, new: str = "x", key: tuple[object, ...] | None = None, old: str = ""
) -> Transaction:
    return Transaction(label, [SetField("person", "p1", "name", old, new)], merge_key=key)


def test_labels_and_stacks() -> None:
    h = History()
    assert (h.can_undo, h.can_redo, h.undo_label, h.redo_label) == (False, False, "", "")
    h.push(tx("Add Ada"))
    h.push(tx("Move 12 people"))
    assert h.undo_label == "Move 12 people" and h.labels() == ["Add Ada", "Move 12 people"]
    assert h.pop_undo().label == "Move 12 people"
    assert (h.undo_label, h.redo_label, h.index) == ("Add Ada", "Move 12 people", 1)
    assert h.pop_redo().label == "Move 12 people"
    assert not h.can_redo


def test_new_edit_clears_redo() -> None:
    h = History()
    h.push(tx("a"))
    h.push(tx("b"))
    h.pop_undo()
    h.push(tx("c"))
    assert not h.can_redo and h.labels() == ["a", "c"]


def test_consecutive_edits_of_one_field_merge() -> None:
    h = History()
    key = ("person", ("p1",), "name")
    h.push(tx("Set name", "A", key, old=""))
    h.push(tx("Set name", "Ad", key, old="A"))
    h.push(tx("Set name", "Ada", key, old="Ad"))
    assert h.labels() == ["Set name"]
    (change,) = h._done[0].changes
    assert change == SetField("person", "p1", "name", "", "Ada")
    # a different key, no key, or an undo in between: no merge
    h.push(tx("Set title", "x", ("person", ("p1",), "title")))
    h.push(tx("Set title", "y", ("person", ("p1",), "title")))
    h.push(tx("Other", "z"))
    h.push(tx("Other", "w"))
    assert h.labels() == ["Set name", "Set title", "Other", "Other"]
    h.pop_undo()
    h.push(tx("Other", "v", ("k",)))
    h.pop_undo()
    h.pop_redo()
    h.push(tx("Other", "u", ("k",)))
    assert len(h.labels()) == 5


def test_merge_barriers() -> None:
    h = History()
    key = ("share",)
    share = [SetShare("p1", "t1", "l1", 50, 60)]
    h.push(Transaction("Set share", list(share), key))
    h.set_clean()  # saving ends the run of merges
    h.push(Transaction("Set share", [SetShare("p1", "t1", "l1", 60, 70)], key))
    assert len(h.labels()) == 2
    h.break_merge()
    h.push(Transaction("Set share", [SetShare("p1", "t1", "l1", 70, 80)], key))
    assert len(h.labels()) == 3
    h.push(Transaction("Set share", [SetShare("p1", "t1", "l1", 80, 90)], key))
    assert len(h.labels()) == 3
    assert h._done[-1].changes == [SetShare("p1", "t1", "l1", 70, 90)]


def test_merge_of_different_shapes_concatenates() -> None:
    h = History()
    key = ("k",)
    h.push(Transaction("a", [SetField("person", "p1", "name", "", "a")], key))
    h.push(
        Transaction(
            "a",
            [SetField("person", "p1", "name", "a", "b"), SetField("person", "p2", "name", "", "c")],
            key,
        )
    )
    assert len(h._done) == 1 and len(h._done[0].changes) == 3
    h.push(Transaction("a", [SetField("person", "p9", "title", "", "d")] * 3, key))
    assert len(h._done[0].changes) == 6


def test_clean_index() -> None:
    h = History()
    assert h.is_clean
    h.push(tx("a"))
    assert not h.is_clean
    h.set_clean()
    assert h.is_clean
    h.push(tx("b"))
    assert not h.is_clean
    h.pop_undo()
    assert h.is_clean
    h.pop_undo()
    assert not h.is_clean
    h.push(tx("c"))  # the clean state was in the redo stack: it can never come back
    assert h.clean_index is None
    h.pop_undo()
    assert not h.is_clean
    h.clear()
    assert h.is_clean and not h.can_undo and not h.can_redo
    h.forget_clean()  # an import not yet saved: no position is the saved one
    assert h.clean_index is None and not h.is_clean


def test_limit_drops_the_oldest_steps() -> None:
    h = History(limit=3)
    h.set_clean()
    for label in "abcde":
        h.push(tx(label))
    assert h.labels() == ["c", "d", "e"]
    assert h.clean_index is None  # the saved state fell off the bottom
    h2 = History(limit=2)
    h2.push(tx("a"))
    h2.set_clean()
    h2.push(tx("b"))
    h2.push(tx("c"))
    assert h2.clean_index == 0
    h2.pop_undo()
    h2.pop_undo()
    assert h2.is_clean


def test_inverse_changes_run_backwards() -> None:
    t = Transaction(
        "x",
        [SetField("person", "p1", "name", "", "a"), SetField("person", "p1", "name", "a", "b")],
    )
    assert t.inverse_changes() == [
        SetField("person", "p1", "name", "b", "a"),
        SetField("person", "p1", "name", "a", ""),
    ]
