"""The engines' common interface: a document to pre-highlight and the suggestions an engine returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from annotator.core.annotations import EntitySpan, SpanState
from annotator.core.prelabel.features.word_analysis import CLITICS, Analysis, analyze, jieba_words
from annotator.core.text import Token, token_index_at


@dataclass(frozen=True)
class PrelabelDoc:
    """What engines see of a document.

    `presegmented` means the tokens came with the file: suggestions must then start and end on token
    boundaries. `analysis` may carry words and POS tags already computed (e.g. at import).
    """

    text: str
    tokens: tuple[Token, ...] = ()
    presegmented: bool = False
    analysis: Analysis | None = None


class Prepared:
    """A document with its word analysis computed once and shared by all engines."""

    def __init__(self, doc: PrelabelDoc) -> None:
        self.doc = doc
        self.text = doc.text
        self._analysis = doc.analysis

    @property
    def analysis(self) -> Analysis:
        """Words and tags: the file's tokens when pre-segmented, else jieba's words (the doc's tokens
        when it has them, since raw documents are segmented by jieba on import)."""
        if self._analysis is None:
            words = self.doc.tokens or jieba_words(self.text)
            self._analysis = analyze(self.text, words)
        return self._analysis


class Engine(Protocol):
    """Something that proposes entity spans for a document."""

    name: str

    def suggest(self, doc: Prepared) -> list[EntitySpan]:
        """Suggestions (id 0, state suggested, origin = the engine's name), in any order; the
        Prelabeler moves them onto the tokens of a pre-segmented document."""
        ...


def suggestion(start: int, end: int, label: str, origin: str, score: float | None) -> EntitySpan:
    """A new suggested span."""
    return EntitySpan(id=0, start=start, end=end, label=label, origin=origin,
                      state=SpanState.SUGGESTED, score=None if score is None else round(float(score), 4))


def align(tokens: Sequence[Token], start: int, end: int, text: str = "") -> tuple[int, int] | None:
    """Shrink-or-widen [start, end) to token boundaries by majority: a token is kept when the span
    covers at least half of it; None when no token is left. A span starting right after a clitic
    first character of its token (赴|美国) keeps its start."""
    i = token_index_at(tokens, start)
    j = token_index_at(tokens, end - 1)
    if i >= len(tokens):
        return None
    if text and tokens[i][0] == start - 1 and text[start - 1] in CLITICS and tokens[i][1] - start >= 2:
        rest = align(tokens, tokens[i][1], end, text) if end > tokens[i][1] else (start, tokens[i][1])
        return (start, rest[1]) if rest else (start, tokens[i][1])
    first, last = i, min(j, len(tokens) - 1)
    while first <= last and _cover(tokens[first], start, end) * 2 < tokens[first][1] - tokens[first][0]:
        first += 1
    while last >= first and _cover(tokens[last], start, end) * 2 < tokens[last][1] - tokens[last][0]:
        last -= 1
    if first > last:
        return None
    return tokens[first][0], tokens[last][1]


def _cover(tok: Token, start: int, end: int) -> int:
    return max(0, min(tok[1], end) - max(tok[0], start))
