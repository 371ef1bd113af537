"""Gazetteer features for the CRF: which characters lie in a known entity string, and where.

A model learns how far to trust the gazetteer only if, in training, the gazetteer misses what a new
document would miss: each training document sees a gazetteer built from the *other* folds' entities
(out-of-fold). At prediction the model uses everything it learned from, plus the project's entries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from annotator.core.annotations import AnnotatedDocument, SpanKind, SpanState
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


def unmarked_words(docs: Iterable[AnnotatedDocument], *, share: float = 0.5,
                   max_words: int = 4) -> set[str]:
    """Strings the reviewers marked as an entity in fewer than `share` of the places where they stand
    on word edges in the same documents: 雷达 marked once as a writer's name and left unmarked twice as
    the radar it is; 丰收 (a harvest) once in five. The project's gazetteer leaves them out: suggested
    wherever they stand they would mostly be wrong (with 200 reviewed articles' entities, 11 of the
    dictionary's 19 suggestions of its own on the dev articles were such words). A place counts as
    unmarked when it lies outside every accepted entity (河北省 inside 河北省委 is not a miss)."""
    marked: Counter[str] = Counter()
    docs = list(docs)
    for doc in docs:
        marked.update(doc.text[s.start:s.end] for s in _accepted(doc))
    lengths = {len(t) for t in marked}
    unmarked: Counter[str] = Counter()
    for doc in docs:
        covered = bytearray(len(doc.text))
        for s in _accepted(doc):
            covered[s.start:s.end] = b"\1" * (s.end - s.start)
        tokens = doc.tokens
        for i, (start, _) in enumerate(tokens):
            for _, end in tokens[i:i + max_words]:
                if end - start in lengths and not any(covered[start:end]) and doc.text[start:end] in marked:
                    unmarked[doc.text[start:end]] += 1
    return {t for t, n in marked.items() if n < share * (n + unmarked[t])}


def _accepted(doc: AnnotatedDocument) -> list:
    return [s for s in doc.spans if s.kind == SpanKind.ENTITY and s.state == SpanState.ACCEPTED]
