"""LAC's contextual states (research/lac_states.py) as features of the stacked models (issue 21, tenth round
of benchmarks/RESULTS-labels.md: nothing kept). Research only: it patches `lexical_keys`, `batch_features`,
`CrfModel.scores` and crfsuite's `_append_doc` so that a variant's keys and real-valued attributes reach the
stacked model in training and in the model engine.

    PYTHONPATH=src:. .venv/bin/python -m research.lac_states_features SEED VARIANT[,VARIANT...] [--ten]
        [--minfreq] [--self=N:THRESHOLD[:span]]

VARIANT: base | q<K>[o][x] (k-means clusters of the state, K of research/lac_states_centroids.py's sizes, of
the characters at -1/0/+1; "o": the character's own only; "x": and its cluster crossed with LAC's tag)
| r<D>[o] (the state's PCA, D dims, unit rows, real-valued, at -1/0/+1 or "o" the character's own)
| n<L2> (research/lac_states_names.py's classifier of whether a LAC name is a span, cross-fitted on the
reviewed fragments, its probability in 10 bins with the character's place in the name: template "xp")
| p<L2>[c] (a softmax probe from the state, "c" and its neighbours', to the BIOES tags, learned from the
reviewed fragments, 5-fold cross-fitted on them; its log-probabilities real-valued); joined by "+".
`--ten`: CLUENER's ten labels after 600 (else the conventions after 400); `--minfreq`: crfsuite's
feature.minfreq at -1e30 (keeps attributes whose values sum negative); `--self`: self-training (as
benchmarks/labels_curve.py's --self-train). The centroids: $CENTROIDS (default /tmp/h18/centroids.npz);
the word clusters and character vectors rebuilt without the scored fragments: $CLUSTERS, $CHAR_VECTORS
(default /tmp/h9/c{SEED}.tsv.gz, /tmp/h9/cv{SEED}.npz).
"""
import os
import sys
import time
from pathlib import Path

import numpy as np

from annotator.core.prelabel import CORE_LABELS, train
from annotator.core.prelabel.engines import model as EM
from annotator.core.prelabel.features import batch as B
from annotator.core.prelabel.features import lexical_keys as LK
from annotator.core.prelabel.features import templates as T
from annotator.core.prelabel.features.charvec import VECTOR_TEMPLATE, use_vectors_file
from annotator.core.prelabel.features.clusters import use_table_file
from annotator.core.prelabel.features.prepare import prepare_text
from annotator.core.prelabel.features.templates import attribute_lists, bioes
from annotator.core.prelabel.learning import crfsuite as CS
from annotator.core.prelabel.models import crf as CRF
from annotator.core.prelabel.models.decoding import viterbi
from annotator.core.prelabel.models.files import STACK, STARTER
from annotator.core.schema import load_schema
from benchmarks import labels_curve as LC
from research.lac_states import states


class _Lazy(dict):
    def __getitem__(self, k):
        if not len(self):
            self.update(np.load(os.environ.get("CENTROIDS", "/tmp/h18/centroids.npz")))
        return dict.__getitem__(self, k)
CEN = _Lazy()
_st = {}
def st(text):
    s = _st.get(text)
    if s is None:
        s = _st[text] = states(text) if text else np.zeros((0, 256), np.float32)
    return s

_cl = {}
def clusters(text, k):
    key = (text, k)
    c = _cl.get(key)
    if c is None:
        X = st(text)
        C = CEN[f"c{k}"]
        d = -2 * X @ C.T + (C * C).sum(1)[None]
        c = _cl[key] = d.argmin(1).astype(np.int64) if len(X) else np.zeros(0, np.int64)
    return c

PROBE = {}
def probe_input(text):
    X = st(text)
    if PROBE.get("ctx"):
        z = np.zeros((1, X.shape[1]), np.float32)
        X = np.hstack([np.vstack([z, X[:-1]]), X, np.vstack([X[1:], z])])
    return np.hstack([X, np.ones((len(X), 1), np.float32)])

