"""``orgeditor merge BASE OURS THEIRS -o OUT`` and ``orgeditor merge --git %O %A %B``.

A three-way merge at the level of people, teams, pipelines, units, lines, placements and
planned steps (:mod:`orgeditor.model.merge`). Conflicts keep OURS' value and are recorded in
the output file, where ``orgeditor check`` reports them (rule ``merge-conflict``) and the
window offers "keep ours / take theirs". Exit status: 0 when clean, 1 with conflicts, 2 on a
user error (nothing written).

As a git merge driver (``--git %O %A %B``) the result replaces ``%A``, as git expects.
"""

from __future__ import annotations

import json
from pathlib import Path

from orgeditor.commands.options import Parser, echo, output_option, subcommand
from orgeditor.errors import UserError

__all__ = ["command"]


def _options(parser: Parser) -> None:
    parser.add_argument("base", type=Path, metavar="BASE")
    parser.add_argument("ours", type=Path, metavar="OURS")
    parser.add_argument("theirs", type=Path, metavar="THEIRS")
    output_option(parser, "Where to write the merged .orgchart.")
    parser.add_argument(
        "--git",
        action="store_true",
        help="Run as a git merge driver: BASE OURS THEIRS are %O %A %B; the result replaces OURS.",
    )
    parser.add_argument(
        "--json",
        dest="as_json",
        action="store_true",
        help="Print what was merged and each conflict.",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="Print no progress on stderr (always so with --git).",
    )


@subcommand(_options)
def command(
    base: Path,
    ours: Path,
    theirs: Path,
    output: Path | None,
    git: bool,
    as_json: bool,
    quiet: bool = False,
) -> int:
    """Merge THEIRS into OURS, both edited from BASE (exit 1 if anything conflicts)."""
    if git:
        if output is not None:
            raise UserError("--git writes the result to OURS (%A): leave out -o")
        output = ours
    elif output is None:
        raise UserError("merge needs -o OUT (or --git to write into OURS)")
    import gc

    from orgeditor.io.merge_files import merge_files
    from orgeditor.io.orgfile import save
    from orgeditor.progress import for_stderr

    gc.disable()  # millions of small objects, no cycles: the cycle collector only costs time
    # git runs the driver inside `git merge`, whose own output must stay clean: no progress
    with for_stderr("merge", quiet or git, ticking=True) as progress:
        org, result = merge_files(base, ours, theirs, empty_base=git, progress=progress)
        progress.phase(f"writing {output.name}")
        save(org, output)
    if as_json:
        report = {
            "output": str(output),
            "merged": result.merged,
            "conflicts": [
                {k: c[k] for k in ("subject", "field", "base", "ours", "theirs")}
                for c in result.conflicts
            ],
        }
        echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        from orgeditor.model.rules.plan_rules import conflict_message

        for c in result.conflicts:
            echo(f"conflict: {conflict_message(c, org)}", err=True)
        n = len(result.conflicts)
        echo(
            f"merged {len(result.merged)} change{'s' if len(result.merged) != 1 else ''} into "
            f"{output}" + (f"; {n} conflict{'s' if n != 1 else ''} (ours kept)" if n else ""),
            err=True,
        )
    return 1 if result.conflicts else 0
