"""Resolving merge conflicts through the Document; textconv with hostile names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from orgeditor.document import Document, EditError
from orgeditor.io.orgfile import dumps, from_data
from orgeditor.model.textconv import escape, org_lines
from orgeditor.samples import sample_org
from tests.plans.test_merge import data, docs, merged


def conflicted() -> tuple[Document, Document, Document]:
    base, o, t = docs()
    o.set_field("person", "p19", "title", "Staff")
    t.set_field("person", "p19", "title", "Principal")
    o.set_share("p31", "t3", "l1", 30)
    t.set_share("p31", "t3", "l1", 70)
    t.set_field("person", "p26", "title", "Senior Labeler")
    o.remove_people(["p26"])
    out, _ = merged(base, o.org, t.org)
    return Document(out), o, t


def test_keep_ours_and_take_theirs_are_undo_steps() -> None:
    d, _o, _t = conflicted()
    assert len(d.org.conflicts) == 3
    before = dumps(d.org)
    by_field = {c["field"]: c["id"] for c in d.org.conflicts}
    d.resolve_conflict(by_field["title"], "theirs")
    assert d.org.people["p19"].title == "Principal" and d.undo_label.startswith("Take theirs")
    d.resolve_conflict(by_field["placements[t3,l1]"], "theirs")
    assert d.org.share("p31", "t3", "l1") == 70
    d.resolve_conflict(by_field[None], "theirs")  # theirs kept and edited Amara: back
    assert d.org.people["p26"].title == "Senior Labeler"
    assert d.org.conflicts == []
    for _ in range(3):
        d.undo()
    assert dumps(d.org) == before
    d.resolve_conflict(by_field["title"], "ours")
    assert d.org.people["p19"].title == "Staff" and len(d.org.conflicts) == 2
    with pytest.raises(EditError, match="no merge conflict"):
        d.resolve_conflict("nope", "ours")
    with pytest.raises(EditError, match="ours"):
        d.resolve_conflict(by_field[None], "mine")


def test_take_theirs_of_a_removal_removes() -> None:
    base, o, t = docs()
    o.set_field("person", "p26", "title", "Senior Labeler")
    t.remove_people(["p26"])
    out, conflicts = merged(base, o.org, t.org)
    d = Document(out)
    assert "p26" in d.org.people
    d.resolve_conflict(conflicts[0]["id"], "theirs")
    assert "p26" not in d.org.people and not d.org.conflicts


HOSTILE = [
    "Ada\nperson: Fake | title: CEO",
    "Bo | manager: Nobody",
    "Cy\\n\r\t\u2028\u0085 \u202e",
    "",
    "<script>alert(1)</script> & \"quotes\" 'x' `rm -rf`",
]


def test_textconv_keeps_hostile_names_on_one_line(tmp_path: Path) -> None:
    org = sample_org()
    d = Document(from_data(data(org)))
    for i, name in enumerate(HOSTILE):
        d.rename("person", f"p{19 + i}", name)
    d.rename("team", "t2", "Mod\neling | x")
    lines = org_lines(d.org)
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert len([x for x in lines if x.startswith("person: ")]) == len(d.org.people)
    assert "person: Ada\\nperson: Fake \\| title: CEO | " in "\n".join(lines)
    assert escape("Cy\\n\r\t\x00\x1b\u2028") == "Cy\\\\n\\r\\t\\x00\\x1b\\u2028"
    path = tmp_path / "h.orgchart"
    d.save(path)
    res = subprocess.run(
        [sys.executable, "-m", "orgeditor", "textconv", str(path)],
        capture_output=True,
        check=True,
    )
    out = res.stdout.decode("utf-8").splitlines()
    assert out == lines and not any("p19" in x or '"p' in x for x in out)
    # stable: the same org gives the same text, whatever the order people were added in
    assert org_lines(from_data(data(d.org))) == lines
