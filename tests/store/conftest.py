"""Fixtures for store tests: a small project on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.store.helpers import build_project


@pytest.fixture(scope="session")
def built_store_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project, built once per test process (creating one syncs the disk several times)."""
    path = build_project(tmp_path_factory.mktemp("store-built") / "review.annot")
    assert not path.with_name(path.name + "-wal").exists(), "a closed project leaves no write-ahead log"
    return path


@pytest.fixture
def project_path(tmp_path: Path, built_store_project: Path) -> Path:
    """A fresh small project file (closed): a copy of the one built for the session."""
    path = tmp_path / "review.annot"
    shutil.copyfile(built_store_project, path)
    return path
