"""The golden corpus: realistic orgs of each shape (``tests/rules/golden/*.csv``, written by
``make_golden.py``), imported and checked through the command line, each with exactly the
findings a seasoned ML leader expects and no others."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgeditor.io.hr.hr_import import import_file
from orgeditor.model.rules import check
from tests.rules.corpus import GOLDEN, import_and_check, summary

EXPECTED: dict[str, list[tuple[str, ...]]] = {
    # a Director of ML, a Principal Engineer, two PMs, the five kinds: nothing to say
    "textbook-40": [],
    # the playbook's failure: ML Infrastructure under a general VP of Infrastructure
    "infra-under-vp-infrastructure": [
        ("one-leadership", "ML Infrastructure", "Alan Abe", "Dev Abe", "Bea Abe"),
    ],
    # modelers under a separate Research org; the Research Lab (no pipeline, no ML kind) and
    # Sales are not ML: nothing about them
    "modelers-under-vp-research": [
        ("one-leadership", "Applied Research", "Alan Abe", "Diego Abe", "Amara Abe"),
    ],
    # a Head of ML who manages the modelers herself, below a founder CEO
    "early-12": [],
    # a VP of ML over two Directors (ML Platform, ML Applications): one leadership
    "vp-of-ml-two-directors-120": [],
    # 15 ML people in a 200-person company: the rest of the company is not the ML rules'
    # business (Sales without tech leads, a Principal Accountant, managers of one)
    "company-200": [],
    # a loop inside Tooling and a manager id that matches nobody: both found, and they
    # silence nothing (ML Platform and Modeling still flagged)
    "messy": [
        ("dangling-line", "Leo Abe"),
        ("one-leadership", "ML Platform", "Alan Abe", "Emeka Abe", "Ben Abe"),
        ("one-leadership", "Modeling", "Chloe Abe", "Emeka Abe", "Dana Abe"),
        ("over-allocation", "Ivan Abe"),
        ("reporting-cycle", "Kenji Abe", "Lara Abe"),
        ("team-tech-lead", "Tooling"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_golden_org(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = import_and_check(GOLDEN / f"{name}.csv", tmp_path, capsys)
    assert summary(found) == EXPECTED[name]


def test_golden_csvs_are_what_the_generator_writes(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_golden", GOLDEN / "make_golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, make in module.SHAPES.items():
        make().write(name, tmp_path)
        fresh = (tmp_path / f"{name}.csv").read_bytes()
        assert fresh == (GOLDEN / f"{name}.csv").read_bytes(), name
    assert len((GOLDEN / "company-200.csv").read_text().splitlines()) == 201
    assert len((GOLDEN / "vp-of-ml-two-directors-120.csv").read_text().splitlines()) == 121


def test_company_kpis_judged_for_ml_teams_only() -> None:
    org, _ = import_file(GOLDEN / "company-200.csv")
    kpis = {
        "Sales EMEA": "Deals closed per quarter",
        "Support Tier 1": "Tickets closed per week",
        "Modeling": "Models trained",
        "Data Operations": "Label accuracy on the audit set",
    }
    for name, kpi in kpis.items():
        org.find_by_name("team", name).kpi = kpi
    found = [f for f in check(org) if f.rule == "kpi-alignment"]
    assert [f.subjects[0].name for f in found] == ["Modeling"]
    assert "precision, recall or AUC" in found[0].message
