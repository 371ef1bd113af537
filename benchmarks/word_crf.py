"""A second CRF over jieba's words, unioned with the character CRF's spans (issue 21, sixth round: measured, not kept).

Addresses are chains of words (聊城市|东昌|宾馆), so a tagger whose steps are words might find whole ones
the character CRF cuts short. Each word's attributes: itself, its POS tag, length, first and last
character, the address class of its last character (templates.ADDRESS_CLASSES), its coarse and fine word
cluster, how the starter tags its characters (e.g. "BE-LOC": a whole place, "BI-ORG": the start of one),
and the word, POS tag, cluster, starter tag and address class of the words either side. A reviewed span is
learned as the words it overlaps. Its spans join the character model's where they overlap none of them
(`union`, an engine after the model in the Prelabeler's order).

Results: benchmarks/RESULTS-labels.md, sixth round (`labels_curve --word-crf`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.annotations import AnnotatedDocument, EntitySpan
from annotator.core.prelabel import PrelabelDoc, Prelabeler, build_prelabeler
from annotator.core.prelabel.base import Prepared, suggestion
from annotator.core.prelabel.features.clusters import word_clusters
from annotator.core.prelabel.features.templates import ADDRESS_CLASSES
from annotator.core.prelabel.features.word_analysis import analyze, jieba_words
from annotator.core.prelabel.learning.crfsuite import gold_spans
from annotator.core.schema import load_schema
from annotator.core.text import Token

ADDRESS = {c: str(k) for k, chars in enumerate(ADDRESS_CLASSES, start=1) for c in chars}
PARAMS = {"c1": 0.1, "c2": 0.1, "max_iterations": 100, "feature.possible_transitions": True}
EDGE = {"w": "#", "p": "#", "c": "#", "st": "#", "ad": "#"}
_starter: list[Prelabeler] = []


def starter_tags(text: str) -> list[str]:
    """Each character's BIOES tag in the starter's suggestions (its model engine alone)."""
    if not _starter:
        _starter.append(build_prelabeler(load_schema("news-zh"), engines=["model"]))
    tags = ["O"] * len(text)
    for s in _starter[0].suggest(PrelabelDoc(text)):
        for i in range(s.start, s.end):
            tags[i] = ("S" if s.end - s.start == 1 else "B" if i == s.start else "E" if i == s.end - 1 else "I") \
                + "-" + s.label
    return tags


def word_attributes(text: str) -> tuple[list[Token], list[list[str]]]:
    """jieba's words of `text` and each word's attributes."""
    analysis = analyze(text, jieba_words(text))
    table = word_clusters()
    chars = starter_tags(text)
    own: list[dict[str, str]] = []
    for (s, e), pos in zip(analysis.words, analysis.tags, strict=True):
        word = text[s:e]
        clusters = table.get(word)
        first, last = chars[s], chars[e - 1]
        starter = "O" if first == last == "O" else f"{first[0]}{last[0]}-{(first if first != 'O' else last)[2:]}"
        own.append({"w": word, "p": pos, "n": str(min(e - s, 5)), "f": word[0], "l": word[-1],
                    "ad": ADDRESS.get(word[-1], "0"), "c": clusters[0] if clusters else "unk",
                    "cf": clusters[-1] if clusters else "unk", "st": starter})
    rows = []
    for i, attrs in enumerate(own):
        row = [f"{k}={v}" for k, v in attrs.items()] + ["bias"]
        for d in (-1, 1):
            other = own[i + d] if 0 <= i + d < len(own) else EDGE
            row += [f"{k}{d}={other[k]}" for k in ("w", "p", "c", "st", "ad")]
        row += [f"ad-1,0={own[i - 1]['ad'] if i else '#'}|{attrs['ad']}", f"st,ad={attrs['st']}|{attrs['ad']}"]
        rows.append(row)
    return list(analysis.words), rows


def word_tags(words: Sequence[Token], spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """BIOES tags of the words: a span is the words it overlaps."""
    tags = ["O"] * len(words)
    for s, e, label in spans:
        inside = [k for k, (a, b) in enumerate(words) if a < e and s < b]
        if len(inside) == 1:
            tags[inside[0]] = f"S-{label}"
        elif inside:
            tags[inside[0]], tags[inside[-1]] = f"B-{label}", f"E-{label}"
            for k in inside[1:-1]:
                tags[k] = f"I-{label}"
    return tags


def spans_of(words: Sequence[Token], tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Well-formed spans of word tags (a broken B…E run is dropped)."""
    out: list[tuple[int, int, str]] = []
    start, label = None, ""
    for (a, b), tag in zip(words, tags, strict=True):
        kind, _, lab = tag.partition("-")
        if kind == "B":
            start, label = a, lab
            continue
        if kind == "I" and start is not None and lab == label:
            continue
        if kind == "E" and start is not None and lab == label:
            out.append((start, b, lab))
        elif kind == "S":
            out.append((a, b, lab))
        start = None
    return out


class WordTagger:
    """crfsuite's tagger over a model file's bytes, which it holds: crfsuite reads them in place."""

    def __init__(self, data: bytes) -> None:
        import pycrfsuite

        self.data = data
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open_inmemory(self.data)

    def tag(self, rows: list[list[str]]) -> list[str]:
        """The best tags of one sequence of words' attributes."""
        return list(self.tagger.tag(rows))


@dataclass
class WordCrfEngine:
    """An engine suggesting the word CRF's spans."""

    tagger: WordTagger
    name: str = "wordcrf"

    def suggest(self, doc: Prepared) -> list[EntitySpan]:
        """The word CRF's spans of the document's raw text."""
        words, rows = word_attributes(doc.text)
        return [suggestion(s, e, lab, self.name, None) for s, e, lab in spans_of(words, self.tagger.tag(rows))]


def train_word_crf(docs: Sequence[AnnotatedDocument], labels: Sequence[str]) -> WordTagger:
    """A tagger of the words' tags, learned from the documents' accepted spans of `labels`."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.select("lbfgs")
    trainer.set_params(PARAMS)
    for doc in docs:
        words, rows = word_attributes(doc.text)
        if words:
            trainer.append(rows, word_tags(words, gold_spans(doc, tuple(labels))))
    fd, path = tempfile.mkstemp(suffix=".crfsuite")
    os.close(fd)
    try:
        trainer.train(path)
        with open(path, "rb") as fh:
            data = fh.read()
    finally:
        os.unlink(path)
    return WordTagger(data)


def union(prelabeler: Prelabeler, tagger: WordTagger, *, alone: bool = False) -> Prelabeler:
    """The pre-highlighter with the word CRF after the model engine (its spans fill what the model left), or
    the word CRF `alone`."""
    word = WordCrfEngine(tagger)
    engines = [word] if alone else [*prelabeler.engines, word]
    order = [n for n in prelabeler.order if n != "model"]
    return Prelabeler(engines, order=["model", word.name, *order], labels=prelabeler.labels, never=prelabeler.never)
