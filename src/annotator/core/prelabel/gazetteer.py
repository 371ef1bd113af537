"""Gazetteer features for the CRF: which characters lie in a known entity string, and where.

A model learns how far to trust the gazetteer only if, in training, the gazetteer misses what a new
document would miss: each training document sees a gazetteer built from the *other* folds' entities
(out-of-fold). At prediction the model uses everything it learned from, plus the project's entries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from annotator.core.prelabel.features import ENTITY_LABELS
from annotator.core.prelabel.hashlex import HashLexicon

MAX_ENTRY = 16
FOLDS = 5
GAZ_TEMPLATES = ("gz",)
_LABEL_CODE = {lab: i for i, lab in enumerate(ENTITY_LABELS)}


def best_labels(entries: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each string (2..MAX_ENTRY characters) with its most frequent PER/LOC/ORG label."""
    votes: dict[str, Counter[str]] = {}
    for text, label in entries:
        if label in _LABEL_CODE and 2 <= len(text) <= MAX_ENTRY:
            votes.setdefault(text, Counter())[label] += 1
    return {t: c.most_common(1)[0][0] for t, c in votes.items()}


def lexicon(entries: dict[str, str]) -> HashLexicon:
    """A hash lexicon of gazetteer strings, class = label code."""
    return HashLexicon({t: _LABEL_CODE[lab] for t, lab in entries.items()}, max_len=MAX_ENTRY)


def out_of_fold(doc_entries: Sequence[list[tuple[str, str]]], *, folds: int = FOLDS,
                base: dict[str, str] | None = None) -> list[HashLexicon]:
    """One lexicon per document: `base` plus the entities of the documents in the other folds."""
    per_fold: list[list[tuple[str, str]]] = [[] for _ in range(folds)]
    for i, ents in enumerate(doc_entries):
        per_fold[i % folds].extend(ents)
    lexes = [lexicon({**(base or {}), **best_labels(e for f in range(folds) if f != k for e in per_fold[f])})
             for k in range(folds)]
    return [lexes[i % folds] for i in range(len(doc_entries))]
