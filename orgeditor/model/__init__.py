"""The org and its changes: the data every other part reads, with no Qt and no files.

The org itself: ``entities`` (people, teams, pipelines, units, placements), ``org`` (the
``Org``: ordered teams and pipelines, placements, reporting lines), ``kinds`` (which team kinds
are ML), ``vocabulary`` (what a title says: tracks, PMs, leaders), ``ids``, ``records``
(entities as plain dicts), ``sensitive`` (HR fields planning does not need), ``stats``.

Changing it: ``changes`` (primitive, serialisable changes that check what they replace and
what they name), ``placements`` (the matrix's cells) and ``items`` (the plan's steps, merge
conflicts), ``history`` (undo and redo), ``summary`` (what a batch of changes touched, read by
every view and rule), ``events``; ``plan`` (dated steps, the org as of a date) and ``hiring``.

Comparing and merging: ``compare`` with ``compare_structure``, ``compare_people``,
``compare_values``, ``compare_summary`` and ``compare_apply``; ``merge`` (three-way);
``textconv`` (an org as text for ``git diff``). ``rules`` holds the health checks.
"""