def fit_softmax(X, y, k, l2):
    from scipy.optimize import minimize
    d = X.shape[1]
    Y = np.zeros((len(y), k), np.float64)
    Y[np.arange(len(y)), y] = 1
    X = X.astype(np.float64)
    def f(w):
        W = w.reshape(d, k)
        Z = X @ W
        Z -= Z.max(1, keepdims=True)
        logp = Z - np.log(np.exp(Z).sum(1, keepdims=True))
        P = np.exp(logp)
        loss = -(Y * logp).sum() + 0.5 * l2 * (W[:-1] ** 2).sum()
        G = X.T @ (P - Y)
        G[:-1] += l2 * W[:-1]
        return loss, G.ravel()
    r = minimize(f, np.zeros(d * k), jac=True, method="L-BFGS-B", options={"maxiter": 200})
    return r.x.reshape(d, k).astype(np.float32)

def apply_softmax(W, X):
    Z = X @ W
    Z -= Z.max(1, keepdims=True)
    return np.maximum(Z - np.log(np.exp(Z).sum(1, keepdims=True)), -10).astype(np.float32)

def build_probe(learn, labels, l2, folds=5):
    from annotator.core.prelabel.features.templates import tag_ids, tag_set
    k = len(tag_set(tuple(labels)))
    data = [(probe_input(d.text), tag_ids(len(d.text), CS.gold_spans(d, labels), tuple(labels))) for d in learn]
    PROBE["fixed"] = {}
    for f in range(folds):
        tr = [x for i, x in enumerate(data) if i % folds != f]
        W = fit_softmax(np.concatenate([a for a, _ in tr]), np.concatenate([b for _, b in tr]), k, l2)
        for i, d in enumerate(learn):
            if i % folds == f:
                PROBE["fixed"][d.text] = apply_softmax(W, data[i][0])
    PROBE["W"] = fit_softmax(np.concatenate([a for a, _ in data]), np.concatenate([b for _, b in data]), k, l2)
    return k

def probe_feats(text):
    got = PROBE["fixed"].get(text)
    return got if got is not None else apply_softmax(PROBE["W"], probe_input(text))

NAMES = {}
NAME_KINDS = ("PER", "LOC", "ORG", "nz")


def lac_names(text):
    """LAC's PER/LOC/ORG/nz words of `text` and their classifier rows (the states of the word, its edges and
    the characters either side, and its kind)."""
    from annotator.core.prelabel.features.lexical import label, read
    tags = read(text)
    S = st(text)
    z = np.zeros(256, np.float32)
    out, start = [], 0
    for i in range(1, len(tags) + 1):
        if i == len(tags) or not tags[i].endswith("-I"):
            kind = label(tags[start])
            if kind in NAME_KINDS:
                s, e = start, i
                row = np.concatenate([S[s:e].mean(0), S[s], S[e - 1], S[s - 1] if s else z,
                                      S[e] if e < len(S) else z,
                                      np.eye(len(NAME_KINDS), dtype=np.float32)[NAME_KINDS.index(kind)], [1.0]])
                out.append((s, e, row))
            start = i
    return out


def fit_logistic(X, y, l2):
    from scipy.optimize import minimize
    X = X.astype(np.float64)

    def f(w):
        p = 1 / (1 + np.exp(-(X @ w)))
        loss = -(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)).sum() + 0.5 * l2 * (w[:-1] ** 2).sum()
        g = X.T @ (p - y)
        g[:-1] += l2 * w[:-1]
        return loss, g
    return minimize(f, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 300}).x


