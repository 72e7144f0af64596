"""Reading CSV and XLSX files: delimiters, encodings, BOM, quoted newlines, sheets."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgeditor.io.errors import OrgFileError
from orgeditor.io.hr.hr_import import import_file
from orgeditor.io.hr.tabular import read_table

ROWS = [
    ["id", "name", "manager", "team"],
    ["1", "Zoë Müller", "", "Modeling"],
    ["2", "Ana Søndergaard", "1", "Modeling"],
    ["3", "Jörg Weiß", "1", "Labeling"],
]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def as_text(rows: list[list[str]], delimiter: str, newline: str = "\n") -> str:
    return newline.join(delimiter.join(r) for r in rows) + newline


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    path = write(tmp_path / "people.csv", as_text(ROWS, delimiter))
    table = read_table(path)
    assert table.delimiter == delimiter
    assert table.header == ROWS[0]
    assert table.rows == [r for r in ROWS[1:]]
    org, _ = import_file(path)
    assert [p.name for p in org.people.values()] == ["Zoë Müller", "Ana Søndergaard", "Jörg Weiß"]
    assert org.people["2"].manager == "1"


def test_delimiter_inside_quotes_does_not_fool_the_sniffer(tmp_path: Path) -> None:
    text = 'id;name;title\n1;"King, Steven";"VP, Sales"\n2;"Kochhar, Neena";"Dir, Ops"\n'
    table = read_table(write(tmp_path / "a.csv", text))
    assert table.delimiter == ";"
    assert table.rows[0] == ["1", "King, Steven", "VP, Sales"]


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.csv", "\ufeff" + as_text(ROWS, ","))
    table = read_table(path)
    assert table.header[0] == "id"  # no BOM glued to the first header
    assert table.encoding == "utf-8 with BOM"
    assert table.warnings == []
    org, _ = import_file(path)
    assert org.people["1"].name == "Zoë Müller"


def test_utf8_without_bom_has_no_warning(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "plain.csv", as_text(ROWS, ",")))
    assert table.encoding == "utf-8"
    assert table.warnings == []


def test_cp1252_fallback_warns(tmp_path: Path) -> None:
    text = as_text([*ROWS, ["4", "Renée “Quote” Dupré", "1", "Tooling"]], ";", "\r\n")
    path = write(tmp_path / "excel.csv", text, "cp1252")
    table = read_table(path)
    assert table.encoding == "cp1252"
    assert len(table.warnings) == 1 and "Windows-1252" in table.warnings[0]
    org, report = import_file(path)
    assert org.people["4"].name == "Renée “Quote” Dupré"
    assert org.people["1"].name == "Zoë Müller"
    assert any("Windows-1252" in w for w in report.warnings)
    assert "warning: not UTF-8" in report.format()


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "unicode.txt", as_text(ROWS, "\t", "\r\n"), "utf-16")
    table = read_table(path)
    assert table.delimiter == "\t"
    assert table.rows[0][1] == "Zoë Müller"


def test_quoted_newlines_and_row_numbers(tmp_path: Path) -> None:
    text = (
        "id,name,notes\r\n"
        '1,Ada,"first line\r\nsecond line"\r\n'
        "\r\n"
        '2,"Alan\nTuring",plain\r\n'
        "3,,\r\n"
    )
    table = read_table(write(tmp_path / "nl.csv", text))
    assert table.rows[0] == ["1", "Ada", "first line\r\nsecond line"]
    assert table.rows[1][1] == "Alan\nTuring"
    # records count as rows (the blank line too), as a spreadsheet shows them
    assert table.row_numbers == [2, 4, 5]
    org, _ = import_file(tmp_path / "nl.csv")
    assert org.people["1"].fields == {"notes": "first line\r\nsecond line"}


def test_short_and_long_rows(tmp_path: Path) -> None:
    text = "id,name\n1,Ada,extra\n2\n"
    table = read_table(write(tmp_path / "ragged.csv", text))
    assert table.header == ["id", "name", "column 3"]
    assert table.rows == [["1", "Ada", "extra"], ["2", "", ""]]
    assert table.warnings and "column 3" in table.warnings[0]


def test_blank_and_repeated_headers_get_names(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "h.csv", "id,,name,name\n1,x,Ada,Lovelace\n"))
    assert table.header == ["id", "column 2", "name", "name (2)"]


def test_empty_missing_and_xls_files(tmp_path: Path) -> None:
    with pytest.raises(OrgFileError, match="empty"):
        read_table(write(tmp_path / "empty.csv", "\n\n"))
    with pytest.raises(OrgFileError, match="no such file"):
        read_table(tmp_path / "missing.csv")
    with pytest.raises(OrgFileError, match=r"\.xls files are not supported"):
        read_table(write(tmp_path / "old.xls", "x"))


def _xlsx(path: Path) -> Path:
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["this sheet is not the org"])
    ws = book.create_sheet("People")
    ws.append([])  # a blank row above the header
    ws.append(["Employee ID", "Full Name", "Job Title", "Reports To", "Department", "Start Date"])
    ws.append([100, " Steven King ", "President", None, "Executive", datetime.date(2003, 6, 17)])
    ws.append([101, "Neena Kochhar", "Administration Vice President", 100, "Executive", None])
    ws.append([103, "Alexander Hunold", "Programmer", 101.0, "IT", None])
    ws.append([None, None, None, None, None, None])
    ws.append([104, "Bruce Ernst", "Programmer", 103, "IT", datetime.datetime(2007, 5, 21)])
    book.save(path)
    return path


def test_xlsx_with_sheet(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "hr.xlsx")
    table = read_table(path, sheet="People")
    assert table.sheets == ["Notes", "People"]
    assert table.header_row == 2
    assert table.row_numbers == [3, 4, 5, 7]
    org, report = import_file(path, sheet="People")
    assert len(org.people) == 4
    king = org.people["100"]
    assert king.name == "Steven King"  # trimmed
    assert king.fields == {"start_date": "2003-06-17"}  # an HR fact, under its own name
    assert org.people["103"].manager == "101"  # 101.0 read as 101
    assert org.people["104"].fields["start_date"] == "2007-05-21"
    assert {t.name for t in org.teams.values()} == {"Executive", "IT"}
    assert "sheet 'People'" in report.format()


def test_xlsx_first_sheet_by_default_and_unknown_sheet(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "hr.xlsx")
    assert read_table(path).sheet == "Notes"
    with pytest.raises(OrgFileError, match=r"no sheet named 'Staff'.*Notes, People"):
        read_table(path, sheet="Staff")


def test_not_a_workbook(tmp_path: Path) -> None:
    with pytest.raises(OrgFileError, match=r"not a readable \.xlsx"):
        read_table(write(tmp_path / "fake.xlsx", "id,name\n"))


def test_bom_then_bad_bytes_falls_back_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\xef\xbb\xbfid,name\n1,Ren\xe9e\n")
    table = read_table(path)
    assert table.rows[0][1] == "Renée"
    assert table.warnings and "Windows-1252" in table.warnings[0]


def test_an_orgchart_is_not_imported(tmp_path: Path) -> None:
    from orgeditor.io.orgfile import save
    from orgeditor.samples import sample_org

    path = tmp_path / "org.orgchart"
    save(sample_org(), path)
    with pytest.raises(OrgFileError, match="orgeditor file already"):
        read_table(path)
