"""What every exchange format shares: read and export options, the export summary, span selection."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import IO, Any

from annotator.core.annotations import (
    AnnotatedDocument,
    EntitySpan,
    Event,
    SpanKind,
    SpanState,
    check_span_bounds,
)
from annotator.core.errors import ValidationError, WriteError
from annotator.core.schema import Schema
from annotator.core.schema_check import key_problem, shown_key
from annotator.core.text import Token, title_of

EXTEND_HINT = ("import with --extend-schema to add what the schema lacks, or --map OLD=NEW to rename it to "
               "one it has")
SCHEMES = ("bio", "bmes", "bioes", "iob1")
UNITS = ("word", "char")


class UnknownLabel(ValidationError):
    """A label or event type the project's schema does not have."""


@dataclass(frozen=True)
class ReadOptions:
    """How to turn records into documents: review state, label checks and segmentation of bare text."""

    reviewed: bool = False
    schema: Schema | None = None
    # Called on the text of a record that carries no tokens; None leaves such documents without tokens
    # so that the caller segments them (e.g. with the project's Segmenter).
    segment: Callable[[str], tuple[Token, ...]] | None = None
    # CoNLL only: "word" lines are our tokens, "char" lines characters; "auto" takes a document whose
    # lines are all single characters as by character.
    unit: str = "auto"
    # CoNLL only: "auto" reads BIO, IOB1 (I- may begin a span), BMES and BIOES; "bio" refuses an I- tag
    # that begins a span.
    scheme: str = "auto"
    # (OLD, NEW) label and event type keys renamed as they are read (`import --map OLD=NEW`).
    rename: tuple[tuple[str, str], ...] = ()
    # Labels and event types the schema lacks are let through (`import --extend-schema` collects them).
    extend: bool = False

    @property
    def state(self) -> SpanState:
        """The state of an imported span or event whose record gives none."""
        return SpanState.ACCEPTED if self.reviewed else SpanState.SUGGESTED

    def tokens_for(self, text: str) -> tuple[Token, ...]:
        """Tokens for a record that has none."""
        return tuple(self.segment(text)) if self.segment is not None else ()

    def check_label(self, label: object, *, path: str, line: int) -> str:
        """Raise unless `label` is a string the schema (if any) knows as an entity label."""
        if not isinstance(label, str) or not label:
            raise ValidationError(f"label {shown(label)} is not a non-empty string", path=path, line=line)
        label = self._renamed(label)
        if label in self._label_keys:  # the usual span: a key of the schema is a good key
            return label
        check_key(label, "label", path=path, line=line)
        if self.schema is not None and not self.extend:
            raise UnknownLabel(f"unknown label {shown_key(label)}", path=path, line=line,
                               hint=f"the schema has {', '.join(self.schema.label_keys[:30])}; {EXTEND_HINT}")
        return label

    @cached_property
    def _label_keys(self) -> frozenset[str]:
        # A set, not the schema's list: a file of 10,000 records checks a label at each of ~170,000 spans.
        return frozenset(lab.key for lab in self.schema.labels) if self.schema is not None else frozenset()

    def _renamed(self, key: str) -> str:
        if not self.rename:  # the usual import: checked once for each of a file's many spans
            return key
        return next((new for old, new in self.rename if old == key), key)

    def check_event_type(self, key: object, *, path: str, line: int) -> str:
        """Raise unless `key` is a string the schema (if it lists event types) knows as an event type."""
        if not isinstance(key, str) or not key:
            raise ValidationError(f"event type {shown(key)} is not a non-empty string", path=path, line=line)
        key = self._renamed(key)
        schema = self.schema
        known = schema.event_type(key) if schema is not None else None
        if known is None:
            check_key(key, "event type", path=path, line=line)
        if schema is not None and not self.extend and schema.event_types and known is None:
            raise UnknownLabel(f"unknown event type {shown_key(key)}", path=path, line=line, hint=EXTEND_HINT)
        return key

    def check_role(self, role: object, *, path: str, line: int, what: str = "role") -> str:
        """Raise unless `role` is a string that can be a role's key (the schema's roles are not required)."""
        if not isinstance(role, str) or not role:
            raise ValidationError(f"{what} {shown(role)} is not a non-empty string", path=path, line=line)
        check_key(role, what, path=path, line=line)
        return role


def check_key(key: str, what: str, *, path: str, line: int | None) -> None:
    """Raise unless `key` can be a label, event type or role (no control characters, not too long)."""
    problem = key_problem(key)
    if problem is not None:
        raise ValidationError(f"{what} {shown_key(key)}: {problem}", path=path, line=line)


