"""Export benchmark: DOT speed, our overhead over Graphviz, and name height on a slide.

Run:  .venv/bin/python benchmarks/bench_export.py [--repeat N] [--quick]

Prints
1. DOT generation for a 10,000-person synthetic org (whole reporting chart and matrix;
   target <= 0.3 s);
2. ``orgeditor export`` of a 5,000- and a 20,000-person org to SVG end to end, against
   ``dot -Tsvg`` on the DOT it emits, both whole processes (targets: ratio <= 1.4 at 5,000 and
   <= 1.25 at 20,000; ``--no-stack-too`` also runs ``--no-stack``, slow in Graphviz);
3. the px height of names when each exported page is fit into a 1920x1080 slide, for the
   sample (48 people), the Oracle HR sample (107) and the d3-org-chart sample (1,516), against
   what the issue quotes for other tools (d3-org-chart 3.9 px and a plain networkx-to-Graphviz
   export 1.4 px on Oracle; < 0.3 px for everyone on 1,516 people);
4. paging a reporting chain 1,000 and 5,000 levels deep (the slide pages of a PDF), which took
   19 s and over 300 s before paging was made near-linear;
5. a paged PDF (or with ``--jobs-format pptx`` a picture PowerPoint deck) of a synthetic org
   (``--jobs-size``, default 100,000 people, as ``orgeditor sample --size N`` makes it) with
   ``--jobs 1`` against the default (one process per core), whole processes in turns
   (target: default >= 1.6x faster); measured before: 2,085 pages in 113 s, silent until the
   end.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURES = ROOT.parent / "shared" / "fixtures" / "real"

from timing import installed_env  # noqa: E402

from orgeditor.export.api import ExportOptions, build_pages, render_page  # noqa: E402
from orgeditor.export.measure import slide_name_px  # noqa: E402
from orgeditor.io.orgfile import save  # noqa: E402
from orgeditor.model.org import Org  # noqa: E402
from orgeditor.samples import sample_org, synthetic_org  # noqa: E402


def best_of(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def bench_dot(repeat: int) -> None:
    org = synthetic_org(10_000, seed=1)
    print("1. DOT generation, 10,000 people (target <= 0.300 s)")
    for view in ("reporting", "matrix"):
        opts = ExportOptions(view=view)
        best, med = best_of(lambda o=opts: build_pages(org, o, False), repeat)
        size = len(build_pages(org, opts, False)[0].dot)
        print(f"   {view:9s}: best {best:.3f} s, median {med:.3f} s ({size / 1e6:.1f} MB of DOT)")
    best, med = best_of(lambda: build_pages(org, ExportOptions(), True), max(1, repeat // 2))
    pages = len(build_pages(org, ExportOptions(), True))
    print(f"   reporting split into {pages} slide pages: best {best:.3f} s, median {med:.3f} s")


def _load() -> str:
    """The machine's load average (other work running shifts wall-clock figures)."""
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min)"


