"""Settling a document the annotators disagree on: take a version, take one annotator's, drop, finish."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core.adjudication import (
    Candidate,
    Decided,
    EventCandidate,
    candidates,
    event_candidates,
    open_candidates,
    rivals,
)
from annotator.core.annotations import ReviewStatus
from annotator.core.errors import ValidationError
from annotator.core.layers import EntityKey, Layer, LayerEvent
from annotator.service.changes import Changes
from annotator.service.team_apply import (
    ACCEPTED,
    ENTITY,
    HUMAN,
    REJECTED,
    SUGGESTED,
    TRIGGER,
    add_event,
    current_events,
    delete_event,
    drop_uses,
    event_versions,
)
from annotator.store import layers as layer_store
from annotator.store.database import Transaction, now

if TYPE_CHECKING:
    from annotator.service.project import Project


@dataclass(frozen=True)
class AdjudicationView:
    """Everything the adjudicator sees of one document: the layers, every version, what is still open."""

    doc_id: int
    layers: tuple[Layer, ...]
    entities: tuple[Candidate, ...]
    events: tuple[EventCandidate, ...]
    state: Decided
    open_entities: tuple[Candidate, ...]
    open_events: tuple[EventCandidate, ...]

    @property
    def annotators(self) -> tuple[str, ...]:
        """The annotators of the document, in name order."""
        return tuple(layer.annotator for layer in self.layers)

    @property
    def settled(self) -> bool:
        """True when every version has been taken or dropped."""
        return not self.open_entities and not self.open_events


class Adjudication:
    """The adjudicator's use cases over one open project (`project.adjudication`); each returns Changes."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.store = project.store

    def view(self, doc_id: int) -> AdjudicationView:
        """The layers of a document, every version of its spans and events, and which are still open."""
        layers = tuple(layer_store.layers_of(self.store.db, doc_id))
        ents, evs = candidates(layers), event_candidates(layers)
        state = self._state(doc_id)
        open_e, open_v = open_candidates(ents, evs, state)
        return AdjudicationView(doc_id, layers, tuple(ents), tuple(evs), state, tuple(open_e), tuple(open_v))

    def _state(self, doc_id: int) -> Decided:
        rows = layer_store.span_rows(self.store.db, doc_id)
        keys: dict[str, set[tuple[int, int, str]]] = {r["state"]: set() for r in rows}
        for r in rows:
            if r["kind"] == ENTITY:
                keys.setdefault(r["state"], set()).add((r["start"], r["end"], r["label"]))
        triggers = frozenset((r["label"], r["start"], r["end"]) for r in rows
                             if r["kind"] == TRIGGER and r["state"] == REJECTED)
        events = frozenset(current_events(self.store.db, doc_id))
        return Decided(frozenset(keys.get(ACCEPTED, ())), frozenset(keys.get(REJECTED, ())), events, triggers)

    # -- entity versions ------------------------------------------------------------------------
    def take(self, doc_id: int, candidate: Candidate) -> Changes:
        """Take this version of a span; the versions competing with it are dropped."""
        among = self.view(doc_id).entities

        def work(tx: Transaction) -> None:
            entities = _Entities(tx, doc_id)
            entities.set(candidate.key, ACCEPTED)
            for other in rivals(candidate, among):
                entities.set(other.key, REJECTED)
        return self._edit("adjudicate: take span", doc_id, work)

    def drop(self, doc_id: int, candidate: Candidate) -> Changes:
        """Drop this version of a span (kept as rejected, so it counts as decided)."""
        return self._edit("adjudicate: drop span", doc_id,
                          lambda tx: _set_entity(tx, doc_id, candidate.key, REJECTED))

    def take_annotator(self, doc_id: int, annotator: str) -> Changes:
        """Take every version one annotator gave and drop every other, entities and events."""
        view = self.view(doc_id)
        if annotator not in view.annotators:
            raise ValidationError(f"{annotator!r} has no layer of document {doc_id}", path=str(self.project.path),
                                  hint=f"annotators of it: {', '.join(view.annotators)}")

        def work(tx: Transaction) -> None:
            entities = _Entities(tx, doc_id)
            for c in view.entities:
                entities.set(c.key, ACCEPTED if annotator in c.annotators else REJECTED)
            events = _Events(tx, doc_id)
            for e in view.events:
                (events.take if annotator in e.annotators else events.drop)(e.event)
        return self._edit(f"adjudicate: take {annotator}", doc_id, work)

    def accept_agreed(self, doc_id: int) -> Changes:
        """Take every version all the annotators gave."""
        view = self.view(doc_id)

        def work(tx: Transaction) -> None:
            entities = _Entities(tx, doc_id)
            for c in view.entities:
                if c.agreed:
                    entities.set(c.key, ACCEPTED)
            events = _Events(tx, doc_id)
            for e in view.events:
                if e.agreed:
                    events.take(e.event)
        return self._edit("adjudicate: accept agreed", doc_id, work)

    # -- event versions -------------------------------------------------------------------------
    def take_event(self, doc_id: int, candidate: EventCandidate) -> Changes:
        """Take this version of an event; other versions on an overlapping trigger go (not one every annotator
        gave: it is in every version, this one's too)."""
        among = self.view(doc_id).events

        def work(tx: Transaction) -> None:
            events = _Events(tx, doc_id)
            for other in among:
                if other.event != candidate.event and other.overlaps(*candidate.event.trigger) and not other.agreed:
                    events.drop(other.event)
            events.take(candidate.event)
        return self._edit("adjudicate: take event", doc_id, work)

    def drop_event(self, doc_id: int, candidate: EventCandidate) -> Changes:
        """Drop this version of an event (its trigger kept as rejected)."""
        return self._edit("adjudicate: drop event", doc_id, lambda tx: _Events(tx, doc_id).drop(candidate.event))

    # -- finishing ------------------------------------------------------------------------------
    @contextmanager
    def together(self) -> Iterator[None]:
        """The steps taken inside are saved together or not at all: `annotator adjudicate 12 --take 3 --done`
        whose --done is refused (a version still open) keeps its --take undone too, as its other options
        checked before any acts."""
        with self.store.transaction():
            yield

    def finish(self, doc_id: int) -> Changes:
        """Mark the document reviewed by the adjudicator; refused while a version is still open."""
        view = self.view(doc_id)
        if not view.settled:
            n = len(view.open_entities) + len(view.open_events)
            raise ValidationError(f"document {doc_id}: {n} version(s) still differ", path=str(self.project.path),
                                  hint="take or drop each of them first")

        def work(tx: Transaction) -> None:
            for row in layer_store.span_rows(tx.db, doc_id):
                # The annotators have spoken: what nobody took is not kept. A suggested event's argument span
                # goes with its event when the trigger is rejected, before its own turn here.
                if row["state"] == SUGGESTED and tx.get("spans", row["id"]) is not None:
                    drop_uses(tx, row["id"])
                    tx.update("spans", row["id"], {"state": REJECTED})
            tx.update("documents", doc_id, {"status": ReviewStatus.REVIEWED.value, "reviewer": self.project.user,
                                            "reviewed_at": now()})
        return self._edit("adjudicate: reviewed", doc_id, work)

    def _edit(self, action: str, doc_id: int, work: Callable[[Transaction], None]) -> Changes:
        if not layer_store.layers_of(self.store.db, doc_id):
            # Nothing to settle: finishing would reject every suggestion of a document nobody has reviewed.
            raise ValidationError(f"document {doc_id} has no annotator's layer to adjudicate",
                                  path=str(self.project.path),
                                  hint="merge the annotators' files first; `annotator adjudicate` lists the documents "
                                       "that need it")
        with self.store.edit(action=action, doc_id=doc_id) as tx:
            work(tx)
        return Changes.of_edit(action, tx, doc_id=doc_id)


