"""Events against the schema: validation warnings, which roles a span may fill, trigger suggestions, deletions."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from annotator.core.annotations import AnnotatedDocument, EntitySpan, Event, SpanKind, SpanState
from annotator.core.schema import EventType, Role, Schema
from annotator.core.text import Token


class WarningKind(StrEnum):
    """What is wrong with an event; every kind is a warning, never a refusal."""

    UNKNOWN_TYPE = "unknown-type"
    NO_TRIGGER = "no-trigger"
    MISSING_SPAN = "missing-span"
    UNKNOWN_ROLE = "unknown-role"
    LABEL_NOT_ALLOWED = "label-not-allowed"
    TOO_MANY = "too-many-fillers"
    MISSING_ROLE = "missing-role"
    OTHER_SENTENCE = "other-sentence"


# Kinds that are only hints: often fine (a long sentence split by the reviewer), shown more quietly.
HINT_KINDS = frozenset({WarningKind.OTHER_SENTENCE})


# What a warning says, one template per case: `message` is the English text; the window shows the template in
# the interface's language (gui/events_panel.py lists them for translation) with the same values.
TEMPLATES = {
    "unknown-type": "event type {type} is not in the schema",
    "no-trigger": "{type} has no trigger",
    "trigger-rejected": "the trigger span {span_id} was rejected",
    "trigger-gone": "the trigger span {span_id} is not in the document",
    "argument-rejected": "the {role} span {span_id} was rejected",
    "argument-gone": "the {role} span {span_id} is not in the document",
    "unknown-role": "{type} has no role {role}",
    "label-not-allowed": "{role} of {type} takes {labels}, not {label} ({span})",
    "other-sentence": "{role} {span} is in another sentence than the trigger {trigger}",
    "missing-role": "{type}: {role} is missing",
    "too-few": "{type}: {role} needs {wanted}, has {count}",
    "too-many": "{type}: {role} takes at most {wanted}, has {count}",
}


@dataclass(frozen=True)
class EventWarning:
    """One problem with one event; `role` and `span_id` point at the argument concerned, when there is one.
    `template` (one of TEMPLATES' values) with `values` makes `message`, so a window can say it in its own language."""

    event_id: int
    kind: WarningKind
    message: str
    role: str = ""
    span_id: int | None = None
    template: str = ""
    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, event_id: int, kind: WarningKind, says: str, *, role_key: str = "", span_id: int | None = None,
           **values: object) -> EventWarning:
        """The warning of TEMPLATES[says] with `values` (each shown as text; `span_id` is one of them)."""
        if span_id is not None:
            values = {"span_id": span_id, **values}
        shown = tuple((k, str(v)) for k, v in values.items())
        template = TEMPLATES[says]
        return cls(event_id, kind, template.format(**dict(shown)), role_key, span_id, template, shown)

    @property
    def is_hint(self) -> bool:
        """True for hints (argument in another sentence) rather than schema violations."""
        return self.kind in HINT_KINDS


