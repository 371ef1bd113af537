"""Training the neural reading (neural.py) in numpy: cross-entropy per character, Adam, manual gradients.

A window network (every character's inputs are its own) is trained on characters in random
mini-batches; one with context layers on whole segments (lines of a document) in random groups, each
group laid end to end as inference lays a batch out. Embedding rows get lazy Adam updates (only the
rows a batch touched move, as in LazyAdam), which keeps a step's cost independent of the tables' sizes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from annotator.core.prelabel.features import TAGS
from annotator.core.prelabel.neural import (
    LEN_ROWS,
    SLOTS,
    NeuralNet,
    context_forward,
    neighbours,
    segments,
    slots,
)


@dataclass(frozen=True)
class NeuralParams:
    """Sizes and the optimiser's settings."""

    char_dim: int = 32
    bigram_dim: int = 16
    tag_dim: int = 16
    len_dim: int = 8
    word_dim: int = 16
    bigram_bits: int = 16
    word_bits: int = 15
    hidden: int = 128
    radius: int = 2  # characters seen either side (the CRF's templates reach 2)
    epochs: int = 6
    batch: int = 512
    lr: float = 2e-3
    dropout: float = 0.2  # on the hidden layer
    input_dropout: float = 0.0  # whole input slots zeroed (a word or pair the net must do without)
    min_char_count: int = 2  # rarer characters share the unknown row
    dilations: str = ""  # context layers, e.g. "1,2,4" (none: a window network)
    context: int = 64  # width of the context layers
    context_dropout: float = 0.0  # on each context layer's residual branch
    seed: int = 0

    def dilation_list(self) -> tuple[int, ...]:
        """The context layers' dilations."""
        return tuple(int(d) for d in self.dilations.split(",") if d.strip())

    def dims(self) -> dict[str, int]:
        """Embedding width of each table."""
        return {"char": self.char_dim, "bigram": self.bigram_dim, "tag": self.tag_dim,
                "len": self.len_dim, "word": self.word_dim}


def build_vocab(keys: dict[str, np.ndarray], params: NeuralParams) -> dict[str, np.ndarray]:
    """Sorted keys of the vocabulary tables, from the training batch's feature keys."""
    chars, counts = np.unique(keys["u0"], return_counts=True)
    tags = np.unique(np.concatenate([keys[t] for t, table in SLOTS if table == "tag"]))
    return {"char": chars[counts >= params.min_char_count], "tag": tags[tags != -1]}


def init_net(vocab: dict[str, np.ndarray], params: NeuralParams, *, meta: dict | None = None) -> NeuralNet:
    """A network with small random weights (He for the hidden layer)."""
    rng = np.random.default_rng(params.seed)
    dims = params.dims()
    rows = {"char": len(vocab["char"]) + 1, "tag": len(vocab["tag"]) + 1, "len": LEN_ROWS,
            "bigram": 1 << params.bigram_bits, "word": 1 << params.word_bits}
    p: dict[str, np.ndarray] = {f"emb:{t}": rng.normal(0, 0.1, (rows[t], dims[t])) for t in dims}
    d_in = sum(dims[t] for _, t in slots(params.radius))
    p["w1"] = rng.normal(0, np.sqrt(2 / d_in), (d_in, params.hidden))
    p["b1"] = np.zeros(params.hidden)
    p["w2"] = rng.normal(0, np.sqrt(1 / params.hidden), (params.hidden, len(TAGS)))
    p["b2"] = np.zeros(len(TAGS))
    net = NeuralNet(params={k: v.astype(np.float32) for k, v in p.items()}, vocab=vocab,
                    meta={**(meta or {}), "params": asdict(params), "radius": params.radius})
    add_context(net, params)
    return net


def add_context(net: NeuralNet, params: NeuralParams) -> NeuralNet:
    """Give `net` context layers (params.dilations) whose output layer starts at zero, so its scores
    are at first the window network's."""
    dil = params.dilation_list()
    if not dil:
        return net
    rng = np.random.default_rng(params.seed + 2)
    hidden, width = net.params["b1"].shape[0], params.context
    p = {"ctx:proj": rng.normal(0, np.sqrt(1 / hidden), (hidden, width)), "ctx:w3": np.zeros((width, len(TAGS)))}
    for layer in range(len(dil)):
        p[f"ctx:k{layer}"] = rng.normal(0, np.sqrt(1 / (3 * width)), (width, 3 * width))
        p[f"ctx:c{layer}"] = np.zeros(width)
    net.params.update({k: v.astype(np.float32) for k, v in p.items()})
    net.meta.update(dilations=list(dil), params=asdict(params))
    net._folded = None
    return net


