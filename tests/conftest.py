"""Test-wide set-up: Qt runs offscreen and the app's data folder is private to the test session."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Without a display a Qt test run aborts; every test runs offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# jieba's cache and settings go to a folder of this run, never the user's real one.
if "ANNOTATOR_DATA_DIR" not in os.environ:
    os.environ["ANNOTATOR_DATA_DIR"] = tempfile.mkdtemp(prefix="annotator-test-data-")

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


E2E = Path(__file__).parent / "e2e"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every end-to-end test is slow (`make test-fast` leaves them out); others say so themselves."""
    for item in items:
        if E2E in Path(item.path).parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def fixtures() -> Path:
    """The folder of small test fixtures copied from ../shared/data."""
    return FIXTURES


@pytest.fixture
def seed_path() -> Path:
    """The project's seed article, pre-segmented."""
    return FIXTURES / "000_f5bfa2c3bb69730e.txt"
