"""The docks that show the org beside the grid, each following the document's edits.

``tree`` (Reporting Lines), ``people_list`` (People), ``stats_dock`` (Statistics).
"""
