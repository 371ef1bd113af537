"""Optional feature templates on 500 train_pool articles (501-1000), model alone, raw dev text.

    .venv/bin/python -m benchmarks.prelabel_gazetteer [--limit 500] [--skip 500] [--extra gz,sx]

Measured (RESULTS-prelabel.md): none 0.829, + gazetteer "gz" (out-of-fold) 0.827, + suffix "sx" 0.829.
"""

from __future__ import annotations

import argparse
import time

from annotator.core.prelabel import CORE_LABELS, build_prelabeler, evaluate, load_model
from annotator.core.prelabel.base import PrelabelDoc
from annotator.core.prelabel.features.templates import TEMPLATES
from annotator.core.prelabel.learning.model import train
from annotator.core.schema import load_schema
from benchmarks.prelabel_data import DEV, TRAIN_POOL, read_gold


def main() -> None:
    """Train with extra templates and print dev F1 of the model alone."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=500)
    ap.add_argument("--skip", type=int, default=500)
    ap.add_argument("--extra", default="gz")
    args = ap.parse_args()
    extra = tuple(t for t in args.extra.split(",") if t)
    docs = read_gold(TRAIN_POOL, skip=args.skip, limit=args.limit)
    t0 = time.perf_counter()
    data = train(docs, params=None, templates=TEMPLATES + extra)
    secs = time.perf_counter() - t0
    pre = build_prelabeler(load_schema(), model=load_model(data), engines=("model",))
    rep = evaluate(read_gold(DEV), lambda d: pre.suggest(PrelabelDoc(d.text, ())), labels=CORE_LABELS)
    print(f"extra={extra} docs={len(docs)} train {secs:.0f}s size {len(data) / 1e6:.2f} MB")
    print(rep.table())


if __name__ == "__main__":
    main()
