"""Combining engines: precedence, overlaps, what the reviewer already decided."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from annotator.core.annotations import EntitySpan, SpanKind, SpanState
from annotator.core.prelabel.base import Engine, PrelabelDoc, Prepared, align
from annotator.core.text import Token

# Precedence measured on dev_articles (research/policy.py, research/RESULTS-prelabel.md): the model
# first, the project's gazetteer filling what it leaves (first, it cost 0.04 F1: short entries inside
# longer names), then rules, then raw jieba tags. The first engine to claim characters keeps them; a
# later candidate overlapping anything already kept is dropped (suggestions never nest).
DEFAULT_ORDER = ("model", "dictionary", "rules", "jieba")
_START = itemgetter(0)


@dataclass(frozen=True)
class DocInput:
    """One document to pre-highlight, with the spans it already has and what the reviewer rejected.

    `existing` are the document's current spans (accepted, suggested or rejected); live ones block
    overlapping suggestions and exact repeats. `rejected` adds strings (any label) the reviewer rejected.
    """

    doc: PrelabelDoc
    existing: tuple[EntitySpan, ...] = ()
    rejected: tuple[str, ...] = ()


@dataclass
class Prelabeler:
    """Runs engines and merges their suggestions by precedence; pure, no storage.

    `never` are strings no engine but the project's gazetteer may suggest (known false positives).
    """

    engines: Sequence[Engine]
    order: Sequence[str] = DEFAULT_ORDER
    labels: frozenset[str] | None = None
    prefer_longer: bool = False
    never: frozenset[str] = frozenset()
    _rank: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._rank = {name: i for i, name in enumerate(self.order)}

    def suggest(self, doc: PrelabelDoc, *, existing: Iterable[EntitySpan] = (),
                rejected: Iterable[str] = ()) -> list[EntitySpan]:
        """New suggestions for one document (nothing already there, nothing rejected), in text order."""
        return self.suggest_many([DocInput(doc, tuple(existing), tuple(rejected))])[0]

    def suggest_many(self, inputs: Sequence[DocInput]) -> list[list[EntitySpan]]:
        """New suggestions for many documents; engines that can batch (the model) run once for all."""
        return self._suggest(inputs, measure=False)[0]

    def suggest_measured(self, inputs: Sequence[DocInput]) -> tuple[list[list[EntitySpan]], list[float]]:
        """`suggest_many`, and each document's uncertainty under the model engine (core/informative.py; 0
        without one) from the same decoding."""
        return self._suggest(inputs, measure=True)

    def _suggest(self, inputs: Sequence[DocInput], *, measure: bool) -> tuple[list[list[EntitySpan]], list[float]]:
        from annotator.core.informative import uncertainty

        prepared = [Prepared(i.doc) for i in inputs]
        per_engine: list[list[list[EntitySpan]]] = []
        measured = [0.0] * len(inputs)
        for engine in self.engines:
            both = getattr(engine, "suggest_measured", None) if measure else None
            if both is not None:
                spans, confidences = both(prepared)
                per_engine.append(spans)
                measured = [uncertainty(c, i.doc.text) for c, i in zip(confidences, inputs, strict=True)]
                measure = False  # one model measures
                continue
            many = getattr(engine, "suggest_many", None)
            per_engine.append(many(prepared) if many else [engine.suggest(p) for p in prepared])
        out = []
        for k, inp in enumerate(inputs):
            candidates = [s for engine_out in per_engine for s in engine_out[k]]
            if inp.doc.presegmented and inp.doc.tokens:
                candidates = _aligned(inp.doc.tokens, candidates, inp.doc.text)
            out.append(self.merge(inp.doc.text, candidates, existing=inp.existing, rejected=inp.rejected))
        return out, measured

    def merge(self, text: str, candidates: Iterable[EntitySpan], *, existing: Sequence[EntitySpan] = (),
              rejected: Iterable[str] = ()) -> list[EntitySpan]:
        """Keep candidates by precedence (then length), dropping overlaps, repeats and rejections."""
        blocked_text = set(rejected)
        blocked_pair = set()
        taken = bytearray(len(text))
        seen = set()
        for s in existing:
            if s.kind != SpanKind.ENTITY:
                continue
            if s.state == SpanState.REJECTED:
                blocked_pair.add((text[s.start:s.end], s.label))
                continue
            seen.add((s.start, s.end, s.label))
            taken[s.start:s.end] = b"\1" * (s.end - s.start)

        candidates = list(candidates)
        # Where another engine (the model, mostly) found exactly a string the team has labelled (the
        # gazetteer: their gazetteer file and every entity they accepted), the team's label wins: it is their
        # convention, not a guess.
        extents = {(c.start, c.end) for c in candidates if c.origin != "dictionary"}
        agreed = {(c.start, c.end) for c in candidates if c.origin == "dictionary"} & extents

        def key(c: EntitySpan) -> tuple[int, int, int]:
            rank = -1 if c.origin == "dictionary" and (c.start, c.end) in agreed else self._rank.get(c.origin, 99)
            length = c.end - c.start
            return (-length, rank, c.start) if self.prefer_longer else (rank, -length, c.start)

        kept = []
        for c in sorted(candidates, key=key):
            if self.labels is not None and c.label not in self.labels:
                continue
            span_text = text[c.start:c.end]
            if (c.start, c.end, c.label) in seen or span_text in blocked_text:
                continue
            if span_text in self.never and c.origin != "dictionary":
                continue
            if (span_text, c.label) in blocked_pair or any(taken[c.start:c.end]):
                continue
            taken[c.start:c.end] = b"\1" * (c.end - c.start)
            seen.add((c.start, c.end, c.label))
            kept.append(c)
        return sorted(kept, key=lambda c: (c.start, c.end))


def _aligned(tokens: Sequence[Token], candidates: Iterable[EntitySpan], text: str) -> list[EntitySpan]:
    """Candidates moved onto the given token boundaries (a token counts when half of it is covered)."""
    out = []
    for c in candidates:
        # Already on boundaries: a token starts at c.start, and the last token starting before c.end
        # ends there (tokens are sorted and do not overlap). Two binary searches instead of building
        # sets of all the document's token edges.
        i = bisect_left(tokens, c.start, key=_START)
        j = bisect_left(tokens, c.end, key=_START)
        if i < len(tokens) and tokens[i][0] == c.start and j and tokens[j - 1][1] == c.end:
            out.append(c)
            continue
        edges = align(tokens, c.start, c.end, text)
        if edges is not None:
            out.append(c if edges == (c.start, c.end) else c.with_(start=edges[0], end=edges[1]))
    return out
