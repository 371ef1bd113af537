"""Address parts (and character vectors) as features of the stacked model of the starter's labels (issue 21): a team whose places
are whole composed addresses (北京市海淀区中关村大街1号) learns them over the starter's short place names."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from annotator.core import formats
from annotator.core.prelabel import PrelabelDoc, build_prelabeler, load_model, train
from annotator.core.prelabel.features.templates import ADDRESS_CLASSES, EXTRACTED, extract
from annotator.core.prelabel.learning.crfsuite import STACKED_PARAMS, STACKED_TEMPLATES
from annotator.core.schema import load_schema
from tests.conftest import FIXTURES

TEXT = "北京市海淀区中关村大街1号"
AS_STARTER = {"name": "PER", "address": "LOC", "organization": "ORG"}


def _class(ch: str) -> int:
    return next((k for k, chars in enumerate(ADDRESS_CLASSES, start=1) if ch in chars), 0)


def test_each_character_carries_the_address_parts_of_itself_and_its_neighbours():
    keys = extract(TEXT, ((0, 3), (3, 6), (6, 9), (9, 11), (11, 12), (12, 13)), ["ns"] * 6, templates=EXTRACTED)
    assert [_class(c) for c in "市区街0号东场京"] == [1, 1, 2, 4, 3, 5, 6, 0]  # digits read as 0
    # 市 (admin) between 京 (none) and 海 (a venue's end: 上海, 渤海); 1 (a digit, any digit) between 街 (street) and 号 (number)
    assert keys["ad"][2] == 0 * 64 + 1 * 8 + 6
    assert keys["ad"][11] == 2 * 64 + 4 * 8 + 3
    # 北 is a direction (北京: a name, the model weighs it); the text's edges are no part
    assert keys["ad"][0] == 0 * 64 + 5 * 8 + 0 and keys["ad"][12] == 4 * 64 + 3 * 8 + 0
    assert extract("三号楼", ((0, 3),), ["n"], templates=EXTRACTED)["ad"].tolist() == [
        0 * 64 + 4 * 8 + 3, 4 * 64 + 3 * 8 + 3, 3 * 64 + 3 * 8 + 0]  # 三 is a numeral


def test_a_stacked_model_of_the_starters_labels_learns_and_decodes_with_address_parts():
    docs = [replace(d, spans=tuple(replace(s, label=AS_STARTER[s.label]) for s in d.spans if s.label in AS_STARTER))
            for _, d in formats.iter_documents(FIXTURES / "cluener100.json", "cluener", reviewed=True)]
    data = train(docs[:40], base="starter", method="stack")
    model = load_model(data)
    assert "ad" in STACKED_TEMPLATES and np.abs(model.tables["ad"].weights).sum() > 0
    assert model.meta["params"]["c2"] == STACKED_PARAMS["c2"] == 0.1  # stronger L2 than from scratch
    # and the shipped character vectors, which the file carries (charvec.py)
    assert model.vectors is not None and np.abs(model.tables["v"].weights).sum() > 0
    pre = build_prelabeler(load_schema("news-zh"), engines=["model"], model=data)
    engine = next(e for e in pre.engines if e.name == "model")
    assert "ad" in engine.templates  # the engine computes them to decode
    found = [s for d in docs[40:] for s in pre.suggest(PrelabelDoc(d.text))]
    assert {s.label for s in found} <= {"PER", "LOC", "ORG"} and len(found) > 10
