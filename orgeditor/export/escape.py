"""Escaping of user text for DOT: quoted strings and Graphviz HTML-like labels.

Node ids are never user text (they are opaque ``n1``, ``n2``, ...); every display string goes
through one of these functions before it reaches DOT.

>>> dot_string('say "hi" \\\\ bye')
'"say \\\\"hi\\\\" \\\\\\\\ bye"'
>>> html_text("R&D <core>")
'R&amp;D &lt;core&gt;'
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

__all__ = ["clean", "dot_string", "html_lines", "html_text", "wrap"]

_HTML_SPECIAL = re.compile(r'[\\&<>"]')
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")


def clean(text: str) -> str:
    """Drop control characters (keeping newlines), turn tabs and CRs into spaces, strip."""
    if text.isprintable():  # no control characters, newlines, tabs or lone surrogates
        return text.strip()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    # lone surrogates cannot be encoded as UTF-8: replace them
    text = text.encode("utf-8", "replace").decode("utf-8")
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def dot_string(text: str) -> str:
    """``text`` as a double-quoted DOT string (backslashes, quotes and newlines escaped)."""
    text = clean(text)
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def html_text(text: str) -> str:
    """``text`` for a Graphviz HTML-like label (one line; newlines become spaces)."""
    if text.isprintable():  # what clean() would do to it
        if not _HTML_SPECIAL.search(text):
            return text.strip()
        text = text.strip()
    else:
        text = clean(text).replace("\n", " ")
    # Graphviz applies its backslash escapes (\N, \G, \l) even inside HTML-like labels
    return (
        text.replace("\\", "\\\\")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def wrap(text: str, width: int = 30) -> list[str]:
    """Split ``text`` into lines of at most about ``width`` characters, on spaces if possible.

    Newlines in the text are kept as line breaks; words longer than ``width`` are cut.
    Nothing is dropped: joining the lines gives the words back.
    """
    if text.isprintable():  # one paragraph; the only white space is " " (not "\xa0")
        if text.isascii():
            if len(text) <= width and "  " not in text:
                return [text.strip()]
            return _fill(text.split(), width, len, _cut_ascii)
        if _width(text) <= width and "  " not in text:
            return [text.strip()]
    out: list[str] = []
    for para in clean(text).split("\n"):
        out.extend(_fill(para.split(), width, _width, _cut))
    return out or [""]


def _fill(
    words: list[str], width: int, measure: Callable[[str], int], cut: Callable[[str, int], int]
) -> list[str]:
    """Words greedily into lines of at most ``width`` columns (as ``measure`` counts them)."""
    out: list[str] = []
    line = ""
    for word in words:
        while measure(word) > width:
            if line:
                out.append(line)
                line = ""
            n = cut(word, width)
            out.append(word[:n])
            word = word[n:]
        if not line:
            line = word
        elif measure(line) + 1 + measure(word) <= width:
            line = f"{line} {word}"
        else:
            out.append(line)
            line = word
    out.append(line)
    return out


def _cut_ascii(word: str, width: int) -> int:
    return width


def html_lines(text: str, width: int = 30) -> str:
    """``text`` wrapped and escaped for an HTML-like label, lines joined with ``<BR/>``."""
    return "<BR/>".join(html_text(line) for line in wrap(text, width))


#: characters drawn about twice as wide as a Latin letter (CJK, Hangul, full-width, emoji), as
#: ranges of code points (a regular expression of them costs 3 ms to compile at start-up)
_WIDE = (
    (0x1100, 0x115F),
    (0x2E80, 0x303E),
    (0x3041, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA000, 0xA4CF),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFF60),
    (0xFFE0, 0xFFE6),
    (0x1F300, 0x1FAFF),
    (0x20000, 0x3FFFD),
)
_WIDE_STARTS = [start for start, _end in _WIDE]


def _char_width(ch: str) -> int:
    code = ord(ch)
    if code < 0x1100:
        return 1
    i = bisect.bisect_right(_WIDE_STARTS, code) - 1
    return 2 if i >= 0 and code <= _WIDE[i][1] else 1


def _width(text: str) -> int:
    if text.isascii() or max(text) < "\u1100":  # no wide character: most names and titles
        return len(text)
    # each distinct character above U+1100 looked at once (badges and notes start with one
    # that is not wide, such as the star): a text is as wide as its length plus its wide
    # characters
    return len(text) + sum(
        text.count(ch) for ch in set(text) if ch >= "\u1100" and _char_width(ch) == 2
    )


def _cut(word: str, width: int) -> int:
    total = 0
    for i, ch in enumerate(word):
        total += _char_width(ch)
        if total > width:
            return max(1, i)
    return len(word)
