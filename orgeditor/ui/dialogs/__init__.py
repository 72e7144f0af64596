"""The window's dialogs and question boxes.

``export_dialog`` (+ ``export_support``: remembered choices, preview, worker, Copy
Diagram), ``import_dialog`` (New from HR Export), ``help_dialog``, ``printing``
(Print and Print to PDF) and ``prompts`` (the one kind of question box).
"""
