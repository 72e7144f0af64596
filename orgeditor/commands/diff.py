"""``orgeditor diff OLD NEW [NEW2 ...]``: what changed between two (or more) versions of an org.

Text by default (changes grouped by kind, then team, pipeline, shape and findings tables);
``--json`` prints one object (documented key by key in ``docs/command-line.md``); ``-o OUT``
writes a report or change diagrams picked by suffix (``.md``, ``.csv``, ``.pdf``, ``.pptx``,
``.svg``, ``.png``). With more than two files each scenario is compared with the first.

Exit status like diff(1): 0 when nothing changed, 1 when something did, 2 on a user error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgeditor.commands.at import add_at_option, day_option, load_at, warn_stale
from orgeditor.commands.options import Parser, echo, output_option, subcommand
from orgeditor.errors import UserError

if TYPE_CHECKING:
    from orgeditor.progress import Progress

__all__ = ["REPORT_SUFFIXES", "command", "diff_json", "label_for"]

REPORT_SUFFIXES = (".md", ".csv")


def label_for(path: Path, others: list[Path]) -> str:
    """A short name for one file in headings: its file name (the full path when two share
    a name)."""
    same = [p for p in others if p.name == path.name]
    return str(path) if len(same) > 1 else path.name


def diff_json(diffs: list[Any], paths: list[Path]) -> dict[str, Any]:
    """The ``--json`` object: one comparison's for two files; for more, the base, a list of
    scenarios (each the two-file object of base -> scenario) and the tables side by side."""
    objs = []
    for diff, path in zip(diffs, paths[1:], strict=True):
        obj = diff.to_json()
        obj["old"]["file"] = str(paths[0])
        obj["new"]["file"] = str(path)
        objs.append(obj)
    if len(objs) == 1:
        return dict(objs[0])
    out: dict[str, Any] = {"base": objs[0]["old"], "scenarios": objs}
    for key in ("teams", "pipelines"):  # side by side: the base, then each scenario
        rows: dict[str, dict[str, Any]] = {}
        for k, obj in enumerate(objs):
            for row in obj[key]:
                ident = row["id"] if obj["match"] == "id" else row["name"]
                entry = rows.setdefault(
                    ident,
                    {"id": row["id"], "name": row["name"], "values": [None] * (len(objs) + 1)},
                )
                if row["old"] is not None:
                    entry["values"][0] = row["old"]
                entry["values"][k + 1] = row["new"]
        out[key] = list(rows.values())
    out["shape"] = [objs[0]["shape"]["old"], *(obj["shape"]["new"] for obj in objs)]
    return out


def _options(parser: Parser) -> None:
    parser.add_argument("files", type=Path, nargs="*", metavar="FILE")
    parser.add_argument(
        "--json", dest="as_json", action="store_true", help="Print one JSON object."
    )
    parser.add_argument(
        "--match",
        choices=["id", "name"],
        default="id",
        help="Match people, teams and pipelines by id, or by exact name (renumbered HR exports).",
    )
    output_option(
        parser, "Also write the report or the change diagrams: .md .csv .pdf .pptx .svg .png"
    )
    parser.add_argument(
        "--view",
        choices=["reporting", "matrix"],
        default="reporting",
        help=".svg/.png: which diagram of the new org (PDF and PowerPoint hold both).",
    )
    parser.add_argument(
        "--mark",
        metavar="TEXT",
        default=None,
        help='A mark on every page or slide ("Confidential draft").',
    )
    parser.add_argument(
        "--no-user-defaults",
        action="store_true",
        help="Findings with the files' rule settings only, not ~/.config/orgeditor/rules.json.",
    )
    parser.add_argument(
        "--pictures",
        action="store_true",
        help=".pptx: a picture of each page on its slide instead of editable shapes.",
    )
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=float,
        default=300.0,
        help="Seconds the diagrams may take (the whole export).",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="Print no progress on stderr.")
    add_at_option(parser)
    parser.add_argument(
        "--from",
        dest="from_",
        default=None,
        metavar="DATE",
        help="OLD as of DATE (one FILE: itself).",
    )
    parser.add_argument("--to", default=None, metavar="DATE", help="NEW as of DATE.")


@subcommand(_options)
def command(
    files: list[Path],
    as_json: bool,
    match: str,
    output: Path | None,
    view: str,
    mark: str | None,
    no_user_defaults: bool,
    pictures: bool,
    timeout: float,
    quiet: bool = False,
    at: str | None = None,
    from_: str | None = None,
    to: str | None = None,
) -> int:
    """Compare OLD with NEW (and more scenarios): exit 0 if nothing changed, 1 if anything did.

    One FILE with --from/--to compares the file's org at two dates of its plan."""
    dated = from_ is not None or to is not None
    if at is not None and dated:
        raise UserError("give --at, or --from/--to, not both")
    if len(files) == 1 and dated:
        files = [files[0], files[0]]
    if len(files) < 2:
        raise UserError(
            "diff needs two files at least: OLD NEW [NEW2 ...] (or FILE --from D1 --to D2)"
        )
    paths = list(files)
    days = [day_option(from_, "--from"), *[day_option(to, "--to")] * (len(paths) - 1)]
    if not dated:
        days = [day_option(at)] * len(paths)
    if output is not None:
        _check_output(output, pictures)
    elif pictures:
        raise UserError("--pictures goes with -o OUT.pptx")
    from orgeditor.progress import for_stderr

    with for_stderr("diff", quiet, ticking=True) as progress:
        diffs, labels = _compare(paths, days, match, no_user_defaults, progress)
        progress.phase("writing the report")
        if as_json:
            from orgeditor.io.fastjson import dumps_indented

            report = dumps_indented(diff_json(diffs, paths), indent=2) + "\n"
        else:
            from orgeditor.export.diff_report import diff_text

            report = diff_text(diffs, labels)
        progress.finish()  # clear the bar before the report goes out on the same terminal
        echo(report, end="")
        wrote = (
            _write(output, diffs, labels, view, mark, timeout, progress, pictures) if output else ""
        )
    if wrote:
        echo(wrote, err=True)
    return 1 if any(diffs) else 0


