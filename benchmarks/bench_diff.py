"""Benchmark ``orgeditor diff`` (issue 13's performance target).

Makes a synthetic org of 20,000 people (``--people``) and a copy with 500 changes
(``--changes``: moves to another team and manager, hires, leavers, new titles, filled open
positions, new shares), made through the Document API, and prints:

* ``orgeditor diff OLD NEW --json`` against ``orgeditor check OLD`` + ``orgeditor check NEW``,
  every one a separate process, ``--runs`` times interleaved, medians compared (target: diff at
  most 1.2x the sum of the two checks);
* in process: loading both files, ``compare()`` alone, the summary tables and the findings.

Run it on a quiet machine (``uptime``)::

    .venv/bin/python benchmarks/bench_diff.py
    .venv/bin/python benchmarks/bench_diff.py --people 50000 --changes 2000 --runs 5
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def _process_time(args: list[str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "orgeditor", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        check=False,
    )
    elapsed = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(f"orgeditor {' '.join(args)} failed: {proc.stderr.decode()}")
    return elapsed


def bench_cli(old: Path, new: Path, runs: int) -> float:
    diff_t: list[float] = []
    check_t: list[float] = []
    for _ in range(runs):  # interleaved, so load changes hit both alike
        check_t.append(
            _process_time(["check", "--no-user-defaults", str(old)])
            + _process_time(["check", "--no-user-defaults", str(new)])
        )
        diff_t.append(_process_time(["diff", "--no-user-defaults", "--json", str(old), str(new)]))
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


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=20_000)
    ap.add_argument("--changes", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        old, new = make_files(Path(tmp), args.people, args.changes)
        print(f"{args.people:,} people, {args.changes} edits")
        bench_in_process(old, new)
        bench_cli(old, new, args.runs)


if __name__ == "__main__":
    main()
