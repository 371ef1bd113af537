"""Training the character CRF with crfsuite, from reviewed documents, alone or stacked on a base model."""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from annotator.core.annotations import AnnotatedDocument, SpanKind, SpanState
from annotator.core.prelabel.features.charvec import VECTOR_TEMPLATE, CharVectors
from annotator.core.prelabel.features.lexical_keys import LEXICAL_TEMPLATES
from annotator.core.prelabel.features.prepare import prepare_text
from annotator.core.prelabel.features.templates import (
    ADDRESS_TEMPLATES,
    CLUSTER_TEMPLATES,
    CORE_LABELS,
    TEMPLATES,
    attribute_lists,
    bioes,
    tag_set,
)
from annotator.core.prelabel.features.word_analysis import jieba_words
from annotator.core.prelabel.models.crf import (
    BASE_SCORES,
    STACK_TEMPLATES,
    CrfModel,
    KeyTable,
    stack_keys,
)
from annotator.core.prelabel.models.decoding import viterbi
from annotator.core.text import Token

if TYPE_CHECKING:
    import pycrfsuite

# Each setting below was picked by measurement: c1/c2 on 500 train_pool articles (research/RESULTS-prelabel.md);
# a stacked model's few templates of its own, so that a few hundred documents do not override its base on what
# they happen to contain, with the word clusters, the address parts, stronger L2 and LAC's reading
# (lexical_keys.py), which gained the most (benchmarks/RESULTS-labels.md, fifth and eighth rounds).
STACKED_TEMPLATES = ("bias", "u0", "b-1", "b0", "wp", "ww", *CLUSTER_TEMPLATES, *ADDRESS_TEMPLATES,
                     *LEXICAL_TEMPLATES)
DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}
STACKED_PARAMS = {**DEFAULT_PARAMS, "c2": 0.1}
# A model of labels its base does not tag, stacked on it, from a few hundred short documents: stronger L2 and
# L-BFGS stopped after 100 iterations, with every template of a model from scratch, the word clusters and
# LAC's reading (benchmarks/RESULTS-labels.md).
NEW_LABELS_PARAMS = {**DEFAULT_PARAMS, "c1": 0.1, "c2": 0.2, "max_iterations": 100}
NEW_LABELS_TEMPLATES = TEMPLATES + CLUSTER_TEMPLATES + LEXICAL_TEMPLATES
# A project's model from scratch (`annotator train --from-scratch`): every template and LAC's reading, which
# learned PER/LOC/ORG from far more text than a project's few hundred reviewed articles
# (benchmarks/RESULTS-informative.md). The starter and the segmenter name their templates (tools/models/).
SCRATCH_TEMPLATES = TEMPLATES + LEXICAL_TEMPLATES


@dataclass(frozen=True)
class TrainStats:
    """What a model learned from: counted over the training documents."""

    documents: int
    characters: int
    entities: dict[str, int]
    seconds: float


def gold_spans(doc: AnnotatedDocument, labels: Sequence[str] = CORE_LABELS) -> list[tuple[int, int, str]]:
    """Accepted entity spans of the labels the model learns, outermost only (CRF tags cannot nest)."""
    spans = sorted(((s.start, s.end, s.label) for s in doc.spans
                    if s.kind == SpanKind.ENTITY and s.state == SpanState.ACCEPTED
                    and s.label in labels), key=lambda x: (x[0], -x[1]))
    out: list[tuple[int, int, str]] = []
    for s in spans:
        if out and s[0] < out[-1][1]:
            continue
        out.append(s)
    return out


def views(doc: AnnotatedDocument, *, presegmented_view: bool,
          distinct: bool = True) -> Iterable[tuple[bool, tuple[Token, ...]]]:
    """The segmentations a document is learned under: jieba's, and its own tokens (`distinct`: only when
    they are not jieba's words; fine-tuning, whose prior widths were tuned with both, passes False).

    A project's raw-text import carries its segmenter's tokens, which are jieba's words: learned under both,
    every document was learned twice, for twice the time and the same held-out F1 (benchmarks/RESULTS-labels.md)."""
    yield False, ()
    if presegmented_view and doc.tokens and not (distinct and tuple(map(tuple, doc.tokens)) == jieba_words(doc.text)):
        yield True, doc.tokens


