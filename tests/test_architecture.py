"""Architecture rules as tests: the model knows no screen; imports run one way."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "orgeditor"
HEADLESS = ["model", "io", "export", "document", "samples", "theme", "commands", "cli"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def _files(part: str) -> list[Path]:
    p = PKG / part
    return sorted(p.rglob("*.py")) if p.is_dir() else [p.with_suffix(".py")]


def test_no_qt_outside_ui() -> None:
    offenders = []
    for part in HEADLESS:
        for f in _files(part):
            if not f.exists():
                continue
            if any(m.split(".")[0] in {"PySide6", "shiboken6"} for m in _imports(f)):
                offenders.append(str(f.relative_to(PKG)))
    assert offenders == []


def test_model_imports_nothing_above_it() -> None:
    for f in _files("model"):
        above = {
            m
            for m in _imports(f)
            if m.startswith("orgeditor.")
            and not m.startswith("orgeditor.model")
            and m != "orgeditor.errors"  # the exception hierarchy is the floor of every layer
        }
        assert above == set(), f"{f.name} imports {above}"


def test_headless_packages_import_with_qt_blocked() -> None:
    """Import every headless module in a fresh interpreter where PySide6 cannot be imported."""
    modules = []
    for part in HEADLESS:
        for f in _files(part):
            if f.exists():
                rel = f.relative_to(PKG.parent).with_suffix("")
                modules.append(".".join(rel.parts).removesuffix(".__init__"))
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt is blocked in headless code: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {modules!r}:\n"
        "    __import__(m)\n"
        "print('ok')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PKG.parent
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_version_does_not_load_networkx_or_qt() -> None:
    code = (
        "import sys\n"
        "from orgeditor.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('networkx', 'PySide6', 'pydot') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PKG.parent
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
