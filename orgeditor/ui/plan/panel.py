"""The Plan panel: the planned steps by date, a timeline slider and headcount over time.

- The list shows each step's date, name and number of changes; a step that no longer applies
  is marked (its tooltip says why). Double-click a name to rename, a date to move the step;
  Delete removes it. Each is one undo step (:class:`~orgeditor.document.Document`).
- The slider shows the org as of a date on the grid and every other view
  (:meth:`Document.view_at`): "Today" is the org as it is; each further stop is a date of the
  plan. While a date is shown, edits are planned for that date, and the Changes panel marks
  on the grid what differs from today (hires, moves, new managers, ...).
- The chart shows people and open positions per quarter from today to the end of the plan
  (:func:`orgeditor.model.hiring.timeline`), recomputed on a copy of the org after edits.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgeditor.document import Document, EditError
from orgeditor.errors import UserError
from orgeditor.model.org import Org
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.plan.headcount_chart import HeadcountChart

if TYPE_CHECKING:
    from orgeditor.ui.main_window import MainWindow

__all__ = ["PlanDock"]

DATE, NAME, CHANGES = 0, 1, 2
ID_ROLE = Qt.ItemDataRole.UserRole


class PlanDock(QDockWidget):
    """Planned steps of the bridge's document, the date shown, and headcount over time."""

    #: a message for the status bar (a refused rename or move)
    statusMessage = Signal(str)

    def __init__(self, bridge: DocumentBridge, window: MainWindow | None = None) -> None:
        super().__init__("Plan", window)
        self.setObjectName("PlanDock")
        self.bridge = bridge
        #: the window whose first paint, autosaver and Changes panel the dock works with
        self.window_ = window
        self._filling = False
        self._comparing = False  # the Changes panel shows the dated org against today
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)

        row = QHBoxLayout()
        row.addWidget(QLabel("As of:", body))
        self.slider = QSlider(Qt.Orientation.Horizontal, body)
        self.slider.setObjectName("planSlider")
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.valueChanged.connect(self._on_slider)
        row.addWidget(self.slider, 1)
        self.date_label = QLabel("Today", body)
        self.date_label.setObjectName("planDate")
        self.date_label.setMinimumWidth(90)
        row.addWidget(self.date_label)
        layout.addLayout(row)
        self.hint = QLabel(body)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #8a5a00;")
        self.hint.hide()
        layout.addWidget(self.hint)

        self.tree = QTreeWidget(body)
        self.tree.setObjectName("planSteps")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Date", "Step", "Changes"])
        self.tree.setRootIsDecorated(False)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.itemDoubleClicked.connect(self._edit)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.rename_button = QPushButton("Rename", body)
        self.rename_button.clicked.connect(lambda: self._edit_current(NAME))
        self.move_button = QPushButton("Move…", body)
        self.move_button.setToolTip("Give the step another date (YYYY-MM-DD or YYYY-Qn)")
        self.move_button.clicked.connect(lambda: self._edit_current(DATE))
        self.delete_button = QPushButton("Delete", body)
        self.delete_button.clicked.connect(self.delete_current)
        for b in (self.rename_button, self.move_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.chart = HeadcountChart(body)
        layout.addWidget(self.chart, 1)
        self.setWidget(body)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        bridge.changed.connect(lambda _c: self._timer.start())
        bridge.reset.connect(self._on_reset)
        self.refresh()

    # ------------------------------------------------------------ state
    @property
    def document(self) -> Document:
        return self.bridge.document

    def dates(self) -> list[str]:
        return sorted({s["date"] for s in self.document.org.plan})

    def refresh(self) -> None:
        """Fill the list, the slider's stops and (when shown) the chart from the document."""
        doc = self.document
        self._fill_steps(doc)
        dates = self.dates()
        day = doc.view_day
        self.slider.blockSignals(True)
        self.slider.setRange(0, len(dates))
        self.slider.setValue(dates.index(day) + 1 if day in dates else 0)
        self.slider.blockSignals(False)
        self._show_day(day)
        if self.isVisible():
            self._chart()

    def _fill_steps(self, doc: Document) -> None:
        from orgeditor.model.plan import simulate

        stale = {}
        if doc.view_day is None:
            stale = {s.id: s.reason for s in simulate(doc.org)}
        else:
            stale = {s.id: s.reason for s in doc.view_stale}
        self._filling = True
        current = self.current_id()
        self.tree.clear()
        for s in doc.org.plan:
            item = QTreeWidgetItem([s["date"], s["name"], str(len(s["changes"]))])
            item.setData(DATE, ID_ROLE, s["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            if s["id"] in stale:
                for col in range(3):
                    item.setForeground(col, QColor("#a05a00"))
                item.setToolTip(NAME, f"No longer applies: {stale[s['id']]}")
                item.setText(CHANGES, f"{len(s['changes'])} (stale)")
            self.tree.addTopLevelItem(item)
            if s["id"] == current:
                self.tree.setCurrentItem(item)
        self._filling = False

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else str(item.data(DATE, ID_ROLE))

    def _chart(self) -> None:
        from orgeditor.io.orgfile import from_data, to_data
        from orgeditor.model.hiring import timeline
        from orgeditor.model.plan import revert

        doc = self.document
        try:
            org = doc.org
            if doc.view_day is not None or org.plan:
                org = from_data(copy.deepcopy(to_data(org)))
                revert(org, doc._view_applied if doc.view_day is not None else [])
            rows = timeline(org, "quarter")  # from today, whatever the date shown
        except UserError as e:
            # the user's to fix (a bad date, hiring field or setting); anything else is a
            # bug and keeps its traceback
            self.statusMessage.emit(f"Headcount chart: {e}")
            rows = []
        self.chart.set_rows(rows)

    def _chart_if_shown(self) -> None:
        if self.isVisible():
            self._chart()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        deferred = self.window_.deferred if self.window_ is not None else None
        if deferred is not None and not deferred.done:
            # the window's first paint comes first (issue 18: the chart of 100,000 people
            # takes a second); a tab not in front by then charts when it is shown
            if deferred.queue.count(self._chart_if_shown) == 0:
                deferred.add(self._chart_if_shown)
        else:
            self._chart()

    # ------------------------------------------------------------ slider
    def _on_slider(self, value: int) -> None:
        dates = self.dates()
        day = dates[value - 1] if 0 < value <= len(dates) else None
        self.show_date(day)

    def show_date(self, day: str | None) -> None:
        """Show the org as of ``day`` (``None``: as it is) in every view, with the changes
        against today marked on the grid (the Changes panel, when the window has one)."""
        saver = self.window_.autosaver if self.window_ is not None else None
        doc = self.document
        today = self._as_is_copy() if day is not None and doc.view_day is None else None
        try:
            doc.view_at(day)
        except EditError as e:
            self.statusMessage.emit(str(e))
            return
        if saver is not None:  # recovery files hold the org as it is, never a dated view
            (saver.stop if day is not None else saver.start)()
        self._show_day(day)
        self._mark_changes(day, today)

    def _as_is_copy(self) -> Org:
        from orgeditor.io.orgfile import from_data, to_data

        return from_data(copy.deepcopy(to_data(self.document.org)))

    def _mark_changes(self, day: str | None, today: Org | None) -> None:
        """Compare the dated org with today's in the Changes panel; a comparison the user
        opened themselves is left alone."""
        if self.window_ is None:
            return
        changes = self.window_.changes
        if day is None:
            if self._comparing:
                changes.end_comparison()
                changes.hide()
                self._comparing = False
            return
        if today is not None and (changes.base is None or self._comparing):
            changes.compare_with(today, "today")
            self._comparing = True

    def _show_day(self, day: str | None) -> None:
        self.date_label.setText(day or "Today")
        if day is None:
            self.hint.hide()
        else:
            self.hint.setText(
                f"Showing the org as of {day}: the steps due by then are applied. "
                "Edits now are planned for that date."
            )
            self.hint.show()

    def _on_reset(self) -> None:
        self.refresh()

    # ------------------------------------------------------------ editing
    def _edit(self, item: QTreeWidgetItem, column: int) -> None:
        if column in (DATE, NAME):
            self.tree.editItem(item, column)

    def _edit_current(self, column: int) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.tree.editItem(item, column)

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling:
            return
        id = str(item.data(DATE, ID_ROLE))
        text = item.text(column).strip()
        try:
            if column == NAME:
                self.document.rename_step(id, text)
            elif column == DATE:
                self.document.move_step(id, text)
        except EditError as e:
            self.statusMessage.emit(str(e))
        QTimer.singleShot(0, self.refresh)  # put back what the document holds

    def delete_current(self) -> None:
        id = self.current_id()
        if id is not None:
            try:
                self.document.remove_step(id)
            except EditError as e:  # a read-only document
                self.statusMessage.emit(str(e))