def _compare(
    paths: list[Path],
    days: list[str | None],
    match: str,
    no_user_defaults: bool,
    progress: Progress,
) -> tuple[list[Any], list[str]]:
    """Load every file (as of its day), check its rule settings, compare each with the first:
    the comparisons and the files' labels."""
    from orgeditor.model.compare import compare

    orgs = []
    for p, day in zip(paths, days, strict=True):
        progress.phase(f"loading {p.name}")
        org, stale = load_at(p, day)
        if stale:
            progress.finish()
            warn_stale(stale)
        orgs.append(org)
    defaults = _rule_defaults(no_user_defaults)
    for path, org in zip(paths, orgs, strict=True):
        _check_rule_settings(path, org, defaults)
    labels = [
        label_for(p, paths) + (f" as of {day}" if day else "")
        for p, day in zip(paths, days, strict=True)
    ]
    diffs = []
    for org, label in zip(orgs[1:], labels[1:], strict=True):
        with_label = f" with {label}" if len(orgs) > 2 else ""
        progress.phase(f"comparing{with_label}")
        diff = compare(orgs[0], org, match, defaults)
        progress.phase(f"tables and findings{with_label}")
        diff.summary  # noqa: B018  (computed here, as a step of its own, for every report)
        diffs.append(diff)
    return diffs, labels


def _check_output(output: Path, pictures: bool = False) -> None:
    suffix = output.suffix.lower()
    if pictures and suffix != ".pptx":
        raise UserError(f"{output}: --pictures is for PowerPoint decks (.pptx)")
    if suffix not in (*REPORT_SUFFIXES, ".pdf", ".pptx", ".svg", ".png"):
        got = repr(suffix) if suffix else "no suffix"
        raise UserError(
            f"{output}: unknown output format ({got}); use one of .md, .csv, .pdf, .pptx, "
            ".svg, .png"
        )
    if str(output.parent) and not output.parent.is_dir():
        raise UserError(f"{output}: the folder {output.parent} does not exist")
    if output.is_dir():
        raise UserError(f"{output}: is a folder")


def _check_rule_settings(path: Path, org: Any, defaults: dict[str, Any] | None) -> None:
    """A file's rule settings that cannot be used: one line naming the file and the place."""
    from orgeditor.io.errors import OrgFileError
    from orgeditor.model.rules import RuleConfigError, config_for

    try:
        config_for(org, defaults)
    except RuleConfigError as e:
        if e.place.startswith("settings."):
            raise OrgFileError(path, e.message, e.place) from None
        raise UserError(f"{e.place}: {e.message}") from None


def _rule_defaults(skip: bool) -> dict[str, Any] | None:
    if skip:
        return None
    from orgeditor.model.rules import RuleConfigError, load_user_defaults

    try:
        user, _place = load_user_defaults()
    except RuleConfigError as e:
        raise UserError(f"{e.place}: {e.message}") from None
    return user


def _write(
    output: Path,
    diffs: list[Any],
    labels: list[str],
    view: str,
    mark: str | None,
    timeout: float,
    progress: Progress,
    pictures: bool = False,
) -> str:
    """Write ``-o OUT`` (the change diagrams page by page, with progress); returns the line
    that says what was written."""
    from orgeditor.io.orgfile import atomic_write

    suffix = output.suffix.lower()
    if suffix in REPORT_SUFFIXES:
        from orgeditor.export.diff_report import diff_csv, diff_markdown

        progress.phase(f"writing {output.name}")
        text = (diff_markdown if suffix == ".md" else diff_csv)(diffs, labels)
        atomic_write(output, text.encode("utf-8"))
        return f"wrote {output}"
    from orgeditor.export.diff_charts import export_change_diagrams

    def pages_done(done: int, total: int) -> None:
        progress.start("pages", total).update(done)

    progress.phase("planning pages")
    pages = export_change_diagrams(
        diffs,
        labels,
        output,
        view=view,
        mark=mark,
        timeout=timeout,
        progress=pages_done,
        pictures=pictures,
    )
    return f"wrote {output} ({pages} page{'s' if pages != 1 else ''})"
