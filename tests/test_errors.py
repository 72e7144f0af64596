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
from orgeditor.model.rules import RuleConfigError
from orgeditor.samples import sample_org


@pytest.mark.parametrize(
    "error",
    [
        EditError("no person with id 'p0'"),
        OrgFileError("org.orgchart", "not valid JSON", "line 1"),
        RuleConfigError("settings.rules.span-of-control.max_reports", "expected a whole number"),
        GraphvizError("dot is not installed"),
        UserError("--depth must be 0 or more"),
    ],
)
def test_every_user_error_is_a_user_error(error: Exception) -> None:
    assert isinstance(error, UserError) and is_user_error(error)


@pytest.mark.parametrize("error", [ValueError("x"), KeyError("x"), TypeError("x")])
def test_bugs_are_not_user_errors(error: Exception) -> None:
    assert not is_user_error(error)


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
        "import click\n"
        f"@click.command()\ndef probe():\n    check(load({str(path)!r}))\n"
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
