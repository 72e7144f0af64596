"""Writes the golden corpus CSVs beside this file (run it after changing a shape):

    python tests/rules/golden/make_golden.py

Each org is an HR-style export (id, name, title, manager, team, pipelines, tech lead of) of a
realistic shape; ``test_golden.py`` imports each through the import path and checks it gives
exactly the findings a seasoned ML leader expects.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

from orgeditor.samples import _FIRST, _LAST

HERE = Path(__file__).resolve().parent
FIRST, LAST = _FIRST, _LAST  # the sample generator's names
HEADER = ["id", "name", "title", "manager", "team", "pipelines", "tech lead of"]


class Org:
    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.names = (f"{f} {ln}" for ln, f in itertools.product(LAST, FIRST))

    def person(
        self, title: str, manager: str = "", team: str = "", pipes: str = "", leads: str = ""
    ) -> str:
        pid = str(len(self.rows) + 1)
        self.rows.append([pid, next(self.names), title, manager, team, pipes, leads])
        return pid

    def team(
        self,
        name: str,
        manager_of: str,
        title: str,
        n: int,
        member: str,
        pipes: list[str] = (),
        lead: str | None = "Staff ML Engineer",
    ) -> str:
        """A team: its manager (reporting to ``manager_of``), a tech lead, ``n`` people."""
        mgr = self.person(title, manager_of, name)
        for i in range(n):
            pipe = pipes[i % len(pipes)] if pipes else ""
            if i == 0 and lead:
                self.person(lead, mgr, name, pipe, name)
            else:
                self.person(member, mgr, name, pipe)
        return mgr

    def write(self, name: str, folder: Path = HERE) -> None:
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(HEADER)
            w.writerows(self.rows)


def ml_org(
    o: Org,
    head: str,
    pipes: list[str],
    data: int = 5,
    model: int = 5,
    infra: int = 0,
    tooling: int = 0,
    deploy: int = 0,
) -> None:
    """PMs, Data Operations and Modeling on the pipelines, platform teams off them."""
    for p in pipes:
        o.person("ML Product Manager", head, "", p)
    # a team of 6 or more (its manager counted) has a Staff engineer as tech lead
    o.team(
        "Data Operations",
        head,
        "Data Operations Manager",
        data,
        "Data Labeling Specialist",
        pipes,
        lead="Staff Data Operations Engineer" if data >= 5 else None,
    )
    o.team(
        "Modeling",
        head,
        "Modeling Manager",
        model,
        "ML Engineer",
        pipes,
        lead="Staff ML Engineer" if model >= 5 else None,
    )
    if infra:
        o.team(
            "ML Infrastructure",
            head,
            "ML Infrastructure Manager",
            infra,
            "Infrastructure Engineer",
            lead="Staff Software Engineer" if infra >= 5 else None,
        )
    if tooling:
        o.team(
            "Tooling",
            head,
            "Tooling Manager",
            tooling,
            "Software Engineer",
            lead="Staff Software Engineer" if tooling >= 5 else None,
        )
    if deploy:
        o.team(
            "Deployment",
            head,
            "Deployment Manager",
            deploy,
            "ML Engineer, Serving",
            lead="Staff ML Engineer" if deploy >= 5 else None,
        )


def textbook_40() -> Org:
    o = Org()
    head = o.person("Director of Machine Learning", "", "ML Leadership")
    o.person("Principal Engineer", head, "ML Leadership")
    ml_org(
        o, head, ["Fraud scoring", "Search ranking"], data=8, model=8, infra=6, tooling=5, deploy=4
    )
    return o


def infra_under_vp_infrastructure() -> Org:
    o = Org()
    ceo = o.person("CEO")
    vp = o.person("VP of Infrastructure", ceo)
    o.team(
        "Cloud Platform", vp, "Cloud Platform Manager", 4, "Site Reliability Engineer", lead=None
    )
    o.team(
        "ML Infrastructure",
        vp,
        "ML Infrastructure Manager",
        4,
        "Infrastructure Engineer",
        lead=None,
    )
    head = o.person("Director of Machine Learning", ceo)
    ml_org(o, head, ["Fraud scoring", "Search ranking"], data=4, model=4)
    return o


def modelers_under_vp_research() -> Org:
    o = Org()
    ceo = o.person("Chief Executive Officer")
    vpr = o.person("VP of Research", ceo)
    o.team(
        "Applied Research",
        vpr,
        "Research Manager",
        5,
        "Research Scientist",
        ["Fraud scoring", "Search ranking"],
        lead="Staff Research Scientist",
    )
    o.team("Research Lab", vpr, "Research Manager", 4, "Research Scientist", lead=None)
    head = o.person("Director of Machine Learning", ceo)
    ml_org(o, head, ["Fraud scoring", "Search ranking"], data=4, model=4, infra=3, deploy=3)
    vps = o.person("VP of Sales", ceo)
    o.team("Sales", vps, "Sales Manager", 5, "Account Executive", lead=None)
    return o


def early_12() -> Org:
    o = Org()
    ceo = o.person("CEO & Co-founder")
    head = o.person("Head of Machine Learning", ceo, "Modeling")
    o.person("ML Product Manager", head, "", "Fraud scoring")
    o.person("Staff ML Engineer", head, "Modeling", "Fraud scoring", "Modeling")
    for _ in range(4):
        o.person("ML Engineer", head, "Modeling", "Fraud scoring")
    o.team(
        "Data Operations",
        head,
        "Data Operations Manager",
        3,
        "Data Labeling Specialist",
        ["Fraud scoring"],
        lead=None,
    )
    o.person("Software Engineer", ceo)
    return o


def vp_two_directors_120() -> Org:
    o = Org()
    vp = o.person("VP of Machine Learning", "", "ML Leadership")
    o.person("Chief of Staff", vp, "ML Leadership")
    o.person("Principal Engineer", vp, "ML Leadership")
    plat = o.person("Director of ML Platform", vp)
    for name in ("ML Infrastructure", "Feature Store Infrastructure", "Training Infrastructure"):
        o.team(
            name,
            plat,
            f"{name} Manager",
            7,
            "Infrastructure Engineer",
            lead="Staff Software Engineer",
        )
    o.team(
        "Tooling", plat, "Tooling Manager", 7, "Software Engineer", lead="Staff Software Engineer"
    )
    o.team("Deployment", plat, "Deployment Manager", 7, "ML Engineer, Serving")
    apps = o.person("Director of ML Applications", vp)
    pipes = ["Fraud scoring", "Search ranking", "Recommendations", "Support triage"]
    gpm = o.person("Group Product Manager", apps)
    for p in pipes:
        o.person("Senior ML Product Manager", gpm, "", p)
    for i, pair in enumerate((pipes[:2], pipes[2:], pipes[1:3])):
        o.team(f"Modeling {'ABC'[i]}", apps, "Modeling Manager", 7, "ML Engineer", list(pair))
    for i, pair in enumerate((pipes[:2], pipes[2:])):
        o.team(
            f"Data Operations {i + 1}",
            apps,
            "Data Operations Manager",
            7,
            "Data Labeling Specialist",
            list(pair),
            lead="Staff Data Operations Engineer",
        )
    o.team("Modeling D", apps, "Modeling Manager", 7, "ML Engineer", pipes[1:])
    o.team("Deployment Edge", plat, "Deployment Manager", 7, "ML Engineer, Edge")
    o.team(
        "Data Platform",
        plat,
        "Data Platform Manager",
        6,
        "Data Engineer",
        lead="Staff Data Engineer",
    )
    o.team(
        "Serving Infrastructure",
        plat,
        "Serving Infrastructure Manager",
        120 - len(o.rows) - 1,
        "Infrastructure Engineer",
        lead="Staff Software Engineer",
    )
    return o


def company_200() -> Org:
    o = Org()
    ceo = o.person("Chief Executive Officer")
    o.person("Chief of Staff", ceo)
    cfo = o.person("CFO", ceo)
    o.team("Accounting", cfo, "Controller", 6, "Accountant", lead="Principal Accountant")
    o.team("FP&A", cfo, "FP&A Manager", 5, "Financial Analyst", lead=None)
    vps = o.person("VP of Sales", ceo)
    o.team("Sales EMEA", vps, "Sales Director EMEA", 12, "Account Executive", lead=None)
    o.team("Sales NA", vps, "Sales Director NA", 12, "Account Executive", lead=None)
    gc = o.person("General Counsel", ceo, "Legal")
    for t in ("Principal Counsel", "Senior Counsel", "Paralegal"):
        o.person(t, gc, "Legal")
    vpp = o.person("VP of People", ceo)
    o.team("HR", vpp, "HR Manager", 6, "HR Business Partner", lead=None)
    vpm = o.person("VP of Marketing", ceo)
    o.team(
        "Marketing",
        vpm,
        "Marketing Manager",
        8,
        "Marketing Specialist",
        lead="Principal Product Marketing Manager",
    )
    vpsup = o.person("VP of Support", ceo)
    o.team("Support Tier 1", vpsup, "Support Manager", 10, "Support Specialist", lead=None)
    o.team("Support Tier 2", vpsup, "Support Manager", 9, "Support Engineer", lead=None)
    cto = o.person("CTO", ceo)
    vpe = o.person("VP of Engineering", cto)
    for name, n in (("Backend", 10), ("Frontend", 9), ("Mobile", 8), ("QA", 6)):
        o.team(
            name,
            vpe,
            f"{name} Engineering Manager",
            n,
            "Software Engineer",
            lead="Staff Software Engineer",
        )
    o.person("Principal Engineer", vpe)
    vpi = o.person("VP of Infrastructure", cto)
    o.team(
        "Cloud Platform",
        vpi,
        "Cloud Platform Manager",
        8,
        "Site Reliability Engineer",
        lead="Staff Site Reliability Engineer",
    )
    o.team("IT", vpi, "IT Manager", 5, "IT Specialist", lead=None)
    head = o.person("Director of Machine Learning", cto)
    ml_org(o, head, ["Fraud scoring", "Churn prediction"], data=5, model=6)
    for _ in range(200 - len(o.rows)):
        o.person("Marketing Specialist", vpm, "Growth Marketing")
    return o


def messy() -> Org:
    o = Org()
    ceo = o.person("CEO")
    vpi = o.person("VP of Infrastructure", ceo)
    o.team(
        "Cloud Platform", vpi, "Cloud Platform Manager", 3, "Site Reliability Engineer", lead=None
    )
    o.team("ML Platform", vpi, "ML Platform Manager", 3, "Infrastructure Engineer", lead=None)
    vpr = o.person("VP of Research", ceo)
    model = o.team(
        "Modeling", vpr, "Modeling Manager", 3, "Research Scientist", ["Fraud scoring"], lead=None
    )
    head = o.person("Director of Machine Learning", ceo)
    o.person("ML Product Manager", head, "", "Fraud scoring")
    o.person("ML Product Manager", head, "", "Search ranking")
    o.person("Research Scientist", model, "Modeling", "Search ranking")
    data = o.team(
        "Data Operations",
        head,
        "Data Operations Manager",
        3,
        "Data Labeling Specialist",
        ["Fraud scoring"],
        lead=None,
    )
    # shares above 100%
    o.person(
        "Data Labeling Specialist", data, "Data Operations", "Fraud scoring:70%; Search ranking:50%"
    )
    o.team("Tooling", head, "Tooling Manager", 4, "Software Engineer", lead=None)
    a = o.person("Software Engineer", "", "Tooling")
    b = o.person("Software Engineer", a, "Tooling")
    o.rows[int(a) - 1][3] = b  # a two-person loop inside Tooling
    o.person("Software Engineer", "999", "Tooling")  # a manager id that matches nobody
    return o


SHAPES = {
    "textbook-40": textbook_40,
    "infra-under-vp-infrastructure": infra_under_vp_infrastructure,
    "modelers-under-vp-research": modelers_under_vp_research,
    "early-12": early_12,
    "vp-of-ml-two-directors-120": vp_two_directors_120,
    "company-200": company_200,
    "messy": messy,
}

if __name__ == "__main__":
    for name, make in SHAPES.items():
        make().write(name)
