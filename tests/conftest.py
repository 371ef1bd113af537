"""Test-wide set-up: Qt runs offscreen and the app's data folder is private to the test session."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from benchmarks import bench_data

# Without a display a Qt test run aborts; every test runs offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# jieba's cache and settings go to a folder of this run, never the user's real one; the process that made it
# (xdist's workers inherit it) removes it at the end: each run left ~9 MB behind (in memory under test-fast).
if "ANNOTATOR_DATA_DIR" not in os.environ:
    os.environ["ANNOTATOR_DATA_DIR"] = tempfile.mkdtemp(prefix="annotator-test-data-")
    atexit.register(shutil.rmtree, os.environ["ANNOTATOR_DATA_DIR"], ignore_errors=True)

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_DATA = bench_data.SHARED


E2E = Path(__file__).parent / "e2e"
# Modules slow by their kind (`make test-fast` leaves them out, `make test` runs them): the hostile inputs run
# the CLI in a subprocess per file under memory limits, the property tests run hundreds of generated cases,
# and the segmentation speed test times jieba on the shared articles.
SLOW_MODULES = {"test_cli_hostile_inputs.py", "test_properties_import.py", "test_properties_edits.py",
                "test_properties.py", "test_segment_speed.py"}


def _slow_by_place(path: Path) -> bool:
    return E2E == path or E2E in path.parents or path.name in SLOW_MODULES


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Under `-m "not slow"` the slow modules are not even imported (hypothesis, dask: ~1 s per worker)."""
    if config.option.markexpr.replace(" ", "") == "notslow" and _slow_by_place(collection_path):
        return True
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every end-to-end test is slow, and every test of SLOW_MODULES; others say so themselves."""
    for item in items:
        if _slow_by_place(Path(item.path)):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def fixtures() -> Path:
    """The folder of small test fixtures copied from ../shared/data."""
    return FIXTURES


@pytest.fixture
def seed_path() -> Path:
    """The project's seed article, pre-segmented."""
    return FIXTURES / "000_f5bfa2c3bb69730e.txt"
