"""Which exceptions are the user's to fix (shown as one line) rather than our bugs."""

from __future__ import annotations

__all__ = ["UserError", "is_user_error"]


class UserError(Exception):
    """A problem with what the user asked for or handed us; the message says what to do."""


def is_user_error(exc: BaseException) -> bool:
    from orgeditor.document import EditError
    from orgeditor.io.errors import OrgFileError

    return isinstance(exc, UserError | OrgFileError | EditError)
