"""What a health check produces and how it is configured: findings, subjects, rule configs.

A :class:`Finding` is what one rule says about a few things in the org: a rule id, a
severity (``error``, ``warning`` or ``info``), a message a manager understands (what, and in
one clause why it matters) and the subjects it is about (``{kind, id, name}``).

A :class:`RuleConfig` says which rules run and with which thresholds. It is built from three
layers, later ones winning: the built-in defaults of each :class:`RuleSpec`, the user's own
defaults (``rules.json`` in the user's config folder, written by "Save as my default" in the
window), and the file's settings (``settings["rules"]`` of the ``.orgchart``)::

    "settings": {"rules": {"span-of-control": {"max_reports": 10},
                           "kpi-alignment": {"enabled": false}}}

Every value is validated; a bad one raises :class:`RuleConfigError` naming its place
(``settings.rules.span-of-control.max_reports``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from orgeditor.errors import UserError
from orgeditor.model.org import Org
from orgeditor.model.summary import ChangeSummary

if TYPE_CHECKING:
    from orgeditor.model.rules.facts import Facts

__all__ = [
    "PARTS",
    "SEVERITIES",
    "Finding",
    "Param",
    "Part",
    "RuleConfig",
    "RuleConfigError",
    "RuleSpec",
    "Subject",
    "load_user_defaults",
    "save_user_defaults",
    "subject",
    "user_defaults_path",
]

#: The parts of an org a rule's result can depend on (:attr:`RuleSpec.depends`): people
#: (presence, role, team), titles (and custom fields), lines (solid, dotted, unresolved),
#: placements (cells and shares), and the teams, pipelines and org units themselves.
Part = Literal["people", "titles", "lines", "placements", "teams", "pipelines", "units", "plan"]
PARTS: frozenset[Part] = frozenset(get_args(Part))

#: Severities, most serious first.
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


class RuleConfigError(UserError):
    """A rule setting that cannot be used; ``place`` is where it is (a dotted path)."""

    def __init__(self, place: str, message: str) -> None:
        self.place = place
        self.message = message
        super().__init__(f"{place}: {message}")


@dataclass(frozen=True, slots=True)
class Subject:
    """One thing a finding is about: ``kind`` is person, team, pipeline or unit."""

    kind: str
    id: str
    name: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id, "name": self.name}


def subject(org: Org, kind: str, id: str) -> Subject:
    """A :class:`Subject` with the display name of an entity (the id if it does not exist)."""
    if kind == "person":
        p = org.people.get(id)
        return Subject(kind, id, p.display_name if p is not None else id)
    tables: dict[str, Mapping[str, Any]] = {
        "team": org.teams,
        "pipeline": org.pipelines,
        "unit": org.units,
    }
    ent = tables[kind].get(id)
    return Subject(kind, id, ent.name if ent is not None else id)


@dataclass(frozen=True, slots=True)
class Finding:
    """What one rule says about some part of the org."""

    rule: str
    severity: str
    message: str
    subjects: tuple[Subject, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "subjects": [s.to_json() for s in self.subjects],
        }

    def sort_key(self, rule_index: Mapping[str, int]) -> tuple[Any, ...]:
        return (
            _SEVERITY_RANK.get(self.severity, 9),
            rule_index.get(self.rule, 999),
            tuple((s.kind, s.name, s.id) for s in self.subjects),
            self.message,
        )


@dataclass(frozen=True, slots=True)
class Param:
    """A tunable threshold of a rule: its type (``int``, ``bool`` or ``list``) and default."""

    name: str
    type: str
    default: Any
    help: str
    minimum: int | None = None

    def validate(self, value: Any, place: str) -> Any:
        if self.type == "bool":
            if not isinstance(value, bool):
                raise RuleConfigError(place, f"expected true or false, got {value!r}")
            return value
        if self.type == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise RuleConfigError(place, f"expected a whole number, got {value!r}")
            if self.minimum is not None and value < self.minimum:
                raise RuleConfigError(place, f"must be at least {self.minimum}, got {value}")
            return value
        if self.type == "list":
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise RuleConfigError(place, f"expected a list of texts, got {value!r}")
            return tuple(value)
        raise AssertionError(self.type)

    def parse(self, text: str, place: str) -> Any:
        """A value typed on the command line: ``10``, ``true``/``false``, ``a,b``."""
        if self.type == "bool":
            low = text.strip().lower()
            if low in ("1", "true", "yes", "on"):
                return True
            if low in ("0", "false", "no", "off"):
                return False
            raise RuleConfigError(place, f"expected true or false, got {text!r}")
        if self.type == "int":
            try:
                return self.validate(int(text), place)
            except ValueError:
                raise RuleConfigError(place, f"expected a whole number, got {text!r}") from None
        return tuple(v.strip() for v in text.split(",") if v.strip())


#: A rule function: (org, its parameters, shared facts) -> findings.
RuleFunc = Callable[[Org, Mapping[str, Any], "Facts"], Iterable[Finding]]
#: The same rule for some people only: (org, parameters, facts, person ids) -> findings.
LocalFunc = Callable[[Org, Mapping[str, Any], "Facts", set[str]], Iterable[Finding]]
#: Which people an edit can change the findings of (``None``: anybody's).
ScopeFunc = Callable[[Org, ChangeSummary], "set[str] | None"]


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A health-check rule: stable id, title, why it matters, parameters, the function."""

    id: str
    title: str
    why: str
    func: RuleFunc
    params: tuple[Param, ...] = ()
    #: which parts of the org can change its result (:data:`Part`; used to skip work after
    #: an edit); an unknown part fails when the spec is made, so at import
    depends: frozenset[Part] = field(default_factory=frozenset)
    #: optional: re-check only the people an edit touched (see ``scopes.py``); the cached
    #: findings dropped are those whose first subject is one of them (or, with
    #: ``local_any``, that name one of them anywhere)
    local: LocalFunc | None = None
    scope: ScopeFunc | None = None
    local_any: bool = False
    #: the kind of the ids the scope returns (``person`` or ``pipeline``)
    local_kind: str = "person"

    def __post_init__(self) -> None:
        unknown = set(self.depends) - PARTS
        if unknown:
            known = ", ".join(sorted(PARTS))
            raise ValueError(f"rule {self.id}: unknown parts {sorted(unknown)} (parts: {known})")

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise KeyError(f"rule {self.id} has no setting {name!r} (settings: enabled, {known})")


