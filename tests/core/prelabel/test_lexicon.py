"""The project's reviewed entities as a feature of its model: matching, folds, the model file."""

from __future__ import annotations

import pytest

from annotator.core import formats
from annotator.core.annotations import AnnotatedDocument
from annotator.core.prelabel import load_model, train
from annotator.core.prelabel.features.lexicon import LEXICON, Lexicon, fold_lexicons
from annotator.core.prelabel.features.templates import codepoints
from tests.conftest import FIXTURES

LABELS = ("PER", "LOC", "ORG")


@pytest.fixture(scope="module")
def cluener() -> list[AnnotatedDocument]:
    return [d for _, d in formats.iter_documents(FIXTURES / "cluener100.json", "cluener", reviewed=True)]


def test_the_longest_match_wins_and_each_string_keeps_its_most_frequent_label():
    lexicon = Lexicon.of([("北京市", "LOC"), ("北京", "ORG"), ("北京", "LOC"), ("北京", "ORG"), ("张三", "PER")],
                         LABELS)
    text = "在北京市见到张三和北京。"
    keys = lexicon.keys(codepoints(text)).tolist()
    assert keys[1:4] == [4, 5, 6]  # 北京市: LOC (label 1) B, I, E; not 北京 inside it
    assert keys[6:8] == [0, 2]  # 张三: PER B, E
    assert keys[9:11] == [8, 10]  # 北京 alone: ORG, its usual label
    assert [k for i, k in enumerate(keys) if i not in (1, 2, 3, 6, 7, 9, 10)] == [-1] * 5


def test_matching_reads_text_as_the_model_does_full_width_and_case_folded():
    lexicon = Lexicon.of([("CSOL", "ORG")], LABELS)
    assert lexicon.keys(codepoints("玩ｃｓｏｌ吧")).tolist() == [-1, 8, 9, 9, 10, -1]


def test_each_document_learns_from_matches_of_the_other_folds_entities_only():
    docs = [[("张三", "PER")], [("李四", "PER")], [("王五", "PER")]]
    folds = fold_lexicons(docs, LABELS, folds=3)
    for i, lexicon in enumerate(folds):
        names = {text for entities in docs for text, _ in entities}
        assert set(lexicon.entries) == names - {docs[i][0][0]}


def test_a_model_learned_with_the_lexicon_carries_it_in_its_file(cluener):
    labels = ("name", "company", "position", "game")
    model = load_model(train(cluener[:60], base="starter", method="stack", labels=labels, lexicon=True))
    assert model.lexicon is not None and model.lexicon.labels == labels
    assert LEXICON in model.tables  # a weight for matches was learned
    seen = {d.text[s.start:s.end] for d in cluener[:60] for s in d.spans if s.label in labels}
    assert set(model.lexicon.entries) <= {"".join(map(chr, codepoints(t).tolist())) for t in seen}
    assert len(model.lexicon.entries) > 20
