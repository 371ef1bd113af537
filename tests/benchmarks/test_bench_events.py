"""benchmarks/bench_events.py small: 2-fold cross-validation of the event model and the word-list baseline
on 12 CEC documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.prelabel.events.evaluate import blank, gold_events
from annotator.core.schema import load_schema
from benchmarks.bench_events import WordList, cross_validate, read

CEC12 = Path(__file__).resolve().parents[1] / "fixtures" / "cec12.jsonl"


def test_the_word_list_tags_every_occurrence_of_a_training_trigger_word():
    docs = read(CEC12)
    words = WordList(docs[:6])
    doc = docs[0]
    found = words.suggest(blank(doc), load_schema("cec"))
    assert found and all(doc.text[e.start:e.end] in words.words for e in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))  # no overlaps
    # Every gold trigger of a training document is found (by its words, with some type).
    spans = {(e.start, e.end) for e in found}
    covered = [g for g in gold_events(doc) if any(s <= g.start and g.end <= e for s, e in spans)]
    assert len(covered) >= 0.9 * len(gold_events(doc))


@pytest.mark.slow  # four trainings: about 30 s
def test_two_fold_cross_validation_scores_the_model_and_the_baseline():
    docs = read(CEC12)
    scores = cross_validate(docs, load_schema("cec"), folds=2)
    gold_triggers = sum(len(gold_events(d)) for d in docs)
    gold_args = sum(len(e.arguments) for d in docs for e in gold_events(d))
    assert scores.triggers.tp + scores.triggers.fn == gold_triggers
    assert scores.baseline.tp + scores.baseline.fn == gold_triggers
    assert scores.arguments.tp + scores.arguments.fn == gold_args
    # Learned from six documents, the model already finds triggers and arguments in the other six.
    assert scores.triggers.f1 > 0.3 and scores.arguments.tp > 0 and scores.baseline.f1 > 0.2
    smaller = cross_validate(docs, load_schema("cec"), folds=2, size=2)
    assert smaller.triggers.tp + smaller.triggers.fn == gold_triggers


def test_the_filtered_word_list_keeps_only_words_that_were_mostly_triggers():
    docs = read(CEC12)
    every, mostly = WordList(docs), WordList(docs, min_share=0.5)
    assert set(mostly.words) < set(every.words)
    for word in mostly.words:
        times = sum(len([e for e in gold_events(d) if d.text[e.start:e.end] == word]) for d in docs)
        assert times >= 0.5 * sum(d.text.count(word) for d in docs)
