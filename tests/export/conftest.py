"""Fixtures for the export tests."""

from __future__ import annotations

import pytest
from export_helpers import hostile_org

from orgeditor.model.org import Org


@pytest.fixture
def hostile() -> Org:
    return hostile_org()
