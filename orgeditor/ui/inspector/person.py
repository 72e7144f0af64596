"""The inspector page for one person: every field, lines, placements, tech leads, custom fields.

Each widget commits one edit through a :class:`~orgeditor.document.Document` method when the
user finishes with it (Enter or leaving a text field, choosing in a combo box), so every
field edit is one undo step. :meth:`PersonPage.load` fills the widgets from the org.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgeditor.document import Document
from orgeditor.model.entities import Role
from orgeditor.ui import team_moves
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.inspector.widgets import PeopleNamesModel, PersonPicker, guarded

__all__ = ["PersonPage", "fill_team_combo", "section"]


def section(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setContentsMargins(0, 8, 0, 0)
    return label


def fill_team_combo(
    combo: QComboBox, doc: Document, current: str | None, mixed: bool = False
) -> None:
    combo.blockSignals(True)
    combo.clear()
    if mixed:
        combo.addItem("— several —", "\x00mixed")
    for t in doc.org.ordered_teams():
        combo.addItem(t.name, t.id)
    combo.addItem("No team", None)
    if mixed:
        combo.setCurrentIndex(0)
    else:
        i = combo.findData(current) if current is not None else combo.count() - 1
        combo.setCurrentIndex(max(i, 0))
    combo.blockSignals(False)


def _button(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    b = QPushButton(text)
    b.setToolTip(tip)
    b.clicked.connect(lambda _c=False: slot())
    return b


class PersonPage(QWidget):
    """Edits one person."""

    def __init__(
        self, bridge: DocumentBridge, names: PeopleNamesModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.pid: str | None = None
        self._places_sig: object = None
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit()
        self.title = QLineEdit()
        self.level = QLineEdit()
        self.level.setPlaceholderText("e.g. L5")
        self.role = QComboBox()
        for r in Role:
            self.role.addItem(r.label, r.value)
        self.team = QComboBox()
        self.manager = PersonPicker(names)
        form.addRow("&Name", self.name)
        form.addRow("&Title", self.title)
        form.addRow("&Level", self.level)
        form.addRow("&Role", self.role)
        form.addRow("Tea&m", self.team)
        form.addRow("&Manager", self.manager)

        # an unresolved manager reference left by an import
        self.unresolved = QWidget()
        ul = QVBoxLayout(self.unresolved)
        ul.setContentsMargins(0, 0, 0, 0)
        self.unresolved_label = QLabel()
        self.unresolved_label.setWordWrap(True)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        warn = QLabel()
        warn.setPixmap(icon.pixmap(16, 16))
        row = QHBoxLayout()
        row.addWidget(warn)
        row.addWidget(self.unresolved_label, 1)
        ul.addLayout(row)
        row2 = QHBoxLayout()
        row2.addWidget(QLabel("Resolve to"))
        self.resolve = PersonPicker(names, placeholder="Pick the right person…")
        row2.addWidget(self.resolve, 1)
        row2.addWidget(_button("Forget", "Drop the unmatched reference", self._forget_unresolved))
        ul.addLayout(row2)
        form.addRow(self.unresolved)

        self.dotted = QListWidget()
        self.dotted.setMaximumHeight(80)
        self.dotted_pick = PersonPicker(names, placeholder="Add a dotted line to…")
        drow = QHBoxLayout()
        drow.addWidget(self.dotted_pick, 1)
        drow.addWidget(_button("Remove", "Remove the selected dotted line", self._remove_dotted))

        self.places = QTableWidget(0, 3)
        self.places.setHorizontalHeaderLabels(["Team", "Pipeline", "Share %"])
        self.places.verticalHeader().hide()
        self.places.horizontalHeader().setStretchLastSection(True)
        self.places.setMaximumHeight(130)
        self.places.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.add_pipeline = QComboBox()
        prow = QHBoxLayout()
        prow.addWidget(self.add_pipeline, 1)
        prow.addWidget(_button("Add", "Place this person on the pipeline", self._add_placement))
        prow.addWidget(_button("Remove", "Take off the selected pipeline", self._remove_placement))

        self.leads = QListWidget()
        self.leads.setMaximumHeight(70)
        self.lead_target = QComboBox()
        lrow = QHBoxLayout()
        lrow.addWidget(self.lead_target, 1)
        lrow.addWidget(_button("Name", "Make this person tech lead there", self._add_lead))
        lrow.addWidget(_button("Remove", "Clear the selected tech-lead role", self._remove_lead))

        self.fields = QTableWidget(0, 2)
        self.fields.setHorizontalHeaderLabels(["Field", "Value"])
        self.fields.verticalHeader().hide()
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.setMaximumHeight(130)
        frow = QHBoxLayout()
        frow.addStretch(1)
        frow.addWidget(_button("Add Field", "Add a custom field", self._add_field))
        frow.addWidget(_button("Remove", "Remove the selected field", self._remove_field))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(section("Dotted-line managers"))
        layout.addWidget(self.dotted)
        layout.addLayout(drow)
        layout.addWidget(section("Pipelines"))
        layout.addWidget(self.places)
        layout.addLayout(prow)
        layout.addWidget(section("Tech lead of"))
        layout.addWidget(self.leads)
        layout.addLayout(lrow)
        layout.addWidget(section("Custom fields"))
        layout.addWidget(self.fields)
        layout.addLayout(frow)
        layout.addStretch(1)

        self.name.editingFinished.connect(self._commit_name)
        self.title.editingFinished.connect(lambda: self._commit_text("title", self.title))
        self.level.editingFinished.connect(lambda: self._commit_text("level", self.level))
        self.role.activated.connect(self._commit_role)
        self.team.activated.connect(self._commit_team)
        self.manager.picked.connect(self._commit_manager)
        self.resolve.picked.connect(self._resolve)
        self.dotted_pick.picked.connect(self._add_dotted)
        self.fields.itemChanged.connect(self._commit_fields)

    @property
    def doc(self) -> Document:
        return self.bridge.document

    def _edit(self, fn: Callable[[], Any]) -> None:
        if self.pid is not None and self.pid in self.doc.org.people:
            guarded(self, fn)
            self.reload_later()

    def reload_later(self) -> None:
        """Reload after the current signal has returned (widgets may be replaced)."""
        QTimer.singleShot(0, self._reload)

    def _reload(self) -> None:
        if self.pid is not None and self.pid in self.doc.org.people:
            self.load(self.pid)

    # ------------------------------------------------------------ loading
    def load(self, pid: str) -> None:
        self.pid = pid
        org = self.doc.org
        p = org.people[pid]
        for w, text in ((self.name, p.name), (self.title, p.title), (self.level, p.level)):
            if w.text() != text:
                w.setText(text)
                w.setCursorPosition(0)
        self.name.setPlaceholderText("Open position" if p.is_open else "")
        self.role.setCurrentIndex(self.role.findData(p.role.value))
        fill_team_combo(self.team, self.doc, p.team)
        self.manager.set_person(p.manager)
        self.unresolved.setVisible(p.unresolved_manager is not None)
        if p.unresolved_manager is not None:
            self.unresolved_label.setText(
                f"The manager “{p.unresolved_manager}” from the import matches nobody."
            )
            self.resolve.set_person(None)
        self.dotted.clear()
        for m in p.dotted:
            item = QListWidgetItem(org.people[m].display_name if m in org.people else m)
            item.setData(Qt.ItemDataRole.UserRole, m)
            self.dotted.addItem(item)
        for text in p.unresolved_dotted:
            item = QListWidgetItem(f"⚠ {text} (matches nobody)")
            item.setData(Qt.ItemDataRole.UserRole, None)
            self.dotted.addItem(item)
        self.dotted_pick.set_person(None)
        self._load_places()
        self._load_leads()
        self._load_fields()

    def _load_places(self) -> None:
        assert self.pid is not None
        org = self.doc.org
        pls = org.placements(self.pid)
        sig = (
            self.pid,
            tuple((pl.team, pl.pipeline) for pl in pls),
            tuple((p.id, p.name) for p in org.ordered_pipelines()),
            tuple((t.id, t.name) for t in org.ordered_teams()),
        )
        if sig == self._places_sig:
            for row, pl in enumerate(pls):
                spin = self.places.cellWidget(row, 2)
                if isinstance(spin, QSpinBox) and spin.value() != pl.share:
                    spin.blockSignals(True)
                    spin.setValue(pl.share)
                    spin.blockSignals(False)
            self._set_total_tip()
            return
        self._places_sig = sig
        self.places.setRowCount(len(pls))
        for row, pl in enumerate(pls):
            team = org.teams[pl.team].name if pl.team in org.teams else "No team"
            for col, text in ((0, team), (1, org.pipelines[pl.pipeline].name)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row)
                self.places.setItem(row, col, item)
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            spin.setValue(pl.share)
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(
                lambda v, t=pl.team, pipe=pl.pipeline: self._edit(
                    lambda: self.doc.set_share(self.pid or "", t, pipe, v)
                )
            )
            self.places.setCellWidget(row, 2, spin)
        self.add_pipeline.clear()
        here = {pl.pipeline for pl in pls}
        for pipe in org.ordered_pipelines():
            if pipe.id not in here:
                self.add_pipeline.addItem(pipe.name, pipe.id)
        self._set_total_tip()

    def _set_total_tip(self) -> None:
        total = self.doc.org.total_share(self.pid or "")
        self.places.setToolTip(f"Total: {total} %" + ("  (above 100 %)" if total > 100 else ""))

    def _load_leads(self) -> None:
        assert self.pid is not None
        org = self.doc.org
        self.leads.clear()
        for kind, eid in org.tech_lead_roles(self.pid):
            ent = org.entity(kind, eid)
            item = QListWidgetItem(f"{kind.title() if kind != 'unit' else 'Org unit'}: {ent.name}")
            item.setData(Qt.ItemDataRole.UserRole, f"{kind}:{eid}")
            self.leads.addItem(item)
        self.lead_target.clear()
        for t in org.ordered_teams():
            self.lead_target.addItem(f"Team: {t.name}", f"team:{t.id}")
        for pipe in org.ordered_pipelines():
            self.lead_target.addItem(f"Pipeline: {pipe.name}", f"pipeline:{pipe.id}")
        for u in org.ordered_units():
            self.lead_target.addItem(f"Org unit: {u.name}", f"unit:{u.id}")

    def _load_fields(self) -> None:
        assert self.pid is not None
        p = self.doc.org.people[self.pid]
        self.fields.blockSignals(True)
        self.fields.setRowCount(len(p.fields))
        for row, (k, v) in enumerate(sorted(p.fields.items())):
            self.fields.setItem(row, 0, QTableWidgetItem(k))
            self.fields.setItem(row, 1, QTableWidgetItem(v))
        self.fields.blockSignals(False)

    # ------------------------------------------------------------ commits
    def _commit_name(self) -> None:
        pid = self.pid
        if pid is None or pid not in self.doc.org.people:
            return
        if self.name.text() != self.doc.org.people[pid].name:
            self._edit(lambda: self.doc.rename("person", pid, self.name.text().strip()))

    def _commit_text(self, field: str, w: QLineEdit) -> None:
        pid = self.pid
        if pid is None or pid not in self.doc.org.people:
            return
        value = w.text().strip()
        if value != getattr(self.doc.org.people[pid], field):
            self._edit(lambda: self.doc.set_field("person", pid, field, value))

    def _commit_role(self, _row: int) -> None:
        pid = self.pid
        if pid is not None:
            self._edit(lambda: self.doc.set_field("person", pid, "role", self.role.currentData()))

    def _commit_team(self, _row: int) -> None:
        pid, team = self.pid, self.team.currentData()
        if pid is not None and self.doc.org.people[pid].team != team:
            self._edit(lambda: team_moves.move_to_team(self.doc, [pid], team))

    def _commit_manager(self, manager: str | None) -> None:
        pid = self.pid
        if pid is not None:
            self._edit(lambda: self.doc.set_manager(pid, manager))

    def _resolve(self, manager: str | None) -> None:
        if manager is not None:
            self._commit_manager(manager)

    def _forget_unresolved(self) -> None:
        pid = self.pid
        if pid is not None:
            self._edit(
                lambda: self.doc.set_field(
                    "person", pid, "unresolved_manager", None, label="Forget unmatched manager"
                )
            )

    def _add_dotted(self, manager: str | None) -> None:
        pid = self.pid
        if pid is not None and manager is not None:
            self._edit(lambda: self.doc.add_dotted(pid, manager))

    def _remove_dotted(self) -> None:
        item = self.dotted.currentItem()
        pid = self.pid
        if item is None or pid is None:
            return
        m = item.data(Qt.ItemDataRole.UserRole)
        if m is None:
            text = item.text()[2:].removesuffix(" (matches nobody)")
            left = tuple(u for u in self.doc.org.people[pid].unresolved_dotted if u != text)
            self._edit(lambda: self.doc.set_field("person", pid, "unresolved_dotted", left))
        else:
            self._edit(lambda: self.doc.remove_dotted(pid, m))

    def _add_placement(self) -> None:
        pid, pipe = self.pid, self.add_pipeline.currentData()
        if pid is not None and pipe is not None:
            team = self.doc.org.people[pid].team
            self._edit(lambda: self.doc.add_placement(pid, team, pipe, 100))

    def _remove_placement(self) -> None:
        row = self.places.currentRow()
        item = self.places.item(row, 0) if row >= 0 else None
        pid = self.pid
        if item is None or pid is None:
            return
        pl = self.doc.org.placements(pid)[int(item.data(Qt.ItemDataRole.UserRole))]
        team, pipe = pl.team, pl.pipeline
        self._edit(lambda: self.doc.remove_placement(pid, team, pipe))

    def _add_lead(self) -> None:
        target, pid = self.lead_target.currentData(), self.pid
        if target is not None and pid is not None:
            kind, eid = str(target).split(":", 1)
            self._edit(lambda: self.doc.set_tech_lead(kind, eid, pid))

    def _remove_lead(self) -> None:
        item = self.leads.currentItem()
        if item is not None:
            kind, eid = str(item.data(Qt.ItemDataRole.UserRole)).split(":", 1)
            self._edit(lambda: self.doc.set_tech_lead(kind, eid, None))

    def _table_fields(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for row in range(self.fields.rowCount()):
            k, v = self.fields.item(row, 0), self.fields.item(row, 1)
            key = k.text().strip() if k else ""
            if key:
                out[key] = v.text() if v else ""
        return out

    def _commit_fields(self, *_args: object) -> None:
        pid = self.pid
        if pid is None:
            return
        new = self._table_fields()
        if new != self.doc.org.people[pid].fields:
            self._edit(lambda: self.doc.set_field("person", pid, "fields", new))

    def _add_field(self) -> None:
        pid = self.pid
        if pid is None:
            return
        fields = dict(self.doc.org.people[pid].fields)
        n = 1
        while f"field {n}" in fields:
            n += 1
        fields[f"field {n}"] = ""
        self._edit(lambda: self.doc.set_field("person", pid, "fields", fields, label="Add field"))
        for row in range(self.fields.rowCount()):
            item = self.fields.item(row, 0)
            if item is not None and item.text() == f"field {n}":
                self.fields.editItem(item)

    def _remove_field(self) -> None:
        row = self.fields.currentRow()
        pid = self.pid
        if row < 0 or pid is None:
            return
        key_item = self.fields.item(row, 0)
        fields = dict(self.doc.org.people[pid].fields)
        fields.pop(key_item.text() if key_item else "", None)
        self._edit(lambda: self.doc.set_field("person", pid, "fields", fields))
