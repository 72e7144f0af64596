"""Reading within bounds: special files, sizes, rows, cell lengths, run-on quotes (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from orgeditor.io.errors import OrgFileError
from orgeditor.io.hr.tabular import read_table
from orgeditor.io.reading import Limits, read_user_file


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "orgeditor", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("command", ["stats", "check", "import"])
def test_dev_zero_is_refused_at_once(command: str, tmp_path: Path) -> None:
    out = ["-o", str(tmp_path / "x.orgchart")] if command == "import" else []
    args = [command, "/dev/zero", *out]
    r = run_cli(*args)
    assert r.returncode == 2
    assert r.stderr.startswith("orgeditor: /dev/zero: is a device, not ")
    assert r.stderr.count("\n") == 1 and os.listdir(tmp_path) == []


def test_a_fifo_as_input_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    with pytest.raises(OrgFileError, match="is a named pipe"):
        read_table(fifo)
    with pytest.raises(OrgFileError, match="is a named pipe"):
        read_table(tmp_path / "in.csv", sheet=None)
    xfifo = tmp_path / "in.xlsx"
    os.mkfifo(xfifo)
    with pytest.raises(OrgFileError, match="is a named pipe"):
        read_table(xfifo)


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"id,name\n" + b"1,x\n" * 300_000)
    with pytest.raises(OrgFileError) as err:
        read_user_file(path, "a CSV file", Limits(size_mb=1))
    assert "more than the limit of 1 MB (raise it with --max-size MB)" in str(err.value)


def test_rows_and_cells_over_their_limits(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,name\n" + "".join(f"{i},n{i}\n" for i in range(20)), encoding="utf-8")
    with pytest.raises(OrgFileError) as err:
        read_table(path, limits=Limits(rows=10))
    assert str(err.value) == (
        f"{path}: row 12: has more than 10 rows, the limit (raise it with --max-rows N)"
    )
    path.write_text("id,name\n1," + "x" * 50 + "\n", encoding="utf-8")
    with pytest.raises(OrgFileError, match=r"row 2, column 2: a cell of 50 characters"):
        read_table(path, limits=Limits(cell=20))


def test_an_xlsx_that_unpacks_past_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "name"])
    for i in range(40_000):
        sheet.append([i, "Same Name Again And Again"])
    book.save(path)
    with zipfile.ZipFile(path) as z:
        unpacked = sum(i.file_size for i in z.infolist())
    assert unpacked > 1024 * 1024 > path.stat().st_size
    with pytest.raises(OrgFileError, match=r"unpacks to \d+ MB, more than the limit of 1 MB"):
        read_table(path, limits=Limits(size_mb=1))


def test_an_xlsx_cell_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "name"])
    sheet.append([1, "y" * 20_000])
    book.save(path)
    r = run_cli("import", str(path), "-o", str(tmp_path / "o.orgchart"))
    assert r.returncode == 2
    assert "row 2, column 2: a cell of 20,000 characters, more than the limit of 10,000" in r.stderr
    r = run_cli("import", str(path), "-o", str(tmp_path / "o.orgchart"), "--max-cell", "30000")
    assert r.returncode == 0, r.stderr


QUOTE = b'id,name,manager\r\n1,"Maya Chen,\r\n2,Ada Park,1\r\n3,Bob,1\r\n'


def test_an_unbalanced_quote_stops_the_import_at_its_line(tmp_path: Path) -> None:
    src = tmp_path / "q.csv"
    src.write_bytes(QUOTE)
    r = run_cli("import", str(src), "-o", str(tmp_path / "q.orgchart"))
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert r.stderr.startswith(f"orgeditor: {src}: line 2: a quoted field starts here")
    assert not (tmp_path / "q.orgchart").exists()


def test_skip_bad_rows_leaves_the_line_out_and_keeps_the_rest(tmp_path: Path) -> None:
    src = tmp_path / "q.csv"
    src.write_bytes(QUOTE)
    table = read_table(src, skip_bad_rows=True)
    assert table.rows == [["2", "Ada Park", "1"], ["3", "Bob", "1"]]
    assert table.row_numbers == [3, 4]
    assert any("skipped line(s) 2" in w for w in table.warnings)


def test_a_real_multi_line_field_is_kept(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text(
        'id,name,address\n1,Ann,"12 Main St,\nSpringfield, IL"\n2,Bo,x\n', encoding="utf-8"
    )
    assert read_table(src).rows[0][2] == "12 Main St,\nSpringfield, IL"
