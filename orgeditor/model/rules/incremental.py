"""Keep an org's findings current after edits by re-running only the rules an edit can affect.

Each :class:`~orgeditor.model.rules.base.RuleSpec` declares which parts of the org its result
depends on (:data:`~orgeditor.model.rules.base.Part`: ``people``, ``titles``, ``lines``,
``placements``, ``teams``, ``pipelines``, ``units``, ``plan``: planned steps and merge
conflicts). After a batch of edits,
:class:`FindingsCache` reads the batch's :class:`~orgeditor.model.summary.ChangeSummary`,
maps it to those parts (:func:`parts_touched`), re-runs the rules that depend on one of them
and keeps the other rules' findings. Rules that can (cycles, spans, allocation, dangling
lines, tech-lead placement) re-check only the people the edit touched
(:mod:`orgeditor.model.rules.scopes`). The rules that read the ML org keep their findings
after an edit that cannot change it, and otherwise re-check only the people the edit touched
when the cache's last ML org analysis still holds (:mod:`orgeditor.model.rules.ml_reuse`: an
individual contributor retitled, given another manager, added or removed); else they run
again in full, on a new analysis. Renaming a person only re-runs the rules with a finding
about that person (their messages carry the name). A change of the rule settings re-runs
everything.

Examples
--------
>>> from orgeditor.samples import sample_org
>>> from orgeditor.model.rules import config_for
>>> from orgeditor.model.changes import SetField
>>> from orgeditor.model.summary import summarize
>>> org = sample_org()
>>> cache = FindingsCache()
>>> len(cache.full(org, config_for(org))) > 0
True
>>> retitle = SetField("person", "p19", "level", org.people["p19"].level, "L7")
>>> retitle.apply(org)
>>> cache.update(org, config_for(org), summarize([retitle])) == cache.findings
True
>>> cache.last_rerun  # no rule depends on a level
[]
"""

from __future__ import annotations

from orgeditor.model.entities import editable_fields
from orgeditor.model.org import Org
from orgeditor.model.rules import RULES, ml_reuse, run_rule
from orgeditor.model.rules.base import PARTS, SEVERITIES, Finding, Part, RuleConfig
from orgeditor.model.rules.facts import Facts
from orgeditor.model.rules.ml_org import MLOrg
from orgeditor.model.rules.ml_scope import MLScoped, ml_org_may_change
from orgeditor.model.summary import ChangeSummary

__all__ = ["ALL_PARTS", "FindingsCache", "parts_touched"]

#: Every part of the org a rule can depend on.
ALL_PARTS: frozenset[Part] = PARTS
_LINE_FIELDS = ("manager", "dotted", "unresolved_manager", "unresolved_dotted")
#: person fields that appear in messages (re-run the rules with a finding about the person)
_NAMED_FIELDS = ("name", "title", "fields")
_TITLE_FIELDS = ("title", "fields")
#: person fields no rule reads
_UNREAD_FIELDS = ("level",)
#: every other person field (role, team, and any field added later) is part of "people"
_PEOPLE_FIELDS = tuple(
    sorted(editable_fields("person") - {*_LINE_FIELDS, *_NAMED_FIELDS, *_UNREAD_FIELDS})
)


#: the ordered kinds and the part each belongs to
_ORDER_PARTS: dict[str, Part] = {"team": "teams", "pipeline": "pipelines", "unit": "units"}


def parts_touched(summary: ChangeSummary) -> tuple[set[Part], set[str], bool]:
    """``(parts, renamed people, settings changed)`` for what a batch touched."""
    parts: set[Part] = set()
    if summary.edited("person", *_LINE_FIELDS):
        parts.add("lines")
    if summary.edited("person", *_TITLE_FIELDS):
        parts.add("titles")
    if summary.edited("person", *_PEOPLE_FIELDS):
        parts.add("people")
    if summary.added_ids("person") or summary.removed_ids("person"):
        parts.update(("people", "lines"))
    if summary.teams:
        parts.add("teams")
    if summary.pipelines:
        parts.add("pipelines")
    if summary.units:
        parts.add("units")
    if summary.placed:
        parts.add("placements")
    if summary.settings & {"plan", "conflicts"}:
        parts.add("plan")
    renamed = set(summary.edited("person", *_NAMED_FIELDS))
    settings = any(f.startswith("settings.") for f in summary.settings)
    return parts, renamed, settings


