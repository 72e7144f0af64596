"""Reading rows from CSV and XLSX files exported by HR systems.

:func:`read_table` gives a :class:`Table`: a header and rows of text, with the row number a
user sees in a spreadsheet (the header is usually row 1), whatever the file looked like:

- CSV (also ``.tsv`` and ``.txt``): the delimiter is detected among ``,`` ``;`` tab and
  ``|``; UTF-8 with or without a byte-order mark, UTF-16 with a byte-order mark (Excel's
  "Unicode text"), otherwise Windows-1252 with a warning; quoted fields may hold newlines.
- XLSX: openpyxl in read-only mode, the first sheet or the one named; numbers that are whole
  come out without ``.0``, dates as ISO dates.

Blank lines before the header are skipped; blank rows afterwards are dropped (their numbers
are simply not used). Rows longer than the header get extra columns named ``column N`` so
that no cell is lost; shorter rows are padded with empty cells.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgeditor.io.errors import OrgFileError
from orgeditor.io.reading import Limits, read_user_file, special_kind
from orgeditor.progress import Progress

__all__ = ["CSV_SUFFIXES", "DELIMITERS", "XLSX_SUFFIXES", "Table", "decode", "read_table"]

DELIMITERS = (",", ";", "\t", "|")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_DEFUSED = re.compile("'[=+\\-@\t\r']")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


@dataclass
class Table:
    """The cells of a file as text: ``header`` and ``rows`` (each as long as the header)."""

    path: Path
    header: list[str]
    rows: list[list[str]]
    #: the spreadsheet row number of each row (header row first, counted from 1)
    row_numbers: list[int]
    header_row: int = 1
    encoding: str = "utf-8"
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: False when no cell can start with an apostrophe that defuses a formula (see
    #: ``csv_export.defuse``), so the import need not look at every cell
    maybe_defused: bool = True

    @property
    def delimiter_name(self) -> str:
        return _DELIMITER_NAMES.get(self.delimiter or "", "")

    def describe(self) -> str:
        """One line on how the file was read (for reports and the import dialog)."""
        if self.sheet is not None:
            return f"sheet {self.sheet!r}, {len(self.rows)} rows, {len(self.header)} columns"
        return (
            f"{self.encoding}, {self.delimiter_name}-separated, {len(self.rows)} rows, "
            f"{len(self.header)} columns"
        )


def read_table(
    path: str | Path,
    sheet: str | None = None,
    skip_bad_rows: bool = False,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> Table:
    """Read a CSV or XLSX file; raises :class:`OrgFileError` naming the file and place.

    ``limits`` bounds the bytes, rows and cell length read (see :class:`Limits`);
    ``progress`` hears of the rows read.
    """
    path = Path(path)
    limits = limits or Limits()
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise OrgFileError(
            path, "old Excel .xls files are not supported: save it as .xlsx or .csv first"
        )
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(path, sheet, limits, progress)
    raw = read_user_file(path, "a CSV file", limits)
    if raw[:4] == b"PK\x03\x04":
        return _read_xlsx(path, sheet, limits, progress)
    if suffix == ".orgchart" or b'"format": "orgeditor.orgchart"' in raw[:200]:
        raise OrgFileError(path, "is an orgeditor file already: open it with orgeditor FILE")
    if sheet is not None:
        raise OrgFileError(path, "--sheet applies to .xlsx files only, this is a text file")
    return _read_csv_bytes(raw, path, skip_bad_rows, limits, progress)


# ----------------------------------------------------------------------------- CSV
def decode(raw: bytes) -> tuple[str, str, list[str]]:
    """The text of a file, the encoding used, and warnings (a fallback to Windows-1252)."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    if bom:
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: try the others
    try:
        return raw.decode("utf-8"), "utf-8 with BOM" if bom else "utf-8", []
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        try:
            text = raw.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
            encoding = "latin-1"
        return (
            text,
            encoding,
            [
                f"not UTF-8 (first at line {line}): read as Windows-1252 ({encoding}); "
                "check accented names, or save the file as UTF-8"
            ],
        )


def _sniff(text: str) -> str:
    """The delimiter that splits the first lines into the most, and most regular, columns."""
    sample = text[:65536]
    if len(text) > len(sample):
        # do not cut a record in half at the end of the sample
        cut = sample.rfind("\n")
        if cut > 0:
            sample = sample[:cut]
    best, best_score = ",", (-1.0, 0)
    for d in DELIMITERS:
        try:
            records = [r for r in csv.reader(io.StringIO(sample), delimiter=d) if any(r)][:50]
        except csv.Error:
            continue
        if not records:
            continue
        counts = Counter(len(r) for r in records)
        width, freq = counts.most_common(1)[0]
        if width < 2:
            continue
        header_fits = 1.0 if len(records[0]) == width else 0.5
        score = (freq / len(records) * header_fits, width)
        if score > best_score:
            best, best_score = d, score
    return best


