"""git as the collaboration engine: the merge driver and textconv in a real repository."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from orgeditor.document import Document
from orgeditor.io.orgfile import load
from orgeditor.samples import sample_org

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ROOT = Path(__file__).resolve().parents[2]


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo.parent),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=check, env=env
    )


def make_repo(tmp_path: Path) -> Path:
    """A repository set up as docs/git.md says, with the sample org committed on main."""
    repo = tmp_path / "org"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    orgeditor = f"{shlex.quote(sys.executable)} -m orgeditor"
    git(repo, "config", "merge.orgeditor.name", "orgeditor three-way merge")
    git(repo, "config", "merge.orgeditor.driver", f"{orgeditor} merge --git %O %A %B")
    git(repo, "config", "diff.orgeditor.textconv", f"{orgeditor} textconv")
    (repo / ".gitattributes").write_text("*.orgchart merge=orgeditor diff=orgeditor\n")
    Document(sample_org()).save(repo / "team.orgchart")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "the org")
    return repo


def edit(repo: Path, branch: str, fn, message: str) -> None:  # type: ignore[no-untyped-def]
    git(repo, "checkout", "-q", branch)
    doc = Document.open(repo / "team.orgchart")
    fn(doc)
    doc.save()
    git(repo, "commit", "-q", "-am", message)


def test_two_branches_merge_through_the_driver(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    git(repo, "branch", "leader-b")
    added: list[str] = []
    edit(
        repo,
        "main",
        lambda d: (
            d.set_field("person", "p19", "title", "Staff ML Engineer"),
            added.append(d.add_person("Hana Ito", team="t2", manager="p17")),
        ),
        "promote Ada, hire Hana",
    )
    edit(
        repo,
        "leader-b",
        lambda d: (
            d.move_to_team(["p21"], "t3"),
            added.append(d.add_person("Ravi Rao", team="t3", manager="p27")),
        ),
        "move Mei, hire Ravi",
    )
    git(repo, "checkout", "-q", "main")
    res = git(repo, "merge", "-q", "--no-edit", "leader-b", check=False)
    assert res.returncode == 0, res.stdout + res.stderr
    org = load(repo / "team.orgchart")
    assert org.people["p19"].title == "Staff ML Engineer" and org.people["p21"].team == "t3"
    assert all(p in org.people for p in added) and org.conflicts == []
    # textconv: git log -p reads like a change list, by name
    log = git(repo, "log", "-p", "-1", "HEAD^2").stdout
    assert "+person: Ravi Rao" in log and '"p' not in log


def test_a_conflicting_merge_stops_with_the_conflict_in_the_file(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    git(repo, "branch", "leader-b")
    edit(repo, "main", lambda d: d.set_field("person", "p19", "title", "Staff"), "Staff")
    edit(repo, "leader-b", lambda d: d.set_field("person", "p19", "title", "Principal"), "Pr.")
    git(repo, "checkout", "-q", "main")
    res = git(repo, "merge", "--no-edit", "leader-b", check=False)
    assert res.returncode != 0 and "CONFLICT" in res.stdout
    text = (repo / "team.orgchart").read_text(encoding="utf-8")
    assert "<<<<<<<" not in text  # the driver wrote a whole file, not conflict markers
    (c,) = json.loads(text)["conflicts"]
    assert (c["field"], c["ours"], c["theirs"]) == ("title", "Staff", "Principal")
    assert load(repo / "team.orgchart").people["p19"].title == "Staff"
    check = subprocess.run(
        [sys.executable, "-m", "orgeditor", "check", str(repo / "team.orgchart")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 1 and "Merge conflict on person Ada Lovelace-Park" in check.stdout


def test_both_branches_adding_the_file_merge_from_an_empty_base(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    git(repo, "checkout", "-q", "-b", "a")
    Document(sample_org()).save(repo / "new.orgchart")
    git(repo, "add", "new.orgchart")
    git(repo, "commit", "-q", "-m", "a adds")
    git(repo, "checkout", "-q", "-b", "b", "main")
    doc = Document(sample_org())
    doc.set_field("person", "p19", "level", "L9")
    doc.save(repo / "new.orgchart")
    git(repo, "add", "new.orgchart")
    git(repo, "commit", "-q", "-m", "b adds")
    res = git(repo, "merge", "--no-edit", "a", check=False)
    assert res.returncode != 0 and "CONFLICT (add/add)" in res.stdout
    # the driver ran on an empty base: the same people added twice are one, and the one
    # field added differently is the one conflict
    org = load(repo / "new.orgchart")
    assert org.people["p19"].level == "L9" and len(org.people) == len(sample_org().people)
    assert [(c["subject"]["id"], c["field"]) for c in org.conflicts] == [("p19", "level")]
