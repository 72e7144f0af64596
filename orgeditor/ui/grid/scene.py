"""The matrix scene: builds the grid's items from the org and follows the document's changes.

A full build happens only on :meth:`MatrixScene.rebuild` (a new or opened document): it lays
the grid out and makes the headers. Cell items are made lazily, when a paint first exposes
their cell (:meth:`MatrixScene.materialize`, from :meth:`MatrixScene.drawBackground`; the
bookkeeping is :class:`~orgeditor.ui.grid.cells.LazyCells`): a 100,000-person org opens with
items for the few dozen cells on screen, not 40,000 (issue 18). Everything else (hit tests,
selection, find, keyboard moves, drag and drop, scrolling to a card) works from the layout,
not from items. After a build, each batch of changes from the
:class:`~orgeditor.ui.bridge.DocumentBridge` touches only the cells, headers and rows/columns
involved: a move of one card updates two cells, whatever the size of the org. Items hold ids
only; the org stays the one source of truth.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsRectItem, QGraphicsScene

from orgeditor import theme
from orgeditor.model.org import Cell, Org
from orgeditor.model.stats import Headcount, headcount
from orgeditor.model.summary import ChangeSummary
from orgeditor.ui.bridge import DocumentBridge
from orgeditor.ui.grid.background import paint_grid
from orgeditor.ui.grid.cards import photo_room
from orgeditor.ui.grid.cells import LazyCells
from orgeditor.ui.grid.density import FULL, Density
from orgeditor.ui.grid.items import CellItem, ColumnHeaderItem, OverviewItem, RowHeaderItem
from orgeditor.ui.grid.layout import GridLayout
from orgeditor.ui.grid.lines import MAX_LINES_OF, reporting_paths
from orgeditor.ui.grid.measure import NameMeasurer
from orgeditor.ui.grid.photos import PhotoCache

__all__ = ["MatrixScene"]

_STRUCTURE_KINDS = frozenset({"team", "pipeline"})


class _Group(QGraphicsItem):
    """An invisible parent: hiding it hides a whole layer at once."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, *args: Any) -> None:
        pass


