"""Themes for slides: colours of cards, lines and background (no Qt; 6-digit colours only).

``default``: one calm colour per team kind, the same as the window (:mod:`orgeditor.theme`);
``dark``: the same hues on a dark slide; ``team``, ``role`` and ``level``: colour cards by
team, by role or by level instead of by team kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from orgeditor import theme as base
from orgeditor.model.entities import Person, Role
from orgeditor.model.org import Org

__all__ = ["THEMES", "Card", "CardMark", "Theme", "get_theme"]


class Card(NamedTuple):
    """How one person's card is painted (a named tuple: cheap to make and to hash, it keys
    the emitter's caches)."""

    fill: str
    border: str
    text: str
    muted: str


class CardMark(NamedTuple):
    """A mark on one person's card (the change diagrams): its colours (``""``: the theme's),
    the badge lines it adds, and a short sign for the matrix."""

    fill: str
    border: str
    badges: tuple[str, ...] = ()
    sign: str = ""


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    description: str
    colour_by: str  # kind | team | role | level
    background: str = "#ffffff"
    ink: str = base.INK
    muted: str = base.MUTED
    solid: str = "#52606d"
    dotted: str = "#8a4fc2"
    header: str = "#f1f3f6"
    grid: str = base.GRID_LINE
    warning: str = base.ERROR
    dark: bool = False
    font: str = "Helvetica"
    #: person id -> mark; an extra legend line; a mark on every page ("Confidential draft")
    marks: Mapping[str, CardMark] = field(default_factory=dict)
    legend_extra: str = ""
    mark: str = ""
    #: the slide's background is left transparent (``--transparent``, PNG and SVG)
    transparent: bool = False

    def card(self, org: Org, person: Person) -> Card:
        """The colours of a person's card."""
        marked = self.marks.get(person.id)
        if marked is not None and marked.fill:
            return Card(marked.fill, marked.border, "#1f2933", "#3e4c59")
        if person.role is Role.OPEN:
            if self.dark:
                return Card("#262c38", "#9aa5b1", "#d9dee5", "#9aa5b1")
            return Card("#ffffff", "#7b8794", self.ink, self.muted)
        team = org.teams.get(person.team) if person.team else None
        if self.colour_by == "team":
            kc = team_colour(org, team.id) if team else base.NO_KIND
            fill, accent = kc.fill, kc.accent
        elif self.colour_by == "role":
            fill, accent = base.ROLE_COLOURS.get(person.role.value, "#eef1f4"), "#7b8794"
        elif self.colour_by == "level":
            fill, accent = base.level_colour(person.level), "#4677b5"
        else:
            kc = base.kind_colour(team.kind if team else None)
            fill, accent = kc.fill, kc.accent
        if self.dark:
            return Card(_mix(accent, "#1b2029", 0.72), accent, "#eef1f5", "#aab4c0")
        return Card(fill, accent, self.ink, self.muted)

    def team_colours(self, org: Org, team_id: str | None) -> Card:
        """Colours of a team's header and cells (matrix view, clusters)."""
        team = org.teams.get(team_id) if team_id else None
        if self.colour_by == "team" and team is not None:
            kc = team_colour(org, team.id)
        else:
            kc = base.kind_colour(team.kind if team else None)
        if self.dark:
            return Card(_mix(kc.accent, "#1b2029", 0.78), kc.accent, "#eef1f5", "#aab4c0")
        return Card(kc.fill, kc.accent, self.ink, self.muted)


_PALETTE = (
    *base.KIND_COLOURS.values(),
    base.KindColour("#dcf1f3", "#1f8f9b"),
    base.KindColour("#f7f0d4", "#a98a12"),
    base.KindColour("#e6e8ee", "#5c6b82"),
    base.KindColour("#f6e2d9", "#b4573a"),
    base.KindColour("#e4eddc", "#5f8b3a"),
)


def team_colour(org: Org, team_id: str) -> base.KindColour:
    """A distinct colour per team, by the team's place in the team order."""
    try:
        index = org.team_order.index(team_id)
    except ValueError:
        index = 0
    return _PALETTE[index % len(_PALETTE)]


def _mix(colour: str, other: str, amount: float) -> str:
    """``colour`` moved ``amount`` of the way towards ``other`` (6-digit hex)."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(x + (y - x) * amount) for x, y in zip(a, b, strict=True)]
    return "#" + "".join(f"{v:02x}" for v in mixed)


THEMES: dict[str, Theme] = {
    "default": Theme("default", "one colour per team kind (as in the window)", "kind"),
    "dark": Theme(
        "dark",
        "team-kind colours on a dark slide",
        "kind",
        background="#1b2029",
        ink="#eef1f5",
        muted="#aab4c0",
        solid="#9aa5b1",
        dotted="#c39bea",
        header="#2a303c",
        grid="#3e4757",
        warning="#ff7b7b",
        dark=True,
    ),
    "team": Theme("team", "one colour per team", "team"),
    "role": Theme("role", "colour by role (IC, manager, director, PM, open)", "role"),
    "level": Theme("level", "colour by level, light to dark with seniority", "level"),
}


def get_theme(name: str) -> Theme:
    """A theme by name; raises :class:`~orgeditor.errors.UserError` listing the themes."""
    from orgeditor.errors import UserError

    try:
        return THEMES[name]
    except KeyError:
        raise UserError(
            f"--theme: unknown theme {name!r}; choose one of {', '.join(THEMES)}"
        ) from None
