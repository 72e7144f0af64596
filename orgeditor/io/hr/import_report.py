"""What an import did: counts, the column mapping, warnings and problems with row numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["PROBLEMS", "ImportReport", "count_words", "format_rows"]

#: Kinds of problem an import keeps (the org holds them as they are) or notes, with labels.
PROBLEMS: dict[str, str] = {
    "bad-row": "rows that cannot be imported",
    "skipped": "skipped rows",
    "manager-unmatched": "manager matches nobody (kept as unresolved, for check)",
    "manager-ambiguous": "manager name matches several people (kept as unresolved)",
    "dotted-unmatched": "dotted-line manager matches nobody (kept as unresolved)",
    "cycle": "reporting cycle (kept, for check)",
    "over-allocated": "shares over 100% (kept, for check)",
    "role-unknown": "unknown role (inferred from the title instead; text kept as a field)",
    "open-no-name": "no name: imported as an open position",
    "pipeline-repeated": "pipeline listed twice for one person (shares added)",
    "second-pm": "second PM on a pipeline (keeps a placement; the first PM owns it)",
    "owner-taken": "pipeline owner already named on an earlier row (first kept)",
    "tech-lead-unknown": "tech lead of a team or pipeline that does not exist (kept as a field)",
    "tech-lead-taken": "tech lead already named on an earlier row (first kept)",
    "unit-conflict": "team listed under several org units (first kept)",
    "unit-without-team": "org unit given without a team (kept as a field)",
    "kind-conflict": "team kind differs from an earlier row (first kept)",
    "kpi-conflict": "team KPI differs from an earlier row (first kept)",
    "manager-by-title": "team manager by title (nobody reports to them yet)",
    "led-from-outside": "team led by the one person all its members report to (outside it)",
    "kind-inferred": "team kind inferred from the members' titles",
}

#: Problems that are notes rather than faults in the data.
NOTES = frozenset(
    {
        "open-no-name",
        "pipeline-repeated",
        "second-pm",
        "manager-by-title",
        "led-from-outside",
        "kind-inferred",
    }
)


def count_words(n: int, word: str) -> str:
    """``(1, "person/people")`` -> ``"1 person"``; ``(2, "team")`` -> ``"2 teams"``."""
    one, _, many = word.partition("/")
    return f"{n} {one if n == 1 else (many or one + 's')}"


def format_rows(rows: list[int], limit: int = 12) -> str:
    """``[3, 5, 9]`` -> ``"rows 3, 5, 9"``; long lists end with ``... (N more)``."""
    uniq = sorted(set(rows))
    word = "row" if len(uniq) == 1 else "rows"
    shown = ", ".join(str(r) for r in uniq[:limit])
    more = f" ... ({len(uniq) - limit} more)" if len(uniq) > limit else ""
    return f"{word} {shown}{more}"


@dataclass
class ImportReport:
    """The result of one import, for the command line and the import dialog."""

    source: Path
    how: str = ""
    #: field -> the column it came from
    mapping: dict[str, str] = field(default_factory=dict)
    custom_columns: list[str] = field(default_factory=list)
    people: int = 0
    teams: int = 0
    pipelines: int = 0
    units: int = 0
    warnings: list[str] = field(default_factory=list)
    #: kind -> [(row number, detail)]
    problems: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    #: columns with no text in any row (counted as absent)
    empty_columns: list[str] = field(default_factory=list)
    #: sensitive columns left out / kept (and marked), as (header, category)
    sensitive_dropped: list[tuple[str, str]] = field(default_factory=list)
    sensitive_kept: list[tuple[str, str]] = field(default_factory=list)
    #: further lines from steps after the import (update, cut, photos)
    extra: list[str] = field(default_factory=list)
    #: with --update: the changes person by person (see :mod:`orgeditor.io.hr.hr_update`)
    changes: list[dict[str, Any]] = field(default_factory=list)

    def add(self, kind: str, row: int, detail: str = "") -> None:
        self.problems.setdefault(kind, []).append((row, detail))

    def rows(self, kind: str) -> list[int]:
        return [r for r, _ in self.problems.get(kind, [])]

    @property
    def bad_rows(self) -> list[tuple[int, str]]:
        return self.problems.get("bad-row", [])

    def problem_lines(self) -> list[str]:
        """One line per kind of problem: label, count, rows, and the first details."""
        out = []
        for kind, label in PROBLEMS.items():
            items = self.problems.get(kind)
            if not items:
                continue
            details = [d for _, d in items if d]
            shown = "; ".join(dict.fromkeys(details[:3]))
            extra = f" (e.g. {shown})" if shown else ""
            prefix = "note" if kind in NOTES else "problem"
            out.append(
                f"{prefix}: {label}: {len(items)}, {format_rows([r for r, _ in items])}{extra}"
            )
        return out

    def format(self) -> str:
        """The report as text, a few lines."""
        lines = [f"imported {self.source.name} ({self.how})" if self.how else str(self.source)]
        lines.append(
            "created "
            + ", ".join(
                count_words(n, word)
                for n, word in (
                    (self.people, "person/people"),
                    (self.teams, "team"),
                    (self.pipelines, "pipeline"),
                    (self.units, "org unit"),
                )
            )
        )
        if self.mapping:
            lines.append("columns: " + ", ".join(f"{f} <- {c!r}" for f, c in self.mapping.items()))
        if self.custom_columns:
            lines.append("kept as custom fields: " + ", ".join(self.custom_columns))
        if self.empty_columns:
            lines.append("empty columns (ignored): " + ", ".join(self.empty_columns))
        if self.sensitive_dropped:
            lines.append(
                "left out sensitive columns (keep them with --keep-sensitive): "
                + ", ".join(f"{h} ({c})" for h, c in self.sensitive_dropped)
            )
        if self.sensitive_kept:
            lines.append(
                "kept sensitive columns, marked sensitive (exports leave them out unless "
                "--include-sensitive): " + ", ".join(f"{h} ({c})" for h, c in self.sensitive_kept)
            )
        lines.extend(f"warning: {w}" for w in self.warnings)
        lines.extend(self.problem_lines())
        lines.extend(self.extra)
        return "\n".join(lines)

    def to_data(self) -> dict[str, Any]:
        """The report as JSON-able data."""
        return {
            "source": str(self.source),
            "how": self.how,
            "people": self.people,
            "teams": self.teams,
            "pipelines": self.pipelines,
            "units": self.units,
            "mapping": dict(self.mapping),
            "custom_columns": list(self.custom_columns),
            "empty_columns": list(self.empty_columns),
            "sensitive_dropped": [{"column": h, "category": c} for h, c in self.sensitive_dropped],
            "sensitive_kept": [{"column": h, "category": c} for h, c in self.sensitive_kept],
            "extra": list(self.extra),
            "changes": list(self.changes),
            "warnings": list(self.warnings),
            "problems": {
                k: [{"row": r, "detail": d} for r, d in v] for k, v in self.problems.items()
            },
        }
