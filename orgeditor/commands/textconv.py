"""``orgeditor textconv FILE``: the org as one stable line per person and structure, for
``git diff`` (see ``docs/git.md``)."""

from __future__ import annotations

from pathlib import Path

from orgeditor.commands.options import Parser, echo, subcommand

__all__ = ["command"]


def _options(parser: Parser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")


@subcommand(_options)
def command(file: Path) -> None:
    """Print FILE as sorted lines by name (a git textconv filter)."""
    from orgeditor.io.orgfile import load
    from orgeditor.model.textconv import org_lines

    echo("\n".join(org_lines(load(file))))
