"""``orgeditor textconv FILE``: the org as one stable line per person and structure, for
``git diff`` (see ``docs/git.md``)."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["command"]


@click.command(name="textconv")
@click.argument("file", type=click.Path(path_type=Path))
def command(file: Path) -> None:
    """Print FILE as sorted lines by name (a git textconv filter)."""
    from orgeditor.io.orgfile import load
    from orgeditor.model.textconv import org_lines

    click.echo("\n".join(org_lines(load(file))))
