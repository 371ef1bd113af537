"""Fixtures for store tests: a small project on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.helpers import build_project


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    """A fresh small project file (closed)."""
    return build_project(tmp_path / "review.annot")
