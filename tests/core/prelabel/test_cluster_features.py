"""Word clusters as features of the CRF over a project's own labels (issue 21): the keys of the word a
character is in and of its neighbours, what a word the table lacks reads as, and a model of new labels
that learns weights on them and decodes with them."""

from __future__ import annotations

import gzip

import numpy as np
import pytest

from annotator.core import formats
from annotator.core.prelabel import PrelabelDoc, build_prelabeler, load_model, train
from annotator.core.prelabel.features import clusters
from annotator.core.prelabel.features.clusters import EDGE, UNKNOWN, cluster_ids, use_table_file
from annotator.core.prelabel.features.templates import CLUSTER_TEMPLATES, EXTRACTED, extract
from annotator.core.schema import load_schema
from tests.conftest import FIXTURES

TEXT = "消防官兵赶到现场，迅速扑灭大火。"
WORDS = ((0, 4), (4, 6), (6, 8), (8, 9), (9, 11), (11, 13), (13, 15), (15, 16))
LABELS = ("name", "company", "position", "game")


def _keys(text=TEXT, words=WORDS):
    return extract(text, words, ["n"] * len(words), templates=EXTRACTED)


def test_each_character_carries_its_words_clusters_and_its_place_in_the_word():
    ids = cluster_ids()
    keys = _keys()
    coarse, fine = ids["赶到"]
    assert coarse < UNKNOWN and fine < UNKNOWN  # a common word is in the shipped table
    assert keys["wc"][4:6].tolist() == [coarse * 4 + 0, coarse * 4 + 2]  # B, then E
    assert keys["wcf"][4:6].tolist() == [fine * 4 + 0, fine * 4 + 2]
    # the neighbours' coarse clusters: 消防官兵 before 赶到, 现场 after it
    assert keys["wcp"][4] == ids["消防官兵"][0] * 4 and keys["wcn"][5] == ids["现场"][0] * 4 + 2
    # a single-character word is S (3); the text's edges read as EDGE
    assert keys["wc"][8] == ids["，"][0] * 4 + 3
    assert keys["wcp"][0] == EDGE * 4 + 0 and keys["wcn"][15] == EDGE * 4 + 3


def test_a_word_the_table_lacks_reads_as_unknown_and_whitespace_as_an_edge():
    text = "佐佐木希望来\n了"
    keys = _keys(text, ((0, 4), (4, 6), (6, 7), (7, 8)))
    assert keys["wc"][0] == UNKNOWN * 4 and keys["wcf"][3] == UNKNOWN * 4 + 2
    assert keys["wcn"][5] == EDGE * 4 + 2  # the line break after 望来 is a text edge
    assert set(CLUSTER_TEMPLATES) <= set(keys)


def test_a_table_rebuilt_for_measurement_replaces_the_shipped_one_for_the_process(tmp_path, monkeypatch):
    monkeypatch.setattr(clusters, "_tables", {})
    monkeypatch.setattr(clusters, "_ids", {})
    path = tmp_path / "t.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("赶到\t7\t70\n现场\t8\t80\n")
    use_table_file(path)
    assert cluster_ids()["赶到"] == (7, 70) and cluster_ids()["消防官兵"] == (UNKNOWN, UNKNOWN)
    assert _keys()["wcp"][6] == 7 * 4


@pytest.mark.slow
def test_a_model_of_new_labels_learns_and_decodes_with_the_clusters():
    docs = [d for _, d in formats.iter_documents(FIXTURES / "cluener100.json", "cluener", reviewed=True)]
    data = train(docs[:60], base="starter", method="stack", labels=LABELS)
    model = load_model(data)
    assert set(CLUSTER_TEMPLATES) <= set(model.tables)
    assert np.abs(model.tables["wc"].weights).sum() > 0
    pre = build_prelabeler(load_schema(FIXTURES / "cluener.toml"), engines=["model"], model=data)
    engine = next(e for e in pre.engines if e.name == "model")
    assert set(CLUSTER_TEMPLATES) <= set(engine.templates)  # the engine computes them to decode
    found = {s.label for d in docs[60:] for s in pre.suggest(PrelabelDoc(d.text))}
    assert "name" in found and found <= set(LABELS)
