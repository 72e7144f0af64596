"""The Health Checks dock: the org's findings, live, grouped by rule or by severity.

The dock runs the health-check rules (:mod:`orgeditor.model.rules`) on the bridge's document
and keeps them current: edits arrive on ``bridge.changed``, are collected for a short moment
(so a burst of edits recomputes once) and only the rules an edit can affect are re-run
(:class:`~orgeditor.model.rules.incremental.FindingsCache`). Clicking a finding selects its
people (and team, pipeline or unit) and emits :attr:`FindingsDock.highlightRequested`;
every new list of findings is emitted as :attr:`FindingsDock.findingsChanged`.

The "Rules…" button opens the rule settings: switch rules off and tune thresholds for this
file (an undoable edit saved in the ``.orgchart``) or save them as the user's defaults.
"""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from orgeditor.model.rules import (
    RULES,
    SEVERITIES,
    Finding,
    RuleConfig,
    RuleConfigError,
    config_for,
    load_user_defaults,
)
from orgeditor.model.rules.incremental import FindingsCache
from orgeditor.model.summary import ChangeBatch, ChangeSummary
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.findings.model import FindingsModel, Index, severity_icon
from orgeditor.ui.findings.quick_fixes import QuickFix, fixes_for, span_people
from orgeditor.ui.inspector.widgets import guarded
from orgeditor.ui.selection import Selection

__all__ = ["FindingsDock", "FindingsModel", "severity_icon"]  # (the last two re-exported)

#: how long edits are collected before the findings are recomputed (ms): edits made in one
#: turn of the event loop, or in quick succession, recompute once
DEBOUNCE_MS = 10


