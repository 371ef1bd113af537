"""The model engine: the character CRF (with its neural reading) decoding a batch of documents."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from annotator.core.annotations import EntitySpan
from annotator.core.prelabel.base import PrelabelDoc, Prepared, suggestion
from annotator.core.prelabel.engines.consistency import propagate
from annotator.core.prelabel.engines.runon import MAX_LENGTH, entry_starts, repair_run_ons
from annotator.core.prelabel.features.batch import Batch, batch_features, span_minima
from annotator.core.prelabel.features.templates import spans_from_tags
from annotator.core.prelabel.models.crf import CrfModel
from annotator.core.prelabel.models.decoding import (
    marginals_and_posteriors,
    posteriors,
    tag_marginals,
    viterbi,
    with_spans,
)
from annotator.core.prelabel.models.neural import TEMPLATES as NEURAL_TEMPLATES
from annotator.core.prelabel.models.neural import NeuralNet
from annotator.core.prelabel.models.relabeler import SpanRelabeler, label_shares, span_shares
from annotator.core.prelabel.models.segmenter import resegment
from annotator.core.text import Token


class ModelEngine:
    """The character CRF (its spans are moved onto given tokens by the Prelabeler, like every engine's)."""

    name = "model"

    def __init__(self, model: CrfModel, *, segmenter: CrfModel | None = None,
                 neural: NeuralNet | None = None) -> None:
        self.model = model
        self.segmenter = segmenter  # a second reading of raw text's words (segmenter.py)
        # A neural reading whose log-probabilities, times the alpha it was tuned with, are added to the
        # CRF's scores (neural.py).
        self.neural = neural
        self.alpha = None if neural is None else neural.alpha
        names: set[str] = {"bias"}  # at least one template: the batch's length comes from its keys
        m: CrfModel | None = model
        while m is not None:
            names.update(m.tables)
            if m.neural is not None:  # a base's neural reading is part of what a stacked model sees
                names.update(NEURAL_TEMPLATES)
            if m.vectors is not None:  # looked up by each character's "u0" key
                names.add("u0")
            m = m.base
        if neural is not None:
            names.update(NEURAL_TEMPLATES)
        self.templates = tuple(sorted(names))

    def suggest(self, doc: Prepared) -> list[EntitySpan]:
        """The model's entities in one document."""
        return self.suggest_many([doc])[0]

    def suggest_many(self, docs: Sequence[Prepared]) -> list[list[EntitySpan]]:
        """Entities of many documents, decoded together (much faster than one by one)."""
        return self._suggest(docs, measure=False)[0]

    def suggest_measured(self, docs: Sequence[Prepared]) -> tuple[list[list[EntitySpan]], list[np.ndarray]]:
        """`suggest_many` and `confidences` from one decoding (the archive writes both)."""
        spans, found = self._suggest(docs, measure=True)
        return spans, found if found is not None else [np.ones(len(d.text), dtype=np.float32) for d in docs]

    def _suggest(self, docs: Sequence[Prepared], *, measure: bool
                 ) -> tuple[list[list[EntitySpan]], list[np.ndarray] | None]:
        if not sum(len(d.text) for d in docs):
            return [[] for _ in docs], None
        batch = self._features(docs)
        em = self._emissions(docs, batch)
        relabeler = self.model.relabeler
        shared: np.ndarray | None = None  # the sequences with an entity, and their tags' posteriors: `post`
        post: np.ndarray | None = None
        if relabeler is None:
            tags, probs = self.model.decode(em, batch.seqs)
        else:
            # The relabeler reads every tag's posteriors over the sequences with an entity, and the scores are
            # the chosen tags' marginals over the same sequences: one forward-backward gives both, the same
            # values to the bit (tests/core/prelabel/test_relabeler.py), in half the CPU the two passes took.
            tags = viterbi(em, batch.seqs, self.model.transitions)
            shared = with_spans(batch.seqs, tags)
            probs, post = marginals_and_posteriors(em, shared, self.model.transitions, tags)
        measured = None
        if measure:  # every sequence's marginals, before run-on repairs change the tags
            every = tag_marginals(em, batch.seqs, self.model.transitions, tags)
            measured = [every[off:off + len(d.text)] for d, off in zip(docs, batch.offsets, strict=True)]
        offsets = batch.offsets
        labels = self.model.labels
        found = [spans_from_tags(tags[off:off + len(d.text)], labels=labels) for d, off in zip(docs, offsets, strict=True)]
        # Run-on lists (runon.py) are repaired in the documents that have an over-long entity only (a
        # few in a hundred); sequences never cross documents, so the others are untouched.
        long = [k for k, spans in enumerate(found) if any(e - s > MAX_LENGTH for s, e, _ in spans)]
        if long:
            starts = np.zeros(len(em) + 1, dtype=bool)
            for k in long:
                d, off = docs[k], offsets[k]
                starts[off:off + len(d.text)] = entry_starts(d.text, d.analysis.words, d.analysis.tags)[:-1]
            inside = [q for q in batch.seqs if starts[q[0]:q[1]].any()]
            repair_run_ons(self.model, em, inside, tags, probs, starts)
            for k in long:
                found[k] = spans_from_tags(tags[offsets[k]:offsets[k] + len(docs[k].text)], labels=labels)
            if shared is not None and not np.array_equal(with_spans(batch.seqs, tags), shared):
                post = None  # a repair changed which sequences hold an entity: the relabeler reads them again
        doubts: list[dict[Token, float]] = [{} for _ in docs]
        if relabeler is not None and any(found):
            found, doubts = self._relabeled(relabeler, docs, batch, em, tags, found, post)
        return [self._spans(d, spans, probs[off:off + len(d.text)], doubt)
                for d, spans, off, doubt in zip(docs, found, offsets, doubts, strict=True)], measured

    def _relabeled(self, relabeler: SpanRelabeler, docs: Sequence[Prepared], batch: Batch, em: np.ndarray, tags: np.ndarray,
                   found: list[list[tuple[int, int, str]]], post: np.ndarray | None = None
                   ) -> tuple[list[list[tuple[int, int, str]]], list[dict[Token, float]]]:
        """Each span's label decided again by the model's relabeler from its whole document, weighed with
        the CRF's reading of the span (relabeler.py); and per document the spans whose label changed, with
        the new label's share of the relabeler's score (their score: the CRF's tags no longer say it).
        `post`: the tags' posteriors over the sequences with an entity, when decoding already has them."""
        model = self.model
        if post is None:
            post = posteriors(em, with_spans(batch.seqs, tags), model.transitions)
        shares = label_shares(post, model.tags, model.labels)
        out, doubts = [], []
        for d, spans, off in zip(docs, found, batch.offsets, strict=True):
            kept: list[tuple[int, int, str]] = []
            doubt: dict[Token, float] = {}
            for s, e, label in spans:
                crf = span_shares(shares, model.labels, off + s, off + e)
                new, share = relabeler.choose(d.text, d.analysis.words, s, e, crf)
                kept.append((s, e, new))
                if new != label:
                    doubt[s, e] = share
            out.append(kept)
            doubts.append(doubt)
        return out, doubts

    def confidences(self, docs: Sequence[Prepared]) -> list[np.ndarray]:
        """Per document, each character's marginal probability of the tag the model chose (1 outside the
        model's sequences): what a document's uncertainty is read from (core/informative.py)."""
        if not sum(len(d.text) for d in docs):
            return [np.ones(len(d.text), dtype=np.float32) for d in docs]
        batch = self._features(docs)
        em = self._emissions(docs, batch)
        tags = viterbi(em, batch.seqs, self.model.transitions)
        probs = tag_marginals(em, batch.seqs, self.model.transitions, tags)  # every sequence, not only entities'
        return [probs[off:off + len(d.text)] for d, off in zip(docs, batch.offsets, strict=True)]

    def _emissions(self, docs: Sequence[Prepared], batch: Batch) -> np.ndarray:
        """The model's scores (for raw text, averaged with its scores under the segmenter's words), plus
        the neural reading's."""
        raw = [k for k, d in enumerate(docs) if not d.doc.presegmented]
        em = self._crf_emissions(docs, batch, raw)
        # Raw text only: on pre-segmented text the network (learned under jieba's words) measured no
        # gain on held-out articles, and its ~1 µs a character would cost a third of that path's speed.
        if self.neural is None or not raw:
            return em
        if len(raw) == len(docs):
            em += np.float32(self.alpha) * self.neural.log_probs(batch.keys)
            return em
        at = np.concatenate([np.arange(batch.offsets[k], batch.offsets[k] + len(docs[k].text)) for k in raw])
        em[at] += np.float32(self.alpha) * self.neural.log_probs({t: v[at] for t, v in batch.keys.items()})
        return em

    def _crf_emissions(self, docs: Sequence[Prepared], batch: Batch, raw: Sequence[int]) -> np.ndarray:
        """The CRF's scores; for the raw-text documents `raw`, averaged with those under the segmenter's words."""
        em = self.model.scores(batch.keys, batch.seqs)
        if self.segmenter is None or not raw:
            return em
        texts = [docs[k].text for k in raw]
        seg = batch_features([docs[k] for k in raw], templates=tuple(self.segmenter.tables))
        again = [Prepared(PrelabelDoc(text, analysis=an))
                 for text, an in zip(texts, resegment(self.segmenter, texts, seg.keys, seg.seqs, seg.offsets),
                                     strict=True)]
        second = self._features(again)  # pre-segmented documents have one reading: not featurised again
        em_second = self.model.scores(second.keys, second.seqs)
        for k, text, off in zip(raw, texts, second.offsets, strict=True):
            at = batch.offsets[k]
            em[at:at + len(text)] += em_second[off:off + len(text)]
            em[at:at + len(text)] *= 0.5
        return em

    def _features(self, docs: Sequence[Prepared]) -> Batch:
        return batch_features(docs, templates=self.templates)

    def _spans(self, doc: Prepared, spans: Sequence[tuple[int, int, str]], probs: np.ndarray,
               doubt: dict[Token, float]) -> list[EntitySpan]:
        # Token boundaries are the Prelabeler's job (one place for every engine).
        found: list[tuple[int, int, str, float | None]] = [
            (s, e, label, min(low, doubt[s, e]) if (s, e) in doubt else low)
            for (s, e, label), low in zip(spans, span_minima(probs, spans), strict=True)]
        found += propagate(doc.text, doc.analysis.words, found)
        return [suggestion(s, e, label, self.name, score) for s, e, label, score in found]
