"""Org health checks: the rules an experienced ML leader applies to a matrix org.

Each rule is a pure function over an :class:`~orgeditor.model.org.Org` with a stable id used
by the command line (``orgeditor check --disable span-of-control``), the file settings and
the window. :func:`check` runs the enabled rules and returns the findings sorted by severity,
rule and subject, so that the same org always gives the same list.

Examples
--------
>>> from orgeditor.samples import sample_org
>>> findings = check(sample_org())
>>> sorted({f.rule for f in findings})[:3]
['kpi-alignment', 'one-leadership', 'over-allocation']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from orgeditor.model.kinds import ML_KINDS_SETTING
from orgeditor.model.org import Org
from orgeditor.model.rules import scopes
from orgeditor.model.rules.base import (
    SEVERITIES,
    Finding,
    Param,
    Part,
    RuleConfig,
    RuleConfigError,
    RuleSpec,
    Subject,
    load_user_defaults,
    save_user_defaults,
    user_defaults_path,
)
from orgeditor.model.rules.facts import Facts
from orgeditor.model.rules.kpi import (
    DEFAULT_PERFORMANCE_WORDS,
    DEFAULT_VOLUME_WORDS,
    kpi_alignment,
)
from orgeditor.model.rules.leadership import (
    one_leadership,
    tech_lead_placement,
    tech_lead_placement_local,
)
from orgeditor.model.rules.lines import (
    dangling_line,
    dangling_line_local,
    multiple_managers,
    multiple_managers_local,
    reporting_cycle,
    reporting_cycle_local,
    span_of_control,
    span_of_control_local,
)
from orgeditor.model.rules.matrix import (
    over_allocation,
    over_allocation_local,
    pipeline_coverage,
    pipeline_coverage_local,
    pipeline_owner,
    pipeline_owner_local,
    team_manager,
    team_tech_lead,
    team_tech_lead_local,
)
from orgeditor.model.rules.ml_scope import keep, ml_only, ml_then, with_titles
from orgeditor.model.rules.plan_rules import merge_conflict, plan_step_stale

__all__ = [
    "RULES",
    "SEVERITIES",
    "Finding",
    "RuleConfig",
    "RuleConfigError",
    "RuleSpec",
    "Subject",
    "check",
    "config_for",
    "load_user_defaults",
    "rule_spec",
    "save_user_defaults",
    "user_defaults_path",
]

#: What decides the ML org (ML teams, the ML leader): the rules that look at it re-run
#: whenever one of these changes (the team kinds marked ML are settings: everything re-runs).
_ML_ORG: frozenset[Part] = frozenset({"people", "titles", "lines", "placements", "teams"})
_ML_ORG_LEADS: frozenset[Part] = _ML_ORG | {"pipelines", "units"}

#: Every rule, in the order findings of equal severity are listed.
RULES: tuple[RuleSpec, ...] = (
    RuleSpec(
        "reporting-cycle",
        "Reporting cycles",
        "Solid lines must form a tree: a loop leaves nobody accountable at its top.",
        reporting_cycle,
        depends=frozenset({"people", "lines"}),
        local=reporting_cycle_local,
        scope=scopes.cycle_scope,
        local_any=True,
    ),
    RuleSpec(
        "multiple-managers",
        "Two managers",
        "One line manager per person: two bosses give conflicting priorities.",
        multiple_managers,
        # titles: a line to a PM of a Staff engineer is tech-lead-placement's finding instead
        depends=frozenset({"people", "titles", "lines", "teams", "pipelines", "units"}),
        local=multiple_managers_local,
        scope=with_titles(scopes.managers_scope),
    ),
    RuleSpec(
        "dangling-line",
        "Lines to nobody",
        "A manager, dotted line, owner or lead that names nobody (as imports leave them).",
        dangling_line,
        depends=frozenset({"people", "lines", "teams", "pipelines", "units"}),
        local=dangling_line_local,
        scope=scopes.dangling_scope,
    ),
    RuleSpec(
        "one-leadership",
        "One ML leadership",
        "All ML teams under one leader who runs ML, not split across general orgs.",
        one_leadership,
        depends=_ML_ORG,
        local=keep,
        scope=ml_only,
    ),
    RuleSpec(
        "pipeline-owner",
        "Pipeline owner",
        "Every pipeline has exactly one product-manager owner.",
        pipeline_owner,
        depends=frozenset({"people", "titles", "placements", "pipelines"}),
        local=pipeline_owner_local,
        scope=scopes.owner_scope,
        local_kind="pipeline",
    ),
    RuleSpec(
        "pipeline-coverage",
        "Pipeline coverage",
        "Every pipeline has people from the team kinds a model needs.",
        pipeline_coverage,
        params=(
            Param(
                "required_kinds",
                "list",
                ("modeling", "data-operations"),
                "team kinds every pipeline needs someone from",
            ),
        ),
        depends=frozenset({"people", "placements", "teams", "pipelines"}),
        local=pipeline_coverage_local,
        scope=scopes.coverage_scope,
        local_kind="pipeline",
    ),
    RuleSpec(
        "team-manager",
        "Team manager",
        "Every team has a manager.",
        team_manager,
        depends=_ML_ORG,
        local=keep,
        scope=ml_only,
    ),
    RuleSpec(
        "span-of-control",
        "Span of control",
        "A manager with too many direct reports, or with only one.",
        span_of_control,
        params=(
            Param("max_reports", "int", 8, "most direct solid reports before a warning", 1),
            Param("flag_single", "bool", True, "also flag managers of exactly one person"),
            Param("everyone", "bool", False, "look at every manager, not only the ML org's"),
        ),
        depends=_ML_ORG,
        local=span_of_control_local,
        scope=ml_then(scopes.span_scope),
    ),
    RuleSpec(
        "tech-lead-placement",
        "Tech-lead placement",
        "Principal under the Director/VP, Staff under a team manager, no tech lead under a PM.",
        tech_lead_placement,
        depends=_ML_ORG_LEADS,
        local=tech_lead_placement_local,
        scope=ml_then(scopes.placement_scope),
    ),
    RuleSpec(
        "team-tech-lead",
        "Team tech lead",
        "A large team needs a tech lead.",
        team_tech_lead,
        params=(Param("min_size", "int", 6, "team size from which a tech lead is expected", 1),),
        depends=_ML_ORG,
        local=team_tech_lead_local,
        scope=ml_then(scopes.tech_lead_team_scope),
        local_kind="team",
    ),
    RuleSpec(
        "over-allocation",
        "Allocation",
        "Shares above 100%, or work in another team's column.",
        over_allocation,
        params=(
            Param("max_share", "int", 100, "most total share in % of one person", 1),
            Param("flag_other_team", "bool", True, "flag placements in another team's column"),
        ),
        depends=frozenset({"people", "placements", "teams", "pipelines"}),
        local=over_allocation_local,
        scope=scopes.allocation_scope,
    ),
    RuleSpec(
        "kpi-alignment",
        "KPI alignment",
        "A team KPI that counts output rather than model performance.",
        kpi_alignment,
        params=(
            Param("volume_words", "list", DEFAULT_VOLUME_WORDS, "words of a volume measure"),
            Param(
                "performance_words",
                "list",
                DEFAULT_PERFORMANCE_WORDS,
                "impact words: a model-performance or outcome measure (these clear a KPI)",
            ),
        ),
        depends=_ML_ORG,
        local=keep,
        scope=ml_only,
    ),
    RuleSpec(
        "merge-conflict",
        "Merge conflicts",
        "Both sides of a merge changed the same thing: pick ours or theirs.",
        merge_conflict,
        depends=frozenset({"plan", "people", "teams", "pipelines", "units"}),
    ),
    RuleSpec(
        "plan-step-stale",
        "Stale planned steps",
        "A planned step whose person left or whose value changed since it was planned.",
        plan_step_stale,
        depends=frozenset(
            {"plan", "people", "lines", "placements", "titles", "teams", "pipelines", "units"}
        ),
    ),
)

_BY_ID = {r.id: r for r in RULES}
_INDEX = {r.id: i for i, r in enumerate(RULES)}


def rule_spec(rule_id: str) -> RuleSpec:
    """The rule with this id; ``KeyError`` naming the known ids otherwise."""
    try:
        return _BY_ID[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule {rule_id!r} (rules: {', '.join(_BY_ID)})") from None


def config_for(
    org: Org,
    user_defaults: Mapping[str, Any] | None = None,
    user_place: str = "user defaults",
    overrides: Mapping[str, Any] | None = None,
) -> RuleConfig:
    """Defaults < user defaults < the org's ``settings["rules"]`` < ``overrides`` (validated).

    The team kinds the file marks ML (``settings["ml_team_kinds"]``) are validated here too.
    """
    _check_ml_kinds(org.settings.get(ML_KINDS_SETTING))
    return RuleConfig.layered(
        RULES,
        (user_defaults, user_place),
        (org.settings.get("rules"), "settings.rules"),
        (overrides, "option"),
    )


def _check_ml_kinds(kinds: Any) -> None:
    """A list of kind names, or a :class:`RuleConfigError` naming the place."""
    if kinds is None:
        return
    if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
        raise RuleConfigError(
            f"settings.{ML_KINDS_SETTING}",
            f'expected a list of team kinds such as ["evaluation"], got {kinds!r}',
        )


def run_rule(
    org: Org, spec: RuleSpec, config: RuleConfig, facts: Facts | None = None
) -> list[Finding]:
    """The findings of one rule with the configured parameters and severity."""
    found = list(spec.func(org, config.params[spec.id], facts or Facts(org)))
    severity = config.severity.get(spec.id)
    if severity is not None:
        found = [Finding(f.rule, severity, f.message, f.subjects) for f in found]
    return found


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key(_INDEX))


def check(org: Org, config: RuleConfig | None = None) -> list[Finding]:
    """Run every enabled rule; findings sorted by severity, rule order, subjects.

    Without ``config``, the org's own settings apply (not the user's defaults, which only
    the command line and the window read).
    """
    if config is None:
        config = config_for(org)
    out: list[Finding] = []
    facts = Facts(org)
    for spec in RULES:
        if config.is_enabled(spec.id):
            out.extend(run_rule(org, spec, config, facts))
    return sort_findings(out)