def _child_cpu() -> float:
    """User and system CPU seconds of all finished child processes (and theirs)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_end_to_end(repeat: int, size: int, no_stack: bool = False) -> None:
    target = 1.4 if size <= 5000 else 1.25
    print(f"2. orgeditor export, {size:,} people to SVG, end to end (target ratio <= {target})")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.orgchart"
        save(synthetic_org(size, seed=2), src)
        runs: list[tuple[str, list[str]]] = [("stacked (default)", [])]
        if no_stack:
            runs.append(("--no-stack", ["--no-stack"]))
        env = installed_env(Path(tmp) / "pycache")
        for label, extra in runs:
            dot_file, svg_ours, svg_dot = (Path(tmp) / n for n in ("big.dot", "a.svg", "b.svg"))
            cli = [sys.executable, "-m", "orgeditor", "export", str(src), *extra]
            run = functools.partial(
                subprocess.run, check=True, capture_output=True, cwd=ROOT, env=env
            )
            run([*cli, "-o", str(dot_file)])  # also compiles the modules once
            ours, plain, emit = [], [], []
            cpu_ours, cpu_plain = [], []
            for _ in range(repeat):
                c0 = _child_cpu()
                t0 = time.perf_counter()
                run([*cli, "-o", str(svg_ours)])
                ours.append(time.perf_counter() - t0)
                c1 = _child_cpu()
                t0 = time.perf_counter()
                run(["dot", "-Tsvg", str(dot_file), "-o", str(svg_dot)])
                plain.append(time.perf_counter() - t0)
                cpu_ours.append(c1 - c0)
                cpu_plain.append(_child_cpu() - c1)
                t0 = time.perf_counter()
                run([*cli, "-o", str(dot_file)])
                emit.append(time.perf_counter() - t0)
            a, b, c = statistics.median(ours), statistics.median(plain), statistics.median(emit)
            print(f"   {label} ({repeat} runs each, interleaved; {_load()}):")
            print(f"     orgeditor export -o x.svg: median {a:.2f} s (best {min(ours):.2f} s)")
            print(f"     dot -Tsvg on its DOT:      median {b:.2f} s (best {min(plain):.2f} s)")
            print(
                f"     orgeditor export -o x.dot (start-up, load, DOT; no layout): median {c:.2f} s"
            )
            print(f"     ratio: {a / b:.3f} (medians), {min(ours) / min(plain):.3f} (best)")
            ca, cb = statistics.median(cpu_ours), statistics.median(cpu_plain)
            print(
                f"     CPU time (user+sys, dot included; steadier on a busy machine): "
                f"{ca:.2f} s vs {cb:.2f} s, ratio {ca / cb:.3f}"
            )


_VALGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]


def _instructions(cmd: list[str], env: dict[str, str]) -> int:
    """Instructions a process runs (valgrind, without its children): unlike time, the same
    from run to run on a busy machine."""
    out = subprocess.run(
        [*_VALGRIND, *cmd],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    ).stderr
    line = next(x for x in out.splitlines() if "I   refs:" in x or "I refs:" in x)
    return int(line.split()[-1].replace(",", ""))


def bench_instructions(size: int) -> None:
    """Part 2 counted in instructions: the figures do not move with the machine's load, so
    changes to our side can be compared across runs (time ratios need the same machine)."""
    import shutil

    print(f"2b. orgeditor export, {size:,} people, in instructions (valgrind; steady, not a time)")
    if shutil.which("valgrind") is None:
        print("   valgrind is not installed: skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        src, dot_file = Path(tmp) / "big.orgchart", Path(tmp) / "big.dot"
        save(synthetic_org(size, seed=2), src)
        env = installed_env(Path(tmp) / "pycache")
        cli = [sys.executable, "-m", "orgeditor", "export", str(src), "-o", str(dot_file)]
        subprocess.run(cli, check=True, capture_output=True, cwd=ROOT, env=env)  # compiles
        ours = _instructions(cli, env)
        dot = _instructions(["dot", "-Tsvg", str(dot_file), "-o", str(Path(tmp) / "b.svg")], env)
    print(f"     orgeditor export -o x.dot (start-up, load, DOT): {ours / 1e6:,.0f} M")
    print(f"     dot -Tsvg on its DOT:                            {dot / 1e6:,.0f} M")
    ratio = (ours + dot) / dot
    print(f"     (ours + dot) / dot: {ratio:.3f} (Python runs fewer instructions a second than")
    print("     dot: the time ratio is higher)")


def _real(name: str) -> Org | None:
    path = FIXTURES / name
    if not path.exists():
        return None
    from orgeditor.io.hr.hr_import import import_file

    org, _report = import_file(path)
    return org


def bench_slide(quick: bool) -> None:
    print("3. Name height on a 1920x1080 slide (target >= 12 px on every page)")
    orgs: list[tuple[str, Org | None, str]] = [
        ("sample (48)", sample_org(), "-"),
        ("Oracle HR (107)", _real("oracle-hr-sample.csv"), "d3-org-chart 3.9 px, networkx 1.4 px"),
        ("d3-org-chart (1,516)", _real("d3-org-chart-sample.csv"), "all others < 0.3 px"),
    ]
    for label, org, quoted in orgs:
        if org is None:
            print(f"   {label}: fixture missing, skipped")
            continue
        for view in ("reporting", "matrix"):
            opts = ExportOptions(view=view)
            whole = slide_name_px(render_page(build_pages(org, opts, False)[0], "svg", opts))
            pages = build_pages(org, opts, True)
            sample = pages if not quick else pages[:: max(1, len(pages) // 10)]
            px = [slide_name_px(render_page(p, "svg", opts)) for p in sample]
            print(
                f"   {label:21s} {view:9s}: whole chart on one slide {whole:5.1f} px; "
                f"paged ({len(pages)} pages for PDF/PPTX): min {min(px):.1f} px, "
                f"median {statistics.median(px):.1f} px, max {max(px):.1f} px"
            )
        print(f"   {'':21s} quoted for other tools: {quoted}")


def bench_chain() -> None:
    from orgeditor.document import Document
    from orgeditor.model.entities import Role

    print("4. Paging a reporting chain (slide pages for PDF/PPTX; before: 19 s and > 300 s)")
    for levels in (1000, 5000):
        doc = Document()
        boss = None
        for i in range(levels):
            boss = doc.add_person(f"Person {i}", title="Manager", role=Role.MANAGER, manager=boss)
        best, med = best_of(lambda o=doc.org: build_pages(o, ExportOptions(), True), 3)
        count = len(build_pages(doc.org, ExportOptions(), True))
        print(f"   {levels:,} levels: {count} pages, best {best:.2f} s, median {med:.2f} s")


def bench_jobs(size: int, repeat: int, fmt: str = "pdf") -> None:
    from orgeditor.export.parallel import default_jobs

    cores = default_jobs()
    what = "Paged PDF" if fmt == "pdf" else "Picture PowerPoint deck"
    print(f"5. {what} of {size:,} people: --jobs 1 against the default ({cores} jobs)")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.orgchart"
        env = installed_env(Path(tmp) / "pycache")
        subprocess.run(
            [sys.executable, "-m", "orgeditor", "sample", "--size", str(size), "-o", str(src)],
            check=True,
            capture_output=True,
            cwd=ROOT,
            env=env,
        )
        extra_fmt = ["--pictures"] if fmt == "pptx" else []
        times: dict[str, list[float]] = {"1": [], "default": []}
        cpu: dict[str, list[float]] = {"1": [], "default": []}
        outputs: dict[str, bytes] = {}
        loads = []
        for _ in range(repeat):
            for label, extra in (("1", ["--jobs", "1"]), ("default", [])):
                out = Path(tmp) / f"jobs-{label}.{fmt}"
                cmd = [sys.executable, "-m", "orgeditor", "export", str(src), "-o", str(out)]
                loads.append(os.getloadavg()[0])
                c0 = _child_cpu()
                t0 = time.perf_counter()
                proc = subprocess.run(
                    [*cmd, "--quiet", *extra_fmt, *extra],
                    check=True,
                    capture_output=True,
                    cwd=ROOT,
                    env=env,
                )
                times[label].append(time.perf_counter() - t0)
                cpu[label].append(_child_cpu() - c0)
                outputs[label] = _content(out, fmt)
        one, default = statistics.median(times["1"]), statistics.median(times["default"])
        print(f"   {proc.stderr.decode().strip()}")
        print(
            f"   {repeat} runs each, in turns; load average at their starts "
            f"{min(loads):.1f}-{max(loads):.1f} (now {_load()})"
        )
        for label, name in (("1", "--jobs 1"), ("default", "default ")):
            print(
                f"   {name}: median {statistics.median(times[label]):.1f} s "
                f"(best {min(times[label]):.1f} s), CPU {statistics.median(cpu[label]):.1f} s"
            )
        print(f"   speed-up: {one / default:.2f}x (target >= 1.6x)")
        same = outputs["1"] == outputs["default"]
        kind = "PDFs are byte-identical" if fmt == "pdf" else "decks hold the same files"
        print(f"   the two {kind if same else 'outputs DIFFER'}")


def _content(path: Path, fmt: str) -> bytes:
    """A PDF's bytes; a deck's files (a zip's own bytes hold the time it was written)."""
    if fmt == "pdf":
        return path.read_bytes()
    import zipfile

    with zipfile.ZipFile(path) as z:
        return b"".join(n.encode() + z.read(n) for n in sorted(z.namelist()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument(
        "--size", type=int, action="append", help="people in the end-to-end run (repeatable)"
    )
    ap.add_argument("--no-stack-too", action="store_true", help="also time --no-stack")
    ap.add_argument(
        "--only",
        choices=["dot", "e2e", "instructions", "slide", "chain", "jobs"],
        help="run one part (instructions: part 2 counted by valgrind, only when asked)",
    )
    ap.add_argument("--quick", action="store_true", help="measure a sample of the pages")
    ap.add_argument("--jobs-size", type=int, default=100_000, help="people in part 5")
    ap.add_argument(
        "--jobs-format", choices=["pdf", "pptx"], default="pdf", help="part 5: PDF or picture deck"
    )
    args = ap.parse_args()
    if args.only in (None, "dot"):
        bench_dot(args.repeat)
    if args.only in (None, "e2e"):
        for size in args.size or [5000, 20000]:
            bench_end_to_end(args.repeat, size, args.no_stack_too)
    if args.only == "instructions":
        for size in args.size or [5000]:
            bench_instructions(size)
    if args.only in (None, "slide"):
        bench_slide(args.quick)
    if args.only in (None, "chain"):
        bench_chain()
    if args.only in (None, "jobs"):
        bench_jobs(args.jobs_size, max(1, args.repeat // 5), args.jobs_format)


if __name__ == "__main__":
    main()
