"""Throughput of the whole pre-highlighter against plain jieba.posseg.cut, side by side (issue 3).

    .venv/bin/python -m benchmarks.prelabel_speed [--runs 3] [--mb 1.0]

Text: the shared People's Daily articles (dev + train_pool) up to --mb megabytes of UTF-8.
Raw: segmentation (as import does) + all default engines. Pre-segmented: the file's tokens, no jieba.
Targets: raw >= posseg chars/s; pre-segmented >= 5 x posseg chars/s. Figures are medians of --runs,
the three measured in turn within each run.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time

from annotator.core.prelabel import DocInput, PrelabelDoc, build_prelabeler
from annotator.core.prelabel.features.word_analysis import jieba_words, word_tags
from annotator.core.schema import load_schema
from benchmarks.prelabel_data import DEV, TRAIN_POOL, read_gold


def corpus(mb: float):
    """Gold documents up to `mb` megabytes of text."""
    docs, size = [], 0
    for path in (DEV, TRAIN_POOL):
        for d in read_gold(path):
            if size >= mb * 1e6:
                return docs
            docs.append(d)
            size += len(d.text.encode("utf-8"))
    return docs


def median_rates(fns, chars: int, runs: int) -> list[float]:
    """Median characters per second of each function; runs interleave them so that load from other
    processes on the machine falls on all of them alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, ts in zip(fns, times, strict=True):
            t0 = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t0)
    return [chars / statistics.median(ts) for ts in times]


def main() -> None:
    """Print posseg, raw and pre-segmented throughput with targets."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--mb", type=float, default=1.0)
    args = ap.parse_args()
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    docs = corpus(args.mb)
    chars = sum(len(d.text) for d in docs)
    pre = build_prelabeler(load_schema())
    word_tags()
    jieba.lcut("预热")
    pre.suggest(PrelabelDoc(docs[0].text))

    def posseg():
        for d in docs:
            list(jieba.posseg.cut(d.text))

    def raw():
        inputs = [DocInput(PrelabelDoc(d.text, jieba_words(d.text))) for d in docs]
        pre.suggest_many(inputs)

    def preseg():
        pre.suggest_many([DocInput(PrelabelDoc(d.text, d.tokens, presegmented=True)) for d in docs])

    print(f"{len(docs)} documents, {chars} characters ({args.mb} MB), median of {args.runs} runs")
    base, r_raw, r_pre = median_rates([posseg, raw, preseg], chars, args.runs)
    print(f"{'jieba.posseg.cut':<34} {base:>10,.0f} chars/s")
    print(f"{'pre-highlighter, raw text':<34} {r_raw:>10,.0f} chars/s  target >= {base:,.0f}  "
          f"{'met' if r_raw >= base else 'NOT met'} ({r_raw / base:.1f}x)")
    print(f"{'pre-highlighter, pre-segmented':<34} {r_pre:>10,.0f} chars/s  target >= {5 * base:,.0f}  "
          f"{'met' if r_pre >= 5 * base else 'NOT met'} ({r_pre / base:.1f}x)")


if __name__ == "__main__":
    main()
