"""The neural reading: numpy inference, its training (gradients, learning), storage, and the model engine."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from annotator.core.prelabel import PrelabelDoc, Prepared, build_prelabeler
from annotator.core.prelabel.engines import ModelEngine
from annotator.core.prelabel.features.batch import batch_features
from annotator.core.prelabel.features.templates import TAGS, tag_ids
from annotator.core.prelabel.learning.evaluate import gold_of
from annotator.core.prelabel.learning.neural import (
    NeuralParams,
    build_vocab,
    init_net,
    loss_and_grads,
    train_net,
)
from annotator.core.prelabel.models.crf import CrfModel
from annotator.core.prelabel.models.ensemble import average
from annotator.core.prelabel.models.neural import TEMPLATES, NeuralNet, neural_scores
from annotator.core.schema import load_schema

SMALL = NeuralParams(char_dim=8, bigram_dim=4, tag_dim=4, len_dim=2, word_dim=4, bigram_bits=10, word_bits=9,
                     hidden=16, epochs=4, batch=128, lr=5e-3, dropout=0.0, min_char_count=1)


def featurise(docs):
    prepared = [Prepared(PrelabelDoc(d.text)) for d in docs]
    keys = batch_features(prepared, templates=TEMPLATES).keys
    return keys, np.concatenate([tag_ids(len(d.text), gold_of(d)) for d in docs])


@pytest.fixture(scope="module")
def trained(train30):
    """A small network learned from 30 People's Daily articles (a few seconds)."""
    keys, y = featurise(train30)
    return train_net(keys, y, SMALL)


def test_scores_shape_and_determinism(trained, dev5):
    docs = [Prepared(PrelabelDoc(d.text)) for d in dev5[:2]]
    a = neural_scores(trained, docs)
    b = neural_scores(trained, batch_features(docs, templates=TEMPLATES).keys)
    assert a.shape == (sum(len(d.text) for d in docs), len(TAGS))
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(np.exp(a).sum(axis=1), 1, atol=1e-5)
    # Each document's scores are its own: alone they are the same as inside the batch.
    alone = neural_scores(trained, docs[1:])
    np.testing.assert_allclose(a[len(docs[0].text):], alone, atol=1e-6)


def test_training_learns(trained, train30):
    losses = trained.meta["losses"]
    assert losses[-1] < 0.6 * losses[0]
    # The fixture's most frequent person (the panda 强强, 31 times in one article) is tagged as one in
    # a sentence it never saw.
    text = "昨天，强强回到了沈阳。"
    tags = neural_scores(trained, [Prepared(PrelabelDoc(text))]).argmax(axis=1)
    at = text.index("强强")
    assert [TAGS[t] for t in tags[at:at + 2]] == ["B-PER", "E-PER"]


def test_folded_inference_matches_training_forward(trained, dev5):
    keys = batch_features([Prepared(PrelabelDoc(dev5[0].text))], templates=TEMPLATES).keys
    ids = trained.ids(keys)
    y = np.zeros(len(ids), dtype=np.int64)
    # With every tag 0, the training loss per character is -log p(O): compare with inference.
    loss, _ = loss_and_grads({k: v.astype(np.float64) for k, v in trained.params.items()}, ids, y,
                             slot_tables=trained.slots)
    assert loss == pytest.approx(-trained.log_probs(keys)[:, 0].mean(), rel=1e-5)


@pytest.mark.parametrize("radius", [2, 4])
def test_gradients_match_finite_differences(train30, radius):
    keys, y = featurise(train30[:1])
    params = dataclasses.replace(SMALL, radius=radius)
    net = init_net(build_vocab(keys, params), params)
    ids, y = net.ids(keys)[:40], y[:40]
    p = {k: v.astype(np.float64) for k, v in net.params.items()}
    _, g = loss_and_grads(p, ids, y, slot_tables=net.slots)
    rng = np.random.default_rng(0)
    eps = 1e-6
    for name in ("w1", "b1", "w2", "b2", "emb:char", "emb:bigram", "emb:tag", "emb:word"):
        grad = g[name]
        if isinstance(grad, tuple):  # embeddings: only the rows the batch used
            rows, gr = grad
            dense = np.zeros_like(p[name])
            dense[rows] = gr
            grad = dense
            candidates = [(r, c) for r in rows[:3] for c in range(p[name].shape[1])][:6]
        else:
            flat = [np.unravel_index(i, p[name].shape) for i in rng.choice(p[name].size, 6, replace=False)]
            candidates = flat
        for at in candidates:
            old = p[name][at]
            p[name][at] = old + eps
            up, _ = loss_and_grads(p, ids, y, slot_tables=net.slots)
            p[name][at] = old - eps
            down, _ = loss_and_grads(p, ids, y, slot_tables=net.slots)
            p[name][at] = old
            assert grad[at] == pytest.approx((up - down) / (2 * eps), abs=1e-7, rel=1e-4), (name, at)


def test_round_trip(trained, dev5):
    keys = batch_features([Prepared(PrelabelDoc(dev5[0].text))], templates=TEMPLATES).keys
    again = NeuralNet.from_bytes(trained.to_bytes())
    # Stored as float16: close to the original, and exactly itself when stored again.
    np.testing.assert_allclose(again.log_probs(keys), trained.log_probs(keys), atol=0.05)
    once_more = NeuralNet.from_bytes(again.to_bytes())
    np.testing.assert_array_equal(once_more.log_probs(keys), again.log_probs(keys))
    assert once_more.meta["losses"] == trained.meta["losses"]


def test_model_engine_adds_the_neural_scores(trained, dev5):
    pre = build_prelabeler(load_schema(), engines=["model"])
    crf = pre.engines[0].model
    with_net = dataclasses.replace(crf, neural=trained)
    # The neural part travels in the model file and is applied by the default pre-highlighter.
    reread = CrfModel.from_bytes(with_net.to_bytes())
    assert reread.neural is not None
    engine = next(e for e in build_prelabeler(load_schema(), model=reread).engines if e.name == "model")
    plain = ModelEngine(crf, segmenter=engine.segmenter)
    raw = [Prepared(PrelabelDoc(d.text)) for d in dev5[:2]]
    preseg = [Prepared(PrelabelDoc(d.text, d.tokens, presegmented=True)) for d in dev5[2:4]]
    # Raw text: the CRF's scores plus alpha times the network's log-probabilities.
    b = engine._features(raw)
    expected = plain._emissions(raw, b) + np.float32(engine.alpha) * neural_scores(reread.neural, b.keys)
    np.testing.assert_allclose(engine._emissions(raw, b), expected, rtol=1e-5, atol=1e-4)
    assert not np.allclose(engine._emissions(raw, b), plain._emissions(raw, b), atol=1e-3)
    # Pre-segmented text keeps the CRF's scores (measured no gain there); in a mixed batch too.
    b = engine._features(preseg)
    np.testing.assert_array_equal(engine._emissions(preseg, b), plain._emissions(preseg, b))
    mixed = [raw[0], preseg[0], raw[1]]
    b = engine._features(mixed)
    em = engine._emissions(mixed, b)
    for k, doc in enumerate(mixed):
        alone = engine._emissions([doc], engine._features([doc]))
        np.testing.assert_allclose(em[b.offsets[k]:b.offsets[k] + len(doc.text)], alone, rtol=1e-5, atol=1e-4)
    assert average([reread, crf]).neural is reread.neural
    np.testing.assert_array_equal(neural_scores(reread, raw), neural_scores(reread.neural, raw))
    with pytest.raises(ValueError):
        neural_scores(dataclasses.replace(crf, neural=None), raw)
