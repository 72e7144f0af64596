"""Benchmark the ``.orgchart`` file and the undo history (issue 2's performance targets).

Prints, for a synthetic org of 20,000 people (``--people``):

* load: :func:`orgeditor.io.orgfile.load` against a plain ``json.load`` of the same file
  (target: at most 3x);
* save: :func:`orgeditor.io.orgfile.save` (stable order, atomic write with fsync) against a
  plain ``json.dump`` of the same data with the same options (``indent=1,
  ensure_ascii=False``) into a file (target: at most 3x);
* undo + redo of a one-person move at 100 and at 20,000 people, in microseconds (target:
  about the same cost at both sizes);
* ``orgeditor stats FILE`` against ``python -c "import json; json.load(open(FILE))"`` as whole
  processes, run in turns (issue 18, target: at most 3x): the fastest wall time of each, the
  median, and the least CPU time.

Every figure is the median of several runs (``--runs``). Run it on a quiet machine::

    .venv/bin/python benchmarks/bench_file.py
    .venv/bin/python benchmarks/bench_file.py --people 50000 --runs 9
    .venv/bin/python benchmarks/bench_file.py --only stats --runs 21
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_time, process_times

from orgeditor.document import Document
from orgeditor.io.orgfile import load, save, to_data
from orgeditor.model.org import Org
from orgeditor.samples import synthetic_org

__all__ = ["main"]


def bench_load(path: Path, runs: int) -> tuple[float, float]:
    def plain() -> object:
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    return median_time(lambda: load(path), runs), median_time(plain, runs)


def bench_save(org: Org, folder: Path, runs: int) -> tuple[float, float]:
    ours = folder / "ours.orgchart"
    theirs = folder / "plain.json"
    data = to_data(org)

    def plain() -> None:
        with open(theirs, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
            f.write("\n")

    return median_time(lambda: save(org, ours), runs), median_time(plain, runs)


def bench_undo_redo(size: int, seed: int, runs: int, loops: int) -> tuple[float, float, float]:
    """Median µs of one undo, one redo, and one undo+redo of a one-person move."""
    doc = Document(synthetic_org(size, seed))
    org = doc.org
    # the same kind of move at both sizes: an IC on one pipeline, to another team and pipeline
    person = next(p for p in org.people if len(org.placements(p)) == 1 and org.people[p].team)
    cell = org.cells_of(person)[0]
    target = next(
        (t, pl)
        for t in org.team_order
        for pl in org.pipeline_order
        if t != cell[0] and pl != cell[1]
    )
    doc.move_people([(person, cell)], target)
    assert doc.undo_label.startswith("Move "), doc.undo_label
    assert len(doc.history._done[-1].changes) == 3  # team, placement out, placement in
    undo_t: list[float] = []
    redo_t: list[float] = []
    clock = time.perf_counter
    for _ in range(runs):
        gc.collect()
        u = r = 0.0
        for _ in range(loops):
            t0 = clock()
            doc.undo()
            t1 = clock()
            doc.redo()
            t2 = clock()
            u += t1 - t0
            r += t2 - t1
        undo_t.append(u / loops * 1e6)
        redo_t.append(r / loops * 1e6)
    both = [a + b for a, b in zip(undo_t, redo_t, strict=True)]
    return statistics.median(undo_t), statistics.median(redo_t), statistics.median(both)


def _print_ratio(ours_name: str, plain_name: str, ours: float, plain: float) -> None:
    ratio = ours / plain
    verdict = "ok" if ratio <= 3 else "OVER TARGET"
    print(
        f"{ours_name} {ours * 1e3:8.1f} ms   {plain_name} {plain * 1e3:8.1f} ms   "
        f"ratio {ratio:4.2f}x  (target <= 3x: {verdict})"
    )


def bench_stats_process(path: Path, runs: int) -> None:
    """``orgeditor stats`` against a bare ``json.load`` of the same file, whole processes."""
    load_json = f"import json; json.load(open({str(path)!r}))"
    script = Path(sys.executable).with_name("orgeditor")  # what users run (no runpy)
    command = [str(script)] if script.exists() else [sys.executable, "-m", "orgeditor"]
    stats, plain = process_times(
        [[*command, "stats", str(path)], [sys.executable, "-c", load_json]], runs
    )
    for name, t in (("orgeditor stats", stats), ("json.load      ", plain)):
        print(
            f"  {name}  fastest {t['min'] * 1e3:6.1f} ms   median {t['median'] * 1e3:6.1f} ms   "
            f"CPU {t['cpu'] * 1e3:6.1f} ms"
        )
    ratio = stats["min"] / plain["min"]
    verdict = "ok" if ratio <= 3 else "OVER TARGET"
    print(
        f"stats  whole processes: fastest {ratio:4.2f}x, median "
        f"{stats['median'] / plain['median']:4.2f}x, CPU {stats['cpu'] / plain['cpu']:4.2f}x  "
        f"(target <= 3x: {verdict}; load average {os.getloadavg()[0]:.2f})"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--people", type=int, default=20_000, help="size of the large org")
    ap.add_argument("--small", type=int, default=100, help="size of the small org (undo/redo)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=7, help="runs per figure (median is shown)")
    ap.add_argument("--loops", type=int, default=2000, help="undo+redo pairs per run")
    ap.add_argument(
        "--only", choices=["load", "save", "undo", "stats"], action="append", help="parts to run"
    )
    args = ap.parse_args(argv)
    parts = set(args.only or ["load", "save", "undo", "stats"])

    print(
        f"orgeditor file benchmark: python {sys.version.split()[0]}, load {os.getloadavg()[0]:.2f}"
    )
    org = synthetic_org(args.people, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "big.orgchart"
        save(org, path)
        size_mb = path.stat().st_size / 1e6
        print(f"file: {args.people:,} people, {size_mb:.1f} MB; median of {args.runs} runs\n")

        if "load" in parts:
            _print_ratio("load   orgfile.load", "json.load", *bench_load(path, args.runs))
        if "save" in parts:
            times = bench_save(load(path), folder, args.runs)
            _print_ratio("save   orgfile.save", "json.dump", *times)
        if "stats" in parts:
            print(f"stats  {args.runs} runs of each process, in turns")
            bench_stats_process(path, args.runs)

    if "undo" not in parts:
        return
    print(f"\nundo + redo of a one-person move ({args.loops} pairs per run)")
    results = {}
    for n in (args.small, args.people):
        u, r, both = bench_undo_redo(n, args.seed, args.runs, args.loops)
        results[n] = both
        print(f"  {n:>7,} people: undo {u:6.1f} µs   redo {r:6.1f} µs   undo+redo {both:6.1f} µs")
    ratio = results[args.people] / results[args.small]
    verdict = "ok" if ratio <= 1.5 else "NOT CONSTANT"
    print(f"  large / small: {ratio:4.2f}x  (target: about 1x: {verdict})")


if __name__ == "__main__":
    main()
