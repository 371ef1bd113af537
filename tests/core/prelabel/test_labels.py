"""Models over a project's own labels: tags of any label set, files that carry it, learning it on the starter."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from annotator.core import formats
from annotator.core.annotations import AnnotatedDocument
from annotator.core.errors import ReadError
from annotator.core.prelabel import PrelabelDoc, build_prelabeler, load_model, train
from annotator.core.prelabel.features.templates import bioes, spans_from_tags, tag_ids, tag_set
from annotator.core.prelabel.models.crf import CrfModel
from annotator.core.schema import load_schema
from tests.conftest import FIXTURES

LABELS = ("name", "company", "position", "game")


@pytest.fixture(scope="module")
def cluener() -> list[AnnotatedDocument]:
    return [d for _, d in formats.iter_documents(FIXTURES / "cluener100.json", "cluener", reviewed=True)]


def test_tags_of_any_label_set_round_trip():
    spans = [(0, 1, "game"), (2, 5, "name"), (5, 7, "position")]
    assert tag_set(LABELS)[:5] == ("O", "B-name", "I-name", "E-name", "S-name")
    assert bioes(8, spans, LABELS)[2:5] == ["B-name", "I-name", "E-name"]
    assert spans_from_tags(tag_ids(8, spans, LABELS), labels=LABELS) == spans
    assert spans_from_tags(tag_ids(8, spans, LABELS), 10, labels=LABELS)[0] == (10, 11, "game")
    assert not tag_ids(8, [(0, 3, "other")], LABELS).any()  # labels outside the set are not tagged


def test_a_model_file_carries_its_labels_and_files_without_them_are_the_starters():
    model = CrfModel(tables={}, transitions=np.zeros((len(tag_set(LABELS)),) * 2, dtype=np.float32), labels=LABELS)
    again = CrfModel.from_bytes(model.to_bytes())
    assert again.labels == LABELS and again.tags == tag_set(LABELS)
    assert load_model("starter").labels == ("PER", "LOC", "ORG")


def test_a_stacked_model_without_its_base_names_the_model_not_a_placeholder(cluener):
    stacked = load_model(train(cluener[:20], base="starter", method="stack", labels=LABELS))
    # labels the starter does not tag: stronger regularisation and L-BFGS stopped early (crfsuite.py)
    assert {k: stacked.meta["params"][k] for k in ("c1", "c2", "max_iterations")} == {
        "c1": 0.1, "c2": 0.2, "max_iterations": 100}
    assert stacked.vectors is not None  # the character vectors it learned with (charvec.py)
    stacked.base = None
    with pytest.raises(ReadError) as err:
        load_model(stacked.to_bytes())
    assert str(err.value) == "the project's model: a stacked model without the base model it was learned on"


def test_documents_without_a_single_entity_give_a_model_that_suggests_nothing(cluener):
    empty = [replace(d, spans=()) for d in cluener[:10]]
    for base in (None, "starter"):
        data = train(empty, base=base, labels=LABELS, **({"method": "stack"} if base else {}))
        pre = build_prelabeler(load_schema(FIXTURES / "cluener.toml"), engines=["model"], model=data)
        assert pre.suggest(PrelabelDoc(cluener[0].text)) == []


@pytest.mark.slow
def test_stacking_on_the_starter_learns_labels_it_does_not_know(cluener):
    data = train(cluener[:80], base="starter", method="stack", labels=LABELS)
    model = load_model(data)
    assert model.labels == LABELS and model.base is not None and model.base.labels == ("PER", "LOC", "ORG")
    pre = build_prelabeler(load_schema(FIXTURES / "cluener.toml"), engines=["model"], model=data)
    found = {s.label for d in cluener[80:] for s in pre.suggest(PrelabelDoc(d.text))}
    assert {"name", "company"} <= found <= set(LABELS)


def test_fine_tuning_cannot_learn_labels_the_base_does_not_tag(cluener):
    with pytest.raises(ValueError, match="stack on it instead"):
        train(cluener[:5], base="starter", method="finetune", labels=LABELS)


def test_a_document_is_learned_under_its_own_tokens_only_where_they_are_not_jiebas(cluener):
    from annotator.core.prelabel.learning.crfsuite import views
    from annotator.core.segment import Segmenter

    # A project's raw-text import carries its segmenter's tokens: jieba's words, so one reading.
    imported = replace(cluener[0], tokens=Segmenter().tokens(cluener[0].text))
    assert [preseg for preseg, _ in views(imported, presegmented_view=True)] == [False]
    # Gold tokens that cut the text otherwise are a second reading.
    text = cluener[0].text
    chars = tuple((i, i + 1) for i in range(len(text)) if not text[i].isspace())
    gold = replace(cluener[0], tokens=chars)
    assert [(preseg, tokens) for preseg, tokens in views(gold, presegmented_view=True)] == [(False, ()), (True, chars)]
    assert len(list(views(gold, presegmented_view=False))) == 1