def loss_and_grads(p: dict[str, np.ndarray], ids: np.ndarray, y: np.ndarray, *, dropout: float = 0.0,
                   input_dropout: float = 0.0, slot_tables: tuple[tuple[str, str], ...] = SLOTS,
                   dilations: tuple[int, ...] = (), seg: np.ndarray | None = None,
                   context_dropout: float = 0.0, rng: np.random.Generator | None = None) -> tuple[float, dict]:
    """Mean cross-entropy of tags `y` given slot rows `ids` (and, with context layers, the segment id
    `seg` of each row, rows laid out as in the text), and its gradients: dense arrays for the layers,
    (rows, row gradients) for the embedding tables."""
    blocks = [p[f"emb:{t}"][ids[:, s]] for s, (_, t) in enumerate(slot_tables)]
    if input_dropout:
        keep = (rng.random((len(y), len(slot_tables))) >= input_dropout) / (1 - input_dropout)
        blocks = [b * keep[:, s:s + 1] for s, b in enumerate(blocks)]
    x = np.concatenate(blocks, axis=1)
    pre = x @ p["w1"] + p["b1"]
    h = np.maximum(pre, 0)
    if dropout:
        mask = (rng.random(h.shape) >= dropout) / (1 - dropout)
        h = h * mask
    z = h @ p["w2"] + p["b2"]
    if dilations:
        ctx = {k[4:]: v for k, v in p.items() if k.startswith("ctx:")}
        valid = neighbours(seg, dilations)
        width = ctx["proj"].shape[1]
        masks = [(rng.random((len(y), width)) >= context_dropout) / (1 - context_dropout)
                 for _ in dilations] if context_dropout else None
        top, cache = context_forward(h @ ctx["proj"], ctx, dilations, valid, masks)
        z = z + top @ ctx["w3"]
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    n = len(y)
    loss = -float(logp[np.arange(n), y].mean())
    dz = np.exp(logp)
    dz[np.arange(n), y] -= 1
    dz /= n
    g: dict = {"w2": h.T @ dz, "b2": dz.sum(axis=0)}
    dh = dz @ p["w2"].T
    if dilations:
        g["ctx:w3"] = top.T @ dz
        dc = _context_backward(dz @ ctx["w3"].T, ctx, dilations, valid, cache, masks, g)
        g["ctx:proj"] = h.T @ dc
        dh += dc @ ctx["proj"].T
    if dropout:
        dh *= mask
    dpre = dh * (pre > 0)
    g["w1"] = x.T @ dpre
    g["b1"] = dpre.sum(axis=0)
    dx = dpre @ p["w1"].T
    if input_dropout:
        dx *= np.repeat(keep, [b.shape[1] for b in blocks], axis=1)
    at = 0
    per_table: dict[str, tuple[list, list]] = {}
    for s, (_, t) in enumerate(slot_tables):
        d = blocks[s].shape[1]
        rows, grads = per_table.setdefault(t, ([], []))
        rows.append(ids[:, s])
        grads.append(dx[:, at:at + d])
        at += d
    for t, (rows, grads) in per_table.items():
        g[f"emb:{t}"] = _sum_rows(np.concatenate(rows), np.concatenate(grads))
    return loss, g


def _context_backward(dc: np.ndarray, ctx: dict[str, np.ndarray], dilations: tuple[int, ...],
                      valid: dict[int, np.ndarray], cache: list, masks: list | None, g: dict) -> np.ndarray:
    """Gradients of the context layers into `g` (as "ctx:k{layer}", "ctx:c{layer}"), given the loss's
    gradient `dc` at the last layer; returns the gradient at the first layer's input."""
    for layer in reversed(range(len(dilations))):
        d = dilations[layer]
        c_in, z = cache[layer]
        width = c_in.shape[1]
        dr = dc * masks[layer] if masks is not None else dc
        dzl = dr * (z > 0)
        du = np.zeros((len(z), 3 * width), dtype=dzl.dtype)
        du[:, width:2 * width] = dzl
        if d < len(z):
            du[:-d, :width] = dzl[d:] * valid[d]
            du[d:, 2 * width:] = dzl[:-d] * valid[d]
        g[f"ctx:k{layer}"] = c_in.T @ du
        g[f"ctx:c{layer}"] = dzl.sum(axis=0)
        dc = dc + du @ ctx[f"k{layer}"].T
    return dc


