"""The type of a trigger candidate: its context features, the classifier learned from reviewed triggers, how
its probabilities are weighed with the tagger and the word's training types, and the model file that
carries it (format 2) next to older files without it (format 1)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from annotator.core.errors import ReadError
from annotator.core.prelabel.events.evaluate import blank, evaluate_events, gold_events
from annotator.core.prelabel.events.features import Sentence, sentences
from annotator.core.prelabel.events.model import FORMAT, MIN_TRIGGER_SCORE, TYPES_MEMBER, EventModel
from annotator.core.prelabel.events.trigger_types import (
    TypeClassifier,
    TypeWeights,
    candidate_features,
    choose_type,
)
from annotator.core.prelabel.models.classifier import train_classifier
from annotator.core.schema import load_schema

TEXT = "消防官兵赶到现场，迅速扑灭大火。"
# 消防官兵 / 赶到 / 现场 / ， / 迅速 / 扑灭 / 大火 / 。
WORDS = ((0, 4), (4, 6), (6, 8), (8, 9), (9, 11), (11, 13), (13, 15), (15, 16))
SENTENCE = Sentence(0, len(TEXT), WORDS, ("",) * len(TEXT))


@pytest.fixture
def model(cec_event_model) -> EventModel:
    """The event model learned from the first 10 CEC documents (conftest)."""
    return cec_event_model


def test_a_candidate_is_described_by_its_word_its_neighbours_its_clause_and_its_sentence():
    feats = candidate_features(TEXT, SENTENCE, 11, 13)  # 扑灭
    assert {"w=扑灭", "c=扑", "c=灭", "bg=扑灭", "f=扑", "l=灭", "len=2"} <= set(feats)
    assert {"pw1=迅速", "pw2=，", "nw1=大火", "nw2=。", "pc=速", "nc=大"} <= set(feats)
    # Its clause stops at the comma; its sentence does not (punctuation left out).
    assert {"cw=迅速", "cw=大火"} <= set(feats) and "cw=赶到" not in feats and "cw=扑灭" not in feats
    assert {"sw=赶到", "sw=消防官兵", "sw=扑灭"} <= set(feats) and "sw=，" not in feats
    first = candidate_features(TEXT, SENTENCE, 0, 4)
    assert "pw1=<s>" in first and "pc=<s>" in first
    # A candidate that is not a whole word has the word neighbours of the ends that are word ends only.
    part = candidate_features(TEXT, SENTENCE, 12, 13)
    assert {"w=灭", "nw1=大火"} <= set(part) and not any(f.startswith("pw1=") for f in part)


def test_the_classifier_learns_types_from_their_contexts():
    items = [(candidate_features(TEXT, SENTENCE, 4, 6), "movement"), (candidate_features(TEXT, SENTENCE, 11, 13), "stateChange")] * 5
    classifier = TypeClassifier(train_classifier(items))
    probs = classifier.probabilities(candidate_features(TEXT, SENTENCE, 11, 13))
    assert set(probs) == {"movement", "stateChange"} and sum(probs.values()) == pytest.approx(1.0)
    assert probs["stateChange"] > 0.8
    # A few of its features are evidence too, if weaker.
    assert classifier.probabilities(["w=赶到", "c=赶"])["movement"] > 0.5


def test_the_type_weighs_the_classifier_the_tagger_and_the_words_training_types():
    types = ["action", "operation", "statement"]
    probs = {"action": 0.5, "operation": 0.4, "statement": 0.1}
    weights = TypeWeights(reading=0.2, counts=1.5)
    # An unseen word, a tagger without an opinion: the classifier decides; the share is its normalised score.
    best, share = choose_type(probs, {}, {}, types, weights)
    assert best == "action" and share == pytest.approx(0.5, abs=0.01)
    # A word that was an operation nine times in ten in training is one again.
    best, share = choose_type(probs, {}, {"operation": 9, "action": 1}, types, weights)
    assert best == "operation" and 0.5 < share < 1
    # A close call goes to the type the tagger reads.
    assert choose_type({"action": 0.45, "operation": 0.55}, {"action": 1.8, "operation": 0.1}, {}, types[:2],
                       weights)[0] == "action"


def test_the_model_types_its_triggers_with_the_classifier_and_says_so_in_its_file(model, cec12):
    schema = load_schema("cec")
    assert model.types is not None
    with zipfile.ZipFile(io.BytesIO(model.to_bytes())) as zf:
        assert TYPES_MEMBER in zf.namelist() and json.loads(zf.read("meta.json"))["format"] == FORMAT == 5
    # On the documents it learned from, the classifier alone gives most gold triggers their type.
    doc = cec12[0]
    right = total = 0
    for sentence in sentences(doc):
        for e in gold_events(doc):
            if sentence.start <= e.start and e.end <= sentence.end:
                probs = model.types.probabilities(candidate_features(doc.text, sentence, e.start, e.end,
                                                                    model.clusters))
                right += max(probs, key=probs.__getitem__) == e.type
                total += 1
    assert total and right >= 0.8 * total
    for e in model.suggest(blank(cec12[11]), schema):
        assert e.type in schema.event_type_keys and MIN_TRIGGER_SCORE <= e.score <= 1


def test_a_model_file_without_the_classifier_still_loads_and_types_as_before(model, cec12):
    schema = load_schema("cec")
    old = EventModel.from_bytes(EventModel(model.triggers, model.arguments, dict(model.meta)).to_bytes())
    assert old.types is None and old.trigger_threshold == 0.4
    report = evaluate_events(cec12[:10], lambda d: old.suggest(d, schema))
    assert report.triggers.micro.f1 > 0.8  # the documents it learned from
    again = EventModel.from_bytes(model.to_bytes())
    assert again.types is not None and again.suggest(blank(cec12[11]), schema) == model.suggest(blank(cec12[11]), schema)


def test_a_model_file_of_a_newer_format_is_refused_with_a_clear_error(model):
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(model.to_bytes())) as src, zipfile.ZipFile(buf, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "meta.json":
                data = json.dumps({**json.loads(data), "format": FORMAT + 1}).encode()
            dst.writestr(name, data)
    with pytest.raises(ReadError, match=f"format {FORMAT + 1}, newer than this annotator reads"):
        EventModel.from_bytes(buf.getvalue(), source="new.evm")
