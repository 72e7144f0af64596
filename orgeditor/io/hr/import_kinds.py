"""Team kinds as a person would read them: from the team's name, its members' titles and
whether its people work on pipelines.

1. **The name**: a clear ML name gives the standard kind (``"Labeling"`` ->
   ``data-operations``, see :func:`~orgeditor.io.hr.import_values.infer_team_kind`); a plainly
   non-ML department gives a non-ML kind (:data:`~orgeditor.model.kinds.NON_ML_KINDS`:
   Finance, Accounting, Purchasing -> ``finance``; Sales; Shipping, Logistics -> ``shipping``;
   Legal; Human Resources, Recruiting -> ``hr``; Marketing, Public Relations ->
   ``marketing``; Support, Customer Service -> ``support``; IT -> ``it``; Administration,
   Executive -> ``administration``). A name that mentions ML, AI, data or models is never
   read as a non-ML department.
2. **The titles**, when the name says nothing: the kind that more than half of the members'
   titles point to (``Data Labeling Specialist`` -> data operations, ``Accountant`` ->
   finance, ...). A "Research Scientist" alone says nothing: research labs are not all ML.
3. **A company-wide Infrastructure**: in an export that holds non-ML departments, a team
   called just "Infrastructure" (or "Infra", "IT Infrastructure", "Platform") with nobody on
   a pipeline is the company's IT (``it``), not the ML org's infrastructure. "IT" with
   people on pipelines is left unset.
"""

from __future__ import annotations

import re
from collections import Counter

from orgeditor.io.hr.import_report import ImportReport
from orgeditor.io.hr.import_values import first_match, infer_team_kind
from orgeditor.model.entities import Role, Team, team_kind_label
from orgeditor.model.org import Org

__all__ = ["infer_kinds", "non_ml_kind", "title_kind"]

_ML_WORDS = re.compile(
    r"\b(ml|ai|mlops|machine[\s-]*learning|artificial intelligence|data|models?|modell?ing|"
    r"deep learning|computer vision|nlp|perception|ranking|recommend\w*)\b"
)

_NON_ML_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "finance",
        re.compile(
            r"\b(finance|financial|accounting|accounts|treasury|payroll|purchasing|"
            r"procurement|tax|audit|controlling)\b"
        ),
    ),
    ("sales", re.compile(r"\b(sales|business development|account management|pre-?sales)\b")),
    (
        "shipping",
        re.compile(r"\b(shipping|logistics|warehouse|warehousing|fulfil?ment|distribution)\b"),
    ),
    ("legal", re.compile(r"\b(legal|compliance|contracts|general counsel)\b")),
    (
        "hr",
        re.compile(
            r"\b(human resources|hr|people operations|people ops|recruiting|recruitment|"
            r"talent acquisition|benefits)\b"
        ),
    ),
    (
        "marketing",
        re.compile(r"\b(marketing|public relations|pr|communications|brand|events)\b"),
    ),
    (
        "support",
        re.compile(r"\b(support|customer service|customer success|customer care|help ?desk)\b"),
    ),
    ("it", re.compile(r"^(it|i\.t\.|information technology|corporate it|it services)$")),
    (
        "administration",
        re.compile(r"\b(administration|admin|executive|executives|facilities|office)\b"),
    ),
)

_COMPANY_INFRA = re.compile(
    r"^(it |corporate |company |enterprise )?(infrastructure|infra|platform|it infrastructure|"
    r"it operations|cloud|cloud platform|site reliability|sre|devops|networking)$"
)

_TITLE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "data-operations",
        re.compile(r"label|annotat|data operations|data ops|data quality|data specialist"),
    ),
    (
        "modeling",
        re.compile(
            r"machine learning|\bml (engineer|scientist|researcher)|applied scientist|"
            r"data scientist|model(l)?ing|\bai engineer"
        ),
    ),
    (
        "deployment",
        re.compile(r"mlops|ml ops|deployment|serving|performance engineer|cuda|inference"),
    ),
    (
        "tooling",
        re.compile(r"front[\s-]*end|full[\s-]*stack|web developer|tools engineer|ui engineer"),
    ),
    (
        "infrastructure",
        re.compile(r"data engineer|infrastructure engineer|ml platform|distributed systems"),
    ),
    ("finance", re.compile(r"accountant|accounting|finance|financial|controller|payroll|purchas")),
    ("sales", re.compile(r"\bsales|account executive|account manager")),
    ("shipping", re.compile(r"shipping|stock|warehouse|logistics")),
    ("legal", re.compile(r"counsel|lawyer|attorney|paralegal|legal")),
    ("hr", re.compile(r"recruit|human resources|\bhr\b|people partner|talent")),
    ("marketing", re.compile(r"marketing|public relations|\bpr\b|communications")),
    ("support", re.compile(r"support|customer service|customer success")),
    ("administration", re.compile(r"administrative|assistant|receptionist|office manager")),
)


def non_ml_kind(name: str) -> str:
    """The non-ML kind a department name makes plain (``""`` when it does not)."""
    text = name.strip().casefold()
    if not text or _ML_WORDS.search(text):
        return ""
    return first_match(_NON_ML_NAMES, text, "")


def title_kind(title: str) -> str:
    """The team kind a job title points to (``""`` when it points nowhere)."""
    return first_match(_TITLE_KINDS, title.casefold(), "")


def infer_kinds(
    org: Org, teams: list[Team], given: set[str], report: ImportReport, row_of: dict[str, int]
) -> None:
    """Set the kind of every team in ``teams`` whose kind the file did not give."""
    members: dict[str, list[str]] = {}
    for pid, p in org.people.items():
        if p.team is not None:
            members.setdefault(p.team, []).append(pid)
    placements = org._placements
    by_name: dict[str, str] = {}
    for t in teams:
        if t.id in given:
            continue
        by_name[t.id] = infer_team_kind(t.name) or non_ml_kind(t.name)
    company_wide = any(k and k not in ("it",) and k in _NON_ML for k in by_name.values()) or any(
        org.teams[t].kind in _NON_ML for t in given if t in org.teams
    )
    for t in teams:
        if t.id in given:
            continue
        ids = members.get(t.id, [])
        on_pipeline = any(placements.get(pid) for pid in ids)
        kind = by_name[t.id]
        name = t.name.strip().casefold()
        if kind == "it" and on_pipeline:
            kind = ""
        elif company_wide and not on_pipeline and _COMPANY_INFRA.match(name):
            kind = "it"  # the company's infrastructure, not the ML org's
        if not kind and ids:
            # what the members do: a leader's or a PM's title says little about the team
            votes = Counter(
                k
                for pid in ids
                if org.people[pid].role not in _NO_VOTE and (k := title_kind(org.people[pid].title))
            )
            if votes:
                best, n = votes.most_common(1)[0]
                if n * 2 > len(ids):
                    kind = best
                    report.add(
                        "kind-inferred", row_of.get(ids[0], 0), f"{t.name}: {team_kind_label(best)}"
                    )
        t.kind = kind


_NON_ML = frozenset(k for k, _ in _NON_ML_NAMES)
_NO_VOTE = frozenset({Role.DIRECTOR, Role.VP, Role.PM})
