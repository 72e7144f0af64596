"""Test set-up: Qt runs offscreen (without a display Qt would abort the process)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# Keep the settings, recent files and recovery files of a developer's real session out of the
# tests (and the tests' out of the work tree): one throw-away home per test run.
_scratch = tempfile.mkdtemp(prefix="orgeditor-tests-")
for _var, _sub in (
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_DATA_HOME", "data"),
    ("XDG_CACHE_HOME", "cache"),
    ("XDG_STATE_HOME", "state"),
):
    os.environ[_var] = os.path.join(_scratch, _sub)

import pytest  # noqa: E402  (after the environment is set up)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures" / "real"
sys.path.insert(0, str(ROOT))


@pytest.fixture
def sample_path() -> Path:
    from orgeditor.samples import sample_path

    return sample_path()


@pytest.fixture
def sample_doc():  # type: ignore[no-untyped-def]
    from orgeditor.document import Document
    from orgeditor.samples import sample_org, sample_path

    return Document(sample_org(), sample_path())


@pytest.fixture
def fast_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands' progress as ``for_stderr`` picks it (bar, log lines or none), but reporting
    at once instead of after a delay and every few seconds."""
    from orgeditor import progress as progress_mod

    real = progress_mod.for_stderr

    def fast(job: str, quiet: bool = False, stream=None, ticking: bool = False):  # type: ignore[no-untyped-def]
        chosen = real(job, quiet, stream)  # (no ticker: every step is shown at once)
        return progress_mod.Progress(job, chosen.sink, interval=0.0, delay=0.0)

    monkeypatch.setattr(progress_mod, "for_stderr", fast)
