"""Benchmark ``orgeditor diff`` (issue 13's performance target).

Makes a synthetic org of 20,000 people (``--people``) and a copy with 500 changes
(``--changes``: moves to another team and manager, hires, leavers, new titles, filled open
positions, new shares), made through the Document API, and prints:

* ``orgeditor diff OLD NEW --json`` against ``orgeditor check OLD`` + ``orgeditor check NEW``,
  every one a separate process, ``--runs`` times interleaved, medians compared (target: diff at
  most 1.2x the sum of the two checks);
* in process: loading both files, ``compare()`` alone, the summary tables and the findings;
* with ``--window``: the window (offscreen Qt) open on NEW, File > Compare With File... OLD
  until the Changes dock and the grid's marks are shown, against ``orgeditor diff --json``
  (target: at most 1.5x).

Run it on a quiet machine (``uptime``)::

    .venv/bin/python benchmarks/bench_diff.py
    .venv/bin/python benchmarks/bench_diff.py --people 50000 --changes 2000 --runs 5
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import process_time  # noqa: E402

from orgeditor.document import Document  # noqa: E402
from orgeditor.model.entities import Role  # noqa: E402
from orgeditor.model.org import Org  # noqa: E402

__all__ = ["changed_copy", "main"]


def changed_copy(org: Org, changes: int, seed: int = 1) -> Org:
    """``org`` (changed in place) after about ``changes`` edits a re-org plan makes."""
    rng = random.Random(seed)
    doc = Document(org)
    teams = list(org.team_order)
    pipes = list(org.pipeline_order)
    managers = [t.manager for t in org.teams.values() if t.manager is not None]
    people = [p.id for p in org.people.values() if not org.direct_reports(p.id)]
    rng.shuffle(people)
    done = 0
    while done < changes and people:
        kind = done % 6
        pid = people.pop()
        if pid not in org.people:
            continue
        if kind == 0:  # a move: another team, its manager
            team = rng.choice(teams)
            doc.move_to_team([pid], team)
            doc.set_manager(pid, org.teams[team].manager)
        elif kind == 1:  # a hire
            team = rng.choice(teams)
            doc.add_person(
                f"New Hire {done}",
                title="ML Engineer",
                team=team,
                pipeline=rng.choice(pipes),
                manager=org.teams[team].manager,
            )
        elif kind == 2:  # a leaver
            doc.remove_people([pid])
        elif kind == 3:  # a promotion
            doc.set_field("person", pid, "title", "Senior " + (org.people[pid].title or "Engineer"))
        elif kind == 4:  # a filled open position, or a new manager
            p = org.people[pid]
            if p.role is Role.OPEN:
                with doc.transaction("Fill"):
                    doc.rename("person", pid, f"Filled {done}")
                    doc.set_field("person", pid, "role", Role.IC)
            else:
                doc.set_manager(pid, rng.choice(managers))
        else:  # a new share
            places = org.placements(pid)
            if places:
                doc.set_share(pid, places[0].team, places[0].pipeline, 50)
            else:
                doc.set_field("person", pid, "level", "L5")
        done += 1
    return org


def make_files(folder: Path, people: int, changes: int) -> tuple[Path, Path]:
    from orgeditor.io.orgfile import save
    from orgeditor.samples import synthetic_org

    old, new = folder / "today.orgchart", folder / "plan.orgchart"
    save(synthetic_org(people, 0), old)
    save(changed_copy(synthetic_org(people, 0), changes), new)
    return old, new


def bench_cli(old: Path, new: Path, runs: int) -> float:
    diff_t: list[float] = []
    check_t: list[float] = []
    for _ in range(runs):  # interleaved, so load changes hit both alike
        check_t.append(
            process_time(["check", "--no-user-defaults", str(old)])
            + process_time(["check", "--no-user-defaults", str(new)])
        )
        diff_t.append(process_time(["diff", "--no-user-defaults", "--json", str(old), str(new)]))
    d, c = statistics.median(diff_t), statistics.median(check_t)
    ratio = d / c
    print(f"orgeditor diff --json OLD NEW:           {d * 1000:8.0f} ms (median of {runs})")
    print(f"orgeditor check OLD + orgeditor check NEW: {c * 1000:6.0f} ms (median of {runs})")
    verdict = "ok" if ratio <= 1.2 else "OVER TARGET"
    print(f"ratio diff / (check + check):            {ratio:8.2f}x  (target <= 1.2x: {verdict})")
    return d


def bench_in_process(old: Path, new: Path) -> None:
    from orgeditor.io.orgfile import load
    from orgeditor.model.compare import compare

    t = time.perf_counter()
    a, b = load(old), load(new)
    t_load = time.perf_counter() - t
    t = time.perf_counter()
    diff = compare(a, b)
    t_cmp = time.perf_counter() - t
    t = time.perf_counter()
    diff.summary  # noqa: B018
    t_sum = time.perf_counter() - t
    t = time.perf_counter()
    diff.to_json()
    t_json = time.perf_counter() - t
    print(
        f"in process: load both {t_load * 1000:.0f} ms, compare {t_cmp * 1000:.0f} ms "
        f"({len(diff.changes)} changes), tables + findings {t_sum * 1000:.0f} ms, "
        f"to_json {t_json * 1000:.0f} ms"
    )


def bench_window(old: Path, new: Path, runs: int, diff_time: float) -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from orgeditor.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        w = MainWindow(
            Document.open(new),
            settings=settings,
            recovery_dir=Path(tmp) / "r",
            autosave=False,
            restore_state=False,
        )
        w.resize(1600, 1000)
        w.show()
        app.processEvents()
        times = []
        for _ in range(runs):
            w.changes.end_comparison()
            app.processEvents()
            t = time.perf_counter()
            w.changes.compare_with_file(old)
            app.processEvents()
            times.append(time.perf_counter() - t)
        n = w.changes.tree.topLevelItemCount()
        w.discard_and_close()
    med = statistics.median(times)
    ratio = med / diff_time
    verdict = "ok" if ratio <= 1.5 else "OVER TARGET"
    print(f"window: Compare With File... until the dock ({n} groups) and the grid are shown:")
    print(
        f"  {med * 1000:.0f} ms (median of {runs}) = {ratio:.2f}x orgeditor diff --json "
        f"(target <= 1.5x: {verdict})"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=20_000)
    ap.add_argument("--changes", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--window", action="store_true", help="also time the Changes dock")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        old, new = make_files(Path(tmp), args.people, args.changes)
        print(f"{args.people:,} people, {args.changes} edits")
        bench_in_process(old, new)
        diff_time = bench_cli(old, new, args.runs)
        if args.window:
            bench_window(old, new, args.runs, diff_time)


if __name__ == "__main__":
    main()
