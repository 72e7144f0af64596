"""The random-event soak: real X input on the real window, several seeds, two orgs.

Each run starts its own X server (``xvfb-run``) and fails on a crash, a traceback on stderr,
a scene that differs from a fresh build, or an undo history that does not lead back to the
opened org (see ``tests/ui/soak.py``; ``benchmarks/soak_window.py`` runs a longer soak).
"""

from __future__ import annotations

import shutil

import pytest

from tests.ui.soak import failures, run_soak


@pytest.mark.xvfb
@pytest.mark.parametrize(
    ("seed", "actions", "size"),
    [(1, 220, 0), (2, 220, 0), (3, 160, 150)],
    ids=["sample-seed1", "sample-seed2", "150-people-seed3"],
)
def test_random_real_input_never_breaks_the_window(seed: int, actions: int, size: int) -> None:
    if not shutil.which("xvfb-run") or not shutil.which("xdotool"):
        pytest.skip("xvfb-run and xdotool are needed for real input")
    result, stderr, status = run_soak(seed, actions, size=size, timeout=300)
    why = failures(result, stderr, status)
    assert not why, f"{why}\n{result}\n{stderr[-4000:]}"
    assert result["actions"] == actions
