"""``orgeditor [FILE]``: open the editor window."""

from __future__ import annotations

from pathlib import Path

from orgeditor.commands.options import Parser, echo, file_path, subcommand
from orgeditor.errors import UserError

__all__ = ["command", "use_utf8_locale"]


def use_utf8_locale() -> None:
    """Run under a UTF-8 locale when the environment gives none (ssh, cron, ``LC_ALL=C``).

    Qt needs one: without it, it prints a four-line warning and switches to C.UTF-8 itself.
    Doing so first, quietly, keeps the user's language settings that are UTF-8 untouched.
    """
    import codecs
    import contextlib
    import locale
    import os

    try:
        locale.setlocale(locale.LC_ALL, "")
        encoding = locale.nl_langinfo(locale.CODESET)
    except (locale.Error, AttributeError, ValueError):
        encoding = ""
    try:
        if encoding and codecs.lookup(encoding).name == "utf-8":
            return
    except LookupError:
        pass
    os.environ["LC_ALL"] = "C.UTF-8"
    with contextlib.suppress(locale.Error):
        locale.setlocale(locale.LC_ALL, "C.UTF-8")


def _options(parser: Parser) -> None:
    parser.add_argument("file", type=Path, nargs="?", default=None, metavar="FILE")
    parser.add_argument(
        "--screenshot",
        metavar="OUT.png",
        type=file_path,
        default=None,
        help="Save a PNG of the window once it is drawn, then exit.",
    )
    parser.add_argument("--size", metavar="WxH", default="1400x900", help="Window size WxH.")


@subcommand(_options)
def command(file: Path | None, screenshot: Path | None, size: str) -> int:
    """Open the editor on FILE (the built-in sample when left out)."""
    try:
        w, h = (int(x) for x in size.lower().split("x"))
        if not (0 < w <= 16384 and 0 < h <= 16384):
            raise ValueError
    except ValueError:
        raise UserError(f"--size takes WIDTHxHEIGHT, such as 1400x900, not {size!r}") from None
    use_utf8_locale()
    try:
        from orgeditor.ui.app import run
    except ImportError as e:
        echo(f"orgeditor: the editor window cannot start: {e}", err=True)
        return 1
    status: int = run(file, screenshot=screenshot, size=(w, h))
    return status
