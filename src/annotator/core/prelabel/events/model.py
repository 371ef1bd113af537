"""The event model: a trigger tagger (span and type) and an argument tagger (role-typed spans in the trigger's
sentence), both character CRFs, suggesting whole events within what the schema allows."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.annotations import AnnotatedDocument, SpanKind, SpanState
from annotator.core.errors import ReadError
from annotator.core.event_suggestions import ArgumentSuggestion, EventSuggestion
from annotator.core.prelabel.events.features import (
    Sentence,
    argument_features,
    document_tokens,
    lexicon,
    sentences,
    spans_of,
    trigger_features,
)
from annotator.core.schema import EventType, Schema

if TYPE_CHECKING:
    import pycrfsuite

Trigger = tuple[int, int, str, float]  # start, end, event type, score

EVENTS_KIND = "events"  # meta["kind"] of an event model file (an entity model's meta has none)
TRIGGERS_MEMBER, ARGUMENTS_MEMBER = "triggers.crfsuite", "arguments.crfsuite"
# An argument the tagger is less sure of than this is left out: a wrong argument costs the reviewer a key
# press to reject, a missing one a selection and a role (benchmarks/RESULTS-events.md).
MIN_ARGUMENT_SCORE = 0.3
# A word the tagger leaves out is a trigger still when its characters are this likely to be one (marginals):
# Viterbi alone found half the triggers at precision 0.69 (benchmarks/RESULTS-events.md).
TRIGGER_THRESHOLD = 0.4
# A word found as a trigger is one at its other places in the document too: in CEC 82% of the occurrences
# of a trigger word (two characters or more) in its document are triggers.
PROPAGATE = True


class EventModel:
    """Trained trigger and argument taggers (crfsuite models kept as bytes) and what they learned from."""

    def __init__(self, triggers: bytes, arguments: bytes, meta: dict[str, Any]) -> None:
        self.triggers = triggers
        self.arguments = arguments
        self.meta = meta
        self._local = threading.local()  # a crfsuite tagger is not safe to share between threads
        self.trigger_threshold: float | None = TRIGGER_THRESHOLD
        self.propagate = PROPAGATE

    # -- the model file -------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The model file: a zip of meta.json and the two crfsuite models (as entity models, a zip with meta.json)."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("meta.json", json.dumps({**self.meta, "kind": EVENTS_KIND}, ensure_ascii=False))
            zf.writestr(TRIGGERS_MEMBER, self.triggers)
            zf.writestr(ARGUMENTS_MEMBER, self.arguments)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, *, source: str = "the project's event model") -> EventModel:
        """Read what `to_bytes` wrote."""
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                meta = dict(json.loads(zf.read("meta.json")))
                triggers, arguments = zf.read(TRIGGERS_MEMBER), zf.read(ARGUMENTS_MEMBER)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise ReadError(f"not an event model: {exc}", path=source) from exc
        if meta.get("kind") != EVENTS_KIND:
            raise ReadError("not an event model (an entity model?)", path=source)
        return cls(triggers, arguments, meta)

    def _taggers(self) -> tuple[pycrfsuite.Tagger, pycrfsuite.Tagger]:
        taggers = getattr(self._local, "taggers", None)
        if taggers is None:
            import pycrfsuite

            taggers = (pycrfsuite.Tagger(), pycrfsuite.Tagger())
            taggers[0].open_inmemory(self.triggers)
            taggers[1].open_inmemory(self.arguments)
            self._local.taggers = taggers
        return taggers

    # -- suggesting -----------------------------------------------------------------------------
    def suggest(self, doc: AnnotatedDocument, schema: Schema) -> Sequence[EventSuggestion]:
        """Whole events for `doc`: triggers of the schema's event types where no live trigger is yet, each
        with the arguments its type's roles allow."""
        taken = [(s.start, s.end) for s in doc.spans if s.kind == SpanKind.TRIGGER and s.state != SpanState.REJECTED]
        lex = lexicon(schema)
        parts = [(sentence, trigger_features(doc.text, sentence, lex)) for sentence in sentences(doc, document_tokens(doc))]
        found = [[t for t in self.tag_triggers(base, sentence) if schema.event_type(t[2]) is not None]
                 for sentence, base in parts]
        if self.propagate:
            found = _propagate(doc.text, [sentence for sentence, _ in parts], found)
        out: list[EventSuggestion] = []
        for (sentence, base), triggers in zip(parts, found, strict=True):
            triggers = [t for t in triggers if not any(s < t[1] and t[0] < e for s, e in taken)]
            spans = [(s, e) for s, e, _, _ in triggers]
            for start, end, etype, score in triggers:
                et = schema.event_type(etype)
                assert et is not None
                args = self.tag_arguments(doc, sentence, base, (start, end, etype), spans, et)
                out.append(EventSuggestion(start, end, etype, tuple(args), round(score, 4)))
        return out

    def tag_triggers(self, base: list[list[str]], sentence: Sentence) -> list[Trigger]:
        """Triggers `(start, end, type, score)` the tagger finds in a sentence; score: the mean marginal of its tags."""
        tagger = self._taggers()[0]
        found = _tag(tagger, base, sentence.start)
        if self.trigger_threshold is None or not base:
            return found
        offset, labels = sentence.start, [t for t in tagger.labels() if t != "O"]
        types = sorted({t.partition("-")[2] for t in labels})
        for ws, we in sentence.words:
            if ws < offset or we > sentence.end or any(s < we and ws < e for s, e, _, _ in found):
                continue
            likely = sum(1 - tagger.marginal("O", i - offset) for i in range(ws, we)) / (we - ws)
            if likely < self.trigger_threshold or not types:
                continue
            etype = max(types, key=lambda t: sum(tagger.marginal(lab, i - offset) for i in range(ws, we)
                                                 for lab in (f"B-{t}", f"I-{t}") if lab in labels))
            found.append((ws, we, etype, likely))
        return sorted(found)

    def tag_arguments(self, doc: AnnotatedDocument, sentence: Sentence, base: list[list[str]],
                      trigger: tuple[int, int, str], others: Sequence[tuple[int, int]],
                      etype: EventType) -> list[ArgumentSuggestion]:
        """The arguments of one trigger in its sentence, within the roles (and labels) its type allows."""
        tagger = self._taggers()[1]
        feats = argument_features(doc.text, sentence, base, trigger, others)
        found = [a for a in _tag(tagger, feats, sentence.start) if a[3] >= MIN_ARGUMENT_SCORE
                 and not (a[0] < trigger[1] and trigger[0] < a[1])]
        entities = {(s.start, s.end): s.label for s in doc.spans
                    if s.kind == SpanKind.ENTITY and s.state != SpanState.REJECTED}
        kept: list[ArgumentSuggestion] = []
        for start, end, role_name, score in sorted(found, key=lambda a: -a[3]):
            role = etype.role(role_name)
            if role is None:
                continue
            label = entities.get((start, end), "")
            if role.labels and label not in role.labels:
                if label:
                    continue  # an entity of a label this role does not take
                label = self._usual_label(role_name, role.labels)
            if role.max_count is not None and sum(a.role == role_name for a in kept) >= role.max_count:
                continue
            kept.append(ArgumentSuggestion(start, end, role_name, label, round(score, 4)))
        return sorted(kept, key=lambda a: (a.start, a.end))

    def _usual_label(self, role: str, allowed: Sequence[str]) -> str:
        counts = self.meta.get("role_labels", {}).get(role, {})
        return max(allowed, key=lambda lab: (counts.get(lab, 0), -allowed.index(lab)))


