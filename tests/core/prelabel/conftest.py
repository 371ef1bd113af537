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


@pytest.fixture(scope="session")
def cec12() -> list[AnnotatedDocument]:
    """The first 12 documents of CEC's events_dev.jsonl, events accepted."""
    return gold("cec12.jsonl")


@pytest.fixture(scope="session")
def cec_event_model(cec12):
    """An event model learned from the first 10 of them (trained once for every test that asks)."""
    from annotator.core.prelabel.events.learning import train_events
    from annotator.core.schema import load_schema

    return train_events(cec12[:10], load_schema("cec"), source="cec12")
