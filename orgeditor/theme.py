"""Colours shared by the window and the exporters (no Qt here): one calm colour per team kind.

Colours are always 6-digit ``#rrggbb`` strings (Debian's Graphviz 2.43 paints 3-digit ones
black). Each team kind has a *fill* (light, for cards and cells), an *accent* (saturated, for
headers, badges and lines) and a *text* colour that reads on the fill.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "KIND_COLOURS",
    "LEVEL_COLOURS",
    "ROLE_COLOURS",
    "KindColour",
    "kind_colour",
    "level_colour",
]


class KindColour(NamedTuple):
    """A team kind's colours (a tuple: a frozen dataclass costs half a millisecond of start-up
    to create)."""

    fill: str
    accent: str
    text: str = "#1f2933"


KIND_COLOURS: dict[str, KindColour] = {
    "data-operations": KindColour("#fdecd2", "#d9822b"),
    "modeling": KindColour("#dfe9fb", "#2f6fd0"),
    "infrastructure": KindColour("#dff3e4", "#2e9e5b"),
    "tooling": KindColour("#efe3f8", "#8a4fc2"),
    "deployment": KindColour("#fbe0e3", "#cf3f56"),
}

#: Colours for kinds users add themselves: picked by a stable hash of the kind's name.
_EXTRA = (
    KindColour("#dcf1f3", "#1f8f9b"),
    KindColour("#f7f0d4", "#a98a12"),
    KindColour("#e6e8ee", "#5c6b82"),
    KindColour("#f6e2d9", "#b4573a"),
    KindColour("#e4eddc", "#5f8b3a"),
)
NO_KIND = KindColour("#eef1f4", "#7b8794")

ROLE_COLOURS: dict[str, str] = {
    "ic": "#e6eef8",
    "manager": "#d7e7d3",
    "director": "#f3dcc4",
    "vp": "#f0cfc4",
    "pm": "#e3d9f2",
    "open": "#ffffff",
}

#: From junior to senior.
LEVEL_COLOURS: tuple[str, ...] = (
    "#eaf2fb",
    "#d4e5f7",
    "#bcd6f2",
    "#a3c5ea",
    "#8ab3e0",
    "#719fd4",
    "#5a8bc6",
    "#4677b5",
)

INK = "#1f2933"
MUTED = "#616e7c"
GRID_LINE = "#d9dee5"
CANVAS = "#f7f8fa"
WARNING = "#e5a000"
ERROR = "#d64545"


def kind_colour(kind: str | None) -> KindColour:
    """The colours of a team kind (stable for user-defined kinds too)."""
    if not kind:
        return NO_KIND
    known = KIND_COLOURS.get(kind)
    if known is not None:
        return known
    import hashlib  # 3 ms to import: only for a kind without colours of its own

    digest = hashlib.sha1(kind.encode("utf-8")).digest()
    return _EXTRA[digest[0] % len(_EXTRA)]


def level_colour(level: str) -> str:
    """A colour for a level text such as ``L5`` or ``5`` (unknown levels: the lightest)."""
    digits = "".join(ch for ch in level if "0" <= ch <= "9")[:4]  # "L²" has none
    if not digits:
        return LEVEL_COLOURS[0]
    n = int(digits)
    return LEVEL_COLOURS[max(0, min(len(LEVEL_COLOURS) - 1, n - 3))]