class _Entities:
    """A document's entity span rows by (start, end, label), read once per edit and kept up to date by it: each
    version set read every span of the document again, so taking one annotator's 1,600 versions of a long article
    (or accepting what the annotators agree on) read 2.6M rows (40 CPU-s)."""

    def __init__(self, tx: Transaction, doc_id: int) -> None:
        self.tx, self.doc_id = tx, doc_id
        self.rows: dict[EntityKey, list[dict[str, Any]]] = {}
        for r in layer_store.span_rows(tx.db, doc_id):
            if r["kind"] == ENTITY:
                self.rows.setdefault((r["start"], r["end"], r["label"]), []).append(r)

    def set(self, key: EntityKey, state: str) -> None:
        """Make the document hold exactly this span in this state (accepted or rejected)."""
        tx = self.tx
        rows = self.rows.get(key)
        if rows:
            for r in rows[1:]:
                if r["state"] != REJECTED:
                    drop_uses(tx, r["id"])
                    tx.update("spans", r["id"], {"state": REJECTED})
                    r["state"] = REJECTED
            if rows[0]["state"] != state:
                if state == REJECTED:
                    drop_uses(tx, rows[0]["id"])
                tx.update("spans", rows[0]["id"], {"state": state})
                rows[0]["state"] = state
            return
        start, end, label = key
        row = {"doc_id": self.doc_id, "start": start, "end": end, "label": label, "kind": ENTITY, "origin": HUMAN,
               "state": state, "score": None}
        self.rows[key] = [{**row, "id": tx.insert("spans", row)}]


