"""The event model: a trigger tagger (span and type), a classifier of the trigger candidates' types and an
argument tagger (role-typed spans in the trigger's sentence), suggesting whole events within the schema."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.annotations import AnnotatedDocument, SpanKind, SpanState
from annotator.core.errors import ReadError
from annotator.core.event_suggestions import ArgumentSuggestion, EventSuggestion
from annotator.core.limits import read_member
from annotator.core.prelabel.events.features import (
    Clusters,
    Sentence,
    argument_features,
    lexicon,
    sentences,
    spans_of,
    trigger_features,
)
from annotator.core.prelabel.events.trigger_spans import (
    LEXICAL,
    TRIGGER,
    SpanWeights,
    candidate_words,
    lexical_classes,
    span_features,
    word_repeats,
)
from annotator.core.prelabel.events.trigger_types import (
    TypeClassifier,
    TypeWeights,
    candidate_features,
    choose_type,
)
from annotator.core.schema import EventType, Schema
from annotator.core.text import Token

if TYPE_CHECKING:
    import pycrfsuite

Trigger = tuple[int, int, str, float]  # start, end, event type, score

EVENTS_KIND = "events"  # meta["kind"] of an event model file (an entity model's meta has none)
TRIGGERS_MEMBER, ARGUMENTS_MEMBER = "triggers.crfsuite", "arguments.crfsuite"
# Since format 2 (meta["format"]): the type classifier of trigger candidates. A format-1 file has none and
# types its triggers as before (the word's training types weighed with the tagger's marginals).
TYPES_MEMBER = "types.crfsuite"
# Since format 3: meta["clusters"] names the shipped word-cluster table whose clusters are features of the
# type classifier (features/clusters.py); a format-2 file has none and is read as before.
# Since format 4: the classifier of whether a word is a trigger where it stands (trigger_spans.py), which
# makes every word a candidate; a format-3 file has none and takes its candidates as before.
SPANS_MEMBER = "spans.crfsuite"
# Since format 5: meta["lexical"] ("lac") says the span classifier and the argument tagger read LAC's word
# classes (trigger_spans.lexical_classes); a format-4 file has none and is read as before.
FORMAT = 5
# The cuts and weights below were picked by 5-fold cross-validation (benchmarks/RESULTS-events.md).
# An argument the tagger is less sure of than this is left out: a wrong argument costs the reviewer a key
# press to reject, a missing one a selection and a role.
MIN_ARGUMENT_SCORE = 0.3
# A format-1 file (no type classifier): a word the tagger leaves out is a trigger still when its characters
# are this likely to be one (marginals), since Viterbi alone finds too few.
TRIGGER_THRESHOLD = 0.4
# A format-1 file: a trigger's type is the types its word had in training, counted, plus this many times the
# tagger's own reading (its marginals): a trigger word's most frequent type is more often right than the tagger.
WORD_WEIGHT = 2.0
# With the type classifier but not the span classifier (formats 2 and 3): every word whose characters are this
# likely trigger characters is a candidate, and a candidate is suggested when its span score (the tagger's
# own spans count at least VITERBI_FLOOR) times its type's share is at least MIN_TRIGGER_SCORE: a wrong
# trigger costs a false positive and a miss, so the F1-best cut lies near half the F1. Format 4 decides with
# SpanWeights instead.
CANDIDATE_THRESHOLD = 0.2
VITERBI_FLOOR = 0.5
MIN_TRIGGER_SCORE = 0.15


class EventModel:
    """Trained trigger and argument taggers, the classifiers of a trigger candidate's type and (format 4) of
    whether a word is a trigger where it stands (crfsuite models kept as bytes), and what they learned from."""

    def __init__(self, triggers: bytes, arguments: bytes, meta: dict[str, Any], types: bytes | None = None,
                 spans: bytes | None = None) -> None:
        self.triggers = triggers
        self.arguments = arguments
        self.meta = meta
        self.types = TypeClassifier(types) if types else None
        self.spans = TypeClassifier(spans) if spans and types else None
        self.span_weights = SpanWeights()
        self.clusters = _clusters(meta.get("clusters"))
        self.lexical = meta.get("lexical") == LEXICAL
        self._local = threading.local()  # a crfsuite tagger is not safe to share between threads
        self.trigger_threshold: float | None = TRIGGER_THRESHOLD if types is None else CANDIDATE_THRESHOLD
        self.type_weights = TypeWeights()

    # -- the model file -------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The model file: a zip of meta.json and the crfsuite models (as entity models, a zip with meta.json)."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            meta = {**self.meta, "kind": EVENTS_KIND, "format": self.format()}
            zf.writestr("meta.json", json.dumps(meta, ensure_ascii=False))
            zf.writestr(TRIGGERS_MEMBER, self.triggers)
            zf.writestr(ARGUMENTS_MEMBER, self.arguments)
            if self.types:
                zf.writestr(TYPES_MEMBER, self.types.data)
            if self.spans:
                zf.writestr(SPANS_MEMBER, self.spans.data)
        return buf.getvalue()

    def format(self) -> int:
        """The oldest file format that holds everything this model has."""
        return 5 if self.lexical else 4 if self.spans else 3 if self.clusters is not None else 2 if self.types else 1

    @classmethod
    def from_bytes(cls, data: bytes, *, source: str = "the project's event model") -> EventModel:
        """Read what `to_bytes` wrote."""
        from annotator.core.prelabel.models.crfsuite_file import (
            check_crfsuite,  # numpy: not at `info`'s start
        )

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                meta = json.loads(read_member(zf, "meta.json", where=source))
                if not isinstance(meta, dict):
                    raise ValueError("its meta.json is not an object")
                triggers = read_member(zf, TRIGGERS_MEMBER, where=source)
                arguments = read_member(zf, ARGUMENTS_MEMBER, where=source)
                types = read_member(zf, TYPES_MEMBER, where=source) if TYPES_MEMBER in zf.namelist() else None
                spans = read_member(zf, SPANS_MEMBER, where=source) if SPANS_MEMBER in zf.namelist() else None
            for member, crf in ((TRIGGERS_MEMBER, triggers), (ARGUMENTS_MEMBER, arguments), (TYPES_MEMBER, types),
                                (SPANS_MEMBER, spans)):
                try:
                    if crf is not None:
                        check_crfsuite(crf)  # crfsuite follows a damaged file's offsets to a crash
                except ValueError as exc:
                    raise ValueError(f"its {member} is damaged: {exc}") from exc
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise ReadError(f"not an event model: {exc}", path=source) from exc
        if meta.get("kind") != EVENTS_KIND:
            raise ReadError("not an event model (an entity model?)", path=source)
        version = meta.get("format", 1)
        if not isinstance(version, int) or version > FORMAT:
            raise ReadError(f"an event model of format {version}, newer than this annotator reads ({FORMAT}): "
                            "update annotator or train the model again", path=source)
        if spans is not None and types is None:  # the span classifier weighs candidates with their types
            raise ReadError(f"an event model with {SPANS_MEMBER} but without {TYPES_MEMBER}: train the model again",
                            path=source)
        if meta.get("lexical") not in (None, LEXICAL):
            raise ReadError(f"an event model reading an unknown lexical analysis ({meta['lexical']!r}): update "
                            "annotator or train the model again", path=source)
        try:
            return cls(triggers, arguments, meta, types, spans)
        except OSError as exc:
            raise ReadError(f"the event model's word clusters are missing: {exc}", path=source) from exc

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
        parts = [(sentence, trigger_features(doc.text, sentence, lex)) for sentence in sentences(doc)]
        repeats = word_repeats(doc.text, (sentence for sentence, _ in parts))
        classes = lexical_classes(doc.text) if self.lexical and parts else None
        found = [[t for t in self.tag_triggers(doc.text, base, sentence, repeats, classes)
                  if schema.event_type(t[2]) is not None] for sentence, base in parts]
        out: list[EventSuggestion] = []
        for (sentence, base), triggers in zip(parts, found, strict=True):
            triggers = [t for t in triggers if not any(s < t[1] and t[0] < e for s, e in taken)]
            spans = [(s, e) for s, e, _, _ in triggers]
            for start, end, etype, score in triggers:
                et = schema.event_type(etype)
                assert et is not None
                args = self.tag_arguments(doc, sentence, base, (start, end, etype), spans, et, classes)
                out.append(EventSuggestion(start, end, etype, tuple(args), round(score, 4)))
        return out

    def tag_triggers(self, text: str, base: list[list[str]], sentence: Sentence,
                     repeats: Mapping[Token, int] | None = None,
                     lexical: Sequence[str] | None = None) -> list[Trigger]:
        """Triggers `(start, end, type, score)` the tagger finds in a sentence; score: the mean marginal of its
        tags. `repeats`: how often each word occurred earlier in the document (trigger_spans.word_repeats);
        `lexical`: LAC's word classes of `text` (trigger_spans.lexical_classes; read when not given and the
        model reads them)."""
        tagger = self._taggers()[0]
        found = _tag(tagger, base, sentence.start)
        if not base:
            return found
        offset, labels = sentence.start, [t for t in tagger.labels() if t != "O"]
        types = sorted({t.partition("-")[2] for t in labels})
        if self.spans is not None and types:
            return self._every_word(tagger, text, sentence, found, labels, types,
                                    word_repeats(text, [sentence]) if repeats is None else repeats, lexical)
        if self.trigger_threshold is not None and types:
            for ws, we in sentence.words:
                if ws < offset or we > sentence.end or any(s < we and ws < e for s, e, _, _ in found):
                    continue
                likely = sum(1 - tagger.marginal("O", i - offset) for i in range(ws, we)) / (we - ws)
                if likely >= self.trigger_threshold:
                    found.append((ws, we, "", likely))
        if self.types is not None:
            return self._classified(tagger, text, sentence, found, labels, types)
        return sorted(self._typed(tagger, text, t, offset, labels, types) for t in found)

    def _classified(self, tagger: pycrfsuite.Tagger, text: str, sentence: Sentence, found: list[Trigger],
                    labels: list[str], types: list[str]) -> list[Trigger]:
        """The candidates the type classifier is sure enough of, typed by it, the tagger's reading and the
        word's training types; score: span score x the type's share."""
        assert self.types is not None
        words = self.meta.get("trigger_words", {})
        out = []
        for start, end, etype, score in found:
            probs = self.types.probabilities(candidate_features(text, sentence, start, end, self.clusters))
            best, share = choose_type(probs, self._reading(tagger, start, end, sentence.start, labels, types),
                                      words.get(text[start:end], {}), sorted(probs), self.type_weights)
            joint = (max(score, VITERBI_FLOOR) if etype else score) * share
            if joint >= MIN_TRIGGER_SCORE:
                out.append((start, end, best, joint))
        return sorted(out)

    def _every_word(self, tagger: pycrfsuite.Tagger, text: str, sentence: Sentence, found: list[Trigger],
                    labels: list[str], types: list[str], repeats: Mapping[Token, int],
                    lexical: Sequence[str] | None) -> list[Trigger]:
        """The tagger's spans and every other word, each suggested when its span score, the span classifier's
        P(trigger) and its type's share are together likely enough (SpanWeights); score: that product."""
        assert self.types is not None
        weights, words, offset = self.span_weights, self.meta.get("trigger_words", {}), sentence.start
        out = []
        for start, end, span, p in self.span_candidates(tagger, text, sentence, found, repeats, lexical):
            likely = weights.likely(span, p)
            if likely < weights.cut:
                continue  # no type's share (at most 1) would bring it over the cut
            probs = self.types.probabilities(candidate_features(text, sentence, start, end, self.clusters))
            best, share = choose_type(probs, self._reading(tagger, start, end, offset, labels, types),
                                      words.get(text[start:end], {}), sorted(probs), self.type_weights)
            if likely * share >= weights.cut:
                out.append((start, end, best, likely * share))
        return sorted(out)

    def span_candidates(self, tagger: pycrfsuite.Tagger, text: str, sentence: Sentence, found: list[Trigger],
                        repeats: Mapping[Token, int],
                        lexical: Sequence[str] | None = None) -> list[tuple[int, int, float, float]]:
        """`(start, end, span score, P(trigger))` of the tagger's spans `found` (span score: their mean
        marginal, at least VITERBI_FLOOR) and of every other word but punctuation (the mean trigger marginal
        of its characters), with the tagger set on the sentence; `lexical`: LAC's word classes of `text`
        (read here when a model that reads them, format 5, is not given them)."""
        assert self.spans is not None
        if self.lexical and lexical is None:
            lexical = lexical_classes(text)
        offset = sentence.start
        candidates = [(s, e, max(score, VITERBI_FLOOR)) for s, e, _, score in found]
        for ws, we in candidate_words(text, sentence):
            if any(s < we and ws < e for s, e, _, _ in found):
                continue
            candidates.append((ws, we, sum(1 - tagger.marginal("O", i - offset) for i in range(ws, we)) / (we - ws)))
        return [(start, end, span, self.spans.probabilities(
                    span_features(text, sentence, start, end, self.clusters, repeats,
                                  lexical if self.lexical else None)).get(TRIGGER, 0.0))
                for start, end, span in candidates]

    @staticmethod
    def _reading(tagger: pycrfsuite.Tagger, start: int, end: int, offset: int, labels: list[str],
                 types: list[str]) -> dict[str, float]:
        """The tagger's marginal mass for each type over the span's characters."""
        return {t: sum(tagger.marginal(lab, i - offset) for i in range(start, end)
                       for lab in (f"B-{t}", f"I-{t}") if lab in labels) for t in types}

    def _typed(self, tagger: pycrfsuite.Tagger, text: str, trigger: Trigger, offset: int, labels: list[str],
               types: list[str]) -> Trigger:
        """The trigger with the type its word had most in training, weighed with the tagger's reading."""
        start, end, etype, score = trigger
        counts = self.meta.get("trigger_words", {}).get(text[start:end], {})
        if not counts and etype:
            return trigger
        reading = self._reading(tagger, start, end, offset, labels, types)
        total = sum(reading.values()) or 1.0
        best = max(types, key=lambda t: (counts.get(t, 0) + WORD_WEIGHT * reading[t] / total, t == etype))
        return start, end, best, score

    def tag_arguments(self, doc: AnnotatedDocument, sentence: Sentence, base: list[list[str]],
                      trigger: tuple[int, int, str], others: Sequence[tuple[int, int]],
                      etype: EventType, lexical: Sequence[str] | None = None) -> list[ArgumentSuggestion]:
        """The arguments of one trigger in its sentence, within the roles (and labels) its type allows;
        `lexical`: LAC's word classes of the document's text (read here when a model that reads them is not
        given them)."""
        tagger = self._taggers()[1]
        if self.lexical and lexical is None:
            lexical = lexical_classes(doc.text)
        feats = argument_features(doc.text, sentence, base, trigger, others, lexical if self.lexical else None)
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


def _clusters(name: object) -> Clusters | None:
    """The word-cluster table a model learned with (meta["clusters"]), or None."""
    if not name:
        return None
    from annotator.core.prelabel.features.clusters import word_clusters

    return word_clusters(str(name))


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
