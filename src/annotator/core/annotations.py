"""Entity spans, events and their arguments, and the document bundle the formats exchange."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.text import Token


class SpanState(StrEnum):
    """Whether a span is still a suggestion or a reviewer's decision."""

    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class SpanKind(StrEnum):
    """An entity has a label; a trigger anchors an event; an argument span is unlabelled text in a role."""

    ENTITY = "entity"
    TRIGGER = "trigger"
    ARGUMENT = "argument"


class ReviewStatus(StrEnum):
    """Where a document is in review."""

    NEW = "new"
    PRE_ANNOTATED = "pre-annotated"
    IN_REVIEW = "in-review"
    REVIEWED = "reviewed"
    SKIPPED = "skipped"
    NEEDS_ADJUDICATION = "needs-adjudication"  # annotators' layers differ (issue 14)


#: Review statuses of a document nobody has worked on yet (its first edit starts its review).
UNTOUCHED = frozenset({ReviewStatus.NEW, ReviewStatus.PRE_ANNOTATED})


ORIGINS = ("manual", "jieba", "rules", "dictionary", "model", "import", "triggers", "events")
IMPORT_ORIGIN = "import"  # a span a file brought


@dataclass(frozen=True)
class EntitySpan:
    """A labelled stretch of document text; ids are unique within a project (0 before storing)."""

    id: int
    start: int
    end: int
    label: str
    origin: str = "manual"
    state: SpanState = SpanState.ACCEPTED
    score: float | None = None
    kind: SpanKind = SpanKind.ENTITY

    @classmethod
    def of(cls, id: int, start: int, end: int, label: str, origin: str, state: SpanState,
           score: float | None, kind: SpanKind) -> EntitySpan:
        """The span of these fields, made three times faster than by the constructor (the same value):
        reading a file or a project makes one for each of hundreds of thousands of spans."""
        # The frozen dataclass's __init__ sets each field through object.__setattr__ (see in_state).
        span = object.__new__(cls)
        span.__dict__.update(id=id, start=start, end=end, label=label, origin=origin, state=state, score=score,
                             kind=kind)
        return span

    def text_in(self, text: str) -> str:
        """The covered text."""
        return text[self.start:self.end]

    @property
    def is_live(self) -> bool:
        """Accepted or still suggested (not rejected)."""
        return self.state != SpanState.REJECTED

    def with_(self, **changes: Any) -> EntitySpan:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def in_state(self, state: SpanState) -> EntitySpan:
        """A copy in another state, made a few times faster than `with_` (a bulk edit makes thousands)."""
        # The frozen dataclass's __init__ sets each field through object.__setattr__; copying the fields
        # at once gives the same value (equal, same hash) for a quarter of the time.
        copy = object.__new__(EntitySpan)
        copy.__dict__.update(self.__dict__)
        copy.__dict__["state"] = state
        return copy


@dataclass(frozen=True)
class Argument:
    """A span filling a role of an event; a suggested event's arguments are decided one by one (`state`)."""

    role: str
    span_id: int
    state: SpanState = SpanState.ACCEPTED


@dataclass(frozen=True)
class Event:
    """An event: a type, the trigger span (None when the source had none) and role-typed arguments."""

    id: int
    type: str
    trigger_id: int | None
    arguments: tuple[Argument, ...] = ()
    state: SpanState = SpanState.ACCEPTED
    origin: str = "manual"


@dataclass(frozen=True)
class AnnotatedDocument:
    """Everything about one document that an exchange format may carry."""

    title: str
    text: str
    tokens: tuple[Token, ...]
    spans: tuple[EntitySpan, ...] = ()
    events: tuple[Event, ...] = ()
    id: int = 0
    name: str = ""
    status: ReviewStatus = ReviewStatus.NEW
    meta: dict[str, Any] = field(default_factory=dict)
    original: str = ""
    source: str = ""
    # True when the tokens came with the file (suggestions must then follow their boundaries).
    presegmented: bool = False

    def span(self, span_id: int) -> EntitySpan:
        """The span with this id."""
        for s in self.spans:
            if s.id == span_id:
                return s
        raise KeyError(span_id)

    @property
    def annotation_count(self) -> int:
        """Its spans, events and arguments: what the bound on a document's annotations counts (core/limits.py)."""
        return len(self.spans) + sum(1 + len(ev.arguments) for ev in self.events)

    def entities(self, *, with_suggestions: bool = False) -> list[EntitySpan]:
        """Entity spans that count as annotations (accepted; suggested too when asked), in text order."""
        keep = {SpanState.ACCEPTED, SpanState.SUGGESTED} if with_suggestions else {SpanState.ACCEPTED}
        return sorted((s for s in self.spans if s.kind == SpanKind.ENTITY and s.state in keep),
                      key=lambda s: (s.start, -s.end, s.label))


def crossing(a: EntitySpan, b: EntitySpan) -> bool:
    """True when the spans overlap without one containing the other."""
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end


def check_span_bounds(text: str, start: object, end: object, *, expected: str | None = None,
                      path: str | None = None, line: int | None = None) -> tuple[int, int]:
    """(start, end), once they are a non-empty range inside text whose text is `expected` (if given); else raise."""
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        raise ValidationError(f"offsets must be integers, got {start!r}, {end!r}", path=path, line=line)
    if not 0 <= start < end <= len(text):
        raise ValidationError(f"span [{start}, {end}) is outside the text (length {len(text)})",
                              path=path, line=line)
    if expected is not None and text[start:end] != expected:
        raise ValidationError(f"span [{start}, {end}) covers {text[start:end]!r}, not {expected!r}",
                              path=path, line=line)
    return start, end
