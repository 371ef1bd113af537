"""Whole-event suggestions as the project keeps them: a suggested trigger span, an event in state suggested
(origin `events`) and suggested arguments, each pointing at an entity span the document has or at a new
suggested one. Pure planning (`plan`) and two ways to write it: into a document not yet stored (import), or
into the project inside an edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from annotator.core.annotations import (
    AnnotatedDocument,
    Argument,
    EntitySpan,
    Event,
    SpanKind,
    SpanState,
    crossing,
)
from annotator.core.event_suggestions import EventSuggester, EventSuggestion
from annotator.core.schema import Schema
from annotator.store import events as event_rows
from annotator.store.database import Transaction

ORIGIN = "events"


@dataclass(frozen=True)
class PlannedArgument:
    """An argument to store: filled by the document's span `span_id`, or else by a new span `new`."""

    role: str
    span_id: int | None
    new: EntitySpan | None = None


@dataclass(frozen=True)
class PlannedEvent:
    """A suggested event to store: its trigger span (new) and its arguments."""

    trigger: EntitySpan
    type: str
    arguments: tuple[PlannedArgument, ...]


def plan(doc: AnnotatedDocument, schema: Schema, found: Sequence[EventSuggestion]) -> list[PlannedEvent]:
    """The suggestions the document can take: never over a trigger it has (live or rejected), inside an
    accepted entity, or over an earlier suggestion; types and roles from the schema; an argument on the
    stretch of a rejected entity or crossing an accepted one (when the schema forbids crossing) left out."""
    triggers = [(s.start, s.end) for s in doc.spans
                if s.kind == SpanKind.TRIGGER or (s.kind == SpanKind.ENTITY and s.state == SpanState.ACCEPTED)]
    by_stretch: dict[tuple[int, int], list[EntitySpan]] = {}
    for s in doc.spans:
        if s.kind != SpanKind.TRIGGER:
            by_stretch.setdefault((s.start, s.end), []).append(s)
    accepted = [s for s in doc.spans if s.kind == SpanKind.ENTITY and s.state == SpanState.ACCEPTED]
    made: dict[tuple[int, int, str], EntitySpan] = {}
    out: list[PlannedEvent] = []
    for ev in sorted(found, key=lambda e: (-e.score, e.start)):
        event_type = schema.event_type(ev.type)
        if event_type is None or not 0 <= ev.start < ev.end <= len(doc.text):
            continue
        if any(ev.start < e and s < ev.end for s, e in triggers):
            continue
        triggers.append((ev.start, ev.end))
        args: list[PlannedArgument] = []
        for arg in ev.arguments:
            role = event_type.role(arg.role)
            if role is None or not 0 <= arg.start < arg.end <= len(doc.text):
                continue
            here = by_stretch.get((arg.start, arg.end), [])
            live = [s for s in here if s.is_live and (s.kind == SpanKind.ARGUMENT or s.kind == SpanKind.ENTITY
                                                      and role.allows(s.label))]
            live.sort(key=lambda s: (s.label != arg.label, s.state != SpanState.ACCEPTED))
            if live:
                args.append(PlannedArgument(role.name, live[0].id))
                continue
            label = arg.label if arg.label and schema.label(arg.label) is not None else ""
            kind = SpanKind.ENTITY if label else SpanKind.ARGUMENT
            if any(s.label == label and s.kind == kind and s.state == SpanState.REJECTED for s in here):
                continue  # the reviewer rejected this very span: it does not come back
            new = made.get((arg.start, arg.end, label))
            if new is None:
                new = EntitySpan(0, arg.start, arg.end, label, origin=ORIGIN, state=SpanState.SUGGESTED,
                                 score=arg.score if label else None, kind=kind)
                if kind == SpanKind.ENTITY and not schema.allow_crossing and any(crossing(new, a) for a in accepted):
                    continue
                made[(arg.start, arg.end, label)] = new
            args.append(PlannedArgument(role.name, None, new))
        trigger = EntitySpan(0, ev.start, ev.end, event_type.key, origin=ORIGIN, state=SpanState.SUGGESTED,
                             kind=SpanKind.TRIGGER)  # no score: an exchange file carries none for a trigger
        out.append(PlannedEvent(trigger, event_type.key, tuple(_distinct(args))))
    return sorted(out, key=lambda p: p.trigger.start)


def _distinct(args: list[PlannedArgument]) -> list[PlannedArgument]:
    seen: set[tuple[str, object]] = set()
    out = []
    for a in args:
        key = (a.role, a.span_id if a.span_id is not None else id(a.new))
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def suggest_into(doc: AnnotatedDocument, schema: Schema, suggester: EventSuggester) -> AnnotatedDocument:
    """A document not yet stored with the suggester's events added (its spans without an id numbered first,
    so an argument can point at an entity suggestion made moments before)."""
    if any(s.id == 0 for s in doc.spans):
        fresh = iter(range(min([0, *(s.id for s in doc.spans)]) - 1, -(1 << 62), -1))
        doc = replace(doc, spans=tuple(replace(s, id=next(fresh)) if s.id == 0 else s for s in doc.spans))
    return with_planned(doc, plan(doc, schema, suggester.suggest(doc, schema)))