def _set_entity(tx: Transaction, doc_id: int, key: EntityKey, state: str) -> None:
    """Make the document hold exactly this span in this state (accepted or rejected)."""
    _Entities(tx, doc_id).set(key, state)


class _Events:
    """A document's live events as layer versions (and which are accepted), read once per edit and kept up to date
    by it: each version taken or dropped read every event of the document again, with its arguments, so taking one
    annotator's 400 event versions of a long article took 7.6 CPU-s."""

    def __init__(self, tx: Transaction, doc_id: int) -> None:
        self.tx, self.doc_id = tx, doc_id
        self.live: dict[LayerEvent, list[dict[str, Any]]] = {}  # the rows of every suggested or accepted event
        for row, version in event_versions(tx.db, doc_id):
            self.live.setdefault(version, []).append(row)
        self.accepted = {row["id"]: version for row, version in event_versions(tx.db, doc_id, accepted=True)}
        self.counts = Counter(self.accepted.values())
        self.triggers = Counter(version.trigger_key for version in self.accepted.values())

    def take(self, event: LayerEvent) -> None:
        """Take an event version: inserted, unless the document has it."""
        if self.counts[event]:
            return
        event_id = add_event(self.tx, self.doc_id, event)
        self.live.setdefault(event, []).append(layer_store.event_row(self.tx.db, event_id))
        self.accepted[event_id] = event
        self.counts[event] += 1
        self.triggers[event.trigger_key] += 1

    def drop(self, event: LayerEvent) -> None:
        """Drop an event version (its trigger kept as rejected, unless another version on it stays)."""
        tx = self.tx
        for row in sorted(self.live.pop(event, ()), key=lambda r: r["id"]):  # in id order, as they were read
            delete_event(tx, row)
            gone = self.accepted.pop(row["id"], None)
            if gone is not None:
                self.counts[gone] -= 1
                self.triggers[gone.trigger_key] -= 1
        if self.triggers[event.trigger_key] > 0:
            return  # another version on this trigger stays: the trigger itself is not dropped
        rows = [r for r in layer_store.spans_at(tx.db, self.doc_id, *event.trigger) if r["kind"] == TRIGGER
                and r["label"] == event.type]
        if rows:
            if rows[0]["state"] != REJECTED:
                tx.update("spans", rows[0]["id"], {"state": REJECTED})
        else:
            tx.insert("spans", {"doc_id": self.doc_id, "start": event.trigger[0], "end": event.trigger[1],
                                "label": event.type, "kind": TRIGGER, "origin": HUMAN, "state": REJECTED,
                                "score": None})