def _append_doc(trainer: pycrfsuite.Trainer, doc: AnnotatedDocument, base: CrfModel | None, *,
                presegmented_view: bool, templates: tuple[str, ...], labels: tuple[str, ...],
                vectors: CharVectors | None = None) -> int:
    tags_all = bioes(len(doc.text), gold_spans(doc, labels), labels)
    chars = 0
    for preseg, tokens in views(doc, presegmented_view=presegmented_view):
        keys, seqs = prepare_text(doc.text, tokens if preseg else None, templates=templates)
        base_em = None
        if base is not None:
            base_em = base.reading(keys, seqs)
            keys = {**keys, **stack_keys(viterbi(base_em, seqs, base.transitions), len(base.tags))}
        feats = vectors.features(keys["u0"]) if vectors is not None else None
        for s, e in seqs:
            attrs: list[list[str]] | list[dict[str, float]] = attribute_lists(keys, s, e, templates)
            if base_em is not None:
                attrs = [{**dict.fromkeys(row, 1.0), **_base_attrs(scores)}
                         for row, scores in zip(attrs, base_em[s:e].tolist(), strict=True)]
            if feats is not None:
                attrs = [{**(row if isinstance(row, dict) else dict.fromkeys(row, 1.0)), **_vector_attrs(values)}
                         for row, values in zip(attrs, feats[s:e].tolist(), strict=True)]
            trainer.append(attrs, tags_all[s:e])
            chars += e - s
    return chars


def _base_attrs(scores: list[float]) -> dict[str, float]:
    return {f"{BASE_SCORES}:{i}": v for i, v in enumerate(scores)}


def _vector_attrs(values: list[float]) -> dict[str, float]:
    return {f"{VECTOR_TEMPLATE}:{j}": v for j, v in enumerate(values) if v}


def train_crf(docs: Iterable[AnnotatedDocument], *, base: CrfModel | None = None,
              presegmented_view: bool = True, params: dict[str, Any] | None = None,
              templates: tuple[str, ...] | None = None, labels: tuple[str, ...] = CORE_LABELS,
              vectors: CharVectors | None = None,
              progress: Callable[[str], None] | None = None) -> tuple[CrfModel, TrainStats]:
    """Train a CRF on the accepted spans of `labels`; with `base`, its tags and scores become features
    (stacking: the base may tag other labels); with `vectors`, the character vectors around each
    character (charvec.py), which the model then carries."""
    import pycrfsuite

    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.select("lbfgs")
    trainer.set_params({**DEFAULT_PARAMS, **(params or {})})
    if templates is None:
        templates = STACKED_TEMPLATES if base is not None else TEMPLATES
    feats = templates + (tuple(STACK_TEMPLATES) if base is not None else ())
    docs = list(docs)
    n_docs = n_chars = 0
    counts: Counter[str] = Counter()
    for doc in docs:
        _append_doc(trainer, doc, base, presegmented_view=presegmented_view, templates=feats, labels=labels,
                    vectors=vectors)
        n_docs += 1
        n_chars += len(doc.text)
        counts.update(label for _, _, label in gold_spans(doc, labels))
    if n_docs == 0:
        from annotator.core.errors import ValidationError

        raise ValidationError("no documents to learn from")
    if progress:
        progress(f"training on {n_docs} documents ({n_chars} characters)")
    fd, path = tempfile.mkstemp(suffix=".crfsuite")
    os.close(fd)
    try:
        trainer.train(path)
        model = model_from_crfsuite(path, labels)
    finally:
        os.unlink(path)
    stats = TrainStats(n_docs, n_chars, {k: counts[k] for k in labels},
                       round(time.perf_counter() - t0, 1))
    model.base = base
    model.vectors = vectors if VECTOR_TEMPLATE in model.tables else None
    return model, stats


def model_from_crfsuite(path: str, labels: tuple[str, ...] = CORE_LABELS) -> CrfModel:
    """Turn a crfsuite model file into key tables (weights of unused attributes are left out).

    Tags no training sequence had (say S-book: no one-character book title) get no weights from
    crfsuite; their zero scores could then beat a negative "O", so they are ruled out instead."""
    import pycrfsuite

    tags = tag_set(labels)
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    info = tagger.info()
    tag_index = {t: i for i, t in enumerate(tags)}
    grouped: dict[str, dict[int, np.ndarray]] = {"bias": {0: np.zeros(len(tags), dtype=np.float32)}}
    for (attr, label), weight in info.state_features.items():
        name, _, key = attr.partition(":")
        row = grouped.setdefault(name, {}).setdefault(int(key), np.zeros(len(tags), dtype=np.float32))
        row[tag_index[label]] = weight
    unseen = [tag_index[t] for t in tags if t not in set(tagger.labels())]
    grouped["bias"][0][unseen] = -_RULED_OUT
    tables = {}
    for name, rows in grouped.items():
        keys = np.array(sorted(rows), dtype=np.int64)
        weights = np.vstack([rows[k] for k in keys.tolist()] + [np.zeros(len(tags), dtype=np.float32)])
        tables[name] = KeyTable(keys, weights)
    trans = np.zeros((len(tags), len(tags)), dtype=np.float32)
    for (a, b), weight in info.transitions.items():
        trans[tag_index[a], tag_index[b]] = weight
    trans[:, unseen] = -_RULED_OUT
    tagger.close()
    return CrfModel(tables=tables, transitions=trans, labels=labels)


_RULED_OUT = np.float32(1e4)
