"""SIGKILL at random moments while saving over a file: the old file or the new one is always
whole, and the next save leaves no temporary file behind (issue 17)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from orgeditor.io.orgfile import save
from orgeditor.samples import synthetic_org

SAVER = """
import sys
from orgeditor.io.orgfile import load, save
target = sys.argv[3]
orgs = [load(sys.argv[1]), load(sys.argv[2])]
print("ready", flush=True)
i = 0
while True:
    save(orgs[i % 2], target)
    i += 1
"""

KILLS = int(os.environ.get("ORGEDITOR_KILLS", "30"))  # more: ORGEDITOR_KILLS=200


def test_kills_during_saves_never_leave_a_half_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.orgchart", tmp_path / "b.orgchart"
    save(synthetic_org(800, seed=1), a)
    save(synthetic_org(900, seed=2), b)
    good = {a.read_bytes(), b.read_bytes()}
    work = tmp_path / "work"
    work.mkdir()
    target = work / "org.orgchart"
    target.write_bytes(a.read_bytes())
    rng = random.Random(17)
    survived = 0
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(a), str(b), str(target)],
            stdout=subprocess.PIPE, text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert target.read_bytes() in good
        survived += 1
    # what the kills left behind goes with the next save of the same file
    save(synthetic_org(800, seed=1), target)
    assert os.listdir(work) == ["org.orgchart"]
    assert survived == KILLS
