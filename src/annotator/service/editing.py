"""The reviewer's edits: each one transaction, each returning the Changes that undo or redo it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.annotations import (
    UNTOUCHED,
    ReviewStatus,
    SpanKind,
    SpanState,
)
from annotator.core.crossing import acceptable
from annotator.core.errors import ValidationError
from annotator.core.text import Token, encode_tokens, merge_tokens, split_token
from annotator.service import planned
from annotator.service.changes import Changes
from annotator.store import bulk, bulk_events, events, queries, spans, words
from annotator.store.bulk import StateChange
from annotator.store.database import AnyChange, Transaction, now

if TYPE_CHECKING:
    from annotator.service.project import Project

GONE = "it was deleted meanwhile; reload the document"
IDS = "`annotator list` shows the document ids"
SCHEMA = "add it to the project's schema first"
BULK = 64  # spans: an edit of more sets their states in one statement, logged as one compact record


class Edits:
    """The reviewer's edits of spans, tokens, review status and events (`project.edits`)."""

    def __init__(self, project: Project) -> None:
        self.project = project  # the reading side: schema, path, user, segmenter
        self.store = project.store
        # A document's text never changes (and no document is deleted): its length is read once, not on every
        # edit (SQLite reads the whole text to count it: about 1 ms on a 100k-character article).
        self._lengths: dict[int, int] = {}

    # -- plumbing -------------------------------------------------------------------------------
    def edit(self, action: str, doc_id: int, work: Callable[[Transaction], Iterable[int] | None]) -> Changes:
        """Run `work` as one edit of a document (a first edit starts its review) and return its Changes."""
        with self.store.edit(action=action, doc_id=doc_id) as tx:
            created = work(tx)
            if tx.rows and action != "status":
                row = tx.get("documents", doc_id)
                # Suggestions alone do not start a review: a new document becomes pre-annotated.
                started = (ReviewStatus.PRE_ANNOTATED.value if action == "prelabel"
                           else ReviewStatus.IN_REVIEW.value)
                if row and row["status"] in UNTOUCHED and row["status"] != started:
                    tx.update("documents", doc_id, {"status": started})
        return Changes.of_edit(action, tx, doc_id=doc_id, created=created or ())

    def undo(self, changes: Changes) -> Changes:
        """Put back what `changes` changed."""
        return self.replay(f"undo {changes.action}", changes.undo.reversed(), changes)

    def redo(self, changes: Changes) -> Changes:
        """Apply `changes` again after an undo."""
        return self.replay(f"redo {changes.action}", list(changes.undo.rows), changes)

    def replay(self, action: str, rows: list[AnyChange], original: Changes) -> Changes:
        """Apply recorded rows (an undo or redo of `original`) as one edit (deferred where it may be)."""
        doc_id = next(iter(original.doc_ids), None) if len(original.doc_ids) == 1 else None
        deferred = planned.defer(self.project, action, doc_id, rows)
        if deferred is not None:
            return deferred
        applied = self.store.apply(rows, action=action, doc_id=doc_id)
        return Changes.of_edit(action, applied, doc_id=doc_id)

    def span_row(self, tx: Transaction, span_id: int) -> dict[str, Any]:
        """The span's row as it is inside the edit (refused when it is gone)."""
        row = tx.get("spans", span_id)
        if row is None:
            raise ValidationError(f"no span {span_id}", path=str(self.project.path), hint=GONE)
        return row

    def _check_span(self, doc_id: int, start: int, end: int, *, label: str, kind: SpanKind,
                    ignore: int | None = None) -> None:
        """Raise unless [start, end) fits the text, the label is known and no accepted span crosses it."""
        length = self._lengths.get(doc_id)
        if length is None:
            length = queries.text_length(self.store.db, doc_id)
        if length is None:
            raise ValidationError(f"no document {doc_id}", path=str(self.project.path), hint=IDS)
        self._lengths[doc_id] = length
        if not 0 <= start < end <= length:
            raise ValidationError(f"span [{start}, {end}) is outside the text (length {length})",
                                  path=str(self.project.path), hint="choose a range inside the document")
        if kind == SpanKind.ENTITY and self.project.schema.label(label) is None:
            raise ValidationError(f"label {label!r} is not in the schema ({', '.join(self.project.schema.label_keys)})",
                                  path=str(self.project.path), hint=SCHEMA)
        if kind == SpanKind.ENTITY and not self.project.schema.allow_crossing:
            other = self._first_crossing(doc_id, start, end, states=("accepted",), ignore=ignore)
            if other:
                raise ValidationError(f"[{start}, {end}) would cross {other[1]} span [{other[2]}, {other[3]}); "
                                      "the schema does not allow crossing spans", path=str(self.project.path),
                                      hint="reject or resize the other span first")

    def _first_crossing(self, doc_id: int, start: int, end: int, *, states: tuple[str, ...],
                        ignore: int | None = None) -> tuple[int, str, int, int] | None:
        """An entity span in these states that crosses [start, end): (id, label, start, end), or None."""
        rows = spans.crossing(self.store.db, doc_id, start, end, states=states, ignore=ignore, limit=1)
        return rows[0] if rows else None

    def _reject_crossing_suggestions(self, tx: Transaction, doc_id: int, start: int, end: int) -> None:
        """A reviewer's span wins over suggestions that cross it: they are rejected in the same edit."""
        for span_id, *_ in spans.crossing(self.store.db, doc_id, start, end, states=("suggested",), limit=10_000):
            tx.update("spans", span_id, {"state": SpanState.REJECTED.value})
            self._drop_span_uses(tx, span_id)  # a rejected span fills no role and triggers nothing

    # -- spans --------------------------------------------------------------------------------
    def add_span(self, doc_id: int, start: int, end: int, label: str, *,
                 kind: SpanKind = SpanKind.ENTITY) -> Changes:
        """Label [start, end): a new manual span, or the existing span there accepted with this label."""
        self._check_span(doc_id, start, end, label=label, kind=kind)

        def work(tx: Transaction) -> list[int]:
            if kind == SpanKind.ENTITY and not self.project.schema.allow_crossing:
                self._reject_crossing_suggestions(tx, doc_id, start, end)
            same = spans.span_at(tx.db, doc_id, start, end, kind.value)
            if same is not None:
                tx.update("spans", same, {"label": label, "state": SpanState.ACCEPTED.value})
                return [same]
            return [tx.insert("spans", {"doc_id": doc_id, "start": start, "end": end, "label": label,
                                        "kind": kind.value, "origin": "manual",
                                        "state": SpanState.ACCEPTED.value, "score": None})]
        return self.edit("add span", doc_id, work)

    def accept(self, span_ids: Iterable[int]) -> Changes:
        """Accept suggestions."""
        return self._set_span_state(span_ids, SpanState.ACCEPTED, "accept")

    def reject(self, span_ids: Iterable[int]) -> Changes:
        """Reject suggestions: kept as rejected so they are never suggested again."""
        return self._set_span_state(span_ids, SpanState.REJECTED, "reject")

    def _set_span_state(self, span_ids: Iterable[int], state: SpanState, action: str, *,
                        checked: bool = False) -> Changes:
        """`checked`: the caller made sure accepting these crosses nothing (accept_all), so no span is
        looked up again one by one."""
        ids = list(span_ids)
        if not ids:
            return Changes(action)
        doc_id = self.doc_of_span(ids[0])
        if len(ids) > BULK and checked:  # accept_all's entity suggestions of one document
            def accept_them(tx: Transaction) -> None:
                tx.set_states(StateChange("spans", doc_id, tuple(ids), "state", SpanState.SUGGESTED.value, state.value))
            return self.edit(action, doc_id, accept_them)
        if len(ids) > BULK and action == "reject":  # reject all: planned by the document, without the ids
            deferred = planned.reject_all(self.project, doc_id, tuple(ids))
            if deferred is not None:
                return deferred
        if len(ids) > BULK and state == SpanState.REJECTED and self._may_set_at_once(doc_id, ids):
            deferred = planned.reject(self.project, doc_id, tuple(ids)) if action == "reject" else None
            if deferred is not None:
                return deferred
            def reject_them(tx: Transaction) -> None:
                for before in (SpanState.SUGGESTED, SpanState.ACCEPTED):  # one statement per state they leave
                    tx.set_states(StateChange("spans", doc_id, tuple(ids), "state", before.value, state.value))
                self._drop_uses_at_once(tx, doc_id, tuple(ids))
            return self.edit(action, doc_id, reject_them)

        def work(tx: Transaction) -> None:
            for span_id in ids:
                if not checked:
                    self.span_row(tx, span_id)
                    if state == SpanState.ACCEPTED:
                        self._refuse_crossing(tx, span_id)
                tx.update("spans", span_id, {"state": state.value})
            if state == SpanState.REJECTED:  # once all are rejected: a span an event made stays when the event goes
                for span_id in ids:
                    self._drop_span_uses(tx, span_id)
        return self.edit(action, doc_id, work)

    def _may_set_at_once(self, doc_id: int, ids: list[int]) -> bool:
        """Whether a few statements may reject these spans: all are entity or trigger spans of the document
        (an argument span is deleted, not rejected); else they go one by one."""
        wanted = tuple(ids)
        found, arguments = bulk.count_spans(self.store.db, doc_id, wanted)
        return found == len(set(wanted)) and not arguments

    def _drop_uses_at_once(self, tx: Transaction, doc_id: int, ids: tuple[int, ...]) -> None:
        """`_drop_span_uses` for many spans, one statement per table: the arguments they fill go, and the events
        they trigger with those events' arguments and the spans only those made (as `_delete_event` keeps a
        trigger); the rejected spans themselves stay, so they are never suggested again."""
        if not bulk.uses_of_spans(tx.db, doc_id, ids):
            return
        event_ids = tuple(e[0] for e in bulk_events.events_of_triggers(tx.db, doc_id, ids))
        candidates = bulk_events.spans_of_arguments(tx.db, doc_id, event_ids) if event_ids else ()
        tx.record(bulk_events.take_arguments(tx.db, doc_id, span_ids=ids, event_ids=event_ids))
        tx.record(bulk_events.take_events(tx.db, doc_id, event_ids) if event_ids else None)
        tx.record(bulk_events.take_orphans(tx.db, doc_id, candidates, keep=ids) if candidates else None)

    def _refuse_crossing(self, tx: Transaction, span_id: int) -> None:
        """Accepting this entity span must not make two accepted entity spans cross."""
        span = self.span_row(tx, span_id)
        if self.project.schema.allow_crossing or span["kind"] != SpanKind.ENTITY.value:
            return
        other = self._first_crossing(span["doc_id"], span["start"], span["end"], states=("accepted",),
                                     ignore=span_id)
        if other:
            raise ValidationError(f"[{span['start']}, {span['end']}) would cross accepted {other[1]} span "
                                  f"[{other[2]}, {other[3]}); the schema does not allow crossing spans",
                                  path=str(self.project.path), hint="reject or resize one of them first")

    def accept_all(self, doc_id: int, *, label: str | None = None) -> Changes:
        """Accept every entity suggestion in the document (of one label when given); trigger
        suggestions need an event each, so they go through `accept_triggers`."""
        db = self.store.db
        if not bulk.has_entity_suggestions(db, doc_id, label=label):
            return Changes("accept all", frozenset({doc_id}))
        if self.project.schema.allow_crossing or not self.store.uncrossed.entities_cross(db, doc_id):
            # The usual case: nothing crosses anything, so every suggestion can be accepted: planned from
            # one read and written later, or found and accepted in one statement (no span read into Python).
            deferred = planned.accept_all(self.project, doc_id, label=label)
            if deferred is not None:
                return deferred
            def accept_them(tx: Transaction) -> None:
                tx.record(bulk.accept_entity_suggestions(tx.db, doc_id, label=label))
            return self.edit("accept all", doc_id, accept_them)
        ids = self._acceptable(doc_id, label)
        changes = self._set_span_state(ids, SpanState.ACCEPTED, "accept all", checked=True)
        return changes if ids else Changes("accept all", frozenset({doc_id}))

    def _acceptable(self, doc_id: int, label: str | None) -> list[int]:
        """The document's entity suggestions (of `label` when given) that can all be accepted together, in
        text order (those that would cross an accepted span or an earlier one stay suggested for the
        reviewer to decide)."""
        live = bulk.live_entities(self.store.db, doc_id)  # (id, start, end, state, label) in reading order
        wanted = [(i, a, b) for i, a, b, state, lab in live
                  if state == SpanState.SUGGESTED.value and (label is None or lab == label)]
        if self.project.schema.allow_crossing:
            return [i for i, _, _ in wanted]
        return acceptable([(a, b) for _, a, b, state, _ in live if state == SpanState.ACCEPTED.value], wanted)

    def delete_span(self, span_id: int) -> Changes:
        """Remove a span: a suggestion (or an accepted one an engine proposed, trigger or entity) is kept
        as rejected so it is never suggested again, a manual one deleted; the arguments it fills go
        too, and an event it triggers is deleted."""
        doc_id = self.doc_of_span(span_id)

        def work(tx: Transaction) -> None:
            span = self.span_row(tx, span_id)
            self._drop_span_uses(tx, span_id)
            if span["origin"] == "manual" or span["kind"] == SpanKind.ARGUMENT.value:
                tx.delete("spans", span_id)
            else:
                tx.update("spans", span_id, {"state": SpanState.REJECTED.value})
        return self.edit("delete span", doc_id, work)

    def _drop_span_uses(self, tx: Transaction, span_id: int) -> None:
        for arg_id in events.arguments_filled_by(tx.db, span_id):
            tx.delete("arguments", arg_id)
        for event_id in events.events_triggered_by(tx.db, span_id):
            self._delete_event(tx, event_id, keep_trigger=True)

    def relabel(self, span_id: int, label: str) -> Changes:
        """Give a span another label (and accept it)."""
        doc_id = self.doc_of_span(span_id)
        if self.project.schema.label(label) is None:
            raise ValidationError(f"label {label!r} is not in the schema ({', '.join(self.project.schema.label_keys)})",
                                  path=str(self.project.path), hint=SCHEMA)

        def work(tx: Transaction) -> None:
            self._refuse_crossing(tx, span_id)
            tx.update("spans", span_id, {"label": label, "state": SpanState.ACCEPTED.value})
        return self.edit("relabel", doc_id, work)

    def resize(self, span_id: int, start: int, end: int) -> Changes:
        """Move a span's boundaries (and accept it)."""
        doc_id = self.doc_of_span(span_id)
        span = spans.label_and_kind(self.store.db, span_id)
        if span is None:
            raise ValidationError(f"no span {span_id}", path=str(self.project.path), hint=GONE)
        self._check_span(doc_id, start, end, label=span[0], kind=SpanKind(span[1]), ignore=span_id)

        def work(tx: Transaction) -> None:
            if span[1] == SpanKind.ENTITY.value and not self.project.schema.allow_crossing:
                self._reject_crossing_suggestions(tx, doc_id, start, end)
            tx.update("spans", span_id, {"start": start, "end": end, "state": SpanState.ACCEPTED.value})
        return self.edit("resize", doc_id, work)

    def doc_of_span(self, span_id: int) -> int:
        """The document a span is in (refused when it is gone)."""
        doc_id = spans.doc_of_span(self.store.db, span_id)
        if doc_id is None:
            raise ValidationError(f"no span {span_id}", path=str(self.project.path), hint=GONE)
        return doc_id

    # -- document -----------------------------------------------------------------------------
    def set_status(self, doc_id: int, status: ReviewStatus | str) -> Changes:
        """Set the review status, recording who and when."""
        status = ReviewStatus(status)

        def work(tx: Transaction) -> None:
            if tx.get("documents", doc_id) is None:
                raise ValidationError(f"no document {doc_id}", path=str(self.project.path), hint=IDS)
            values = {"status": status.value, "reviewer": self.project.user}
            if status == ReviewStatus.REVIEWED:
                values["reviewed_at"] = now()
            tx.update("documents", doc_id, values)
        return self.edit("status", doc_id, work)

    def split_token(self, doc_id: int, offset: int) -> Changes:
        """Split the token containing `offset` there; spans keep their offsets."""
        return self._retokenize(doc_id, lambda tokens: split_token(tokens, offset), "split token")

    def merge_tokens(self, doc_id: int, index: int) -> Changes:
        """Merge token `index` with the next one."""
        return self._retokenize(doc_id, lambda tokens: merge_tokens(tokens, index), "merge tokens")

    def _retokenize(self, doc_id: int, change: Callable[[Sequence[Token]], tuple[Token, ...]], action: str
                    ) -> Changes:
        row = queries.document_row(self.store.db, doc_id)
        if row is None:
            raise ValidationError(f"no document {doc_id}", path=str(self.project.path), hint=IDS)
        try:
            tokens = change(row["tokens"])
        except ValidationError as exc:  # core names no file: say which project, and what to do
            raise ValidationError(exc.reason, path=str(self.project.path),
                                  hint="split inside a token, or merge a token with the next one") from exc

        def work(tx: Transaction) -> None:
            tx.update("documents", doc_id, {"tokens": encode_tokens(tokens), "n_tokens": len(tokens)})
        return self.edit(action, doc_id, work)

    def remember_word(self, word: str) -> Changes:
        """Add a word to the project dictionary (jieba uses it for later imports)."""
        word = word.strip()
        if not word:
            raise ValidationError("an empty word cannot go into the dictionary", path=str(self.project.path),
                                  hint="type the word to add")
        with self.store.transaction():
            words.add_segment_word(self.store.db, word)
        self.project.word_added(word)
        return Changes("remember word", kinds=frozenset({"dictionary"}))

    # -- events -------------------------------------------------------------------------------
    def add_event(self, doc_id: int, event_type: str, start: int, end: int) -> Changes:
        """Create an event of `event_type` triggered by [start, end)."""
        if self.project.schema.event_type(event_type) is None:
            raise ValidationError(f"event type {event_type!r} is not in the schema", path=str(self.project.path),
                                  hint=SCHEMA)
        self._check_span(doc_id, start, end, label=event_type, kind=SpanKind.TRIGGER)

        def work(tx: Transaction) -> list[int]:
            trigger = tx.insert("spans", {"doc_id": doc_id, "start": start, "end": end, "label": event_type,
                                          "kind": SpanKind.TRIGGER.value, "origin": "manual",
                                          "state": SpanState.ACCEPTED.value, "score": None})
            event = tx.insert("events", {"doc_id": doc_id, "type": event_type, "trigger_id": trigger,
                                         "state": SpanState.ACCEPTED.value, "origin": "manual"})
            return [event, trigger]
        return self.edit("add event", doc_id, work)

    def add_argument(self, event_id: int, role: str, span_id: int) -> Changes:
        """Let a span fill a role of an event."""
        doc_id = self._doc_of_event(event_id)
        if self.doc_of_span(span_id) != doc_id:
            raise ValidationError("an argument must be in the event's document", path=str(self.project.path),
                                  hint="pick a span in the same document")

        def work(tx: Transaction) -> list[int]:
            if self.span_row(tx, span_id)["state"] == SpanState.REJECTED.value:
                raise ValidationError(f"span {span_id} is rejected", path=str(self.project.path),
                                      hint="accept it first to let it fill a role")
            exists = events.argument_ids(tx.db, event_id, role, span_id) or events.argument_ids(
                tx.db, event_id, None, span_id, state=SpanState.SUGGESTED.value)
            if exists:  # the reviewer's role decides a suggested (or rejected) argument of this span
                tx.update("arguments", exists[0], {"role": role, "state": SpanState.ACCEPTED.value})
                return [exists[0]]
            position = events.next_position(tx.db, event_id)
            return [tx.insert("arguments", {"event_id": event_id, "doc_id": doc_id, "role": role,
                                            "span_id": span_id, "position": position})]
        return self.edit("add argument", doc_id, work)

    def add_argument_span(self, event_id: int, role: str, start: int, end: int) -> Changes:
        """Create an unlabelled argument span and let it fill a role, in one edit."""
        doc_id = self._doc_of_event(event_id)
        self._check_span(doc_id, start, end, label="", kind=SpanKind.ARGUMENT)

        def work(tx: Transaction) -> list[int]:
            span = tx.insert("spans", {"doc_id": doc_id, "start": start, "end": end, "label": "",
                                       "kind": SpanKind.ARGUMENT.value, "origin": "manual",
                                       "state": SpanState.ACCEPTED.value, "score": None})
            position = events.next_position(tx.db, event_id)
            arg = tx.insert("arguments", {"event_id": event_id, "doc_id": doc_id, "role": role,
                                          "span_id": span, "position": position})
            return [arg, span]
        return self.edit("add argument", doc_id, work)

    def remove_argument(self, event_id: int, role: str, span_id: int) -> Changes:
        """Take a span out of a role: the reviewer's argument is deleted; a suggested one is kept as rejected,
        so re-suggesting the event (still undecided otherwise) does not bring it back."""
        doc_id = self._doc_of_event(event_id)

        def work(tx: Transaction) -> None:
            for arg_id in events.argument_ids(tx.db, event_id, role, span_id):
                if tx.row("arguments", arg_id)["state"] == SpanState.ACCEPTED.value:
                    tx.delete("arguments", arg_id)
                else:
                    tx.update("arguments", arg_id, {"state": SpanState.REJECTED.value})
            span = tx.get("spans", span_id)
            used = events.fills_a_role(tx.db, span_id)
            if span and span["kind"] == SpanKind.ARGUMENT.value and not used:
                tx.delete("spans", span_id)
        return self.edit("remove argument", doc_id, work)

    def set_event_type(self, event_id: int, event_type: str) -> Changes:
        """Change an event's type."""
        if self.project.schema.event_type(event_type) is None:
            raise ValidationError(f"event type {event_type!r} is not in the schema", path=str(self.project.path),
                                  hint=SCHEMA)
        doc_id = self._doc_of_event(event_id)

        def work(tx: Transaction) -> None:
            event = tx.row("events", event_id)
            tx.update("events", event_id, {"type": event_type, "state": SpanState.ACCEPTED.value})
            if event["trigger_id"]:
                tx.update("spans", event["trigger_id"], {"label": event_type})
        return self.edit("event type", doc_id, work)

    def delete_event(self, event_id: int) -> Changes:
        """Delete an event, its arguments, and its trigger span (unless another event shares it)."""
        doc_id = self._doc_of_event(event_id)
        return self.edit("delete event", doc_id, lambda tx: self._delete_event(tx, event_id, keep_trigger=False))

    def _delete_event(self, tx: Transaction, event_id: int, *, keep_trigger: bool) -> None:
        event = tx.get("events", event_id)
        for arg_id, span_id in events.arguments_of(tx.db, event_id):
            tx.delete("arguments", arg_id)
            span = tx.get("spans", span_id)
            used = events.fills_a_role(tx.db, span_id)
            # a span an event suggestion made for its argument goes with it while still undecided
            if span and not used and (span["kind"] == SpanKind.ARGUMENT.value or (
                    span["origin"] == "events" and span["state"] == SpanState.SUGGESTED.value)):
                tx.delete("spans", span_id)
        tx.delete("events", event_id)
        trigger = event["trigger_id"] if event else None
        if not keep_trigger and trigger and not events.events_triggered_by(tx.db, trigger):  # another may share it
            tx.delete("spans", trigger)

    def _doc_of_event(self, event_id: int) -> int:
        doc_id = events.doc_of_event(self.store.db, event_id)
        if doc_id is None:
            raise ValidationError(f"no event {event_id}", path=str(self.project.path), hint=GONE)
        return doc_id
