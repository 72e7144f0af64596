"""MatrixView.run: a refused edit becomes a status message; a bug is raised, not hidden."""

from __future__ import annotations

import pytest


def test_refused_edit_is_a_status_message(grid) -> None:  # type: ignore[no-untyped-def]
    messages: list[str] = []
    view = grid.view
    view.statusMessage.connect(messages.append)  # type: ignore[attr-defined]
    assert not view.run(grid.doc.set_manager, "p19", "p0")  # type: ignore[attr-defined]
    assert messages == ["no person with id 'p0'"]


def test_a_bug_is_not_turned_into_a_message(grid) -> None:  # type: ignore[no-untyped-def]
    messages: list[str] = []
    view = grid.view
    view.statusMessage.connect(messages.append)  # type: ignore[attr-defined]

    def broken() -> None:
        raise ValueError("a bug")

    with pytest.raises(ValueError, match="a bug"):
        view.run(broken)  # type: ignore[attr-defined]
    assert messages == []
