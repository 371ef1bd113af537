"""Choosing the share of an archive to review: by uncertainty, confidence or a seeded sample; by label."""

from __future__ import annotations

import pytest

from annotator.core.archive_sample import Candidate, candidate, choose, parse_where
from annotator.core.errors import ValidationError


def cands() -> list[Candidate]:
    return [Candidate(0, 1, 0.2, True, frozenset({"PER"})), Candidate(0, 2, 0.0, False, frozenset()),
            Candidate(1, 1, 0.5, True, frozenset({"ORG"})), Candidate(1, 2, 0.05, True, frozenset({"ORG", "LOC"})),
            Candidate(2, 1, 0.5, True, frozenset({"LOC"}))]


def places(chosen: list[Candidate]) -> list[tuple[int, int]]:
    return [(c.shard, c.line) for c in chosen]


def test_informative_takes_the_most_uncertain_first_ties_in_archive_order():
    assert places(choose(cands(), 3, order="informative")) == [(1, 1), (2, 1), (0, 1)]


def test_confidence_takes_the_surest_scored_documents_first():
    assert places(choose(cands(), 2, order="confidence")) == [(1, 2), (0, 1)]
    assert places(choose(cands(), 5, order="confidence"))[-1] == (0, 2)  # nothing scored: last


def test_random_is_a_seeded_sample_in_archive_order():
    many = [Candidate(i // 10, i % 10, 0.1, True, frozenset()) for i in range(100)]
    first = choose(many, 10, order="random", seed=1)
    assert first == choose(many, 10, order="random", seed=1) != choose(many, 10, order="random", seed=2)
    assert len(set(first)) == 10 and first == sorted(first, key=lambda c: (c.shard, c.line))


def test_where_keeps_documents_with_a_suggestion_of_the_labels():
    labels = parse_where("label=ORG, LOC")
    assert labels == {"ORG", "LOC"}
    assert places(choose(cands(), 9, order="informative", labels=parse_where("label=ORG"))) == [(1, 1), (1, 2)]
    assert parse_where(None) is None
    for bad in ("ORG", "type=ORG", "label="):
        with pytest.raises(ValidationError, match="label=ORG"):
            parse_where(bad)


def test_a_candidate_is_read_from_a_suggest_record():
    record = {"text": "x", "entities": [{"label": "PER", "state": "suggested", "score": 0.9},
                                        {"label": "ORG", "state": "accepted"}],
              "meta": {"uncertainty": 0.1, "triggers": [{"type": "Life:Die"}]}}
    found = candidate(record, shard=3, line=7)
    assert found == Candidate(3, 7, 0.1, True, frozenset({"PER", "Life:Die"}))
