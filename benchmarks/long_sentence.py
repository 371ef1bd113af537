"""Pre-highlighting a paragraph without a sentence break (h25's leftover): the same ~200k characters of news, once
with every sentence and clause mark and line break taken out (one sequence for the CRF) and once with "。" where
each was, suggested by the shipped pre-highlighter (news-zh, the starter model) in this process; main-thread CPU
seconds of `Prelabeler.suggest` (jieba's segmentation included), and where the time goes with --profile.

    ANNOTATOR_SHARED_DATA=... .venv/bin/python -m benchmarks.long_sentence [--chars 200000] [--runs 2] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import time

from annotator.core.prelabel.features.templates import SPLIT_CHARS
from benchmarks.bench_data import SHARED

MARKS = re.compile(f"[{SPLIT_CHARS}\\s]+")


def texts(chars: int) -> tuple[str, str]:
    """(without a break, with "。" for each break) from the shared raw news, repeated to `chars` characters."""
    news = "".join(p.read_text(encoding="utf-8") for p in sorted((SHARED / "raw_news").glob("*.txt")))
    parts = [p for p in MARKS.split(news) if p]
    broken, plain = "。".join(parts), "".join(parts)
    return (plain * (chars // len(plain) + 1))[:chars], (broken * (chars // len(broken) + 1))[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    from annotator.core.prelabel.base import PrelabelDoc
    from annotator.core.prelabel.factory import build_prelabeler
    from annotator.core.schema import load_schema

    prelabeler = build_prelabeler(load_schema("news-zh"))
    prelabeler.suggest(PrelabelDoc(text="新华社北京电。"))  # the first use's loads are not measured
    plain, broken = texts(args.chars)
    print(f"load average before: {os.getloadavg()}")
    for name, text in (("no break", plain), ("with 。", broken)):
        for _ in range(args.runs):
            profile = cProfile.Profile() if args.profile else None
            cpu = time.process_time()
            if profile:
                profile.enable()
            spans = prelabeler.suggest(PrelabelDoc(text=text))
            if profile:
                profile.disable()
            cpu = time.process_time() - cpu
            print(f"{name}: {len(text):,} chars, {cpu:.2f} CPU-s ({cpu / len(text) * 1e6:.1f} µs a character), "
                  f"{len(spans):,} suggestions", flush=True)
            if profile:
                pstats.Stats(profile).sort_stats("cumulative").print_stats(18)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
