"""How the event model's trigger candidates are weighed (SpanWeights, issue 17): 5-fold cross-validation on
CEC, each fold's weights chosen on the other four folds' counts only.

    .venv/bin/python -m research.event_candidates [--folds 5]

Trains the five fold models once (as benchmarks/bench_events.py does), keeps every candidate of each scored
fold (the tagger's spans and every other word) with its span score, P(trigger) and type share, then scores
each setting of the grid offline. Prints the best settings over all folds and the fold-wise choice, whose
F1 is the honest one. Findings: benchmarks/RESULTS-events.md ("Every word a candidate").
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.prelabel.events.evaluate import blank, gold_events
from annotator.core.prelabel.events.features import lexicon, sentences, trigger_features
from annotator.core.prelabel.events.learning import train_events
from annotator.core.prelabel.events.model import EventModel, _tag
from annotator.core.prelabel.events.trigger_spans import SpanWeights, lexical_classes, word_repeats
from annotator.core.prelabel.events.trigger_types import candidate_features, choose_type
from annotator.core.prelabel.learning.evaluate import Score
from annotator.core.schema import Schema, load_schema
from benchmarks.bench_events import CEC, read

GRID = {"tagger": (0.2, 0.3, 0.5, 0.7), "classifier": (0.3, 0.5, 0.7), "cut": (0.15, 0.2, 0.25, 0.3)}


@dataclass(frozen=True)
class Candidate:
    """One candidate of a scored document: its span score, P(trigger), best type and share, and whether
    that is a gold trigger (span and type)."""

    span: float
    p: float
    share: float
    right: bool


def candidates(model: EventModel, doc, schema: Schema) -> tuple[list[Candidate], int]:
    """Every candidate of a gold document, and how many gold triggers it has."""
    gold = {(e.start, e.end, e.type) for e in gold_events(doc)}
    view, lex = blank(doc), lexicon(schema)
    parts = [(s, trigger_features(view.text, s, lex)) for s in sentences(view)]
    repeats = word_repeats(view.text, (s for s, _ in parts))
    classes = lexical_classes(view.text) if model.lexical else None
    tagger, words, out = model._taggers()[0], model.meta.get("trigger_words", {}), []
    labels = [t for t in tagger.labels() if t != "O"]
    types = sorted({t.partition("-")[2] for t in labels})
    for sentence, base in parts:
        if not base:
            continue
        found = _tag(tagger, base, sentence.start)
        for start, end, span, p in model.span_candidates(tagger, view.text, sentence, found, repeats, classes):
            assert model.types is not None
            probs = model.types.probabilities(candidate_features(view.text, sentence, start, end, model.clusters))
            best, share = choose_type(probs, model._reading(tagger, start, end, sentence.start, labels, types),
                                      words.get(view.text[start:end], {}), sorted(probs), model.type_weights)
            out.append(Candidate(span, p, share, (start, end, best) in gold))
    return out, len(gold)


def counts(folds: Sequence[list[tuple[list[Candidate], int]]], setting: dict[str, float]) -> list[Score]:
    """Trigger counts of each fold under one setting of the weights."""
    out, weights = [], SpanWeights(**setting)
    for docs in folds:
        tp = fp = fn = 0
        for cands, n_gold in docs:
            kept = [c for c in cands if weights.likely(c.span, c.p) * c.share >= weights.cut]
            right = sum(c.right for c in kept)
            tp, fp, fn = tp + right, fp + len(kept) - right, fn + n_gold - right
        out.append(Score("triggers", tp, fp, fn))
    return out


def total(scores: Sequence[Score]) -> Score:
    """Micro counts over folds."""
    return Score("micro", sum(s.tp for s in scores), sum(s.fp for s in scores), sum(s.fn for s in scores))


def main() -> None:
    """Train, keep the candidates, score the grid, choose fold-wise."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    schema, docs = load_schema("cec"), read(CEC)
    parts = [docs[i::args.folds] for i in range(args.folds)]
    folds = []
    for i, test in enumerate(parts):
        model = train_events([d for j, p in enumerate(parts) if j != i for d in p], schema)
        folds.append([candidates(model, d, schema) for d in test])
        print(f"fold {i}: {sum(len(c) for c, _ in folds[-1])} candidates", flush=True)
    settings = [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]
    results = [(s, counts(folds, s)) for s in settings]
    for s, scores in sorted(results, key=lambda r: -total(r[1]).f1)[:5]:
        print(f"{total(scores).f1:.4f} {s}")
    chosen = []
    for i in range(len(folds)):
        s, scores = max(results, key=lambda r: total([x for j, x in enumerate(r[1]) if j != i]).f1)
        chosen.append(scores[i])
        print(f"fold {i} chooses {s} on the other folds")
    print(f"fold-wise choice: trigger F1 {total(chosen).f1:.4f} (P {total(chosen).precision:.4f} R {total(chosen).recall:.4f})")


if __name__ == "__main__":
    main()
