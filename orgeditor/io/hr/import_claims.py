"""Who claims what in an HR export: pipeline owners and tech leads (steps 6 and 7 of
:mod:`orgeditor.io.hr.hr_import`)."""

from __future__ import annotations

from dataclasses import dataclass

from orgeditor.io.hr.cell_lists import split_names
from orgeditor.io.hr.import_report import ImportReport
from orgeditor.model.entities import OrgUnit, Person, Pipeline, Role, Team
from orgeditor.model.org import Org

__all__ = ["Claims"]


@dataclass
class Claims:
    """The import's tables that owner and tech-lead claims look names up in."""

    org: Org
    report: ImportReport
    row_of: dict[str, int]
    team_by_name: dict[str, Team]
    pipe_by_name: dict[str, Pipeline]
    unit_by_name: dict[str, OrgUnit]

    def owners(self, people: list[Person], owned: list[str] | None) -> None:
        """Owners from an owner-of column (the whole truth when it holds anything), else
        each PM owns the pipelines they sit on (the first PM in file order)."""
        org = self.org
        owner_row: dict[str, int] = {}
        if owned is not None and any(owned):  # explicit owners first, in file order
            for p, text in zip(people, owned, strict=True):
                for part in split_names(text):
                    name = part.strip()
                    if not name:
                        continue
                    pipe = self.pipe_by_name.get(name)
                    if pipe is None:  # a pipeline with an owner and nobody on it yet
                        pipe = self.pipe_by_name[name] = Pipeline(
                            f"l{len(self.pipe_by_name) + 1}", name
                        )
                        org._add_pipeline(pipe)
                    if pipe.owner is None:
                        pipe.owner = p.id
                        owner_row[pipe.id] = self.row_of[p.id]
                    elif pipe.owner != p.id:
                        self.report.add(
                            "owner-taken",
                            self.row_of[p.id],
                            f"{name} (owned by row {owner_row[pipe.id]})",
                        )
            return  # the file names the owners: no guessing from PMs' placements
        for p in people:
            if p.role is not Role.PM:
                continue
            for pl in org.placements(p.id):
                pipe = org.pipelines[pl.pipeline]
                if pipe.owner is None:
                    pipe.owner = p.id
                    owner_row[pipe.id] = self.row_of[p.id]
                elif pipe.owner != p.id:
                    self.report.add(
                        "second-pm",
                        self.row_of[p.id],
                        f"{pipe.name} (owned by row {owner_row[pipe.id]})",
                    )

    def tech_leads(self, people: list[Person], texts: list[str], header: str) -> None:
        """Tech lead of: team, pipeline or org unit names; the first claim wins, unknown
        names are kept in the custom field ``header``."""
        rep = self.report
        claimed: dict[tuple[str, str], int] = {}
        for p, text in zip(people, texts, strict=True):
            if not text:
                continue
            number = self.row_of[p.id]
            unknown: list[str] = []
            for part in split_names(text):
                name = part.strip()
                if not name:
                    continue
                target: Team | Pipeline | OrgUnit | None = (
                    self.team_by_name.get(name)
                    or self.pipe_by_name.get(name)
                    or self.unit_by_name.get(name)
                )
                if target is None:
                    unknown.append(name)
                    rep.add("tech-lead-unknown", number, name)
                    continue
                key = (type(target).__name__, target.id)
                if target.tech_lead is None:
                    target.tech_lead = p.id
                    claimed[key] = number
                elif target.tech_lead != p.id:
                    rep.add("tech-lead-taken", number, f"{name} (row {claimed[key]})")
            if unknown:
                p.fields[header] = "; ".join(unknown)
