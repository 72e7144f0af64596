"""One exception hierarchy: every error a user can cause is a UserError; nothing else is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from orgeditor.document import Document, EditError
from orgeditor.errors import UserError, is_user_error
from orgeditor.export.render import GraphvizError
from orgeditor.io.errors import OrgFileError
from orgeditor.io.orgfile import save
from orgeditor.model.hiring import HiringError, check_hiring
from orgeditor.model.plan import PlanError, parse_date
from orgeditor.model.rules import RuleConfigError
from orgeditor.samples import sample_org


@pytest.mark.parametrize(
    "error",
    [
        EditError("no person with id 'p0'"),
        OrgFileError("org.orgchart", "not valid JSON", "line 1"),
        RuleConfigError("settings.rules.span-of-control.max_reports", "expected a whole number"),
        GraphvizError("dot is not installed"),
        PlanError("'2027-13-01' is not a day of the calendar"),
        HiringError("a cost is a number, not 'lots'"),
        UserError("--depth must be 0 or more"),
    ],
)
def test_every_user_error_is_a_user_error(error: Exception) -> None:
    assert isinstance(error, UserError) and is_user_error(error)


@pytest.mark.parametrize("error", [ValueError("x"), KeyError("x"), TypeError("x")])
def test_bugs_are_not_user_errors(error: Exception) -> None:
    assert not is_user_error(error)


def test_plan_and_hiring_errors_are_user_errors_and_still_value_errors() -> None:
    """They joined the tree; code that caught them as ValueError still does."""
    with pytest.raises(PlanError) as plan:
        parse_date("2027-13-01")
    with pytest.raises(HiringError) as hiring:
        check_hiring("cost", "lots")
    for caught in (plan.value, hiring.value):
        assert is_user_error(caught)
        assert isinstance(caught, ValueError)


def test_a_refused_edit_is_no_value_error() -> None:
    """Code that catches ValueError (a bug's type) does not swallow refused edits."""
    with pytest.raises(EditError) as caught:
        Document(sample_org()).set_manager("p19", "p0")
    assert not isinstance(caught.value, ValueError)


def test_a_bad_rule_setting_is_one_line_and_exit_2(tmp_path: Path) -> None:
    org = sample_org()
    org.settings["rules"] = {"span-of-control": {"max_reports": "many"}}
    path = tmp_path / "bad.orgchart"
    save(org, path)
    code = (
        "from orgeditor.cli import main\n"
        "from orgeditor.model.rules import check\n"
        "from orgeditor.io.orgfile import load\n"
        "from orgeditor.commands.options import subcommand\n"
        f"@subcommand()\ndef probe():\n    check(load({str(path)!r}))\n"
        "import orgeditor.cli as c\n"
        "c.COMMANDS['probe'] = '__main__:probe'\n"
        "main(['probe'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    assert lines == [
        "orgeditor: settings.rules.span-of-control.max_reports: expected a whole number, got 'many'"
    ]
