"""Whether a word is a trigger where it stands: a binary classifier over every word of the training
sentences (the type classifier's context features, how often the word occurred earlier in its document:
a repeated mention is often not marked again, and since format 5 the class Baidu's LAC reads the word in),
whose probability is weighed with the trigger tagger's span
score, so that words the tagger leaves out are candidates too. Figures: benchmarks/RESULTS-events.md."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from annotator.core.prelabel.events.features import Clusters, Sentence
from annotator.core.prelabel.events.trigger_types import CLAUSE_MARKS, candidate_features
from annotator.core.text import Token

TRIGGER, OTHER = "T", "O"
# Words never worth a classifier call: punctuation is never a trigger.
PUNCTUATION = CLAUSE_MARKS | frozenset("《》【】…—·")
# meta["lexical"] of a model whose span classifier reads LAC's word classes (features/lexical.py): a pretrained
# part of speech (verb, nominal verb, noun ...) told trigger from non-trigger words better than jieba's
# dictionary tags alone, +0.008 trigger F1 fold-wise (benchmarks/RESULTS-events.md, round seven).
LEXICAL = "lac"


@dataclass(frozen=True)
class SpanWeights:
    """A candidate is suggested when span score ^ `tagger` x P(trigger | word here) ^ `classifier` x its
    type's share is at least `cut`. Picked on 5-fold cross-validation, each fold's choice made on the other
    four folds only (all five chose these; benchmarks/RESULTS-events.md)."""

    tagger: float = 0.3
    classifier: float = 0.5
    cut: float = 0.25

    def likely(self, span: float, p: float) -> float:
        """span score ^ `tagger` x P(trigger) ^ `classifier`: what a type's share multiplies."""
        return span ** self.tagger * max(p, 1e-6) ** self.classifier


def word_repeats(text: str, sentences: Iterable[Sentence]) -> dict[Token, int]:
    """Each word of the sentences (in document order) -> how often the same word occurred before it."""
    seen: Counter[str] = Counter()
    out: dict[Token, int] = {}
    for sentence in sentences:
        for s, e in sentence.words:
            if s >= sentence.start and e <= sentence.end:
                word = text[s:e]
                out[(s, e)] = seen[word]
                seen[word] += 1
    return out


def lexical_classes(text: str) -> tuple[str, ...]:
    """Per character of `text`: the class of the word LAC reads it in ("v", "vn", "n", "PER", "TIME" ...)."""
    from annotator.core.prelabel.features.lexical import label, read

    return tuple(map(label, read(text)))


def span_features(text: str, sentence: Sentence, start: int, end: int, clusters: Clusters | None,
                  repeats: Mapping[Token, int], lexical: Sequence[str] | None = None) -> list[str]:
    """Features of a candidate `[start, end)` for the trigger / not-a-trigger classifier: the type
    classifier's (but the sentence's words), for a word how often it occurred earlier in the document, and
    with `lexical` (lexical_classes of the text) LAC's class of the word the candidate starts in."""
    from annotator.core.prelabel.features.word_analysis import tag_of

    out = [f for f in candidate_features(text, sentence, start, end, clusters) if not f.startswith("sw=")]
    before = repeats.get((start, end))
    if before is not None:
        word = text[start:end]
        pos = tag_of(word)[:1]
        out += [f"rep={min(before, 2)}", f"repp={min(before, 2)}|{pos}"]
    if lexical is not None:
        out.append(f"lp={lexical[start]}")
    return out


def span_items(text: str, sentence: Sentence, triggers: set[Token], clusters: Clusters | None,
               repeats: Mapping[Token, int], lexical: Sequence[str] | None = None) -> Iterable[tuple[list[str], str]]:
    """(features, T or O) for every word of a training sentence but punctuation and whitespace."""
    for s, e in candidate_words(text, sentence):
        yield (span_features(text, sentence, s, e, clusters, repeats, lexical),
               TRIGGER if (s, e) in triggers else OTHER)


def candidate_words(text: str, sentence: Sentence) -> Iterator[Token]:
    """The words of a sentence the classifier learns from and decides on: all but punctuation and whitespace."""
    for s, e in sentence.words:
        if sentence.start <= s and e <= sentence.end and text[s:e].strip() and text[s:e] not in PUNCTUATION:
            yield s, e
