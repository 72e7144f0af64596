"""The open document's file on disk: open, save, watch, recover, and HR refreshes.

``file_ops`` (File menu: new, open, recent, save, import, export), ``file_guard``
(the file changed on disk or is open elsewhere), ``recovery`` (autosave, recovery files and
the offer at start to recover them), ``crash_guard`` (an exception in a slot saves and
reports instead of killing the editor), ``hr_ops`` (Update from HR Export, New from
Selection).
"""
