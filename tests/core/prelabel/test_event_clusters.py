"""Word clusters learned from unlabeled news as features of the trigger type classifier: the shipped table,
the features it adds, and the model file that names it (format 3) next to older files without it (format 2)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from annotator.core.annotations import AnnotatedDocument
from annotator.core.errors import ReadError
from annotator.core.prelabel.events.evaluate import blank
from annotator.core.prelabel.events.features import Sentence, cluster_features
from annotator.core.prelabel.events.learning import train_events
from annotator.core.prelabel.events.model import EventModel
from annotator.core.prelabel.events.trigger_types import candidate_features
from annotator.core.prelabel.features.clusters import CLUSTERS_FILE, word_clusters
from annotator.core.schema import load_schema
from tests.core.prelabel.conftest import gold

TEXT = "消防官兵赶到现场，迅速扑灭大火。"
WORDS = ((0, 4), (4, 6), (6, 8), (8, 9), (9, 11), (11, 13), (13, 15), (15, 16))


@pytest.fixture(scope="module")
def cec12() -> list[AnnotatedDocument]:
    """The first 12 documents of CEC's events_dev.jsonl, events accepted."""
    return gold("cec12.jsonl")


def test_the_shipped_table_gives_common_words_a_coarse_and_a_fine_cluster():
    table = word_clusters()
    assert len(table) > 20_000
    for word in ("发生", "受伤", "地震", "现场"):
        coarse, fine = table[word]
        assert 0 <= int(coarse) < 256 and 0 <= int(fine) < 1024
    assert word_clusters() is table  # read once per process


def test_cluster_features_name_the_word_and_its_neighbours_clusters_and_nothing_for_unknown_words():
    table = {"扑灭": ("3", "30"), "迅速": ("1", "10")}
    assert cluster_features(table, "扑灭", "迅速", "大火", "B") == ["k0=3|B", "k1=30|B", "pk=1"]
    assert cluster_features(table, "无此词", "<s>", "</s>") == []
    sentence = Sentence(0, len(TEXT), WORDS, ("",) * len(TEXT))
    plain = candidate_features(TEXT, sentence, 11, 13)
    assert candidate_features(TEXT, sentence, 11, 13, table) == [*plain, "k0=3|", "k1=30|", "pk=1"]
    assert not any(f.startswith(("k0=", "pk=", "nk=")) for f in plain)


def test_a_model_learned_with_clusters_names_its_table_and_writes_format_3(cec12):
    schema = load_schema("cec")
    # format 4 adds the span classifier, format 5 LAC's classes
    model = train_events(cec12[:6], schema, source="cec12", every_word=False, lexical=False)
    assert model.meta["clusters"] == CLUSTERS_FILE and model.clusters is word_clusters()
    data = model.to_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert json.loads(zf.read("meta.json"))["format"] == 3
    again = EventModel.from_bytes(data)
    assert again.suggest(blank(cec12[11]), schema) == model.suggest(blank(cec12[11]), schema)
    # A format-2 file (no table named) is read as before: no cluster features.
    meta = {k: v for k, v in model.meta.items() if k != "clusters"}
    old = EventModel.from_bytes(EventModel(model.triggers, model.arguments, meta, model.types.data).to_bytes())
    assert old.clusters is None and old.types is not None
    with zipfile.ZipFile(io.BytesIO(old.to_bytes())) as zf:
        assert json.loads(zf.read("meta.json"))["format"] == 2
    # A file naming a table this annotator does not ship says so.
    broken = EventModel(model.triggers, model.arguments, meta, model.types.data)
    broken.meta["clusters"] = "no-such-table.tsv.gz"
    with pytest.raises(ReadError, match="word clusters are missing"):
        EventModel.from_bytes(broken.to_bytes(), source="x.evm")
