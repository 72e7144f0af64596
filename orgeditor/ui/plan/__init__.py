"""The Plan panel: planned steps by date, a timeline slider, headcount over time.

``panel`` is the dock; ``headcount_chart`` the chart widget it shows.
"""
