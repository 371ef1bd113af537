"""Scoring the pre-highlighter on gold documents (`annotator eval`)."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from annotator.core import formats
from annotator.core.prelabel import Report, build_prelabeler, evaluate
from annotator.core.schema import load_schema
from annotator.service.prelabel import prelabel_doc
from annotator.service.project import Project


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
