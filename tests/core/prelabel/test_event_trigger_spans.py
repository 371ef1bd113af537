"""Whether a word is a trigger where it stands (trigger_spans.py): its features (the type classifier's, how
often the word occurred earlier in the document and LAC's class of the word), the examples it learns from, and
the model that makes every word a candidate with it (format 4; reading LAC since format 5) next to older files
without it (format 3) or without LAC (format 4)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from annotator.core.annotations import AnnotatedDocument
from annotator.core.errors import ReadError
from annotator.core.prelabel.events.evaluate import blank, evaluate_events, gold_events
from annotator.core.prelabel.events.features import (
    Sentence,
    argument_features,
    document_tokens,
    sentences,
    trigger_features,
)
from annotator.core.prelabel.events.model import (
    FORMAT,
    MIN_TRIGGER_SCORE,
    SPANS_MEMBER,
    TYPES_MEMBER,
    EventModel,
    _tag,
)
from annotator.core.prelabel.events.trigger_spans import (
    LEXICAL,
    OTHER,
    TRIGGER,
    SpanWeights,
    lexical_classes,
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


def test_lexical_classes_give_each_character_the_class_of_the_word_lac_reads_it_in():
    classes = lexical_classes(TEXT)
    assert len(classes) == len(TEXT) and lexical_classes("") == ()
    assert classes[2:4] == ("v", "v") and classes[11:13] == ("v", "v")  # 烧毁, 扑灭: verbs
    assert classes[0:2] == ("n", "n") and classes[6] == "w"  # 大火 a noun, 。 punctuation


def test_span_features_with_the_lexical_classes_add_the_class_of_the_word_the_candidate_starts_in():
    repeats = word_repeats(TEXT, [FIRST, SECOND])
    classes = lexical_classes(TEXT)
    without = span_features(TEXT, SECOND, 11, 13, None, repeats)
    assert set(span_features(TEXT, SECOND, 11, 13, None, repeats, classes)) - set(without) == {"lp=v"}
    # 消防官兵 is one jieba word, two of LAC's (消防 a nominal verb, 官兵): the class of the first.
    assert "lp=vn" in span_features(TEXT, SECOND, 7, 11, None, repeats, classes)
    items = list(span_items(TEXT, SECOND, {(11, 13)}, None, repeats, classes))
    assert [f for f in items[1][0] if f.startswith("lp=")] == ["lp=v"]


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
        meta = json.loads(zf.read("meta.json"))
        assert SPANS_MEMBER in zf.namelist() and meta["format"] == FORMAT == 5 and meta["lexical"] == LEXICAL
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
    meta = {k: v for k, v in model.meta.items() if k != "lexical"}  # a format-3 file never reads LAC
    old = EventModel.from_bytes(EventModel(model.triggers, model.arguments, meta, model.types.data).to_bytes())
    assert old.spans is None and old.types is not None and old.format() == 3
    suggested = old.suggest(blank(cec12[0]), schema)
    assert suggested and all(MIN_TRIGGER_SCORE <= e.score for e in suggested)
    gold = {(g.start, g.end, g.type) for g in gold_events(cec12[0])}
    assert sum((e.start, e.end, e.type) in gold for e in suggested) >= 0.6 * len(gold)


def _asked(model: EventModel, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The feature lists the model's span classifier is asked about, from now on."""
    assert model.spans is not None
    asked: list[list[str]] = []
    real = model.spans.probabilities

    def probabilities(feats: list[str]) -> dict[str, float]:
        asked.append(feats)
        return real(feats)

    monkeypatch.setattr(model.spans, "probabilities", probabilities)
    return asked


def test_a_model_reading_lac_gives_every_candidate_its_lexical_class(cec_event_model, cec12, monkeypatch):
    model: EventModel = cec_event_model
    assert model.lexical and model.format() == 5
    asked = _asked(model, monkeypatch)
    assert model.suggest(blank(cec12[11]), load_schema("cec"))
    assert asked and all(sum(f.startswith("lp=") for f in feats) == 1 for feats in asked)
    assert {"lp=v", "lp=n"} <= {f for feats in asked for f in feats}


def test_argument_features_with_the_lexical_classes_add_the_class_and_entity_classes_by_side():
    text = "昨天北京发生火灾。"  # 昨天 TIME, 北京 LOC, 发生 v, 火灾 n
    classes = lexical_classes(text)
    assert classes[:2] == ("TIME", "TIME") and classes[2:4] == ("LOC", "LOC")
    sentence = Sentence(0, 9, ((0, 2), (2, 4), (4, 6), (6, 8), (8, 9)), ("",) * 9)
    base = trigger_features(text, sentence, {})
    trigger = (4, 6, "emergency")
    plain = argument_features(text, sentence, [list(r) for r in base], trigger, [(4, 6)])
    read = argument_features(text, sentence, [list(r) for r in base], trigger, [(4, 6)], classes)
    added = [set(r) - set(p) for r, p in zip(read, plain, strict=True)]
    assert added[0] == {"lc=TIME", "lcs=TIME|L", "lner=TIME", "lners=TIME|L|emergency"}
    assert added[3] == {"lc=LOC", "lcs=LOC|L", "lner=LOC", "lners=LOC|L|emergency"}
    assert added[4] == {"lc=v", "lcs=v|T"} and added[6] == {"lc=n", "lcs=n|R"}  # no entity class


def test_a_format_4_file_without_the_lexical_reading_suggests_without_lac(cec_event_model, cec12, monkeypatch):
    model: EventModel = cec_event_model
    assert model.types is not None and model.spans is not None
    meta = {k: v for k, v in model.meta.items() if k != "lexical"}
    old = EventModel.from_bytes(EventModel(model.triggers, model.arguments, meta, model.types.data,
                                           model.spans.data).to_bytes())
    assert old.spans is not None and not old.lexical and old.format() == 4

    def no_lac(text: str) -> tuple[str, ...]:
        raise AssertionError("a format-4 model read LAC")

    monkeypatch.setattr("annotator.core.prelabel.events.model.lexical_classes", no_lac)
    asked = _asked(old, monkeypatch)
    assert old.suggest(blank(cec12[11]), load_schema("cec"))
    assert asked and not any(f.startswith("lp=") for feats in asked for f in feats)


def test_a_file_reading_an_unknown_lexical_analysis_is_refused(cec_event_model):
    model: EventModel = cec_event_model
    assert model.types is not None and model.spans is not None
    other = EventModel(model.triggers, model.arguments, {**model.meta, "lexical": "hanlp"}, model.types.data,
                       model.spans.data)
    with pytest.raises(ReadError, match="unknown lexical analysis"):
        EventModel.from_bytes(other.to_bytes(), source="other.evm")


def _features(doc: AnnotatedDocument, schema) -> list[tuple[Sentence, list[list[str]]]]:
    from annotator.core.prelabel.events.features import lexicon

    lex = lexicon(schema)
    return [(s, trigger_features(doc.text, s, lex)) for s in sentences(doc)]


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
