"""The simplest whole-event suggester: trigger words the project knows, each with the nearest entities of its
sentence in the roles that take their labels. The fallback when no event model is trained.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanKind, SpanState
from annotator.core.event_suggestions import ArgumentSuggestion, EventSuggestion
from annotator.core.events import TriggerCandidate, sentence_starts, trigger_candidates
from annotator.core.schema import EventType, Role, Schema

# A role that names no labels takes any span (CEC's five roles name none): the trigger-word suggester then
# guesses from the role's name which entity labels usually fill it, and leaves the other such roles empty.
GUESSED_LABELS = ((frozenset({"time", "时间"}), ("TIME",)),
                  (frozenset({"location", "place", "地点", "destination", "origin"}), ("LOC", "GPE", "FAC")),
                  (frozenset({"participant", "agent", "entity", "person", "参与者", "参与方"}), ("PER", "ORG")))


def role_labels(role: Role) -> tuple[str, ...]:
    """The labels the suggester fills a role with: the role's own, else those its name suggests (or none)."""
    if role.labels:
        return role.labels
    names = {role.name.lower(), role.name_zh}
    return next((labels for words, labels in GUESSED_LABELS if names & words), ())


def open_trigger_candidates(doc: AnnotatedDocument, lexicon: Mapping[str, Sequence[str]]) -> list[TriggerCandidate]:
    """Where a lexicon word occurs on token boundaries, not over a trigger the document has (live or
    rejected: a rejected one never comes back) and not inside an accepted entity."""
    taken = [(s.start, s.end) for s in doc.spans
             if s.kind == SpanKind.TRIGGER or (s.kind == SpanKind.ENTITY and s.state == SpanState.ACCEPTED)]
    return [c for c in trigger_candidates(doc.text, doc.tokens, lexicon, exclude=taken) if c.event_types]


@dataclass(frozen=True)
class LexiconEventSuggester:
    """Trigger words (word -> event types, likeliest first) as events of their likeliest type, each role filled
    by the nearest live entity of its sentence with a label it takes (`role_labels`; one role per entity)."""

    lexicon: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def suggest(self, doc: AnnotatedDocument, schema: Schema) -> list[EventSuggestion]:
        """Events for the document's trigger words not yet decided, with arguments from its entities."""
        found = open_trigger_candidates(doc, self.lexicon)
        if not found:
            return []
        starts = sentence_starts(doc.text)
        entities = sorted((s for s in doc.spans if s.kind == SpanKind.ENTITY and s.is_live),
                          key=lambda s: (s.start, -s.end))
        out = []
        for c in found:
            event_type = schema.event_type(c.event_types[0])
            if event_type is None:
                continue
            sentence = _sentence_of(starts, c.start, len(doc.text))
            near = [s for s in entities if sentence[0] <= s.start and s.end <= sentence[1]
                    and (s.end <= c.start or s.start >= c.end)]
            out.append(EventSuggestion(c.start, c.end, event_type.key, nearest_arguments(event_type, c, near)))
        return out


def nearest_arguments(event_type: EventType, trigger: TriggerCandidate, spans: Sequence[EntitySpan]
                      ) -> tuple[ArgumentSuggestion, ...]:
    """Each role with labels (`role_labels`) gets the nearest span (characters between it and the trigger)
    whose label it takes, a span the most specific such role (fewest labels); one role per span, each stretch
    once."""
    def gap(s: EntitySpan) -> int:
        return trigger.start - s.end if s.end <= trigger.start else s.start - trigger.end

    filled: dict[str, ArgumentSuggestion] = {}
    used: set[tuple[int, int]] = set()
    for span in sorted(spans, key=lambda s: (gap(s), s.start)):
        if (span.start, span.end) in used:
            continue
        open_roles = [r for r in event_type.roles if span.label in role_labels(r) and r.name not in filled]
        # the most specific role first: a place (LOC GPE FAC) before a participant that may be anything
        role = min(open_roles, key=lambda r: len(role_labels(r)), default=None)
        if role is not None:
            filled[role.name] = ArgumentSuggestion(span.start, span.end, role.name, span.label,
                                                   score=1.0 / (1 + gap(span)))
            used.add((span.start, span.end))
    return tuple(sorted(filled.values(), key=lambda a: (a.start, a.end)))


def _sentence_of(starts: list[int], offset: int, length: int) -> tuple[int, int]:
    i = bisect.bisect_right(starts, offset) - 1
    return starts[i], starts[i + 1] if i + 1 < len(starts) else length
