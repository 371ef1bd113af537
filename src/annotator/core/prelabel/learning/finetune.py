"""Fine-tuning a CRF on reviewed documents with a Gaussian prior centred on its own weights.

Domain adaptation as in Chelba & Acero (2006): minimise
    sum over sequences of -log p(y | x; w)  +  sum_i (w_i - w0_i)^2 / (2 sigma_i^2)
starting from w0 = the base model's state weights and transitions. Feature keys the reviewed documents
contain but the base has no row for start at 0 with their own prior width. Only rows the documents
touch can move (the others have no likelihood gradient and stay at w0), so the problem is small; the
result is a plain `CrfModel` of the same shape as the base, decoded at the same cost.

The gradient is observed minus expected feature counts: node marginals for the state weights, edge
marginals for the transitions, from a scaled forward-backward vectorised over length-sorted batches
of sequences (decoding.py's `batches`). scipy's L-BFGS does the rest.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import numpy as np

from annotator.core.annotations import AnnotatedDocument
from annotator.core.errors import ValidationError
from annotator.core.prelabel.features.prepare import prepare_text
from annotator.core.prelabel.features.templates import CORE_LABELS, TAGS, tag_ids
from annotator.core.prelabel.learning.crfsuite import TrainStats, gold_spans, views
from annotator.core.prelabel.models import decoding
from annotator.core.prelabel.models.crf import BASE_SCORES, STACK_TEMPLATES, CrfModel, KeyTable
from annotator.core.prelabel.models.neural import TEMPLATES as NEURAL_TEMPLATES
from annotator.core.prelabel.models.neural import NeuralNet
from annotator.core.text import Token

if TYPE_CHECKING:
    from scipy import sparse

L = len(TAGS)


@dataclass(frozen=True)
class FinetuneParams:
    """Prior widths and the optimiser's budget, tuned on train_pool articles a starter had not seen
    (research/RESULTS-prelabel.md): new keys need a wider prior than the base's weights, a smaller `sigma` is
    safer at 50 articles, more iterations did not help, and the bias and transitions share `sigma` (a wider
    prior for them alone changed nothing)."""

    sigma: float = 0.5  # prior width of the base's own weights and transitions
    sigma_new: float = 1.0  # prior width (around 0) of feature keys the base has no weights for
    # New keys whose weights all end below this are left out: most of a few hundred documents' new keys
    # barely move from 0 (median 3e-5), and keeping them made a 0.43 MB starter a 9.9 MB model; left out
    # at 0.05 it is 1.4 MB with the same held-out F1.
    prune: float = 0.05
    max_iterations: int = 60

    def as_meta(self) -> dict[str, object]:
        """What a model file records about how it was fine-tuned."""
        return {"method": "finetune", **asdict(self)}


@dataclass(frozen=True)
class Corpus:
    """Every training sequence's positions, concatenated: keys per template, gold tag ids, sequences."""

    keys: dict[str, np.ndarray]
    gold: np.ndarray
    seqs: list[Token]
    raw: np.ndarray  # (positions,) whether read as raw text (jieba's words), not under given tokens


def build_corpus(docs: Sequence[AnnotatedDocument], templates: tuple[str, ...], *,
                 presegmented_view: bool = True) -> Corpus:
    """Feature keys and gold tags of the documents under each view (jieba's, and the file's own tokens)."""
    parts: list[dict[str, np.ndarray]] = []
    golds: list[np.ndarray] = []
    raws: list[np.ndarray] = []
    seqs: list[Token] = []
    pos = 0
    for doc in docs:
        tags = tag_ids(len(doc.text), gold_spans(doc))
        # Twice under the same words when the tokens are jieba's: the prior's widths were tuned with it,
        # and learned once 400 fragments of another convention scored 0.011 lower (RESULTS-labels.md).
        for preseg, tokens in views(doc, presegmented_view=presegmented_view, distinct=False):
            keys, doc_seqs = prepare_text(doc.text, tokens if preseg else None, templates=templates)
            # Keep only positions inside sequences (whitespace is never tagged), renumbered contiguously.
            inside = np.zeros(len(doc.text), dtype=bool)
            for s, e in doc_seqs:
                inside[s:e] = True
            parts.append({name: keys[name][inside] for name in templates if name in keys})
            golds.append(tags[inside])
            raws.append(np.full(int(inside.sum()), not preseg))
            ends = pos + np.cumsum([e - s for s, e in doc_seqs])
            seqs.extend(zip([pos, *ends[:-1].tolist()], ends.tolist(), strict=True))
            pos = int(ends[-1]) if len(ends) else pos
    if not parts:
        return Corpus({name: np.zeros(0, dtype=np.int64) for name in templates}, np.zeros(0, dtype=np.int64), [],
                      np.zeros(0, dtype=bool))
    names = parts[0].keys()
    return Corpus({name: np.concatenate([p[name] for p in parts]) for name in names},
                  np.concatenate(golds), seqs, np.concatenate(raws))


