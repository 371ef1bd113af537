"""Making a document's own annotations say what a layer says, deciding its suggestions as the annotator did."""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from annotator.core.annotations import SpanKind, SpanState
from annotator.core.layers import EntityKey, Layer, LayerEvent
from annotator.store import events as event_store
from annotator.store import layers as layer_store
from annotator.store.bulk import StateChange
from annotator.store.database import Transaction

ACCEPTED, REJECTED, SUGGESTED = SpanState.ACCEPTED.value, SpanState.REJECTED.value, SpanState.SUGGESTED.value
ENTITY, TRIGGER, ARGUMENT = SpanKind.ENTITY.value, SpanKind.TRIGGER.value, SpanKind.ARGUMENT.value
HUMAN = "manual"  # spans an annotator added: a person's work, whose name the layer and change log keep


def apply_layer(tx: Transaction, doc_id: int, layer: Layer) -> None:
    """Accept, relabel, resize, reject and add entity spans, and decide events, so the document says `layer`."""
    apply_entities(tx, doc_id, layer.entities)
    if current_events(tx.db, doc_id) != set(layer.events) or has_undecided_events(tx.db, doc_id):
        apply_events(tx, doc_id, layer.events)


def apply_events(tx: Transaction, doc_id: int, wanted: tuple[LayerEvent, ...]) -> None:
    """Decide the document's events as the annotator did: a live event (suggested or accepted) that is exactly
    a wanted one, arguments and all, is accepted with its trigger, arguments and their spans; any other goes
    (a suggestion left there would stay one, which neither an export nor a reviewed document counts); the
    wanted ones none matched are added."""
    remaining = set(wanted)
    # What is accepted goes in one statement per table (an article's events are hundreds of rows).
    accept: dict[str, set[int]] = {"events": set(), "spans": set(), "arguments": set()}
    drop: set[int] = set()  # suggested arguments the annotator rejected or left out of an event they kept
    spans = {r["id"]: r for r in layer_store.span_rows(tx.db, doc_id)}
    on_trigger: dict[tuple[str, tuple[int, int]], set[LayerEvent]] = {}  # the remaining ones by type and trigger
    for w in remaining:
        on_trigger.setdefault((w.type, w.trigger), set()).add(w)
    for row, version in event_versions(tx.db, doc_id):
        live = [(a, (a["role"], spans[a["span_id"]]["start"], spans[a["span_id"]]["end"])) for a in row["arguments"]
                if a["span_id"] in spans and a["state"] in (ACCEPTED, SUGGESTED)]  # version.arguments, by row
        fixed = {key for a, key in live if a["state"] == ACCEPTED}
        # The annotator's event: this one as it is, or this one with some suggested arguments left out.
        taken = version if version in remaining else next(
            (w for w in sorted(on_trigger.get((version.type, version.trigger), ()))
             if fixed <= set(w.arguments) <= set(version.arguments)), None)
        if taken is None:
            delete_event(tx, row)
            continue
        remaining.discard(taken)
        on_trigger[taken.type, taken.trigger].discard(taken)
        accept["events"].add(row["id"])
        accept["spans"].add(row["trigger_id"])
        for arg, key in live:
            if arg["state"] != SUGGESTED:
                continue
            if key in taken.arguments:
                accept["arguments"].add(arg["id"])
                accept["spans"].add(arg["span_id"])
            else:
                drop.add(arg["id"])
    # States as read before the loop: the loop changes only the states of triggers no kept event shares.
    rejected = {i for i, r in spans.items() if r["state"] == REJECTED}
    for span_id in accept["spans"] & rejected:  # a kept event's trigger or argument once rejected (rare)
        tx.update("spans", span_id, {"state": ACCEPTED})
    for table, ids in accept.items():
        if ids:
            tx.set_states(StateChange(table, doc_id, tuple(sorted(ids)), "state", SUGGESTED, ACCEPTED))
    if drop:  # kept as rejected, as the window keeps an argument a reviewer rejected: never suggested again
        tx.set_states(StateChange("arguments", doc_id, tuple(sorted(drop)), "state", SUGGESTED, REJECTED))
    unused = tuple(r["id"] for r in layer_store.span_rows(tx.db, doc_id)  # trigger suggestions of no event
                   if r["kind"] == TRIGGER and r["state"] == SUGGESTED)
    if unused:
        tx.set_states(StateChange("spans", doc_id, unused, "state", SUGGESTED, REJECTED))
    for event in sorted(remaining):
        add_event(tx, doc_id, event)


