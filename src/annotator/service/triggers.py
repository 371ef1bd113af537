"""Event suggestions: words that triggered reviewed events (and the schema's examples) proposed as whole
events, and the reviewer's decisions on them.

A suggested event is a span of kind `trigger` (origin `events`, state `suggested`), an event in state
`suggested` and suggested arguments (service/suggested_events.py); the suggester is the project's
(`project.training.event_suggester()`). Accepting the trigger accepts the event with its arguments in one
edit; rejecting it keeps the span as rejected so the same stretch is never suggested again. Each argument can
also be accepted, given another role, or rejected (kept, so it is not suggested again) on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from annotator.core.annotations import AnnotatedDocument, EntitySpan, Event, ReviewStatus, SpanKind, SpanState
from annotator.core.crossing import acceptable
from annotator.core.errors import ValidationError
from annotator.core.event_suggest_lexicon import LexiconEventSuggester, open_trigger_candidates
from annotator.core.event_suggestions import EventSuggester
from annotator.core.events import TriggerCandidate, trigger_lexicon
from annotator.core.progress import Progress, report
from annotator.service import planned
from annotator.service.changes import Changes
from annotator.service.editing import BULK, Edits
from annotator.service.suggested_events import (
    PlannedEvent,
    drop_events,
    plan,
    planned_key,
    store_planned,
    stored_key,
    undecided,
    without_events,
)
from annotator.store import bulk, bulk_events, events, spans
from annotator.store.bulk import StateChange
from annotator.store.bulk_events import Triggered
from annotator.store.database import Transaction
from annotator.store.guarded import Database

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

    def suggester(self) -> EventSuggester | None:
        """The project's event suggester (`project.training.event_suggester()`: a trained model, else its
        trigger words; those too when it gives none), None for a schema without event types."""
        if not self.project.schema.event_types:
            return None
        found = self.project.training.event_suggester()
        return found if found is not None else LexiconEventSuggester(self.lexicon())

    def suggest(self, doc_ids: Sequence[int] | None = None, *, refresh: bool = False,
                progress: Progress | None = None) -> Changes:
        """Add whole-event suggestions to documents (all not yet reviewed when none named); one edit per
        document. Never over an existing trigger, never a rejected one again: running it twice adds nothing.
        `refresh`: suggested events nothing of which is decided are suggested afresh (those the suggester
        makes again stay as they are)."""
        if doc_ids is None:
            doc_ids = self.project.document_ids(statuses=[s.value for s in ReviewStatus if s != ReviewStatus.REVIEWED])
        suggester = self.suggester()
        done: list[Changes] = []
        if suggester is None:
            return Changes("suggest events")
        schema = self.project.schema
        with self.store.transaction():  # a cancelled run undoes every document's edit
            for i in range(0, len(doc_ids), BATCH):
                report(progress, i, len(doc_ids), what="suggesting events")
                for doc_id in doc_ids[i:i + BATCH]:
                    doc = self.project.document(doc_id)
                    old = undecided(doc) if refresh else []
                    base = without_events(doc, old)
                    planned = plan(base, schema, suggester.suggest(base, schema))
                    again = {planned_key(base, p) for p in planned} & {stored_key(doc, e) for e in old}
                    planned = [p for p in planned if planned_key(base, p) not in again]
                    gone = [e for e in old if stored_key(doc, e) not in again]
                    if planned or gone:
                        done.append(self.edits.edit("suggest events", doc_id,
                                                    partial(_replace, doc_id=doc_id, planned=planned, gone=gone)))
        report(progress, len(doc_ids), len(doc_ids), what="suggesting events")
        return Changes.combine("suggest events", done) if done else Changes("suggest events")

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
        read = self._may_accept_at_once(doc_id, ids) if len(ids) > BULK and event_type is None else None
        if read:
            deferred = planned.accept_triggers(self.project, doc_id, tuple(ids), origins=read[0], existing=read[1])
            if deferred is not None:
                return deferred
            return self.edits.edit("accept trigger", doc_id, lambda tx: self._accept_at_once(tx, doc_id, ids))

        def work(tx: Transaction) -> list[int]:
            return [self._accept_one(tx, doc_id, span_id, event_type) for span_id in ids]
        return self.edits.edit("accept trigger", doc_id, work)

    def _may_accept_at_once(self, doc_id: int, ids: list[int]) -> tuple[list[tuple[int, str]], list[Triggered]] | None:
        """Whether these are distinct trigger suggestions of the document, of the schema's event types, whose
        events (if any: a suggested event, or one accepted already) are of their trigger's type: then a few
        set-based statements accept them all, with their events and suggested arguments. What it read when
        they may ((id, origin) of the spans, their events), else None."""
        db = self.project.store.db
        found = bulk.kinds_and_states(db, doc_id, tuple(ids))
        if not (len(found) == len(ids) == len(set(ids))
                and all(kind == SpanKind.TRIGGER.value and state == SpanState.SUGGESTED.value
                        and self.project.schema.event_type(label) is not None for _, kind, state, label, _ in found)):
            return None
        live = (SpanState.SUGGESTED.value, SpanState.ACCEPTED.value)
        existing = bulk_events.events_of_triggers(db, doc_id, tuple(ids))
        if not all(state in live and kind == label for _, _, kind, state, label in existing):
            return None
        return [(i, origin) for i, *_, origin in found], existing

    def _accept_at_once(self, tx: Transaction, doc_id: int, ids: list[int]) -> list[int]:
        """Accept the trigger suggestions `_may_accept_at_once` found: their spans, their events (new ones for
        triggers without) and their events' suggested arguments with the spans those need, each table in one
        statement per state; the events' ids in `ids` order."""
        suggested, accepted = SpanState.SUGGESTED.value, SpanState.ACCEPTED.value
        tx.set_states(StateChange("spans", doc_id, tuple(ids), "state", suggested, accepted))
        existing = bulk_events.events_of_triggers(tx.db, doc_id, tuple(ids))
        event_of = {trigger: event for event, trigger, *_ in reversed(existing)}  # the oldest one of each
        tx.set_states(StateChange("events", doc_id, tuple(e[0] for e in existing), "state", suggested, accepted))
        missing = tuple(i for i in ids if i not in event_of)
        added = bulk.events_for_triggers(tx.db, doc_id, missing, state=accepted) if missing else None
        tx.record(added)
        if added is not None:
            at = added.columns.index("trigger_id")
            event_of.update((row[at], row[0]) for row in added.values)
        self._accept_arguments_at_once(tx, doc_id, tuple(e[0] for e in existing))
        return [event_of[i] for i in ids if i in event_of]

    def _accept_arguments_at_once(self, tx: Transaction, doc_id: int, event_ids: tuple[int, ...]) -> None:
        """Accept these events' suggested arguments with their suggested spans, as `_accept_argument` does one
        by one (`arguments_to_accept`)."""
        spans_to_accept, chosen = self.arguments_to_accept(tx.db, doc_id, event_ids)
        suggested, accepted = SpanState.SUGGESTED.value, SpanState.ACCEPTED.value
        if spans_to_accept:
            tx.set_states(StateChange("spans", doc_id, spans_to_accept, "state", suggested, accepted))
        if chosen:
            tx.set_states(StateChange("arguments", doc_id, chosen, "state", suggested, accepted))

    def arguments_to_accept(self, db: Database, doc_id: int, event_ids: tuple[int, ...], *,
                            accepted_now: frozenset[int] = frozenset()) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(the suggested spans, the suggested arguments) accepting these events accepts: an argument whose span
        is rejected, or would cross an accepted entity (or one accepted before it, in text order) where the
        schema forbids crossing, stays suggested. Spans in `accepted_now` count as accepted (a plan read
        before the edit accepts them)."""
        if not event_ids:
            return (), ()
        rows = bulk_events.suggested_arguments(db, doc_id, event_ids)
        if not rows:
            return (), ()
        suggested, accepted = SpanState.SUGGESTED.value, SpanState.ACCEPTED.value
        rows = [(a, s, kind, accepted if s in accepted_now else state, start, end)
                for a, s, kind, state, start, end in rows]
        spans_wanted: dict[int, tuple[int, int, int]] = {}  # suggested entity spans, in text order
        ok: set[int] = set()  # spans the arguments may use once the edit is done
        for _, span_id, kind, state, start, end in rows:
            if state == accepted or (state == suggested and (kind != SpanKind.ENTITY.value
                                                             or self.project.schema.allow_crossing)):
                ok.add(span_id)
            elif state == suggested:
                spans_wanted.setdefault(span_id, (span_id, start, end))
        if spans_wanted and not self.project.store.uncrossed.entities_cross(db, doc_id):  # usual: asked of the index
            ok.update(spans_wanted)
        elif spans_wanted:
            live = bulk.live_entities(db, doc_id)
            ok.update(acceptable([(a, b) for _, a, b, state, _ in live if state == accepted],
                                 list(spans_wanted.values())))
        to_accept = tuple(sorted({span_id for _, span_id, _, state, _, _ in rows if state == suggested} & ok))
        return to_accept, tuple(arg_id for arg_id, span_id, *_ in rows if span_id in ok)

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
            retyped = tx.row("events", event_id)["type"] != chosen
            tx.update("events", event_id, {"type": chosen, "state": SpanState.ACCEPTED.value})
            for arg_id, filler in events.arguments_in_state(tx.db, event_id, SpanState.SUGGESTED.value):
                # suggested for another type: one the chosen type has no role for stays for the reviewer
                if not retyped or self._fits(tx, chosen, tx.row("arguments", arg_id)["role"], filler):
                    self._accept_argument(tx, arg_id)
        if triggered:
            return triggered[0]
        return tx.insert("events", {"doc_id": doc_id, "type": chosen, "trigger_id": span_id,
                                    "state": SpanState.ACCEPTED.value, "origin": span["origin"]})

    def _fits(self, tx: Transaction, event_type: str, role: str, span_id: int) -> bool:
        """Whether the span may fill this role of the event type (the role exists and allows its label)."""
        found = self.project.schema.event_type(event_type)
        the_role = found.role(role) if found is not None else None
        span = tx.get("spans", span_id)
        return the_role is not None and span is not None and the_role.allows(
            span["label"] if span["kind"] == SpanKind.ENTITY.value else None)

    # -- one argument at a time -------------------------------------------------------------------
    def accept_argument(self, event_id: int, role: str, span_id: int, *, new_role: str | None = None) -> Changes:
        """Accept one argument of an event (in `new_role` when given: re-roled), its span too when suggested."""
        doc_id = self.edits.doc_of_span(span_id)

        def work(tx: Transaction) -> list[int]:
            found = self._argument(tx, event_id, role, span_id)
            if new_role is not None and new_role != role:
                self._check_role(tx, event_id, new_role)
                tx.update("arguments", found, {"role": new_role})
            if not self._accept_argument(tx, found):
                raise ValidationError(f"span {span_id} would cross an accepted entity; the schema does not allow "
                                      "crossing spans", path=str(self.project.path),
                                      hint="reject the argument, or resize one of the spans first")
            return [found]
        return self.edits.edit("accept argument", doc_id, work)

    def reject_argument(self, event_id: int, role: str, span_id: int) -> Changes:
        """Reject one argument of an event: kept as rejected, so it is never suggested again; its span stays."""
        doc_id = self.edits.doc_of_span(span_id)

        def work(tx: Transaction) -> None:
            tx.update("arguments", self._argument(tx, event_id, role, span_id), {"state": SpanState.REJECTED.value})
        return self.edits.edit("reject argument", doc_id, work)

    def decide_arguments(self, doc_id: int, *, accept: bool) -> Changes:
        """Accept (or reject) every suggested argument of the document's live events, in one edit."""
        def work(tx: Transaction) -> None:
            found = events.suggested_arguments_of_document(tx.db, doc_id)
            if len(found) > BULK and accept:  # a long article: a few set-based statements
                self._accept_arguments_at_once(tx, doc_id, bulk_events.live_events(tx.db, doc_id))
                return
            if len(found) > BULK:
                tx.set_states(StateChange("arguments", doc_id, tuple(found), "state", SpanState.SUGGESTED.value,
                                          SpanState.REJECTED.value))
                return
            for arg_id in found:
                if accept:
                    self._accept_argument(tx, arg_id)
                else:
                    tx.update("arguments", arg_id, {"state": SpanState.REJECTED.value})
        return self.edits.edit("accept arguments" if accept else "reject arguments", doc_id, work)

    def _argument(self, tx: Transaction, event_id: int, role: str, span_id: int) -> int:
        found = events.argument_ids(tx.db, event_id, role, span_id)
        if not found:
            raise ValidationError(f"span {span_id} has no role {role!r} in event {event_id}",
                                  path=str(self.project.path), hint="reload the document")
        return found[0]

    def _check_role(self, tx: Transaction, event_id: int, role: str) -> None:
        event_type = self.project.schema.event_type(tx.row("events", event_id)["type"])
        if event_type is None or event_type.role(role) is None:
            raise ValidationError(f"{role!r} is not a role of this event's type", path=str(self.project.path),
                                  hint="choose one of the schema's roles for it")

    def _accept_argument(self, tx: Transaction, arg_id: int) -> bool:
        """Accept an argument and its span when suggested; False (left as it was) when the span would cross an
        accepted entity the schema forbids crossing."""
        span = self.edits.span_row(tx, tx.row("arguments", arg_id)["span_id"])
        if span["state"] == SpanState.SUGGESTED.value:
            if (span["kind"] == SpanKind.ENTITY.value and not self.project.schema.allow_crossing
                    and spans.crossing(tx.db, span["doc_id"], span["start"], span["end"], states=("accepted",),
                                       ignore=span["id"], limit=1)):
                return False
            tx.update("spans", span["id"], {"state": SpanState.ACCEPTED.value})
        elif span["state"] == SpanState.REJECTED.value:
            return False
        tx.update("arguments", arg_id, {"state": SpanState.ACCEPTED.value})
        return True


def _replace(tx: Transaction, doc_id: int, planned: Sequence[PlannedEvent], gone: Sequence[Event]) -> list[int]:
    drop_events(tx, gone, keep=frozenset(a.span_id for p in planned for a in p.arguments if a.span_id is not None))
    return store_planned(tx, doc_id, planned)


def candidates_for(doc: AnnotatedDocument, lexicon: dict[str, tuple[str, ...]]) -> list[TriggerCandidate]:
    """Where a lexicon word occurs on token boundaries, not over a trigger the document has (live or
    rejected) and not inside an accepted entity."""
    return open_trigger_candidates(doc, lexicon)


def spans_for(doc: AnnotatedDocument, lexicon: dict[str, tuple[str, ...]]) -> list[EntitySpan]:
    """`candidates_for` as suggested trigger spans, labelled with their likeliest event type."""
    return [EntitySpan(0, c.start, c.end, c.event_types[0], origin=ORIGIN, state=SpanState.SUGGESTED,
                       kind=SpanKind.TRIGGER) for c in candidates_for(doc, lexicon)]
