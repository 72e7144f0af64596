"""Quick fixes for the finding the user picked: buttons under the findings list and entries
in its right-click menu ("Keep ours" / "Take theirs" for a merge conflict).

:data:`QUICK_FIXES` lists the makers: ``(document, finding) -> [(label, do)]``; each ``do``
is one Document edit (one undo step). A user error from it is shown, not raised.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from orgeditor.model.rules import Finding
from orgeditor.ui.conflict_fixes import conflict_fixes

__all__ = ["QUICK_FIXES", "QuickFix", "QuickFixBar"]

#: A quick fix maker: ``(document, finding) -> [(label, do)]``.
QuickFix = Callable[[Any, Finding], list[tuple[str, Callable[[], None]]]]
#: Quick fixes offered for the current finding.
QUICK_FIXES: list[QuickFix] = [conflict_fixes]


class QuickFixBar(QWidget):
    """A row of fix buttons (hidden when there is none); the same fixes as actions on
    ``menu_owner`` (a view with an actions context menu)."""

    def __init__(self, menu_owner: QWidget, notice: QLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findingsFixes")
        self.menu_owner = menu_owner
        self.notice = notice
        self._box = QHBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self.actions_: list[QAction] = []
        self.hide()

    def offer(self, document: Any, findings: list[Finding]) -> None:
        """The fixes of the one finding picked (none for a group or nothing)."""
        for act in self.actions_:
            self.menu_owner.removeAction(act)
            act.deleteLater()
        self.actions_ = []
        while self._box.count():
            item = self._box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        fixes = []
        if len(findings) == 1:
            fixes = [fix for make in QUICK_FIXES for fix in make(document, findings[0])]
        for label, do in fixes:
            act = QAction(label, self.menu_owner)
            act.triggered.connect(lambda _checked=False, do=do: self._run(do))
            self.menu_owner.addAction(act)
            self.actions_.append(act)
            button = QToolButton(self)
            button.setDefaultAction(act)
            self._box.addWidget(button)
        if fixes:
            self._box.addStretch(1)
        self.setVisible(bool(fixes))

    def _run(self, do: Callable[[], None]) -> None:
        from orgeditor.errors import is_user_error

        try:
            do()
        except Exception as e:
            if not is_user_error(e):
                raise
            self.notice.setText(str(e))
            self.notice.show()