def apply_entities(tx: Transaction, doc_id: int, wanted: tuple[EntityKey, ...]) -> None:
    """Decide every entity span of the document against the wanted ones (see the module docstring)."""
    rows = [r for r in layer_store.span_rows(tx.db, doc_id) if r["kind"] == ENTITY]
    rows.sort(key=lambda r: (r["state"] == REJECTED, r["id"]))
    remaining = set(wanted)
    undecided: list[dict[str, Any]] = []
    accepted: list[int] = []  # suggestions kept exactly: accepted in one statement, not an UPDATE each
    for row in rows:
        key = (row["start"], row["end"], row["label"])
        if key in remaining:
            remaining.discard(key)
            if row["state"] == SUGGESTED:
                accepted.append(row["id"])
            elif row["state"] != ACCEPTED:
                tx.update("spans", row["id"], {"state": ACCEPTED})
        elif row["state"] != REJECTED:
            undecided.append(row)
    if accepted:
        tx.set_states(StateChange("spans", doc_id, tuple(accepted), "state", SUGGESTED, ACCEPTED))
    used = event_store.spans_in_use(tx.db, doc_id)
    wanted_at = _WantedEntities(remaining)
    for row in undecided:
        became = wanted_at.for_suggestion(row["start"], row["end"], row["label"]) if row["state"] == SUGGESTED else None
        if became is not None:
            remaining.discard(became)
            tx.update("spans", row["id"], {"start": became[0], "end": became[1], "label": became[2], "state": ACCEPTED})
        elif row["origin"] == HUMAN:
            if row["id"] in used:
                drop_uses(tx, row["id"])
            tx.delete("spans", row["id"])
        else:
            if row["id"] in used:
                drop_uses(tx, row["id"])
            tx.update("spans", row["id"], {"state": REJECTED})
    for start, end, label in sorted(remaining):
        tx.insert("spans", {"doc_id": doc_id, "start": start, "end": end, "label": label, "kind": ENTITY,
                            "origin": HUMAN, "state": ACCEPTED, "score": None})


class _WantedEntities:
    """The wanted entities a layer's suggestion may have become, found by place rather than by a pass over all of them
    per suggestion (which made merging a long article's 1,600 relabelled names quadratic); `remaining` is the set
    the caller takes found ones out of."""

    def __init__(self, remaining: set[EntityKey]) -> None:
        self.remaining = remaining
        self.at: dict[tuple[int, int], list[EntityKey]] = {}
        self.by_label: dict[str, list[EntityKey]] = {}
        for key in sorted(remaining):
            self.at.setdefault(key[:2], []).append(key)
            self.by_label.setdefault(key[2], []).append(key)
        self.longest = {label: max(e - s for s, e, _ in keys) for label, keys in self.by_label.items()}

    def for_suggestion(self, start: int, end: int, label: str) -> EntityKey | None:
        """The first remaining wanted entity (in sorted order) on the same span (relabelled), else the first of
        the same label overlapping it (resized); None when there is neither."""
        same = next((k for k in self.at.get((start, end), ()) if k in self.remaining), None)
        if same is not None:
            return same
        keys = self.by_label.get(label, [])
        if not keys:
            return None
        # An overlapping one starts after start - its length and before end.
        lo, hi = bisect_left(keys, (start - self.longest[label] + 1,)), bisect_left(keys, (end,))
        return next((k for k in keys[lo:hi] if start < k[1] and k in self.remaining), None)


def event_versions(db: Any, doc_id: int, *, accepted: bool = False) -> list[tuple[dict[str, Any], LayerEvent]]:
    """The document's live events (only the accepted ones, with their accepted arguments, if `accepted`):
    (row from `event_rows`, the event as a layer gives it)."""
    spans = {r["id"]: r for r in layer_store.span_rows(db, doc_id)}
    states = (ACCEPTED,) if accepted else (ACCEPTED, SUGGESTED)
    out = []
    for event in layer_store.event_rows(db, doc_id):
        trigger = spans.get(event["trigger_id"])
        if event["state"] not in states or trigger is None:
            continue
        args = tuple(sorted((a["role"], spans[a["span_id"]]["start"], spans[a["span_id"]]["end"])
                            for a in event["arguments"] if a["span_id"] in spans and a["state"] in states))
        out.append((event, LayerEvent(event["type"], (trigger["start"], trigger["end"]), args)))
    return out


def current_events(db: Any, doc_id: int) -> set[LayerEvent]:
    """The document's accepted events (with their accepted arguments) as layer events: what it says."""
    return {version for _, version in event_versions(db, doc_id, accepted=True)}


def document_layer(db: Any, doc_id: int) -> Layer:
    """What the document itself says, as a layer of nobody: its accepted entities and its live events (a merge
    leaves no event suggestion; one of an earlier version left the annotator's events suggested, and stored
    them in their layer so)."""
    entities = [(r["start"], r["end"], r["label"]) for r in layer_store.span_rows(db, doc_id)
                if r["kind"] == ENTITY and r["state"] == ACCEPTED]
    return Layer.of("", entities, (version for _, version in event_versions(db, doc_id)))


