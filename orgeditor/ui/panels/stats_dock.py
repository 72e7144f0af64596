"""The Statistics dock: headcount, allocation-weighted FTE, shape and stage of the org.

It shows :func:`orgeditor.model.stats.org_stats` as a small report and follows edits: a
burst of edits recomputes once, and while the dock is hidden nothing is computed until it is
shown again.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTextBrowser, QWidget

from orgeditor.model.entities import team_kind_label
from orgeditor.model.hiring import cost_section
from orgeditor.model.stats import org_stats
from orgeditor.theme import kind_colour
from orgeditor.ui.bridge import DocumentBridge

__all__ = ["StatsDock", "stats_html"]

#: rows shown per table before "... and N more" (a 20,000-person org has 2,000 teams)
MAX_ROWS = 200
DEBOUNCE_MS = 120


def _e(value: Any) -> str:
    return html.escape(str(value))


def _bar(value: float, most: float, colour: str = "#4a78b5") -> str:
    width = 0 if most <= 0 or value <= 0 else max(1, round(120 * value / most))
    return (
        f'<table cellspacing="0" cellpadding="0"><tr><td bgcolor="{colour}" width="{width}" '
        f'height="8"></td></tr></table>'
    )


def stats_html(data: dict[str, Any]) -> str:
    """The stats as an HTML report for :class:`QTextBrowser` (every text escaped)."""
    mic = data["manager_to_ic"]
    ratio = f"1 : {mic['ratio']:.1f}" if mic["ratio"] is not None else "n/a"
    out = [
        f"<h3>{_e(data['name'] or 'Untitled org')}</h3>",
        "<table cellpadding='2'>",
        f"<tr><td>People</td><td align='right'><b>{data['people']}</b></td>"
        f"<td>&nbsp;&nbsp;Open positions</td><td align='right'><b>{data['open_positions']}"
        "</b></td></tr>",
        f"<tr><td>Allocated FTE</td><td align='right'><b>{data['fte']:.1f}</b></td>"
        f"<td>&nbsp;&nbsp;Layers</td><td align='right'><b>{data['layers']}</b></td></tr>",
        f"<tr><td>Managers : ICs</td><td align='right'><b>{ratio}</b></td>"
        f"<td>&nbsp;&nbsp;Largest span</td><td align='right'><b>{data['max_span']}</b></td></tr>",
        "</table>",
        f"<p><b>Org stage.</b> {_e(data['stage']['note'])}</p>",
        "<h4>Teams</h4><table cellpadding='2' width='100%'>",
        "<tr><th align='left'>Team</th><th align='right'>People</th>"
        "<th align='right'>Open</th><th align='right'>FTE</th><th></th></tr>",
    ]
    most = max((t["fte"] for t in data["teams"]), default=0)
    for t in data["teams"][:MAX_ROWS]:
        colour = kind_colour(t["kind"]).accent
        out.append(
            f"<tr><td title='{_e(team_kind_label(t['kind'] or ''))}'>{_e(t['name'])}</td>"
            f"<td align='right'>{t['headcount']}</td><td align='right'>"
            f"{t['open_positions'] or ''}</td><td align='right'>{t['fte']:.1f}</td>"
            f"<td>{_bar(t['fte'], most, colour)}</td></tr>"
        )
    out.append(_more(len(data["teams"])))
    out.append("</table><h4>Pipelines</h4><table cellpadding='2' width='100%'>")
    out.append(
        "<tr><th align='left'>Pipeline</th><th align='right'>People</th>"
        "<th align='right'>FTE</th><th align='left'>Owner</th></tr>"
    )
    for pl in data["pipelines"][:MAX_ROWS]:
        owner = _e(pl["owner"]) if pl["owner"] else "<i style='color:#b03030'>none</i>"
        out.append(
            f"<tr><td>{_e(pl['name'])}</td><td align='right'>{pl['headcount']}</td>"
            f"<td align='right'>{pl['fte']:.1f}</td><td>{owner}</td></tr>"
        )
    out.append(_more(len(data["pipelines"])))
    out.append("</table><h4>Span of control</h4><table cellpadding='2'>")
    dist = data["span_distribution"]
    most_span = max(dist.values(), default=0)
    for label, count in dist.items():
        out.append(
            f"<tr><td>{_e(label)} report{'s' if label != '1' else ''}</td>"
            f"<td align='right'>{count}</td><td>{_bar(count, most_span)}</td></tr>"
        )
    out.append(f"</table><p>Median span: {data['median_span']}</p>")
    if data["open"]:
        out.append(f"<h4>Open positions ({len(data['open'])})</h4><ul>")
        for o in data["open"][:MAX_ROWS]:
            out.append(
                f"<li>{_e(o['title'] or 'Open position')} — {_e(o['team'] or 'no team')}"
                f"{', reports to ' + _e(o['manager']) if o['manager'] else ''}</li>"
            )
        out.append("</ul>")
    if "cost" in data:
        out.append(cost_html(data["cost"]))
    return "".join(out)


def cost_html(cost: dict[str, Any]) -> str:
    """The annual cost per team, pipeline and manager (``cost_totals``), escaped."""
    cur = _e(cost["currency"])
    out = [f"<h4>Annual cost: {cost['total']:,.0f} {cur}</h4><table cellpadding='2'>"]
    for key, title in (("teams", "Team"), ("pipelines", "Pipeline"), ("managers", "Manager")):
        out.append(f"<tr><th align='left'>{title}</th><th align='right'>{cur}</th></tr>")
        out += [
            f"<tr><td>{_e(r['name'])}</td><td align='right'>{r['cost']:,.0f}</td></tr>"
            for r in cost[key][:MAX_ROWS]
        ]
    out.append("</table>")
    if cost["unknown"]:
        out.append(f"<p>{cost['unknown']} without a known cost.</p>")
    return "".join(out)


def _more(n: int) -> str:
    if n <= MAX_ROWS:
        return ""
    return f"<tr><td colspan='5'><i>… and {n - MAX_ROWS} more</i></td></tr>"


class StatsDock(QDockWidget):
    """Analytics of the bridge's document, following edits."""

    def __init__(
        self, bridge: DocumentBridge, parent: QWidget | None = None, *, start: bool = True
    ) -> None:
        super().__init__("Statistics", parent)
        self.setObjectName("StatsDock")
        self.bridge = bridge
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("statsBrowser")
        self.browser.setOpenLinks(False)
        self.setWidget(self.browser)
        self.data: dict[str, Any] = {}
        self._dirty = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._maybe_refresh)
        bridge.changed.connect(self._schedule)
        bridge.reset.connect(self._schedule)
        self._started = False
        if start:
            self.start()
        self._fit_title_bar()

    def _schedule(self, *_args: object) -> None:
        self._dirty = True
        self._timer.start(DEBOUNCE_MS)

    def start(self) -> None:
        """The first statistics (the window calls this after its first paint)."""
        self._started = True
        self._timer.start(0)

    def _maybe_refresh(self) -> None:
        if self.browser.isVisible() or not self.data:
            self.refresh()

    def refresh(self) -> None:
        """Recompute and show the statistics now."""
        self._timer.stop()
        org = self.bridge.document.org
        self.data = org_stats(org)
        self.data.update(cost_section(org))
        bar = self.browser.verticalScrollBar()
        pos = bar.value()
        self.browser.setHtml(stats_html(self.data))
        bar.setValue(pos)
        self._dirty = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty and self._started:
            self._timer.start(0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ParentChange:
            self._fit_title_bar()
        super().changeEvent(event)

    def _fit_title_bar(self) -> None:
        """Inside another dock (the window wraps panels in its own) show no second title."""
        if isinstance(self.parentWidget(), QMainWindow):
            self.setTitleBarWidget(None)  # type: ignore[arg-type]
        else:
            self.setTitleBarWidget(QWidget(self))
