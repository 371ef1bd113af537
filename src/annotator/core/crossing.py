"""Which entity suggestions can be accepted together without two accepted spans crossing (accept all)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

#: (id, start, end) of a span; `accepted` ranges and `candidates` come in reading order (start, longest first).
Candidate = tuple[int, int, int]


def acceptable(accepted: Sequence[tuple[int, int]], candidates: Sequence[Candidate]) -> list[int]:
    """Ids of the candidates to accept, in reading order: each one that would cross an accepted span or a
    candidate accepted before it stays out, for the reviewer to decide."""
    if not any_crossing(sorted([*accepted, *((s, e) for _, s, e in candidates)], key=lambda r: (r[0], -r[1]))):
        return [c[0] for c in candidates]  # the usual case, in one sweep: nothing crosses anything
    # Accepted spans by start; a span can only cross one starting less than the longest length before it,
    # so each candidate is checked against a few neighbours, not all (10k spans: 0.1 s, not 60).
    kept = sorted(accepted)
    longest = max((e - a for a, e in kept), default=0)
    out: list[int] = []
    for span_id, start, end in candidates:
        lo = bisect.bisect_left(kept, (start - longest, -1))
        hi = bisect.bisect_left(kept, (end, -1))
        if any(crosses(start, end, a, e) for a, e in kept[lo:hi]):
            continue
        bisect.insort(kept, (start, end))
        longest = max(longest, end - start)
        out.append(span_id)
    return out


def any_crossing(ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether any two of these ranges (sorted by start, longest first) cross: one sweep with a stack of
    the ends of the ranges still open, which nest as long as nothing crosses."""
    open_ends: list[int] = []
    for start, end in ranges:
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            return True
        open_ends.append(end)
    return False


def crosses(a: int, b: int, c: int, d: int) -> bool:
    """True when [a, b) and [c, d) overlap without one containing the other (annotations.crossing on offsets)."""
    return a < c < b < d or c < a < d < b
