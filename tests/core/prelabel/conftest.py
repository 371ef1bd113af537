"""Gold fixtures for the pre-highlighting tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core import formats
from annotator.core.annotations import AnnotatedDocument
from annotator.core.segment import read_article

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def gold(name: str) -> list[AnnotatedDocument]:
    """Documents of a pd98-style fixture, entities accepted, gold tokens kept."""
    return [d for _, d in formats.iter_documents(FIXTURES / name, "native", formats.ReadOptions(reviewed=True))]


@pytest.fixture(scope="session")
def dev5() -> list[AnnotatedDocument]:
    """Five People's Daily dev articles with gold PER/LOC/ORG."""
    return gold("pd98_dev5.jsonl")


@pytest.fixture(scope="session")
def train30() -> list[AnnotatedDocument]:
    """The first 30 articles of train_pool.jsonl."""
    return gold("pd98_train30.jsonl")


@pytest.fixture(scope="session")
def seed_article():
    """The project's seed article, pre-segmented."""
    return read_article(FIXTURES / "000_f5bfa2c3bb69730e.txt")
