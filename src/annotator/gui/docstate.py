"""The open document as the window sees it: text, tokens, spans, kept current from Changes (no Qt here)."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from annotator.core.annotations import AnnotatedDocument, EntitySpan, ReviewStatus, SpanKind, SpanState
from annotator.core.text import Token, token_index_at, utf16_offsets
from annotator.gui.span_index import Range, SortedSpans, is_entity, is_suggestion, reading_key
from annotator.service.changes import Changes, SpanChange, SpanStatesChange

BULK_EDIT = 64  # span rows; an edit touching more re-sorts everything at once (cheaper than many inserts)
DEFER_STATES = 64  # spans; a bulk change of more between suggested and accepted is made after the paint


@dataclass
class DocumentState:
    """One document's text, tokens and spans, with lookups in code points and UTF-16 units."""

    doc_id: int
    title: str
    text: str
    tokens: list[Token]
    _spans: dict[int, EntitySpan]
    status: ReviewStatus = ReviewStatus.NEW
    _u16: list[int] | None = field(default=None, repr=False)
    # Live spans by (start, end, id), their starts, and how many spans have each length (for the longest).
    _index: list[tuple[int, int, int]] = field(default_factory=list, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)
    _lengths: Counter[int] = field(default_factory=Counter, repr=False)
    _longest: int = 0
    _sorted: dict[str, SortedSpans] = field(default_factory=dict, repr=False)  # built on first use, then kept
    _line_starts: list[int] | None = field(default=None, repr=False)  # where each line begins, once asked
    # A bulk change of states alone waits here (span id -> its new state) until `settle`: the paint replaces
    # only the spans it draws, so the key does not copy thousands of spans. The suggestions are counted meanwhile.
    _due: dict[int, SpanState] = field(default_factory=dict, repr=False)
    _suggested: int = field(default=0, repr=False)
    _gone: bool = field(default=False, repr=False)  # the live index still lists spans rejected meanwhile
    # Spans brought back from rejected meanwhile: not yet in the live index; the paint finds them here
    # (sorted (start, end, id) with their longest length, made at the first lookup).
    _back: tuple[int, ...] = field(default=(), repr=False)
    _back_index: tuple[list[tuple[int, int, int]], list[int], int] | None = field(default=None, repr=False)
    # What the last `settle` took out of the live index, still sorted (no span has moved since), as a small
    # index (entries, starts, longest) with its ids sorted: an undo of a bulk rejection finds its spans here.
    _left: tuple[list[tuple[int, int, int]], list[int], int, tuple[int, ...]] | None = field(default=None, repr=False)
    # Sorted lists a waiting bulk change made out of date: freed at `settle`, not on the key (thousands of items).
    _outdated: list[dict[str, SortedSpans]] = field(default_factory=list, repr=False)
    # Moves on with each edit of its spans: what is worked out from them (gui/foresee.py) is kept until it does.
    spans_version: int = field(default=0, repr=False)

    @property
    def spans(self) -> dict[int, EntitySpan]:
        """Every span by id (a waiting bulk change of states is made first)."""
        if not self.settled:
            self.settle()
        return self._spans

    def span(self, span_id: int) -> EntitySpan | None:
        """One span as it is now, without making the rest of a waiting bulk change (the paint's lookups)."""
        span = self._spans.get(span_id)
        if span is not None and self._due:
            state = self._due.pop(span_id, None)
            if state is not None and state != span.state:
                span = self._spans[span_id] = span.in_state(state)
        return span

    @property
    def span_count(self) -> int:
        """How many spans the document has (of every state)."""
        return len(self._spans)

    def suggestion_count(self) -> int:
        """How many suggestions are left (counted while a bulk change waits)."""
        return self._suggested if not self.settled else len(self.suggestions())

    @property
    def settled(self) -> bool:
        """False while a bulk change of states waits to be made (the paint may have made all its spans, and
        still the index lists those it rejected)."""
        return not self._due and not self._gone and not self._back

    def settle(self) -> None:
        """Make a waiting bulk change of states: each span replaced, the suggestions listed again."""
        due, self._due = self._due, {}
        spans = self._spans
        for span_id, state in due.items():
            span = spans.get(span_id)
            if span is not None and span.state != state:
                spans[span_id] = span.in_state(state)
        self._outdated = []
        gone, self._gone = self._gone, False
        back, self._back, self._back_index = self._back, (), None
        if gone:  # spans rejected meanwhile (some made already by the paint) leave the index now
            kept: list[tuple[int, int, int]] = []
            left: list[tuple[int, int, int]] = []
            for entry in self._index:
                (kept if spans[entry[2]].is_live else left).append(entry)
            self._set_index(kept)
            self._left = (*_small_index(left), tuple(sorted(e[2] for e in left)))
        if back:  # spans brought back meanwhile join it (two sorted runs: merged in linear time)
            listed = {entry[2] for entry in self._index}
            joining = sorted((s.start, s.end, s.id) for i in back
                             if i not in listed and (s := spans.get(i)) is not None and s.is_live)
            if joining:
                self._set_index(sorted([*self._index, *joining]))
        if due or gone or back:
            self.suggestions()  # listed now, while the window is idle, not at the next key that needs them

    @classmethod
    def from_document(cls, doc: AnnotatedDocument) -> DocumentState:
        """The state of a document loaded through the service."""
        state = cls(doc.id, doc.title, doc.text, list(doc.tokens), {s.id: s for s in doc.spans},
                    doc.status, utf16_offsets(doc.text))
        state._reindex()
        return state

    # -- UTF-16 (Qt) <-> code points (everything else) -------------------------------------------
    def u16(self, offset: int) -> int:
        """The UTF-16 position of a code point offset."""
        return offset if self._u16 is None else self._u16[offset]

    def from_u16(self, position: int) -> int:
        """The code point offset of a UTF-16 position (a position inside a surrogate pair rounds up)."""
        return position if self._u16 is None else bisect.bisect_left(self._u16, position)

    # -- spans ----------------------------------------------------------------------------------
    def _reindex(self) -> None:
        live = sorted((s.start, s.end, s.id) for s in self.spans.values() if s.is_live)
        self._index = live
        self._starts = [s for s, _, _ in live]
        self._lengths = Counter(e - s for s, e, _ in live)
        self._longest = max(self._lengths, default=0)
        self._sorted = {}

    def _reindex_span(self, old: EntitySpan | None, new: EntitySpan | None) -> None:
        """Move one changed span in the index and the sorted lists (a 10k-span article re-sorts nothing)."""
        if old is not None and old.is_live:
            entry = (old.start, old.end, old.id)
            i = bisect.bisect_left(self._index, entry)
            if i < len(self._index) and self._index[i] == entry:
                del self._index[i], self._starts[i]
                self._lengths[old.end - old.start] -= 1
                if not self._lengths[old.end - old.start]:
                    del self._lengths[old.end - old.start]
        if new is not None and new.is_live:
            entry = (new.start, new.end, new.id)
            i = bisect.bisect_left(self._index, entry)
            self._index.insert(i, entry)
            self._starts.insert(i, new.start)
            self._lengths[new.end - new.start] += 1
        self._longest = max(self._lengths, default=0)
        for name, wanted in (("suggested", is_suggestion), ("live", is_entity)):
            kept = self._sorted.get(name)
            if kept is None:
                continue
            if old is not None and wanted(old):
                kept.discard(old)
            if new is not None and wanted(new):
                kept.add(new)

    def live_spans_in(self, start: int, end: int) -> Iterator[EntitySpan]:
        """Live spans overlapping [start, end), in text order."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        span = self.span
        entries = self._index[lo:hi]
        if self._back:  # spans brought back by a waiting bulk change: not in the index yet
            back, starts, longest = self._back_lookup()
            entries = sorted([*entries, *back[bisect.bisect_left(starts, start - longest):
                                              bisect.bisect_left(starts, end)]])
        for _start, e, span_id in entries:
            if e > start:
                found = span(span_id)
                assert found is not None
                if found.is_live:  # (a bulk rejection waiting in `_due` leaves the index only at `settle`)
                    yield found

    def _back_lookup(self) -> tuple[list[tuple[int, int, int]], list[int], int]:
        """The spans brought back meanwhile as a small index of their own: entries, starts, longest."""
        left = self._left
        if self._back_index is None and left is not None and left[3] == self._back:  # the last settle's, undone
            self._back_index = left[:3]
        if self._back_index is None:
            spans, back = self._spans, set(self._back)
            entries = [entry for entry in (left[0] if left else ()) if entry[2] in back]
            back.difference_update(entry[2] for entry in entries)
            if back:  # not taken out by the last settle: sorted now
                entries = sorted([*entries, *((s.start, s.end, s.id) for i in back if (s := spans.get(i)) is not None)])
            self._back_index = _small_index(entries)
        return self._back_index

    def spans_covering(self, start: int, end: int) -> list[EntitySpan]:
        """Live spans containing [start, end), innermost first."""
        found = [s for s in self.live_spans_in(start, max(end, start + 1)) if s.start <= start and s.end >= end]
        return sorted(found, key=lambda s: (s.end - s.start, s.kind != SpanKind.ENTITY, s.id))

    def exact_span(self, start: int, end: int) -> EntitySpan | None:
        """The live entity span over exactly [start, end), if any."""
        for s in self.spans_covering(start, end):
            if s.start == start and s.end == end and s.kind == SpanKind.ENTITY:
                return s
        return None

    def suggestions(self) -> list[EntitySpan]:
        """Suggested entity and trigger spans in reading order (kept current in place: copy it to keep it)."""
        return self._kept("suggested", is_suggestion).items

    def entities(self) -> list[EntitySpan]:
        """Live entity spans (accepted and suggested) in reading order (kept current in place)."""
        return self._kept("live", is_entity).items

    def _kept(self, name: str, wanted: Callable[[EntitySpan], bool]) -> SortedSpans:
        kept = self._sorted.get(name)
        if kept is None:
            kept = self._sorted[name] = SortedSpans((s for s in self.spans.values() if wanted(s)), reading_key)
        return kept

    def next_suggestion(self, after: EntitySpan | None, start: int, *, backwards: bool = False) -> EntitySpan | None:
        """The suggestion after (or before) `after` or, without it, after offset `start`; wraps around."""
        kept = self._kept("suggested", is_suggestion)
        items, keys = kept.items, kept.keys
        if not items:
            return None
        pivot = reading_key(after) if after is not None else (start, -(1 << 62), -1)
        if backwards:
            i = bisect.bisect_left(keys, pivot) - 1
            return items[i]  # -1 wraps to the last
        i = bisect.bisect_right(keys, pivot) if after is not None else bisect.bisect_left(keys, pivot)
        return items[i % len(items)]

    def line_starts(self) -> list[int]:
        """The offset where each line (a paragraph, the view's text block) begins."""
        if self._line_starts is None:
            starts, at = [0], self.text.find("\n")
            while at >= 0:
                starts.append(at + 1)
                at = self.text.find("\n", at + 1)
            self._line_starts = starts
        return self._line_starts

    # -- tokens ---------------------------------------------------------------------------------
    def token_at(self, offset: int) -> int:
        """Index of the token containing `offset` (or the next one; clamped to the last token)."""
        return min(token_index_at(self.tokens, offset), len(self.tokens) - 1)

    def token_range(self, first: int, last: int) -> Range:
        """The text range from token `first` to token `last` (inclusive, either order)."""
        a, b = sorted((first, last))
        return self.tokens[a][0], self.tokens[b][1]

    def tokens_in(self, start: int, end: int) -> tuple[int, int]:
        """First and last token index touching [start, end)."""
        return self.token_at(start), self.token_at(max(start, end - 1))

    def boundaries_in(self, start: int, end: int) -> list[int]:
        """Token starts strictly inside (start, end): where the quiet boundary marks go."""
        i = token_index_at(self.tokens, start)
        out = []
        while i < len(self.tokens) and self.tokens[i][0] < end:
            if self.tokens[i][0] > start:
                out.append(self.tokens[i][0])
            i += 1
        return out

    def resized(self, span: EntitySpan, edge: str, step: int) -> Range | None:
        """The span with its `edge` ("start"/"end") moved one token boundary by `step` (+1/-1); None if not."""
        if edge == "end":
            ends = [e for _, e in self.tokens]
            i = bisect.bisect_right(ends, span.end) if step > 0 else bisect.bisect_left(ends, span.end) - 1
            if 0 <= i < len(ends) and ends[i] > span.start:
                return span.start, ends[i]
            return None
        starts = [s for s, _ in self.tokens]
        i = bisect.bisect_left(starts, span.start) - 1 if step < 0 else bisect.bisect_right(starts, span.start)
        if 0 <= i < len(starts) and starts[i] < span.end:
            return starts[i], span.end
        return None

    # -- keeping up with edits --------------------------------------------------------------------
    def apply(self, changes: Changes) -> list[Range]:
        """Apply an edit's changed spans and fields to this document; return the text ranges whose
        highlights changed."""
        dirty: list[Range] = []
        mine = [c for c in changes.spans if c.doc_id == self.doc_id]
        if mine:
            self._left = None  # a span may move: what the last settle took out is no longer known sorted
            self.spans_version += 1
        bulk = len(mine) > BULK_EDIT
        spans_changed = False
        for change in mine:
            span_id = change.id
            old = self.spans.get(span_id)
            touched = self._apply_span(span_id, change)
            if touched:
                dirty.extend(touched)
                spans_changed = True
                if not bulk:
                    self._reindex_span(old, self.spans.get(span_id))
        for doc in changes.documents:
            if doc.doc_id != self.doc_id:
                continue
            if doc.tokens is not None:
                self.tokens = list(doc.tokens)
            if doc.status is not None:
                self.status = doc.status
            if doc.title is not None:
                self.title = doc.title
        if spans_changed and bulk:
            self._reindex()
        for states in changes.span_states:
            if states.doc_id == self.doc_id:
                self.spans_version += 1
                # Spans keep their place, leave the live index or come back to it: each can wait.
                later = len(states.ids) > DEFER_STATES and states.before != states.after
                dirty.extend(self._defer_states(states) if later else self._apply_states(states))
        return dirty

    def _defer_states(self, states: SpanStatesChange) -> list[Range]:
        """A bulk change of states (no span moves; spans may leave the live index or come back to it): noted
        for `settle` to make (the paint makes the spans it draws, skips those rejected, and finds those brought
        back in a small index of their own), the suggestions counted. The record lists exactly the
        spans that moved from `before` to `after` (never argument spans), so the count moves by as many.
        Returns the whole text: nearly every line of a long article holds one of thousands of spans, and the
        view re-colours the lines on screen now, the rest when idle."""
        if states.before == SpanState.REJECTED and not self.settled:
            self.settle()  # so the spans coming back are in neither the index nor a waiting list
        count = self.suggestion_count()
        if states.before == SpanState.REJECTED:
            self._back = tuple(states.ids)
        step = (states.after == SpanState.SUGGESTED) - (states.before == SpanState.SUGGESTED)
        if self._due:
            self._due.update(dict.fromkeys(states.ids, states.after))
        else:
            self._due = dict.fromkeys(states.ids, states.after)
        self._gone = self._gone or states.after == SpanState.REJECTED
        self._suggested = count + step * len(states.ids)
        self._outdated.append(self._sorted)
        self._sorted = {}  # listed again once the change is made
        return [(0, len(self.text))]

    def _apply_states(self, states: SpanStatesChange) -> list[Range]:
        """A bulk edit that changed only states: each span replaced in place, the sorted lists filtered
        (or merged) in one pass rather than re-sorted, the index left alone while no span appears or goes."""
        spans, after, changed = self.spans, states.after, {}
        for span_id in states.ids:
            old = spans.get(span_id)
            if old is not None and old.state != after:
                changed[span_id] = spans[span_id] = old.in_state(after)
        if not changed:
            return []
        if not states.edges_kept:  # spans rejected or brought back: the live index changes too
            self._reindex_states(changed)
        # The live entities' list is read only by the side panel, which regroups after a pause: it sorts
        # them again then, off the key's time. The suggestions are counted at once (the status line).
        self._sorted.pop("live", None)
        kept = self._sorted.get("suggested")
        if kept is not None:
            kept.swap(changed, is_suggestion)
        return [(s.start, s.end) for s in changed.values()]

    def _reindex_states(self, changed: dict[int, EntitySpan]) -> None:
        """The live index after these spans (positions unchanged) went out of it or came back: filtered and
        merged in one pass rather than rebuilt from every span."""
        gone = {i for i, s in changed.items() if not s.is_live}
        index = [entry for entry in self._index if entry[2] not in gone] if gone else self._index
        listed = len(index)
        live = set(changed) - gone
        if live:
            present = {entry[2] for entry in index if entry[2] in live} if listed else set()
            joining = live - present
            index = [*index, *sorted((s.start, s.end, s.id) for i, s in changed.items() if i in joining)]
            index.sort()  # two sorted runs: merged in linear time
        self._set_index(index)

    def _set_index(self, index: list[tuple[int, int, int]]) -> None:
        """The live index (sorted (start, end, id)) and what is derived from it."""
        self._index = index
        self._starts = [start for start, _, _ in index]
        self._lengths = Counter(end - start for start, end, _ in index)
        self._longest = max(self._lengths, default=0)

    def _apply_span(self, span_id: int, change: SpanChange) -> list[Range]:
        old = self.spans.get(span_id)
        new = change.after
        if new is None:  # deleted
            if old is None:
                return []
            del self.spans[span_id]
            return [(old.start, old.end)]
        if change.before is not None and old is None:
            return []  # a change to a span this view never had
        self.spans[span_id] = new
        return [(new.start, new.end)] + ([(old.start, old.end)] if old else [])


def _small_index(entries: list[tuple[int, int, int]]) -> tuple[list[tuple[int, int, int]], list[int], int]:
    """Sorted (start, end, id) entries as an index the paint's lookups bisect: the entries, their starts, and
    the longest span's length."""
    return entries, [start for start, _, _ in entries], max((end - start for start, end, _ in entries), default=0)
