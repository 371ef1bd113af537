"""Character vectors as real-valued features of the stacked model of the starter's labels (issue 21): the
features of a text, the shipped vectors, and a model file that carries the vectors it weighs."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.core.errors import ReadError
from annotator.core.prelabel.features.charvec import OFFSETS, CharVectors, char_vectors
from annotator.core.prelabel.features.templates import codepoints, tag_set
from annotator.core.prelabel.models.crf import CrfModel, KeyTable

VECS = CharVectors(np.array([ord("北"), ord("京")], dtype=np.int64),
                   np.array([[1.0, 0.0], [0.0, 2.0]], dtype=np.float32))


def test_each_character_reads_its_neighbours_vectors_and_zeros_past_the_edges_and_unknown_characters():
    feats = VECS.features(codepoints("北京人"))  # 人 has no vector
    assert OFFSETS == (-1, 0, 1) and feats.shape == (3, 6)
    assert feats[0].tolist() == [0, 0, 1, 0, 0, 2]  # edge, 北, 京
    assert feats[1].tolist() == [1, 0, 0, 2, 0, 0]  # 北, 京, 人
    assert feats[2].tolist() == [0, 2, 0, 0, 0, 0]  # 京, 人, edge


def test_vectors_round_trip_as_half_precision():
    again = CharVectors.from_bytes(VECS.to_bytes())
    assert again.codes.tolist() == VECS.codes.tolist() and np.allclose(again.vectors, VECS.vectors)


def test_the_shipped_vectors_cover_common_characters_and_read_digits_as_zero():
    vecs = char_vectors()
    assert vecs.dims == 32 and len(vecs.codes) > 3000
    feats = vecs.features(codepoints("北京7"))
    assert np.abs(feats[:, 32:64]).sum(axis=1).min() > 0.9  # every one has a unit vector: 7 reads as 0
    assert np.allclose(np.linalg.norm(vecs.vectors[:50], axis=1), 1, atol=1e-2)


def test_a_model_carries_its_vectors_and_a_file_weighing_vectors_it_lacks_is_refused():
    tags = tag_set(("PER", "LOC", "ORG"))
    weights = np.zeros((7, len(tags)), dtype=np.float32)
    weights[2, tags.index("S-LOC")] = 5.0  # the current character's first dimension (北: 1.0)
    model = CrfModel(tables={"v": KeyTable(np.arange(6, dtype=np.int64), weights)},
                     transitions=np.zeros((len(tags), len(tags)), dtype=np.float32), vectors=VECS)
    again = CrfModel.from_bytes(model.to_bytes())
    assert again.vectors is not None and again.vectors.codes.tolist() == VECS.codes.tolist()
    cp = codepoints("在北")
    em = again.scores({"u0": cp, "bias": np.zeros(2, dtype=np.int64)}, [(0, 2)])
    assert em[1, tags.index("S-LOC")] == 5.0 and em[0, tags.index("S-LOC")] == 0.0
    model.vectors = None
    with pytest.raises(ReadError, match="character vectors it does not carry"):
        CrfModel.from_bytes(model.to_bytes())
