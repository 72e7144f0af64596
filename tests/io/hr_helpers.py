"""Shared helpers for the HR-export tests: the fixtures folder and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

#: messy HR exports of our own making
HERE = Path(__file__).resolve().parent / "hr_exports"


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``orgeditor ARGS`` in process: (exit status, stdout, stderr)."""
    from orgeditor.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(args)
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out, out.err
