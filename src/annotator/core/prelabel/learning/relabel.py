"""Learning a span relabeler (models/relabeler.py) from reviewed documents: every accepted span of the
model's labels is an example of its label."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotator.core.annotations import AnnotatedDocument
from annotator.core.prelabel.features.span_context import span_features
from annotator.core.prelabel.features.word_analysis import jieba_words
from annotator.core.prelabel.learning.crfsuite import gold_spans
from annotator.core.prelabel.models.classifier import train_classifier
from annotator.core.prelabel.models.relabeler import WEIGHT, SpanRelabeler


def train_relabeler(docs: Iterable[AnnotatedDocument], labels: Sequence[str]) -> SpanRelabeler | None:
    """A relabeler of `labels` learned from the documents' accepted spans (the spans the CRF learns:
    outermost only), or None when they have fewer than two of the labels (nothing to choose between)."""
    items: list[tuple[list[str], str]] = []
    for doc in docs:
        spans = gold_spans(doc, tuple(labels))
        if not spans:
            continue
        # The words the model engine reads the document under (base.Prepared): its tokens, else jieba's.
        words = doc.tokens or jieba_words(doc.text)
        for start, end, label in spans:
            items.append((span_features(doc.text, words, start, end), label))
    if len({label for _, label in items}) < 2:
        return None
    return SpanRelabeler(train_classifier(items), weight=WEIGHT)
