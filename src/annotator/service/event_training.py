"""Learning the event model from reviewed events behind the held-out gate (as for entities): a new model is
put in use only when it scores clearly better than the one in use on reviewed documents neither learned from.

Fitting is pure CPU on a plan read up front, like service.training's.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from annotator.core.annotations import AnnotatedDocument
from annotator.core.prelabel.events.evaluate import EventReport, evaluate_events
from annotator.core.prelabel.events.files import describe_event_meta, load_event_model
from annotator.core.prelabel.events.learning import train_events
from annotator.core.prelabel.events.model import EventModel
from annotator.core.schema import Schema
from annotator.service.training import HOLD_OUT_EVERY, MIN_HELD_OUT, confidence_better, gate_passed, micro_f1

# Fewest reviewed documents with events a round needs (two of them held out), and fewest events among
# those learned from: below that a model learns little beyond the schema's trigger words.
MIN_EVENT_DOCUMENTS = 2 * HOLD_OUT_EVERY
MIN_EVENTS = 20


def events_too_few(documents: int, held_out: int, events: int) -> str | None:
    """Why an event round cannot be gated with this many reviewed documents with events (held out) and
    events learned from, or None when it can."""
    if documents >= MIN_EVENT_DOCUMENTS and held_out >= MIN_HELD_OUT and events >= MIN_EVENTS:
        return None
    # As for entities: past the minimum, each missing held-out document takes about 5 more.
    more = (MIN_EVENT_DOCUMENTS - documents if documents < MIN_EVENT_DOCUMENTS
            else max(HOLD_OUT_EVERY * (MIN_HELD_OUT - held_out), 0))
    return (f"the event model learns only from {MIN_EVENT_DOCUMENTS} or more reviewed documents with events "
            f"({MIN_HELD_OUT} of them held out) and {MIN_EVENTS} or more events; the project has {documents} "
            f"({held_out} held out, {events} events learned from)"
            + (f": review the events of about {more} more documents" if more else ": review more events"))


@dataclass(frozen=True)
class EventPlan:
    """What an event round needs, read from the project up front."""

    learn: tuple[AnnotatedDocument, ...]
    held_out: tuple[AnnotatedDocument, ...]
    schema: Schema = field(repr=False)
    current: bytes | None = field(repr=False)  # the event model in use (None: the starter, if any)
    current_id: int | None
    starter: bytes | None = field(repr=False)  # the schema's shipped starter, scored when no model is in use
    source: str = ""


@dataclass(frozen=True)
class EventTrainingResult:
    """What an event round did: held-out scores of the new and the current model, and whether it was kept."""

    kept: bool
    learned_from: int
    held_out: int
    f1_new: float
    f1_old: float
    confidence: float
    trigger_f1: float
    argument_f1: float
    seconds: float
    description: str
    replaces: int | None
    model: bytes = field(default=b"", repr=False)

    def summary(self) -> str:
        """One line for the CLI."""
        verdict = "in use" if self.kept else "not clearly better, kept the previous event model"
        return (f"Event model trained on {self.learned_from} reviewed documents with events: F1 {self.f1_old:.3f} → "
                f"{self.f1_new:.3f} (triggers {self.trigger_f1:.3f}, arguments {self.argument_f1:.3f}) on the other "
                f"{self.held_out} (higher in {self.confidence:.0%} of resamplings) — {verdict}")

    def record(self) -> dict[str, object]:
        """The round as the project remembers it (the setting `event_training`)."""
        return {"kept": self.kept, "learned_from": self.learned_from, "held_out": self.held_out,
                "f1_new": self.f1_new, "f1_old": self.f1_old, "confidence": self.confidence,
                "at": time.strftime("%Y-%m-%dT%H:%M:%S")}

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON values (the model base64-encoded), for the background worker to hand back."""
        return {**asdict(self), "model": base64.b64encode(self.model).decode("ascii")}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventTrainingResult:
        """Read what `to_dict` wrote, once decoded from JSON."""
        return cls(**{**data, "model": base64.b64decode(data["model"])})


def held_out_counts(plan: EventPlan, model: EventModel | None) -> tuple[np.ndarray, EventReport | None]:
    """(held-out documents, 3): right, spurious and missed triggers and arguments of `model` per document
    (None: a project without a model suggests nothing), and the report over all of them."""
    if model is None:
        reports = [evaluate_events([d], lambda _d: []) for d in plan.held_out]
    else:
        reports = [evaluate_events([d], lambda d: model.suggest(d, plan.schema)) for d in plan.held_out]
    counts = np.array([r.counts() for r in reports], dtype=np.int64).reshape(len(reports), 3)
    return counts, (_merge(reports) if model is not None else None)


def _merge(reports: list[EventReport]) -> EventReport:
    t = np.array([(r.triggers.micro.tp, r.triggers.micro.fp, r.triggers.micro.fn) for r in reports]).sum(axis=0)
    a = np.array([(r.arguments.micro.tp, r.arguments.micro.fp, r.arguments.micro.fn) for r in reports]).sum(axis=0)
    from annotator.core.prelabel.learning.evaluate import Report, Score

    n = len(reports)
    return EventReport(Report((), Score("micro", *map(int, t)), n), Report((), Score("micro", *map(int, a)), n))


def fit_events(plan: EventPlan, *, progress: Callable[[str], None] | None = None) -> EventTrainingResult:
    """Train on the plan's learning documents and gate the new model against the one in use (or the starter)."""
    started = time.perf_counter()
    model = train_events(plan.learn, plan.schema, source=plan.source, progress=progress)
    if progress:
        progress(f"scoring the event models on {len(plan.held_out)} held-out documents")
    new, report = held_out_counts(plan, model)
    current = plan.current if plan.current is not None else plan.starter
    old, _ = held_out_counts(plan, None if current is None else load_event_model(current))
    f1_new, f1_old = round(float(micro_f1(new)), 4), round(float(micro_f1(old)), 4)
    confidence = confidence_better(new, old)
    kept = gate_passed(len(plan.held_out), confidence)
    assert report is not None
    model.meta["gate"] = {"held_out": len(plan.held_out), "f1_new": f1_new, "f1_old": f1_old,
                          "confidence": confidence, "trigger_f1": round(report.triggers.micro.f1, 4),
                          "argument_f1": round(report.arguments.micro.f1, 4)}
    data = model.to_bytes()
    return EventTrainingResult(kept=kept, learned_from=len(plan.learn), held_out=len(plan.held_out),
                               f1_new=f1_new, f1_old=f1_old, confidence=confidence,
                               trigger_f1=round(report.triggers.micro.f1, 4),
                               argument_f1=round(report.arguments.micro.f1, 4),
                               seconds=round(time.perf_counter() - started, 1),
                               description=describe_event_meta(model.meta), replaces=plan.current_id,
                               model=data if kept else b"")
