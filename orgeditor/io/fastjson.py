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
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orgeditor.model.org import Org

__all__ = ["dumps_indented", "save_orgchart"]


def _float(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}[repr(value)]
    return float.__repr__(value)


def dumps_indented(data: Any, indent: int = 1) -> str:
    """``json.dumps(data, indent=indent, ensure_ascii=False)``, faster."""
    out: list[str] = []
    append = out.append
    enc = encode_basestring
    pads: list[str] = []

    def pad(level: int) -> str:
        while len(pads) <= level:
            pads.append("\n" + " " * (indent * len(pads)))
        return pads[level]

    def scalar(value: Any) -> str | None:
        t = type(value)
        if t is str:
            return enc(value)
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if t is int:
            return int.__repr__(value)
        if t is float:
            return _float(value)
        if isinstance(value, int):
            return int.__repr__(value)
        if isinstance(value, float):
            return _float(value)
        if isinstance(value, str):
            return enc(value)
        return None

    def emit(value: Any, level: int) -> None:
        text = scalar(value)
        if text is not None:
            append(text)
            return
        if isinstance(value, dict):
            if not value:
                append("{}")
                return
            inner = pad(level + 1)
            first = True
            for k, v in value.items():
                if type(k) is not str:
                    k = _key(k)
                head = ("{" if first else ",") + inner + enc(k) + ": "
                first = False
                text = scalar(v)
                if text is not None:
                    append(head + text)
                else:
                    append(head)
                    emit(v, level + 1)
            append(pad(level) + "}")
        elif isinstance(value, list | tuple):
            if not value:
                append("[]")
                return
            inner = pad(level + 1)
            first = True
            for v in value:
                head = ("[" if first else ",") + inner
                first = False
                text = scalar(v)
                if text is not None:
                    append(head + text)
                else:
                    append(head)
                    emit(v, level + 1)
            append(pad(level) + "]")
        else:
            raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    emit(data, 0)
    return "".join(out)


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


def save_orgchart(org: Org, path: str | Path) -> None:
    """:func:`orgeditor.io.orgfile.save` with the faster writer: the same bytes, atomically."""
    from orgeditor.io.orgfile import atomic_write, to_data

    atomic_write(Path(path), (dumps_indented(to_data(org)) + "\n").encode("utf-8"))
