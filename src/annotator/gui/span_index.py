"""The open document's spans kept sorted by bisection, and text ranges merged (no Qt here)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from operator import itemgetter

from annotator.core.annotations import EntitySpan, SpanKind, SpanState

Range = tuple[int, int]


class SortedSpans:
    """Spans kept in one sort order by bisection, so an edit moves only the spans it changed."""

    def __init__(self, spans: Iterable[EntitySpan], key: Callable[[EntitySpan], tuple[int, ...]]) -> None:
        self.key = key
        self.items: list[EntitySpan] = sorted(spans, key=key)
        self.keys: list[tuple[int, ...]] = [key(s) for s in self.items]

    def discard(self, span: EntitySpan) -> None:
        """Remove the span (found by its key, which holds its id) if present."""
        k = self.key(span)
        i = bisect.bisect_left(self.keys, k)
        if i < len(self.keys) and self.keys[i] == k:
            del self.keys[i], self.items[i]

    def swap(self, changed: dict[int, EntitySpan], wanted: Callable[[EntitySpan], bool]) -> None:
        """Put the changed spans (by id, positions unchanged) in place of the old ones, leaving out those
        no longer `wanted` and merging in those now wanted that were not listed, in one pass and one merge
        of two sorted runs (which Python's sort does in linear time), without re-sorting the list."""
        items: list[EntitySpan] = []
        keys: list[tuple[int, ...]] = []
        seen: set[int] = set()
        for span, key in zip(self.items, self.keys, strict=True):
            new = changed.get(span.id)
            if new is None:
                items.append(span)
                keys.append(key)
                continue
            seen.add(span.id)
            if wanted(new):
                items.append(new)
                keys.append(key)
        joining = sorted(((self.key(s), s) for i, s in changed.items() if i not in seen and wanted(s)),
                         key=itemgetter(0))
        if joining:
            pairs = [*zip(keys, items, strict=True), *joining]
            pairs.sort(key=itemgetter(0))
            keys, items = [k for k, _ in pairs], [s for _, s in pairs]
        self.items, self.keys = items, keys

    def add(self, span: EntitySpan) -> None:
        """Insert the span at its place."""
        k = self.key(span)
        i = bisect.bisect_left(self.keys, k)
        self.keys.insert(i, k)
        self.items.insert(i, span)


def reading_key(span: EntitySpan) -> tuple[int, int, int]:
    """The reading order: by start, the longer span first, then by id."""
    return span.start, -span.end, span.id


def is_suggestion(span: EntitySpan) -> bool:
    """A suggested entity or trigger (not an argument)."""
    return span.state == SpanState.SUGGESTED and span.kind != SpanKind.ARGUMENT


def is_entity(span: EntitySpan) -> bool:
    """A live entity span."""
    return span.is_live and span.kind == SpanKind.ENTITY


def merge_ranges(ranges: Iterable[Range]) -> list[Range]:
    """Overlapping or touching ranges joined, in order."""
    out: list[Range] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