def shown(value: object) -> str:
    """A value of a record as a message shows it, cut short when long."""
    return shown_key(value) if isinstance(value, str) else repr(value)[:60]


@dataclass(frozen=True)
class ExportOptions:
    """What to export: which labels, whether suggestions (and rejected spans) go too, CoNLL layout."""

    labels: frozenset[str] | None = None
    with_suggestions: bool = False
    # Only the native format can say a span was rejected; other formats would turn it into a positive.
    with_rejected: bool = False
    scheme: str = "bio"
    unit: str = "word"

    def __post_init__(self) -> None:
        if self.scheme not in SCHEMES:
            raise ValidationError(f"unknown tagging scheme {self.scheme!r}", hint=f"use {', '.join(SCHEMES)}")
        if self.unit not in UNITS:
            raise ValidationError(f"unknown CoNLL unit {self.unit!r}", hint="use word or char")
        if self.labels is not None and not isinstance(self.labels, frozenset):
            object.__setattr__(self, "labels", frozenset(self.labels))

    @property
    def states(self) -> frozenset[SpanState]:
        """Span and event states that are exported."""
        keep = {SpanState.ACCEPTED}
        if self.with_suggestions:
            keep.add(SpanState.SUGGESTED)
        if self.with_rejected:
            keep.add(SpanState.REJECTED)
        return frozenset(keep)


DEFAULT_READ = ReadOptions()
DEFAULT_EXPORT = ExportOptions()