_SEVERITY_PARAM = "severity"


@dataclass(slots=True)
class RuleConfig:
    """Which rules run and their parameters (validated). Build with :meth:`layered`."""

    enabled: dict[str, bool]
    params: dict[str, dict[str, Any]]
    severity: dict[str, str] = field(default_factory=dict)

    @classmethod
    def defaults(cls, specs: Iterable[RuleSpec]) -> RuleConfig:
        specs = list(specs)
        return cls(
            enabled={s.id: True for s in specs},
            params={s.id: {p.name: p.default for p in s.params} for s in specs},
        )

    @classmethod
    def layered(
        cls,
        specs: Iterable[RuleSpec],
        *layers: tuple[Mapping[str, Any] | None, str],
    ) -> RuleConfig:
        """Defaults, then each ``(rules_mapping, place)`` layer in turn (later wins)."""
        specs = list(specs)
        config = cls.defaults(specs)
        for mapping, place in layers:
            if mapping is not None:
                config.update(specs, mapping, place)
        return config

    def update(self, specs: Iterable[RuleSpec], mapping: Any, place: str) -> None:
        """Apply a ``{rule_id: {"enabled": bool, "severity": s, param: value}}`` mapping."""
        by_id = {s.id: s for s in specs}
        if not isinstance(mapping, Mapping):
            raise RuleConfigError(place, "expected an object of rule ids")
        for rule_id, values in mapping.items():
            where = f"{place}.{rule_id}"
            spec = by_id.get(rule_id)
            if spec is None:
                raise RuleConfigError(
                    where, f"unknown rule {rule_id!r} (rules: {', '.join(by_id)})"
                )
            if isinstance(values, bool):  # shorthand: "kpi-alignment": false
                self.enabled[rule_id] = values
                continue
            if not isinstance(values, Mapping):
                raise RuleConfigError(where, 'expected an object such as {"enabled": false}')
            for key, value in values.items():
                self.set(spec, key, value, f"{where}.{key}")

    def set(self, spec: RuleSpec, key: str, value: Any, place: str) -> None:
        """Set one validated value (``enabled``, ``severity`` or a parameter)."""
        if key == "enabled":
            if not isinstance(value, bool):
                raise RuleConfigError(place, f"expected true or false, got {value!r}")
            self.enabled[spec.id] = value
        elif key == _SEVERITY_PARAM:
            if value not in SEVERITIES:
                raise RuleConfigError(
                    place, f"expected one of {', '.join(SEVERITIES)}, got {value!r}"
                )
            self.severity[spec.id] = value
        else:
            try:
                param = spec.param(key)
            except KeyError as e:
                raise RuleConfigError(place, str(e.args[0])) from None
            self.params[spec.id][key] = param.validate(value, place)

    def is_enabled(self, rule_id: str) -> bool:
        return self.enabled.get(rule_id, True)

    def to_settings(self, specs: Iterable[RuleSpec], base: RuleConfig | None = None) -> dict:  # type: ignore[type-arg]
        """The JSON-able differences from ``base`` (or the defaults), for a file or user file."""
        specs = list(specs)
        base = base or RuleConfig.defaults(specs)
        out: dict[str, dict[str, Any]] = {}
        for s in specs:
            entry: dict[str, Any] = {}
            if self.is_enabled(s.id) != base.is_enabled(s.id):
                entry["enabled"] = self.is_enabled(s.id)
            if self.severity.get(s.id) != base.severity.get(s.id) and s.id in self.severity:
                entry[_SEVERITY_PARAM] = self.severity[s.id]
            for p in s.params:
                value = self.params[s.id][p.name]
                if value != base.params[s.id][p.name]:
                    entry[p.name] = list(value) if isinstance(value, tuple) else value
            if entry:
                out[s.id] = entry
        return out


# ------------------------------------------------------------------ user defaults
def user_defaults_path() -> Path:
    """``$XDG_CONFIG_HOME/orgeditor/rules.json`` (``~/.config/orgeditor/rules.json``)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "orgeditor" / "rules.json"


def load_user_defaults() -> tuple[dict[str, Any] | None, str]:
    """The user's default rule settings and their place for messages (``None`` if unset).

    A file that is not valid JSON raises :class:`RuleConfigError`.
    """
    path = user_defaults_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None, str(path)
    except UnicodeDecodeError as e:
        raise RuleConfigError(str(path), f"not UTF-8 text (byte {e.start})") from None
    try:
        data = json.loads(text)
    except ValueError as e:
        raise RuleConfigError(str(path), f"not valid JSON ({e})") from None
    if not isinstance(data, dict):
        raise RuleConfigError(str(path), "expected an object of rule ids")
    return data, str(path)


def save_user_defaults(rules: Mapping[str, Any]) -> Path:
    """Write the user's default rule settings atomically; returns the path."""
    path = user_defaults_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(dict(rules), f, indent=2, sort_keys=True)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return path
