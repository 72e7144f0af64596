"""Reading and writing orgs: the ``.orgchart`` file, CSV/XLSX import, CSV and GraphML export.

At the top, the file format: ``orgfile`` (load, save), ``orgfile_checks`` (the checks
that name the place of a problem), ``orgfile_plan`` (plans in the file), ``fastjson``,
``reading`` (bounded reads), ``atomic`` (atomic writes), ``merge_files`` (three-way
merge of files) and ``errors``; the table exports ``csv_export`` and ``graphml``
(:func:`export_table` picks one). ``hr`` holds the HR import (CSV/XLSX in, an org out).

No Qt here: everything in this package runs headless.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orgeditor.model.org import Org

__all__ = ["TABLE_SUFFIXES", "export_table"]

#: Suffixes :func:`export_table` writes.
TABLE_SUFFIXES = (".csv", ".graphml")


def export_table(
    org: Org, path: str | Path, include_sensitive: bool = False, photos: bool = False
) -> None:
    """Write ``org`` as ``.csv`` (the columns the import reads) or ``.graphml`` by suffix;
    sensitive fields (:mod:`orgeditor.model.sensitive`) only with ``include_sensitive``;
    ``photos`` draws kept photos in the GraphML (yEd image nodes)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        from orgeditor.io.csv_export import export_csv

        export_csv(org, path, include_sensitive)
    elif suffix == ".graphml":
        from orgeditor.io.graphml import export_graphml

        export_graphml(org, path, include_sensitive, photos)
    else:
        from orgeditor.errors import UserError

        raise UserError(
            f"{path}: cannot export as {suffix or 'a file without a suffix'} here "
            f"(this writes {' or '.join(TABLE_SUFFIXES)})"
        )
