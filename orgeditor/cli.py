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
from typing import Any, NoReturn

import click

from orgeditor import __version__

__all__ = ["COMMANDS", "main", "run"]

#: subcommand -> "module:attribute" of a click command.
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


class _LazyGroup(click.Group):
    """A group whose subcommands are imported on use; a bare FILE means ``open FILE``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n in COMMANDS if n not in _HIDDEN)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        cmd: click.Command = getattr(importlib.import_module(module), attr)
        return cmd

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = args[0] if args else None
        if first is None or (first not in COMMANDS and first not in ("--version", "--help", "-h")):
            args = ["open", *args]
        return super().parse_args(ctx, args)


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="With no subcommand: orgeditor [FILE] [--screenshot OUT.png [--size WxH]] "
    "opens the editor (the built-in sample when FILE is left out).",
)
@click.version_option(__version__, prog_name="orgeditor", message="%(prog)s %(version)s")
def cli() -> None:
    """orgeditor: plan, check and draw matrix ML organisations."""


def fail(message: str) -> None:
    """Stop a command with a one-line user error (exit status 2)."""
    raise click.exceptions.UsageError(message)


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


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run the command line; exits with the command's status (raises :class:`SystemExit`)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        rv: Any = cli.main(args=args, prog_name="orgeditor", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("orgeditor: aborted", err=True)
        sys.exit(130)
    except click.exceptions.UsageError as e:
        click.echo(f"orgeditor: {printable(e.format_message())}", err=True)
        sys.exit(2)
    except click.exceptions.ClickException as e:
        click.echo(f"orgeditor: {printable(e.format_message())}", err=True)
        sys.exit(e.exit_code or 2)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        click.echo("orgeditor: interrupted", err=True)
        sys.exit(130)
    except Exception as e:  # user errors from deeper layers carry a clear message
        from orgeditor.errors import is_user_error

        if is_user_error(e):
            click.echo(f"orgeditor: {printable(str(e))}", err=True)
            sys.exit(2)
        raise
    sys.exit(rv if isinstance(rv, int) else 0)


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
