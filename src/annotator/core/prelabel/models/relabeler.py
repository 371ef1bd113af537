"""The span relabeler of a model of a project's own labels: once the CRF has found a span, a classifier
over the whole document (features/span_context.py) decides its label again, weighed with the CRF's own
reading of the span. The CRF sees characters within two of each other; what tells a game from a film
(玩家, 上映, 导演) usually stands farther away. Figures: benchmarks/RESULTS-labels.md, seventh round."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from annotator.core.prelabel.features.span_context import span_features
from annotator.core.prelabel.models.classifier import ItemClassifier
from annotator.core.text import Token

# The label is argmax of log P(classifier) + WEIGHT x log(the CRF's share of the label over the span):
# 1.0 with the classifier's L2 1.0, fixed on one split of CLUENER (+0.009 micro-F1 at 600 reviewed
# fragments) before it was measured on a second (+0.011). Kept in the model file, so that a later
# change of the default does not change how an existing model decodes.
WEIGHT = 1.0
RELABELER_FILE = "relabeler.crfsuite"


class SpanRelabeler(ItemClassifier):
    """A multinomial classifier of a span's label and its weight against the CRF's reading."""

    def __init__(self, data: bytes, *, weight: float = WEIGHT) -> None:
        super().__init__(data)
        self.weight = weight

    def choose(self, text: str, words: Sequence[Token], start: int, end: int,
               crf: Mapping[str, float]) -> tuple[str, float]:
        """The label of the span `[start, end)` among the CRF's labels `crf` (each its share over the
        span, `label_shares`), and the chosen label's share of the combined score (0-1)."""
        probs = self.probabilities(span_features(text, words, start, end))
        scores = {lab: math.log(probs.get(lab, 0.0) + 1e-6) + self.weight * math.log(share + 1e-3)
                  for lab, share in crf.items()}
        top = max(scores.values())
        exp = {lab: math.exp(v - top) for lab, v in scores.items()}
        best = max(exp, key=exp.__getitem__)
        return best, exp[best] / sum(exp.values())


def label_shares(post: np.ndarray, tags: Sequence[str], labels: Sequence[str]) -> np.ndarray:
    """(n, labels) from (n, tags) posteriors: each character's probability of being inside an entity of each
    label (its B-, I-, E- and S- tags together)."""
    out = np.zeros((len(post), len(labels)), dtype=np.float32)
    column = {lab: k for k, lab in enumerate(labels)}
    for j, tag in enumerate(tags):
        lab = tag.partition("-")[2]
        if lab in column:
            out[:, column[lab]] += post[:, j]
    return out


def span_shares(shares: np.ndarray, labels: Sequence[str], start: int, end: int) -> dict[str, float]:
    """The CRF's reading of one span: each label's mean probability over its characters, normalised over
    the labels (the outside tag left out)."""
    mean = shares[start:end].mean(axis=0)
    total = float(mean.sum())
    if total <= 0:
        return dict.fromkeys(labels, 1.0 / len(labels))
    return {lab: float(mean[k]) / total for k, lab in enumerate(labels)}
