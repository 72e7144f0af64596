"""Benchmark plans and merges (issue 16's performance targets), as whole processes.

1. ``orgeditor stats FILE --at DATE`` on a 20,000-person org (``--people``) holding 1,000
   planned steps (``--steps``; moves, hires, leavers, promotions, new managers and shares,
   one to three changes each, all due by DATE) against ``orgeditor stats`` of the same org
   with no plan. Target: at most 1.3x.
2. ``orgeditor merge BASE OURS THEIRS -o OUT`` of two copies of a 20,000-person org with 500
   edits each (``--edits``) against ``orgeditor stats OURS``. Target: at most 3x.

Every figure is the median of ``--runs`` runs, interleaved so that load on the machine hits
both sides alike. Run it on a quiet machine (``uptime``)::

    .venv/bin/python benchmarks/bench_plan.py
    .venv/bin/python benchmarks/bench_plan.py --people 5000 --steps 200 --edits 100 --runs 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_diff import changed_copy  # noqa: E402
from benchmarks.timing import process_time  # noqa: E402
from orgeditor.document import Document  # noqa: E402
from orgeditor.io.orgfile import save  # noqa: E402
from orgeditor.model.org import Org  # noqa: E402
from orgeditor.model.plan import make_step  # noqa: E402
from orgeditor.samples import synthetic_org  # noqa: E402

__all__ = ["main"]


def plan_edits(doc: Document, steps: int, seed: int = 3) -> None:
    """``steps`` undo steps a re-org plan makes: moves (team and manager), hires, leavers,
    promotions, new shares."""
    import random

    org = doc.org
    rng = random.Random(seed)
    teams = list(org.team_order)
    pipes = list(org.pipeline_order)
    leaves = [p.id for p in org.people.values() if not org.direct_reports(p.id)]
    rng.shuffle(leaves)
    i = 0
    while len(doc.history.labels()) < steps:  # some edits change nothing: count undo steps
        i += 1
        pid = leaves.pop()
        kind = i % 5
        team = rng.choice(teams)
        if kind == 0:
            with doc.transaction(f"Move {org.people[pid].name}"):
                doc.move_to_team([pid], team)
                doc.set_manager(pid, org.teams[team].manager)
        elif kind == 1:
            doc.add_person(
                f"New Hire {i}",
                title="ML Engineer",
                team=team,
                pipeline=rng.choice(pipes),
                manager=org.teams[team].manager,
            )
        elif kind == 2:
            doc.remove_people([pid])
        elif kind == 3:
            doc.set_field("person", pid, "title", "Senior " + (org.people[pid].title or "Eng"))
        else:
            places = org.placements(pid)
            if places:
                doc.set_share(pid, places[0].team, places[0].pipeline, 50)
            else:
                doc.set_field("person", pid, "level", "L6")


def _steps_from_history(today: Org, work: Document) -> None:
    """Each undo step of ``work`` (edited from a copy of ``today``) becomes a planned step of
    ``today``, three a day from 2027-01-01, so that they apply one after the other."""

    start = dt.date(2027, 1, 1)
    for i, tx in enumerate(work.history._done):
        day = (start + dt.timedelta(days=i // 3)).isoformat()
        today.plan.append(make_step(tx.label, day, tx.changes))


def _compare(
    name_a: str, a: list[str], name_b: str, b: list[str], runs: int, target: float
) -> None:
    ta: list[float] = []
    tb: list[float] = []
    for _ in range(runs):
        tb.append(process_time(b))
        ta.append(process_time(a))
    ma, mb = statistics.median(ta), statistics.median(tb)
    ratio = ma / mb
    verdict = "ok" if ratio <= target else "OVER TARGET"
    print(f"  {name_a:<42} {ma * 1000:8.0f} ms (median of {runs})")
    print(f"  {name_b:<42} {mb * 1000:8.0f} ms (median of {runs})")
    print(f"  ratio {ratio:.2f}x (target <= {target}x: {verdict})")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=20_000)
    ap.add_argument("--steps", type=int, default=1_000)
    ap.add_argument("--edits", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plain, planned = folder / "plain.orgchart", folder / "planned.orgchart"
        save(synthetic_org(args.people, 0), plain)
        doc = Document(synthetic_org(args.people, 0))
        plan_edits(doc, args.steps)
        today = synthetic_org(args.people, 0)
        _steps_from_history(today, doc)
        save(today, planned)
        n_steps = len(today.plan)
        n_changes = sum(len(s["changes"]) for s in today.plan)
        last = today.plan[-1]["date"]
        print(f"{args.people:,} people; plan: {n_steps} steps, {n_changes} changes, due by {last}")
        _compare(
            f"stats --at {last} (all steps applied)",
            ["stats", str(planned), "--at", last],
            "stats (same org, no plan)",
            ["stats", str(plain)],
            args.runs,
            1.3,
        )

        base, ours, theirs = (folder / f"{n}.orgchart" for n in ("base", "ours", "theirs"))
        save(synthetic_org(args.people, 0), base)
        save(changed_copy(synthetic_org(args.people, 0), args.edits, 1), ours)
        save(changed_copy(synthetic_org(args.people, 0), args.edits, 2), theirs)
        print(f"merge: two copies of {args.people:,} people with {args.edits} edits each")
        _compare(
            "merge BASE OURS THEIRS -o OUT",
            ["merge", str(base), str(ours), str(theirs), "-o", str(folder / "out.orgchart")],
            "stats OURS",
            ["stats", str(ours)],
            args.runs,
            3.0,
        )


if __name__ == "__main__":
    main()
