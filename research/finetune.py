"""Fine-tuning the starter on N reviewed articles (Gaussian prior around its weights) vs stacking on it.

    .venv/bin/python -m research.finetune --starter /work/exp/starter-skip500.crf \\
        [--sizes 50,200,500] [--stacked] [--sigma S --sigma-new S --iterations K]
    .venv/bin/python -m research.finetune --starter ... --tune 0.5:1:60,1:1:60,...

--convention no-places: a team that never marks places (its reviewed, held-out and dev gold without LOC),
a convention the starter does not follow.

"The first N reviewed articles" are the first N lines of train_pool.jsonl: honest only with a starter
that never saw them (`tools.models.train_starter --skip 500`); the shipped starter saw all of train_pool.
Dev F1 is on raw text: the model engine alone (with the rules' TIME/MISC) and the default pre-highlighter
with the N articles' entities in the project gazetteer, as research/learning_curve.py prints them.

--tune never looks at dev: it fine-tunes on the first --tune-n articles (default 200) and scores the model
engine on train_pool lines 301-500, which neither those articles nor a `--skip 500` starter include.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from annotator.core.prelabel import PrelabelDoc, build_prelabeler, evaluate, load_model, train
from annotator.core.prelabel.learning.finetune import FinetuneParams, finetune_crf
from annotator.core.prelabel.models.files import STARTER_PATH
from annotator.core.schema import load_schema
from research.learning_curve import LABELS, report_row
from tools.models.gold import DEV, TRAIN_POOL, dev_f1, read_gold

HELD_OUT = (300, 200)  # skip, limit: train_pool lines 301-500
CONVENTIONS = ("pd98", "no-places")


def convention(docs, name: str):
    """The gold as a team with convention `name` would review it ("no-places": never marks places)."""
    if name == "no-places":
        return [replace(d, spans=tuple(s for s in d.spans if s.label != "LOC")) for d in docs]
    return docs


def model_f1(docs, model) -> float:
    """Micro-F1 of the model engine (with the rules) on raw text."""
    pre = build_prelabeler(load_schema(), model=model, engines=["model", "rules"])
    return evaluate(docs, lambda d: pre.suggest(PrelabelDoc(d.text)), labels=LABELS).micro.f1


def parse_grid(text: str) -> list[FinetuneParams]:
    """"sigma:sigma_new:iterations,..." -> params."""
    out = []
    for item in text.split(","):
        s, sn, it = item.split(":")
        out.append(FinetuneParams(sigma=float(s), sigma_new=float(sn), max_iterations=int(it)))
    return out


def tune(starter, grid: list[FinetuneParams], n: int, *, slices: int = 1, stacked: bool = False,
         conv: str = "pd98") -> None:
    """Held-out F1 (train_pool lines 301-500) of each setting, fine-tuned on `slices` disjoint runs of n
    articles from line 1 on (mean over the slices: one small slice alone is too noisy to tune on)."""
    if slices * n > HELD_OUT[0]:
        raise SystemExit(f"{slices} slices of {n} articles overlap the held-out lines")
    pool = convention(read_gold(TRAIN_POOL, limit=slices * n), conv)
    runs = [pool[k * n:(k + 1) * n] for k in range(slices)]
    held = convention(read_gold(TRAIN_POOL, skip=HELD_OUT[0], limit=HELD_OUT[1]), conv)
    print(f"held-out: train_pool lines {HELD_OUT[0] + 1}-{HELD_OUT[0] + HELD_OUT[1]}; "
          f"fine-tuned on {', '.join(f'{k * n + 1}-{(k + 1) * n}' for k in range(slices))}")
    base_f1 = model_f1(held, starter)
    print(f"starter {base_f1:.4f}", flush=True)

    def report(label: str, fit) -> None:
        t0 = time.perf_counter()
        scores = [model_f1(held, fit(docs)) for docs in runs]
        secs = (time.perf_counter() - t0) / len(runs)
        each = " ".join(f"{f:.4f}" for f in scores) if len(runs) > 1 else ""
        print(f"{label:<52} held-out {np.mean(scores):.4f} ({np.mean(scores) - base_f1:+.4f}) {each}  "
              f"{secs:.0f} s incl. scoring", flush=True)
    if stacked:
        report("stacked", lambda docs: train(docs, base=starter, method="stack"))
    for p in grid:
        report(f"sigma {p.sigma} new {p.sigma_new} iterations {p.max_iterations}",
               lambda docs, p=p: finetune_crf(docs, starter, params=p)[0])


def main() -> None:
    """Fine-tune (and optionally stack) at each size; print dev F1 and training seconds."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--starter", type=Path, default=STARTER_PATH)
    ap.add_argument("--sizes", default="50,200,500")
    ap.add_argument("--stacked", action="store_true", help="also train the stacked model at each size")
    defaults = FinetuneParams()
    ap.add_argument("--sigma", type=float, default=defaults.sigma)
    ap.add_argument("--sigma-new", type=float, default=defaults.sigma_new)
    ap.add_argument("--iterations", type=int, default=defaults.max_iterations)
    ap.add_argument("--tune", default="", help="sigma:sigma_new:iterations,... scored on held-out lines "
                    "('-': none, e.g. with --stacked)")
    ap.add_argument("--tune-n", type=int, default=200)
    ap.add_argument("--tune-slices", type=int, default=1)
    ap.add_argument("--convention", choices=CONVENTIONS, default="pd98",
                    help="the reviewing team's convention, applied to the reviewed, held-out and dev gold")
    args = ap.parse_args()
    starter = load_model(args.starter)
    print(f"starter: {args.starter} ({starter.meta.get('source', '?')})")
    if args.tune:
        tune(starter, parse_grid(args.tune) if args.tune != "-" else [], args.tune_n, slices=args.tune_slices, stacked=args.stacked, conv=args.convention)
        return
    params = FinetuneParams(sigma=args.sigma, sigma_new=args.sigma_new, max_iterations=args.iterations)
    print(f"fine-tuning: {params}; convention: {args.convention}")
    dev = convention(read_gold(DEV), args.convention)
    sizes = [int(x) for x in args.sizes.split(",") if x]
    pool = convention(read_gold(TRAIN_POOL, limit=max(sizes, default=0)), args.convention)
    f_model, _ = dev_f1(dev, starter, (), engines=["model", "rules"])
    f_all, table = dev_f1(dev, starter, ())
    print(f"{'reviewed':>8} {'method':<9} {'model only':>10} {'+gazetteer':>10}  per label (+gazetteer)  train s")
    print(f"{0:>8} {'starter':<9} {f_model:>10.4f} {f_all:>10.4f}  {table}  0", flush=True)
    for n in sizes:
        docs = pool[:n]
        methods = [("finetune", lambda d: finetune_crf(d, starter, params=params)[0])]
        if args.stacked:
            methods.append(("stacked", lambda d: train(d, base=starter, method="stack")))
        for name, fit in methods:
            report_row(n, name, dev, docs, fit)


if __name__ == "__main__":
    main()
