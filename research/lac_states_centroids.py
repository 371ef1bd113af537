"""The PCA and k-means centroids of LAC's contextual states that research/lac_states_features.py reads, learned
from unlabeled text only: CLUENER's fragments outside both seeds' scored sets (half their characters) and 400
People's Daily train_pool articles (a quarter). Research only (benchmarks/RESULTS-labels.md, tenth round).

    PYTHONPATH=src:. .venv/bin/python -m research.lac_states_centroids      # writes /tmp/h18/centroids.npz
"""
import json
import time

import numpy as np

from benchmarks import bench_data
from benchmarks.labels_curve import CLUENER, fragments
from research.lac_states import states

rng = np.random.default_rng(0)
t0 = time.process_time()
scored = {d.text for s in (0, 1) for d in fragments(s)[0]}
texts = [json.loads(line)["text"] for line in open(CLUENER, encoding="utf-8") if line.strip()]
cl = [t for t in texts if t not in scored]
pd = [json.loads(line)["text"] for line in open(bench_data.SHARED / "pd98" / "train_pool.jsonl", encoding="utf-8")]
rng.shuffle(pd)
pd = pd[:400]
print(len(cl), "cluener texts", sum(map(len, cl)), "chars;", len(pd), "pd98 articles", sum(map(len, pd)), "chars", flush=True)
sample = []
for i, t in enumerate(cl + pd):
    s = states(t)
    keep = rng.random(len(s)) < (0.5 if i < len(cl) else 0.25)
    sample.append(s[keep].astype(np.float32))
X = np.concatenate(sample)
print("sample", X.shape, "states CPU", time.process_time() - t0, flush=True)
mean = X.mean(0)
Xc = X - mean
cov = Xc.T @ Xc / len(Xc)
w, v = np.linalg.eigh(cov)
order = np.argsort(w)[::-1]
comps = v[:, order].T.astype(np.float32)
print("var explained 16/32/64:", [float(w[order][:k].sum() / w.sum()) for k in (16, 32, 64)], flush=True)

def kmeans(X, k, iters=15, seed=0):
    r = np.random.default_rng(seed)
    C = X[r.choice(len(X), k, replace=False)].copy()
    x2 = (X * X).sum(1)
    for _ in range(iters):
        lab = np.empty(len(X), dtype=np.int64)
        for a in range(0, len(X), 20000):
            d = x2[a:a+20000, None] - 2 * X[a:a+20000] @ C.T + (C * C).sum(1)[None]
            lab[a:a+20000] = d.argmin(1)
        cnt = np.bincount(lab, minlength=k)
        S = np.zeros_like(C)
        np.add.at(S, lab, X)
        empty = cnt == 0
        C[~empty] = S[~empty] / cnt[~empty, None]
        C[empty] = X[r.choice(len(X), empty.sum(), replace=False)]
    return C

out = {"mean": mean, "comps": comps}
for k in (64, 256, 1024):
    t1 = time.process_time()
    out[f"c{k}"] = kmeans(X, k, iters=12 if k < 1024 else 8)
    print("kmeans", k, time.process_time() - t1, flush=True)
np.savez("/tmp/h18/centroids.npz", **out)
print("done CPU", time.process_time() - t0)
