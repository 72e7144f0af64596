"""``orgeditor sample`` and ``orgeditor stats``."""

from __future__ import annotations

import json
from pathlib import Path

import click

__all__ = ["sample", "stats"]


@click.command()
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the .orgchart file.",
)
@click.option(
    "--size",
    type=click.IntRange(min=1),
    default=None,
    help="Make a synthetic org of this many people instead of the built-in sample.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the synthetic org.")
def sample(output: Path, size: int | None, seed: int) -> None:
    """Write the built-in sample org, or a synthetic one of --size people."""
    from orgeditor.io.orgfile import save
    from orgeditor.samples import sample_org, synthetic_org

    org = synthetic_org(size, seed) if size is not None else sample_org()
    save(org, output)
    from orgeditor.model.stats import headcount

    count = headcount(org.people.values()).text()  # the count `orgeditor stats` gives
    click.echo(
        f"wrote {output} ({count}, {len(org.teams)} teams, {len(org.pipelines)} pipelines)",
        err=True,
    )


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
def stats(file: Path, as_json: bool) -> None:
    """Headcount, teams, pipelines and spans of control of an org."""
    from orgeditor.io.orgfile import load
    from orgeditor.model.stats import format_stats, org_stats

    data = org_stats(load(file))
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(format_stats(data))
