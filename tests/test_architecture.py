"""Architecture rules as tests: the model knows no screen; imports run one way, without cycles.

The package's parts and what each may import (:data:`ALLOWED`), from the top down:

- ``__main__`` -> ``cli`` -> ``commands`` (loaded by name, lazily);
- ``commands`` and ``ui`` above ``export``; ``commands`` reaches ``ui`` only to open the window
  (``commands/gui.py``);
- ``export`` above ``document`` and ``io``; ``document`` (and the ``samples``) above ``io``;
- ``io`` and ``document`` above ``model``;
- ``model`` above ``errors``; ``errors``, ``theme`` (colours) and ``progress`` (progress
  reports) are the floor: they import nothing of ours.

Nothing imports upwards (the table is a strict order), and no module imports another that,
while it is being imported, imports it back (no import cycles at run time).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "orgeditor"
HEADLESS = [
    "model",
    "io",
    "export",
    "document",
    "samples",
    "theme",
    "progress",
    "errors",
    "commands",
    "cli",
]
_FLOOR = frozenset({"errors", "theme", "progress"})

#: Each part of the package and the parts it may import (its own modules aside). ``root`` is
#: the package's ``__init__`` (the version and the lazily loaded public names).
ALLOWED: dict[str, frozenset[str]] = {
    "errors": frozenset(),
    "theme": frozenset(),
    "progress": frozenset(),
    "model": frozenset({"errors"}),
    "io": _FLOOR | {"model"},
    "document": _FLOOR | {"io", "model"},
    "samples": _FLOOR | {"io", "model"},
    "export": _FLOOR | {"document", "io", "model"},
    "ui": _FLOOR | {"export", "document", "samples", "io", "model", "root"},
    "commands": _FLOOR | {"ui", "export", "document", "samples", "io", "model", "root"},
    "cli": frozenset({"errors", "root"}),
    "__main__": frozenset({"cli"}),
    "root": frozenset({"document", "model"}),
}
#: The only modules of a part allowed to import a given part above the rest of their own.
ONLY_FROM: dict[tuple[str, str], frozenset[str]] = {
    ("commands", "ui"): frozenset({"orgeditor.commands.gui"}),
}


# ------------------------------------------------------------------ the import graph
def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PKG.parent).with_suffix("").parts).removesuffix(".__init__")


MODULES = {_module_name(f): f for f in sorted(PKG.rglob("*.py"))}


def _part(module: str) -> str:
    """``orgeditor.model.org`` -> ``model``; ``orgeditor`` -> ``root``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "root"


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(node: ast.Import | ast.ImportFrom) -> Iterator[tuple[str, str]]:
    """``(module, name)`` for each of our modules an import statement loads; ``name`` is what
    ``from orgeditor import name`` takes from the package root ("" otherwise)."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name.split(".")[0] == "orgeditor":
                yield alias.name, ""
        return
    if node.level or not node.module or node.module.split(".")[0] != "orgeditor":
        return
    for alias in node.names:
        sub = f"{node.module}.{alias.name}"
        if sub in MODULES:
            yield sub, ""
        else:
            yield node.module, alias.name if node.module == "orgeditor" else ""


def _imports(path: Path, *, at_import_only: bool = False) -> set[tuple[str, str]]:
    """Our modules ``path`` imports: all of them, or only those loaded while it is imported
    (module level, not in a function or under ``if TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[tuple[str, str]] = set()
    if not at_import_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                out.update(_targets(node))
        return out

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                out.update(_targets(node))
            elif isinstance(node, ast.If):
                if not _is_type_checking(node.test):
                    visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                visit(node.orelse)
                visit(node.finalbody)
                for handler in node.handlers:
                    visit(handler.body)
            elif isinstance(node, ast.With):
                visit(node.body)

    visit(tree.body)
    return out


def _all_imports(path: Path) -> set[str]:
    """Every module name an import statement in ``path`` names (ours and others')."""
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


# ------------------------------------------------------------------------ the tests
def test_every_part_is_in_the_table() -> None:
    parts = {_part(m) for m in MODULES}
    assert parts - set(ALLOWED) == set(), "a new part of the package: give it a row in ALLOWED"
    assert set(ALLOWED) - parts == set(), "a part is gone: remove its row from ALLOWED"


def test_the_layers_are_a_strict_order() -> None:
    """No part may import, through any chain of allowed imports, a part that imports it."""

    def below(part: str, seen: frozenset[str] = frozenset()) -> set[str]:
        out: set[str] = set()
        for lower in ALLOWED[part]:
            assert lower not in seen | {part}, f"{part} and {lower} may import each other"
            out |= {lower} | below(lower, seen | {part})
        return out

    for part in ALLOWED:
        assert part not in below(part)


def test_imports_between_parts_follow_the_table() -> None:
    offenders = []
    for module, path in MODULES.items():
        src = _part(module)
        for target, name in _imports(path):
            dst = _part(target)
            if dst == src:
                continue
            allowed = dst in ALLOWED[src]
            only = ONLY_FROM.get((src, dst))
            if only is not None and module not in only:
                allowed = False
            if dst == "root" and name not in ("", "__version__"):
                allowed = False  # the root's public names are for users, not for our modules
            if not allowed:
                offenders.append(f"{module} imports {target}{'.' + name if name else ''}")
    assert offenders == []


def test_no_import_cycles_at_run_time() -> None:
    """The module-level imports (those that run while a module is imported) form no cycle."""
    graph = {
        m: {t for t, _name in _imports(p, at_import_only=True) if t != m}
        for m, p in MODULES.items()
    }
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(m: str) -> None:
        state[m] = 1
        path.append(m)
        for t in sorted(graph.get(m, ())):
            if state.get(t) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*path[path.index(t) :], t]))
            if t not in state:
                walk(t)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            walk(m)


