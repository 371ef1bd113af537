"""Fit the starter's CRF to its neural reading: stacking on out-of-fold network scores.

    .venv/bin/python -m tools.models.calibrate_starter [--folds 2] [--iterations 60] [--out PATH] [--dev]

The starter's CRF was learned by crfsuite without the network, and the network's alpha was chosen on its
own. Fine-tuning the CRF with the network's scores as a fixed offset (what `finetune.py` does for a
project whose model has one) lets its weights make room for what the network says: 50 reviewed articles
the network never saw moved dev from 0.8994 to 0.9049 (`prelabel_learning`). Here the same is done on
the starter's own articles (train_pool lines 201-2078), each scored by a network trained on the other
folds, so no offset comes from a network that learned that article (the network fits its training
articles far better than new ones, and the CRF would learn to trust it too much). The shipped network
stays the one trained on all of them. Scored on lines 1-200, which no shipped model learned from.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: the machine's other is someone else's

import argparse
import time
from pathlib import Path

import numpy as np

from annotator.core.prelabel import load_model
from annotator.core.prelabel.learning.finetune import (
    Corpus,
    FinetuneParams,
    build_corpus,
    build_problem,
    merged_tables,
    neural_offset,
    objective,
    start,
    unpack,
)
from annotator.core.prelabel.learning.neural import NeuralParams, train_net
from annotator.core.prelabel.models.crf import CrfModel
from annotator.core.prelabel.models.files import STARTER_PATH
from tools.models.gold import DEV, TRAIN_POOL, dev_f1, read_gold
from tools.models.train_neural import SKIP, featurise


def joined(parts: list[Corpus]) -> Corpus:
    """One corpus of several, positions renumbered."""
    at = np.cumsum([0] + [len(c.gold) for c in parts[:-1]])
    return Corpus({t: np.concatenate([c.keys[t] for c in parts]) for t in parts[0].keys},
                  np.concatenate([c.gold for c in parts]),
                  [(s + a, e + a) for c, a in zip(parts, at.tolist(), strict=True) for s, e in c.seqs],
                  np.concatenate([c.raw for c in parts]))


def out_of_fold(starter: CrfModel, docs, folds: int) -> tuple[Corpus, np.ndarray]:
    """The articles' corpus and, on its raw-text positions, the scores of a network that did not learn them."""
    params = NeuralParams(**starter.neural.meta["params"])
    corpora, offsets = [], []
    for k in range(folds):
        learn = [d for i, d in enumerate(docs) if i % folds != k]
        keys, tags = featurise(learn, view="jieba")
        t0 = time.perf_counter()
        net = train_net(keys, tags, params)
        net.meta["alpha"] = starter.neural.meta["alpha"]
        corpus = build_corpus([d for i, d in enumerate(docs) if i % folds == k], tuple(starter.tables))
        corpora.append(corpus)
        offsets.append(neural_offset(net, corpus))
        print(f"fold {k + 1}/{folds}: network on {len(learn)} articles ({time.perf_counter() - t0:.0f} s), "
              f"{len(corpus.gold)} positions scored", flush=True)
    return joined(corpora), np.vstack(offsets)


def calibrated(starter: CrfModel, corpus: Corpus, offset: np.ndarray, params: FinetuneParams) -> CrfModel:
    """The starter's CRF fine-tuned on `corpus` next to the fixed `offset`; keeps its network."""
    from scipy.optimize import minimize

    problem = build_problem(starter, corpus, params, fixed=offset)
    print(f"{len(problem.w0)} weight rows, {int(problem.new.sum())} new; L-BFGS …", flush=True)
    t0 = time.perf_counter()
    res = minimize(objective, start(problem), args=(problem,), jac=True, method="L-BFGS-B",
                   options={"maxiter": params.max_iterations})
    W, trans, _ = unpack(res.x, problem)
    print(f"{res.nit} iterations, {res.nfev} evaluations, {time.perf_counter() - t0:.0f} s: {res.message}")
    return CrfModel(tables=merged_tables(starter, problem, W, prune=params.prune),
                    transitions=trans.astype(np.float32), meta=dict(starter.meta), neural=starter.neural)


def f1(model: CrfModel, docs) -> str:
    """Micro-F1 and per label of the default pre-highlighter with `model` on raw text."""
    micro, per_label = dev_f1(docs, model, ())
    return f"{micro:.4f} {per_label}"


def main() -> None:
    """Out-of-fold offsets, fine-tune, score on lines 1-200 (and dev with --dev), write with --out."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--iterations", type=int, default=60)
    ap.add_argument("--sigma", type=float, default=0.5)
    ap.add_argument("--sigma-new", type=float, default=0.05)
    ap.add_argument("--out", type=Path, default=None, help="write the calibrated starter here")
    ap.add_argument("--dev", action="store_true", help="also score the dev articles (report once)")
    args = ap.parse_args()
    starter = load_model(STARTER_PATH)
    if starter.neural is None:
        raise SystemExit("the starter has no neural reading to calibrate to")
    docs = read_gold(TRAIN_POOL, skip=SKIP)
    corpus, offset = out_of_fold(starter, docs, args.folds)
    params = FinetuneParams(sigma=args.sigma, sigma_new=args.sigma_new, max_iterations=args.iterations)
    model = calibrated(starter, corpus, offset, params)
    model.meta["calibrated"] = {"folds": args.folds, "on": f"pd98/train_pool.jsonl lines {SKIP + 1}-{SKIP + len(docs)}",
                                "sigma": args.sigma, "sigma_new": args.sigma_new, "iterations": args.iterations}
    unseen = read_gold(TRAIN_POOL, limit=SKIP)
    print(f"train_pool 1-{SKIP}: starter {f1(starter, unseen)}; calibrated {f1(model, unseen)}", flush=True)
    if args.dev:
        dev = read_gold(DEV)
        print(f"dev: starter {f1(starter, dev)}; calibrated {f1(model, dev)}", flush=True)
    if args.out:
        args.out.write_bytes(model.to_bytes())


if __name__ == "__main__":
    main()
