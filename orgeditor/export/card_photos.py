"""Photos on exported cards (``orgeditor export ... --photos``): sizes, the bytes, the files.

People's photos are kept in the org as JPEG ``data:`` URIs (:mod:`orgeditor.io.hr.photos`); a
link (``https://...``) is never fetched, so an export needs no network. Graphviz draws an
image from a file (``<IMG SRC="..."/>`` in an HTML-like label): :class:`PhotoFiles` writes the
photos one export draws into a private temporary folder, under opaque names (a hash of the
bytes, never a person's id or name), and removes the folder afterwards. An SVG must not point
at those files: :meth:`PhotoFiles.inline_svg` turns every image reference back into a
``data:`` URI, so the SVG stays one self-contained file.

The files are written when a page's DOT is made, in whichever process makes it (a paged PDF
is planned in several forked processes): same bytes, same name, written atomically.
"""

from __future__ import annotations

import base64
import functools
import os
import re
from pathlib import Path
from types import TracebackType

from orgeditor.export.metrics import PHOTO_GAP, PHOTO_PT
from orgeditor.io.hr.photos import photo_bytes
from orgeditor.model.entities import Person

__all__ = ["PHOTO_GAP", "PHOTO_PT", "PhotoFiles", "card_photo"]

_SOI = b"\xff\xd8\xff"  # a JPEG starts so; anything else is not drawn
#: an image reference Graphviz writes into an SVG for one of the photo files
_HREF = re.compile(rb'xlink:href="[^"]*/([0-9a-f]{32})\.jpg"')


def card_photo(person: Person) -> bytes | None:
    """The JPEG bytes of a person's kept photo, ready to draw; None for no photo, a link, or
    a photo that is not a readable image (drawn as a card without a photo, never an error).
    """
    text = person.fields.get("photo")
    if not text or not text.startswith("data:image/"):
        return None
    return _drawable(text)


@functools.lru_cache(maxsize=2048)
def _drawable(text: str) -> bytes | None:
    """A kept photo's JPEG, checked by decoding it: a photo as the import keeps it (baseline
    RGB JPEG) as it is, any other JPEG written again as one, which every Graphviz image loader
    and PowerPoint read (a damaged one would fail the whole export)."""
    data = photo_bytes(text)
    if data is None or not data.startswith(_SOI):
        return None
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.mode == "RGB" and im.format == "JPEG" and "progressive" not in im.info:
                im.draft("RGB", (im.width // 8, im.height // 8))  # reads it all, 8x faster
                im.load()
                return data
            im.load()
            out = io.BytesIO()
            im.convert("RGB").save(out, "JPEG", quality=90)
            return out.getvalue()
    except (OSError, ValueError, SyntaxError):
        return None


class PhotoFiles:
    """A private temporary folder holding the photos of one export (use it with ``with``).

    ``px``: the photos are written at most this many pixels wide (Graphviz's PDF and PNG
    output embed them as raw pixels, so size and time follow the pixels: a 1,000-person PDF
    with 96-px photos is 23 MB, with 72-px ones 13 MB); None: as kept (SVG).
    """

    def __init__(self, px: int | None = None) -> None:
        import tempfile  # (the export's start-up stays light without --photos)

        self.px = px

        # mkdtemp: a new folder only this user can read (mode 0700); its name has no user text
        self.folder = Path(tempfile.mkdtemp(prefix="orgeditor-photos-"))
        self._written: dict[str, str] = {}

    def __enter__(self) -> PhotoFiles:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)

    def path(self, data: bytes) -> str:
        """The file Graphviz reads the JPEG ``data`` (from :func:`card_photo`) from, written
        on first use."""
        import hashlib

        name = hashlib.sha256(data).hexdigest()[:32]
        found = self._written.get(name)
        if found is None:
            target = self.folder / f"{name}.jpg"
            if not target.exists():
                self._write(target, self._sized(data))
            found = self._written[name] = str(target)
        return found

    def _sized(self, data: bytes) -> bytes:
        if self.px is None:
            return data
        import io

        from PIL import Image

        with Image.open(io.BytesIO(data)) as im:
            if max(im.size) <= self.px:
                return data
            small = im.convert("RGB").resize((self.px, self.px), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        small.save(out, "JPEG", quality=85)
        return out.getvalue()

    def _write(self, target: Path, data: bytes) -> None:
        """Write beside ``target`` and rename: another process may write the same photo at
        the same time, and dot must never read half a file."""
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)

    def inline_svg(self, svg: bytes) -> bytes:
        """``svg`` with each reference to a photo file replaced by the photo as a data URI."""
        cache: dict[bytes, bytes] = {}

        def data_uri(m: re.Match[bytes]) -> bytes:
            name = m.group(1)
            found = cache.get(name)
            if found is None:
                file = self.folder / f"{name.decode('ascii')}.jpg"
                if not file.is_file():  # not one of ours (it cannot be: names are escaped)
                    return m.group(0)
                found = cache[name] = (
                    b'xlink:href="data:image/jpeg;base64,'
                    + base64.b64encode(file.read_bytes())
                    + b'"'
                )
            return found

        out = _HREF.sub(data_uri, svg)
        if _HREF.search(out) or os.fsencode(self.folder.name) in out:  # a bug, not the user's
            raise RuntimeError(f"the SVG still names a file in {self.folder}")
        return out
