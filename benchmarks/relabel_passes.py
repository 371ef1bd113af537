"""The span relabeler's forward-backward (issue 21 leftover): CPU of suggesting with a model of CLUENER's ten labels
(stacked on the starter, 600 reviewed fragments, seed 0, so it carries a relabeler), the CPU spent inside the
forward-backward and how many times it ran, and the suggestions themselves (pickled, to compare two checkouts).

    ANNOTATOR_SHARED_DATA=... OPENBLAS_NUM_THREADS=1 .venv/bin/python -m benchmarks.relabel_passes OUT.pkl \
        [--news] [--repeat 6] [--model /tmp/cluener600.model]

The model is trained once and kept at --model. Runs after the first read LAC's cache (the figures are decoding's).
"""

from __future__ import annotations

import argparse
import pickle
import time
from pathlib import Path

from annotator.core.prelabel import PrelabelDoc, build_prelabeler, train
from annotator.core.prelabel.models import decoding
from annotator.core.prelabel.prelabeler import DocInput
from benchmarks.labels_curve import STACK, STARTER, cluener_schema, fragments, learnable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--news", action="store_true", help="30 raw news articles x 10 instead of 1,000 fragments")
    parser.add_argument("--repeat", type=int, default=6)
    parser.add_argument("--model", type=Path, default=Path("/tmp/cluener600.model"))
    args = parser.parse_args()
    scored, pool = fragments(0)
    if not args.model.exists():
        args.model.write_bytes(train(pool[:600], base=STARTER, method=STACK, labels=learnable(pool[:600])))
    pre = build_prelabeler(cluener_schema(), engines=["model"], model=args.model.read_bytes())
    if args.news:
        from benchmarks.bench_data import SHARED

        texts = [p.read_text("utf-8") for p in sorted((SHARED / "raw_news").glob("*.txt"))[:30]] * 10
    else:
        texts = [d.text for d in scored]
    docs = [DocInput(PrelabelDoc(t), ()) for t in texts]
    passes, spent = [0], [0.0]
    real = decoding._posterior_batches

    def timed(*a, **k):  # the CPU inside the forward-backward, batch by batch
        passes[0] += 1
        it = real(*a, **k)
        while True:
            t = time.process_time()
            try:
                item = next(it)
            except StopIteration:
                spent[0] += time.process_time() - t
                return
            spent[0] += time.process_time() - t
            yield item

    decoding._posterior_batches = timed
    out = []
    for run in range(args.repeat):
        passes[0], spent[0] = 0, 0.0
        cpu = time.process_time()
        out = [spans for i in range(0, len(docs), 64) for spans in pre.suggest_many(docs[i:i + 64])]
        print(f"run {run}: {time.process_time() - cpu:.3f} s CPU, {spent[0]:.3f} s in forward-backward, "
              f"{passes[0]} passes; {len(docs)} documents, {sum(map(len, texts)):,} characters", flush=True)
    args.out.write_bytes(pickle.dumps([[(s.start, s.end, s.label, s.origin, s.score) for s in d] for d in out]))


if __name__ == "__main__":
    main()