def test_the_cycle_check_finds_a_cycle(tmp_path: Path) -> None:
    """The cycle test sees through ``from package import module`` and ignores lazy imports."""
    a = tmp_path / "a.py"
    a.write_text("from orgeditor import errors\n\ndef f():\n    import orgeditor.cli\n")
    assert _imports(a, at_import_only=True) == {("orgeditor.errors", "")}
    assert ("orgeditor.cli", "") in _imports(a)
    b = tmp_path / "b.py"
    b.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import orgeditor.ui\n")
    assert _imports(b, at_import_only=True) == set()


def test_no_qt_outside_ui() -> None:
    offenders = []
    for part in HEADLESS:
        for f in _files(part):
            if not f.exists():
                continue
            if any(m.split(".")[0] in {"PySide6", "shiboken6"} for m in _all_imports(f)):
                offenders.append(str(f.relative_to(PKG)))
    assert offenders == []


def test_headless_packages_import_with_qt_blocked() -> None:
    """Import every headless module in a fresh interpreter where PySide6 cannot be imported."""
    modules = []
    for part in HEADLESS:
        for f in _files(part):
            if f.exists():
                modules.append(_module_name(f))
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


def _runtime_imports(path: Path) -> set[str]:
    """Our modules ``path`` imports when it runs: everywhere (functions too) but under
    ``if TYPE_CHECKING``."""
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            out.update(t for t, _name in _targets(node))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return out


def test_export_runs_plan_emit_render_without_back_edges() -> None:
    """Inside ``orgeditor.export`` only the orchestrators (``api``, ``diff_charts``, and the
    package's ``to_pydot`` facade) call ``export.api``: the planner, the emitters and the
    packagers are below it and never call back (their type hints may name its options)."""
    allowed = {"orgeditor.export", "orgeditor.export.api", "orgeditor.export.diff_charts"}
    offenders = sorted(
        m
        for m, p in MODULES.items()
        if m.startswith("orgeditor.export.") or m == "orgeditor.export"
        if m not in allowed and "orgeditor.export.api" in _runtime_imports(p)
    )
    assert offenders == []
