"""Fuzz every reader: random mutations of valid files end in a loaded org or one clear line."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from fuzz_helpers import mutate, outcome, seeds

CASES = 150


@pytest.mark.parametrize("suffix", [".orgchart", ".csv", ".xlsx"])
def test_mutated_files_load_or_are_refused_in_one_line(suffix: str, tmp_path: Path) -> None:
    rng = random.Random(f"fuzz{suffix}")
    seed = seeds()[suffix]
    counts = {"loaded": 0, "refused": 0}
    for i in range(CASES):
        path = tmp_path / f"case{i}{suffix}"
        path.write_bytes(mutate(suffix, seed, rng))
        counts[outcome(path)] += 1
    assert counts["loaded"] + counts["refused"] == CASES
    assert counts["refused"] > 0  # the mutations do reach the error paths


def test_mutated_files_through_the_command_line(tmp_path: Path) -> None:
    """A few cases as whole processes: exit 0 or 2, never a traceback, at most one line."""
    rng = random.Random("cli")
    all_seeds = seeds()
    for i in range(12):
        suffix = [".orgchart", ".csv", ".xlsx"][i % 3]
        path = tmp_path / f"c{i}{suffix}"
        path.write_bytes(mutate(suffix, all_seeds[suffix], rng))
        args = (
            ["stats", str(path)]
            if suffix == ".orgchart"
            else ["import", str(path), "-o", str(tmp_path / f"c{i}.orgchart")]
        )
        r = subprocess.run(
            [sys.executable, "-m", "orgeditor", *args], capture_output=True, text=True, timeout=60
        )
        assert r.returncode in (0, 2), r.stderr
        assert "Traceback" not in r.stderr
        if r.returncode == 2:
            assert r.stderr.startswith("orgeditor: ") and r.stderr.count("\n") == 1
