"""Build the word-cluster table shipped in resources/models (reproducible; see the README there).

    .venv/bin/python -m tools.models.build_word_clusters [--out PATH] [--leave-out-scored SEED]

Unlabeled news text (../shared/data/pd98/train_pool.jsonl and cluener/train.json, raw text only) is cut
into words by the segmenter the models use (jieba); every word seen at least MIN_COUNT times gets a vector
(positive PMI of the words within WINDOW either side, context counts smoothed with exponent 0.75, truncated
SVD to DIMS dimensions, rows normalised) and is clustered by k-means at each size in SIZES (seeded, so the
table is the same on every run). Output: one line per word, `word<TAB>cluster at each size`, gzip-compressed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np

from benchmarks import bench_data

SHARED = bench_data.SHARED
MIN_COUNT = 3
WINDOW = 2
DIMS = 100
SIZES = (256, 1024)
SEED = 17
DIRECTIONAL = 1  # 1: left and right neighbours are different contexts; 0: one context per word
SOURCES = (SHARED / "pd98" / "train_pool.jsonl", SHARED / "cluener" / "train.json")


def texts(leave_out: frozenset[str] = frozenset()) -> list[str]:
    """The raw text of every line of the sources, but those in `leave_out`."""
    out = []
    for path in SOURCES:
        with path.open(encoding="utf-8") as fh:
            out.extend(t for line in fh if line.strip() and (t := json.loads(line)["text"]) not in leave_out)
    return out


def scored_texts(seed: int | None) -> frozenset[str]:
    """The texts of the CLUENER fragments benchmarks/labels_curve.py scores with `seed` (none without one)."""
    if seed is None:
        return frozenset()
    from benchmarks.labels_curve import fragments

    return frozenset(d.text for d in fragments(seed)[0])


def words_of(corpus: list[str]) -> list[list[str]]:
    """Each text's words (jieba, as the models see them), whitespace dropped."""
    from annotator.core.segment import default_segmenter

    seg = default_segmenter()
    return [[t[s:e] for s, e in seg.tokens(t) if t[s:e].strip()] for t in corpus]


def vectors(docs: list[list[str]]) -> tuple[list[str], np.ndarray]:
    """The vocabulary (count >= MIN_COUNT, most frequent first) and its PPMI-SVD vectors (unit rows)."""
    counts = Counter(w for d in docs for w in d)
    vocab = [w for w, c in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if c >= MIN_COUNT]
    index = {w: i for i, w in enumerate(vocab)}
    n = len(vocab)
    rows, cols = [], []
    for d in docs:
        ids = np.array([index.get(w, -1) for w in d], dtype=np.int64)
        for k in range(1, WINDOW + 1):
            a, b = ids[:-k], ids[k:]
            ok = (a >= 0) & (b >= 0)
            # a context is a word and its side (left/right of the word), which groups words by syntax
            rows += [a[ok], b[ok]]
            cols += [b[ok] + n * DIRECTIONAL, a[ok]]
    return vocab, ppmi_svd(rows, cols, (n, n * (1 + DIRECTIONAL)), DIMS)


def ppmi_svd(rows: list[np.ndarray], cols: list[np.ndarray], shape: tuple[int, int], dims: int) -> np.ndarray:
    """Unit rows of `dims` columns: positive PMI of the co-occurrence counts (item `rows[i][j]` seen with
    context `cols[i][j]`; context counts smoothed with exponent 0.75), truncated SVD (seeded)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds

    r, c = np.concatenate(rows), np.concatenate(cols)
    m = coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=shape).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row = np.asarray(m.sum(axis=1)).ravel()
    ctx = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    ctx /= ctx.sum()
    m = m.tocoo()
    pmi = np.log(m.data / total) - np.log(row[m.row] / total) - np.log(ctx[m.col])
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape).tocsr()
    u, s, _ = svds(ppmi, k=dims, random_state=SEED)
    vec = u * np.sqrt(s)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    return vec


def kmeans(x: np.ndarray, k: int, *, iterations: int = 25) -> np.ndarray:
    """Cluster ids of the rows of `x` by spherical k-means (seeded, frequent words as first centres)."""
    rng = np.random.default_rng(SEED)
    centres = x[rng.choice(min(len(x), 20 * k), size=k, replace=False)].copy()
    ids = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        ids = np.argmax(x @ centres.T, axis=1)
        for j in range(k):
            members = x[ids == j]
            if len(members):
                centre = members.sum(axis=0)
                centres[j] = centre / (np.linalg.norm(centre) + 1e-9)
    return ids


def main() -> None:
    """Segment, embed, cluster, write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    from annotator.core.prelabel.features.clusters import CLUSTERS_FILE
    from annotator.core.resources import models_dir

    parser.add_argument("--out", type=Path, default=models_dir() / CLUSTERS_FILE)
    parser.add_argument("--undirected", action="store_true", help="one context per word, not per side")
    parser.add_argument("--leave-out-scored", type=int, metavar="SEED",
                        help="leave out the 1,000 CLUENER fragments benchmarks/labels_curve.py scores with SEED")
    args = parser.parse_args()
    leave_out = scored_texts(args.leave_out_scored)
    global DIRECTIONAL
    DIRECTIONAL = 0 if args.undirected else 1
    started = time.perf_counter()
    docs = words_of(texts(leave_out))
    print(f"{len(docs)} texts, {sum(map(len, docs))} words segmented in {time.perf_counter() - started:.0f} s")
    vocab, vec = vectors(docs)
    print(f"{len(vocab)} words with count >= {MIN_COUNT}, vectors in {time.perf_counter() - started:.0f} s")
    ids = [kmeans(vec, k) for k in SIZES]
    lines = ["\t".join([w, *(str(int(i[n])) for i in ids)]) for n, w in enumerate(vocab)]
    with gzip.GzipFile(args.out, "wb", mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{len(vocab)} words, clusters {SIZES} -> {args.out} ({args.out.stat().st_size} bytes) "
          f"in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
