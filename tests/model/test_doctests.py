"""The examples in the docstrings of the headless core stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "orgeditor.model.changes",
    "orgeditor.model.events",
    "orgeditor.model.org",
    "orgeditor.document",
    "orgeditor.samples",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