# A sentence ends at a line break or after 。！？ (and any closing quotes or brackets right after them).
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)\"']*\n?|\n")


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences begin: after line breaks and after 。！？ (with their closing quotes)."""
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        if match.end() < len(text) and match.end() != starts[-1]:
            starts.append(match.end())
    return starts


def validate_events(doc: AnnotatedDocument, schema: Schema) -> list[EventWarning]:
    """Warnings for every live event of the document, in event order."""
    checker = _Checker(doc, schema)
    return [w for event in doc.events if event.state != SpanState.REJECTED for w in checker.check(event)]


def validate_event(event: Event, *, doc: AnnotatedDocument, schema: Schema) -> list[EventWarning]:
    """Warnings for one event of the document."""
    return _Checker(doc, schema).check(event)


def warning_counts(warnings: Iterable[EventWarning]) -> dict[str, int]:
    """How many warnings of each kind, for `annotator info` and the statistics."""
    return dict(Counter(str(w.kind) for w in warnings))


class _Checker:
    """Checks events of one document; built once per document so spans and sentences are indexed once."""

    def __init__(self, doc: AnnotatedDocument, schema: Schema) -> None:
        self.doc = doc
        self.schema = schema
        self.spans = {s.id: s for s in doc.spans}
        self.sentences = sentence_starts(doc.text)

    def check(self, event: Event) -> list[EventWarning]:
        event_type = self.schema.event_type(event.type)
        warnings = [] if event_type is not None else [
            EventWarning.of(event.id, WarningKind.UNKNOWN_TYPE, "unknown-type", type=repr(event.type))]
        trigger = self._trigger(event, warnings, event_type)
        fillers: dict[str, set[int]] = {}
        for arg in event.arguments:
            if arg.state == SpanState.REJECTED:
                continue  # a rejected suggestion fills no role
            span = self._span(event, arg.role, arg.span_id, warnings)
            if span is None:
                continue
            fillers.setdefault(arg.role, set()).add(span.id)
            if event_type is not None:
                self._argument(event, event_type, arg.role, span, warnings)
            if trigger is not None and self._sentence(span.start) != self._sentence(trigger.start):
                warnings.append(EventWarning.of(
                    event.id, WarningKind.OTHER_SENTENCE, "other-sentence", role_key=arg.role, span_id=span.id,
                    role=arg.role, span=self._quote(span), trigger=self._quote(trigger)))
        if event_type is not None:
            warnings += self._counts(event, event_type, fillers)
        return warnings

    def _trigger(self, event: Event, warnings: list[EventWarning], event_type: EventType | None) -> EntitySpan | None:
        if event.trigger_id is None:
            warnings.append(EventWarning.of(event.id, WarningKind.NO_TRIGGER, "no-trigger",
                                            type=_named(event_type) if event_type else event.type))
            return None
        return self._span(event, "trigger", event.trigger_id, warnings)

    def _span(self, event: Event, what: str, span_id: int, warnings: list[EventWarning]) -> EntitySpan | None:
        span = self.spans.get(span_id)
        if span is not None and span.state != SpanState.REJECTED:
            return span
        how = "rejected" if span is not None else "gone"
        if what == "trigger":
            warnings.append(EventWarning.of(event.id, WarningKind.MISSING_SPAN, f"trigger-{how}", span_id=span_id))
        else:
            warnings.append(EventWarning.of(event.id, WarningKind.MISSING_SPAN, f"argument-{how}", role_key=what,
                                            span_id=span_id, role=what))
        return None

    def _argument(self, event: Event, event_type: EventType, role_name: str, span: EntitySpan,
                  warnings: list[EventWarning]) -> None:
        role = event_type.role(role_name)
        if role is None:
            warnings.append(EventWarning.of(event.id, WarningKind.UNKNOWN_ROLE, "unknown-role", role_key=role_name,
                                            span_id=span.id, type=_named(event_type), role=repr(role_name)))
        elif not role.allows(span_label(span)):
            warnings.append(EventWarning.of(
                event.id, WarningKind.LABEL_NOT_ALLOWED, "label-not-allowed", role_key=role_name, span_id=span.id,
                role=_named(role), type=event_type.key, labels=" ".join(role.labels), label=span.label,
                span=self._quote(span)))

    def _counts(self, event: Event, event_type: EventType, fillers: dict[str, set[int]]) -> list[EventWarning]:
        warnings = []
        for role in event_type.roles:
            n = len(fillers.get(role.name, ()))
            if n < role.min_count:
                kind, says, wanted = WarningKind.MISSING_ROLE, "missing-role" if n == 0 else "too-few", role.min_count
            elif role.max_count is not None and n > role.max_count:
                kind, says, wanted = WarningKind.TOO_MANY, "too-many", role.max_count
            else:
                continue
            warnings.append(EventWarning.of(event.id, kind, says, role_key=role.name, role=_named(role),
                                            type=_named(event_type), wanted=wanted, count=n))
        return warnings

    def _sentence(self, offset: int) -> int:
        return bisect.bisect_right(self.sentences, offset) - 1

    def _quote(self, span: EntitySpan) -> str:
        return f"「{span.text_in(self.doc.text)}」"


def _named(item: EventType | Role) -> str:
    key = item.key if isinstance(item, EventType) else item.name
    return f"{key} ({item.name_zh})" if item.name_zh else key


def span_label(span: EntitySpan) -> str | None:
    """The entity label a span brings to a role: None for unlabelled argument spans and triggers."""
    return span.label if span.kind == SpanKind.ENTITY else None


def roles_for_label(event_type: EventType, label: str | None) -> tuple[Role, ...]:
    """Roles of the event type that a span with this label (None: an unlabelled span) may fill."""
    return tuple(role for role in event_type.roles if role.allows(label))


def roles_for_span(event_type: EventType, span: EntitySpan) -> tuple[Role, ...]:
    """Roles of the event type that this span may fill."""
    return roles_for_label(event_type, span_label(span))


# -- trigger suggestions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TriggerCandidate:
    """A stretch of text that looks like a trigger, with the event types it triggered or exemplifies."""

    start: int
    end: int
    text: str
    event_types: tuple[str, ...] = ()


def trigger_lexicon(schema: Schema, used: Iterable[tuple[str, str]] = ()) -> dict[str, tuple[str, ...]]:
    """Trigger word -> event types: words of reviewed events first (most used first), then schema examples."""
    known = set(schema.event_type_keys)
    counts = Counter((word, key) for word, key in used if word and key in known)
    lexicon: dict[str, list[str]] = {}
    for (word, key), _ in sorted(counts.items(), key=lambda item: -item[1]):
        lexicon.setdefault(word, []).append(key)
    for event_type in schema.event_types:
        for word in event_type.triggers:
            keys = lexicon.setdefault(word, [])
            if event_type.key not in keys:
                keys.append(event_type.key)
    return {word: tuple(keys) for word, keys in lexicon.items()}


def trigger_candidates(text: str, tokens: Sequence[Token], words: Mapping[str, Sequence[str]] | Iterable[str], *,
                       exclude: Iterable[tuple[int, int]] = ()) -> list[TriggerCandidate]:
    """Where `words` occur in the text on token boundaries, longest first, none overlapping `exclude`."""
    lexicon = {w: tuple(v) for w, v in words.items()} if isinstance(words, Mapping) else dict.fromkeys(words, ())
    lexicon.pop("", None)
    if not lexicon:
        return []
    blocked = bytearray(len(text))  # 1 where an excluded range lies: one pass, then O(1)-ish look-ups
    for b_start, b_end in exclude:
        b_start, b_end = max(0, b_start), min(len(text), b_end)
        blocked[b_start:b_end] = b"\x01" * max(0, b_end - b_start)
    found = _token_matches(text, tokens, lexicon) if tokens else _substring_matches(text, lexicon)
    found = [(s, e) for s, e in found if blocked.find(1, s, e) < 0]
    chosen: list[TriggerCandidate] = []
    for start, end in sorted(found, key=lambda m: (m[0], -m[1])):
        if chosen and start < chosen[-1].end:
            continue  # leftmost-longest: a shorter word inside a chosen one is not suggested twice
        word = text[start:end]
        chosen.append(TriggerCandidate(start, end, word, lexicon[word]))
    return chosen


def _token_matches(text: str, tokens: Sequence[Token], lexicon: Mapping[str, object]) -> list[tuple[int, int]]:
    longest = max(len(w) for w in lexicon)
    found = []
    for i, (start, _) in enumerate(tokens):
        j = i
        while j < len(tokens) and tokens[j][1] - start <= longest:
            if text[start:tokens[j][1]] in lexicon:
                found.append((start, tokens[j][1]))
            j += 1
    return found


def _substring_matches(text: str, lexicon: Mapping[str, object]) -> list[tuple[int, int]]:
    found = []
    for word in lexicon:
        at = text.find(word)
        while at >= 0:
            found.append((at, at + len(word)))
            at = text.find(word, at + 1)
    return found