@dataclass(frozen=True)
class Problem:
    """The objective's fixed parts: the rows that learn, their prior centres and widths, the data."""

    row_keys: dict[str, np.ndarray]  # per template, the sorted keys whose rows are learned
    x: sparse.csr_matrix  # (positions, learned rows): one 1 per template with a key at the position
    xt: sparse.csr_matrix  # its transpose (for the gradient)
    w0: np.ndarray  # (rows, L) prior centres: the base's weights, 0 for new keys
    precision: np.ndarray  # (rows,) 1 / sigma^2 of each row
    precision_trans: float  # 1 / sigma^2 (the transitions are the base's own weights)
    new: np.ndarray  # (rows,) whether the base had no weights for the row's key
    t0: np.ndarray  # (L, L) the base's transitions
    gold: np.ndarray  # (positions,) gold tag ids
    observed_trans: np.ndarray  # (L, L) gold transition counts
    batches: list[tuple[np.ndarray, np.ndarray]]  # decoding.py's length-sorted groups of sequences
    n: int
    # Fixed scores added to every emission: the base's neural reading (times its alpha) on raw text, as
    # the model engine adds it, so the weights learn what the network does not already say.
    fixed: np.ndarray | None = None


def build_problem(base: CrfModel, corpus: Corpus, params: FinetuneParams, *,
                  fixed: np.ndarray | None = None) -> Problem:
    """The rows the corpus touches (the base's and new ones) and the sparse design matrix over them."""
    from scipy import sparse

    n = len(corpus.gold)
    row_keys: dict[str, np.ndarray] = {}
    w0_parts, new_parts, cols, rows = [], [], [], []
    offset = 0
    for name, table in base.tables.items():
        if name not in corpus.keys:
            continue
        k = corpus.keys[name]
        has = k >= 0
        seen = np.unique(k[has])
        row_keys[name] = seen
        known = table.rows(seen)
        in_base = known < len(table.keys)
        w0_parts.append(np.where(in_base[:, None], table.weights[known], 0.0))
        new_parts.append(~in_base)
        rows.append(np.nonzero(has)[0])
        cols.append(offset + np.searchsorted(seen, k[has]))
        offset += len(seen)
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    x = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(n, offset))
    xt = x.T.tocsr()
    new = np.concatenate(new_parts) if new_parts else np.zeros(0, dtype=bool)
    precision = np.where(new, 1 / params.sigma_new ** 2, 1 / params.sigma ** 2)
    follows = _follows(corpus.seqs, n)
    pairs = np.bincount(corpus.gold[:-1][follows] * L + corpus.gold[1:][follows],
                        minlength=L * L).reshape(L, L).astype(np.float64)
    w0 = np.vstack(w0_parts) if w0_parts else np.zeros((0, L))
    return Problem(row_keys=row_keys, x=x, xt=xt, w0=w0,
                   precision=precision, precision_trans=1 / params.sigma ** 2, new=new,
                   t0=base.transitions.astype(np.float64), gold=corpus.gold, observed_trans=pairs,
                   batches=list(decoding.batches(corpus.seqs, n)), n=n, fixed=fixed)


def _follows(seqs: Sequence[Token], n: int) -> np.ndarray:
    """Whether position i + 1 continues i's sequence (the corpus's sequences tile [0, n))."""
    out = np.ones(max(n - 1, 0), dtype=bool)
    out[[e - 1 for _, e in seqs[:-1]]] = False
    return out


