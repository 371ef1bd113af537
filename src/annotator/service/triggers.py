"""Trigger suggestions: words that triggered reviewed events (and the schema's examples) proposed as triggers.

A suggestion is a span of kind `trigger`, labelled with the event type it most likely starts, origin
`triggers`, state `suggested`. Accepting it creates the event in the same edit; rejecting it keeps it as
rejected so the same stretch is never suggested again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from annotator.core.annotations import AnnotatedDocument, EntitySpan, ReviewStatus, SpanKind, SpanState
from annotator.core.errors import ValidationError
from annotator.core.events import TriggerCandidate, trigger_candidates, trigger_lexicon
from annotator.core.progress import Progress, report
from annotator.service.changes import Changes
from annotator.service.editing import BULK, Edits
from annotator.store import bulk, events
from annotator.store.bulk import StateChange
from annotator.store.database import Transaction

if TYPE_CHECKING:
    from annotator.service.project import Project

ORIGIN = "triggers"
BATCH = 64


class Triggers:
    """Suggest triggers from the project's own events and the schema; accept one as an event
    (`project.triggers`)."""

    def __init__(self, project: Project, edits: Edits) -> None:
        self.project = project  # the reading side: schema, documents
        self.store = project.store
        self.edits = edits

    # -- the lexicon ----------------------------------------------------------------------------
    def used(self) -> list[tuple[str, str]]:
        """(trigger text, event type) of every reviewed event: in a reviewed document, or made or
        accepted by a reviewer (origin manual or triggers); one pair per event."""
        return events.used_triggers(self.store.db)

    def lexicon(self) -> dict[str, tuple[str, ...]]:
        """Trigger word -> event types (most used first): the project's reviewed events, then schema examples."""
        return trigger_lexicon(self.project.schema, self.used())

    def candidates(self, doc: AnnotatedDocument,
                            lexicon: dict[str, tuple[str, ...]] | None = None) -> list[TriggerCandidate]:
        """Where a lexicon word occurs in the document as a trigger could (see `candidates_for`)."""
        return candidates_for(doc, self.lexicon() if lexicon is None else lexicon)

    # -- suggesting -----------------------------------------------------------------------------
    def spans(self, doc: AnnotatedDocument, lexicon: dict[str, tuple[str, ...]] | None = None
                      ) -> list[EntitySpan]:
        """Trigger suggestions for a document not yet stored."""
        return spans_for(doc, self.lexicon() if lexicon is None else lexicon)

    def suggest(self, doc_ids: Sequence[int] | None = None, *, progress: Progress | None = None) -> Changes:
        """Add trigger suggestions to documents (all not yet reviewed when none named); one edit per document.

        Never over an existing trigger, never a rejected one again: running it twice adds nothing."""
        if doc_ids is None:
            doc_ids = self.project.document_ids(statuses=[s.value for s in ReviewStatus if s != ReviewStatus.REVIEWED])
        lexicon = self.lexicon()
        done: list[Changes] = []
        if not lexicon:
            return Changes("suggest triggers")
        with self.store.transaction():  # a cancelled run undoes every document's edit
            for i in range(0, len(doc_ids), BATCH):
                report(progress, i, len(doc_ids), what="suggesting triggers")
                for doc_id in doc_ids[i:i + BATCH]:
                    doc = self.project.document(doc_id)
                    found = self.candidates(doc, lexicon)
                    if found:
                        done.append(self.edits.edit("suggest triggers", doc_id,
                                                    partial(_store, doc_id=doc_id, found=found)))
        report(progress, len(doc_ids), len(doc_ids), what="suggesting triggers")
        return Changes.combine("suggest triggers", done) if done else Changes("suggest triggers")

    # -- accepting ------------------------------------------------------------------------------
    def accept(self, span_id: int, event_type: str | None = None) -> Changes:
        """Accept a trigger span (as `event_type`, default its label) and give it its event, in one edit."""
        return self.accept_many([span_id], event_type)

    def accept_many(self, span_ids: Iterable[int], event_type: str | None = None) -> Changes:
        """Accept trigger spans of one document, each with its event (an existing one is retyped), in one edit."""
        ids = list(span_ids)
        if not ids:
            return Changes("accept trigger")
        doc_id = self.edits.doc_of_span(ids[0])
        if len(ids) > BULK and event_type is None and self._all_new(doc_id, ids):
            return self.edits.edit("accept trigger", doc_id, lambda tx: self._accept_new(tx, doc_id, ids))

        def work(tx: Transaction) -> list[int]:
            return [self._accept_one(tx, doc_id, span_id, event_type) for span_id in ids]
        return self.edits.edit("accept trigger", doc_id, work)

    def _all_new(self, doc_id: int, ids: list[int]) -> bool:
        """Whether these are distinct trigger suggestions of the document, of the schema's event types, with
        no event yet: then one statement accepts them all and another adds their events."""
        found = bulk.kinds_and_states(self.project.store.db, doc_id, tuple(ids))
        return (len(found) == len(ids) == len(set(ids))
                and all(kind == SpanKind.TRIGGER.value and state == SpanState.SUGGESTED.value
                        and self.project.schema.event_type(label) is not None for _, kind, state, label in found)
                and not bulk.uses_of_spans(self.project.store.db, doc_id, tuple(ids)))

    def _accept_new(self, tx: Transaction, doc_id: int, ids: list[int]) -> list[int]:
        """Accept trigger suggestions `_all_new` found, each with its new event; the events' ids in `ids` order."""
        accepted = SpanState.ACCEPTED.value
        tx.set_states(StateChange("spans", doc_id, tuple(ids), "state", SpanState.SUGGESTED.value, accepted))
        added = bulk.events_for_triggers(tx.db, doc_id, tuple(ids), state=accepted)
        tx.record(added)
        if added is None:
            return []
        at = added.columns.index("trigger_id")
        event_of = {row[at]: row[0] for row in added.values}
        return [event_of[i] for i in ids if i in event_of]

    def _accept_one(self, tx: Transaction, doc_id: int, span_id: int, event_type: str | None) -> int:
        span = self.edits.span_row(tx, span_id)
        if span["kind"] != SpanKind.TRIGGER.value:
            raise ValidationError(f"span {span_id} is a {span['kind']} span, not a trigger")
        if span["doc_id"] != doc_id:
            raise ValidationError("the triggers must be in one document")
        chosen = event_type or span["label"]
        if self.project.schema.event_type(chosen) is None:
            raise ValidationError(f"event type {chosen!r} is not in the schema",
                                  hint="choose one of the schema's event types")
        tx.update("spans", span_id, {"label": chosen, "state": SpanState.ACCEPTED.value})
        triggered = events.events_triggered_by(tx.db, span_id)
        for event_id in triggered:
            tx.update("events", event_id, {"type": chosen, "state": SpanState.ACCEPTED.value})
        if triggered:
            return triggered[0]
        return tx.insert("events", {"doc_id": doc_id, "type": chosen, "trigger_id": span_id,
                                    "state": SpanState.ACCEPTED.value, "origin": span["origin"]})


