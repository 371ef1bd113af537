"""Scoring the pre-highlighter and the event model on gold documents (`annotator eval`, `eval --events`)."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core import formats
from annotator.core.errors import ValidationError
from annotator.core.prelabel import Report, build_prelabeler, evaluate
from annotator.core.schema import load_schema
from annotator.service.prelabel import prelabel_doc
from annotator.service.project import Project

if TYPE_CHECKING:
    from annotator.core.prelabel.events.evaluate import EventReport


@dataclass(frozen=True)
class Evaluation:
    """A pre-highlighter's scores on gold documents, with what was scored and how long it took."""

    report: Report
    characters: int
    seconds: float
    model: str | None  # the project's model description, None for the starter


def evaluate_gold(gold: Path, *, labels: list[str] | None = None, project: Path | None = None,
                  gold_tokens: bool = False, fmt: str = "native") -> Evaluation:
    """Score the project's pre-highlighter (the starter without one) on the gold documents of a file in
    exchange format `fmt`: exact spans of `labels` (None: every label the gold documents have, in the order they
    first appear); with `gold_tokens` the engines get the gold segmentation."""
    docs = [d for _, d in formats.iter_documents(gold, fmt, formats.ReadOptions(reviewed=True))]
    if labels is None:
        labels = list(dict.fromkeys(s.label for d in docs for s in d.entities()))
    if not gold_tokens:
        docs = [replace(d, tokens=()) for d in docs]
    model = None
    if project is not None:
        with Project.open(project, readonly=True) as p:
            prelabeler = p.prelabel.prelabeler()
            model = p.training.model_description()
    else:
        prelabeler = build_prelabeler(load_schema())
    started = time.perf_counter()
    report = evaluate(docs, lambda d: prelabeler.suggest(replace(prelabel_doc(d), presegmented=gold_tokens)),
                      labels=labels)
    return Evaluation(report, sum(len(d.text) for d in docs), time.perf_counter() - started, model)


@dataclass(frozen=True)
class EventEvaluation:
    """An event model's trigger and argument scores on gold documents, with what was scored."""

    report: EventReport
    characters: int
    seconds: float
    model: str  # what the scored model learned from
    without_trigger: int = 0  # gold events no trigger anchors: not scored (nothing to match them by)


def evaluate_events_gold(gold: Path, *, project: Path | None = None, schema: str = "cec",
                         fmt: str = "native") -> EventEvaluation:
    """Score the project's event model (without a project: the starter shipped for `schema`) on the gold
    events of a file in exchange format `fmt`; entity spans of the gold documents are given to the model."""
    from annotator.core.prelabel.events.evaluate import evaluate_events
    from annotator.core.prelabel.events.files import describe_event_meta, starter_event_model

    docs = [d for _, d in formats.iter_documents(gold, fmt, formats.ReadOptions(reviewed=True))]
    if project is not None:
        with Project.open(project, readonly=True) as p:
            suggester, the_schema = p.training.event_suggester(), p.schema
            description = p.training.event_model_description()
    else:
        the_schema = load_schema(schema)
        suggester = starter_event_model(the_schema.name)
        description = "starter model: " + describe_event_meta(suggester.meta) if suggester is not None else ""
    if suggester is None:
        raise ValidationError(f"no event model to score: schema {the_schema.name!r} has no event types or no "
                              "shipped starter", hint="train one on the project (annotator train) and pass --project")
    started = time.perf_counter()
    report = evaluate_events(docs, lambda d: suggester.suggest(d, the_schema), types=the_schema.event_type_keys,
                             roles=list(dict.fromkeys(r for et in the_schema.event_types for r in et.role_names)))
    return EventEvaluation(report, sum(len(d.text) for d in docs), time.perf_counter() - started, description,
                           sum(1 for d in docs for e in d.events if e.trigger_id is None))
