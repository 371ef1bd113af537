"""Which of LAC's names does CLUENER mark? A logistic regression over LAC's contextual states of each LAC
PER/LOC/ORG/nz word, learned from the 400 reviewed fragments
then its words added to (and the model's spans
that are such a word dropped from) the conventions' stacked model's suggestions. Research only
(benchmarks/RESULTS-labels.md, tenth round).

    PYTHONPATH=src:. .venv/bin/python -m research.lac_states_names SEED [L2]
"""
import os
import sys
import time
from pathlib import Path

import numpy as np

from annotator.core.prelabel import CORE_LABELS, PrelabelDoc, build_prelabeler, train
from annotator.core.prelabel.features.charvec import use_vectors_file
from annotator.core.prelabel.features.clusters import use_table_file
from annotator.core.prelabel.features.lexical import label, read
from annotator.core.prelabel.learning.evaluate import gold_of
from annotator.core.prelabel.models.files import STACK, STARTER
from annotator.core.schema import load_schema
from benchmarks import labels_curve as LC
from research.lac_states import states

KINDS = ("PER", "LOC", "ORG", "nz")
seed = int(sys.argv[1])
use_table_file(Path(os.environ.get("CLUSTERS", f"/tmp/h9/c{seed}.tsv.gz")))
use_vectors_file(Path(os.environ.get("CHAR_VECTORS", f"/tmp/h9/cv{seed}.npz")))
scored, pool = LC.fragments(seed)
sc, learn = LC.as_starter_labels(scored), LC.as_starter_labels(pool[:400])

def words(text):
    tags = read(text)
    out, start = [], 0
    for i in range(1, len(tags) + 1):
        if i == len(tags) or not tags[i].endswith("-I"):
            out.append((start, i, label(tags[start])))
            start = i
    return out

def cands(doc):
    gold = {(s, e): lab for s, e, lab in gold_of(doc)}
    S = states(doc.text)
    z = np.zeros(256, np.float32)
    rows, ys, labs, spans = [], [], [], []
    for s, e, k in words(doc.text):
        if k not in KINDS:
            continue
        f = np.concatenate([S[s:e].mean(0), S[s], S[e - 1], S[s - 1] if s else z, S[e] if e < len(S) else z,
                            np.eye(len(KINDS), dtype=np.float32)[KINDS.index(k)], [1.0]])
        rows.append(f)
        ys.append(gold.get((s, e), "O"))
        labs.append(k)
        spans.append((s, e))
    return rows, ys, labs, spans

def fit(X, y, l2):
    from scipy.optimize import minimize
    X = X.astype(np.float64)
    def f(w):
        z = X @ w
        p = 1 / (1 + np.exp(-z))
        loss = -(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)).sum() + 0.5 * l2 * (w[:-1] ** 2).sum()
        g = X.T @ (p - y)
        g[:-1] += l2 * w[:-1]
        return loss, g
    return minimize(f, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 300}).x

t0 = time.process_time()
tr = [cands(d) for d in learn]
X = np.array([r for rows, *_ in tr for r in rows])
y = np.array([yy != "O" for _, ys, _, _ in tr for yy in ys], float)
print(f"train: {len(y)} LAC names, {int(y.sum())} gold", flush=True)
te = [cands(d) for d in sc]
Xt = np.array([r for rows, *_ in te for r in rows])
yt = np.array([yy != "O" for _, ys, _, _ in te for yy in ys], float)
print(f"scored: {len(yt)} LAC names, {int(yt.sum())} gold", flush=True)
def auc(p, y):
    o = np.argsort(p)
    r = np.empty(len(p))
    r[o] = np.arange(len(p))
    return (r[y == 1].sum() - y.sum() * (y.sum() - 1) / 2) / (y.sum() * (1 - y).sum())
# baseline: LAC kind only
for l2 in (1.0, 10.0, 100.0):
    w = fit(X, y, l2)
    pt = 1 / (1 + np.exp(-(Xt.astype(np.float64) @ w)))
    print(f"l2 {l2}: AUC {auc(pt, yt):.3f}", flush=True)
Xk = X[:, -5:]
Xtk = Xt[:, -5:]
wk = fit(Xk, y, 1.0)
print(f"kind only AUC {auc(1/(1+np.exp(-(Xtk.astype(np.float64) @ wk))), yt):.3f}", flush=True)
print("CPU", time.process_time() - t0, flush=True)

L2 = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
w = fit(X, y, L2)
model = train(learn, base=STARTER, method=STACK)
schema = load_schema("news-zh")
pre = build_prelabeler(schema, model=model, gazetteer=LC.project_gazetteer(learn))
preds = [[(s.start, s.end, s.label) for s in pre.suggest(PrelabelDoc(d.text)) if s.label in CORE_LABELS] for d in sc]
golds = [[g for g in gold_of(d) if g[2] in CORE_LABELS] for d in sc]
def f1(pp):
    tp = sum(len(set(p) & set(g)) for p, g in zip(pp, golds, strict=True))
    np_ = sum(map(len, pp))
    ng = sum(map(len, golds))
    P = tp / np_
    R = tp / ng
    return 2 * P * R / (P + R), P, R
print("baseline +dict F1 {:.4f} P {:.3f} R {:.3f}".format(*f1(preds)), flush=True)
scoredc = []
for (rows, _, labs, spans) in te:
    p = 1 / (1 + np.exp(-(np.array(rows, dtype=np.float64) @ w))) if rows else np.zeros(0)
    scoredc.append(list(zip(spans, labs, p, strict=True)))
KMAP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "nz": "ORG"}
for t_add in (0.5, 0.6, 0.7, 0.8, 1.1):
    for t_drop in (0.0, 0.05, 0.1, 0.2):
        out = []
        for pp, cc in zip(preds, scoredc, strict=True):
            prob = {sp: p for sp, _, p in cc}
            kept = [x for x in pp if prob.get((x[0], x[1]), 1.0) >= t_drop]
            for (s, e), k, p in cc:
                if p >= t_add and not any(a < e and s < b for a, b, _ in kept):
                    kept.append((s, e, KMAP[k]))
            out.append(kept)
        print(f"add >= {t_add} drop < {t_drop}: " + "F1 {:.4f} P {:.3f} R {:.3f}".format(*f1(out)), flush=True)