@dataclass(frozen=True)
class Dropped:
    """Something a format could not carry: why, how many, and a few examples naming document and text."""

    reason: str
    count: int
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote and what it had to leave out."""

    format: str
    path: str
    documents: int
    entities: dict[str, int]
    events: dict[str, int]
    dropped: tuple[Dropped, ...] = ()

    @property
    def entity_count(self) -> int:
        """All entities written."""
        return sum(self.entities.values())

    @property
    def event_count(self) -> int:
        """All events written."""
        return sum(self.events.values())

    def lines(self) -> list[str]:
        """The summary as lines for a terminal or a dialog."""
        counts = ", ".join(f"{n} {word if n == 1 else plural}" for n, word, plural in (
            (self.documents, "document", "documents"), (self.entity_count, "entity", "entities"),
            (self.event_count, "event", "events")))
        out = [f"{counts} written to {self.path} ({self.format})"]
        if self.entities:
            out.append("entities: " + ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())))
        if self.events:
            out.append("events: " + ", ".join(f"{k} {v}" for k, v in sorted(self.events.items())))
        for d in self.dropped:
            example = f" (e.g. {'; '.join(d.examples)})" if d.examples else ""
            out.append(f"not carried by {self.format}: {d.count} {d.reason}{example}")
        return out


MAX_EXAMPLES = 3


@dataclass
class Tally:
    """Counts made while writing; `summary()` freezes them."""

    format: str
    path: str = ""
    documents: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)
    _dropped: dict[str, list[Any]] = field(default_factory=dict)  # reason -> [count, examples]

    def drop(self, reason: str, doc: AnnotatedDocument, what: str = "") -> None:
        """Count one thing the format cannot carry."""
        entry = self._dropped.setdefault(reason, [0, []])
        entry[0] += 1
        if len(entry[1]) < MAX_EXAMPLES:
            entry[1].append(f"{doc_label(doc)}: {what}" if what else doc_label(doc))

    def summary(self) -> ExportSummary:
        """The frozen summary."""
        dropped = tuple(Dropped(reason, n, tuple(ex)) for reason, (n, ex) in self._dropped.items())
        return ExportSummary(format=self.format, path=self.path, documents=self.documents,
                             entities=dict(self.entities), events=dict(self.events), dropped=dropped)


def doc_label(doc: AnnotatedDocument) -> str:
    """A short name for a document in messages."""
    return doc.name or (f"#{doc.id}" if doc.id else doc.title[:20] or "(untitled)")


def span_key(span: EntitySpan) -> tuple[int, int, str]:
    """Text order: by start, longer first, then label."""
    return (span.start, -span.end, span.label)


def _states(options: ExportOptions, states_carried: bool) -> frozenset[SpanState]:
    # A format without states would turn a rejected span into a positive example: only native takes them.
    return options.states if states_carried else options.states - {SpanState.REJECTED}


def exported_entities(doc: AnnotatedDocument, options: ExportOptions, *, states_carried: bool = False
                      ) -> list[EntitySpan]:
    """The entity spans an export writes for this document, in text order, each checked against the text.

    The same label on the same text twice is one annotation: it is written once (per state in native).
    """
    states = _states(options, states_carried)
    keep = []
    seen: set[tuple[int, int, str, SpanState | None]] = set()
    entity, labels, length = SpanKind.ENTITY, options.labels, len(doc.text)
    for span in doc.spans:
        if span.kind != entity or span.state not in states:
            continue
        if labels is not None and span.label not in labels:
            continue
        start, end = span.start, span.end
        key = (start, end, span.label, span.state if states_carried else None)
        if key in seen:
            continue
        seen.add(key)
        if not (type(start) is int and type(end) is int and 0 <= start < end <= length):  # the usual span passes
            verify_span(doc, span)
        keep.append(span)
    keep.sort(key=span_key)
    return keep


def exported_events(doc: AnnotatedDocument, options: ExportOptions, *, states_carried: bool = False
                    ) -> list[Event]:
    """The events an export writes for this document (by state), their spans checked against the text."""
    states = _states(options, states_carried)
    # an argument goes with its event only in a state the export takes (a suggested one of an accepted
    # event stays out of an export without suggestions, a rejected one out of every format without states)
    events = [ev if all(a.state in states for a in ev.arguments)
              else replace(ev, arguments=tuple(a for a in ev.arguments if a.state in states))
              for ev in doc.events if ev.state in states]
    if not events:
        return events
    by_id = {span.id: span for span in doc.spans}
    for ev in events:
        for span_id in ([ev.trigger_id] if ev.trigger_id is not None else []) + [a.span_id for a in ev.arguments]:
            span = by_id.get(span_id)
            if span is None:
                raise WriteError(f"{doc_label(doc)}: event {ev.id} ({ev.type}) refers to span {span_id}, "
                                 f"which the document does not have")
            verify_span(doc, span)
    return events


def verify_span(doc: AnnotatedDocument, span: EntitySpan) -> None:
    """Raise WriteError unless the span is a non-empty range inside the text."""
    try:
        check_span_bounds(doc.text, span.start, span.end)
    except ValidationError as exc:
        raise WriteError(f"{doc_label(doc)}: {span.label or span.kind} {exc.reason}") from None


def check_written(doc: AnnotatedDocument, start: int, end: int, written: str) -> None:
    """Raise WriteError unless `written` (the text a format records for a span) is text[start:end]."""
    if doc.text[start:end] != written:
        raise WriteError(f"{doc_label(doc)}: span [{start}, {end}) would be written as {written!r} but the "
                         f"text there is {doc.text[start:end]!r}")


def first_line(text: str) -> str:
    """The first non-empty line, stripped and cut short: the title of a document whose format carries none."""
    return title_of(text)


def count_written(tally: Tally, spans: Iterable[EntitySpan], events: Iterable[Event]) -> None:
    """Add written entities and events to the tally."""
    tally.entities.update(s.label for s in spans)
    tally.events.update(e.type for e in events)


EventKey = tuple[str, int | None, int | None, tuple[tuple[str, int, int], ...]]


def event_key(by_id: dict[int, EntitySpan], ev: Event) -> EventKey:
    """What identifies an event in the text: type, trigger offsets and sorted (role, start, end) arguments."""
    trigger = by_id[ev.trigger_id] if ev.trigger_id is not None else None
    args = tuple(sorted((a.role, by_id[a.span_id].start, by_id[a.span_id].end) for a in ev.arguments))
    return (ev.type, trigger.start if trigger else None, trigger.end if trigger else None, args)


def sorted_events(doc: AnnotatedDocument, options: ExportOptions, *, states_carried: bool = False
                  ) -> list[tuple[EventKey, Event]]:
    """Exported events with their keys in a stable text order (trigger-less events first)."""
    events = exported_events(doc, options, states_carried=states_carried)
    if not events:
        return []
    by_id = {span.id: span for span in doc.spans}
    keyed = [(event_key(by_id, ev), ev) for ev in events]
    keyed.sort(key=lambda pair: (pair[0][1] if pair[0][1] is not None else -1, pair[0][2] or -1, pair[0][0],
                                 pair[0][3]))
    return keyed


def entity_signature(doc: AnnotatedDocument, spans: Iterable[EntitySpan]) -> list[tuple[int, int, str, str]]:
    """Sorted (start, end, label, text) of spans: what an export must carry and an import give back."""
    return sorted((s.start, s.end, s.label, doc.text[s.start:s.end]) for s in spans)


def check_carried(doc: AnnotatedDocument, parsed: AnnotatedDocument, *, entities: Iterable[EntitySpan],
                  events: Iterable[EventKey] = (), fmt: str) -> None:
    """Raise WriteError unless reading a just-built record back gives the entities and events it should."""
    want = entity_signature(doc, entities)
    got = entity_signature(parsed, parsed.entities(with_suggestions=True))
    if got != want:
        missing = sorted(set(want) - set(got))[:3] or sorted(set(got) - set(want))[:3]
        raise WriteError(f"{doc_label(doc)}: the {fmt} record does not read back to its entities "
                         f"(first differences: {missing})")
    by_id = {span.id: span for span in parsed.spans}
    if sorted(events) != sorted(event_key(by_id, ev) for ev in parsed.events):
        raise WriteError(f"{doc_label(doc)}: the {fmt} record does not read back to its events")


def align_tokens(tokens: tuple[Token, ...], spans: Iterable[EntitySpan]) -> tuple[tuple[Token, ...], int]:
    """Split tokens so that every span starts and ends on a token boundary; also return how many splits."""
    cuts = sorted({offset for span in spans for offset in (span.start, span.end)})
    out: list[Token] = []
    splits = 0
    for start, end in tokens:
        lo = bisect.bisect_right(cuts, start)
        hi = bisect.bisect_left(cuts, end)
        for cut in cuts[lo:hi]:
            out.append((start, cut))
            start = cut
            splits += 1
        out.append((start, end))
    return tuple(out), splits


def jsonl_reader(parse: Callable[..., AnnotatedDocument]
                 ) -> Callable[..., Iterator[tuple[int, AnnotatedDocument]]]:
    """A JSONL format's `read`: (line, document) for each record; the first bad record raises."""
    from annotator.core.formats.fileio import json_lines, source_name

    def read(source: Any, options: ReadOptions = DEFAULT_READ) -> Iterator[tuple[int, AnnotatedDocument]]:
        """Yield (line, document); the first bad record raises."""
        path = source_name(source)
        for line, record in json_lines(source):
            if isinstance(record, Exception):
                raise record
            yield line, parse(record, line=line, path=path, options=options)
    return read


