"""``kpi-alignment``: a team KPI judged as an ML leader judges it.

A KPI is read as words and phrases (whole words; case does not matter, except for a word
written with a capital after a small letter, such as ``mAP``, which must match exactly, so
that "Map tiles" is not mean average precision). It measures **volume** when it contains a
*volume phrase* and no *impact phrase*: "Labels produced per week", "Papers at NeurIPS and
ICML", "Models trained", "Error reports closed per week" are volume; "Chargebacks prevented
per month", "Fraud dollars caught per quarter", "Label accuracy", "p99 latency" are impact.

The default lists, with the reason for each group, are :data:`VOLUME_GROUPS` and
:data:`IMPACT_GROUPS` (``docs/health-checks.md`` prints them); both can be replaced per file
(``volume_words``, ``performance_words``). Only ML teams are judged: a Sales team's "Deals
closed per quarter" is Sales' business.

Examples
--------
>>> kpi_is_volume("Papers at NeurIPS and ICML")
'Papers'
>>> kpi_is_volume("Map tiles annotated per week")
'annotated'
>>> kpi_is_volume("Chargebacks prevented per month") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from itertools import pairwise
from typing import Any

from orgeditor.model.org import Org
from orgeditor.model.rules.base import Finding, subject
from orgeditor.model.rules.facts import Facts

__all__ = [
    "DEFAULT_PERFORMANCE_WORDS",
    "DEFAULT_VOLUME_WORDS",
    "IMPACT_GROUPS",
    "VOLUME_GROUPS",
    "kpi_alignment",
    "kpi_is_volume",
]

#: Volume phrases, grouped, each group with why a leader reads it as volume.
VOLUME_GROUPS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("papers", "paper", "publications", "published"),
        "papers count research output; what matters is what the research did for the models",
    ),
    (
        (
            "models trained",
            "models built",
            "experiments run",
            "experiments launched",
            "number of experiments",
            "number of models",
        ),
        "training more models or running more experiments is activity, not a better model",
    ),
    (
        (
            "labels produced",
            "produced",
            "labels",
            "labeled",
            "labelled",
            "annotated",
            "annotations",
        ),
        "counting labels rewards speed over the label quality the models need",
    ),
    (
        ("tickets closed", "closed", "resolved", "completed", "delivered", "written", "shipped"),
        "closing work items counts effort, not its effect on the models",
    ),
    (
        (
            "number of",
            "count",
            "per hour",
            "per day",
            "per week",
            "per month",
            "per quarter",
            "per sprint",
            "throughput",
            "volume",
            "output",
            "velocity",
        ),
        "a rate or amount of output, unless an impact phrase says what the output achieved",
    ),
)

#: Impact phrases (any one clears a KPI), grouped, each group with why it is impact.
IMPACT_GROUPS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        (
            "accuracy",
            "precision",
            "recall",
            "f1",
            "auc",
            "roc",
            "ndcg",
            "mAP",
            "mean average precision",
            "bleu",
            "wer",
            "word error rate",
            "error rate",
            "loss",
            "perplexity",
            "calibration",
        ),
        "how good the model is (an error *rate*, not error reports)",
    ),
    (
        (
            "latency",
            "p50",
            "p95",
            "p99",
            "uptime",
            "availability",
            "regression",
            "regressions",
            "time to",
        ),
        "how the model behaves in production, and regressions stopped before shipping",
    ),
    (
        ("prevented", "caught", "saved", "avoided", "recovered", "reduced", "reduction"),
        "what the model achieved: losses prevented, fraud caught, money or time saved",
    ),
    (
        (
            "revenue",
            "conversion",
            "ctr",
            "click-through",
            "retention",
            "lift",
            "false positive",
            "false positives",
            "false negative",
            "false negatives",
        ),
        "the model's effect on the business and its users",
    ),
    (
        (
            "model performance",
            "model quality",
            "label quality",
            "label accuracy",
            "data quality",
            "validated model",
            "validated models",
        ),
        "quality of the models and of the data they learn from",
    ),
)

DEFAULT_VOLUME_WORDS: tuple[str, ...] = tuple(w for ws, _ in VOLUME_GROUPS for w in ws)
DEFAULT_PERFORMANCE_WORDS: tuple[str, ...] = tuple(w for ws, _ in IMPACT_GROUPS for w in ws)

#: What a team of each kind could be measured on instead (for the message).
_INSTEAD = {
    "data-operations": "label accuracy, or the error rate of the models it labels for",
    "modeling": "precision, recall or AUC of its models on the pipelines it serves",
    "infrastructure": "regressions stopped before shipping, or training time per model",
    "tooling": "time to diagnose a model failure with its tools",
    "deployment": "p99 latency and incidents of the models in production",
}


def _exact(word: str) -> bool:
    """``mAP``: a capital after a small letter means the case matters."""
    return any(a.islower() and b.isupper() for a, b in pairwise(word))


@lru_cache(maxsize=32)
def _words_re(words: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """``(case-insensitive, exact-case)`` patterns of whole words."""
    words = tuple(w.strip() for w in words if w.strip())

    def compile_(ws: list[str], flags: int) -> re.Pattern[str] | None:
        if not ws:
            return None
        alts = "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))
        return re.compile(rf"(?<![\w])(?:{alts})(?![\w])", flags)

    return (
        compile_([w for w in words if not _exact(w)], re.IGNORECASE),
        compile_([w for w in words if _exact(w)], 0),
    )


def _search(words: tuple[str, ...], text: str) -> re.Match[str] | None:
    hits = [m for pat in _words_re(words) if pat is not None and (m := pat.search(text))]
    return min(hits, key=lambda m: m.start()) if hits else None


def kpi_is_volume(
    kpi: str,
    volume_words: tuple[str, ...] = DEFAULT_VOLUME_WORDS,
    performance_words: tuple[str, ...] = DEFAULT_PERFORMANCE_WORDS,
) -> str | None:
    """The first volume phrase that makes ``kpi`` a volume measure, or ``None``."""
    hit = _search(tuple(volume_words), kpi)
    if hit is None or _search(tuple(performance_words), kpi) is not None:
        return None
    return hit.group(0)


def kpi_alignment(org: Org, params: Mapping[str, Any], facts: Facts) -> Iterator[Finding]:
    vol = tuple(params["volume_words"])
    perf = tuple(params["performance_words"])
    ml = facts.ml_teams
    for t in org.ordered_teams():
        if t.id not in ml or not t.kpi.strip():
            continue
        word = kpi_is_volume(t.kpi, vol, perf)
        if word is None:
            continue
        instead = _INSTEAD.get(t.kind, "what its work does for the models it serves")
        yield Finding(
            "kpi-alignment",
            "warning",
            f"The KPI of {t.name}, “{t.kpi}”, counts output (“{word}”) rather than model "
            "performance: a team measured on volume optimises volume, not the models it "
            f"serves. Measure it on {instead}.",
            (subject(org, "team", t.id),),
        )
