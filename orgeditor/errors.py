"""The one exception hierarchy for problems that are the user's to fix, not our bugs.

Every error a user can cause derives from :class:`UserError`; its message is one line that
names the file or option and says what to do. The command line prints it and exits with
status 2, the window shows it in a message box or the status bar. Any other exception is a
bug and keeps its traceback.

- :class:`~orgeditor.io.errors.OrgFileError`: a file that cannot be read or written
  (``FILE: PLACE: MESSAGE``);
- :class:`~orgeditor.document.EditError`: an edit that cannot be made (nothing changed);
- :class:`~orgeditor.model.rules.RuleConfigError`: a health-check setting that cannot be used;
- :class:`~orgeditor.model.plan.PlanError`: a plan date or step that cannot be used, and
  :class:`~orgeditor.model.hiring.HiringError`: a hiring fact or cost setting that cannot be
  used (both also ``ValueError``, as they were before they joined this tree);
- :class:`~orgeditor.export.render.GraphvizError`: Graphviz missing, failing or too slow;
- :class:`UserError` itself for a bad option or request.

This module imports nothing from orgeditor, so every layer, the model included, may use it.

Examples
--------
>>> is_user_error(UserError("--depth must be 0 or more"))
True
>>> is_user_error(ValueError("a bug"))
False
"""

from __future__ import annotations

__all__ = ["UserError", "is_user_error"]


class UserError(Exception):
    """A problem with what the user asked for or handed us; the message says what to do."""


def is_user_error(exc: BaseException) -> bool:
    """Whether ``exc`` is the user's to fix (one line), rather than a bug (a traceback)."""
    return isinstance(exc, UserError)