def _sum_rows(rows: np.ndarray, grads: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gradients of repeated rows summed: (unique rows, their gradients)."""
    order = np.argsort(rows, kind="stable")
    r = rows[order]
    starts = np.concatenate(([0], np.nonzero(r[1:] != r[:-1])[0] + 1))
    return r[starts], np.add.reduceat(grads[order], starts, axis=0)


class Adam:
    """Adam (Kingma & Ba) with lazy updates of embedding rows."""

    def __init__(self, p: dict[str, np.ndarray], *, lr: float, b1: float = 0.9, b2: float = 0.999,
                 eps: float = 1e-8) -> None:
        self.lr, self.b1, self.b2, self.eps = lr, b1, b2, eps
        self.m = {k: np.zeros_like(v) for k, v in p.items()}
        self.v = {k: np.zeros_like(v) for k, v in p.items()}
        self.t = 0

    def step(self, p: dict[str, np.ndarray], g: dict, *, lr: float | None = None) -> None:
        """Move `p` against gradients `g` in place."""
        self.t += 1
        lr = (self.lr if lr is None else lr) * np.sqrt(1 - self.b2 ** self.t) / (1 - self.b1 ** self.t)
        for k, grad in g.items():
            if isinstance(grad, tuple):
                rows, gr = grad
                m = self.m[k][rows] * self.b1 + (1 - self.b1) * gr
                v = self.v[k][rows] * self.b2 + (1 - self.b2) * gr * gr
                self.m[k][rows], self.v[k][rows] = m, v
                p[k][rows] -= lr * m / (np.sqrt(v) + self.eps)
            else:
                self.m[k] = self.m[k] * self.b1 + (1 - self.b1) * grad
                self.v[k] = self.v[k] * self.b2 + (1 - self.b2) * grad * grad
                p[k] -= lr * self.m[k] / (np.sqrt(self.v[k]) + self.eps)


def fit(net: NeuralNet, ids: np.ndarray, y: np.ndarray, params: NeuralParams, *,
        seg: np.ndarray | None = None, frozen: frozenset[str] = frozenset(),
        progress: Callable[[str], None] | None = None,
        after_epoch: Callable[[int, NeuralNet], None] | None = None) -> list[float]:
    """Train `net` in place on slot rows `ids` (n, len(SLOTS)) and tag ids `y` (with context layers,
    `seg` the segment id of each row, rows in text order); parameters named in `frozen` stay as they
    are. Mean loss per epoch; the learning rate decays linearly to a tenth over the run."""
    rng = np.random.default_rng(params.seed + 1)
    p = net.params
    opt = Adam(p, lr=params.lr)
    dil = net.dilations
    losses = []
    steps = params.epochs * -(-len(y) // params.batch)
    step = 0
    for epoch in range(params.epochs):
        t0 = time.perf_counter()
        total = 0.0
        for b, local in _batches(len(y), seg if dil else None, params.batch, rng):
            loss, g = loss_and_grads(p, ids[b], y[b], dropout=params.dropout, input_dropout=params.input_dropout,
                                      slot_tables=net.slots, dilations=dil, seg=local,
                                      context_dropout=params.context_dropout, rng=rng)
            for k in frozen:
                g.pop(k, None)
            opt.step(p, g, lr=params.lr * (1 - 0.9 * min(step / steps, 1)))
            step += 1
            total += loss * len(b)
        losses.append(total / len(y))
        net._folded = None
        if progress:
            progress(f"epoch {epoch + 1}: loss {losses[-1]:.4f} ({time.perf_counter() - t0:.0f} s)")
        if after_epoch:
            after_epoch(epoch + 1, net)
    return losses


def _batches(n: int, seg: np.ndarray | None, size: int, rng: np.random.Generator):
    """Mini-batches of row indices and their segment ids: `size` random rows, or (with `seg`) whole
    segments in random order, grouped until they hold about `size` rows."""
    if seg is None:
        order = rng.permutation(n)
        for at in range(0, n, size):
            yield order[at:at + size], None
        return
    starts = np.flatnonzero(np.diff(seg, prepend=seg[0] - 1))
    lens = np.diff(np.append(starts, n))
    order = rng.permutation(len(starts))
    group = np.cumsum(lens[order]) // size
    edges = np.flatnonzero(np.diff(group, prepend=-1, append=group[-1] + 1))
    for a, b in zip(edges[:-1], edges[1:], strict=True):
        chosen = order[a:b]
        rows = np.concatenate([np.arange(starts[k], starts[k] + lens[k]) for k in chosen])
        yield rows, np.repeat(np.arange(len(chosen)), lens[chosen])


def train_net(keys: dict[str, np.ndarray], tags: np.ndarray, params: NeuralParams = NeuralParams(), *,
              meta: dict | None = None, init: NeuralNet | None = None, freeze_window: bool = False,
              progress: Callable[[str], None] | None = None,
              after_epoch: Callable[[int, NeuralNet], None] | None = None) -> NeuralNet:
    """A network learned from a batch's feature keys (documents in text order) and the gold tag id of
    each character; with `init`, context layers are added to a copy of that window network and
    trained on top of it (alone with `freeze_window`)."""
    if init is None:
        net = init_net(build_vocab(keys, params), params, meta=meta)
    else:
        net = NeuralNet(params={k: v.astype(np.float32) for k, v in init.params.items()
                                if not k.startswith("ctx:")},
                        vocab=dict(init.vocab), meta={**init.meta, **(meta or {}), "init": "window network"})
        net.meta.pop("dilations", None)
        add_context(net, params)
    window = frozenset(k for k in net.params if not k.startswith("ctx:")) if freeze_window else frozenset()
    ids = net.ids(keys)
    net.meta["losses"] = fit(net, ids, np.asarray(tags), params, seg=segments(keys), frozen=window,
                             progress=progress, after_epoch=after_epoch)
    return net


def tag_ids(n: int, spans: Sequence[tuple[int, int, str]]) -> np.ndarray:
    """Gold tag id per character from entity spans (features.bioes)."""
    from annotator.core.prelabel.features import bioes

    index = {t: i for i, t in enumerate(TAGS)}
    return np.fromiter((index[t] for t in bioes(n, spans)), dtype=np.int64, count=n)

