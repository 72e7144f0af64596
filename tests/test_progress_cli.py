"""Progress of ``diff`` and ``merge`` on stderr (issue 18): lines in a log, a bar on a terminal,
nothing with ``--quiet`` or as git's merge driver; stdout is the same either way."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from orgeditor.cli import main
from orgeditor.document import Document
from orgeditor.io.orgfile import save
from orgeditor.samples import sample_org, synthetic_org

ROOT = Path(__file__).resolve().parent.parent


class Ran(NamedTuple):
    status: int
    stdout: str
    stderr: str


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> Ran:
    """The command as ``main`` runs it in this process: its exit status and output."""
    with pytest.raises(SystemExit) as done:
        main(list(args))
    out, err = capsys.readouterr()
    assert isinstance(done.value.code, int), err
    return Ran(done.value.code, out, err)


def _versions(tmp_path: Path, people: int | None = None) -> tuple[Path, Path]:
    """An org and a copy with one person renamed and another retitled."""

    def org():  # type: ignore[no-untyped-def]
        return sample_org() if people is None else synthetic_org(people, seed=1)

    old, new = tmp_path / "old.orgchart", tmp_path / "new.orgchart"
    save(org(), old)
    doc = Document(org())
    first, second = list(doc.org.people)[:2]
    doc.rename("person", first, "Zed Quist")
    doc.set_field("person", second, "title", "Principal Engineer")
    doc.save(new)
    return old, new


def test_diff_prints_progress_lines_in_a_log_and_none_when_quiet(
    tmp_path: Path, fast_progress: None, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _versions(tmp_path)
    loud = _run(capsys, "diff", str(old), str(new))
    assert loud.status == 1
    lines = loud.stderr.splitlines()
    assert lines[0].startswith("diff: loading old.orgchart (")
    assert lines[1].startswith("diff: loading new.orgchart (")
    assert lines[2].startswith("diff: comparing (")
    assert lines[3].startswith("diff: tables and findings (")
    assert lines[4].startswith("diff: writing the report (")
    assert len(lines) == 5 and "\r" not in loud.stderr
    quiet = _run(capsys, "diff", str(old), str(new), "--quiet")
    assert quiet.status == 1
    assert quiet.stderr == ""
    assert quiet.stdout == loud.stdout  # the report itself is untouched
    assert "Zed Quist" in quiet.stdout and "Principal Engineer" in quiet.stdout
    as_json = _run(capsys, "diff", str(old), str(new), "--json", "-q")
    assert as_json.stderr == "" and as_json.stdout.startswith("{")


def test_diff_counts_the_pages_of_change_diagrams(
    tmp_path: Path, fast_progress: None, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _versions(tmp_path)
    out = tmp_path / "changes.pdf"
    result = _run(capsys, "diff", str(old), str(new), "-o", str(out))
    assert result.status == 1
    lines = result.stderr.splitlines()
    pages = int(lines[-1].split("(")[1].split()[0])
    assert lines[-1] == f"wrote {out} ({pages} pages)"
    assert any(x.startswith("diff: planning pages (") for x in lines)
    counted = [x for x in lines if " pages (" in x and "/" in x]
    assert [x.split()[1] for x in counted] == [f"{k}/{pages}" for k in range(1, pages + 1)]
    assert counted[-1].startswith(f"diff: {pages}/{pages} pages (100%)")
    assert out.read_bytes().startswith(b"%PDF")
    quiet = _run(capsys, "diff", str(old), str(new), "-o", str(out), "-q")
    assert quiet.stderr.splitlines() == [f"wrote {out} ({pages} pages)"]


def test_a_short_diff_prints_nothing_with_the_real_intervals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the test's fast reporting: a log gets its first line after 5 s, never sooner."""
    old, new = _versions(tmp_path)
    result = _run(capsys, "diff", str(old), str(new))
    assert result.status == 1
    assert result.stderr == ""


def _merge_inputs(tmp_path: Path) -> tuple[Path, Path, Path]:
    base, ours, theirs = (tmp_path / f"{n}.orgchart" for n in ("base", "ours", "theirs"))
    save(sample_org(), base)
    people = list(sample_org().people)
    for path, pid, name in ((ours, people[0], "Ours Name"), (theirs, people[1], "Theirs Name")):
        doc = Document(sample_org())
        doc.rename("person", pid, name)
        doc.save(path)
    return base, ours, theirs


def test_merge_prints_progress_lines_and_none_when_quiet_or_for_git(
    tmp_path: Path, fast_progress: None, capsys: pytest.CaptureFixture[str]
) -> None:
    base, ours, theirs = _merge_inputs(tmp_path)
    out = tmp_path / "out.orgchart"
    loud = _run(capsys, "merge", str(base), str(ours), str(theirs), "-o", str(out))
    assert loud.status == 0
    lines = loud.stderr.splitlines()
    steps = [x.split(" (")[0] for x in lines[:-1]]
    assert steps == [
        "merge: reading base.orgchart",
        "merge: reading ours.orgchart",
        "merge: reading theirs.orgchart",
        "merge: merging",
        "merge: checking the merged org",
        "merge: writing out.orgchart",
    ]
    assert lines[-1] == f"merged 2 changes into {out}"
    merged = out.read_bytes()
    quiet = _run(capsys, "merge", str(base), str(ours), str(theirs), "-o", str(out), "-q")
    assert quiet.stderr.splitlines() == [f"merged 2 changes into {out}"]
    assert out.read_bytes() == merged
    driver = _run(capsys, "merge", "--git", str(base), str(ours), str(theirs))
    assert driver.status == 0
    assert driver.stderr.splitlines() == [f"merged 2 changes into {ours}"]  # no progress
    assert ours.read_bytes() == merged


def _run_on_a_terminal(args: list[str]) -> tuple[int, str, bytes]:
    """``python -m orgeditor ARGS`` with stderr on a pseudo-terminal (stdout a pipe): its exit
    status, its stdout and everything it drew on the terminal."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "orgeditor", *args],
        stdout=subprocess.PIPE,
        stderr=follower,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    os.close(follower)
    drawn = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            proc.kill()
            raise AssertionError("the command did not finish")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command exited
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    return proc.wait(), out, drawn


def test_diff_draws_a_bar_on_a_terminal(tmp_path: Path) -> None:
    """The real thing: change diagrams of 400 people (about 50 pages, over a second) with
    stderr on a terminal draw a bar in place, then clear it."""
    old, new = _versions(tmp_path, people=400)
    out = tmp_path / "changes.pdf"
    status, stdout, drawn = _run_on_a_terminal(["diff", str(old), str(new), "-o", str(out)])
    assert status == 1, drawn
    text = drawn.decode()
    bars = [x for x in text.split("\r\x1b[2K") if x.startswith("diff  [")]
    assert bars, text
    assert any(" pages" in x and "/" in x for x in bars)
    assert "\n" not in "".join(bars)  # redrawn in place, never a new line
    assert f"\r\x1b[2Kwrote {out} (" in text  # the bar is cleared before the last line
    assert text.rstrip().endswith(" pages)")
    assert "Zed Quist" in stdout and "\x1b" not in stdout
