"""Inspector pages for several people at once, and for a team, pipeline or org unit header."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from orgeditor.document import Document
from orgeditor.model.entities import (
    STANDARD_TEAM_KINDS,
    Person,
    Pipeline,
    Role,
    Team,
    team_kind_label,
)
from orgeditor.ui import team_moves
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.inspector.person import fill_team_combo
from orgeditor.ui.inspector.widgets import PeopleNamesModel, PersonPicker, guarded

__all__ = ["EntityPage", "MultiPage"]

MIXED = "\x00mixed"


class MultiPage(QWidget):
    """Role, team, manager and level of several people, each change one undo step."""

    def __init__(
        self, bridge: DocumentBridge, names: PeopleNamesModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.ids: list[str] = []
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.role = QComboBox()
        self.team = QComboBox()
        self.manager = PersonPicker(names)
        self.level = QLineEdit()
        form = QFormLayout()
        form.addRow("&Role", self.role)
        form.addRow("Tea&m", self.team)
        form.addRow("&Manager", self.manager)
        form.addRow("&Level", self.level)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addStretch(1)
        self.role.activated.connect(self._commit_role)
        self.team.activated.connect(self._commit_team)
        self.manager.picked.connect(self._commit_manager)
        self.level.editingFinished.connect(self._commit_level)

    @property
    def doc(self) -> Document:
        return self.bridge.document

    def _edit(self, fn: Callable[[], Any]) -> None:
        guarded(self, fn)
        QTimer.singleShot(0, lambda: self.load(self.ids))

    def load(self, ids: list[str]) -> None:
        people = self.doc.org.people
        self.ids = [i for i in ids if i in people]
        ps = [people[i] for i in self.ids]
        names = ", ".join(p.display_name for p in ps[:4]) + (" …" if len(ps) > 4 else "")
        self.heading.setText(f"<b>{len(ps)} people selected</b><br>{names}")
        roles = {p.role for p in ps}
        self.role.blockSignals(True)
        self.role.clear()
        if len(roles) != 1:
            self.role.addItem("— several —", MIXED)
        for r in Role:
            self.role.addItem(r.label, r.value)
        self.role.setCurrentIndex(
            0 if len(roles) != 1 else self.role.findData(next(iter(roles)).value)
        )
        self.role.blockSignals(False)
        teams = {p.team for p in ps}
        fill_team_combo(
            self.team, self.doc, next(iter(teams)) if len(teams) == 1 else None, len(teams) != 1
        )
        managers = {p.manager for p in ps}
        self.manager.set_person(next(iter(managers)) if len(managers) == 1 else None)
        line = self.manager.lineEdit()
        if len(managers) != 1 and line is not None:
            line.setText("")
            line.setPlaceholderText("several — type a name…")
        levels = {p.level for p in ps}
        self.level.setText(next(iter(levels)) if len(levels) == 1 else "")
        self.level.setPlaceholderText("" if len(levels) == 1 else "several")

    def _commit_role(self, _row: int) -> None:
        value = self.role.currentData()
        if value != MIXED and self.ids:
            self._edit(lambda: self.doc.set_fields("person", self.ids, "role", value))

    def _commit_team(self, _row: int) -> None:
        value = self.team.currentData()
        if value != MIXED and self.ids:
            self._edit(lambda: team_moves.move_to_team(self.doc, self.ids, value))

    def _commit_manager(self, manager: str | None) -> None:
        if self.ids:
            self._edit(lambda: self.doc.set_managers(self.ids, manager))

    def _commit_level(self) -> None:
        text = self.level.text().strip()
        people = self.doc.org.people
        same = len({people[i].level for i in self.ids}) == 1
        if self.ids and (text or same) and any(people[i].level != text for i in self.ids):
            self._edit(lambda: self.doc.set_fields("person", self.ids, "level", text))


class EntityPage(QWidget):
    """A team (name, kind, manager, tech lead, KPI), pipeline (name, owner, tech lead) or
    org unit (name, leader, tech lead)."""

    def __init__(
        self, bridge: DocumentBridge, names: PeopleNamesModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.kind = ""
        self.eid = ""
        self.heading = QLabel()
        self.name = QLineEdit()
        self.team_kind = QComboBox()
        self.team_kind.setEditable(True)
        self.team_kind.setToolTip("One of the usual kinds, or type your own (e.g. Evaluation)")
        self.boss = PersonPicker(names)
        self.lead = PersonPicker(names)
        self.kpi = QLineEdit()
        self.kpi.setPlaceholderText("e.g. precision of the fraud model at 1 % FPR")
        self.form = QFormLayout()
        self.form.addRow("&Name", self.name)
        self.form.addRow("&Kind", self.team_kind)
        self.form.addRow("&Manager", self.boss)
        self.form.addRow("&Tech lead", self.lead)
        self.form.addRow("&KPI", self.kpi)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.name.editingFinished.connect(self._commit_name)
        self.team_kind.activated.connect(lambda _i: self._commit_kind())
        kind_line = self.team_kind.lineEdit()
        assert kind_line is not None
        kind_line.editingFinished.connect(self._commit_kind)
        self.boss.picked.connect(self._commit_boss)
        self.lead.picked.connect(self._commit_lead)
        self.kpi.editingFinished.connect(self._commit_kpi)

    @property
    def doc(self) -> Document:
        return self.bridge.document

    def _edit(self, fn: Callable[[], Any]) -> None:
        guarded(self, fn)
        QTimer.singleShot(0, lambda: self.load(self.kind, self.eid))

    def _boss_field(self) -> str:
        return {"team": "manager", "pipeline": "owner", "unit": "leader"}[self.kind]

    def load(self, kind: str, eid: str) -> None:
        org = self.doc.org
        if not org.has(kind, eid):
            return
        self.kind, self.eid = kind, eid
        ent = org.entity(kind, eid)
        is_team = isinstance(ent, Team)
        what = {"team": "Team", "pipeline": "Pipeline", "unit": "Org unit"}[kind]
        self.heading.setText(f"<b>{what}</b>")
        if self.name.text() != ent.name:
            self.name.setText(ent.name)
        self.form.setRowVisible(self.team_kind, is_team)
        self.form.setRowVisible(self.kpi, is_team)
        boss_label = self.form.labelForField(self.boss)
        if isinstance(boss_label, QLabel):
            boss_label.setText(
                {"team": "&Manager", "pipeline": "&Owner (PM)", "unit": "&Leader"}[kind]
            )
        self.boss.set_person(getattr(ent, self._boss_field()))
        assert not isinstance(ent, Person)
        self.lead.set_person(ent.tech_lead)
        if is_team:
            assert isinstance(ent, Team)
            self.team_kind.blockSignals(True)
            self.team_kind.clear()
            kinds = list(STANDARD_TEAM_KINDS)
            for t in org.teams.values():
                if t.kind and t.kind not in kinds:
                    kinds.append(t.kind)
            for k in kinds:
                self.team_kind.addItem(team_kind_label(k), k)
            i = self.team_kind.findData(ent.kind)
            self.team_kind.setCurrentIndex(i)
            if i < 0:
                self.team_kind.setEditText(team_kind_label(ent.kind) if ent.kind else "")
            self.team_kind.blockSignals(False)
            if self.kpi.text() != ent.kpi:
                self.kpi.setText(ent.kpi)
        elif isinstance(ent, Pipeline):
            pass

    def _commit_name(self) -> None:
        text = self.name.text().strip()
        if self.eid and text and text != self.doc.org.entity(self.kind, self.eid).name:
            self._edit(lambda: self.doc.rename(self.kind, self.eid, text))

    def _commit_kind(self) -> None:
        if self.kind != "team" or not self.eid:
            return
        text = self.team_kind.currentText().strip()
        i = self.team_kind.findText(text)
        value = self.team_kind.itemData(i) if i >= 0 else text.lower().replace(" ", "-")
        if value != self.doc.org.teams[self.eid].kind:
            self._edit(lambda: self.doc.set_field("team", self.eid, "kind", value))

    def _commit_boss(self, person: str | None) -> None:
        if self.eid:
            self._edit(lambda: self.doc.set_field(self.kind, self.eid, self._boss_field(), person))

    def _commit_lead(self, person: str | None) -> None:
        if self.eid:
            self._edit(lambda: self.doc.set_tech_lead(self.kind, self.eid, person))

    def _commit_kpi(self) -> None:
        text = self.kpi.text().strip()
        if self.kind == "team" and self.eid and text != self.doc.org.teams[self.eid].kpi:
            self._edit(lambda: self.doc.set_field("team", self.eid, "kpi", text))
