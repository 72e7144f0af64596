"""Random mutations of valid input files, and the one outcome each may have (issue 17).

Shared by ``tests/io/test_fuzz_readers.py`` (a few hundred cases per run) and
``benchmarks/fuzz_readers.py`` (as many as you like, with counts).
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from pathlib import Path

from orgeditor.errors import is_user_error
from orgeditor.io.csv_export import to_csv
from orgeditor.io.hr.hr_import import import_file
from orgeditor.io.orgfile import dumps, load
from orgeditor.samples import sample_org

NASTY = [
    "", "\x00", "\ud800", "\\ud800", '"', "'", ",", ";", "\n", "\r\n", "\t", "|", ":", "%",
    "9" * 5000, "1" * 400, "-1", "1e999", "NaN", "null", "true", "[]", "{}", "L²", "=SUM(A1)",
    "\x1b[31m", "\u202e", "é", "\ufeff", "p1", "node", "graph", "<b>", "&amp;", "\\",
]


def _mutate_text(text: str, rng: random.Random, rounds: int = 3) -> str:
    for _ in range(rng.randint(1, rounds)):
        if not text:
            return rng.choice(NASTY)
        i = rng.randrange(len(text))
        j = min(len(text), i + rng.randint(0, 40))
        op = rng.random()
        if op < 0.35:
            text = text[:i] + rng.choice(NASTY) + text[j:]
        elif op < 0.55:
            text = text[:i] + text[j:]
        elif op < 0.7:
            text = text[:i] + text[i:j] * rng.randint(2, 4) + text[j:]
        elif op < 0.85:
            k = rng.randrange(len(text))
            text = text[:i] + text[k : k + (j - i)] + text[j:]
        else:
            text = text[:i]
    return text


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not b:
            break
        i = rng.randrange(len(b))
        op = rng.random()
        if op < 0.5:
            b[i] = rng.randrange(256)
        elif op < 0.75:
            del b[i : i + rng.randint(1, 64)]
        else:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(b)


def seeds() -> dict[str, bytes]:
    """Valid files to mutate: the sample as .orgchart and CSV, and an .xlsx of it."""
    import csv

    import openpyxl

    org = sample_org()
    text_csv = to_csv(org)
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for row in csv.reader(io.StringIO(text_csv)):
        ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return {
        ".orgchart": dumps(org).encode("utf-8"),
        ".csv": text_csv.encode("utf-8"),
        ".xlsx": buf.getvalue(),
    }


def mutate(suffix: str, data: bytes, rng: random.Random) -> bytes:
    if suffix == ".xlsx" or rng.random() < 0.15:
        return _mutate_bytes(data, rng)
    return _mutate_text(data.decode("utf-8"), rng).encode("utf-8", "surrogatepass")


def outcome(path: Path) -> str:
    """``"loaded"`` or ``"refused"``; anything else raises (a bug the fuzzing found).

    A loaded org must be writable again (``dumps`` never fails on what loading accepted).
    """
    reader: Callable[[Path], object]
    if path.suffix == ".orgchart":
        reader = load
    else:
        def reader(p: Path) -> object:
            return import_file(p)[0]
    try:
        org = reader(path)
    except Exception as e:
        if is_user_error(e) and "\n" not in str(e):
            return "refused"
        raise
    dumps(org)  # type: ignore[arg-type]
    return "loaded"