def build_names(learn, labels, l2, folds=5):
    """Whether each LAC name is a reviewed span: cross-fitted on the reviewed fragments, all of them for others."""
    data = []
    for d in learn:
        gold = {(s, e) for s, e, _ in CS.gold_spans(d, labels)}
        rows = lac_names(d.text)
        data.append(([r for _, _, r in rows], [float((s, e) in gold) for s, e, _ in rows]))
    NAMES["fixed"] = {}
    for f in range(folds):
        tr = [x for i, x in enumerate(data) if i % folds != f and x[0]]
        w = fit_logistic(np.array([r for rows, _ in tr for r in rows]), np.array([v for _, ys in tr for v in ys]), l2)
        for i, d in enumerate(learn):
            if i % folds == f:
                NAMES["fixed"][d.text] = w
    tr = [x for x in data if x[0]]
    NAMES["w"] = fit_logistic(np.array([r for rows, _ in tr for r in rows]), np.array([v for _, ys in tr for v in ys]), l2)


def name_keys(text):
    """Per character: the classifier's probability (10 bins) that the LAC name it is in is a span, with the
    character's place in it (B/M/E/S); -1 outside LAC's names."""
    w = NAMES["fixed"].get(text, NAMES["w"])
    keys = np.full(len(text), -1, dtype=np.int64)
    for s, e, row in lac_names(text):
        b = min(int(10 / (1 + np.exp(-float(row.astype(np.float64) @ w)))), 9)
        place = np.full(e - s, 1)
        place[0], place[-1] = 0, 2
        if e - s == 1:
            place[0] = 3
        keys[s:e] = b * 4 + place
    return keys


MY = {}      # template name -> function(text) -> keys
REAL = {"dims": 0, "offsets": (0,)}
F = np.zeros((600_000, 64), np.float32)
_zi = {}
_next = [0]
def zi(text):
    z = _zi.get(text)
    if z is None:
        n = len(text)
        D = REAL["dims"]
        if n:
            if PROBE:
                P = probe_feats(text)
            else:
                P = (st(text) - CEN["mean"]) @ CEN["comps"][:D].T
                P /= np.maximum(np.linalg.norm(P, axis=1, keepdims=True), 1e-6)
            F[_next[0]:_next[0] + n, :D] = P
        z = _zi[text] = np.arange(_next[0], _next[0] + n)
        _next[0] += n
    return z

def real_feats(zkeys):
    D = REAL["dims"]
    n = len(zkeys)
    padded = np.vstack([F[zkeys, :D], np.zeros((1, D), np.float32)])
    idx = np.arange(n)
    out = []
    for k in REAL["offsets"]:
        j = idx + k
        # offsets never cross documents' edges here: zi is contiguous within a text; mark edges by index jumps
        ok = (j >= 0) & (j < n)
        jj = np.where(ok, j, n)
        same = np.zeros(n, bool)
        same[ok] = zkeys[jj[ok]] == zkeys[idx[ok]] + k
        out.append(padded[np.where(same, jj, n)])
    return np.hstack(out)

_orig_lk = LK.lexical_keys
ORIG4 = tuple(LK.LEXICAL_TEMPLATES)
def lk(text, templates):
    out = _orig_lk(text, [t for t in templates if t in ORIG4])
    for t in templates:
        if t in MY:
            out[t] = MY[t](text)
    if REAL["dims"] and any(t in LK.LEXICAL_TEMPLATES for t in templates):
        out["zi"] = zi(text)
    return out
T.lexical_keys = lk
B.lexical_keys = lk

_orig_bf = B.batch_features
def bf(docs, *, templates):
    b = _orig_bf(docs, templates=templates)
    if REAL["dims"] and any(t in LK.LEXICAL_TEMPLATES for t in templates):
        b.keys["zi"] = np.concatenate([zi(d.text) for d in docs])
    return b
EM.batch_features = bf

def cluster_template(k, off, cross):
    def f(text):
        c = clusters(text, k)
        n = len(c)
        pad = np.concatenate(([k], c, [k]))
        v = pad[1 + off:1 + off + n]
        if cross:
            v = v * 64 + LK.tag_keys(text)
        return v
    return f

