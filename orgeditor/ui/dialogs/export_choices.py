"""The Export dialog's remembered choices: what is kept in :class:`QSettings` between runs.

One place owns the keys under ``export/``: :func:`last_options` reads them back as
:class:`~orgeditor.export.api.ExportOptions` (defaults for anything missing or unreadable),
:func:`save_choices` writes them, and :class:`Choices` adds what is not an export option (the
format, the kind of slides, the folder of the last export). A remembered PowerPoint template
that no longer exists is forgotten, not offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from orgeditor.export.api import ExportOptions
from orgeditor.export.themes import THEMES

__all__ = ["KEY", "Choices", "last_choices", "last_options", "save_choices", "settings_or_default"]

KEY = "export/"
FORMATS = ("pdf", "pptx", "svg", "png", "dot")
SLIDES = ("editable", "pictures")


@dataclass(frozen=True)
class Choices:
    """Everything the dialog remembers: the export options and the dialog's own choices."""

    options: ExportOptions
    format: str = "pdf"
    slides: str = "editable"
    #: where the last export went (used when the document was never saved)
    folder: str = ""


def settings_or_default(settings: QSettings | None) -> QSettings:
    """``settings``, or the application's own."""
    return settings if settings is not None else QSettings()


def _flag(s: QSettings, key: str, default: bool) -> bool:
    value = s.value(KEY + key, default)
    return value if isinstance(value, bool) else value in ("true", "1", 1)


def _number(s: QSettings, key: str, default: float) -> float:
    try:
        return float(str(s.value(KEY + key, default)))
    except ValueError:
        return default


def _one_of(s: QSettings, key: str, allowed: tuple[str, ...], default: str) -> str:
    value = str(s.value(KEY + key, default))
    return value if value in allowed else default


def remembered_template(s: QSettings) -> str | None:
    """The remembered PowerPoint template, if the file is still there (else it is forgotten)."""
    value = str(s.value(KEY + "template", "") or "")
    if not value:
        return None
    if not Path(value).is_file():
        s.remove(KEY + "template")
        return None
    return value


def last_options(settings: QSettings | None = None) -> ExportOptions:
    """The options last used in the export dialog (defaults when there are none)."""
    s = settings_or_default(settings)
    depth = int(_number(s, "depth", -1))
    scale = _number(s, "scale", 1.0)
    return ExportOptions(
        view=str(s.value(KEY + "view", "reporting")),
        theme=_one_of(s, "theme", tuple(THEMES), "default"),
        titles=_flag(s, "titles", True),
        clusters=_one_of(s, "clusters", ("", "team", "unit"), ""),
        stack=_flag(s, "stack", True),
        depth=None if depth < 0 else depth,
        pipeline=str(s.value(KEY + "pipeline", "")) or None,  # its id
        root=str(s.value(KEY + "root", "")) or None,
        scale=scale if scale > 0 else 1.0,
        transparent=_flag(s, "transparent", False),
        pictures=_one_of(s, "slides", SLIDES, "editable") == "pictures",
        template=remembered_template(s),
    )


def last_choices(settings: QSettings | None = None) -> Choices:
    """What the dialog opens with: the last options, format, slides and folder."""
    s = settings_or_default(settings)
    return Choices(
        options=last_options(s),
        format=_one_of(s, "format", FORMATS, "pdf"),
        slides=_one_of(s, "slides", SLIDES, "editable"),
        folder=str(s.value(KEY + "folder", "") or ""),
    )


def save_choices(settings: QSettings, choices: Choices) -> None:
    """Remember ``choices`` for the next time the dialog opens (and for Copy Diagram)."""
    o, s = choices.options, settings
    s.setValue(KEY + "view", o.view)
    s.setValue(KEY + "theme", o.theme)
    s.setValue(KEY + "format", choices.format)
    s.setValue(KEY + "slides", choices.slides)
    s.setValue(KEY + "titles", o.titles)
    s.setValue(KEY + "clusters", o.clusters)
    s.setValue(KEY + "stack", o.stack)
    s.setValue(KEY + "depth", -1 if o.depth is None else o.depth)
    s.setValue(KEY + "pipeline", o.pipeline or "")
    s.setValue(KEY + "root", o.root or "")
    s.setValue(KEY + "scale", o.scale)
    s.setValue(KEY + "transparent", o.transparent)
    s.setValue(KEY + "template", o.template or "")
    if choices.folder:
        s.setValue(KEY + "folder", choices.folder)
