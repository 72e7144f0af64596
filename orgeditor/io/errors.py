"""One error type for every file a user hands us: it names the file and the place."""

from __future__ import annotations

from pathlib import Path

from orgeditor.errors import UserError

__all__ = ["OrgFileError"]


class OrgFileError(UserError):
    """A file that cannot be read or written, with where and why, fit for one line.

    ``str(error)`` reads ``FILE: PLACE: MESSAGE`` (the place is a JSON path such as
    ``people[3].manager``, ``line 12, column 5`` or ``row 7``; it may be empty).
    """

    def __init__(self, path: str | Path, message: str, place: str = "") -> None:
        self.path = Path(path)
        self.place = place
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: {self.place}: " if self.place else f"{self.path}: "
        return where + self.message
