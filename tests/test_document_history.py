"""The document's history and events: labels, merging, clean index, modified flag, signals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from orgeditor.document import Document, EditError
from orgeditor.io.orgfile import dumps
from orgeditor.model.changes import SetField
from orgeditor.model.org import Org
from orgeditor.model.summary import ChangeBatch, summarize
from orgeditor.samples import sample_org


class Recorder:
    """Connects to every signal of a document and records what it heard."""

    def __init__(self, doc: Document) -> None:
        self.calls: list[tuple[str, Any]] = []
        for name in ("changed", "history_changed", "modified_changed", "reset", "path_changed"):
            getattr(doc, name).connect(lambda *a, name=name: self.calls.append((name, a)))

    def names(self) -> list[str]:
        return [n for n, _ in self.calls]

    def take(self) -> list[tuple[str, Any]]:
        out, self.calls = self.calls, []
        return out


@pytest.fixture
def doc(tmp_path: Path) -> Document:
    path = tmp_path / "org.orgchart"
    Document(sample_org()).save(path)
    return Document.open(path)


def test_undo_redo_labels_and_flags(doc: Document) -> None:
    assert not doc.can_undo and not doc.can_redo and doc.undo_label == ""
    doc.rename("person", "p19", "Ada Park")
    doc.move_people([("p21", ("t2", "l3"))], ("t5", "l2"))
    assert doc.undo_label == "Move Mei Tanaka"
    doc.undo()
    assert (doc.undo_label, doc.redo_label) == (
        "Rename Ada Lovelace-Park to Ada Park",
        "Move Mei Tanaka",
    )
    assert doc.can_undo and doc.can_redo
    doc.redo()
    assert doc.redo_label == "" and not doc.can_redo


def test_new_edit_clears_redo(doc: Document) -> None:
    doc.set_field("person", "p19", "title", "A")
    doc.set_field("person", "p20", "title", "B")
    doc.undo()
    assert doc.can_redo
    doc.set_field("person", "p21", "title", "C")
    assert not doc.can_redo
    assert doc.history.labels() == ["Set title of Ada Lovelace-Park", "Set title of Mei Tanaka"]


def test_consecutive_edits_of_one_field_merge(doc: Document) -> None:
    before = dumps(doc.org)
    for text in ("A", "Ad", "Ada", "Ada P"):
        doc.set_field("person", "p19", "name", text)
    assert doc.history.labels() == ["Set name of Ada Lovelace-Park"]
    doc.set_field("person", "p19", "title", "x")  # another field: a new step
    doc.set_field("person", "p20", "title", "x")  # another person: a new step
    doc.set_share("p31", "t3", "l1", 50)
    doc.set_share("p31", "t3", "l1", 40)
    assert len(doc.history.labels()) == 4
    doc.undo()
    assert doc.org.share("p31", "t3", "l1") == 60
    for _ in range(3):
        doc.undo()
    assert dumps(doc.org) == before


def test_no_merge_across_undo_or_save(doc: Document) -> None:
    doc.set_field("person", "p19", "title", "a")
    doc.undo()
    doc.redo()
    doc.set_field("person", "p19", "title", "b")
    assert len(doc.history.labels()) == 2
    doc.save()
    doc.set_field("person", "p19", "title", "c")
    assert len(doc.history.labels()) == 3
    doc.undo()
    assert not doc.is_modified


def test_modified_flag_follows_the_clean_index(doc: Document) -> None:
    rec = Recorder(doc)
    assert not doc.is_modified
    doc.set_field("person", "p19", "title", "a")
    assert doc.is_modified
    assert ("modified_changed", (True,)) in rec.take()
    doc.set_field("person", "p20", "title", "b")
    assert "modified_changed" not in rec.names()  # still modified: no new announcement
    doc.undo()
    doc.undo()
    assert not doc.is_modified
    assert rec.take()[-1] == ("modified_changed", (False,))
    doc.redo()
    doc.save()
    assert not doc.is_modified
    doc.undo()
    assert doc.is_modified  # the saved file has the edit: undoing it is a modification
    doc.set_field("person", "p21", "title", "c")  # the saved state is gone from redo
    doc.undo()
    assert doc.is_modified
    doc.mark_modified()
    assert doc.is_modified


def test_mark_modified_without_a_step() -> None:
    d = Document(sample_org())
    rec = Recorder(d)
    d.mark_modified()
    assert d.is_modified and not d.can_undo
    assert rec.calls == [("modified_changed", (True,))]


def test_changed_says_exactly_what_changed(doc: Document) -> None:
    rec = Recorder(doc)
    doc.move_people([("p21", ("t2", "l3"))], ("t5", "l2"))
    calls = rec.take()
    assert [n for n, _ in calls] == ["changed", "history_changed", "modified_changed"]
    (changes,) = calls[0][1]
    assert isinstance(changes, ChangeBatch)
    assert {s for c in changes for s in c.subjects()} == {("person", "p21")}
    assert changes.summary == summarize(changes)
    assert changes.summary.people == {"p21"} and changes.summary.placed == {"p21"}
    assert changes.summary.cells == {("t2", "l3"), ("t5", "l2"), ("t2", None), ("t5", None)}
    doc.undo()
    calls = rec.take()
    (undone,) = calls[0][1]
    assert list(undone) == [c.inverse() for c in reversed(changes)]
    assert undone.summary.cells == changes.summary.cells
    doc.redo()
    assert rec.take()[0] == ("changed", (changes,))


def test_nothing_to_do_announces_nothing(doc: Document) -> None:
    rec = Recorder(doc)
    doc.set_field("person", "p19", "title", doc.org.people["p19"].title)
    doc.move_entity("team", "t1", 0)
    doc.undo()  # nothing to undo
    doc.redo()
    assert rec.calls == [] and not doc.can_undo


def test_transactions_group_nest_and_roll_back(doc: Document) -> None:
    before = dumps(doc.org)
    with doc.transaction("Reorganise"):
        doc.set_field("person", "p19", "title", "a")
        with doc.transaction("inner"):
            doc.set_manager("p19", "p18")
        doc.undo()  # ignored inside a transaction
    assert doc.history.labels() == ["Reorganise"]
    doc.undo()
    assert dumps(doc.org) == before
    rec = Recorder(doc)
    with pytest.raises(RuntimeError), doc.transaction("Broken"):
        doc.set_field("person", "p19", "title", "a")
        doc.remove_people(["p17"])
        raise RuntimeError("boom")
    assert dumps(doc.org) == before
    assert rec.calls == []
    assert doc.redo_label == "Reorganise"
    with pytest.raises(EditError), doc.transaction("Half"):
        doc.set_field("person", "p19", "title", "b")
        doc.set_manager("p19", "p999")
    assert dumps(doc.org) == before and doc.undo_label == ""


def test_a_failed_inner_transaction_rolls_back_only_itself(doc: Document) -> None:
    before = dumps(doc.org)
    rec = Recorder(doc)
    with doc.transaction("Reorganise"):
        doc.set_field("person", "p19", "title", "kept")
        with pytest.raises(RuntimeError), doc.transaction("inner"):
            doc.set_field("person", "p20", "title", "dropped")
            doc.remove_people(["p17"])
            with doc.transaction("innermost"):
                doc.set_manager("p21", "p18")
            raise RuntimeError("boom")
        assert doc.org.people["p20"].title != "dropped" and "p17" in doc.org.people
        try:
            with doc.transaction("caught"):
                doc.set_field("person", "p22", "title", "dropped too")
                doc.set_manager("p22", "p999")  # refused: the block's own edits go too
        except EditError:
            pass
        doc.set_field("person", "p23", "title", "kept too")
    assert doc.history.labels() == ["Reorganise"]
    ((name, (changes,)), *_rest) = rec.take()
    assert name == "changed"
    assert {s for c in changes for s in c.subjects()} == {("person", "p19"), ("person", "p23")}
    people = doc.org.people
    assert (people["p19"].title, people["p23"].title) == ("kept", "kept too")
    assert people["p22"].title != "dropped too" and people["p21"].manager != "p18"
    doc.undo()
    assert dumps(doc.org) == before


def test_apply_needs_a_transaction(doc: Document) -> None:
    with pytest.raises(EditError, match="inside a transaction"):
        doc.apply(SetField("person", "p19", "title", "x", "y"))
    doc.apply_changes("Retitle", [SetField("person", "p19", "title", "Senior ML Engineer", "y")])
    assert doc.undo_label == "Retitle" and doc.org.people["p19"].title == "y"


def test_save_and_paths(doc: Document, tmp_path: Path) -> None:
    rec = Recorder(doc)
    doc.set_field("person", "p19", "title", "a")
    other = tmp_path / "copy.orgchart"
    assert doc.save(other) == other
    assert doc.path == other and not doc.is_modified
    assert ("path_changed", (other,)) in rec.calls
    assert Document.open(other).org.people["p19"].title == "a"
    with pytest.raises(EditError, match="no file"):
        Document(Org()).save()


def test_replace_org_starts_over(doc: Document, tmp_path: Path) -> None:
    doc.set_field("person", "p19", "title", "a")
    rec = Recorder(doc)
    doc.replace_org(Org("New"), None)
    assert rec.names() == ["reset", "path_changed", "history_changed", "modified_changed"]
    assert not doc.can_undo and not doc.is_modified and doc.path is None
    assert doc.add_team("T") in doc.org.teams


def test_history_limit_keeps_the_document_working() -> None:
    d = Document(sample_org())
    d.history.limit = 5
    for i in range(8):
        d.set_field("person", f"p{20 + i}", "title", "x")
    assert len(d.history.labels()) == 5
    while d.can_undo:
        d.undo()
    assert d.is_modified  # the oldest steps are gone: the clean state cannot be reached
    assert d.org.people["p22"].title == "x" and d.org.people["p23"].title != "x"