def jsonl_writer(name: str, to_record: Callable[..., dict[str, Any]]) -> Callable[..., Tally]:
    """A JSONL format's `write`: one record a line, each built (and checked) by `to_record`."""
    from annotator.core.formats.fileio import dumps

    def write(docs: Iterable[AnnotatedDocument], out: IO[str], *, options: ExportOptions = DEFAULT_EXPORT,
              tally: Tally | None = None, **_: Any) -> Tally:
        """Write one record a line; what the format cannot carry is counted in the tally."""
        tally = tally or Tally(name)
        for doc in docs:
            out.write(dumps(to_record(doc, options=options, tally=tally)) + "\n")
            tally.documents += 1
        return tally
    return write


def lf_document(doc: AnnotatedDocument) -> AnnotatedDocument:
    """The document with CRLF and CR in its text as LF, every offset mapped onto the new text."""
    if "\r" not in doc.text:
        return doc
    dropped = [m.start() for m in re.finditer("\r\n", doc.text)]   # the CR of each CRLF goes

    def at(offset: int) -> int:
        return offset - bisect.bisect_left(dropped, offset)

    text = doc.text.replace("\r\n", "\n").replace("\r", "\n")
    tokens = tuple((at(s), at(e)) for s, e in doc.tokens if at(s) < at(e) and not text[at(s):at(e)].isspace())
    spans = tuple(s.with_(start=at(s.start), end=at(s.end)) for s in doc.spans)
    return replace(doc, text=text, tokens=tokens, spans=spans, title=doc.title.replace("\r", ""))


def record_fields(doc: AnnotatedDocument, tally: Tally, reserved: Iterable[str]) -> dict[str, Any]:
    """A foreign record's `id` as its source had it and the fields it carried that the format does not know;
    a field named like one of the format's own (`reserved`) is counted in the tally instead."""
    from annotator.core.formats.extras import top_fields

    def clash(key: str) -> None:
        tally.drop("metadata fields named like one of the format's own", doc, key)
    return top_fields(doc.meta, doc.name, reserved=reserved, clash=clash)