def with_planned(doc: AnnotatedDocument, planned: Sequence[PlannedEvent]) -> AnnotatedDocument:
    """The document (not yet stored) with the planned events added; new spans get negative ids, which
    storing it replaces."""
    if not planned:
        return doc
    spans = list(doc.spans)
    events = list(doc.events)
    ids: dict[int, int] = {}  # id() of a planned new span -> its temporary id
    next_id = min([0, *(s.id for s in doc.spans)]) - 1

    def add(span: EntitySpan) -> int:
        nonlocal next_id
        if id(span) not in ids:
            ids[id(span)] = next_id
            spans.append(replace(span, id=next_id))
            next_id -= 1
        return ids[id(span)]

    def filler(a: PlannedArgument) -> int:
        if a.new is not None:
            return add(a.new)
        assert a.span_id is not None, "a planned argument has a span or a new one"
        return a.span_id

    next_event = max([0, *(e.id for e in doc.events)]) + 1
    for p in planned:
        trigger = add(p.trigger)
        args = tuple(Argument(a.role, filler(a), SpanState.SUGGESTED) for a in p.arguments)
        events.append(Event(next_event, p.type, trigger, args, SpanState.SUGGESTED, ORIGIN))
        next_event += 1
    return replace(doc, spans=tuple(spans), events=tuple(events))


def store_planned(tx: Transaction, doc_id: int, planned: Sequence[PlannedEvent]) -> list[int]:
    """Insert the planned events into the project inside an edit; the ids of the events made."""
    made: dict[int, int] = {}
    events = []
    for p in planned:
        trigger = _insert_span(tx, doc_id, p.trigger)
        event = tx.insert("events", {"doc_id": doc_id, "type": p.type, "trigger_id": trigger,
                                     "state": SpanState.SUGGESTED.value, "origin": ORIGIN})
        for position, a in enumerate(p.arguments):
            span_id = a.span_id
            if a.new is not None:
                span_id = made.get(id(a.new)) or made.setdefault(id(a.new), _insert_span(tx, doc_id, a.new))
            tx.insert("arguments", {"event_id": event, "doc_id": doc_id, "role": a.role, "span_id": span_id,
                                    "position": position, "state": SpanState.SUGGESTED.value})
        events.append(event)
    return events


def _insert_span(tx: Transaction, doc_id: int, span: EntitySpan) -> int:
    return tx.insert("spans", {"doc_id": doc_id, "start": span.start, "end": span.end, "label": span.label,
                               "kind": span.kind.value, "origin": span.origin, "state": span.state.value,
                               "score": span.score})


EventKey = tuple[int, int, str, frozenset[tuple[str, int, int]]]


def undecided(doc: AnnotatedDocument) -> list[Event]:
    """The suggester's events nobody has decided anything of (event, trigger and every argument still suggested);
    events a file brought as suggestions (origin `import`) are not the suggester's to take back."""
    spans = {s.id: s for s in doc.spans}
    return [e for e in doc.events if e.state == SpanState.SUGGESTED and e.origin == ORIGIN and e.trigger_id in spans
            and spans[e.trigger_id].state == SpanState.SUGGESTED
            and all(a.state == SpanState.SUGGESTED for a in e.arguments)]


def without_events(doc: AnnotatedDocument, events: Sequence[Event]) -> AnnotatedDocument:
    """The document as if these events (and their triggers) had never been suggested."""
    gone = {e.id for e in events}
    triggers = {e.trigger_id for e in events}
    return replace(doc, events=tuple(e for e in doc.events if e.id not in gone),
                   spans=tuple(s for s in doc.spans if s.id not in triggers))


def stored_key(doc: AnnotatedDocument, event: Event) -> EventKey:
    """What makes a stored suggested event the same suggestion again: trigger, type, (role, start, end)s."""
    spans = {s.id: s for s in doc.spans}
    trigger = spans[event.trigger_id] if event.trigger_id is not None else None
    return (trigger.start if trigger else -1, trigger.end if trigger else -1, event.type,
            frozenset((a.role, spans[a.span_id].start, spans[a.span_id].end) for a in event.arguments
                      if a.span_id in spans))


def planned_key(doc: AnnotatedDocument, planned: PlannedEvent) -> EventKey:
    """`stored_key` of a planned event."""
    spans = {s.id: s for s in doc.spans}
    args = frozenset((a.role, *((a.new.start, a.new.end) if a.new is not None else
                                (spans[a.span_id].start, spans[a.span_id].end) if a.span_id in spans else (-1, -1)))
                     for a in planned.arguments)
    return (planned.trigger.start, planned.trigger.end, planned.type, args)


def drop_events(tx: Transaction, events: Sequence[Event], *, keep: frozenset[int] = frozenset()) -> None:
    """Delete undecided suggested events inside an edit: arguments, the event, its trigger, and the spans
    only they made (unlabelled argument spans, entity suggestions of origin `events` nothing else uses and
    not in `keep`)."""
    for e in events:
        for arg_id, span_id in event_rows.arguments_of(tx.db, e.id):
            tx.delete("arguments", arg_id)
            row = tx.get("spans", span_id)
            if row and span_id not in keep and not event_rows.fills_a_role(tx.db, span_id) and (
                    row["kind"] == SpanKind.ARGUMENT.value
                    or (row["origin"] == ORIGIN and row["state"] == SpanState.SUGGESTED.value)):
                tx.delete("spans", span_id)
        tx.delete("events", e.id)
        if e.trigger_id is not None:
            tx.delete("spans", e.trigger_id)
