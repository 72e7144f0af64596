"""``--at DATE`` for every command that reads an org: the org as of that date.

Without ``--at`` a command sees the org as it is, no planned step applied. ``--at DATE``
(``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY-Qn`` or ``today``) applies the steps of the file's plan
due on or before that day, in order; a step that no longer applies is skipped and reported.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from orgeditor.commands.options import echo
from orgeditor.errors import UserError

if TYPE_CHECKING:
    from orgeditor.commands.options import Parser
    from orgeditor.model.org import Org
    from orgeditor.model.plan import StaleStep

__all__ = ["add_at_option", "day_option", "load_at", "org_at", "warn_stale"]


def day_option(value: str | None, flag: str = "--at") -> str | None:
    """``value`` as ``YYYY-MM-DD`` (a usage error naming ``flag`` if it is not a date)."""
    if value is None:
        return None
    from orgeditor.model.plan import PlanError, parse_date

    try:
        return parse_date(value)
    except PlanError as e:
        raise UserError(f"{flag}: {e}") from None


def add_at_option(parser: Parser) -> None:
    """The ``--at DATE`` option (its value arrives as ``at``)."""
    parser.add_argument(
        "--at",
        default=None,
        metavar="DATE",
        help="The org as of DATE (YYYY-MM-DD, YYYY-MM, YYYY-Qn or today): the planned "
        "steps due by then applied.",
    )


def org_at(org: Org, day: str | None) -> list[StaleStep]:
    """Apply the steps due by ``day`` to ``org`` in place; the stale ones skipped."""
    if day is None or not org.plan:
        return []
    from orgeditor.model.plan import apply_plan

    return apply_plan(org, day).stale


def load_at(file: Path, at: str | None) -> tuple[Org, list[StaleStep]]:
    """Load ``file`` and apply its plan up to ``--at`` (checked before the file is read).

    The loaded org lives until the command exits and holds no cycles: it is frozen out of
    the cycle collector, whose first passes over a 20,000-person org would otherwise cost
    a sixth of a ``stats`` run."""
    import gc

    from orgeditor.io.orgfile import load

    day = day_option(at)
    org = load(file)
    gc.freeze()
    return org, org_at(org, day)


def warn_stale(stale: list[StaleStep]) -> None:
    """Tell the user on stderr which steps were skipped."""
    for s in stale:
        echo(
            f"note: planned step {s.name!r} ({s.date}) no longer applies and was skipped: "
            f"{s.reason}",
            err=True,
        )
