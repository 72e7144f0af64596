"""Test set-up: Qt runs offscreen (without a display Qt would abort the process)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# Keep user settings of a developer's real session out of the tests.
os.environ.setdefault("XDG_CONFIG_HOME", str(Path(__file__).parent / ".config-for-tests"))

import pytest

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
