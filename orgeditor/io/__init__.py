"""Reading and writing orgs: the ``.orgchart`` file, CSV/XLSX import, CSV and GraphML export.

No Qt here: everything in this package runs headless.
"""
