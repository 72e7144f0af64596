"""Benchmark the HR import (issue 6's performance target).

Writes a CSV of a synthetic org of 20,000 people (``--people``) with the CSV export, then
compares:

* **import**: what ``orgeditor import people.csv -o out.orgchart`` does, in process: read and
  sniff the file, recognise the columns, build the org, write the ``.orgchart`` (atomically);
* **baseline**: reading the same CSV with Python's ``csv`` module (``list(csv.reader(f))``)
  plus writing the same org's data with a plain ``json.dump`` (``indent=1,
  ensure_ascii=False``, the file's options) into a file.

Target: import at most 2x the baseline. Issue 15's target: ``import --update ORG.orgchart``
of the same export (load the planned org, import, merge, save) at most 1.5x the plain
import; the planned org is the plain import with the synthetic org's planning (pipelines,
placements, tech leads) and 2% of the export's rows changed (titles, managers, leavers and
joiners). Also printed: the parts of the import (reading,
building, saving) and the CSV and GraphML exports. Every figure is the median of several runs
(``--runs``). Run it on a quiet machine::

    .venv/bin/python benchmarks/bench_import.py
    .venv/bin/python benchmarks/bench_import.py --people 50000 --runs 9
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_time, median_times

from orgeditor.io import export_table
from orgeditor.io.hr.columns import detect_mapping
from orgeditor.io.hr.hr_import import import_file, import_table
from orgeditor.io.hr.hr_update import frozen_org, update_org
from orgeditor.io.hr.tabular import read_table
from orgeditor.io.orgfile import save, to_data
from orgeditor.samples import synthetic_org

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = folder / "people.csv"
        export_table(synthetic_org(args.people, seed=1), src)
        out = folder / "out.orgchart"
        plain_out = folder / "plain.orgchart"
        org, report = import_file(src)
        data = to_data(org)
        size = src.stat().st_size

        def run_import() -> object:
            org, _ = import_file(src)
            save(org, out)
            return org

        # the planned org: the synthetic org itself (pipelines, placements, tech leads) and an
        # export of it with 2% of the rows changed
        planned = folder / "planned.orgchart"
        save(synthetic_org(args.people, seed=1), planned)
        changed = folder / "changed.csv"
        _changed_export(src, changed)

        def run_update() -> object:
            # what ``orgeditor import changed.csv --update planned.orgchart -o out`` does
            with frozen_org(planned) as org:
                new, new_report = import_file(changed)
                plan = update_org(org, new, new_report)
                del new  # as the command line drops it before writing
                save(org, out)
            return plan

        def run_plain_changed() -> object:
            new, _ = import_file(changed)
            save(new, out)
            return new

        def baseline() -> object:
            with open(src, encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
            with open(plain_out, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=1, ensure_ascii=False)
            return rows

        table = read_table(src)
        mapping = detect_mapping(table.header, table.rows)
        t_import = median_time(run_import, args.runs)
        # interleaved, so that a busy machine slows both alike
        t_plain_changed, t_update = median_times([run_plain_changed, run_update], args.runs)
        c_plain_changed, c_update = median_times(
            [run_plain_changed, run_update], args.runs, time.process_time
        )
        changes = run_update().people  # type: ignore[attr-defined]
        t_base = median_time(baseline, args.runs)
        t_read = median_time(lambda: read_table(src), args.runs)
        t_build = median_time(lambda: import_table(table, mapping), args.runs)
        t_save = median_time(lambda: save(org, out), args.runs)
        t_csv = median_time(lambda: export_table(org, folder / "again.csv"), args.runs)
        t_graphml = median_time(lambda: export_table(org, folder / "org.graphml"), args.runs)

    print(
        f"CSV of {report.people:,} people, {report.teams} teams, {report.pipelines} pipelines "
        f"({size / 1e6:.1f} MB), median of {args.runs} runs"
    )
    print(f"import (read + build + save)   {t_import * 1000:8.1f} ms")
    print(f"baseline (csv.reader + json.dump) {t_base * 1000:5.1f} ms")
    ratio = t_import / t_base
    verdict = "ok" if ratio <= 2.0 else "ABOVE TARGET"
    print(f"ratio import / baseline          {ratio:8.2f}x   (target <= 2x: {verdict})")
    up, cpu_up = t_update / t_plain_changed, c_update / c_plain_changed
    verdict_up = "ok" if cpu_up <= 1.5 else "ABOVE TARGET"
    print(
        f"import of the changed export      {t_plain_changed * 1000:7.1f} ms wall, "
        f"{c_plain_changed * 1000:7.1f} ms CPU"
    )
    print(
        f"same with --update ORG.orgchart   {t_update * 1000:7.1f} ms wall, "
        f"{c_update * 1000:7.1f} ms CPU   ({len(changes)} changes)"
    )
    print(
        f"ratio --update / plain import    {up:8.2f}x wall, {cpu_up:.2f}x CPU "
        f"(target <= 1.5x: {verdict_up})"
    )
    print(f"  read + sniff                   {t_read * 1000:8.1f} ms")
    print(f"  build the org                  {t_build * 1000:8.1f} ms")
    print(f"  save the .orgchart             {t_save * 1000:8.1f} ms")
    print(f"export .csv                      {t_csv * 1000:8.1f} ms")
    print(f"export .graphml                  {t_graphml * 1000:8.1f} ms")
    return 0


def _changed_export(src: Path, dst: Path) -> None:
    """The export with every 50th row changed: a new title, a leaver, a joiner, a move."""
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    col = {h: i for i, h in enumerate(header)}
    out = [header]
    for k, row in enumerate(body):
        row = list(row)
        if k % 50 == 1:
            continue  # a leaver (their reports keep the line as written: unresolved)
        if k % 50 == 2:
            row[col["title"]] = "Senior " + row[col["title"]]
        if k % 50 == 3 and k > 100:
            row[col["manager"]] = body[k - 100][col["manager"]]
        out.append(row)
        if k % 50 == 4:
            joiner = [""] * len(header)
            joiner[col["id"]] = f"new{k}"
            joiner[col["name"]] = f"Joiner {k}"
            joiner[col["title"]] = "ML Engineer"
            joiner[col["manager"]] = row[col["manager"]]
            joiner[col["team"]] = row[col["team"]]
            out.append(joiner)
    with open(dst, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(out)


if __name__ == "__main__":
    raise SystemExit(main())