def setup(variant):
    NAMES.clear()
    PROBE.clear()
    MY.clear()
    REAL["dims"] = 0
    names = []
    if variant != "base":
        for part in variant.split("+"):
            if part[0] == "q":
                spec = part[1:]
                k = int("".join(ch for ch in spec if ch.isdigit()))
                only0 = "o" in spec
                cross = "x" in spec
                for off in ((0,) if only0 else (-1, 0, 1)):
                    nm = f"q{k}{'mop'[off + 1]}"
                    MY[nm] = cluster_template(k, off, False)
                    names.append(nm)
                if cross:
                    nm = f"q{k}x"
                    MY[nm] = cluster_template(k, 0, True)
                    names.append(nm)
            elif part[0] == "n":  # n<L2>: the LAC-name classifier's binned probability ("xp")
                NAMES.clear()
                NAMES["l2"] = float(part[1:])
                MY["xp"] = name_keys
                names.append("xp")
            elif part[0] == "p":  # p<l2>[c]: the probe, its log-probabilities as 13 real attributes
                spec = part[1:]
                PROBE.clear()
                PROBE["ctx"] = spec.endswith("c")
                PROBE["l2"] = float(spec.rstrip("c"))
                REAL["dims"] = -1  # set in main
                REAL["offsets"] = (0,)
                _zi.clear()
                _next[0] = 0
            elif part[0] == "r":
                spec = part[1:]
                REAL["dims"] = int("".join(ch for ch in spec if ch.isdigit()))
                REAL["offsets"] = (0,) if "o" in spec else (-1, 0, 1)
                _zi.clear()
                _next[0] = 0
    allt = ORIG4 + tuple(MY)
    LK.LEXICAL_TEMPLATES = allt
    B.LEXICAL_TEMPLATES = allt
    CRF.LEXICAL_TEMPLATES = allt
    return tuple(names)

# real-valued: scores and training append the state features after the character vectors


def scores(self, keys, seqs):
    em = self._stacked_scores(keys, seqs)
    table = self.tables.get(VECTOR_TEMPLATE)
    if self.vectors is not None and table is not None:
        feats = self.vectors.features(keys["u0"])
        if REAL["dims"] and "zi" in keys:
            feats = np.hstack([feats, real_feats(keys["zi"])])
        em += feats @ table.weights[table.rows(np.arange(feats.shape[1], dtype=np.int64))]
    return em
CRF.CrfModel.scores = scores



def _append_doc(trainer, doc, base, *, presegmented_view, templates, labels, vectors=None):
    tags_all = bioes(len(doc.text), CS.gold_spans(doc, labels), labels)
    chars = 0
    for preseg, tokens in CS.views(doc, presegmented_view=presegmented_view):
        keys, seqs = prepare_text(doc.text, tokens if preseg else None, templates=templates)
        base_em = None
        if base is not None:
            base_em = base.reading(keys, seqs)
            keys = {**keys, **CRF.stack_keys(viterbi(base_em, seqs, base.transitions), len(base.tags))}
        feats = vectors.features(keys["u0"]) if vectors is not None else None
        if feats is not None and REAL["dims"]:
            feats = np.hstack([feats, real_feats(keys["zi"])])
        for s, e in seqs:
            attrs = attribute_lists(keys, s, e, templates)
            if base_em is not None:
                attrs = [{**dict.fromkeys(row, 1.0), **CS._base_attrs(sc)}
                         for row, sc in zip(attrs, base_em[s:e].tolist(), strict=True)]
            if feats is not None:
                attrs = [{**(row if isinstance(row, dict) else dict.fromkeys(row, 1.0)), **CS._vector_attrs(values)}
                         for row, values in zip(attrs, feats[s:e].tolist(), strict=True)]
            trainer.append(attrs, tags_all[s:e])
            chars += e - s
    return chars
CS._append_doc = _append_doc


