"""Feature keys of a batch of documents, laid end to end for the model to decode in one go.

Featurising document by document costs some forty numpy calls each, whatever its length: for news
articles of a few hundred characters that overhead was the largest part of pre-highlighting. When every
template the model weighs is local (JOINABLE), the batch is featurised as one text instead, with two line
breaks and an empty-tagged word between documents standing for the text edges each document would see
alone; the separators are then dropped, so the keys are exactly those of the documents one by one
(tests/core/prelabel/test_fast_paths.py checks every template on real text).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from annotator.core.prelabel.base import Prepared
from annotator.core.prelabel.features.lexical_keys import LEXICAL_TEMPLATES, lexical_keys
from annotator.core.prelabel.features.templates import EXTRACTED, extract, sequence_bounds
from annotator.core.text import Token

# Templates whose key at a character depends only on the characters within two places of it, and on
# its own word and the tags of the words either side: "\n" reads as the text edge, and a word tagged
# "" has tag key 0, as a missing neighbour does. (Not: neighbouring words' text or characters, words
# further away, dictionary matches.)
JOINABLE = frozenset(("bias", "u-2", "u-1", "u0", "u1", "u2", "b-1", "b0", "b1", "ty",
                      "wp", "wpp", "wpn", "wl", "ww", "wf", "ws",
                      # a word's clusters and its neighbours': whitespace (the separator) reads as an edge
                      "wc", "wcf", "wcp", "wcn",
                      "ad"))  # address parts of the characters within one place
SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Batch:
    """Keys of the templates asked for, over the documents one after the other; their sequences
    (offsets into that whole) and where each document starts."""

    keys: dict[str, np.ndarray]
    seqs: list[Token]
    offsets: list[int]


def batch_features(docs: Sequence[Prepared], *, templates: Sequence[str]) -> Batch:
    """Feature keys and sequences of `docs` (which have text), for the model's `templates`."""
    wanted = frozenset(templates)
    offsets = np.cumsum([0] + [len(d.text) for d in docs[:-1]]).tolist()
    # LAC reads each document alone (its recurrent reading would carry across a joined text).
    lexical = [t for t in templates if t in LEXICAL_TEMPLATES]
    templates = [t for t in templates if t not in LEXICAL_TEMPLATES]
    if len(docs) > 1 and _extracted(wanted) <= JOINABLE:
        keys, bounds = _joined(docs, templates)
    else:
        parts = [_doc_keys(d, templates) for d in docs]
        keys = {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}
        bounds = np.concatenate([sequence_bounds(d.text) + off for d, off in zip(docs, offsets, strict=True)])
    seqs = list(zip(bounds[:, 0].tolist(), bounds[:, 1].tolist(), strict=True))
    if lexical:
        parts = [lexical_keys(d.text, lexical) for d in docs]
        keys.update({name: np.concatenate([p[name] for p in parts]) for name in lexical})
    return Batch({name: k for name, k in keys.items() if name in wanted}, seqs, offsets)


def _extracted(names: frozenset[str]) -> frozenset[str]:
    """The templates among `names` that `extract` computes (a stacked model's own come from its base)."""
    return names & frozenset(EXTRACTED)


def _doc_keys(doc: Prepared, templates: Sequence[str]) -> dict[str, np.ndarray]:
    an = doc.analysis
    return extract(doc.text, an.words, an.tags, templates=templates, strings=an.strings)


def _joined(docs: Sequence[Prepared], templates: Sequence[str]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Keys and sequence bounds of the documents featurised as one text, separators dropped."""
    sep = len(SEPARATOR)
    analyses = [d.analysis for d in docs]
    counts = np.array([len(an.words) for an in analyses])
    # Where each document starts in the joined text, and each separator.
    lengths = np.array([len(d.text) for d in docs])
    starts = np.concatenate(([0], np.cumsum(lengths[:-1] + sep)))
    gaps = starts[1:] - sep
    words = np.fromiter(itertools.chain.from_iterable(itertools.chain.from_iterable(an.words for an in analyses)),
                        dtype=np.int64, count=2 * int(counts.sum())).reshape(-1, 2)
    words += np.repeat(starts, counts)[:, None]
    # Each separator is a word of its own, after the words of the document before it.
    words = np.insert(words, np.cumsum(counts)[:-1], np.stack((gaps, gaps + sep), axis=1), axis=0)
    tags: list[str] = []
    strings: list[str] = []
    for k, (doc, an) in enumerate(zip(docs, analyses, strict=True)):
        if k:
            tags.append("")
            strings.append(SEPARATOR)
        tags += an.tags
        strings += an.strings if an.strings is not None else [doc.text[s:e] for s, e in an.words]
    text = SEPARATOR.join(d.text for d in docs)
    keys = extract(text, words, tags, templates=templates, strings=strings)
    keep = np.ones(len(text), dtype=bool)
    for i in range(sep):
        keep[gaps + i] = False
    # Sequences never cross a separator (line breaks end them): shift each by the separators before it.
    bounds = sequence_bounds(text)
    bounds -= sep * np.searchsorted(gaps, bounds[:, :1], side="right")
    return {name: k[keep] for name, k in keys.items()}, bounds


def span_minima(probs: np.ndarray, spans: Sequence[tuple[int, int, str]]) -> list[float]:
    """The smallest marginal inside each span, in one numpy call."""
    edges = np.fromiter((x for s, e, _ in spans for x in (s, e)), dtype=np.int64, count=2 * len(spans))
    # reduceat reduces [edges[i], edges[i + 1]): the even slots are the spans (one sentinel for an end
    # at the very end).
    return np.minimum.reduceat(np.append(probs, np.float32(1)), edges)[::2].tolist()
