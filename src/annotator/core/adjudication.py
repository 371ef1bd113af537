"""Settling a document the annotators disagree on: every version of every span, who said it, what is open."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from annotator.core.layers import EntityKey, Layer, LayerEvent


@dataclass(frozen=True)
class Candidate:
    """One version of an entity span and the annotators who gave it."""

    start: int
    end: int
    label: str
    annotators: tuple[str, ...]
    agreed: bool  # every annotator of the document gave exactly this

    @property
    def key(self) -> EntityKey:
        """(start, end, label)."""
        return (self.start, self.end, self.label)

    def overlaps(self, start: int, end: int) -> bool:
        """True when it shares a character with [start, end)."""
        return self.start < end and start < self.end


@dataclass(frozen=True)
class EventCandidate:
    """One version of an event and the annotators who gave it."""

    event: LayerEvent
    annotators: tuple[str, ...]
    agreed: bool

    def overlaps(self, start: int, end: int) -> bool:
        """True when its trigger shares a character with [start, end)."""
        return self.event.trigger[0] < end and start < self.event.trigger[1]


def describe(version: Candidate | EventCandidate, text: str) -> str:
    """A version in one line over the document's `text`: `LOC 北京 [3, 5)`, `event Meet 会谈 [9, 11) Entity=中方`."""
    if isinstance(version, EventCandidate):
        e = version.event
        args = " ".join(f"{role}={text[s:t]}" for role, s, t in e.arguments)
        return f"event {e.type} {text[e.trigger[0]:e.trigger[1]]} [{e.trigger[0]}, {e.trigger[1]}) {args}".rstrip()
    return f"{version.label} {text[version.start:version.end]} [{version.start}, {version.end})"


def candidates(layers: Sequence[Layer]) -> list[Candidate]:
    """Every distinct entity span of the layers, in text order, with who gave it."""
    who: dict[EntityKey, list[str]] = {}
    for layer in layers:
        for key in layer.entities:
            who.setdefault(key, []).append(layer.annotator)
    n = len(layers)
    return [Candidate(*key, annotators=tuple(sorted(names)), agreed=len(set(names)) == n)
            for key, names in sorted(who.items(), key=lambda kv: (kv[0][0], -kv[0][1], kv[0][2]))]


def event_candidates(layers: Sequence[Layer]) -> list[EventCandidate]:
    """Every distinct event of the layers, in trigger order, with who gave it."""
    who: dict[LayerEvent, list[str]] = {}
    for layer in layers:
        for event in layer.events:
            who.setdefault(event, []).append(layer.annotator)
    n = len(layers)
    return [EventCandidate(e, tuple(sorted(names)), len(set(names)) == n)
            for e, names in sorted(who.items(), key=lambda kv: (kv[0].trigger, kv[0].type, kv[0].arguments))]


def rivals(candidate: Candidate, among: Sequence[Candidate]) -> list[Candidate]:
    """The other versions competing with a candidate: overlapping spans not every annotator gave. A span every
    annotator gave is in every version, the taken one's too, so taking another never drops it."""
    return [c for c in among if c.key != candidate.key and c.overlaps(candidate.start, candidate.end)
            and not c.agreed]


@dataclass(frozen=True)
class Decided:
    """What the document itself holds now (taken and dropped), as adjudication compares it with the candidates."""

    accepted: frozenset[EntityKey]
    rejected: frozenset[EntityKey]
    events: frozenset[LayerEvent]
    rejected_triggers: frozenset[tuple[str, int, int]]  # (type, start, end)


def is_decided(candidate: Candidate, state: Decided) -> bool:
    """Taken (the document has exactly this span) or dropped (kept as rejected there)."""
    return candidate.key in state.accepted or candidate.key in state.rejected


def is_event_decided(candidate: EventCandidate, state: Decided) -> bool:
    """Taken, dropped (its trigger rejected), or another version on the same trigger taken (not for a version
    every annotator gave: taking another never drops it, so it is decided only by itself)."""
    e = candidate.event
    if e in state.events or e.trigger_key in state.rejected_triggers:
        return True
    return not candidate.agreed and any(other.trigger == e.trigger for other in state.events)


def open_candidates(entities: Collection[Candidate], events: Collection[EventCandidate],
                    state: Decided) -> tuple[list[Candidate], list[EventCandidate]]:
    """The versions nobody has settled yet; the document may be marked reviewed when both are empty."""
    return ([c for c in entities if not is_decided(c, state)],
            [c for c in events if not is_event_decided(c, state)])


OPEN, TAKEN, DROPPED = "open", "taken", "dropped"


def verdict(version: Candidate | EventCandidate, state: Decided) -> str:
    """What became of a version: OPEN, TAKEN (the document holds it) or DROPPED (rejected there, or for an event
    another version on its trigger taken), so an adjudicator looking again sees what was chosen."""
    if isinstance(version, EventCandidate):
        if version.event in state.events:
            return TAKEN
        return DROPPED if is_event_decided(version, state) else OPEN
    if version.key in state.accepted:
        return TAKEN
    return DROPPED if version.key in state.rejected else OPEN
