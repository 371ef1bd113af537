"""Whether a word is a trigger where it stands (trigger_spans.py): its features (the type classifier's and
how often the word occurred earlier in the document), the examples it learns from, and the model that makes
every word a candidate with it (format 4) next to older files without it (format 3)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from annotator.core.annotations import AnnotatedDocument
from annotator.core.errors import ReadError
from annotator.core.prelabel.events.evaluate import blank, evaluate_events, gold_events
from annotator.core.prelabel.events.features import Sentence, document_tokens, sentences, trigger_features
from annotator.core.prelabel.events.model import FORMAT, SPANS_MEMBER, TYPES_MEMBER, EventModel, _tag
from annotator.core.prelabel.events.trigger_spans import (
    OTHER,
    TRIGGER,
    SpanWeights,
    span_features,
    span_items,
    word_repeats,
)
from annotator.core.prelabel.events.trigger_types import candidate_features
from annotator.core.schema import load_schema

TEXT = "大火烧毁厂房。消防官兵扑灭大火，"
# 大火 / 烧毁 / 厂房 / 。 | 消防官兵 / 扑灭 / 大火 / ，
FIRST = Sentence(0, 7, ((0, 2), (2, 4), (4, 6), (6, 7)), ("",) * 7)
SECOND = Sentence(7, 16, ((7, 11), (11, 13), (13, 15), (15, 16)), ("",) * 9)


def test_repeats_count_the_earlier_mentions_of_a_word_across_sentences():
    repeats = word_repeats(TEXT, [FIRST, SECOND])
    assert repeats[(0, 2)] == 0 and repeats[(13, 15)] == 1  # 大火 again
    assert repeats[(11, 13)] == 0 and len(repeats) == 8


def test_span_features_add_the_repeat_to_the_context_but_not_the_sentence_words():
    repeats = word_repeats(TEXT, [FIRST, SECOND])
    again = span_features(TEXT, SECOND, 13, 15, None, repeats)
    assert {"rep=1", "repp=1|n"} <= set(again)
    assert set(again) - {"rep=1", "repp=1|n"} == {f for f in candidate_features(TEXT, SECOND, 13, 15)
                                                  if not f.startswith("sw=")}
    assert "rep=0" in span_features(TEXT, FIRST, 0, 2, None, repeats)
    # A candidate that is not a word (a tagger's span inside one) has no repeat count.
    assert not any(f.startswith("rep") for f in span_features(TEXT, SECOND, 11, 12, None, repeats))


def test_every_word_but_punctuation_is_an_example_marked_trigger_or_not():
    repeats = word_repeats(TEXT, [FIRST, SECOND])
    items = list(span_items(TEXT, SECOND, {(11, 13)}, None, repeats))
    assert [label for _, label in items] == [OTHER, TRIGGER, OTHER]  # 消防官兵, 扑灭, 大火; not the comma
    assert "w=扑灭" in items[1][0]


def test_the_model_makes_every_word_a_candidate_and_says_so_in_its_file(cec_event_model, cec12):
    model: EventModel = cec_event_model
    schema = load_schema("cec")
    assert model.spans is not None and model.span_weights == SpanWeights()
    with zipfile.ZipFile(io.BytesIO(model.to_bytes())) as zf:
        assert SPANS_MEMBER in zf.namelist() and json.loads(zf.read("meta.json"))["format"] == FORMAT == 4
    report = evaluate_events(cec12[:10], lambda d: model.suggest(d, schema))
    assert report.triggers.micro.f1 > 0.8  # the documents it learned from
    again = EventModel.from_bytes(model.to_bytes())
    assert again.spans is not None and again.suggest(blank(cec12[11]), schema) == model.suggest(blank(cec12[11]), schema)
    for e in model.suggest(blank(cec12[11]), schema):
        assert model.span_weights.cut <= e.score <= 1


def test_a_word_the_tagger_leaves_out_can_be_suggested(cec_event_model, cec12: list[AnnotatedDocument]):
    model: EventModel = cec_event_model
    schema = load_schema("cec")
    doc = blank(cec12[11])
    tagged = {(s, e) for sentence, base in _features(doc, schema) for s, e, _, _ in _tag(model._taggers()[0], base, sentence.start)}
    # With the classifier alone deciding, words outside the tagger's own spans come in.
    model.span_weights = SpanWeights(tagger=0.0, classifier=1.0, cut=0.3)
    try:
        found = {(e.start, e.end) for e in model.suggest(doc, schema)}
    finally:
        model.span_weights = SpanWeights()
    assert found - tagged
    words = {t for t in document_tokens(doc)}
    assert found - tagged <= words


def test_a_format_3_file_without_the_span_classifier_takes_its_candidates_as_before(cec_event_model, cec12):
    model: EventModel = cec_event_model
    schema = load_schema("cec")
    old = EventModel.from_bytes(EventModel(model.triggers, model.arguments, dict(model.meta), model.types.data).to_bytes())
    assert old.spans is None and old.types is not None and old.format() == 3
    suggested = old.suggest(blank(cec12[0]), schema)
    assert suggested and all(old.min_trigger_score <= e.score for e in suggested)
    gold = {(g.start, g.end, g.type) for g in gold_events(cec12[0])}
    assert sum((e.start, e.end, e.type) in gold for e in suggested) >= 0.6 * len(gold)


def _features(doc: AnnotatedDocument, schema) -> list[tuple[Sentence, list[list[str]]]]:
    from annotator.core.prelabel.events.features import lexicon

    lex = lexicon(schema)
    return [(s, trigger_features(doc.text, s, lex)) for s in sentences(doc, document_tokens(doc))]


def test_a_file_with_the_span_classifier_but_no_type_classifier_is_refused_not_read_as_format_1(cec_event_model):
    model: EventModel = cec_event_model
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(model.to_bytes())) as src, \
            zipfile.ZipFile(buf, "w") as out:
        for name in src.namelist():
            if name != TYPES_MEMBER:
                out.writestr(name, src.read(name))
    with pytest.raises(ReadError, match="without types.crfsuite"):
        EventModel.from_bytes(buf.getvalue(), source="broken.evm")
