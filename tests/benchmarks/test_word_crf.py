"""The word CRF of the issue-21 benchmark: word tags of spans and back, learned and unioned after the model."""

from __future__ import annotations

from annotator.core import formats
from annotator.core.prelabel import PrelabelDoc, build_prelabeler, train
from annotator.core.schema import load_schema
from benchmarks.word_crf import spans_of, train_word_crf, union, word_attributes, word_tags
from tests.conftest import FIXTURES

WORDS = [(0, 2), (2, 4), (4, 6), (6, 7), (7, 9)]


def test_a_span_is_the_words_it_overlaps_and_reads_back_whole():
    tags = word_tags(WORDS, [(0, 5, "LOC"), (7, 9, "PER")])
    assert tags == ["B-LOC", "I-LOC", "E-LOC", "O", "S-PER"]
    assert spans_of(WORDS, tags) == [(0, 6, "LOC"), (7, 9, "PER")]
    assert spans_of(WORDS, ["B-LOC", "I-ORG", "E-LOC", "O", "E-PER"]) == []  # broken runs are dropped


def test_each_word_sees_itself_its_neighbours_and_the_starters_reading():
    words, rows = word_attributes("北京市海淀区的张三说")
    assert ["北京市", "海淀区"] == ["北京市海淀区的张三说"[s:e] for s, e in words[:2]]
    first = rows[0]
    assert "w=北京市" in first and "ad=1" in first and "w-1=#" in first and "w1=海淀区" in first
    assert any(a.startswith("st=") and a.endswith("-LOC") for a in first)  # the starter's place


def test_learned_from_fragments_its_spans_fill_only_what_the_model_left():
    docs = [d for _, d in formats.iter_documents(FIXTURES / "cluener100.json", "cluener", reviewed=True)]
    labels = ("name", "company")
    tagger = train_word_crf(docs, labels)
    schema = load_schema(FIXTURES / "cluener.toml")
    model = train(docs[:20], base="starter", method="stack", labels=labels)
    plain = build_prelabeler(schema, engines=["model"], model=model)
    both = union(plain, tagger)
    assert [e.name for e in both.engines] == ["model", "wordcrf"]
    alone = union(plain, tagger, alone=True)
    found = [s for d in docs[:20] for s in alone.suggest(PrelabelDoc(d.text))]
    assert found and {s.origin for s in found} == {"wordcrf"} and {s.label for s in found} <= set(labels)
    for doc in docs[:10]:
        before = plain.suggest(PrelabelDoc(doc.text))
        after = both.suggest(PrelabelDoc(doc.text))
        assert set(before) <= set(after)
        for s in set(after) - set(before):
            assert s.origin == "wordcrf" and not any(b.start < s.end and s.start < b.end for b in before)
