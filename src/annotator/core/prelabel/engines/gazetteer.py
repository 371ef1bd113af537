"""The project's gazetteer: its entries suggested where they stand, and the words it should leave out.

The gazetteer is the project's (text, label) entries: its user file plus every entity the team accepted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanKind, SpanState
from annotator.core.prelabel.base import Prepared, suggestion

GAZETTEER_SCORE = 0.9


class GazetteerEngine:
    """Gazetteer entries matched longest-first, left to right, on word edges."""

    name = "dictionary"

    def __init__(self, entries: Iterable[tuple[str, str]], *, min_length: int = 2) -> None:
        votes: dict[str, Counter[str]] = {}
        for text, label in entries:
            text = text.strip()
            if len(text) >= min_length:
                votes.setdefault(text, Counter())[label] += 1
        # A string accepted under several labels keeps its most frequent one.
        self.entries = {t: c.most_common(1)[0][0] for t, c in votes.items()}
        by_first: dict[str, set[int]] = {}
        for t in self.entries:
            by_first.setdefault(t[0], set()).add(len(t))
        self._lengths = {c: sorted(ls, reverse=True) for c, ls in by_first.items()}

    def __len__(self) -> int:
        return len(self.entries)

    def suggest(self, doc: Prepared) -> list[EntitySpan]:
        """Longest entries first, never overlapping each other, starting and ending on word edges
        (the file's tokens, or jieba's words for raw text: a match inside a word is a false one)."""
        if not self.entries:
            return []
        text, get, lengths = doc.text, self.entries.get, self._lengths
        words = doc.doc.tokens if doc.doc.presegmented else doc.analysis.words
        ends = {e for _, e in words}
        out: list[EntitySpan] = []
        next_free = 0
        for s, _ in words:
            if s < next_free:
                continue
            for n in lengths.get(text[s], ()):
                label = get(text[s:s + n]) if s + n in ends else None
                if label:
                    out.append(suggestion(s, s + n, label, self.name, GAZETTEER_SCORE))
                    next_free = s + n
                    break
        return out


def unmarked_words(docs: Iterable[AnnotatedDocument], *, share: float = 0.5,
                   max_words: int = 4) -> set[str]:
    """Strings the reviewers marked as an entity in fewer than `share` of the places where they stand
    on word edges in the same documents: 雷达 marked once as a writer's name and left unmarked twice as
    the radar it is; 丰收 (a harvest) once in five. The project's gazetteer leaves them out: suggested
    wherever they stand they would mostly be wrong (with 200 reviewed articles' entities, 11 of the
    gazetteer's 19 suggestions of its own on the dev articles were such words). A place counts as
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
                # The cheap tests first: few places are a marked string at all (1.5M any() calls on a slice
                # each took `annotator info` a second on 1,000 reviewed articles).
                if end - start in lengths and (word := doc.text[start:end]) in marked \
                        and covered.find(1, start, end) < 0:
                    unmarked[word] += 1
    return {t for t, n in marked.items() if n < share * (n + unmarked[t])}


def _accepted(doc: AnnotatedDocument) -> list[EntitySpan]:
    return [s for s in doc.spans if s.kind == SpanKind.ENTITY and s.state == SpanState.ACCEPTED]
