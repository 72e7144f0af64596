"""``orgeditor check FILE``: the org health checks on the command line.

Text output is grouped by rule, for people; ``--json`` prints a JSON array of findings
(``{rule, severity, message, subjects: [{kind, id, name}]}``). Exit status: 0 when no finding
is an error, 1 when any is, 2 when the file (or an option, or a rule setting) cannot be used.

Rule settings come from, in order (later wins): the built-in defaults, the user's defaults
(``~/.config/orgeditor/rules.json``, skipped with ``--no-user-defaults``), the file's
``settings.rules``, then ``--disable``/``--enable``/``--set`` for this run only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from orgeditor.commands.at import add_at_option, load_at
from orgeditor.commands.options import Parser, echo, subcommand
from orgeditor.errors import UserError

__all__ = ["command", "format_findings"]

_SEVERITY_MARK = {"error": "error", "warning": "warning", "info": "info"}


def _parse_sets(values: list[str]) -> dict[str, dict[str, Any]]:
    """``--set span-of-control.max_reports=10`` -> ``{"span-of-control": {"max_reports": 10}}``."""
    from orgeditor.model.rules import RuleConfigError, rule_spec

    out: dict[str, dict[str, Any]] = {}
    for text in values:
        key, sep, value = text.partition("=")
        rule_id, dot, name = key.strip().partition(".")
        if not sep or not dot or not name:
            raise UserError(
                f"--set {text!r}: expected RULE.SETTING=VALUE, e.g. span-of-control.max_reports=10"
            )
        try:
            spec = rule_spec(rule_id)
        except KeyError as e:
            raise UserError(f"--set {text!r}: {e.args[0]}") from None
        name = name.strip()
        try:
            if name == "enabled":
                parsed: Any = value.strip().lower() in ("1", "true", "yes", "on")
            elif name == "severity":
                parsed = value.strip()
            else:
                try:
                    param = spec.param(name)
                except KeyError as e:
                    raise UserError(f"--set {text!r}: {e.args[0]}") from None
                parsed = param.parse(value, f"--set {key}")
                parsed = list(parsed) if isinstance(parsed, tuple) else parsed
        except RuleConfigError as e:
            raise UserError(str(e)) from None
        out.setdefault(rule_id, {})[name] = parsed
    return out


def format_findings(findings: list[Any], org_name: str) -> str:
    """Findings as text for people, grouped by rule (worst rule first)."""
    from orgeditor.model.rules import RULES, SEVERITIES

    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    head = (
        f"{org_name or 'Untitled org'}: {len(findings)} finding{'s' if len(findings) != 1 else ''}"
        f" ({counts['error']} error{'s' if counts['error'] != 1 else ''}, "
        f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}, "
        f"{counts['info']} info)"
    )
    if not findings:
        return head + "\nNo problems found: the org passes every enabled check."
    titles = {r.id: r.title for r in RULES}
    groups: dict[str, list[Any]] = {}
    for f in findings:  # findings come sorted by severity, so groups come worst first
        groups.setdefault(f.rule, []).append(f)
    lines = [head]
    for rule_id, group in groups.items():
        lines += ["", f"{titles.get(rule_id, rule_id)} ({rule_id}): {len(group)}"]
        for f in group:
            lines.append(f"  {_SEVERITY_MARK[f.severity]:<8} {f.message}")
    return "\n".join(lines)


def _list_rules() -> str:
    from orgeditor.model.rules import RULES

    lines = []
    for r in RULES:
        lines.append(f"{r.id:<20} {r.why}")
        for p in r.params:
            default = ",".join(p.default) if isinstance(p.default, tuple) else p.default
            if isinstance(default, bool):
                default = str(default).lower()
            lines.append(f"{'':<22}{r.id}.{p.name} = {default}   ({p.help})")
    return "\n".join(lines)


def _options(parser: Parser) -> None:
    parser.add_argument("file", type=Path, nargs="?", default=None, metavar="FILE")
    parser.add_argument(
        "--json", dest="as_json", action="store_true", help="Print a JSON array of findings."
    )
    parser.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE",
        help="Switch a rule off for this run (repeatable).",
    )
    parser.add_argument(
        "--enable",
        action="append",
        default=[],
        metavar="RULE",
        help="Switch a rule on for this run, even if the file switches it off (repeatable).",
    )
    parser.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="RULE.SETTING=VALUE",
        help="Tune a rule for this run, e.g. --set span-of-control.max_reports=10 (repeatable).",
    )
    parser.add_argument(
        "--no-user-defaults",
        action="store_true",
        help="Ignore the user's default rule settings (~/.config/orgeditor/rules.json).",
    )
    parser.add_argument(
        "--list-rules", action="store_true", help="List the rules and their settings, then exit."
    )
    add_at_option(parser)


@subcommand(_options)
def command(
    file: Path | None,
    as_json: bool,
    disable: list[str],
    enable: list[str],
    sets: list[str],
    no_user_defaults: bool,
    list_rules: bool,
    at: str | None = None,
) -> int:
    """Check an org against the ML-org health rules (exit 1 if any finding is an error)."""
    if list_rules:
        echo(_list_rules())
        return 0
    if file is None:
        raise UserError("check needs a FILE (or --list-rules)")
    from orgeditor.io.errors import OrgFileError
    from orgeditor.model.rules import RuleConfigError, check, config_for, load_user_defaults

    overrides: dict[str, dict[str, Any]] = {}
    for flag, ids, value in (("--disable", disable, False), ("--enable", enable, True)):
        for rule_id in ids:
            from orgeditor.model.rules import rule_spec

            try:
                rule_spec(rule_id)
            except KeyError as e:
                raise UserError(f"{flag} {rule_id}: {e.args[0]}") from None
            overrides.setdefault(rule_id, {})["enabled"] = value
    for rule_id, values in _parse_sets(sets).items():
        overrides.setdefault(rule_id, {}).update(values)

    org, stale = load_at(file, at)
    user: dict[str, Any] | None = None
    user_place = "user defaults"
    if not no_user_defaults:
        try:
            user, user_place = load_user_defaults()
        except RuleConfigError as e:
            raise UserError(f"{e.place}: {e.message}") from None
    try:
        config = config_for(org, user, user_place, overrides)
    except RuleConfigError as e:
        if e.place.startswith("settings."):
            raise OrgFileError(file, e.message, e.place) from None
        if e.place.startswith("option"):
            raise UserError(f"--set {e.place.removeprefix('option.')}: {e.message}") from None
        raise UserError(f"{e.place}: {e.message}") from None
    findings = check(org, config)
    if stale and config.is_enabled("plan-step-stale"):  # skipped on the way to --at
        from orgeditor.model.rules import sort_findings
        from orgeditor.model.rules.plan_rules import stale_findings

        findings = sort_findings([*stale_findings(org, stale), *findings])
    if as_json:
        echo(json.dumps([f.to_json() for f in findings], indent=2, ensure_ascii=False))
    else:
        echo(format_findings(findings, org.name))
    return 1 if any(f.severity == "error" for f in findings) else 0
