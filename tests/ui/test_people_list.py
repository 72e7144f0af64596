"""The People list follows edits row by row (sorted insert, moves on rename), never resetting
for a small edit, and always shows what a fresh filter and sort would show."""

from __future__ import annotations

import random

from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtTest import QAbstractItemModelTester

from orgeditor.document import Document, EditError
from orgeditor.samples import synthetic_org
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.panels.people_list import BULK_ROWS, PeopleModel, matches
from orgeditor.ui.selection import Selection


def _fresh(model: PeopleModel) -> list[str]:
    org = model.org
    ids = [p for p in org.people if matches(org, p, model.words, model.team, model.role)]
    return sorted(ids, key=lambda p: (org.people[p].display_name.casefold(), p))


def _model(qapp, doc: Document) -> tuple[PeopleModel, list[str]]:  # type: ignore[no-untyped-def]
    model = PeopleModel(DocumentBridge(doc))
    model._tester = QAbstractItemModelTester(  # type: ignore[attr-defined]
        model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    resets: list[str] = []
    model.modelReset.connect(lambda: resets.append("reset"))
    return model, resets


def test_rename_moves_the_row_and_keeps_its_index(qapp) -> None:  # type: ignore[no-untyped-def]
    doc = Document(synthetic_org(200, seed=3))
    model, resets = _model(qapp, doc)
    pid = model.ids[-1]
    kept = QPersistentModelIndex(model.index(model.row_of[pid], 0))
    moves: list[int] = []
    model.rowsMoved.connect(lambda *args: moves.append(args[1]))
    doc.rename("person", pid, "Aaron Aardvark")
    assert model.ids[0] == pid and model.row_of[pid] == 0
    assert moves == [len(model.ids) - 1]
    assert kept.row() == 0 and kept.data() == "Aaron Aardvark"
    assert model.ids == _fresh(model) and resets == []


def test_random_edits_keep_the_list_as_a_fresh_filter_would(qapp) -> None:  # type: ignore[no-untyped-def]
    doc = Document(synthetic_org(150, seed=8))
    model, resets = _model(qapp, doc)
    rng = random.Random(4)
    teams = doc.org.team_order
    for step in range(150):
        ids = list(doc.org.people)
        p = rng.choice(ids)
        action = step % 9
        try:
            if action == 0:
                doc.rename("person", p, rng.choice(["Zed", "ada", "Ada", "Émile", "", "Bo"]))
            elif action == 1:
                doc.add_person(rng.choice(["Kim", "", "Lee"]), team=rng.choice(teams))
            elif action == 2:
                doc.remove_people(rng.sample(ids, 3))
            elif action == 3:
                doc.set_field("person", p, "title", rng.choice(["Staff Engineer", "PM", ""]))
            elif action == 4:
                doc.move_to_team([p, rng.choice(ids)], rng.choice([*teams, None]))
            elif action == 5:
                doc.set_field("person", p, "role", rng.choice(["ic", "open", "manager"]))
            elif action == 6:
                doc.undo()
            elif action == 7:
                doc.redo()
            else:
                model.set_filters(
                    rng.choice(["", "a", "engineer", "z"]),
                    rng.choice([None, *teams[:2]]),
                    rng.choice([None, "ic"]),
                )
                resets.clear()
        except EditError:
            pass
        assert model.ids == _fresh(model), f"step {step}"
        assert model.row_of == {pid: i for i, pid in enumerate(model.ids)}
    assert resets == []


def test_a_large_batch_resets_once(qapp) -> None:  # type: ignore[no-untyped-def]
    doc = Document(synthetic_org(400, seed=2))
    model, resets = _model(qapp, doc)
    doc.remove_people(list(doc.org.people)[: BULK_ROWS + 1])
    assert resets == ["reset"] and model.ids == _fresh(model)


def test_prune_asks_only_about_the_selected(qapp) -> None:  # type: ignore[no-untyped-def]
    class Existing:
        def __init__(self) -> None:
            self.asked: list[str] = []

        def __contains__(self, pid: object) -> bool:
            self.asked.append(str(pid))
            return pid != "p2"

    selection = Selection()
    selection.set_people(["p1", "p2", "p3"])
    existing = Existing()
    selection.prune(existing)
    assert selection.people == ["p1", "p3"]
    assert existing.asked == ["p1", "p2", "p3"]
