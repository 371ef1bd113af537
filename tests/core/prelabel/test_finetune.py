"""Fine-tuning a CRF under a Gaussian prior: exact forward-backward, exact gradient, it learns, σ→0 stays."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from annotator.core.errors import ValidationError
from annotator.core.prelabel import (
    CORE_LABELS,
    PrelabelDoc,
    build_prelabeler,
    describe,
    evaluate,
    load_model,
    train,
)
from annotator.core.prelabel.features.templates import TAGS
from annotator.core.prelabel.learning.finetune import (
    FinetuneParams,
    build_corpus,
    build_problem,
    finetune_crf,
    forward_backward,
    log_likelihood,
    merged_tables,
    objective,
    start,
    unpack,
)
from annotator.core.prelabel.models.crf import CrfModel, KeyTable
from annotator.core.prelabel.models.decoding import batches
from annotator.core.schema import load_schema

L = len(TAGS)


def test_forward_backward_matches_enumerating_every_path():
    rng = np.random.default_rng(1)
    seqs = [(0, 1), (1, 4), (4, 6), (6, 9)]
    em = rng.normal(size=(9, L)) * 3
    trans = rng.normal(size=(L, L)) * 2
    log_z, marg, edges = forward_backward(em, trans, batches(seqs, 9))
    want_z, want_marg, want_edges = 0.0, np.zeros((9, L)), np.zeros((L, L))
    for s, e in seqs:
        paths = np.array(list(itertools.product(range(L), repeat=e - s)))
        score = em[np.arange(s, e), paths].sum(axis=1)
        for t in range(1, e - s):
            score += trans[paths[:, t - 1], paths[:, t]]
        top = score.max()
        z = np.log(np.exp(score - top).sum()) + top
        p = np.exp(score - z)
        want_z += z
        for t in range(e - s):
            np.add.at(want_marg[s + t], paths[:, t], p)
            if t:
                np.add.at(want_edges, (paths[:, t - 1], paths[:, t]), p)
    assert log_z == pytest.approx(want_z, rel=1e-10)
    np.testing.assert_allclose(marg, want_marg, atol=1e-10)
    np.testing.assert_allclose(edges, want_edges, atol=1e-9)


def tiny_model(rng: np.random.Generator, docs) -> CrfModel:
    """A random plain model over a few templates, with some (not all) of the documents' keys."""
    corpus = build_corpus(docs, ("bias", "u0", "b0", "wp"))
    tables = {}
    for name, keys in corpus.keys.items():
        seen = np.unique(keys[keys >= 0])
        kept = np.sort(rng.choice(seen, size=max(1, len(seen) // 2), replace=False))
        weights = np.vstack((rng.normal(size=(len(kept), L)), np.zeros((1, L)))).astype(np.float32)
        tables[name] = KeyTable(kept.astype(np.int64), weights)
    return CrfModel(tables=tables, transitions=rng.normal(size=(L, L)).astype(np.float32))


def test_gradient_matches_finite_differences(train30):
    rng = np.random.default_rng(7)
    docs = [d for d in train30 if len(d.text) < 400][:2]
    base = tiny_model(rng, docs)
    corpus = build_corpus(docs, tuple(base.tables))
    problem = build_problem(base, corpus, FinetuneParams(sigma=0.7, sigma_new=0.3))
    assert problem.new.any() and not problem.new.all()
    theta = start(problem)
    assert len(theta) == len(problem.w0) * L + L * L
    theta = theta + rng.normal(size=theta.shape) * 0.5  # away from w0, so the prior's gradient counts too
    f, grad = objective(theta, problem)
    eps = 1e-6
    for _ in range(5):
        d = rng.normal(size=theta.shape)
        numeric = (objective(theta + eps * d, problem)[0] - objective(theta - eps * d, problem)[0]) / (2 * eps)
        assert grad @ d == pytest.approx(numeric, rel=1e-5)
    # Single coordinates: two transitions, a new key's weight.
    new_row = int(np.nonzero(problem.new)[0][0])
    for i in (len(theta) - L * L + 3, len(theta) - 5, new_row * L + 2):
        d = np.zeros_like(theta)
        d[i] = 1.0
        numeric = (objective(theta + eps * d, problem)[0] - objective(theta - eps * d, problem)[0]) / (2 * eps)
        assert grad[i] == pytest.approx(numeric, rel=1e-4, abs=1e-6)


@pytest.fixture(scope="module")
def dev_base(dev5) -> CrfModel:
    """A small plain model that never saw the train30 articles (crfsuite on five dev articles)."""
    return load_model(train(dev5, source="dev5"))


def micro_f1(model: CrfModel, docs) -> float:
    pre = build_prelabeler(load_schema(), model=model, engines=["model"])
    return evaluate(docs, lambda d: pre.suggest(PrelabelDoc(d.text)), labels=CORE_LABELS).micro.f1


@pytest.mark.slow
def test_finetuning_raises_training_likelihood_and_decodes(dev_base, train30):
    docs = train30[:15]
    model, stats = finetune_crf(docs, dev_base, params=FinetuneParams(max_iterations=25))
    corpus = build_corpus(docs, tuple(dev_base.tables))
    before, after = log_likelihood(dev_base, corpus), log_likelihood(model, corpus)
    assert after > before + 0.2 * abs(before)
    assert stats.documents == 15 and stats.characters == sum(len(d.text) for d in docs)
    assert model.base is None and set(model.tables) == set(dev_base.tables)
    for name, table in model.tables.items():
        assert np.all(np.diff(table.keys) > 0) and len(table.weights) == len(table.keys) + 1
        assert not table.weights[-1].any()
        assert np.isin(dev_base.tables[name].keys, table.keys).all()  # nothing of the base is lost
        new = ~np.isin(table.keys, dev_base.tables[name].keys)
        assert (np.abs(table.weights[:-1][new]).max(axis=1, initial=0) >= 0.05).all()  # the rest pruned
    reread = CrfModel.from_bytes(model.to_bytes())
    assert micro_f1(reread, docs) > micro_f1(dev_base, docs) + 0.05
    pre = build_prelabeler(load_schema(), model=reread, engines=["model"])
    for doc in docs:
        for span in pre.suggest(PrelabelDoc(doc.text)):
            assert 0 <= span.start < span.end <= len(doc.text)


@pytest.mark.slow
def test_tiny_sigma_keeps_the_base_weights(dev_base, train30):
    tiny = FinetuneParams(sigma=1e-4, sigma_new=1e-4, prune=0.0)
    model, _ = finetune_crf(train30[:5], dev_base, params=tiny)
    np.testing.assert_allclose(model.transitions, dev_base.transitions, atol=1e-4)
    for name, base_table in dev_base.tables.items():
        table = model.tables[name]
        rows = table.rows(base_table.keys)
        np.testing.assert_allclose(table.weights[rows], base_table.weights[:-1], atol=1e-4)
        new = ~np.isin(table.keys, base_table.keys)
        assert np.abs(table.weights[:-1][new]).max(initial=0) < 1e-4
    assert sum(len(t.keys) for t in model.tables.values()) > sum(len(t.keys) for t in dev_base.tables.values())


@pytest.mark.slow
def test_only_plain_models_and_some_documents(dev_base, dev5, train30):
    stacked = load_model(train(train30[:3], base=dev_base, source="three", method="stack"))
    with pytest.raises(ValidationError):
        finetune_crf(dev5, stacked)
    with pytest.raises(ValidationError):
        finetune_crf([], dev_base)


@pytest.mark.slow
def test_train_fine_tunes_a_base_by_default(train30, dev5):
    base = load_model(train(train30[:10], source="ten"))
    data = train(dev5, base=base, source="dev5", params={"max_iterations": 10})
    model = load_model(data)
    assert model.base is None
    assert model.meta["params"]["method"] == "finetune" and model.meta["base"]["source"] == "ten"
    assert "fine-tuned from: 10 documents" in describe(data)
    assert build_prelabeler(load_schema(), model=data, engines=["model"]).suggest(PrelabelDoc(dev5[0].text))


def test_merged_tables_write_the_learned_rows_and_keep_the_rest(train30):
    rng = np.random.default_rng(3)
    docs = [d for d in train30 if len(d.text) < 400][:3]
    base = tiny_model(rng, docs)
    corpus = build_corpus(docs[:1], tuple(base.tables))  # the other two hold keys the corpus lacks
    problem = build_problem(base, corpus, FinetuneParams())
    W, _ = unpack(start(problem) + rng.normal(size=len(start(problem))) * 0.3, problem)
    tables = merged_tables(base, problem, W)
    model = CrfModel(tables=tables, transitions=base.transitions)
    np.testing.assert_allclose(model.emissions(corpus.keys), problem.x @ W, rtol=1e-4, atol=1e-4)
    unseen = base.tables["u0"].keys[~np.isin(base.tables["u0"].keys, corpus.keys["u0"])]
    assert len(unseen)
    np.testing.assert_allclose(tables["u0"].weights[tables["u0"].rows(unseen)],
                               base.tables["u0"].weights[base.tables["u0"].rows(unseen)], rtol=1e-4, atol=1e-5)


@pytest.mark.slow
def test_a_base_with_a_neural_reading_is_fine_tuned_on_top_of_it_and_keeps_it(train30, dev5):
    from annotator.core.prelabel.learning.finetune import neural_offset
    from annotator.core.prelabel.learning.neural import NeuralParams, train_net
    from annotator.core.prelabel.models.neural import TEMPLATES as NEURAL_TEMPLATES

    base = load_model(train(dev5, source="dev5"))
    net_corpus = build_corpus(train30[:10], tuple(base.tables), presegmented_view=False)
    base.neural = train_net(net_corpus.keys, net_corpus.gold, NeuralParams(char_dim=8, bigram_dim=4, tag_dim=4, len_dim=2, word_dim=4, bigram_bits=10, word_bits=9, hidden=16, epochs=1))
    base.neural.meta["alpha"] = 0.5
    docs = train30[10:16]
    corpus = build_corpus(docs, tuple(base.tables))
    offset = neural_offset(base.neural, corpus)
    # The network's scores, times alpha, on raw-text positions only (pre-segmented text is read without it).
    assert corpus.raw.any() and not corpus.raw.all()
    assert not offset[~corpus.raw].any()
    raw_keys = {t: corpus.keys[t][corpus.raw] for t in NEURAL_TEMPLATES}
    assert np.allclose(offset[corpus.raw], 0.5 * base.neural.log_probs(raw_keys))
    model, _ = finetune_crf(docs, base, params=FinetuneParams(max_iterations=10))
    assert model.neural is base.neural
    # At the start the objective is the likelihood of the base *with* its network.
    problem = build_problem(base, corpus, FinetuneParams(), fixed=offset)
    plain = build_problem(base, corpus, FinetuneParams())
    assert objective(start(problem), problem)[0] != pytest.approx(objective(start(plain), plain)[0])
