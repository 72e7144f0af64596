"""A long random-input soak of the real window (the CI test runs a short one).

Runs ``tests/ui/soak.py`` (xdotool input in its own Xvfb server) for each seed on the sample
and on a synthetic org, and prints one line per run: actions sent and their kinds, undo steps,
seconds, and any failure (a crash, a traceback on stderr, a scene that differs from a fresh
build, an undo history that does not lead back to the opened org). Exit status 1 when any run
failed.

    .venv/bin/python benchmarks/soak_window.py --seeds 1-5 --actions 1500 --size 150
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.ui.soak import failures, run_soak


def _seeds(text: str) -> list[int]:
    if "-" in text:
        a, b = text.split("-", 1)
        return list(range(int(a), int(b) + 1))
    return [int(s) for s in text.split(",")]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seeds", default="1-3", help="seeds: 1-5 or 1,4,9 (default 1-3)")
    p.add_argument("--actions", type=int, default=1000, help="actions per run (default 1000)")
    p.add_argument("--size", type=int, default=150, help="synthetic org size (0: sample only)")
    p.add_argument("--pace", type=float, default=0.05, help="mean pause between actions (s)")
    args = p.parse_args(argv)
    sizes = [0] + ([args.size] if args.size else [])
    bad = 0
    total = 0
    t_all = time.monotonic()
    for size in sizes:
        for seed in _seeds(args.seeds):
            t0 = time.monotonic()
            result, stderr, status = run_soak(
                seed, args.actions, size=size, pace=args.pace, timeout=args.actions * 3 + 120
            )
            why = failures(result, stderr, status)
            total += int(result.get("actions", 0))
            row = {
                "org": "sample" if size == 0 else f"synthetic {size}",
                "seed": seed,
                "actions": result.get("actions"),
                "undo_steps": result.get("undo_steps"),
                "seconds": round(time.monotonic() - t0, 1),
                "kinds": result.get("kinds"),
                "failures": why,
            }
            print(json.dumps(row), flush=True)
            if why:
                bad += 1
                print(stderr[-3000:], file=sys.stderr)
    minutes = (time.monotonic() - t_all) / 60
    print(f"{total} actions in {minutes:.1f} min, {bad} failed run(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
