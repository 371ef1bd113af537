"""Build the character vectors shipped in resources/models (reproducible; see the README there).

    .venv/bin/python -m tools.models.build_char_vectors [--out PATH] [--leave-out-scored SEED]

The raw text of the word clusters' sources (../shared/data/pd98/train_pool.jsonl and cluener/train.json,
tools/models/build_word_clusters.py) as the CRF reads characters (templates.codepoints: digits as 0, Latin
lower-cased); every character seen at least MIN_COUNT times gets a vector: positive PMI of the characters
within WINDOW either side (left and right, and each distance, are different contexts; context counts
smoothed with exponent 0.75), truncated SVD to DIMS dimensions (seeded), rows normalised.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from tools.models.build_word_clusters import ppmi_svd, scored_texts, texts

MIN_COUNT = 3
WINDOW = 2
DIMS = 32


def char_vectors(corpus: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The characters seen MIN_COUNT times or more (sorted normalised code points) and their vectors."""
    from annotator.core.prelabel.features.templates import codepoints

    seqs = [codepoints(t) for t in corpus]
    codes, counts = np.unique(np.concatenate(seqs), return_counts=True)
    codes = codes[counts >= MIN_COUNT]
    n = len(codes)
    rows, cols = [], []
    for cp in seqs:
        at = np.minimum(np.searchsorted(codes, cp), n - 1)
        ids = np.where(codes[at] == cp, at, -1)
        for k in range(1, WINDOW + 1):
            a, b = ids[:-k], ids[k:]
            ok = (a >= 0) & (b >= 0)
            rows += [a[ok], b[ok]]
            cols += [b[ok] + 2 * (k - 1) * n, a[ok] + (2 * k - 1) * n]
    return codes.astype(np.int64), ppmi_svd(rows, cols, (n, 2 * WINDOW * n), DIMS).astype(np.float32)


def main() -> None:
    """Read the text, embed its characters, write the vectors."""
    from annotator.core.prelabel.features.charvec import VECTORS_FILE, CharVectors
    from annotator.core.resources import models_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=models_dir() / VECTORS_FILE)
    parser.add_argument("--leave-out-scored", type=int, metavar="SEED",
                        help="leave out the 1,000 CLUENER fragments benchmarks/labels_curve.py scores with SEED")
    args = parser.parse_args()
    leave_out = scored_texts(args.leave_out_scored)
    started = time.perf_counter()
    corpus = texts(leave_out)
    codes, vec = char_vectors(corpus)
    args.out.write_bytes(CharVectors(codes, vec).to_bytes())
    print(f"{len(corpus)} texts, {len(codes)} characters x {DIMS} -> {args.out} ({args.out.stat().st_size} bytes) "
          f"in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