def self_train(model, unrev, thr, need_span, labels):
    """Tag unreviewed fragments with `model` (model engine), keep those whose every character's marginal >= thr."""
    from dataclasses import replace

    from annotator.core.annotations import EntitySpan, SpanState
    from annotator.core.prelabel import build_prelabeler
    from annotator.core.prelabel.base import PrelabelDoc, Prepared
    pre = build_prelabeler(load_schema("news-zh"), engines=["model"], model=model)
    eng = pre.engines[0]
    out = []
    for a in range(0, len(unrev), 500):
        chunk = unrev[a:a + 500]
        spans, conf = eng.suggest_measured([Prepared(PrelabelDoc(d.text)) for d in chunk])
        for d, sp, c in zip(chunk, spans, conf, strict=True):
            if len(c) and float(c.min()) >= thr and (sp or not need_span):
                out.append(replace(d, tokens=(), spans=tuple(EntitySpan(0, x.start, x.end, x.label, "model",
                           SpanState.ACCEPTED) for x in sp if x.label in labels)))
    return out


def main():
    extra = {"feature.minfreq": -1e30} if "--minfreq" in sys.argv else None
    seed = int(sys.argv[1])
    variants = sys.argv[2].split(",")
    ten = "--ten" in sys.argv
    use_table_file(Path(os.environ.get("CLUSTERS", f"/tmp/h9/c{seed}.tsv.gz")))
    use_vectors_file(Path(os.environ.get("CHAR_VECTORS", f"/tmp/h9/cv{seed}.npz")))
    scored, pool = LC.fragments(seed)
    for v in variants:
        mine = setup(v)
        t0 = time.process_time()
        if ten:
            learn = pool[:600]
            labels = LC.learnable(learn)
            if PROBE:
                REAL["dims"] = build_probe(learn, labels, PROBE["l2"])
                print("probe built CPU", time.process_time() - t0, flush=True)
            model = train(learn, base=STARTER, method=STACK, labels=labels,
                          templates=CS.NEW_LABELS_TEMPLATES + mine, params=extra)
            cpu = time.process_time() - t0
            fm, fa, _ = LC.scores(LC.cluener_schema(), model, learn, scored, LC.LABELS)
            print(f"TEN seed {seed} {v:<20} model {fm:.4f} +dict {fa:.4f} train CPU {cpu:.1f}", flush=True)
        else:
            sc, learn = LC.as_starter_labels(scored), LC.as_starter_labels(pool[:400])
            if NAMES:
                build_names(learn, CORE_LABELS, NAMES["l2"])
                print("names classifier built CPU", time.process_time() - t0, flush=True)
            if PROBE:
                REAL["dims"] = build_probe(learn, CORE_LABELS, PROBE["l2"])
                print("probe built CPU", time.process_time() - t0, flush=True)
            model = train(learn, base=STARTER, method=STACK, templates=CS.STACKED_TEMPLATES + mine, params=extra)
            cpu = time.process_time() - t0
            for arg in sys.argv:
                if arg.startswith("--self="):  # --self=N:THR[:span]
                    n, thr, *rest = arg[7:].split(":")
                    extra_docs = self_train(model, LC.as_starter_labels(pool[400:400 + int(n)]), float(thr), bool(rest), CORE_LABELS)
                    print(f"self-training: {len(extra_docs)} of {n} kept, {sum(len(d.spans) for d in extra_docs)} spans", flush=True)
                    model = train(learn + extra_docs, base=STARTER, method=STACK, templates=CS.STACKED_TEMPLATES + mine, params=extra)
                    cpu = time.process_time() - t0
            fm, fa, table = LC.scores(load_schema("news-zh"), model, learn, sc, CORE_LABELS)
            print(f"CONV seed {seed} {v:<20} model {fm:.4f} +dict {fa:.4f} train CPU {cpu:.1f}", flush=True)
            if "--table" in sys.argv:
                print(table, flush=True)

if __name__ == "__main__":
    main()
