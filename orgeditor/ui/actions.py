"""The main window's actions, menus and toolbar, with platform-standard shortcuts.

:func:`build_actions` creates every :class:`QAction` and connects it to the window's
handlers; :func:`build_menus` lays them out as File, Edit, View and Help menus and a toolbar.
Keeping this table apart keeps :mod:`orgeditor.ui.main_window` thin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar

if TYPE_CHECKING:
    from orgeditor.ui.main_window import MainWindow

__all__ = ["SHOW_PHOTOS", "Actions", "build_actions", "build_menus"]

#: the setting that remembers View > Show Photos
SHOW_PHOTOS = "view/showPhotos"

SK = QKeySequence.StandardKey
SP = QStyle.StandardPixmap


class Actions:
    """Named actions of one window (attributes are created by :func:`build_actions`)."""

    new: QAction
    open: QAction
    save: QAction
    save_as: QAction
    import_: QAction
    update_hr: QAction
    new_from_selection: QAction
    export: QAction
    print_: QAction
    print_pdf: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    cut: QAction
    copy: QAction
    paste: QAction
    delete: QAction
    select_all: QAction
    find: QAction
    copy_diagram: QAction
    rename: QAction
    new_person: QAction
    new_team: QAction
    new_pipeline: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_fit: QAction
    zoom_reset: QAction
    show_dotted: QAction
    show_lines: QAction
    show_photos: QAction
    colour_kind: QAction
    colour_role: QAction
    colour_level: QAction
    about: QAction
    shortcuts: QAction
    colour_group: QActionGroup
    recent_menu: QMenu
    docks_menu: QMenu


def _make(
    w: MainWindow,
    text: str,
    slot: Callable[[], object] | None,
    keys: SK | str | list[SK | str] | None = None,
    tip: str = "",
    icon: SP | None = None,
) -> QAction:
    act = QAction(text, w)
    if keys is not None:
        keys_list = keys if isinstance(keys, list) else [keys]
        seqs: list[QKeySequence] = []
        for k in keys_list:
            for s in QKeySequence.keyBindings(k) if isinstance(k, SK) else [QKeySequence(k)]:
                if not s.isEmpty() and s not in seqs:
                    seqs.append(s)
        act.setShortcuts(seqs)
    if tip:
        act.setStatusTip(tip)
        act.setToolTip(tip)
    if icon is not None:
        act.setIcon(w.style().standardIcon(icon))
    if slot is not None:
        act.triggered.connect(lambda _checked=False: slot())
    w.addAction(act)
    return act


def build_actions(w: MainWindow) -> Actions:
    a = Actions()
    f = w.files
    a.new = _make(w, "&New", f.new_file, SK.New, "Start an empty org", SP.SP_FileIcon)
    a.open = _make(
        w, "&Open...", f.open_file, SK.Open, "Open an .orgchart file", SP.SP_DialogOpenButton
    )
    a.save = _make(w, "&Save", f.save, SK.Save, "Save the org", SP.SP_DialogSaveButton)
    a.save_as = _make(
        w, "Save &As...", f.save_as, [SK.SaveAs, "Ctrl+Shift+S"], "Save under a new name"
    )
    a.import_ = _make(w, "&Import...", f.import_file, "Ctrl+I", "Import people from CSV or Excel")
    a.update_hr = _make(
        w,
        "&Update from HR Export...",
        lambda: w.hr.update_from_hr(),
        None,
        "Refresh the org from a new HR export, keeping the planning",
    )
    a.new_from_selection = _make(
        w,
        "New from &Selection...",
        w.hr.new_from_selection,
        None,
        "A new org of the selected people's orgs, everyone on a pipeline and the leaders above",
    )
    a.export = _make(
        w, "&Export...", f.export, "Ctrl+E", "Export a diagram (SVG, PNG, PDF, PowerPoint)"
    )
    a.print_ = _make(w, "&Print...", f.print_view, SK.Print, "Print the whole grid")
    a.print_pdf = _make(
        w, "Print to P&DF...", f.print_pdf, "Ctrl+Shift+P", "Save the whole grid as a PDF"
    )
    a.quit = _make(w, "&Quit", w.close, [SK.Quit, "Ctrl+Q"], "Quit orgeditor")
    a.quit.setMenuRole(QAction.MenuRole.QuitRole)

    a.undo = _make(w, "&Undo", w.undo, SK.Undo, "", SP.SP_ArrowBack)
    a.redo = _make(w, "&Redo", w.redo, [SK.Redo, "Ctrl+Shift+Z"], "", SP.SP_ArrowForward)
    a.cut = _make(w, "Cu&t", w.edits.cut_people, SK.Cut, "Cut the selected people")
    a.copy = _make(w, "&Copy", w.edits.copy_people, SK.Copy, "Copy the selected people")
    a.paste = _make(
        w, "&Paste", w.edits.paste_people, SK.Paste, "Paste people into the selected cell"
    )
    a.delete = _make(w, "&Delete", w.edits.delete_selected, SK.Delete, "Delete the selection")
    a.select_all = _make(w, "Select &All", w.edits.select_all, SK.SelectAll, "Select everybody")
    a.rename = _make(w, "&Rename", w.edits.rename_selected, "F2", "Rename the selection in place")
    a.new_person = _make(
        w, "New &Person", w.edits.new_person, "Ctrl+Shift+N", "Add a person to the selected cell"
    )
    a.new_team = _make(w, "New &Team", w.edits.new_team, None, "Add a team (a column)")
    a.new_pipeline = _make(w, "New P&ipeline", w.edits.new_pipeline, None, "Add a pipeline (a row)")
    a.find = _make(w, "&Find...", w.focus_find, SK.Find, "Search people by name or title")
    a.copy_diagram = _make(
        w, "Copy &Diagram", f.copy_diagram, "Ctrl+Shift+C", "Copy a diagram for a slide deck"
    )

    a.zoom_in = _make(w, "Zoom &In", w.zoom_in, [SK.ZoomIn, "Ctrl+="], "Zoom in")
    a.zoom_out = _make(w, "Zoom &Out", w.zoom_out, SK.ZoomOut, "Zoom out")
    a.zoom_fit = _make(w, "&Fit to Window", w.zoom_fit, "Ctrl+9", "Show the whole matrix")
    a.zoom_reset = _make(w, "Actual Size (100 %)", w.zoom_reset, "Ctrl+0", "Zoom to 100 %")
    a.show_dotted = _make(w, "Show &Dotted Lines", None, "Ctrl+Shift+D")
    a.show_dotted.setCheckable(True)
    a.show_dotted.setChecked(True)
    a.show_dotted.toggled.connect(w.set_show_dotted)
    a.show_lines = _make(w, "Show &Reporting Lines", None, "Ctrl+Shift+L")
    a.show_lines.setCheckable(True)
    a.show_lines.setChecked(True)
    a.show_lines.toggled.connect(w.set_show_lines)
    a.show_photos = _make(w, "Show &Photos", None, None, "Photos or initials on the cards")
    a.show_photos.setCheckable(True)
    a.show_photos.setChecked(w.settings.value(SHOW_PHOTOS, False, type=bool) is True)
    a.show_photos.toggled.connect(w.set_show_photos)
    a.colour_group = QActionGroup(w)
    a.colour_group.setExclusive(True)
    for mode, attr, text in (
        ("kind", "colour_kind", "Colour by Team &Kind"),
        ("role", "colour_role", "Colour by &Role"),
        ("level", "colour_level", "Colour by &Level"),
    ):
        act = _make(w, text, None)
        act.setCheckable(True)
        act.setData(mode)
        act.toggled.connect(lambda on, m=mode: w.set_colour_mode(m) if on else None)
        a.colour_group.addAction(act)
        setattr(a, attr, act)
    a.colour_kind.setChecked(True)
    # the view starts as the actions say (they were checked before their signals connected)
    w.set_show_dotted(a.show_dotted.isChecked())
    w.set_show_lines(a.show_lines.isChecked())
    w.view.set_show_photos(a.show_photos.isChecked())
    a.shortcuts = _make(
        w, "&Keyboard Shortcuts and Legend", w.show_shortcuts, SK.HelpContents, "What keys do"
    )
    a.about = _make(w, "&About orgeditor", w.about)
    a.about.setMenuRole(QAction.MenuRole.AboutRole)
    return a


def editing_actions(a: Actions) -> list[QAction]:
    """The actions that change the document, off while it is read-only (Undo and Redo
    follow the history too; Save As stays: it makes a writable copy)."""
    return [
        a.save,
        a.update_hr,
        a.undo,
        a.redo,
        a.cut,
        a.paste,
        a.delete,
        a.rename,
        a.new_person,
        a.new_team,
        a.new_pipeline,
    ]


def build_menus(w: MainWindow, a: Actions) -> None:
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([a.new, a.open])
    a.recent_menu = file_menu.addMenu("Open &Recent")
    a.recent_menu.aboutToShow.connect(w.files.fill_recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([a.save, a.save_as])
    file_menu.addSeparator()
    file_menu.addActions([a.import_, a.update_hr, a.new_from_selection, a.export])
    file_menu.addSeparator()
    file_menu.addActions([a.print_, a.print_pdf])
    file_menu.addSeparator()
    file_menu.addAction(a.quit)

    edit = bar.addMenu("&Edit")
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    edit.addActions([a.cut, a.copy, a.paste, a.delete, a.rename])
    edit.addSeparator()
    edit.addActions([a.new_person, a.new_team, a.new_pipeline])
    edit.addSeparator()
    edit.addActions([a.select_all, a.find])
    edit.addSeparator()
    edit.addAction(a.copy_diagram)

    view = bar.addMenu("&View")
    view.addActions([a.zoom_in, a.zoom_out, a.zoom_fit, a.zoom_reset])
    view.addSeparator()
    view.addActions([a.show_dotted, a.show_lines, a.show_photos])
    view.addSeparator()
    view.addActions([a.colour_kind, a.colour_role, a.colour_level])
    view.addSeparator()
    a.docks_menu = view.addMenu("&Panels")

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a.shortcuts)
    help_menu.addSeparator()
    help_menu.addAction(a.about)

    tools = QToolBar("Main toolbar", w)
    tools.setObjectName("mainToolbar")
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    tools.addActions([a.new, a.open, a.save])
    tools.addSeparator()
    tools.addActions([a.undo, a.redo])
    tools.addSeparator()
    tools.addActions([a.zoom_out, a.zoom_in, a.zoom_fit])
    tools.addSeparator()
    tools.addAction(a.export)
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, tools)
    w.toolbar = tools
