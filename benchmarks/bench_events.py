"""Event suggestions on CEC (issue 17): 5-fold cross-validation of the event model, a trigger-word-list
baseline, and the learning curve at 20/50/80 documents.

    .venv/bin/python -m benchmarks.bench_events [--quick]

../shared/data/cec/events_dev.jsonl (100 documents) is cut into 5 folds (document i goes to fold i mod 5);
each fold is scored by a model learned from the other four (80 documents), as `annotator eval --events`
scores: triggers by span and type, arguments by span and role, right only under a right trigger, micro
over the folds' counts. The baseline tags every occurrence of a trigger word of the training folds with
its most frequent type. The learning curve learns from the first 20 and 50 of each fold's training
documents. `--quick`: 2 folds of the first 40 documents, no curve. Results: benchmarks/RESULTS-events.md.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.core import formats
from annotator.core.annotations import AnnotatedDocument
from annotator.core.event_suggestions import EventSuggestion
from annotator.core.prelabel.events.evaluate import evaluate_events, gold_events
from annotator.core.prelabel.events.learning import train_events
from annotator.core.prelabel.learning.evaluate import Score
from annotator.core.schema import Schema, load_schema
from benchmarks import bench_data
from benchmarks.bench_common import Row, module_main

SHARED = bench_data.SHARED
CEC = SHARED / "cec" / "events_dev.jsonl"
TRIGGER_TARGET, ARGUMENT_TARGET = 0.65, 0.35
CURVE = (20, 50)


@dataclass(frozen=True)
class Scores:
    """Micro counts over every scored fold: triggers, arguments, and the word-list baseline's triggers."""

    triggers: Score
    arguments: Score
    baseline: Score
    seconds: float
    filtered: Score = Score("filtered", 0, 0, 0)  # the word list of words that were triggers half the time


class WordList:
    """The baseline: every occurrence of a trigger word seen in training, with the type it had most often;
    with `min_share`, only words that were a trigger at least that share of the times they occur in training."""

    def __init__(self, docs: Sequence[AnnotatedDocument], *, min_share: float = 0.0) -> None:
        seen: dict[str, Counter[str]] = {}
        for doc in docs:
            for e in gold_events(doc):
                seen.setdefault(doc.text[e.start:e.end], Counter())[e.type] += 1
        occurs = {w: sum(d.text.count(w) for d in docs) for w in seen} if min_share else {}
        self.words = {w: c.most_common(1)[0][0] for w, c in seen.items()
                      if w.strip() and (not min_share or c.total() >= min_share * occurs[w])}
        self.longest_first = sorted(self.words, key=len, reverse=True)

    def suggest(self, doc: AnnotatedDocument, schema: Schema) -> list[EventSuggestion]:
        """Non-overlapping occurrences, longer words first."""
        taken = [False] * len(doc.text)
        out = []
        for word in self.longest_first:
            at = doc.text.find(word)
            while at >= 0:
                if not any(taken[at:at + len(word)]):
                    taken[at:at + len(word)] = [True] * len(word)
                    out.append(EventSuggestion(at, at + len(word), self.words[word]))
                at = doc.text.find(word, at + 1)
        return sorted(out, key=lambda e: e.start)


def read(path: Path) -> list[AnnotatedDocument]:
    """The gold documents of a CEC-style native file, events accepted."""
    return [d for _, d in formats.iter_documents(path, "native", formats.ReadOptions(reviewed=True))]


def _add(total: list[int], score: Score) -> None:
    total[0] += score.tp
    total[1] += score.fp
    total[2] += score.fn


def cross_validate(docs: Sequence[AnnotatedDocument], schema: Schema, *, folds: int = 5,
                   size: int | None = None) -> Scores:
    """Train on all folds but one (its first `size` documents when given), score the one left out; micro
    counts over the folds."""
    started = time.perf_counter()
    parts = [list(docs[i::folds]) for i in range(folds)]
    t, a, b, f = [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]
    for i, test in enumerate(parts):
        train = [d for j, part in enumerate(parts) if j != i for d in part]
        train = sorted(train, key=docs.index)[:size] if size is not None else train
        model = train_events(train, schema)
        report = evaluate_events(test, lambda d, m=model: m.suggest(d, schema))
        _add(t, report.triggers.micro)
        _add(a, report.arguments.micro)
        _add(b, baseline(train, test, schema))
        _add(f, baseline(train, test, schema, min_share=0.5))
    return Scores(Score("triggers", *t), Score("arguments", *a), Score("baseline", *b),
                  time.perf_counter() - started, Score("filtered", *f))


def baseline(train: Sequence[AnnotatedDocument], test: Sequence[AnnotatedDocument], schema: Schema, *,
             min_share: float = 0.0) -> Score:
    """The trigger scores of the word list of `train` on `test`."""
    words = WordList(train, min_share=min_share)
    return evaluate_events(test, lambda d: words.suggest(d, schema)).triggers.micro


def rows(quick: bool, work: Path) -> Iterator[Row]:
    """15a trigger F1, 15b argument F1 (5-fold), 15c the learning curve."""
    if not CEC.exists():
        for key in ("15a", "15b", "15c"):
            yield Row(key, "event suggestions on CEC", "-", "-", None, f"no shared data ({CEC})")
        return
    schema = load_schema("cec")
    docs = read(CEC)
    folds = 5
    if quick:
        docs, folds = docs[:40], 2
    full = cross_validate(docs, schema, folds=folds)
    how = f"{folds}-fold CV on {len(docs)} documents, {full.seconds:.0f} s"
    yield Row("15a", "event triggers (span + type), F1", f"{full.triggers.f1:.3f} (P {full.triggers.precision:.3f} "
              f"R {full.triggers.recall:.3f})", f">= {TRIGGER_TARGET}", full.triggers.f1 >= TRIGGER_TARGET,
              f"{how}; trigger-word list of the training folds {full.baseline.f1:.3f}, of its words that were "
              f"triggers half the time or more {full.filtered.f1:.3f}",
              {"trigger_f1": full.triggers.f1, "baseline_f1": full.baseline.f1, "filtered_f1": full.filtered.f1})
    yield Row("15b", "event arguments (span + role, under a right trigger), F1",
              f"{full.arguments.f1:.3f} (P {full.arguments.precision:.3f} R {full.arguments.recall:.3f})",
              f">= {ARGUMENT_TARGET}", full.arguments.f1 >= ARGUMENT_TARGET, how,
              {"argument_f1": full.arguments.f1})
    if quick:
        return
    curve = {n: cross_validate(docs, schema, folds=folds, size=n) for n in CURVE}
    curve[len(docs) - len(docs) // folds] = full
    figure = ", ".join(f"{n}: {s.triggers.f1:.3f}/{s.arguments.f1:.3f}" for n, s in sorted(curve.items()))
    f1s = [s.triggers.f1 for _, s in sorted(curve.items())]
    yield Row("15c", "event learning curve: documents: trigger/argument F1", figure, "rises with documents",
              all(a < b for a, b in zip(f1s, f1s[1:], strict=False)),
              "5-fold, first N of each fold's training documents",
              {f"{kind}_{n}": getattr(s, kind).f1 for n, s in curve.items() for kind in ("triggers", "arguments")})


if __name__ == "__main__":
    module_main(rows, __doc__)
