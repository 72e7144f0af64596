"""Which column of an HR export holds which field: recognition by synonyms, and ``--map``.

Headers are compared with case, spaces, underscores, dashes and dots ignored, so
``Employee ID``, ``employee_id``, ``employeeId`` and ``EMPLOYEE-ID`` are all ``employeeid``.
Each field has synonyms in order of precedence: when several columns match a field, the one
matching the earliest synonym wins, and the others are kept as custom fields. A column serves
one field at most; fields claim columns in the order of :data:`FIELDS`.

Names: a *full-name* column (``full name``, ``display name``, ``employee name``, ``name``)
wins over first and last name columns, except that a plain ``name`` column beside a last name
column and no first name column is taken as the first name (the Oracle HR sample:
``name`` = "Steven", ``lastName`` = "King" gives "Steven King").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from orgeditor.errors import UserError

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "HR_FACT_FIELDS",
    "ROLE_WORDS",
    "SYNONYMS",
    "Mapping",
    "apply_overrides",
    "blank_columns",
    "detect_mapping",
    "normalise",
    "parse_map_options",
]

#: The fields an import understands, in the order they claim columns.
FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "first_name",
    "last_name",
    "title",
    "manager",
    "team",
    "team_kind",
    "org_unit",
    "role",
    "pipelines",
    "dotted",
    "tech_lead_of",
    "owner_of",
    "level",
    "team_kpi",
    "start_date",
    "location",
    "employment_type",
    "cost_centre",
    "photo",
)

#: HR facts kept in a person's ``fields`` under the field's own name (``start_date``, ...),
#: whatever the column was called, so that exports, cards and diagrams find them.
HR_FACT_FIELDS: tuple[str, ...] = (
    "start_date",
    "location",
    "employment_type",
    "cost_centre",
    "photo",
)

FIELD_LABELS: dict[str, str] = {
    "id": "Id",
    "name": "Name",
    "first_name": "First name",
    "last_name": "Last name",
    "title": "Title",
    "manager": "Manager",
    "team": "Team",
    "team_kind": "Team kind",
    "org_unit": "Org unit",
    "role": "Role",
    "pipelines": "Pipelines",
    "dotted": "Dotted-line managers",
    "tech_lead_of": "Tech lead of",
    "owner_of": "Owner of pipelines",
    "level": "Level",
    "team_kpi": "Team KPI",
    "start_date": "Start date",
    "location": "Location",
    "employment_type": "Employment type",
    "cost_centre": "Cost centre",
    "photo": "Photo",
}

#: Synonyms per field, most preferred first (written as users write them; compared normalised).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "employee id",
        "employee number",
        "employee no",
        "emp id",
        "emp no",
        "person id",
        "staff id",
        "worker id",
    ),
    "name": ("full name", "display name", "employee name", "person name", "name"),
    "first_name": ("first name", "given name", "forename", "first"),
    "last_name": ("last name", "surname", "family name", "last"),
    "title": (
        "title",
        "job title",
        "position title",
        "position name",
        "position",
        "job",
        "job name",
    ),
    # ids before names: an id column is the exact one
    "manager": (
        "manager id",
        "line manager id",
        "supervisor id",
        "reports to id",
        "parent id",
        "manager",
        "line manager",
        "reports to",
        "supervisor",
        "parent",
        "manager name",
    ),
    "team": (
        "team",
        "team name",
        "department name",
        "department",
        "dept name",
        "dept",
        "function",
        "group",
        "area",
    ),
    "team_kind": ("team kind", "team type"),
    "org_unit": (
        "org unit",
        "org",
        "organisation",
        "organization",
        "division",
        "business unit",
    ),
    "role": ("role", "type"),
    "pipelines": (
        "pipelines",
        "pipeline",
        "models",
        "model",
        "products",
        "product",
        "projects",
        "project",
    ),
    # ids before names, as for the manager
    "dotted": (
        "dotted",
        "dotted line manager ids",
        "dotted line manager id",
        "matrix manager ids",
        "matrix manager id",
        "secondary manager ids",
        "secondary manager id",
        "functional manager ids",
        "functional manager id",
        "dotted line managers",
        "dotted line manager",
        "dotted line",
        "dotted lines",
        "dotted managers",
        "dotted manager",
        "dotted line reports to",
        "matrix managers",
        "matrix manager",
        "matrix reports to",
        "secondary managers",
        "secondary manager",
        "functional managers",
        "functional manager",
        "indirect manager",
    ),
    "tech_lead_of": ("tech lead of", "tech lead for", "leads"),
    "owner_of": ("owner of", "owns", "pipeline owner of", "product owner of"),
    "level": ("level", "job level", "grade", "band", "career level"),
    "team_kpi": ("team kpi", "kpi", "team metric", "team objective", "team okr", "team goal"),
    "start_date": (
        "start date",
        "hire date",
        "date of hire",
        "original hire date",
        "date hired",
        "joining date",
        "date of joining",
        "date joined",
        "join date",
        "employment start date",
        "start",
    ),
    "location": (
        "location",
        "work location",
        "office location",
        "work site",
        "site",
        "city",
    ),
    "employment_type": (
        "employment type",
        "worker type",
        "employee type",
        "contract type",
        "worker category",
        "employment status",
        "time type",
    ),
    "cost_centre": (
        "cost centre",
        "cost center",
        "cost centre code",
        "cost center code",
        "cost centre name",
        "cost center name",
        "cost centre id",
        "cost center id",
    ),
    "photo": (
        "photo",
        "photo path",
        "photo file",
        "photo url",
        "picture",
        "picture url",
        "image",
        "image path",
        "image url",
        "avatar",
        "avatar url",
        "headshot",
        "profile picture",
        "profile photo",
    ),
}

#: Words accepted in a role column, normalised, with the role they mean.
ROLE_WORDS: dict[str, str] = {
    "ic": "ic",
    "individualcontributor": "ic",
    "individual": "ic",
    "contributor": "ic",
    "manager": "manager",
    "mgr": "manager",
    "teammanager": "manager",
    "director": "director",
    "dir": "director",
    "vp": "vp",
    "vicepresident": "vp",
    "pm": "pm",
    "productmanager": "pm",
    "mlproductmanager": "pm",
    "open": "open",
    "openposition": "open",
    "openrole": "open",
    "vacancy": "open",
    "vacant": "open",
    "tbh": "open",
    "tobehired": "open",
}

#: field -> column index
Mapping = dict[str, int]

_IGNORED = re.compile(r"[\s_\-.]+")


def normalise(header: str) -> str:
    """``"Employee_ID"`` -> ``"employeeid"``: lower case without spaces, ``_``, ``-``, ``.``."""
    return _IGNORED.sub("", header).casefold()


#: normalised synonyms; a field's own name (``org_unit``, ``tech_lead_of``) is always one
_NORMAL_SYNONYMS = {
    f: tuple(dict.fromkeys([*(normalise(s) for s in syn), normalise(f)]))
    for f, syn in SYNONYMS.items()
}


def detect_mapping(header: Sequence[str], rows: Iterable[Sequence[str]] = ()) -> Mapping:
    """Recognise the columns of ``header``; ``rows`` lets a ``role`` column that holds job
    titles be read as the title instead; a column empty in every row claims no field."""
    norm = [normalise(h) for h in header]
    rows = rows if isinstance(rows, Sequence) else list(rows)
    # an empty column counts as absent: it claims no field (and stays out of the custom fields)
    taken: set[int] = set(blank_columns(header, rows))
    mapping: Mapping = {}
    matched_by: dict[str, str] = {}
    for fld in FIELDS:
        for syn in _NORMAL_SYNONYMS[fld]:
            hit = next((i for i, n in enumerate(norm) if n == syn and i not in taken), None)
            if hit is not None:
                mapping[fld] = hit
                matched_by[fld] = syn
                taken.add(hit)
                break
    # a bare "name" beside a last name and no first name is the first name (Oracle HR)
    if (
        "name" in mapping
        and "last_name" in mapping
        and "first_name" not in mapping
        and matched_by["name"] == "name"
    ):
        mapping["first_name"] = mapping.pop("name")
    # a full name wins: first and last name columns then stay custom fields
    if "name" in mapping:
        mapping.pop("first_name", None)
        mapping.pop("last_name", None)
    # a "role" or "type" column that mostly holds other words (job titles, "Contractor") is
    # the title when there is none, else a custom field
    if "role" in mapping:
        col = mapping["role"]
        values = [r[col].strip() for r in _take(rows, 200) if col < len(r) and r[col].strip()]
        unknown = sum(1 for v in values if normalise(v) not in ROLE_WORDS)
        if values and unknown * 2 > len(values):
            role_col = mapping.pop("role")
            if "title" not in mapping:
                mapping["title"] = role_col
    return mapping


def _blank_column(rows: Sequence[Sequence[str]], col: int) -> bool:
    return not any(col < len(r) and r[col].strip() for r in rows)


def blank_columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """The columns that hold no text in any row (an empty column counts as absent)."""
    if not rows:
        return []
    return [i for i in range(len(header)) if _blank_column(rows, i)]


def _take(rows: Iterable[Sequence[str]], n: int) -> list[Sequence[str]]:
    out: list[Sequence[str]] = []
    for r in rows:
        if len(out) >= n:
            break
        out.append(r)
    return out


def parse_map_options(options: Iterable[str]) -> dict[str, str]:
    """``["team=Dept", "manager=Boss ID"]`` -> ``{"team": "Dept", ...}``; ``"team="`` un-maps."""
    out: dict[str, str] = {}
    for opt in options:
        fld, sep, column = opt.partition("=")
        key = fld.strip().lower().replace("-", "_").replace(" ", "_")
        key = {"unit": "org_unit", "orgunit": "org_unit", "dotted_line": "dotted"}.get(key, key)
        if not sep:
            raise UserError(f"--map {opt!r}: write FIELD=COLUMN, such as --map team=Department")
        if key not in FIELDS:
            raise UserError(f"--map {opt!r}: unknown field {fld!r} (fields: {', '.join(FIELDS)})")
        out[key] = column.strip()
    return out


def find_column(header: Sequence[str], column: str) -> int | None:
    """A column by its exact header, else by its normalised header, else by number (``#3``)."""
    if column in header:
        return list(header).index(column)
    norm = normalise(column)
    for i, h in enumerate(header):
        if normalise(h) == norm:
            return i
    if column.startswith("#") and column[1:].isdigit():
        n = int(column[1:])
        if 1 <= n <= len(header):
            return n - 1
    return None


def apply_overrides(
    mapping: Mapping, header: Sequence[str], overrides: dict[str, str], source: str = ""
) -> Mapping:
    """The mapping with ``--map`` overrides applied (an empty column removes a field).

    A column given to a field is taken from whatever field had it. Naming ``name`` drops the
    detected first and last names; naming ``first_name`` or ``last_name`` drops the detected
    full name.
    """
    out = dict(mapping)
    for fld, column in overrides.items():
        if fld not in FIELDS:
            raise UserError(f"--map: unknown field {fld!r} (fields: {', '.join(FIELDS)})")
        if not column:
            out.pop(fld, None)
            continue
        col = find_column(header, column)
        if col is None:
            where = f" in {source}" if source else ""
            raise UserError(
                f"--map {fld}={column}: no column {column!r}{where} (columns: {', '.join(header)})"
            )
        for other, c in list(out.items()):
            if c == col:
                del out[other]
        out[fld] = col
    if "name" in overrides:
        for part in ("first_name", "last_name"):
            if part not in overrides:
                out.pop(part, None)
    elif "first_name" in overrides or "last_name" in overrides:
        out.pop("name", None)
    return out