def forward_backward(em: np.ndarray, trans: np.ndarray,
                     batches: Iterable[tuple[np.ndarray, np.ndarray]]) -> tuple[float, np.ndarray, np.ndarray]:
    """log Z summed over sequences, node marginals (n, L) and expected transition counts (L, L).

    `batches` are decoding.py's: (T, B) position matrices (padding -> n) with their B lengths, ascending.
    Rabiner scaling: alpha_t is normalised by c_t and beta_{t-1} divided by the same c_t, so
    alpha_t * beta_t is the node marginal and the edge marginals need no further normalising."""
    n = len(em)
    padded = np.vstack((em, np.zeros((1, L)))).T  # (L, n + 1)
    tmax = float(trans.max())
    et = np.exp(trans - tmax)
    marg = np.zeros((n + 1, L))
    edges = np.zeros((L, L))
    log_z = 0.0
    for idx, lens in batches:
        T, B = idx.shape
        live = idx < n
        # Sequences still running at step t are the columns first[t]: (lengths ascend).
        first = np.searchsorted(lens, np.arange(T), side="right").tolist()
        eb = padded[:, idx]  # (L, T, B)
        top = eb.max(axis=0)
        pot = np.ascontiguousarray(np.exp(eb - top[None]).transpose(1, 0, 2))  # (T, L, B)
        alpha = np.zeros((T, L, B))
        scale = np.ones((T, B))
        scale[0] = pot[0].sum(axis=0)
        alpha[0] = pot[0] / scale[0]
        for t in range(1, T):
            k = first[t]
            a = (et.T @ alpha[t - 1][:, k:]) * pot[t][:, k:]
            scale[t, k:] = a.sum(axis=0)
            alpha[t][:, k:] = a / scale[t, k:]
        beta = np.ones((T, L, B))
        for t in range(T - 1, 0, -1):
            k = first[t]
            beta[t - 1][:, k:] = (et @ (pot[t][:, k:] * beta[t][:, k:])) / scale[t, k:]
        log_z += float(np.log(scale).sum() + top[live].sum() + tmax * live[1:].sum())
        marg[idx[live]] = (alpha * beta).transpose(0, 2, 1)[live]
        if T > 1:
            w = pot[1:] * beta[1:] / scale[1:, None, :] * live[1:, None, :]
            edges += alpha[:-1].transpose(1, 0, 2).reshape(L, -1) @ w.transpose(1, 0, 2).reshape(L, -1).T
    return log_z, marg[:n], edges * et


def log_likelihood(model: CrfModel, corpus: Corpus) -> float:
    """Sum over the corpus's sequences of log p(gold tags | text) under a plain model."""
    em = model.emissions(corpus.keys).astype(np.float64)
    trans = model.transitions.astype(np.float64)
    log_z, _, _ = forward_backward(em, trans, decoding.batches(corpus.seqs, len(corpus.gold)))
    gold = corpus.gold
    follows = _follows(corpus.seqs, len(gold))
    score = em[np.arange(len(gold)), gold].sum() + trans[gold[:-1][follows], gold[1:][follows]].sum()
    return float(score) - log_z


def objective(theta: np.ndarray, problem: Problem) -> tuple[float, np.ndarray]:
    """Negative log-likelihood plus the Gaussian prior, and its gradient (theta: W, transitions)."""
    W, trans = unpack(theta, problem)
    em = problem.x @ W
    if problem.fixed is not None:
        em = em + problem.fixed
    log_z, marg, edges = forward_backward(em, trans, problem.batches)
    at = np.arange(len(em))
    dw = W - problem.w0
    dt = trans - problem.t0
    f = (log_z - float(em[at, problem.gold].sum()) - float((problem.observed_trans * trans).sum())
         + 0.5 * float((problem.precision[:, None] * dw * dw).sum())
         + 0.5 * problem.precision_trans * float((dt * dt).sum()))
    g_em = marg
    g_em[at, problem.gold] -= 1.0
    gw = problem.xt @ g_em + problem.precision[:, None] * dw
    gt = edges - problem.observed_trans + problem.precision_trans * dt
    return f, np.concatenate([gw.ravel(), gt.ravel()])


