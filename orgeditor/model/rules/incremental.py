"""Keep an org's findings current after edits by re-running only the rules an edit can affect.

Each :class:`~orgeditor.model.rules.base.RuleSpec` declares what its result depends on
(``people``, ``lines``, ``placements``, ``teams``, ``pipelines``, ``units``). After a list of
changes, :class:`FindingsCache` maps each change to those parts, re-runs the rules that
depend on one of them and keeps the other rules' findings. Rules that can (cycles, spans,
allocation, dangling lines, tech-lead placement) re-check only the people the edit touched
(:mod:`orgeditor.model.rules.scopes`). Renaming a person only re-runs the rules with a
finding about that person (their messages carry the name). A change of the rule settings
re-runs everything.

Examples
--------
>>> from orgeditor.samples import sample_org
>>> from orgeditor.model.rules import config_for
>>> org = sample_org()
>>> cache = FindingsCache()
>>> len(cache.full(org, config_for(org))) > 0
True
"""

from __future__ import annotations

from collections.abc import Iterable

from orgeditor.model.changes import (
    AddEntity,
    AddPlacement,
    Change,
    MoveEntity,
    RemoveEntity,
    RemovePlacement,
    SetField,
    SetOrgField,
    SetShare,
)
from orgeditor.model.org import Org
from orgeditor.model.rules import RULES, run_rule
from orgeditor.model.rules.base import SEVERITIES, Finding, RuleConfig
from orgeditor.model.rules.facts import Facts

__all__ = ["ALL_PARTS", "FindingsCache", "parts_touched"]

ALL_PARTS = frozenset({"people", "titles", "lines", "placements", "teams", "pipelines", "units"})
_LINE_FIELDS = frozenset({"manager", "dotted", "unresolved_manager", "unresolved_dotted"})
_KIND_PART = {"team": "teams", "pipeline": "pipelines", "unit": "units"}


def parts_touched(changes: Iterable[Change]) -> tuple[set[str], set[str], bool]:
    """``(parts, renamed people, settings changed)`` for a list of changes."""
    parts: set[str] = set()
    renamed: set[str] = set()
    settings = False
    for ch in changes:
        if isinstance(ch, SetField):
            if ch.kind == "person":
                if ch.field in _LINE_FIELDS:
                    parts.add("lines")
                elif ch.field == "name":
                    renamed.add(ch.id)
                elif ch.field in ("title", "fields"):
                    parts.add("titles")
                    renamed.add(ch.id)  # titles also appear in messages
                elif ch.field == "level":
                    continue
                else:
                    parts.add("people")
            else:
                parts.add(_KIND_PART.get(ch.kind, "units"))
        elif isinstance(ch, AddEntity | RemoveEntity):
            if ch.kind == "person":
                parts.update(("people", "lines"))
            else:
                parts.add(_KIND_PART.get(ch.kind, "units"))
        elif isinstance(ch, AddPlacement | RemovePlacement | SetShare):
            parts.add("placements")
        elif isinstance(ch, MoveEntity):
            continue  # order of columns and rows: no rule depends on it
        elif isinstance(ch, SetOrgField):
            settings = settings or ch.field.startswith("settings.")
        else:  # a change type this module does not know: assume the worst
            parts.update(ALL_PARTS)
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

    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    def full(self, org: Org, config: RuleConfig) -> list[Finding]:
        """Run every enabled rule."""
        self._config = config
        self._by_rule = {}
        return self._run(org, config, [s.id for s in RULES])

    def update(self, org: Org, config: RuleConfig, changes: Iterable[Change]) -> list[Finding]:
        """Re-run the rules ``changes`` can affect (everything if ``config`` differs)."""
        if self._config is None or not _same_config(self._config, config):
            return self.full(org, config)
        changes = list(changes)
        parts, renamed, settings = parts_touched(changes)
        if settings:  # e.g. the team kinds marked ML: any rule may read them
            return self.full(org, config)
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
            if not (spec.depends & parts) and not named:
                continue
            ids = None
            if not named and spec.local is not None and spec.scope is not None:
                ids = spec.scope(org, changes)
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
