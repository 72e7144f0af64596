"""Run a test's child script in its own X server (``xvfb-run``) with the real xcb platform.

Real input (xdotool) and real ``QDrag`` need a real X server; offscreen Qt finds neither.
A test calls :func:`run_child` with its own file (which runs as the child when executed as a
script); it skips when ``xvfb-run`` or ``xdotool`` is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_child(
    script: str,
    *args: str,
    state: Path | None = None,
    timeout: float = 120,
    screen: str = "1600x1000",
) -> tuple[dict[str, Any], subprocess.CompletedProcess[str]]:
    """Run ``script`` under xvfb-run; (its last JSON line, the finished process)."""
    if not shutil.which("xvfb-run") or not shutil.which("xdotool"):
        pytest.skip("xvfb-run and xdotool are needed for real input")
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env["PYTHONPATH"] = str(ROOT)
    if state is not None:
        env["XDG_STATE_HOME"] = str(state)
    out = subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {screen}x24", sys.executable, script, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"child failed: {out.stdout}\n{out.stderr[-3000:]}"
    return json.loads(lines[-1]), out