class FindingsDock(QDockWidget):
    """The health-check findings of the bridge's document, following every edit."""

    #: the new list of :class:`~orgeditor.model.rules.Finding` after each recompute
    findingsChanged = Signal(list)
    #: ``[(kind, id), ...]`` of the finding (or group) the user picked
    highlightRequested = Signal(list)
    #: a message for the window's status bar (rule settings saved as the user's defaults)
    statusMessage = Signal(str)

    def __init__(
        self,
        bridge: DocumentBridge,
        selection: Selection,
        parent: QWidget | None = None,
        *,
        start: bool = True,
    ) -> None:
        super().__init__("Health Checks", parent)
        self.setObjectName("FindingsDock")
        self.bridge = bridge
        self.selection = selection
        self.cache = FindingsCache()
        self._findings: list[Finding] = []
        #: what each batch of edits since the last refresh touched
        self._pending: list[ChangeSummary] = []
        self._full = True
        self._user_defaults: dict[str, Any] | None = None
        self._user_place = "user defaults"
        self._user_error = ""
        self._expanded: set[str] | None = None
        self._shown = False
        self.load_user_defaults()

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.summary = QLabel(body)
        self.summary.setObjectName("findingsSummary")
        bar.addWidget(self.summary, 1)
        bar.addWidget(QLabel("Group by:", body))
        self.group_combo = QComboBox(body)
        self.group_combo.addItem("Rule", "rule")
        self.group_combo.addItem("Severity", "severity")
        self.group_combo.setToolTip("Group the findings by rule or by severity")
        self.group_combo.currentIndexChanged.connect(self._on_group_by)
        bar.addWidget(self.group_combo)
        self.rules_button = QToolButton(body)
        self.rules_button.setText("Rules…")
        self.rules_button.setToolTip("Switch rules on or off and tune their thresholds")
        self.rules_button.clicked.connect(self.open_rules_dialog)
        bar.addWidget(self.rules_button)
        self.fix_button = QToolButton(body)
        self.fix_button.setText("Fix")
        self.fix_button.setToolTip("Make the obvious fix of the selected finding (one undo step)")
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(self._fix_current)
        bar.insertWidget(1, self.fix_button)
        layout.addLayout(bar)
        self.filter_edit = QLineEdit(body)
        self.filter_edit.setObjectName("findingsFilter")
        self.filter_edit.setPlaceholderText("Filter findings by text or name…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter)
        layout.addWidget(self.filter_edit)
        self.notice = QLabel(body)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #a05a00;")
        self.notice.hide()
        layout.addWidget(self.notice)
        self.model = FindingsModel(self)
        self.view = QTreeView(body)
        self.view.setObjectName("findingsView")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setAlternatingRowColors(True)
        self.view.clicked.connect(self.activate)
        self.view.activated.connect(self.activate)
        self.view.selectionModel().currentChanged.connect(lambda cur, _prev: self.activate(cur))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().currentChanged.connect(lambda cur, _p: self._update_fix(cur))
        copy = QAction("Copy", self.view)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_current)
        self.view.addAction(copy)
        self.copy_action = copy
        self.view.expanded.connect(self._remember_expanded)
        self.view.collapsed.connect(self._remember_expanded)
        layout.addWidget(self.view, 1)
        self.setWidget(body)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        bridge.changed.connect(self._on_changed)
        bridge.reset.connect(self._on_reset)
        if start:
            self._timer.start(0)  # first findings once the window has connected its slots
        self._fit_title_bar()

    def start(self) -> None:
        """The first findings (the window calls this after its first paint)."""
        self._timer.start(0)

    # ------------------------------------------------------------ state
    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    def load_user_defaults(self) -> None:
        try:
            self._user_defaults, self._user_place = load_user_defaults()
            self._user_error = ""
        except RuleConfigError as e:
            self._user_defaults = None
            self._user_error = f"Your default rule settings are ignored: {e}"

    def config(self) -> tuple[RuleConfig, str]:
        """The rule settings in force and a warning to show ("" if none)."""
        org = self.bridge.document.org
        notes = [self._user_error] if self._user_error else []
        user = self._user_defaults
        try:
            return config_for(org, user, self._user_place), " ".join(notes)
        except RuleConfigError as e:
            if not e.place.startswith("settings."):
                user = None
                notes = [f"Your default rule settings are ignored: {e}"]
            else:
                notes.append(f"This file's rule settings are ignored: {e}")
        try:
            return config_for(org, user, self._user_place), " ".join(notes)
        except RuleConfigError:
            return RuleConfig.defaults(RULES), " ".join(notes)

    def _on_changed(self, batch: ChangeBatch) -> None:
        self._pending.append(batch.summary)
        self._timer.start(DEBOUNCE_MS)

    def _on_reset(self) -> None:
        self._full = True
        self._pending.clear()
        self._timer.start(DEBOUNCE_MS)

    # ------------------------------------------------------------ refresh
    def refresh(self) -> None:
        """Recompute now (the timer calls this; tests and benchmarks may too)."""
        self._timer.stop()
        org = self.bridge.document.org
        config, note = self.config()
        if self._full:
            findings = self.cache.full(org, config)
        else:
            findings = self.cache.update(org, config, ChangeSummary.union(self._pending))
        self._full = False
        self._pending = []
        self.notice.setText(note)
        self.notice.setVisible(bool(note))
        if self._shown and findings == self._findings:
            return
        self._shown = True
        self._findings = findings
        self._show(findings)
        self.findingsChanged.emit(list(findings))

    def _show(self, findings: list[Finding]) -> None:
        current = self.model.group_key(self.view.currentIndex().parent()) or self.model.group_key(
            self.view.currentIndex()
        )
        self.model.set_findings(findings)
        counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
        if findings:
            self.summary.setText(
                f"{counts['error']} error{'s' if counts['error'] != 1 else ''} · "
                f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''} · "
                f"{counts['info']} info"
            )
        else:
            self.summary.setText("No problems found")
        self.setWindowTitle(f"Health Checks ({len(findings)})" if findings else "Health Checks")
        expanded = self._expanded
        for row in range(self.model.rowCount()):
            idx = self.model.index(row, 0)
            key = self.model.group_key(idx)
            if expanded is None:
                # first show: open small groups so the messages are in view
                open_it = self.model.rowCount(idx) <= 25
            else:
                open_it = key in expanded
            if open_it:
                self.view.expand(idx)
        if current is not None:
            idx = self.model.group_index(current)
            if idx.isValid():
                self.view.selectionModel().blockSignals(True)
                self.view.setCurrentIndex(idx)
                self.view.selectionModel().blockSignals(False)
        if expanded is None:
            self._remember_expanded()

    def _remember_expanded(self, *_args: object) -> None:
        keys = set()
        for row in range(self.model.rowCount()):
            idx = self.model.index(row, 0)
            if self.view.isExpanded(idx):
                key = self.model.group_key(idx)
                if key is not None:
                    keys.add(key)
        self._expanded = keys

    def _on_filter(self, text: str) -> None:
        self.model.set_findings(self._findings, text=text)
        for row in range(self.model.rowCount()):
            self.view.expand(self.model.index(row, 0))

    def copy_current(self) -> None:
        """Copy the current finding (or every finding of the current group) as text."""
        findings = self.model.group_findings(self.view.currentIndex())
        if findings:
            lines = [f"{f.severity}: {f.message}" for f in findings]
            QApplication.clipboard().setText("\n".join(lines))

    def _on_group_by(self) -> None:
        self._expanded = None
        self.model.set_findings(self._findings, self.group_combo.currentData())
        self._show(self._findings)

    # ------------------------------------------------------------ picking
    def activate(self, index: Index) -> None:
        """Select and highlight the subjects of a finding, or of every finding of a group."""
        findings = self.model.group_findings(index)
        if not findings:
            return
        self.select_subjects(findings)

    # ------------------------------------------------------------ quick fixes
    def fixes(self, index: Index) -> list[QuickFix]:
        """The quick fixes of the finding at ``index`` (none for a group row)."""
        f = self.model.finding(index)
        return fixes_for(self.bridge.document.org, f) if f is not None else []

    def _update_fix(self, index: Index) -> None:
        fixes = self.fixes(index)
        self.fix_button.setEnabled(bool(fixes))
        self.fix_button.setToolTip(fixes[0].label if fixes else "No obvious fix for this finding")

    def _fix_current(self) -> None:
        fixes = self.fixes(self.view.currentIndex())
        if fixes:
            self.run_fix(fixes[0])

    def run_fix(self, fix: QuickFix) -> bool:
        """Make one quick fix (a refused edit shows its message)."""
        ok = guarded(self, lambda: fix.run(self.bridge.document))
        self._update_fix(self.view.currentIndex())
        return ok

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        menu = QMenu(self.view)
        for fix in self.fixes(index):
            menu.addAction(f"Fix: {fix.label}", functools.partial(self.run_fix, fix))
        if not menu.isEmpty():
            menu.addSeparator()
        menu.addAction(self.copy_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def select_subjects(self, findings: list[Finding]) -> None:
        org = self.bridge.document.org
        subjects: dict[tuple[str, str], None] = {}
        for f in findings:
            for s in f.subjects:
                subjects[(s.kind, s.id)] = None
            for pid in span_people(org, f):  # a span: the manager and every report
                subjects[("person", pid)] = None
        people = [i for k, i in subjects if k == "person" and i in org.people]
        self.selection.set_people(people)
        other = next(((k, i) for k, i in subjects if k != "person" and org.has(k, i)), None)
        if other is not None:
            self.selection.set_entity(*other)
        elif not people:
            self.selection.set_entity("", "")
        self.highlightRequested.emit(list(subjects))

    # ------------------------------------------------------------ rules
    def open_rules_dialog(self) -> None:
        from orgeditor.ui.findings.rules import RulesDialog

        dialog = RulesDialog(self, self.bridge.document, self)
        dialog.exec()

    def apply_rule_settings(self, config: RuleConfig) -> None:
        """Store ``config`` in the file as its differences from the user's defaults (undoable)."""
        base = RuleConfig.layered(RULES, (self._user_defaults, self._user_place))
        rules = config.to_settings(RULES, base)
        doc = self.bridge.document
        if (doc.org.settings.get("rules") or None) != (rules or None):
            doc.set_setting("rules", rules or None)

    def save_user_defaults(self, config: RuleConfig) -> str:
        """Save ``config`` as the user's defaults; returns where."""
        from orgeditor.model.rules import save_user_defaults

        path = save_user_defaults(config.to_settings(RULES))
        self.load_user_defaults()
        self._full = True
        self._timer.start(DEBOUNCE_MS)
        return str(path)

    # ------------------------------------------------------------ docking
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ParentChange:
            self._fit_title_bar()
        super().changeEvent(event)

    def _fit_title_bar(self) -> None:
        """Inside another dock (the window wraps panels in its own) show no second title."""
        inside_window = isinstance(self.parentWidget(), QMainWindow)
        if inside_window:
            self.setTitleBarWidget(None)  # type: ignore[arg-type]
        else:
            self.setTitleBarWidget(QWidget(self))