def _propagate(text: str, parts: Sequence[Sentence], found: list[list[Trigger]]) -> list[list[Trigger]]:
    """Each sentence's triggers plus the other occurrences of the document's trigger words (two characters
    or more, the type they were found with most surely) on word edges where no trigger is yet."""
    words: dict[str, tuple[str, float]] = {}
    for triggers in found:
        for s, e, etype, score in triggers:
            if e - s >= 2 and score > words.get(text[s:e], ("", 0.0))[1]:
                words[text[s:e]] = (etype, score)
    out = []
    for sentence, triggers in zip(parts, found, strict=True):
        more = list(triggers)
        starts, ends = {w[0] for w in sentence.words}, {w[1] for w in sentence.words}
        for word, (etype, score) in words.items():
            at = text.find(word, sentence.start, sentence.end)
            while at >= 0:
                if (at in starts and at + len(word) in ends
                        and not any(s < at + len(word) and at < e for s, e, _, _ in more)):
                    more.append((at, at + len(word), etype, score))
                at = text.find(word, at + 1, sentence.end)
        out.append(sorted(more))
    return out


def _tag(tagger: pycrfsuite.Tagger, feats: list[list[str]], offset: int) -> list[tuple[int, int, str, float]]:
    """Labelled spans of one sequence, each scored by the mean marginal of its tags."""
    if not feats:
        return []
    tagger.set(feats)
    tags = tagger.tag()
    out = []
    for start, end, label in spans_of(tags, offset):
        probs = [tagger.marginal(tags[i - offset], i - offset) for i in range(start, end)]
        out.append((start, end, label, sum(probs) / len(probs)))
    return out
