"""The window's dialogs and question boxes.

The Export dialog, one module per part: ``export_dialog`` (the form and its buttons),
``export_choices`` (what it remembers between runs), ``export_preview`` (the live preview and
its background layout), ``export_run`` (exports on a worker thread with progress and Cancel),
``template_picker`` (the PowerPoint template row) and ``diagram_copy`` (Copy Diagram: PNG and
SVG on the clipboard). The import dialog (New from HR Export): ``import_dialog`` (the form)
and ``import_preview`` (the table of the file's first rows, marked). Then ``help_dialog``,
``printing`` (Print and Print to PDF) and ``prompts`` (the one kind of question box).
"""
