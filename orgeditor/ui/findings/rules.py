"""The rule settings dialog of the Health Checks dock.

One checkable box per rule (checked: the rule runs) with its severity and thresholds. "Apply
to this file" stores the settings in the ``.orgchart`` as one undoable edit; "Save as my
default" writes them to the user's ``rules.json`` (used by the window and ``orgeditor
check``); "Restore defaults" puts back the built-in values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from orgeditor.document import Document
from orgeditor.model.rules import RULES, SEVERITIES, RuleConfig, RuleSpec

if TYPE_CHECKING:
    from orgeditor.ui.findings.panel import FindingsDock

__all__ = ["RulesDialog"]


class RulesDialog(QDialog):
    """Switch rules on and off and tune their thresholds."""

    def __init__(self, dock: FindingsDock, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Health-check rules")
        self.setObjectName("RulesDialog")
        self.dock = dock
        self.document = document
        self.boxes: dict[str, QGroupBox] = {}
        self.severity: dict[str, QComboBox] = {}
        self.editors: dict[tuple[str, str], QWidget] = {}

        layout = QVBoxLayout(self)
        intro = QLabel(
            "Untick a rule to switch it off. Settings apply to this file (saved with it, "
            "undoable) or become your defaults for every org."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(area)
        rules_layout = QVBoxLayout(inner)
        for spec in RULES:
            rules_layout.addWidget(self._rule_box(spec))
        rules_layout.addStretch(1)
        area.setWidget(inner)
        layout.addWidget(area, 1)

        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton(
            "Apply to this file", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.default_button = QPushButton("Save as my default", self)
        buttons.addButton(self.default_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button = buttons.addButton(QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.clicked.connect(self.apply_to_file)
        self.default_button.clicked.connect(self.save_as_default)
        self.restore_button.clicked.connect(lambda: self.load(RuleConfig.defaults(RULES)))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(660, 680)
        config, _note = dock.config()
        self.load(config)

    def _rule_box(self, spec: RuleSpec) -> QGroupBox:
        box = QGroupBox(f"{spec.title}  ({spec.id})", self)
        box.setCheckable(True)
        box.setToolTip(spec.why)
        form = QFormLayout(box)
        why = QLabel(spec.why, box)
        why.setWordWrap(True)
        form.addRow(why)
        combo = QComboBox(box)
        combo.addItem("As the rule decides", None)
        for s in SEVERITIES:
            combo.addItem(s.title(), s)
        form.addRow("Severity:", combo)
        self.severity[spec.id] = combo
        for p in spec.params:
            editor: QWidget
            if p.type == "int":
                spin = QSpinBox(box)
                spin.setRange(p.minimum or 0, 100000)
                editor = spin
            elif p.type == "bool":
                editor = QCheckBox(box)
            else:
                line = QLineEdit(box)
                line.setPlaceholderText("comma-separated")
                editor = line
            editor.setToolTip(p.help)
            editor.setObjectName(f"{spec.id}.{p.name}")
            form.addRow(f"{p.help[:1].upper()}{p.help[1:]}:", editor)
            self.editors[(spec.id, p.name)] = editor
        self.boxes[spec.id] = box
        return box

    def load(self, config: RuleConfig) -> None:
        """Show ``config`` in the editors."""
        for spec in RULES:
            self.boxes[spec.id].setChecked(config.is_enabled(spec.id))
            combo = self.severity[spec.id]
            combo.setCurrentIndex(max(0, combo.findData(config.severity.get(spec.id))))
            for p in spec.params:
                value = config.params[spec.id][p.name]
                editor = self.editors[(spec.id, p.name)]
                if isinstance(editor, QSpinBox):
                    editor.setValue(int(value))
                elif isinstance(editor, QCheckBox):
                    editor.setChecked(bool(value))
                elif isinstance(editor, QLineEdit):
                    editor.setText(", ".join(value))

    def current(self) -> RuleConfig:
        """The settings as edited."""
        config = RuleConfig.defaults(RULES)
        for spec in RULES:
            config.enabled[spec.id] = self.boxes[spec.id].isChecked()
            sev = self.severity[spec.id].currentData()
            if sev is not None:
                config.severity[spec.id] = sev
            for p in spec.params:
                editor = self.editors[(spec.id, p.name)]
                value: Any
                if isinstance(editor, QSpinBox):
                    value = editor.value()
                elif isinstance(editor, QCheckBox):
                    value = editor.isChecked()
                else:
                    assert isinstance(editor, QLineEdit)
                    value = tuple(v.strip() for v in editor.text().split(",") if v.strip())
                config.params[spec.id][p.name] = value
        return config

    def apply_to_file(self) -> None:
        self.dock.apply_rule_settings(self.current())
        self.accept()

    def save_as_default(self) -> None:
        try:
            where = self.dock.save_user_defaults(self.current())
        except OSError as e:
            QMessageBox.warning(self, "Save as my default", f"Could not save your defaults: {e}")
            return
        self.dock.statusMessage.emit(f"Rule settings saved as your defaults in {where}")
