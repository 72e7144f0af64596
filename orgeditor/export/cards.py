"""What a person's card says: name, title, tech-lead and PM badges, whether it shows a photo;
and its estimated size."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from orgeditor.export.escape import _width, wrap
from orgeditor.export.metrics import BADGE_PT, NAME_PT, PHOTO_GAP, PHOTO_PT, TITLE_PT
from orgeditor.export.themes import Theme
from orgeditor.model.entities import Person, Role
from orgeditor.model.org import Org
from orgeditor.model.vocabulary import is_pm, track

__all__ = ["CardText", "badges", "card_text"]

NAME_WIDTH = 26
TITLE_WIDTH = 32


@dataclass(slots=True)
class CardText:
    """What a card says, line by line (plain data, not frozen: built for every person)."""

    name: tuple[str, ...]
    title: tuple[str, ...]
    badges: tuple[str, ...]
    lead: bool  # a tech lead (drawn with a stronger border)
    open: bool
    #: the card shows the person's photo on its left (``--photos``, the person has one)
    photo: bool = False

    def size(self, extra: tuple[str, ...] = ()) -> tuple[float, float]:
        """Estimated (width, height) in points of the card as Graphviz will draw it."""
        w = max(map(_width, self.name), default=0) * (NAME_PT * 0.62)
        if self.title:
            w = max(w, max(map(_width, self.title)) * (TITLE_PT * 0.52))
        if self.badges:
            w = max(w, max(map(_width, self.badges)) * (BADGE_PT * 0.6))
        if extra:
            w = max(w, max(map(_width, extra)) * (BADGE_PT * 0.58))
        h = (
            len(self.name) * (NAME_PT * 1.2)
            + len(self.title) * (TITLE_PT * 1.2)
            + (len(self.badges) + len(extra)) * (BADGE_PT * 1.25)
        )
        if self.photo:
            return max(w + 20, 96.0) + PHOTO_PT + PHOTO_GAP, max(h, PHOTO_PT) + 12
        return max(w + 20, 96.0), h + 12

    def cell_height(self, extra: int = 0) -> float:
        """Height in points of the card as a cell of a stack table, with ``extra`` marker lines.

        As measured on Graphviz's output: a line in a table cell is as tall as its font; the
        cell adds its padding and border.
        """
        lines = len(self.badges) + extra
        text = len(self.name) * NAME_PT + len(self.title) * TITLE_PT + lines * BADGE_PT
        return (max(text, PHOTO_PT) if self.photo else text) + 18


def badges(org: Org, theme: Theme | None = None) -> dict[str, list[str]]:
    """person id -> badge texts: tech lead of a team/pipeline/unit, PM of a pipeline (and the
    badges of the theme's card marks)."""
    out: dict[str, list[str]] = {}
    if theme is not None:
        for pid, mark in theme.marks.items():
            if mark.badges:
                out[pid] = list(mark.badges)
    for u in org.ordered_units():
        if u.tech_lead:
            out.setdefault(u.tech_lead, []).append(f"\u2605 Tech lead, {u.name}")
    for t in org.ordered_teams():
        if t.tech_lead:
            out.setdefault(t.tech_lead, []).append(f"\u2605 Tech lead, {t.name}")
    for pl in org.ordered_pipelines():
        if pl.tech_lead:
            out.setdefault(pl.tech_lead, []).append(f"\u2605 Tech lead, {pl.name}")
    for pl in org.ordered_pipelines():
        if pl.owner:
            out.setdefault(pl.owner, []).append(f"\u25c6 PM, {pl.name}")
    return out


@functools.lru_cache(maxsize=4096)
def _wrap_title(text: str) -> tuple[str, ...]:
    """A title or badge wrapped to :data:`TITLE_WIDTH` (titles repeat: wrapped once each)."""
    return tuple(wrap(text, TITLE_WIDTH))


def _has_photo(person: Person) -> bool:
    """The person's card can show their photo (the photo modules load only for ``--photos``)."""
    from orgeditor.export.card_photos import card_photo

    return card_photo(person) is not None


def card_text(
    org: Org,
    pid: str,
    lead_badges: dict[str, list[str]],
    titles: bool = True,
    photos: bool = False,
) -> CardText:
    """What ``pid``'s card says; with ``photos``, whether it shows their photo."""
    p = org.people[pid]
    badge = list(lead_badges.get(pid, ()))
    lead = bool(badge) and any(b.startswith("\u2605") for b in badge)
    if not lead:
        tr = track(p)
        if tr is not None:
            badge.insert(0, f"\u2605 {tr.title()} engineer")
            lead = True
    if is_pm(p) and not any(b.startswith("\u25c6") for b in badge):
        badge.append("\u25c6 Product manager")
    if p.role is Role.OPEN and p.name.strip():
        badge.append("Open position")
    name = p.name if p.name.strip() else ("Open position" if p.is_open else "(no name)")
    return CardText(
        tuple(wrap(name, NAME_WIDTH)),
        _wrap_title(p.title) if titles and p.title.strip() else (),
        tuple(line for b in badge for line in _wrap_title(b)) if badge else (),
        lead,
        p.is_open,
        photos and _has_photo(p),
    )
