"""The ``orgeditor`` command line.

``orgeditor [FILE]`` opens the editor; the subcommands work headless and never import Qt.
Subcommands are loaded lazily (``COMMANDS`` maps a name to ``module:attribute``), so
``orgeditor --version`` starts in a few milliseconds and ``stats`` does not pay for Graphviz.

User errors (a bad file, a bad option) print one line on stderr and exit with status 2.
:func:`main` is for callers in a process that goes on (tests); :func:`run` is the process.
"""

from __future__ import annotations

import atexit
import importlib
import os
import re
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn, Protocol

from orgeditor import __version__

__all__ = ["COMMANDS", "main", "run"]

#: subcommand -> "module:attribute" of its :class:`~orgeditor.commands.options.Command`.
COMMANDS: dict[str, str] = {
    "open": "orgeditor.commands.gui:command",
    "sample": "orgeditor.commands.basic:sample",
    "stats": "orgeditor.commands.basic:stats",
    "check": "orgeditor.commands.check:command",
    "export": "orgeditor.commands.export:command",
    "diff": "orgeditor.commands.diff:command",
    "import": "orgeditor.commands.transfer:import_command",
    "merge": "orgeditor.commands.merge:command",
    "textconv": "orgeditor.commands.textconv:command",
}

_HIDDEN = {"open"}

_DESCRIPTION = "orgeditor: plan, check and draw matrix ML organisations."
_EPILOG = (
    "With no subcommand: orgeditor [FILE] [--screenshot OUT.png [--size WxH]] opens the editor "
    "(the built-in sample when FILE is left out). orgeditor COMMAND --help tells more."
)


class _Command(Protocol):
    """What ``COMMANDS`` names (:class:`orgeditor.commands.options.Command`)."""

    @property
    def summary(self) -> str: ...

    def __call__(self, prog: str, argv: Sequence[str]) -> int | None: ...


def _command(name: str) -> _Command:
    module, attr = COMMANDS[name].split(":")
    cmd: _Command = getattr(importlib.import_module(module), attr)
    return cmd


def _dispatch(args: list[str]) -> int | None:
    """Run the subcommand ``args`` name (``open`` when the first is none: ``orgeditor FILE``)."""
    first = args[0] if args else None
    if first in ("-h", "--help"):
        sys.stdout.write(_help())
        return 0
    if first == "--version":
        sys.stdout.write(f"orgeditor {__version__}\n")
        return 0
    if first is None or first not in COMMANDS:
        args = ["open", *args]
    return _command(args[0])(f"orgeditor {args[0]}", args[1:])


def _help() -> str:
    """``orgeditor --help``: the subcommands, each with the first line of its help."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="orgeditor",
        usage="%(prog)s [-h] [--version] COMMAND ... | %(prog)s [FILE] [OPTIONS]",
        description=_DESCRIPTION,
        epilog=_EPILOG,
    )
    parser.add_argument("--version", action="store_true", help="Print the version and exit.")
    commands = parser.add_subparsers(title="Commands", metavar="COMMAND")
    for name in sorted(n for n in COMMANDS if n not in _HIDDEN):
        commands.add_parser(name, help=_command(name).summary.replace("%", "%%"), add_help=False)
    return parser.format_help()


#: compiled on first use (by ``re``'s cache): only error messages need it, and compiling it
#: takes a tenth of a millisecond of every start
_UNPRINTABLE = "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"


def printable(message: str) -> str:
    """A message fit for a terminal: control characters, terminal escape sequences and
    bidirectional overrides from user text are shown escaped (``\\x1b``), never obeyed;
    the message stays on one line."""
    return re.sub(
        _UNPRINTABLE, lambda m: m.group().encode("unicode_escape").decode("ascii"), message
    )


def _fail(message: str, status: int) -> NoReturn:
    sys.stderr.write(f"orgeditor: {printable(message)}\n")
    sys.stderr.flush()
    sys.exit(status)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run the command line; exits with the command's status (raises :class:`SystemExit`)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        status = _dispatch(args)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except Exception as e:  # user errors (a bad option, a bad file) carry a clear message
        from orgeditor.errors import is_user_error

        if is_user_error(e):
            _fail(str(e), 2)
        raise
    sys.exit(status if isinstance(status, int) else 0)


def run() -> NoReturn:
    """``python -m orgeditor``: :func:`main` as the whole process, ended without tear-down.

    Tearing the interpreter down frees every object one by one (the modules, a loaded org)
    before the process ends: 5 ms of a 5,000-person export, for memory the system takes
    back at once. So when that is all it would do (:func:`_only_freeing_left`), what else
    it does is done here and the process ends: the ``atexit`` handlers run (logging's flush,
    temporary folders, multiprocessing's children) and stdout and stderr are flushed; a
    failing flush leaves the exit to the interpreter (it reports it and exits with 120).
    """
    try:
        main()
    except SystemExit as done:
        code = done.code
        if not isinstance(code, int) or not _only_freeing_left():
            raise
        atexit._run_exitfuncs()  # (each handler runs once: this empties the list)
        try:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
        except (OSError, ValueError):
            raise done from None
        os._exit(code)


def _only_freeing_left() -> bool:
    """Whether the interpreter's tear-down would do nothing but free memory, run the
    ``atexit`` handlers and flush stdio: not with Qt loaded (the window's objects act as
    they are destroyed), while other threads run (it waits for them), with a profiler,
    tracer, debugger or coverage watching (they report when the program ends) or under
    ``-X dev`` (it reports unclosed files as they are freed)."""
    return (
        "PySide6" not in sys.modules
        and threading.active_count() == 1
        and sys.gettrace() is None
        and sys.getprofile() is None
        and not sys.flags.dev_mode
    )
