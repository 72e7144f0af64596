"""Photos of people, kept inside the org so the file stays portable and byte-stable.

An HR export names photos in a photo column (a path relative to the export, or absolute) or
the user gives a folder of images named by employee id (``1042.jpg``, ``E-7.png``). Each
image is loaded with Pillow, turned upright (EXIF), cropped to the centred square,
downscaled to :data:`PHOTO_PX` pixels and kept as a JPEG ``data:`` URI in the person's
``photo`` field: the same image always gives the same bytes, and the ``.orgchart`` needs no
image files next to it. A URL (``http://``, ``https://``) is kept as a link and never
fetched: exports must work with no network.

Exporters that draw photos call :func:`photo_bytes` (JPEG bytes, or ``None`` for a link or
no photo).
"""

from __future__ import annotations

import base64
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from orgeditor.model.org import Org

__all__ = ["MAX_CHARS", "PHOTO_PX", "PhotoReport", "embed_photos", "load_photo", "photo_bytes"]

#: The side of a kept photo in pixels (cards show them at about 40 points).
PHOTO_PX = 96
_MAX_FILE = 20_000_000  # bytes: larger files are not photos of a person
#: the longest kept photo, in characters: well within the import's default cell limit, so a
#: CSV export with photos imports again
MAX_CHARS = 8_000
_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff")
_PREFIX = "data:image/jpeg;base64,"


@dataclass
class PhotoReport:
    loaded: int = 0
    links: int = 0
    #: (person id, path as written, why)
    failed: list[tuple[str, str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        parts = []
        if self.loaded:
            parts.append(f"{self.loaded} loaded (cropped square, {PHOTO_PX} px, kept in the file)")
        if self.links:
            parts.append(f"{self.links} kept as links (never fetched)")
        if parts:
            out.append("photos: " + ", ".join(parts))
        if self.failed:
            shown = "; ".join(f"{path}: {why}" for _p, path, why in self.failed[:3])
            out.append(
                f"problem: photos not loaded (kept as written): {len(self.failed)} ({shown})"
            )
        return out


def is_link(text: str) -> bool:
    return text.startswith(("http://", "https://", "ftp://", "//"))


def load_photo(path: Path) -> str:
    """The image at ``path`` as a square JPEG ``data:`` URI; raises ``OSError`` or
    ``ValueError`` with a short reason."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not path.is_file():  # never open a FIFO or a device: it could block or never end
        raise ValueError("no such file" if not path.exists() else "not a regular file")
    if path.stat().st_size > _MAX_FILE:
        raise ValueError("larger than 20 MB")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as opened:
                im: Image.Image = ImageOps.exif_transpose(opened).convert("RGB")
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise ValueError("image too large") from None
        except UnidentifiedImageError:
            raise ValueError("not an image") from None
    side = min(im.size)
    left, top = (im.width - side) // 2, (im.height - side) // 2
    im = im.crop((left, top, left + side, top + side))
    if side != PHOTO_PX:
        im = im.resize((PHOTO_PX, PHOTO_PX), Image.Resampling.LANCZOS)
    for quality in (85, 70, 55, 40, 25):  # a photo stays small enough for one CSV cell
        out = io.BytesIO()
        im.save(out, "JPEG", quality=quality, optimize=False, progressive=False)
        text = _PREFIX + base64.b64encode(out.getvalue()).decode("ascii")
        if len(text) <= MAX_CHARS:
            break
    return text


def photo_bytes(text: str) -> bytes | None:
    """The JPEG bytes of a kept photo (a ``photo`` field value), or ``None``."""
    if not text.startswith(_PREFIX):
        return None
    try:
        return base64.b64decode(text[len(_PREFIX) :], validate=True)
    except ValueError:
        return None


def embed_photos(org: Org, base: Path, folder: Path | None = None) -> PhotoReport:
    """Load the photos the ``photo`` fields name (relative to ``base``) and, for people
    without one, the images in ``folder`` named by their id."""
    report = PhotoReport()
    cache: dict[Path, str | Exception] = {}
    by_id: dict[str, Path] = {}
    if folder is not None:
        for f in sorted(folder.iterdir()):
            if f.suffix.lower() in _SUFFIXES and f.is_file():
                by_id.setdefault(f.stem, f)
    for pid, p in org.people.items():
        text = p.fields.get("photo", "").strip()
        if text.startswith("data:image/"):
            continue
        if text and is_link(text):
            report.links += 1
            continue
        if text:
            path = Path(text)
            path = path if path.is_absolute() else base / path
        elif pid in by_id:
            path, text = by_id[pid], str(by_id[pid])
        else:
            continue
        got = cache.get(path)
        if got is None:
            try:
                got = load_photo(path)
            except (OSError, ValueError) as e:
                got = e
            cache[path] = got
        if isinstance(got, Exception):
            why = got.strerror if isinstance(got, OSError) and got.strerror else str(got)
            report.failed.append((pid, text, why.lower() or type(got).__name__))
            continue
        p.fields["photo"] = got
        report.loaded += 1
    return report
