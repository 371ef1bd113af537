"""Training the event model with crfsuite from reviewed documents' accepted events: the trigger and argument
taggers and the classifier of trigger types."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from annotator.core.annotations import AnnotatedDocument
from annotator.core.errors import ValidationError
from annotator.core.prelabel.events.evaluate import GoldEvent, gold_events
from annotator.core.prelabel.events.features import (
    Clusters,
    argument_features,
    bio,
    lexicon,
    sentences,
    trigger_features,
)
from annotator.core.prelabel.events.model import EventModel
from annotator.core.prelabel.events.trigger_spans import LEXICAL, lexical_classes, span_items, word_repeats
from annotator.core.prelabel.events.trigger_types import candidate_features
from annotator.core.prelabel.features.clusters import CLUSTERS_FILE, word_clusters
from annotator.core.prelabel.models.classifier import fitted, train_classifier
from annotator.core.schema import Schema

# Picked by 5-fold cross-validation on CEC's events_dev.jsonl (benchmarks/RESULTS-events.md).
TRIGGER_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
ARGUMENT_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


def train_events(docs: Iterable[AnnotatedDocument], schema: Schema, *, source: str = "",
                 progress: Callable[[str], None] | None = None, every_word: bool = True,
                 lexical: bool = True) -> EventModel:
    """Learn triggers and arguments from the documents' accepted events of the schema's event types, the shipped
    word clusters (features/clusters.py) as features of the type classifier; with `every_word`, a classifier of
    whether a word is a trigger makes every word a candidate (trigger_spans.py); with `lexical`, that classifier
    and the argument tagger read LAC's word classes (features/lexical.py); a test turns both off to write a
    format-3 file."""
    import pycrfsuite

    started = time.perf_counter()
    lex = lexicon(schema)
    table = word_clusters(CLUSTERS_FILE)
    known = set(schema.event_type_keys)
    trig = pycrfsuite.Trainer(verbose=False)
    trig.set_params(TRIGGER_PARAMS)
    args = pycrfsuite.Trainer(verbose=False)
    args.set_params(ARGUMENT_PARAMS)
    types: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    role_labels: dict[str, Counter[str]] = {}
    words: dict[str, Counter[str]] = {}
    typed: list[tuple[list[str], str]] = []  # (features of a gold trigger, its type) for the type classifier
    spanned: list[tuple[list[str], str]] | None = [] if every_word else None  # (a word's features, T or O)
    n_docs = n_chars = 0
    for doc in docs:
        events = [e for e in gold_events(doc) if e.type in known]
        n_docs += 1
        n_chars += len(doc.text)
        _count_labels(doc, events, role_labels)
        types.update(e.type for e in events)
        for e in events:
            words.setdefault(doc.text[e.start:e.end], Counter())[e.type] += 1
        roles.update(a[2] for e in events for a in e.arguments)
        _append(doc, events, lex, trig, args, typed, table, spanned, lexical)
    if not types:
        raise ValidationError("no events to learn from", hint="review some documents' events first")
    if progress:
        progress(f"learning events from {sum(types.values())} events in {n_docs} documents")
    meta = {"documents": n_docs, "characters": n_chars, "events": dict(types), "arguments": dict(roles),
            "role_labels": {r: dict(c) for r, c in role_labels.items()}, "schema": schema.name,
            "trigger_words": {w: dict(c) for w, c in sorted(words.items())},
            "source": source, "trained_at": time.strftime("%Y-%m-%d %H:%M"), "clusters": CLUSTERS_FILE}
    if lexical:
        meta["lexical"] = LEXICAL
    model = EventModel(fitted(trig), fitted(args), meta, train_classifier(typed),
                       train_classifier(spanned) if spanned else None)
    model.meta["seconds"] = round(time.perf_counter() - started, 1)
    return model


def _append(doc: AnnotatedDocument, events: list[GoldEvent], lex: dict[str, str], trig: Any, args: Any,
            typed: list[tuple[list[str], str]], clusters: Clusters | None,
            spanned: list[tuple[list[str], str]] | None, lexical: bool) -> None:
    cut = sentences(doc)
    repeats = word_repeats(doc.text, cut)
    classes = lexical_classes(doc.text) if lexical else None
    triggers = {(e.start, e.end) for e in events}
    for sentence in cut:
        inside = [e for e in events if sentence.start <= e.start and e.end <= sentence.end]
        if spanned is not None:
            spanned.extend(span_items(doc.text, sentence, triggers, clusters, repeats, classes))
        typed.extend((candidate_features(doc.text, sentence, e.start, e.end, clusters), e.type) for e in inside)
        base = trigger_features(doc.text, sentence, lex)
        n = sentence.end - sentence.start
        trig.append(base, bio(n, [(e.start, e.end, e.type) for e in inside], sentence.start))
        spans = [(e.start, e.end) for e in inside]
        for e in inside:
            feats = argument_features(doc.text, sentence, base, (e.start, e.end, e.type), spans, classes)
            args.append(feats, bio(n, list(e.arguments), sentence.start))


def _count_labels(doc: AnnotatedDocument, events: list[GoldEvent], out: dict[str, Counter[str]]) -> None:
    """Which entity label fills each role, where an argument is exactly an entity span."""
    labels = {(s.start, s.end): s.label for s in doc.entities()}
    for e in events:
        for s, end, role in e.arguments:
            if (s, end) in labels:
                out.setdefault(role, Counter())[labels[(s, end)]] += 1



