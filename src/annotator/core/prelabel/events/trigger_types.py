"""The type of a trigger candidate: a maximum-entropy classifier over the candidate's word and its context
(the words around it, its clause and its sentence), weighed with the trigger tagger's reading and the types
its word had in training. Figures: benchmarks/RESULTS-events.md."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from annotator.core.prelabel.events.features import Clusters, Sentence, cluster_features
from annotator.core.prelabel.models.classifier import ItemClassifier

CLAUSE_MARKS = frozenset("，,；;：:。！？!?、“”\"（）()")


@dataclass(frozen=True)
class TypeWeights:
    """How a candidate's type is chosen: log classifier probability + `reading` x log of the tagger's
    share for the type + `counts` x log of the type's smoothed share among the word's training types."""

    reading: float = 0.2
    counts: float = 1.5


def candidate_features(text: str, sentence: Sentence, start: int, end: int,
                       clusters: Clusters | None = None) -> list[str]:
    """Features of the candidate trigger `[start, end)` of a sentence: its word, characters and POS tag,
    the words and characters around it, the words of its clause and of its sentence, and (with
    `clusters`) the clusters of the word and of the words either side."""
    from annotator.core.prelabel.features.word_analysis import tag_of

    word = text[start:end]
    words = [(s, e) for s, e in sentence.words if s >= sentence.start and e <= sentence.end]
    strings = [text[s:e] for s, e in words]
    first = next((k for k, (s, _) in enumerate(words) if s == start), None)
    last = next((k for k, (_, e) in enumerate(words) if e == end), None)
    out = [f"w={word}", f"f={word[:1]}", f"l={word[-1:]}", f"len={min(len(word), 4)}",
           f"pos={tag_of(word)}",
           f"pc={text[start - 1] if start > sentence.start else '<s>'}",
           f"nc={text[end] if end < sentence.end else '</s>'}"]
    out += [f"c={ch}" for ch in word]
    out += [f"bg={word[i:i + 2]}" for i in range(len(word) - 1)]
    if first is not None:
        out += [f"pw{d}={strings[first - d] if first - d >= 0 else '<s>'}" for d in (1, 2)]
        if first:
            out.append(f"ppos={tag_of(strings[first - 1])}")
    if last is not None:
        out += [f"nw{d}={strings[last + d] if last + d < len(strings) else '</s>'}" for d in (1, 2)]
        if last + 1 < len(strings):
            out.append(f"npos={tag_of(strings[last + 1])}")
    lo, hi = start, end
    while lo > sentence.start and text[lo - 1] not in CLAUSE_MARKS:
        lo -= 1
    while hi < sentence.end and text[hi] not in CLAUSE_MARKS:
        hi += 1
    out += [f"cw={text[s:e]}" for s, e in words if lo <= s and e <= hi and (s, e) != (start, end) and text[s:e].strip()]
    out += [f"sw={w}" for w in sorted(set(strings)) if w.strip() and w not in CLAUSE_MARKS]
    if clusters is not None:
        prev = strings[first - 1] if first else "<s>"
        nxt = strings[last + 1] if last is not None and last + 1 < len(strings) else "</s>"
        out += cluster_features(clusters, word, prev, nxt)
    return out


class TypeClassifier(ItemClassifier):
    """A trained type classifier giving each candidate a probability per event type (the span classifier,
    P(trigger here), is one too)."""


def choose_type(probs: Mapping[str, float], reading: Mapping[str, float], counts: Mapping[str, int],
                types: Sequence[str], weights: TypeWeights) -> tuple[str, float]:
    """The best type among `types` for one candidate and its share of the combined score (0-1)."""
    total_reading = sum(reading.values()) or 1.0
    total_counts = sum(counts.values())
    scores = {t: math.log(probs.get(t, 0.0) + 1e-6)
              + weights.reading * math.log(reading.get(t, 0.0) / total_reading + 1e-3)
              + weights.counts * math.log((counts.get(t, 0) + 0.5) / (total_counts + 0.5 * len(types)))
              for t in types}
    top = max(scores.values())
    exp = {t: math.exp(v - top) for t, v in scores.items()}
    best = max(types, key=lambda t: exp[t])
    return best, exp[best] / sum(exp.values())
