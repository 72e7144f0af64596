"""Join single-page PDFs from Graphviz (Cairo) into one document, without extra packages.

Cairo writes classic PDFs: numbered objects, a cross-reference table and a trailer. Objects
are located through the table (stream data is never scanned), renumbered, and the pages of
all inputs are hung from one new page tree.
"""

from __future__ import annotations

import re

__all__ = ["PdfJoiner", "merge_pdfs", "split_pdfs"]

_REF = re.compile(rb"(\d+) 0 R\b")
_OBJ = re.compile(rb"(\d+) 0 obj\s*")
_ROOT = re.compile(rb"/Root (\d+) 0 R")
_PAGES = re.compile(rb"/Pages (\d+) 0 R")
_KIDS = re.compile(rb"/Kids \[([^\]]*)\]")
_PARENT = re.compile(rb"/Parent \d+ 0 R")


class PdfMergeError(ValueError):
    pass


def _objects(pdf: bytes) -> tuple[dict[int, tuple[int, int]], int]:
    """Where every object's body is in ``pdf`` (number -> start, end) and the /Root number."""
    start = pdf.rfind(b"startxref")
    if start < 0:
        raise PdfMergeError("no startxref")
    offset = int(pdf[start + 9 :].split()[0])
    if pdf[offset : offset + 4] != b"xref":
        raise PdfMergeError("no classic cross-reference table")
    table, trailer = pdf[offset:].split(b"trailer", 1)
    lines = table.split(b"\n")[1:]
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
    m = _ROOT.search(trailer)
    if not m:
        raise PdfMergeError("no /Root")
    order = sorted(offsets.items(), key=lambda item: item[1])
    ends = [off for _num, off in order[1:]] + [offset]
    objects: dict[int, tuple[int, int]] = {}
    for (num, off), end in zip(order, ends, strict=True):
        head_match = _OBJ.match(pdf, off, end)
        if not head_match or int(head_match.group(1)) != num:
            raise PdfMergeError(f"object {num} not where the table says")
        body_end = pdf.rfind(b"endobj", off, end)
        if body_end < 0:
            raise PdfMergeError(f"object {num} has no endobj")
        objects[num] = (head_match.end(), body_end)
    return objects, int(m.group(1))


def _renumber(head: bytes, base: int) -> bytes:
    """An object's dictionary with every reference moved up by ``base``."""
    return _REF.sub(lambda m: b"%d 0 R" % (int(m.group(1)) + base), head)


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
    joiner = PdfJoiner()
    for pdf in pdfs:
        joiner.add(pdf)
    return joiner.finish()


class PdfJoiner:
    """:func:`merge_pdfs` one PDF at a time: :meth:`add` each (in page order) as it is drawn,
    then :meth:`finish`. A paged export adds the pages while later ones are still being drawn,
    so that little of the joining is left for the end.

    Stream data (most of the bytes) is copied once, into the result.
    """

    def __init__(self) -> None:
        #: the objects, after the header and the page tree (which needs every page first)
        self._out = bytearray()
        #: object number -> offset in ``_out``
        self._offsets: dict[int, int] = {}
        self._kids: list[int] = []
        self._next_id = 2  # 1: the page tree, written last
        self._first: bytes | None = None
        self._count = 0

    def add(self, pdf: bytes) -> None:
        self._count += 1
        if self._count == 1:
            self._first = pdf  # kept as it is if it stays the only one
        objects, root = _objects(pdf)
        base = self._next_id
        view = memoryview(pdf)
        catalog = pdf[slice(*objects[root])]
        pm = _PAGES.search(catalog)
        if not pm:
            raise PdfMergeError("catalog without /Pages")
        old_pages = int(pm.group(1))
        km = _KIDS.search(pdf, *objects[old_pages])
        if not km:
            raise PdfMergeError("page tree without /Kids")
        kids = [int(x) for x in _REF.findall(km.group(1))]
        page_ids = set(kids)
        out, offsets = self._out, self._offsets
        parent = b"/Parent 1 0 R"
        for num in sorted(objects):
            if num in (root, old_pages):
                continue
            start, end = objects[num]
            if pdf.find(b"/Producer", start, min(start + 200, end)) >= 0:
                continue
            cut = pdf.find(b"stream", start, end)
            head_end = end if cut < 0 else cut
            head = pdf[start:head_end]
            if b" R" in head:  # a third hold no reference (the streams' lengths)
                head = _renumber(head, base)
            if num in page_ids:
                head = _PARENT.sub(parent, head)
            if cut < 0:
                head = head.rstrip(b"\n")
                tail_end = head_end
            else:  # the stream data, as it is (its trailing newlines dropped)
                tail_end = end
                while tail_end > cut and pdf[tail_end - 1] == 0x0A:
                    tail_end -= 1
            offsets[num + base] = len(out)
            out += b"%d 0 obj\n" % (num + base)
            out += head
            if cut >= 0:
                out += view[cut:tail_end]
            out += b"\nendobj\n"
        self._kids.extend(p + base for p in kids)
        self._next_id = base + max(objects) + 1

    def finish(self) -> bytes:
        """The joined PDF (the one PDF itself if only one was added)."""
        if self._count == 1 and self._first is not None:
            return self._first
        kids = self._kids
        head = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
        head += b"1 0 obj\n<< /Type /Pages /Kids [ "
        head += b" ".join(b"%d 0 R" % k for k in kids)
        head += b" ] /Count %d >>\nendobj\n" % len(kids)
        shift = len(head)
        offsets = {num: off + shift for num, off in self._offsets.items()}
        offsets[1] = len(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
        catalog_id = self._next_id
        tail = bytearray()
        offsets[catalog_id] = shift + len(self._out)
        tail += b"%d 0 obj\n<< /Type /Catalog /Pages 1 0 R >>\nendobj\n" % catalog_id
        size = catalog_id + 1
        xref = shift + len(self._out) + len(tail)
        free = b"0000000000 65535 f \n"
        tail += b"xref\n0 %d\n" % size + free
        tail += b"".join(
            b"%010d 00000 n \n" % offsets[num] if num in offsets else free for num in range(1, size)
        )
        tail += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            size,
            catalog_id,
            xref,
        )
        return b"".join((head, self._out, tail))