def has_undecided_events(db: Any, doc_id: int) -> bool:
    """True when the document holds a suggested event, or a suggested argument of a live event."""
    return any(event["state"] == SUGGESTED or any(a["state"] == SUGGESTED for a in event["arguments"])
               for event in layer_store.event_rows(db, doc_id) if event["state"] != REJECTED)


def delete_event(tx: Transaction, event: dict[str, Any]) -> None:
    """Delete one event row (from `event_rows`), its arguments, its argument spans and its trigger (unless another
    event shares it)."""
    for arg in event["arguments"]:
        tx.delete("arguments", arg["id"])
        span = tx.get("spans", arg["span_id"])
        if span and span["kind"] == ARGUMENT and not event_store.arguments_filled_by(tx.db, span["id"]):
            tx.delete("spans", span["id"])
    tx.delete("events", event["id"])
    trigger = tx.get("spans", event["trigger_id"]) if event["trigger_id"] else None
    if trigger is not None and not event_store.events_triggered_by(tx.db, trigger["id"]):  # none shares it
        if trigger["origin"] == HUMAN:
            tx.delete("spans", trigger["id"])
        else:
            tx.update("spans", trigger["id"], {"state": REJECTED})


def add_event(tx: Transaction, doc_id: int, event: LayerEvent) -> int:
    """Insert an event with its trigger (an engine's trigger suggestion there is accepted) and arguments."""
    # The spans at the trigger's and the arguments' places, not every span of the document: an event added at a time
    # read them all, so a merge or adjudication adding hundreds of events to a long article read them hundreds of times.
    start, end = event.trigger
    found = [r for r in layer_store.spans_at(tx.db, doc_id, start, end)
             if r["kind"] == TRIGGER and r["label"] == event.type and r["state"] != ACCEPTED]
    if found:
        trigger = found[0]["id"]
        tx.update("spans", trigger, {"state": ACCEPTED})
    else:
        trigger = tx.insert("spans", {"doc_id": doc_id, "start": start, "end": end, "label": event.type,
                                      "kind": TRIGGER, "origin": HUMAN, "state": ACCEPTED, "score": None})
    event_id = tx.insert("events", {"doc_id": doc_id, "type": event.type, "trigger_id": trigger,
                                    "state": ACCEPTED, "origin": HUMAN})
    for position, (role, a_start, a_end) in enumerate(event.arguments):
        span_id = next((r["id"] for r in reversed(layer_store.spans_at(tx.db, doc_id, a_start, a_end))  # the latest
                        if r["kind"] == ENTITY and r["state"] == ACCEPTED), None)
        if span_id is None:
            span_id = tx.insert("spans", {"doc_id": doc_id, "start": a_start, "end": a_end, "label": "",
                                          "kind": ARGUMENT, "origin": HUMAN, "state": ACCEPTED, "score": None})
        tx.insert("arguments", {"event_id": event_id, "doc_id": doc_id, "role": role, "span_id": span_id,
                                "position": position})
    return event_id


def drop_uses(tx: Transaction, span_id: int) -> None:
    """A span no longer accepted fills no role and triggers nothing."""
    for arg_id in event_store.arguments_filled_by(tx.db, span_id):
        tx.delete("arguments", arg_id)
    for event_id in event_store.events_triggered_by(tx.db, span_id):
        for event in layer_store.event_rows(tx.db, tx.row("events", event_id)["doc_id"]):
            if event["id"] == event_id:
                delete_event(tx, event)


def reopen(tx: Transaction, doc_id: int, entities: set[EntityKey], events: set[LayerEvent]) -> None:
    """Leave every version the layers give undecided in the document, for the adjudicator to decide:
    an engine's span there goes back to a suggestion, a person's goes, and the events they give go."""
    triggers = {e.trigger_key for e in events}
    for row, version in event_versions(tx.db, doc_id):
        if version.trigger_key in triggers:
            delete_event(tx, row)
    used = event_store.spans_in_use(tx.db, doc_id)  # most spans fill no role: no lookups for them
    for row in layer_store.span_rows(tx.db, doc_id):
        key = (row["start"], row["end"], row["label"])
        if (row["kind"] == ENTITY and key in entities) or \
                (row["kind"] == TRIGGER and (row["label"], row["start"], row["end"]) in triggers):
            if row["id"] in used:
                drop_uses(tx, row["id"])
            if row["origin"] == HUMAN:
                tx.delete("spans", row["id"])
            elif row["state"] != SUGGESTED:
                tx.update("spans", row["id"], {"state": SUGGESTED})
