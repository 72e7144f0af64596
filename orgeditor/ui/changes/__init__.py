"""Comparing versions in the window: the Changes dock and its marks on the grid.

``dock`` lists what changed against another version of the org; ``paint`` draws the
change tags on the grid's cards and headers (called by ``orgeditor.ui.grid.items``).
"""
