"""Averaging CRFs into one: the starter is two models with different features, read as one.

A linear-chain CRF's scores are sums of weights, so the average of several models' scores is the
score of one model whose weights are the averages: the ensemble decodes at the cost of a single model
with the union of the members' feature keys. Two models trained on the same articles with different
templates make different mistakes; their average measured +0.002–0.005 micro-F1 on the dev articles
over either alone (research/RESULTS-prelabel.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np

from annotator.core.prelabel.models.crf import CrfModel, KeyTable


def average(models: Sequence[CrfModel], weights: Sequence[float] | None = None) -> CrfModel:
    """One model scoring every sequence as the weighted mean of `models` (plain models, no bases); it
    keeps the first member's neural reading, if any has one."""
    if not models or any(m.base is not None for m in models):
        raise ValueError("average needs one or more plain (not stacked) models")
    weights = [1 / len(models)] * len(models) if weights is None else list(weights)
    tables = {}
    for name in sorted(set().union(*(m.tables for m in models))):
        members = [(m.tables[name], w) for m, w in zip(models, weights, strict=True) if name in m.tables]
        keys = np.unique(np.concatenate([t.keys for t, _ in members]))
        rows = np.zeros((len(keys) + 1, members[0][0].weights.shape[1]), dtype=np.float32)
        for table, w in members:
            rows[np.searchsorted(keys, table.keys)] += w * table.weights[:-1]
        tables[name] = KeyTable(keys, rows)
    # an array, as `models` is not empty (sum's type allows the 0 it starts from)
    transitions = cast(np.ndarray, sum(w * m.transitions for m, w in zip(models, weights, strict=True)))
    transitions = transitions.astype(np.float32)
    neural = next((m.neural for m in models if m.neural is not None), None)
    return CrfModel(tables=tables, transitions=transitions, meta=dict(models[0].meta), neural=neural)
