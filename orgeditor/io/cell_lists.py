"""Several people in one cell: the grammar of dotted-line manager cells, read and written.

HR systems write several dotted-line (matrix) managers in one cell separated by ``;``, ``|``
or newlines, and sometimes by ``,`` between ids (``"101, 102"``). A comma inside a name is
part of the name: ``"Garcia, Carlos"`` is one person, because its pieces are not ids.

The CSV export writes the same grammar: items joined by ``"; "``, and a ``\\`` before any
``;``, ``|``, ``,``, newline or ``\\`` inside an item, so that export then import gives back
exactly what went out. On reading, a backslash before any other character is kept as it is
(``DOMAIN\\user`` stays ``DOMAIN\\user``).

>>> split_items("101, 102; Garcia, Carlos | Ada")
['101', '102', 'Garcia, Carlos', 'Ada']
>>> split_items("Garcia, Carlos", is_id=lambda t: t in {"101"})
['Garcia, Carlos']
>>> join_items(["p1", "Nowak; Aleks"])
'p1; Nowak\\\\; Aleks'
>>> split_items(join_items(["p1", "Nowak; Aleks", "a\\\\b, c"]), is_id=lambda t: False)
['p1', 'Nowak; Aleks', 'a\\\\b, c']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["join_items", "split_items"]

_SPECIAL = frozenset(";|,\n\\")
_MAJOR = re.compile(r"[;|\n]")
_ESCAPE = re.compile(r"([;|,\n\\])")


def _looks_like_id(text: str) -> bool:
    """Without a list of ids: a piece with a digit and no space is an id (``101``, ``E-7``)."""
    return bool(text) and " " not in text and any(c.isdigit() for c in text)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Characters with a flag: True when escaped (a literal, never a separator)."""
    out: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in _SPECIAL:
            out.append((text[i + 1], True))
            i += 2
            continue
        out.append((c, False))
        i += 1
    return out


def _split_tokens(tokens: list[tuple[str, bool]], seps: str) -> list[list[tuple[str, bool]]]:
    parts: list[list[tuple[str, bool]]] = [[]]
    for c, escaped in tokens:
        if not escaped and c in seps:
            parts.append([])
        else:
            parts[-1].append((c, escaped))
    return parts


def _text(tokens: list[tuple[str, bool]]) -> str:
    return "".join(c for c, _ in tokens)


def split_items(text: str, is_id: Callable[[str], bool] | None = None) -> list[str]:
    """The items of a cell, trimmed, empty ones left out.

    ``is_id`` says whether a text is the id of somebody; a part is split at commas only when
    every piece is an id (without ``is_id``: when every piece looks like one).
    """
    check = is_id or _looks_like_id
    if "\\" not in text:  # the usual case: no escapes
        out: list[str] = []
        for part in _MAJOR.split(text):
            part = part.strip()
            if not part:
                continue
            if "," in part:
                pieces = [x.strip() for x in part.split(",") if x.strip()]
                if len(pieces) > 1 and all(check(x) for x in pieces):
                    out.extend(pieces)
                    continue
            out.append(part)
        return out
    result: list[str] = []
    for part in _split_tokens(_tokens(text), ";|\n"):
        whole = _text(part).strip()
        if not whole:
            continue
        pieces = [_text(x).strip() for x in _split_tokens(part, ",")]
        pieces = [x for x in pieces if x]
        if len(pieces) > 1 and all(check(x) for x in pieces):
            result.extend(pieces)
        else:
            result.append(whole)
    return result


def join_items(items: Iterable[str]) -> str:
    """Items as one cell, ``"; "``-separated, escaped so :func:`split_items` reads them back."""
    return "; ".join(_ESCAPE.sub(r"\\\1", item) for item in items)
