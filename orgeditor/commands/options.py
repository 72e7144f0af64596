"""What the subcommands share on the command line: their declaration (:func:`subcommand`), their
parser (usage errors as one-line :class:`~orgeditor.errors.UserError`), the value types
(whole numbers and finite numbers in a range, file paths) and :func:`echo`.

A subcommand is a function whose parameters are its options' destinations::

    def _options(parser: Parser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument("--json", dest="as_json", action="store_true", help="...")

    @subcommand(_options)
    def stats(file: Path, as_json: bool) -> None:
        \"\"\"Headcount ... of an org.\"\"\"

Its docstring is its help (the first paragraph its line in ``orgeditor --help``); a help
text is shown as written (a ``%`` is no format) with the option's default, if it has one.
``orgeditor.cli`` loads the command by name and calls it with its arguments.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from orgeditor.errors import UserError

__all__ = [
    "Command",
    "Parser",
    "count_option",
    "echo",
    "file_path",
    "finite",
    "output_option",
    "subcommand",
    "whole",
]


def echo(text: str, *, err: bool = False, end: str = "\n") -> None:
    """Print ``text`` on stdout (on stderr with ``err``) at once: flushed, so that a report
    and the progress lines around it reach a terminal in the order they were written."""
    stream = sys.stderr if err else sys.stdout
    stream.write(text + end)
    stream.flush()


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it (``$COLUMNS``, stdout's
    terminal, else 80), without importing ``shutil``: it loads the compression modules, 2 ms
    of the start of every command, whose parser asks for a formatter with each option."""
    import os

    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Formatter(argparse.HelpFormatter):
    """Help texts as written, with the option's default; descriptions kept in paragraphs."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_columns() - 2)

    def _get_help_string(self, action: argparse.Action) -> str:
        text = (action.help or "").replace("%", "%%")  # argparse formats what this returns
        default = action.default
        if not action.option_strings or default is None or default is False:
            return text
        if default == "" or default == [] or default is argparse.SUPPRESS:
            return text
        if isinstance(action, argparse.BooleanOptionalAction):
            shown = action.option_strings[0 if default else 1]
        else:
            shown = str(default).replace("%", "%%")
        return f"{text} [default: {shown}]"

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = re.split(r"\n\s*\n", text.strip())
        return "\n\n".join(super(_Formatter, self)._fill_text(p, width, indent) for p in paragraphs)


class Parser(argparse.ArgumentParser):
    """A subcommand's parser: ``-h/--help`` on stdout; a usage error raises a one-line
    :class:`UserError` naming the option (``orgeditor: --size: expected ...``, status 2)."""

    def __init__(self, prog: str, description: str | None = None) -> None:
        super().__init__(
            prog=prog, description=description, formatter_class=_Formatter, allow_abbrev=False
        )

    def error(self, message: str) -> NoReturn:
        missing = "the following arguments are required: "
        if message.startswith(missing):
            message = "missing " + message.removeprefix(missing)
        raise UserError(message.removeprefix("argument "))

    def arguments(self, argv: Sequence[str]) -> dict[str, Any]:
        """Options and arguments in any order: their values by destination."""
        namespace, extra = self.parse_known_intermixed_args(list(argv))
        if extra:
            self.error(self._unexpected(extra[0]))
        return vars(namespace)

    def _unexpected(self, arg: str) -> str:
        if not arg.startswith("-") or arg == "-":
            return f"unexpected extra argument {arg!r}"
        name = arg.partition("=")[0]
        from difflib import get_close_matches

        close = get_close_matches(name, list(self._option_string_actions), n=1)
        return f"no such option: {name}" + (f" (did you mean {close[0]}?)" if close else "")


class Command:
    """One subcommand: ``options`` declares its arguments, ``run`` does the work with them
    (as keyword arguments) and returns the exit status (``None``: 0)."""

    __slots__ = ("options", "run")

    def __init__(
        self, run: Callable[..., int | None], options: Callable[[Parser], None] | None
    ) -> None:
        self.run = run
        self.options = options

    @property
    def help(self) -> str:
        return self.run.__doc__ or ""

    @property
    def summary(self) -> str:
        """The first paragraph of the help, on one line."""
        return " ".join(self.help.strip().split("\n\n")[0].split())

    def parser(self, prog: str) -> Parser:
        parser = Parser(prog, self.help)
        if self.options is not None:
            self.options(parser)
        return parser

    def __call__(self, prog: str, argv: Sequence[str]) -> int | None:
        """Parse ``argv`` (``prog`` names the command in its help) and run the command."""
        return self.run(**self.parser(prog).arguments(argv))


def subcommand(
    options: Callable[[Parser], None] | None = None,
) -> Callable[[Callable[..., int | None]], Command]:
    """Declare a subcommand: its options (added to its parser by ``options``) and its function."""

    def declare(run: Callable[..., int | None]) -> Command:
        return Command(run, options)

    return declare


def whole(minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    """A whole number of ``minimum`` or more (up to ``maximum``)."""
    span = f"of {minimum} or more" if maximum is None else f"from {minimum} to {maximum}"

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum or (maximum is not None and value > maximum):
            raise argparse.ArgumentTypeError(f"expected a whole number {span}, got {text!r}")
        return value

    return parse


def finite(minimum: float, maximum: float) -> Callable[[str], float]:
    """A number from ``minimum`` to ``maximum`` (never ``nan``: every comparison lets it by)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not minimum <= value <= maximum:
            raise argparse.ArgumentTypeError(
                f"expected a number from {minimum:g} to {maximum:g}, got {text!r}"
            )
        return value

    return parse


def file_path(text: str) -> Path:
    """A file's path (to write, or to read if it exists): any path but an existing folder's."""
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a folder, not a file")
    return path


def output_option(parser: Parser, help: str, *, required: bool = False) -> None:
    """The ``-o/--output OUT`` file option, as every command that writes a file has it."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=required,
        type=file_path,
        default=None,
        help=help,
    )


def count_option(
    parser: Parser,
    flag: str,
    help: str,
    *,
    minimum: int = 1,
    default: int | None = None,
    metavar: str = "N",
) -> None:
    """An option whose value is a whole number of at least ``minimum`` (``--page N``)."""
    parser.add_argument(flag, metavar=metavar, type=whole(minimum), default=default, help=help)
