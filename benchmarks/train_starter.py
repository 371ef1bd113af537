"""Train the starter model shipped in resources/models (reproducible; see the README there).

    .venv/bin/python -m benchmarks.train_starter [--skip 0] [--limit N] [--out PATH]

Data: ../shared/data/pd98/train_pool.jsonl without its first --skip articles (default none: all 2,078
gained 0.005 F1 over leaving out the first 500; --skip 500 keeps "the first N reviewed articles" of
the learning curve new to the starter). Prints dev F1.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from annotator.core.prelabel import PrelabelDoc, build_prelabeler, describe, evaluate, load_model, train
from annotator.core.prelabel.model import STARTER_PATH
from annotator.core.schema import load_schema
from benchmarks.prelabel_data import DEV, TRAIN_POOL, read_gold

LABELS = ("PER", "LOC", "ORG")


def dev_report(model_bytes: bytes, *, presegmented: bool = False, engines=None, gazetteer=()) -> str:
    """F1 of the default pre-highlighter with this model on the dev articles (raw text or gold tokens)."""
    pre = build_prelabeler(load_schema(), model=load_model(model_bytes), engines=engines, gazetteer=gazetteer)

    def suggest(doc):
        return pre.suggest(PrelabelDoc(doc.text, doc.tokens if presegmented else (), presegmented=presegmented))
    return evaluate(read_gold(DEV), suggest, labels=LABELS)


def main() -> None:
    """Train, save, report."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", type=Path, default=STARTER_PATH)
    args = ap.parse_args()
    docs = read_gold(TRAIN_POOL, skip=args.skip, limit=args.limit)
    t0 = time.perf_counter()
    data = train(docs, source=f"pd98/train_pool.jsonl lines {args.skip + 1}-{args.skip + len(docs)}",
                 progress=print)
    print(f"trained in {time.perf_counter() - t0:.0f} s; {len(data) / 1e6:.2f} MB -> {args.out}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(describe(data))
    for preseg in (False, True):
        rep = dev_report(data, presegmented=preseg)
        print(f"\ndev_articles.jsonl, {'gold tokens (pre-segmented)' if preseg else 'raw text (jieba)'}:")
        print(rep.table())


if __name__ == "__main__":
    main()
