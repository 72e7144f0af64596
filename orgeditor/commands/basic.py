"""``orgeditor sample`` and ``orgeditor stats``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from orgeditor.commands.at import add_at_option, day_option, load_at, warn_stale
from orgeditor.commands.options import Parser, count_option, echo, output_option, subcommand

__all__ = ["sample", "stats"]


def _sample_options(parser: Parser) -> None:
    output_option(parser, "Where to write the .orgchart file.", required=True)
    count_option(
        parser, "--size", "Make a synthetic org of this many people instead of the built-in sample."
    )
    parser.add_argument("--seed", type=int, default=0, help="Seed of the synthetic org.")


@subcommand(_sample_options)
def sample(output: Path, size: int | None, seed: int) -> None:
    """Write the built-in sample org, or a synthetic one of --size people."""
    from orgeditor.io.orgfile import save
    from orgeditor.samples import sample_org, synthetic_org

    org = synthetic_org(size, seed) if size is not None else sample_org()
    save(org, output)
    from orgeditor.model.stats import headcount

    count = headcount(org.people.values()).text()  # the count `orgeditor stats` gives
    echo(
        f"wrote {output} ({count}, {len(org.teams)} teams, {len(org.pipelines)} pipelines)",
        err=True,
    )


def _stats_options(parser: Parser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--json", dest="as_json", action="store_true", help="Print a JSON object.")
    add_at_option(parser)
    parser.add_argument(
        "--timeline",
        action="store_true",
        help="Headcount, open positions, FTE and cost per month or quarter, from today to the "
        "last planned step or target start date.",
    )
    parser.add_argument(
        "--by",
        choices=["month", "quarter"],
        default="quarter",
        help="--timeline: one row per month or per quarter.",
    )


@subcommand(_stats_options)
def stats(file: Path, as_json: bool, at: str | None, timeline: bool, by: str) -> None:
    """Headcount, teams, pipelines and spans of control of an org."""
    from orgeditor.errors import UserError
    from orgeditor.model.hiring import HiringError, cost_totals, has_costs
    from orgeditor.model.stats import format_stats, org_stats

    org, stale = load_at(file, at)
    warn_stale(stale)
    try:
        if timeline:
            from orgeditor.model.hiring import timeline as make_timeline

            rows = make_timeline(org, by, day_option(at))
            if as_json:
                echo(json.dumps({"by": by, "periods": rows}, indent=2, ensure_ascii=False))
            else:
                echo(format_timeline(rows))
            return
        data = org_stats(org)
        if has_costs(org):
            data["cost"] = cost_totals(org)
    except HiringError as e:
        raise UserError(f"{file}: {e}") from None
    if as_json:
        echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        text = format_stats(data)
        if "cost" in data:
            text += "\n" + format_cost(data["cost"])
        echo(text)


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}".strip()


def format_cost(cost: dict[str, Any]) -> str:
    """The annual cost section of ``stats``."""
    cur = cost["currency"]
    lines = ["", f"Annual cost: {_money(cost['total'], cur)}"]
    if cost["unknown"]:
        lines[-1] += f" ({cost['unknown']} without a known cost)"
    for key, title in (("teams", "Teams"), ("pipelines", "Pipelines")):
        lines.append(f"  {title}:")
        lines += [f"    {r['name']:<28} {_money(r['cost'], cur):>16}" for r in cost[key]]
    lines.append("  Managers (their whole org):")
    lines += [f"    {r['name']:<28} {_money(r['cost'], cur):>16}" for r in cost["managers"][:10]]
    return "\n".join(lines)


def format_timeline(rows: list[dict[str, Any]]) -> str:
    """``stats --timeline`` as a table for people."""
    cur = rows[0]["currency"] if rows else ""
    head = f"{'period':<9} {'date':<10} {'people':>7} {'open':>5} {'FTE':>8} {'cost':>16}"
    lines = [head]
    for r in rows:
        lines.append(
            f"{r['period']:<9} {r['date']:<10} {r['people']:>7} {r['open_positions']:>5} "
            f"{r['fte']:>8.1f} {_money(r['cost'], cur):>16}"
        )
        for s in r["stale_steps"]:
            lines.append(f"  skipped: planned step {s['name']!r} ({s['date']}): {s['reason']}")
    return "\n".join(lines)