class FindingsCache:
    """The findings of one org, per rule, updated after each batch of changes."""

    def __init__(self) -> None:
        self._by_rule: dict[str, list[Finding]] = {}
        self._config: RuleConfig | None = None
        self._findings: list[Finding] = []
        #: rule ids re-run in full by the last update, and those re-checked for a few
        #: people (rule id -> how many), for tests and benchmarks
        self.last_rerun: list[str] = []
        self.last_local: dict[str, int] = {}
        #: the ML org analysis of the org as of the last update, and its sound people
        #: (``None``: not known)
        self._ml: tuple[MLOrg, set[str]] | None = None
        self._ml_of: Org | None = None  # the org it is the analysis of

    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    def full(self, org: Org, config: RuleConfig) -> list[Finding]:
        """Run every enabled rule."""
        self._config = config
        self._by_rule = {}
        self._ml = None
        return self._run(org, config, [s.id for s in RULES])

    def update(self, org: Org, config: RuleConfig, summary: ChangeSummary) -> list[Finding]:
        """Re-run the rules the edits ``summary`` describes can affect (everything if
        ``config`` differs from the last one)."""
        if self._config is None or not _same_config(self._config, config):
            return self.full(org, config)
        parts, renamed, settings = parts_touched(summary)
        if settings:  # e.g. the team kinds marked ML (settings.ml_team_kinds): any rule
            return self.full(org, config)
        kept_ml = False
        # a column or row moved within its order: rules about that part re-run in full
        # (their findings list teams and pipelines in grid order, the ML org's too)
        reordered: set[Part] = {_ORDER_PARTS[k] for k, _id in summary.moved if k in _ORDER_PARTS}
        if org is not self._ml_of or reordered:
            self._ml = None
        if self._ml is not None and (
            ml_org_may_change(org, summary) or (summary.placed and self._ml[0].ml_people)
        ):  # (a split ML org counts people on pipelines per leader)
            kept_ml = ml_reuse.reusable(org, summary, *self._ml)
            if kept_ml:
                ml_reuse.patch(org, summary, *self._ml)
            else:
                self._ml = None
        rerun: list[str] = []
        local: dict[str, set[str]] = {}
        for spec in RULES:
            if not config.is_enabled(spec.id):
                continue
            named = bool(renamed) and any(
                s.kind == "person" and s.id in renamed
                for f in self._by_rule.get(spec.id, ())
                for s in f.subjects
            )
            if spec.depends & reordered:
                rerun.append(spec.id)
                continue
            if not (spec.depends & parts) and not named:
                continue
            ids = None
            if not named and spec.local is not None and spec.scope is not None:
                scope = spec.scope
                if kept_ml and isinstance(scope, MLScoped):
                    scope = scope.inner
                ids = scope(org, summary)
            if ids is None:
                rerun.append(spec.id)
            elif ids:
                local[spec.id] = ids
        return self._run(org, config, rerun, local)

    def _run(
        self,
        org: Org,
        config: RuleConfig,
        rule_ids: list[str],
        local: dict[str, set[str]] | None = None,
    ) -> list[Finding]:
        facts = Facts(org)
        if self._ml is not None:
            facts.__dict__["ml_org"], facts.__dict__["sound"] = self._ml
        by_id = {s.id: s for s in RULES}
        for rid in rule_ids:
            spec = by_id[rid]
            if config.is_enabled(rid):
                found = run_rule(org, spec, config, facts)
                found.sort(key=_within_rule)
                self._by_rule[rid] = found
            else:
                self._by_rule.pop(rid, None)
        for rid, ids in (local or {}).items():
            spec = by_id[rid]
            assert spec.local is not None
            kind = spec.local_kind
            if spec.local_any:
                kept = [
                    f
                    for f in self._by_rule.get(rid, ())
                    if not any(s.kind == kind and s.id in ids for s in f.subjects)
                ]
            else:
                kept = [
                    f
                    for f in self._by_rule.get(rid, ())
                    if not (f.subjects and f.subjects[0].kind == kind and f.subjects[0].id in ids)
                ]
            fresh = list(spec.local(org, config.params[rid], facts, ids))
            severity = config.severity.get(rid)
            if severity is not None:
                fresh = [Finding(f.rule, severity, f.message, f.subjects) for f in fresh]
            kept.extend(fresh)
            kept.sort(key=_within_rule)
            self._by_rule[rid] = kept
        if "ml_org" in facts.__dict__:  # computed (or kept) for the org as it is now
            self._ml, self._ml_of = (facts.ml_org, facts.sound), org
        self.last_rerun = list(rule_ids)
        self.last_local = {rid: len(ids) for rid, ids in (local or {}).items()}
        out: list[Finding] = []
        for severity in SEVERITIES:
            for spec in RULES:
                out.extend(f for f in self._by_rule.get(spec.id, ()) if f.severity == severity)
        self._findings = out
        return list(out)


def _within_rule(f: Finding) -> tuple[object, ...]:
    return (tuple((s.kind, s.name, s.id) for s in f.subjects), f.message)


def _same_config(a: RuleConfig, b: RuleConfig) -> bool:
    return a.enabled == b.enabled and a.params == b.params and a.severity == b.severity
