"""Importing HR exports: CSV/XLSX tables in, an org out; refreshing and cutting orgs.

``tabular`` reads the table, ``columns`` maps its headers to fields (also the columns
``orgeditor.io.csv_export`` writes), ``cell_lists`` (several people in one cell, read
and written) and ``photos`` (photos kept inside the org; GraphML draws them too).
``import_values`` reads one cell, ``import_kinds`` guesses team kinds,
``import_claims`` pipeline owners and tech leads, ``import_infer`` what follows once the
org is built; ``import_report`` says what the import did; ``hr_import`` runs it.
``hr_update`` refreshes an org from a new export; ``hr_cut`` cuts the ML org out of a
company-wide one.

No Qt here.
"""
