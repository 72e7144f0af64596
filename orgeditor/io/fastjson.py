"""Indented JSON text, byte for byte what ``json.dumps(data, indent=N, ensure_ascii=False)``
gives, about three times faster.

Python's :mod:`json` uses its C encoder only without indentation; indented output goes
through a chain of Python generators. This writer walks the data once, appending to a list,
and encodes strings with the C string encoder. It handles the JSON types (dict with string
keys, list, tuple, str, int, float, bool, None); anything else raises :class:`TypeError`, as
:mod:`json` does. A test checks it against :mod:`json` on real and generated orgs.

>>> dumps_indented({"a": [1, "é", {}], "b": None}) == json.dumps(
...     {"a": [1, "é", {}], "b": None}, indent=1, ensure_ascii=False)
True
"""

from __future__ import annotations

import json  # noqa: F401  (used by the doctest)
from json.encoder import encode_basestring
from typing import Any

__all__ = ["dumps_indented"]


def _float(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}[repr(value)]
    return float.__repr__(value)


def dumps_indented(data: Any, indent: int = 1) -> str:
    """``json.dumps(data, indent=indent, ensure_ascii=False)``, faster."""
    enc = encode_basestring
    pads = ["\n" + " " * (indent * i) for i in range(32)]

    def pad(level: int) -> str:
        while len(pads) <= level:
            pads.append("\n" + " " * (indent * len(pads)))
        return pads[level]

    def value(v: Any, level: int) -> str:
        t = type(v)
        if t is str:
            return enc(v)
        if t is dict:
            return obj(v, level)
        if t is list or t is tuple:
            return arr(v, level)
        if t is int:
            return int.__repr__(v)
        if v is None:
            return "null"
        if v is True:
            return "true"
        if v is False:
            return "false"
        if t is float:
            return _float(v)
        # subclasses, as json treats them
        if isinstance(v, str):
            return enc(v)
        if isinstance(v, dict):
            return obj(v, level)
        if isinstance(v, list | tuple):
            return arr(v, level)
        if isinstance(v, int):
            return int.__repr__(v)
        if isinstance(v, float):
            return _float(v)
        raise TypeError(f"Object of type {type(v).__name__} is not JSON serializable")

    def obj(d: dict[Any, Any], level: int) -> str:
        if not d:
            return "{}"
        inner = pad(level + 1)
        parts: list[str] = []
        add = parts.append
        for k, v in d.items():
            if type(k) is not str:
                k = _key(k)
            if type(v) is str:
                add(enc(k) + ": " + enc(v))
            else:
                add(enc(k) + ": " + value(v, level + 1))
        return "{" + inner + ("," + inner).join(parts) + pads[level] + "}"

    def arr(a: list[Any] | tuple[Any, ...], level: int) -> str:
        if not a:
            return "[]"
        inner = pad(level + 1)
        parts = [enc(v) if type(v) is str else value(v, level + 1) for v in a]
        return "[" + inner + ("," + inner).join(parts) + pads[level] + "]"

    return value(data, 0)


def _key(k: Any) -> str:
    """Dict keys as :mod:`json` writes them (numbers, booleans and None become text)."""
    if isinstance(k, str):
        return k
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "null"
    if isinstance(k, int):
        return int.__repr__(k)
    if isinstance(k, float):
        return _float(k)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")
