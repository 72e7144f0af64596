"""A first run as a newcomer makes it: the scripts' output, the locale, the README's commands."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_dev_prints_no_colour_codes_when_not_on_a_terminal() -> None:
    r = subprocess.run(
        [str(ROOT / "dev"), "orgeditor", "--version"], capture_output=True, text=True,
        timeout=600, cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout + r.stderr
    assert r.stdout.startswith("orgeditor ")


def test_build_linux_prints_no_colour_codes_when_not_on_a_terminal() -> None:
    text = (ROOT / "packaging" / "build-linux").read_text()
    assert "[ -t 2 ]" in text  # the arrows are bold only on a terminal
    r = subprocess.run([str(ROOT / "packaging" / "build-linux"), "--bogus"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "\x1b" not in r.stderr


def test_the_window_under_a_c_locale_prints_no_locale_warning(tmp_path: Path) -> None:
    pytest.importorskip("PySide6")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LC_ALL": "C",
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT)),
    }
    out = tmp_path / "w.png"
    r = subprocess.run(
        [sys.executable, "-m", "orgeditor", "--screenshot", str(out), "--size", "800x600"],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert r.returncode == 0, r.stderr
    assert "locale" not in r.stderr.lower(), r.stderr
    assert out.stat().st_size > 0


def test_every_command_the_readme_shows_is_one_the_cli_has() -> None:
    from orgeditor.cli import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = "\n".join(re.findall(r"(?s)```.*?```", readme) + re.findall(r"`[^`\n]+`", readme))
    used = set(re.findall(r"(?m)(?:^|`|\./dev )orgeditor ([a-z]+)\b", code))
    assert used, "the README shows no commands"
    unknown = used - set(COMMANDS) - {"FILE"}
    assert not unknown, f"README shows commands the CLI does not have: {unknown}"
    assert "./dev orgeditor" in readme  # how to run them from a clone
