"""The Inspector dock: the selected person's, team's or pipeline's fields, edited in place.

``dock`` is the dock (edits only through Document methods); ``person`` the page for
one person; ``pages`` the pages for several people and for a team, pipeline or org
unit header; ``widgets`` what the pages share (a person picker, an edit guard).
"""
