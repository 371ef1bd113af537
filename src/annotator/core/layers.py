"""An annotator's layer: the reviewed entities and events one team member gave a document."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace

from annotator.core.annotations import (
    AnnotatedDocument,
    Argument,
    EntitySpan,
    Event,
    ReviewStatus,
    SpanKind,
    SpanState,
)

EntityKey = tuple[int, int, str]            # start, end, label
ArgumentKey = tuple[str, int, int]          # role, start, end


@dataclass(frozen=True, order=True)
class LayerEvent:
    """An event as a layer keeps it: type, trigger bounds and (role, start, end) arguments, sorted."""

    type: str
    trigger: tuple[int, int]
    arguments: tuple[ArgumentKey, ...] = ()

    @property
    def trigger_key(self) -> tuple[str, int, int]:
        """What trigger agreement compares: type and bounds."""
        return (self.type, *self.trigger)


@dataclass(frozen=True)
class Layer:
    """One annotator's version of one document (canonical: sorted, no duplicates)."""

    annotator: str
    entities: tuple[EntityKey, ...] = ()
    events: tuple[LayerEvent, ...] = ()

    @classmethod
    def of(cls, annotator: str, entities: Iterable[EntityKey], events: Iterable[LayerEvent] = ()) -> Layer:
        """A canonical layer from any iterables."""
        return cls(annotator, tuple(sorted(set(entities))), tuple(sorted(set(events))))

    @classmethod
    def from_document(cls, annotator: str, doc: AnnotatedDocument) -> Layer:
        """The accepted entities and accepted events (with their accepted arguments) of a document, as
        `annotator`'s layer: what an export of it carries; a suggestion left undecided is nobody's work."""
        entities = [(s.start, s.end, s.label) for s in doc.entities()]
        spans = {s.id: s for s in doc.spans}
        events = []
        for event in doc.events:
            trigger = spans.get(event.trigger_id) if event.trigger_id else None
            if event.state != SpanState.ACCEPTED or trigger is None:
                continue  # an event without a trigger cannot be matched between annotators
            args = tuple(sorted((a.role, spans[a.span_id].start, spans[a.span_id].end)
                                for a in event.arguments if a.span_id in spans and a.state == SpanState.ACCEPTED))
            events.append(LayerEvent(event.type, (trigger.start, trigger.end), args))
        return cls.of(annotator, entities, events)

    def same_as(self, other: Layer) -> bool:
        """True when both say exactly the same (whoever they are)."""
        return self.entities == other.entities and self.events == other.events

    def to_json(self) -> str:
        """The stored form (stable: equal layers give equal text)."""
        return json.dumps({"entities": [list(e) for e in self.entities],
                           "events": [{"type": e.type, "trigger": list(e.trigger),
                                       "arguments": [list(a) for a in e.arguments]} for e in self.events]},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, annotator: str, text: str) -> Layer:
        """Inverse of `to_json`."""
        data = json.loads(text)
        events = [LayerEvent(e["type"], (e["trigger"][0], e["trigger"][1]),
                             tuple((r, s, t) for r, s, t in e["arguments"])) for e in data.get("events", ())]
        return cls.of(annotator, ((s, e, lab) for s, e, lab in data.get("entities", ())), events)



def layer_document(doc: AnnotatedDocument, layer: Layer) -> AnnotatedDocument:
    """The document carrying exactly a layer's annotations (to export one annotator's work)."""
    spans: list[EntitySpan] = []
    index: dict[tuple[int, int, str, SpanKind], int] = {}

    def span(start: int, end: int, label: str, kind: SpanKind) -> int:
        key = (start, end, label, kind)
        if key not in index:
            spans.append(EntitySpan(len(spans) + 1, start, end, label, kind=kind))
            index[key] = len(spans)
        return index[key]

    for start, end, label in layer.entities:
        span(start, end, label, SpanKind.ENTITY)
    entity_at = {(s, e): index[(s, e, lab, SpanKind.ENTITY)] for s, e, lab in layer.entities}
    events = []
    for n, event in enumerate(layer.events, start=1):
        trigger = span(*event.trigger, event.type, SpanKind.TRIGGER)
        args = tuple(Argument(role, entity_at.get((s, e)) or span(s, e, "", SpanKind.ARGUMENT))
                     for role, s, e in event.arguments)
        events.append(Event(n, event.type, trigger, args))
    return replace(doc, spans=tuple(spans), events=tuple(events), status=ReviewStatus.REVIEWED,
                   meta={**doc.meta, "annotator": layer.annotator})