def _read_csv_bytes(
    raw: bytes,
    path: Path,
    skip_bad_rows: bool = False,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> Table:
    limits = limits or Limits()
    text, encoding, warnings = decode(raw)
    if not text.strip():
        raise OrgFileError(path, "the file is empty")
    delimiter = _sniff(text)
    lines: list[str] | None = None
    origin: list[int] = []  # the file's line number of each line still in ``text``
    skipped: list[int] = []
    skipped_records: list[int] = []  # record numbers, each as counted when it was left out
    while True:
        try:
            found = _csv_records(text, delimiter, path, limits, progress)
            header, header_row, rows, numbers = found
            break
        except _RunOnQuote as run_on:
            if lines is None:
                lines = text.splitlines(keepends=True)
                origin = list(range(1, len(lines) + 1))
            line = origin[run_on.line - 1]
            if not skip_bad_rows:
                raise OrgFileError(
                    path,
                    "a quoted field starts here and runs on across lines and delimiters "
                    "(a missing closing quote?): close the quote, or import with "
                    "--skip-bad-rows to leave this line out",
                    f"line {line}",
                ) from None
            # leave the line with the opening quote out and read the rest again
            skipped.append(line)
            skipped_records.append(run_on.record)
            del lines[run_on.line - 1], origin[run_on.line - 1]
            text = "".join(lines)
    for record in reversed(skipped_records):  # number the rows as the file has them
        numbers = [n + 1 if n >= record else n for n in numbers]
    if skipped:
        warnings.append(
            "skipped line(s) "
            + ", ".join(map(str, skipped))
            + ": a quoted field ran on across lines and delimiters"
        )
    table = Table(path, header, rows, numbers, header_row, encoding, delimiter, None, [], warnings)
    table.maybe_defused = _DEFUSED.search(text) is not None
    if CONTROL.search(text):
        _strip_controls(table)
    _square(table)
    return table


class _RunOnQuote(Exception):
    """A quoted field that swallowed what look like whole rows, opened at ``line``."""

    def __init__(self, line: int, record: int) -> None:
        super().__init__(line)
        self.line = line
        self.record = record


def _runs_on(record: list[str], width: int, delimiter: str) -> int | None:
    """Index of a field that an unbalanced quote stretched over what look like rows, or None.

    A multi-line field is fine (an address, a note); it is a run-on quote when the record
    came out short of the header's cells, or when one of the field's lines is a row of its
    own (as many cells as the header).
    """
    for i, cell in enumerate(record):
        if "\n" not in cell and "\r" not in cell:
            continue
        inner = cell.splitlines()[1:]
        if width >= 2 and (
            len(record) < width
            or any(len(line.split(delimiter)) >= width for line in inner)
        ) and any(delimiter in line for line in inner):
            return i
    return None


def _csv_records(
    text: str, delimiter: str, path: Path, limits: Limits, progress: Progress | None = None
) -> tuple[list[str], int, list[list[str]], list[int]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    header_row = 0
    rows: list[list[str]] = []
    numbers: list[int] = []
    width = 0
    # row numbers follow the records (as a spreadsheet shows them); a blank line is a row
    last_line = 0  # the physical line the previous record ended on
    try:
        for number, record in enumerate(reader, start=1):
            start_line = last_line + 1
            last_line = reader.line_num
            if header is None:
                if any(c.strip() for c in record):
                    header, header_row = record, number
                    width = len(record)
                continue
            if not record or not any(record):
                continue
            if last_line > start_line:
                bad = _runs_on(record, width, delimiter)
                if bad is not None:
                    before = "".join(record[:bad])
                    raise _RunOnQuote(start_line + before.count("\n"), number)
            _check_bounds(path, record, number, len(rows), limits)
            rows.append(record)
            numbers.append(number)
            if progress is not None and not number & 4095:
                progress.update(number)
    except csv.Error as e:
        raise OrgFileError(path, f"not readable as CSV: {e}", f"line {reader.line_num}") from None
    if header is None:
        raise OrgFileError(path, "the file has no header row")
    return header, header_row, rows, numbers


# ---------------------------------------------------------------------------- XLSX
def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    return str(value)


def _check_bounds(path: Path, cells: list[str], number: int, count: int, limits: Limits) -> None:
    """Stop a read that goes past the row count or the cell length of ``limits``."""
    if count >= limits.rows:
        raise OrgFileError(
            path,
            f"has more than {limits.rows:,} rows, the limit (raise it with --max-rows N)",
            f"row {number}",
        )
    for i, cell in enumerate(cells):
        if len(cell) > limits.cell:
            raise OrgFileError(
                path,
                f"a cell of {len(cell):,} characters, more than the limit of {limits.cell:,} "
                "(raise it with --max-cell N)",
                f"row {number}, column {i + 1}",
            )


def _check_unpacked_size(path: Path, limits: Limits) -> None:
    """Refuse a workbook that would unpack to more than the size limit (a zip bomb)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            total = sum(max(info.file_size, 0) for info in z.infolist())
    except OSError as e:
        raise OrgFileError(path, f"cannot read the file: {e.strerror or e}") from None
    except Exception as e:  # BadZipFile, NotImplementedError (a zip version), ValueError
        raise OrgFileError(path, f"not a readable .xlsx workbook ({type(e).__name__})") from None
    if total > limits.size_bytes:
        raise OrgFileError(
            path,
            f"unpacks to {total / 1024 / 1024:,.0f} MB, more than the limit of "
            f"{limits.size_mb:,} MB (raise it with --max-size MB)",
        )


def _read_xlsx(
    path: Path, sheet: str | None, limits: Limits, progress: Progress | None = None
) -> Table:
    try:
        kind = special_kind(path.stat().st_mode)
    except FileNotFoundError:
        raise OrgFileError(path, "no such file") from None
    except OSError as e:
        raise OrgFileError(path, f"cannot read the file: {e.strerror or e}") from None
    if kind is not None:  # a folder, a device or a FIFO is refused before unzipping
        raise OrgFileError(path, f"is {kind}, not an .xlsx workbook")
    _check_unpacked_size(path, limits)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a dependency
        raise OrgFileError(path, "reading .xlsx needs the openpyxl package") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise OrgFileError(path, "no such file") from None
    except OSError as e:
        raise OrgFileError(path, f"cannot read the file: {e.strerror or e}") from None
    except Exception as e:  # zipfile.BadZipFile, KeyError, InvalidFileException, ...
        raise OrgFileError(path, f"not a readable .xlsx workbook ({type(e).__name__})") from None
    try:
        names = list(book.sheetnames)
        if not book.worksheets:
            raise OrgFileError(path, "the workbook has no sheets")
        if sheet is None:
            ws = book.worksheets[0]
            sheet = names[0]
        elif sheet in names:
            ws = book[sheet]
        else:
            raise OrgFileError(
                path, f"no sheet named {sheet!r} (sheets: {', '.join(names)})", "--sheet"
            )
        header: list[str] | None = None
        header_row = 0
        rows: list[list[str]] = []
        numbers: list[int] = []
        text = _cell_text
        number = 0
        try:
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = [text(v) for v in values]
                if header is None:
                    if any(c.strip() for c in cells):
                        header, header_row = cells, number
                    continue
                if any(cells):
                    _check_bounds(path, cells, number, len(rows), limits)
                    rows.append(cells)
                    numbers.append(number)
                    if progress is not None and not number & 4095:
                        progress.update(number)
        except OrgFileError:
            raise
        except OSError as e:
            raise OrgFileError(path, f"cannot read the file: {e.strerror or e}") from None
        except Exception as e:  # a damaged sheet: XML ParseError, zlib.error, EOFError, ...
            raise OrgFileError(
                path,
                f"the workbook is damaged and cannot be read ({type(e).__name__})",
                f"sheet {sheet!r}, after row {number}",
            ) from None
    finally:
        book.close()
    if header is None:
        raise OrgFileError(path, f"sheet {sheet!r} is empty")
    # trailing empty header cells of a sheet are formatting, not columns
    while header and not header[-1].strip():
        header.pop()
    table = Table(path, header, rows, numbers, header_row, "xlsx", None, sheet, names, [])
    _strip_controls(table)
    _square(table)
    return table


# ----------------------------------------------------------------------- clean-up
#: characters no name or title holds (NUL, escape, ...): they break XML and terminals
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _strip_controls(table: Table) -> None:
    """Remove control characters from every cell, with a warning naming the first rows."""
    found: list[int] = []
    search, strip = CONTROL.search, CONTROL.sub
    table.header = [strip("", h) for h in table.header]
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        if any(search(c) for c in row):
            row[:] = [strip("", c) for c in row]
            found.append(number)
    if found:
        shown = ", ".join(map(str, found[:5])) + (" ..." if len(found) > 5 else "")
        table.warnings.append(
            f"removed control characters (such as NUL) from {len(found)} row(s): {shown}"
        )


def _square(table: Table) -> None:
    """Name blank or repeated headers, and make every row exactly as long as the header."""
    header = [h.strip() for h in table.header]
    width = len(header)
    longest = max((len(r) for r in table.rows), default=0)
    if longest > width:
        # keep cells beyond the header only if some row has text there
        extra = 0
        for r in table.rows:
            for i in range(len(r) - 1, width - 1, -1):
                if r[i].strip():
                    extra = max(extra, i + 1 - width)
                    break
        if extra:
            table.warnings.append(
                f"some rows have {extra} more cell(s) than the header: kept as "
                + ", ".join(f"'column {width + i + 1}'" for i in range(extra))
            )
        width += extra
        header.extend("" for _ in range(extra))
    seen: set[str] = set()
    for i, h in enumerate(header):
        name = h or f"column {i + 1}"
        if name in seen:
            n = 2
            while f"{name} ({n})" in seen:
                n += 1
            name = f"{name} ({n})"
        seen.add(name)
        header[i] = name
    table.header = header
    rows = table.rows
    for i, r in enumerate(rows):
        n = len(r)
        if n < width:
            r.extend([""] * (width - n))
        elif n > width:
            rows[i] = r[:width]
