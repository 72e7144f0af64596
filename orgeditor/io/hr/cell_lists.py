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

__all__ = ["join_items", "join_names", "split_items", "split_names", "split_shared_names"]

_SPECIAL = frozenset(";|,\n\\")
_MAJOR = re.compile(r"[;|\n]")
_ESCAPE = re.compile(r"([;|,\n\\])")


def _looks_like_id(text: str) -> bool:
    """Without a list of ids: a piece with a digit and no space is an id (``101``, ``E-7``)."""
    return bool(text) and " " not in text and any(c.isdigit() for c in text)


def _tokens(text: str, special: frozenset[str] = _SPECIAL) -> list[tuple[str, bool]]:
    """Characters with a flag: True when escaped (a literal, never a separator); a backslash
    escapes only the characters in ``special``."""
    out: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in special:
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


# ------------------------------------------------- names of teams and pipelines in one cell
#: what a name in a ``pipelines``, ``tech_lead_of`` or ``owner_of`` cell escapes: the list
#: separator, the share separator and the escape itself
_NAME_ESCAPE = re.compile(r"([;:\\\n])")
_NAME_SPECIAL = frozenset(";:\\\n")


def escape_name(name: str) -> str:
    """A team or pipeline name as it goes into a cell: ``Fraud:40%`` -> ``Fraud\\:40%``."""
    return _NAME_ESCAPE.sub(r"\\\1", name)


def join_names(names: Iterable[str]) -> str:
    """Names as one ``"; "``-separated cell, escaped so :func:`split_names` reads them back.

    >>> join_names(["Ranking; ads", "Fraud:40%"])
    'Ranking\\\\; ads; Fraud\\\\:40%'
    >>> split_names(join_names(["Ranking; ads", "Fraud:40%", "a\\\\b"]))
    ['Ranking; ads', 'Fraud:40%', 'a\\\\b']
    """
    return "; ".join(escape_name(n) for n in names)


def split_names(text: str) -> list[str]:
    """The names of a cell, trimmed, empty ones left out (``;`` separates, ``\\;`` does not)."""
    if "\\" not in text:
        return [p.strip() for p in text.split(";") if p.strip()]
    parts = (_text(x).strip() for x in _split_tokens(_tokens(text, _NAME_SPECIAL), ";"))
    return [p for p in parts if p]


def split_shared_names(text: str) -> list[tuple[str, str | None]]:
    """``"A\\:B:60%; C"`` -> ``[("A:B", "60%"), ("C", None)]``: names with their share text.

    Only for cells holding escapes: the share is what follows the last *unescaped* colon.
    """
    out: list[tuple[str, str | None]] = []
    for part in _split_tokens(_tokens(text, _NAME_SPECIAL), ";"):
        cut = max((i for i, (c, esc) in enumerate(part) if c == ":" and not esc), default=-1)
        if cut < 0:
            name, share = _text(part).strip(), None
        else:
            name, share = _text(part[:cut]).strip(), _text(part[cut + 1 :]).strip()
        if name:
            out.append((name, share))
    return out