def candidates_for(doc: AnnotatedDocument, lexicon: dict[str, tuple[str, ...]]) -> list[TriggerCandidate]:
    """Where a lexicon word occurs on token boundaries, not over a trigger the document has (live or
    rejected) and not inside an accepted entity."""
    taken = [(s.start, s.end) for s in doc.spans
             if s.kind == SpanKind.TRIGGER or (s.kind == SpanKind.ENTITY and s.state == SpanState.ACCEPTED)]
    return [c for c in trigger_candidates(doc.text, doc.tokens, lexicon, exclude=taken) if c.event_types]


def spans_for(doc: AnnotatedDocument, lexicon: dict[str, tuple[str, ...]]) -> list[EntitySpan]:
    """`candidates_for` as suggested trigger spans, labelled with their likeliest event type."""
    return [EntitySpan(0, c.start, c.end, c.event_types[0], origin=ORIGIN, state=SpanState.SUGGESTED,
                       kind=SpanKind.TRIGGER) for c in candidates_for(doc, lexicon)]


def _store(tx: Transaction, doc_id: int, found: Iterable[TriggerCandidate]) -> None:
    for c in found:
        tx.insert("spans", {"doc_id": doc_id, "start": c.start, "end": c.end, "label": c.event_types[0],
                            "kind": SpanKind.TRIGGER.value, "origin": ORIGIN,
                            "state": SpanState.SUGGESTED.value, "score": None})
