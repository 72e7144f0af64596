"""Fuzz every reader for longer than the test suite does, and print the counts.

    .venv/bin/python benchmarks/fuzz_readers.py [CASES_PER_READER] [SEED]

Each case is a random mutation of a valid file (.orgchart, CSV, XLSX); it must end in a
loaded org (that can be saved again) or in one clear user-error line. Anything else is
printed with the case's file kept in a temporary folder, and the exit status is 1.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "io"))

from fuzz_helpers import mutate, outcome, seeds


def main() -> int:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    seed = sys.argv[2] if len(sys.argv) > 2 else "bench"
    folder = Path(tempfile.mkdtemp(prefix="orgeditor-fuzz-"))
    bugs = 0
    started = time.perf_counter()
    for suffix, data in seeds().items():
        rng = random.Random(f"{seed}{suffix}")
        counts = {"loaded": 0, "refused": 0}
        slowest = 0.0
        for i in range(cases):
            path = folder / f"case{i}{suffix}"
            path.write_bytes(mutate(suffix, data, rng))
            t0 = time.perf_counter()
            try:
                counts[outcome(path)] += 1
            except Exception:
                bugs += 1
                print(f"BUG {path}:\n{traceback.format_exc(limit=3)}")
                continue
            slowest = max(slowest, time.perf_counter() - t0)
            path.unlink()
        print(
            f"{suffix:9} {cases} mutated files: {counts['loaded']} loaded, "
            f"{counts['refused']} refused in one line, slowest {slowest * 1000:.0f} ms"
        )
    print(f"{bugs} bugs in {time.perf_counter() - started:.1f} s (kept in {folder})")
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
