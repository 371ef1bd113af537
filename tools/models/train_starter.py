"""Train the starter model shipped in resources/models (reproducible; see the README there).

    .venv/bin/python -m tools.models.train_starter [--skip 200] [--limit N] [--out PATH] [--members A,B]

Data: ../shared/data/pd98/train_pool.jsonl without its first --skip articles (default 200: "the first
200 reviewed articles" of the learning curve and of `annotator train` stay new to the starter). Two
models are trained (MEMBERS: with and without the word-edge templates) and averaged into one.
Prints dev F1.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from annotator.core.prelabel import (
    CORE_LABELS,
    PrelabelDoc,
    build_prelabeler,
    describe,
    evaluate,
    load_model,
    train,
)
from annotator.core.prelabel.features.templates import BASE_TEMPLATES, TEMPLATES
from annotator.core.prelabel.models.ensemble import average
from annotator.core.prelabel.models.files import STARTER_PATH
from annotator.core.schema import load_schema
from tools.models.gold import DEV, TRAIN_POOL, read_gold

LABELS = CORE_LABELS


def dev_report(model_bytes: bytes, *, presegmented: bool = False, engines=None, gazetteer=()) -> str:
    """F1 of the default pre-highlighter with this model on the dev articles (raw text or gold tokens)."""
    pre = build_prelabeler(load_schema(), model=load_model(model_bytes), engines=engines, gazetteer=gazetteer)

    def suggest(doc):
        return pre.suggest(PrelabelDoc(doc.text, doc.tokens if presegmented else (), presegmented=presegmented))
    return evaluate(read_gold(DEV), suggest, labels=LABELS)


# The starter is the average of two CRFs trained on the same articles: with and without the word-edge
# templates (ensemble.py; research/RESULTS-prelabel.md).
MEMBERS = (TEMPLATES, BASE_TEMPLATES)


def main() -> None:
    """Train the members (or read them with --members), average, save, report."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skip", type=int, default=200)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", type=Path, default=STARTER_PATH)
    ap.add_argument("--templates", default=None, help="one model with these comma-separated templates")
    ap.add_argument("--members", default=None, help="average these model files (trained as above) instead")
    args = ap.parse_args()
    docs = read_gold(TRAIN_POOL, skip=args.skip, limit=args.limit)
    source = f"pd98/train_pool.jsonl lines {args.skip + 1}-{args.skip + len(docs)}"
    t0 = time.perf_counter()
    if args.members:
        members = [load_model(Path(p)) for p in args.members.split(",")]
    else:
        sets = [tuple(args.templates.split(","))] if args.templates else MEMBERS
        members = [load_model(train(docs, source=source, templates=t, progress=print)) for t in sets]
    model = members[0] if len(members) == 1 else average(members)
    model.meta["ensemble"] = [sorted(m.tables) for m in members] if len(members) > 1 else None
    data = model.to_bytes()
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
