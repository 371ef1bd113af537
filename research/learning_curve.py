"""Learning curve: dev F1 after 0, 50, 200, 500 reviewed articles, on top of the starter and from scratch.

    .venv/bin/python -m research.learning_curve [--sizes 0,50,200,500] [--scratch 500]

"The first N reviewed articles" are the first N lines of train_pool.jsonl. The shipped starter learned
from all of train_pool, these included; a starter trained with `train_starter --skip 500` never saw them.
As in a project, the reviewed articles' entities also fill the gazetteer the dictionary engine uses.
Targets (issue 3): starter >= 0.90 (moonshot 0.93); from scratch on 500 articles >= 0.85.
"""

from __future__ import annotations

import argparse
import time

from annotator.core.prelabel import CORE_LABELS, train
from annotator.core.schema import load_schema
from annotator.service.training import TrainingPlan, fit, split_held_out
from tools.models.gold import DEV, TRAIN_POOL, dev_f1, gazetteer_of, read_gold

LABELS = CORE_LABELS


def report_row(n: int, name: str, dev, docs, fit=None) -> None:
    """Learn from `docs` with `fit` (None: the starter as it is), then print its dev F1 row and seconds."""
    t0 = time.perf_counter()
    model = fit(docs) if fit is not None else None
    secs = time.perf_counter() - t0
    f_model, _ = dev_f1(dev, model, (), engines=["model", "rules"])
    f_all, table = dev_f1(dev, model, gazetteer_of(docs))
    print(f"{n:>8} {name:<9} {f_model:>10.4f} {f_all:>10.4f}  {table}  {secs:.0f}", flush=True)


def gated(docs):
    """What `annotator train` ends with on a project holding `docs` as reviewed (ids 1, 2, …): both ways of
    learning on 4/5 of them, the better one used only if the gate finds it clearly better on the other
    fifth (service/training.py); None when the starter stays."""
    learn, held = split_held_out(list(range(1, len(docs) + 1)))
    plan = TrainingPlan(learn=tuple(docs[i - 1] for i in learn), held_out=tuple(docs[i - 1] for i in held),
                        reviewed=len(docs), current=None, current_id=None, from_scratch=False,
                        gazetteer=tuple(gazetteer_of([docs[i - 1] for i in learn])), schema=load_schema())
    result = fit(plan)
    print(f"         gate: {result.summary()}", flush=True)
    return result.model if result.kept else None


def main() -> None:
    """Train at each size and print F1 with and without the gazetteer."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="0,50,200,500")
    ap.add_argument("--scratch", default="500", help="sizes to train from scratch (comma-separated)")
    ap.add_argument("--no-gate", action="store_true", help="leave out the gated row (as `annotator train`)")
    args = ap.parse_args()
    dev = read_gold(DEV)
    pool = read_gold(TRAIN_POOL, limit=max(int(n) for n in (args.sizes + "," + args.scratch).split(",") if n))
    print(f"{'reviewed':>8} {'base':<8} {'model only':>10} {'+gazetteer':>10}  per label (+gazetteer)  train s")
    for n in (int(x) for x in args.sizes.split(",") if x):
        report_row(n, "starter", dev, pool[:n])  # no training: the reviewed entities fill the gazetteer only
        if not n:
            continue
        # On top of the starter `annotator train` tries both methods and keeps the better on held-out
        # reviewed documents, and uses it only if the gate finds it clearly better: all are shown.
        for method in ("finetune", "stack"):
            report_row(n, method, dev, pool[:n], lambda d, m=method: train(d, base="starter", method=m))
        if not args.no_gate:
            report_row(n, "train", dev, pool[:n], gated)
    for n in (int(x) for x in args.scratch.split(",") if x):
        report_row(n, "scratch", dev, pool[:n], train)


if __name__ == "__main__":
    main()
