"""The Health Checks dock: the org's findings, live, and the fixes it offers.

``panel`` is the dock; ``model`` its item model (grouped by rule or severity);
``rules`` the rule settings dialog; ``quick_fixes`` the obvious edit for a finding;
``conflict_fixes`` the Keep ours / Take theirs fixes of recorded merge conflicts.
"""