class MatrixScene(QGraphicsScene):
    """Items of the matrix grid for one document (through its bridge)."""

    def __init__(self, bridge: DocumentBridge, parent: Any = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.layout = GridLayout()
        self.layout.measurer = NameMeasurer(
            self.layout,
            lambda: self.org,
            lambda d: photo_room(d) if self.show_photos else 0.0,  # a photo beside the name
        )
        self.colour_mode = "kind"
        self.selected: set[str] = set()
        self.current: tuple[str, Cell] | None = None
        self.current_entity: tuple[str, str | None] = ("", None)
        self.findings: dict[tuple[str, str], str] = {}
        #: the Changes dock's marks (orgeditor.ui.changes.dock.grid_marks): person -> (label,
        #: colour); cell -> names of people who left it; (kind, id) -> "+N / -N"
        self.change_marks: dict[str, tuple[str, str]] = {}
        self.ghosts: dict[Cell, list[str]] = {}
        self.header_deltas: dict[tuple[str, str], str] = {}
        self.tech_leads: set[str] = set()
        self.column_headers: dict[str | None, ColumnHeaderItem] = {}
        self.row_headers: dict[str | None, RowHeaderItem] = {}
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setBackgroundBrush(QColor(theme.CANVAS))
        self._detail = _Group()
        self._headers = _Group()
        self._headers.setZValue(2)
        self.addItem(self._detail)
        self.addItem(self._headers)
        self._lazy = LazyCells(self, self.layout, self._detail)
        self.overview = OverviewItem()
        self.overview.setVisible(False)
        self.addItem(self.overview)
        self.drop_marker = QGraphicsRectItem()
        self.drop_marker.setPen(QPen(QColor("#2563c9"), 2.0))
        self.drop_marker.setBrush(QColor(37, 99, 201, 28))
        self.drop_marker.setZValue(5)
        self.drop_marker.setVisible(False)
        self.addItem(self.drop_marker)
        self._solid_lines = QGraphicsPathItem()
        self._dotted_lines = QGraphicsPathItem()
        for item, style_, colour in (
            (self._solid_lines, Qt.PenStyle.SolidLine, QColor(37, 99, 201, 210)),
            (self._dotted_lines, Qt.PenStyle.DashLine, QColor(138, 79, 194, 210)),
        ):
            pen = QPen(colour, 2.0, style_)
            pen.setCosmetic(True)
            item.setPen(pen)
            item.setZValue(4)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.addItem(item)
        self.show_lines = False
        self.show_dotted = True
        #: View > Show Photos: photos (or initials) on full and name-only cards
        self.show_photos = False
        self.photos = PhotoCache()
        self.rebuild()

    @property
    def org(self) -> Org:
        return self.bridge.document.org

    @property
    def cells(self) -> dict[Cell, CellItem]:
        """The cell items made so far (a cell gets one when a paint first shows it)."""
        return self._lazy.items

    @property
    def items_created(self) -> int:
        """How many cell items were ever created (tests check that a move creates few)."""
        return self._lazy.created

    # ----------------------------------------------------------------- colours
    def card_colours(self, pid: str, team: str | None) -> tuple[str, str]:
        """(fill, accent) of a card in the column of ``team``, by the colour mode."""
        org = self.org
        t = org.teams.get(team) if team is not None else None
        kc = theme.kind_colour(t.kind if t is not None else None)
        mode = self.colour_mode
        if mode == "kind":
            return kc.fill, kc.accent
        person = org.people[pid]
        if mode == "role":
            return theme.ROLE_COLOURS.get(person.role.value, kc.fill), kc.accent
        return theme.level_colour(person.level), kc.accent

    def column_headcount(self, team: str | None) -> Headcount:
        """People and open positions shown in a team's column (each once)."""
        people = self.org.people
        return headcount(people[p] for p in {p for p, _ in self._column_people(team)})

    def _column_people(self, team: str | None) -> Iterable[tuple[str, Cell]]:
        for cell in self.layout.cells_in_column(team):
            for p in self.org.cell_ids(*cell):
                yield p, cell

    # ----------------------------------------------------------------- building
    def rebuild(self) -> None:
        """Lay the grid out afresh from the org (new or opened document); cell items follow
        as paints expose their cells."""
        self._lazy.clear()
        for h in (*self.column_headers.values(), *self.row_headers.values()):
            self.removeItem(h)
        self.column_headers.clear()
        self.row_headers.clear()
        org = self.org
        self.photos.clear()
        lay = self.layout
        collecting = gc.isenabled()
        gc.disable()  # tens of thousands of new objects, no cycles: scans of the org only cost
        try:
            lay.widths_changed(None)
            lay.set_structure(org.team_order, org.pipeline_order)
            lay.load(org.cell_counts())
            self._index_tech_leads()
            self._sync_headers()
        finally:
            if collecting:
                gc.enable()
        self._finish_geometry(shrink=True)
        self.selected &= set(org.people)
        self.update()

    def materialize(self, rect: QRectF | None = None) -> int:
        """Make the items of the occupied cells that intersect ``rect`` (scene coordinates;
        ``None``: every cell) and have none yet; returns how many were made.

        Paints call it through :meth:`drawBackground`; ``QGraphicsView.render`` and
        ``QGraphicsScene.render`` collect their items before they paint the background, so
        whatever renders a part of the scene not painted on screen calls it first.
        """
        return self._lazy.materialize(rect)

    def set_show_photos(self, on: bool) -> None:
        """Show photos (or initials) on the cards; name-only cards widen to keep names whole."""
        if on == self.show_photos:
            return
        self.show_photos = on
        self.layout.widths_changed(None)  # the compact levels' card widths (when laid out)
        if self.layout.density is FULL:
            self.update_all()
            return
        org = self.org
        self.layout.set_structure(org.team_order, org.pipeline_order)  # measure again
        self._relayout_all()

    def set_density(self, density: Density) -> None:
        """Show the grid at another level of detail (every item moves and repaints)."""
        if density == self.layout.density:
            return
        self.layout.set_density(density)
        self._relayout_all()

    def render(
        self,
        painter: QPainter,
        target: QRectF | QRect = QRectF(),  # noqa: B008 (Qt's own defaults)
        source: QRectF | QRect = QRectF(),  # noqa: B008
        mode: Qt.AspectRatioMode = Qt.AspectRatioMode.KeepAspectRatio,
    ) -> None:
        """``QGraphicsScene.render``, with the items of the cells in ``source`` (the whole
        scene when empty) made first: Qt collects the items before it paints anything."""
        area = QRectF(source)
        self.materialize(area if not area.isEmpty() else self.sceneRect())
        super().render(painter, target, source, mode)

    def _relayout_all(self) -> None:
        """Place every header and item afresh (rows, columns or level of detail changed)."""
        self._sync_headers()
        self._lazy.refit()
        self.update_all()
        self._finish_geometry(shrink=True)
        self.update()  # cells without items yet show up as the paint exposes them

    def _sync_headers(self) -> None:
        """Create/remove header items to match the layout's columns and rows; place all."""
        lay = self.layout
        tables: list[tuple[dict[Any, Any], list[str | None], type[Any]]] = [
            (self.column_headers, lay.columns, ColumnHeaderItem),
            (self.row_headers, lay.rows, RowHeaderItem),
        ]
        for table, keys, cls in tables:
            wanted = set(keys)
            for k in [k for k in table if k not in wanted]:
                self.removeItem(table.pop(k))
            for k in keys:
                if k not in table:
                    table[k] = cls(k, self._headers)
        for i in range(len(lay.columns)):
            self._place_column(i)
        for j in range(len(lay.rows)):
            self._place_row(j)

    def _place_column(self, i: int) -> None:
        x, y, w, h = self.layout.column_header_rect(i)
        item = self.column_headers[self.layout.columns[i]]
        item.setPos(x, y)
        item.setRect(0, 0, w, h)

    def _place_row(self, j: int) -> None:
        x, y, w, h = self.layout.row_header_rect(j)
        item = self.row_headers[self.layout.rows[j]]
        item.setPos(x, y)
        item.setRect(0, 0, w, h)

    def _finish_geometry(self, shrink: bool = False) -> None:
        lay = self.layout
        rect = QRectF(0, 0, lay.width + 40, lay.height + 40)
        if not shrink:
            # while editing, the scene only grows: a move that makes a row shorter then does
            # not change the scroll bars (and repaint the whole window); rebuild() tightens it
            rect = rect.united(self.sceneRect())
        if rect != self.sceneRect():
            self.setSceneRect(rect)
            self.overview.set_bounds(rect)
        self.overview.invalidate()
        self.refresh_lines()

    def _index_tech_leads(self) -> None:
        org = self.org
        leads: set[str] = set()
        for table in (org.teams, org.pipelines, org.units):
            for ent in table.values():
                if ent.tech_lead:
                    leads.add(ent.tech_lead)
        self.tech_leads = leads

    # ------------------------------------------------------------ incremental
    def apply_changes(self, summary: ChangeSummary) -> None:
        """Update only what a batch touched (``summary`` of the bridge's ``changed``)."""
        org = self.org
        cells: set[Cell] = set(summary.cells)
        # the TL badge leaves one card and appears on another
        people = summary.people | summary.leads
        columns: set[str | None] = {team for team, _pl in summary.cells} | summary.teams
        rows: set[str | None] = set(summary.pipelines)
        structure = bool(summary.structure & _STRUCTURE_KINDS)
        leads = bool(summary.leads) or structure
        for pid in summary.placed:
            person = org.people.get(pid)
            if person is not None:
                # a first placement takes the card out of its "no pipeline" cell; removing
                # the last one puts it back
                cells.add((person.team, None))
                columns.add(person.team)
        for pid in summary.edited("person", "name", "title", "role"):
            columns.update(t.id for t in org.teams.values() if pid in (t.manager, t.tech_lead))
            rows.update(p.id for p in org.pipelines.values() if pid in (p.owner, p.tech_lead))
        for team in summary.edited("team", "kind"):
            cells.update(self.layout.cells_in_column(team))
        self.selected.difference_update(summary.added_ids("person"))
        self.selected.difference_update(summary.removed_ids("person"))
        renamed = any(summary.edited(kind, "name") for kind in ("person", "team", "pipeline"))
        for p in people:
            if p in org.people:
                cells.update(org.cells_of(p))
        if leads:
            self._index_tech_leads()
            for p in self.tech_leads:
                if p in org.people:
                    cells.update(org.cells_of(p))
        if structure or summary.edited("pipeline", "name"):
            # every name may count (a row header is as wide as the longest pipeline name at
            # a compact level: everything moves)
            self.layout.widths_changed(None)
            structure = structure or self.layout.density is not FULL
        elif renamed or cells or columns:
            # compact cards and headers are as wide as their column's names: a rename or a
            # move may resize those columns (measured again for the level in use as the
            # layout updates them; the later columns then shift)
            self.layout.widths_changed(columns | {t for t, _pl in cells})
        if structure:
            self.layout.set_structure(org.team_order, org.pipeline_order)
        lay = self.layout
        counts = {c: org.cell_count(*c) for c in cells if lay.has_cell(c)}
        changed_cols, changed_rows = lay.update_cells(counts)
        self._lazy.recount(counts)
        if structure:
            self._relayout_all()
            return
        self._relocate(changed_cols, changed_rows)
        for t in columns:
            h = self.column_headers.get(t)
            if h is not None:
                h.update()
        for pl in rows:
            r = self.row_headers.get(pl)
            if r is not None:
                r.update()
        self._finish_geometry()

    def _relocate(self, cols: set[int], rows: set[int]) -> None:
        lay = self.layout
        for i in sorted(cols):
            self._place_column(i)
        for j in sorted(rows):
            self._place_row(j)
        if cols or rows:
            self._lazy.relocate({lay.columns[i] for i in cols}, {lay.rows[j] for j in rows})

    # ------------------------------------------------------------ view state
    def update_people(self, ids: Iterable[str]) -> None:
        """Repaint every card of these people."""
        org = self.org
        for p in ids:
            if p in org.people:
                for cell in org.cells_of(p):
                    item = self._lazy.item(cell)
                    if item is not None:
                        item.update()
        if self.overview.isVisible():
            self.overview.invalidate()

    def set_selected(self, ids: Iterable[str]) -> None:
        new = set(ids)
        old = self.selected
        if new == old:
            return
        self.selected = new
        self.update_people(old ^ new)
        self.refresh_lines()

    def set_current_entity(self, kind: str, id: str | None) -> None:
        old = self.current_entity
        self.current_entity = (kind, id)
        for k, i in (old, (kind, id)):
            table: dict[Any, Any] = self.column_headers if k == "team" else self.row_headers
            item = table.get(i) if k in ("team", "pipeline") else None
            if item is not None:
                item.update()

    def set_findings(self, findings: dict[tuple[str, str], str]) -> None:
        self.findings = findings
        self.update_all()

    def set_changes(
        self,
        marks: dict[str, tuple[str, str]],
        ghosts: dict[Cell, list[str]],
        headers: dict[tuple[str, str], str],
    ) -> None:
        self.change_marks, self.ghosts, self.header_deltas = marks, ghosts, headers
        self.update_all()

    def set_colour_mode(self, mode: str) -> None:
        self.colour_mode = mode
        self.overview.invalidate()
        self.update_all()

    def update_all(self) -> None:
        """Repaint every item (their pixmap caches too: ``QGraphicsScene.update`` would not)."""
        self._lazy.update_all()
        for h in (*self.column_headers.values(), *self.row_headers.values()):
            h.update()

    def show_overview(self, on: bool) -> None:
        if on != self.overview.isVisible():
            self.overview.setVisible(on)
            self._detail.setVisible(not on)
            self._headers.setVisible(not on)

    # ------------------------------------------------------------ geometry
    def card_scene_rect(self, pid: str, cell: Cell | None = None) -> QRectF | None:
        """Where a person's card is (in ``cell``, else their first cell)."""
        org = self.org
        if pid not in org.people:
            return None
        if cell is None or pid not in org.cell_ids(*cell):
            cell = org.cells_of(pid)[0]
        if not self.layout.has_cell(cell):
            return None
        index = org.cell_ids(*cell).index(pid)
        x, y, w, h = self.layout.card_rect(cell, index)
        return QRectF(x, y, w, h)

    # ------------------------------------------------------- reporting lines
    def refresh_lines(self) -> None:
        """Draw the manager chains, direct reports and dotted lines of the selection."""
        solid = dotted = QPainterPath()
        if self.show_lines and self.selected and len(self.selected) <= MAX_LINES_OF:
            solid, dotted = reporting_paths(
                self.org,
                self.selected,
                self.card_scene_rect,
                self.layout.density.gap,
                self.show_dotted,
            )
        for item, path in ((self._solid_lines, solid), (self._dotted_lines, dotted)):
            if not (path.isEmpty() and item.path().isEmpty()):
                item.setPath(path)

    # ------------------------------------------------------------ background
    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        rect = QRectF(rect)
        painter.fillRect(rect, QColor(theme.CANVAS))
        if self.overview.isVisible():
            return
        # the items this paint shows, made before the view collects and paints them
        self._lazy.materialize(rect)
        paint_grid(painter, self.layout, rect)
