"""A read-only document (its file is open in another window) refuses every edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgeditor.document import Document, EditError
from orgeditor.io.orgfile import save
from orgeditor.model.changes import SetField
from orgeditor.samples import sample_org


@pytest.fixture
def doc(tmp_path: Path) -> Document:
    path = tmp_path / "org.orgchart"
    save(sample_org(), path)
    d = Document.open(path)
    d.rename("person", "p19", "Ada Before")  # something to undo
    d.set_read_only(True)
    return d


def _snapshot(doc: Document) -> str:
    from orgeditor.io.orgfile import dumps

    return dumps(doc.org)


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.rename("person", "p19", "Ada After"),
        lambda d: d.add_person("Zed", team=None, pipeline=None),
        lambda d: d.remove_people(["p19"]),
        lambda d: d.add_team("Another"),
        lambda d: d.set_setting("span.max", 3),
        lambda d: d.apply_changes("x", [SetField("person", "p19", "title", "a", "b")]),
        lambda d: d.undo(),
    ],
    ids=["rename", "add", "remove", "team", "setting", "raw", "undo"],
)
def test_every_edit_is_refused_in_one_line_and_nothing_changes(doc: Document, edit) -> None:  # type: ignore[no-untyped-def]
    before, label = _snapshot(doc), doc.undo_label
    seen: list[object] = []
    doc.changed.connect(seen.append)
    with pytest.raises(EditError) as exc:
        edit(doc)
    assert str(exc.value) == "org.orgchart is open read-only: Save As to edit a copy"
    assert _snapshot(doc) == before and doc.undo_label == label and not seen


def test_save_refuses_its_own_file_and_save_as_makes_it_writable(
    doc: Document, tmp_path: Path
) -> None:
    with pytest.raises(EditError, match="read-only"):
        doc.save()
    changes: list[bool] = []
    doc.read_only_changed.connect(changes.append)
    doc.save(tmp_path / "copy.orgchart")
    assert not doc.read_only and changes == [False]
    doc.rename("person", "p19", "Ada After")  # writable again
    assert doc.org.people["p19"].name == "Ada After"


def test_viewing_a_date_is_not_an_edit(doc: Document) -> None:
    doc.view_at("2030-01-01")
    doc.view_at(None)
    assert doc.read_only


def test_another_org_is_writable(doc: Document) -> None:
    doc.replace_org(sample_org())
    assert not doc.read_only
    doc.replace_org(sample_org(), read_only=True)
    assert doc.read_only
