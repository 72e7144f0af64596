"""The desktop window: the only package that imports PySide6.

The window shell is here at the top: ``app`` (start-up), ``main_window``, ``actions``
(menus and shortcuts), ``bridge`` (the document's changes as Qt signals),
``selection``, ``edit_ops``, ``team_moves``, ``people_clipboard``, ``deferred`` (work
after the first paint) and ``progress_sink`` (long work with a progress dialog). Each room of
the window has its package: ``grid`` (the matrix canvas), ``inspector``,
``findings``, ``changes``, ``plan``, ``panels`` (Reporting Lines, People,
Statistics), ``dialogs`` and ``files`` (the document's file on disk).
"""