def unpack(theta: np.ndarray, problem: Problem) -> tuple[np.ndarray, np.ndarray]:
    """The state weights (rows, L) and the transitions (L, L)."""
    R = len(problem.w0)
    return theta[:R * L].reshape(R, L), theta[R * L:R * L + L * L].reshape(L, L)


def start(problem: Problem) -> np.ndarray:
    """The optimiser's starting point: the base's weights and transitions."""
    return np.concatenate([problem.w0.ravel(), problem.t0.ravel()])


def neural_offset(net: NeuralNet | None, corpus: Corpus) -> np.ndarray | None:
    """A neural reading of the corpus's raw-text positions times its alpha (zero elsewhere: the model
    engine reads pre-segmented text without it); None without a network."""
    if net is None:
        return None
    offset = np.zeros((len(corpus.gold), L))
    raw = corpus.raw
    if raw.any():
        offset[raw] = net.alpha * net.log_probs({t: corpus.keys[t][raw] for t in NEURAL_TEMPLATES})
    return offset


def finetune_crf(docs: Iterable[AnnotatedDocument], base: CrfModel, *, params: FinetuneParams | None = None,
                 progress: Callable[[str], None] | None = None) -> tuple[CrfModel, TrainStats]:
    """The base's weights moved towards the documents' accepted PER/LOC/ORG spans, as a plain model."""
    from scipy.optimize import minimize

    params = params or FinetuneParams()
    if base.base is not None or any(n in base.tables for n in (*STACK_TEMPLATES, BASE_SCORES)):
        raise ValidationError("only a plain (not stacked) model can be fine-tuned")
    t0 = time.perf_counter()
    docs = list(docs)
    entries = [[(doc.text[s:e], lab) for s, e, lab in gold_spans(doc)] for doc in docs]
    corpus = build_corpus(docs, tuple(base.tables))
    if not corpus.seqs:
        raise ValidationError("no documents to learn from")
    problem = build_problem(base, corpus, params, fixed=neural_offset(base.neural, corpus))
    n_chars = sum(len(d.text) for d in docs)
    if progress:
        progress(f"fine-tuning on {len(docs)} documents ({n_chars} characters, "
                 f"{len(problem.w0)} weight rows, {int(problem.new.sum())} of them new)")
    res = minimize(objective, start(problem), args=(problem,), jac=True, method="L-BFGS-B",
                   options={"maxiter": params.max_iterations})
    W, trans = unpack(res.x, problem)
    model = CrfModel(tables=merged_tables(base, problem, W, prune=params.prune),
                     transitions=trans.astype(np.float32), neural=base.neural)
    counts = Counter(lab for ents in entries for _, lab in ents)
    stats = TrainStats(len(docs), n_chars, {k: counts[k] for k in CORE_LABELS},
                       round(time.perf_counter() - t0, 1))
    if progress:
        # L-BFGS-B's status 0 and 1 in our words (its message is scipy's, in capitals); any other is said as scipy says it.
        detail = {0: "converged", 1: "stopped at the iteration limit"}.get(res.status, str(res.message))
        progress(f"{res.nit} iterations, {res.nfev} evaluations: {detail}")
    return model, stats


def merged_tables(base: CrfModel, problem: Problem, learned: np.ndarray, *,
                  prune: float = 0.0) -> dict[str, KeyTable]:
    """The base's tables with the learned rows written over (or added to) them;
    new keys whose weights all stay below `prune` are left out."""
    tables: dict[str, KeyTable] = {}
    offset = 0
    for name, table in base.tables.items():
        keys_learned = problem.row_keys.get(name)
        if keys_learned is None:
            keys, weights = table.keys, table.weights.astype(np.float64)
        else:
            span = slice(offset, offset + len(keys_learned))
            offset += len(keys_learned)
            rows = learned[span]
            old = table.weights[:len(table.keys)].astype(np.float64)
            keep = ~problem.new[span] | (np.abs(rows).max(axis=1, initial=0) >= prune)
            keys_learned, rows = keys_learned[keep], rows[keep]
            keys = np.union1d(table.keys, keys_learned).astype(np.int64)
            weights = np.zeros((len(keys) + 1, L))
            weights[np.searchsorted(keys, table.keys)] = old
            weights[np.searchsorted(keys, keys_learned)] = rows
        tables[name] = KeyTable(keys, weights.astype(np.float32))
    return tables
