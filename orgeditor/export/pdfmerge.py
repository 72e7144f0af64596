"""Join single-page PDFs from Graphviz (Cairo) into one document, without extra packages.

Cairo writes classic PDFs: numbered objects, a cross-reference table and a trailer. Objects
are located through the table (stream data is never scanned), renumbered, and the pages of
all inputs are hung from one new page tree.
"""

from __future__ import annotations

import re

__all__ = ["merge_pdfs", "split_pdfs"]

_REF = re.compile(rb"(\d+) 0 R\b")
_OBJ = re.compile(rb"^(\d+) 0 obj\s*", re.S)


class PdfMergeError(ValueError):
    pass


def _objects(pdf: bytes) -> tuple[dict[int, bytes], int]:
    start = pdf.rfind(b"startxref")
    if start < 0:
        raise PdfMergeError("no startxref")
    offset = int(pdf[start + 9 :].split()[0])
    if pdf[offset : offset + 4] != b"xref":
        raise PdfMergeError("no classic cross-reference table")
    lines = pdf[offset:].split(b"trailer")[0].split(b"\n")[1:]
    offsets: dict[int, int] = {}
    i = 0
    while i < len(lines):
        head = lines[i].split()
        i += 1
        if len(head) != 2:
            continue
        first, count = int(head[0]), int(head[1])
        for k in range(count):
            entry = lines[i + k].split()
            if len(entry) >= 3 and entry[2] == b"n":
                offsets[first + k] = int(entry[0])
        i += count
    trailer = pdf[offset:].split(b"trailer", 1)[1]
    m = re.search(rb"/Root (\d+) 0 R", trailer)
    if not m:
        raise PdfMergeError("no /Root")
    ends = [*sorted(offsets.values()), offset]
    objects: dict[int, bytes] = {}
    for num, off in offsets.items():
        end = ends[ends.index(off) + 1]
        chunk = pdf[off:end]
        head_match = _OBJ.match(chunk)
        if not head_match or int(head_match.group(1)) != num:
            raise PdfMergeError(f"object {num} not where the table says")
        body = chunk[head_match.end() :]
        body = body[: body.rfind(b"endobj")]
        objects[num] = body
    return objects, int(m.group(1))


def _renumber(body: bytes, base: int) -> bytes:
    cut = body.find(b"stream")
    head, tail = (body, b"") if cut < 0 else (body[:cut], body[cut:])
    head = _REF.sub(lambda m: b"%d 0 R" % (int(m.group(1)) + base), head)
    return head + tail


def split_pdfs(data: bytes) -> list[bytes]:
    """The PDFs written one after the other in ``data`` (``dot -Tpdf`` given several graphs).

    A document ends at the ``%%EOF`` whose ``startxref`` points at a cross-reference table of
    that document and which is followed by the end of ``data`` or the next ``%PDF-`` header, so
    an ``%%EOF`` inside compressed stream data is never taken for the end.
    """
    out: list[bytes] = []
    start = 0
    while start < len(data):
        if not data.startswith(b"%PDF-", start):
            raise PdfMergeError(f"no PDF header at byte {start}")
        search = start
        while True:
            eof = data.find(b"%%EOF", search)
            if eof < 0:
                raise PdfMergeError(f"the PDF at byte {start} has no end")
            end = eof + 5
            while data[end : end + 1] in (b"\r", b"\n"):
                end += 1
            if _ends_here(data, start, eof) and (
                end == len(data) or data.startswith(b"%PDF-", end)
            ):
                break
            search = eof + 5
        out.append(data[start:end])
        start = end
    return out


def _ends_here(data: bytes, start: int, eof: int) -> bool:
    sx = data.rfind(b"startxref", start, eof)
    if sx < 0:
        return False
    try:
        offset = int(data[sx + 9 : eof].split()[0])
    except (ValueError, IndexError):
        return False
    return data[start + offset : start + offset + 4] == b"xref"


def merge_pdfs(pdfs: list[bytes]) -> bytes:
    """One PDF whose pages are the pages of ``pdfs`` in order."""
    if len(pdfs) == 1:
        return pdfs[0]
    out_objects: list[tuple[int, bytes]] = []
    kids: list[int] = []
    base = 0
    pages_id = 1
    next_id = 2
    for pdf in pdfs:
        objects, root = _objects(pdf)
        base = next_id
        catalog = objects[root]
        pm = re.search(rb"/Pages (\d+) 0 R", catalog)
        if not pm:
            raise PdfMergeError("catalog without /Pages")
        old_pages = int(pm.group(1))
        km = re.search(rb"/Kids \[([^\]]*)\]", objects[old_pages])
        if not km:
            raise PdfMergeError("page tree without /Kids")
        page_ids = [int(x) for x in _REF.findall(km.group(1))]
        skip = {root, old_pages}
        for num in sorted(objects):
            if num in skip or b"/Producer" in objects[num][:200]:
                continue
            body = _renumber(objects[num], base)
            if num in page_ids:
                body = re.sub(rb"/Parent \d+ 0 R", b"/Parent %d 0 R" % pages_id, body)
            out_objects.append((num + base, body))
        kids.extend(p + base for p in page_ids)
        next_id = base + max(objects) + 1
    catalog_id = next_id
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def emit(num: int, body: bytes) -> None:
        offsets[num] = len(out)
        out.extend(b"%d 0 obj\n" % num)
        out.extend(body.rstrip(b"\n") + b"\n")
        out.extend(b"endobj\n")

    emit(
        pages_id,
        b"<< /Type /Pages /Kids [ "
        + b" ".join(b"%d 0 R" % k for k in kids)
        + b" ] /Count %d >>" % len(kids),
    )
    for num, body in out_objects:
        emit(num, body)
    emit(catalog_id, b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    size = catalog_id + 1
    xref = len(out)
    out.extend(b"xref\n0 %d\n" % size)
    out.extend(b"0000000000 65535 f \n")
    for num in range(1, size):
        if num in offsets:
            out.extend(b"%010d 00000 n \n" % offsets[num])
        else:
            out.extend(b"0000000000 65535 f \n")
    out.extend(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, catalog_id, xref)
    )
    return bytes(out)
