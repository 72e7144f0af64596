"""Every module's docstring examples stay true (each module of the package, Qt ones too)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "orgeditor"
MODULES = sorted(
    ".".join(f.relative_to(PKG.parent).with_suffix("").parts).removesuffix(".__init__")
    for f in PKG.rglob("*.py")
    if f.name != "__main__.py"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, report=False)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"


def test_the_core_modules_show_examples() -> None:
    """The modules a newcomer reads first keep runnable examples."""
    for name in (
        "orgeditor.document",
        "orgeditor.errors",
        "orgeditor.model.changes",
        "orgeditor.model.events",
        "orgeditor.model.org",
        "orgeditor.model.summary",
        "orgeditor.model.rules",
        "orgeditor.model.rules.incremental",
        "orgeditor.samples",
    ):
        finder = doctest.DocTestFinder()
        tests = finder.find(importlib.import_module(name))
        assert sum(len(t.examples) for t in tests) > 0, f"{name} has no examples"
