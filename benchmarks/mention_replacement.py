"""Mention replacement (Dai & Adel 2020): copies of reviewed documents with their entities swapped for others.

Most of what a model learned from a few hundred reviews misses are entities it never saw (benchmarks/
RESULTS-labels.md). A copy of a reviewed sentence with each accepted mention replaced by another mention of
the same label (from the reviews, or from a list of names the caller adds) shows the model a known context
around an unknown name, so the context, not the name, carries the label.

Measured on the issue-21 curves (`labels_curve --replace-mentions`), not kept in the product: within the
noise on two splits, and at 600 fragments twice the training time (benchmarks/RESULTS-labels.md, sixth round).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanKind, SpanState
from annotator.core.prelabel.learning.crfsuite import gold_spans


def mentions(docs: Iterable[AnnotatedDocument], labels: Sequence[str]) -> dict[str, list[str]]:
    """The distinct accepted mention strings of each label, in order of first appearance."""
    out: dict[str, dict[str, None]] = {lab: {} for lab in labels}
    for doc in docs:
        for start, end, label in gold_spans(doc, tuple(labels)):
            text = doc.text[start:end]
            if text.strip():
                out[label][text] = None
    return {lab: list(seen) for lab, seen in out.items()}


def replaced(doc: AnnotatedDocument, pool: Mapping[str, Sequence[str]], labels: Sequence[str],
             rng: random.Random, *, rate: float = 1.0) -> AnnotatedDocument | None:
    """A copy of `doc` with each accepted mention of `labels` (each with probability `rate`) replaced by a
    random other string of its label in `pool`; None when nothing was replaced.

    The copy has no tokens (it is learned as raw text, under jieba's words), no events, and only the
    mentions' spans, moved to the new text."""
    parts: list[str] = []
    spans: list[EntitySpan] = []
    at = changed = 0
    length = 0
    for start, end, label in gold_spans(doc, tuple(labels)):
        text = doc.text[start:end]
        choices = pool.get(label, ())
        new = text
        if choices and rng.random() < rate:
            i = rng.randrange(len(choices))
            if choices[i] == text and len(choices) > 1:  # uniformly among the others
                i = (i + 1 + rng.randrange(len(choices) - 1)) % len(choices)
            if choices[i] != text:
                new, changed = choices[i], changed + 1
        parts.append(doc.text[at:start])
        length += start - at
        spans.append(EntitySpan(0, length, length + len(new), label, origin="augmented",
                                state=SpanState.ACCEPTED, kind=SpanKind.ENTITY))
        parts.append(new)
        length += len(new)
        at = end
    if not changed:
        return None
    parts.append(doc.text[at:])
    return AnnotatedDocument(title=doc.title, text="".join(parts), tokens=(), spans=tuple(spans),
                             name=f"{doc.name}#replaced" if doc.name else "", status=doc.status)


def mention_replacement(docs: Sequence[AnnotatedDocument], labels: Sequence[str], *, copies: int = 1,
                        seed: int = 0, rate: float = 1.0,
                        extra: Mapping[str, Sequence[str]] | None = None) -> list[AnnotatedDocument]:
    """`copies` replaced copies of each document with a mention (the originals not included), drawing from the
    documents' own mentions of each label plus `extra` (e.g. a project's dictionary); seeded, reproducible."""
    pool = mentions(docs, labels)
    for label, more in (extra or {}).items():
        if label in pool:
            pool[label] = list(dict.fromkeys([*pool[label], *(m for m in more if m.strip())]))
    rng = random.Random(seed)
    out = []
    for _ in range(copies):
        for doc in docs:
            copy = replaced(doc, pool, labels, rng, rate=rate)
            if copy is not None:
                out.append(copy)
    return out
