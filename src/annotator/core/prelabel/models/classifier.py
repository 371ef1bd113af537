"""A multinomial classifier kept as a crfsuite model of one-item sequences (a one-item sequence is a
multinomial logistic regression: the same trainer and file format as the taggers, no new dependency). The
event model's type and span classifiers and the entity model's span relabeler are such classifiers."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterable
from typing import Any

# L2 1.0 was picked by 5-fold cross-validation on CEC's trigger types (RESULTS-events.md) and kept for the
# relabeler (RESULTS-labels.md, seventh round).
CLASSIFIER_PARAMS = {"c1": 0.0, "c2": 1.0, "max_iterations": 200}


class ItemClassifier:
    """A trained classifier (crfsuite bytes) giving an item's features a probability per class."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._local = threading.local()  # a crfsuite tagger is not safe to share between threads

    def __getstate__(self) -> dict[str, Any]:
        # Pickled (to a worker process, as a model may be) without its thread's tagger, which cannot be.
        return {k: v for k, v in self.__dict__.items() if k != "_local"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._local = threading.local()

    def _tagger(self) -> Any:
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open_inmemory(self.data)
            self._local.tagger = tagger
        return tagger

    def check(self) -> None:
        """Raise ValueError unless the classifier opens (a damaged model file)."""
        from annotator.core.prelabel.models.crfsuite_file import (
            check_crfsuite,  # numpy: not at `info`'s start
        )

        check_crfsuite(self.data)  # crfsuite follows a damaged file's offsets to a crash
        self._tagger()

    def probabilities(self, feats: list[str]) -> dict[str, float]:
        """P(class | the item's features) for every class the classifier learned."""
        tagger = self._tagger()
        tagger.set([feats])
        return {label: tagger.marginal(label, 0) for label in tagger.labels()}


def train_classifier(items: Iterable[tuple[list[str], str]]) -> bytes:
    """A crfsuite model of one-item sequences from (features, class) pairs."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(CLASSIFIER_PARAMS)
    for feats, label in items:
        trainer.append([feats], [label])
    return fitted(trainer)


def fitted(trainer: Any) -> bytes:
    """Train a crfsuite trainer and return the model file's bytes."""
    fd, path = tempfile.mkstemp(suffix=".crfsuite")
    os.close(fd)
    try:
        trainer.train(path)
        with open(path, "rb") as fh:
            return fh.read()
    finally:
        os.unlink(path)
