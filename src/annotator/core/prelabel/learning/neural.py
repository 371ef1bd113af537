"""Training the neural reading (neural.py) in numpy: cross-entropy per character, Adam, manual gradients.

The network is a window model (every character's inputs are its own), so training samples characters
in random mini-batches. Embedding rows get lazy Adam updates (only the rows a batch touched move, as
in LazyAdam), which keeps a step's cost independent of the tables' sizes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from annotator.core.prelabel.features.templates import TAGS
from annotator.core.prelabel.models.neural import LEN_ROWS, SLOTS, NeuralNet, slots


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
    seed: int = 0

    def dims(self) -> dict[str, int]:
        """Embedding width of each table."""
        return {"char": self.char_dim, "bigram": self.bigram_dim, "tag": self.tag_dim,
                "len": self.len_dim, "word": self.word_dim}


def build_vocab(keys: dict[str, np.ndarray], params: NeuralParams) -> dict[str, np.ndarray]:
    """Sorted keys of the vocabulary tables, from the training batch's feature keys."""
    chars, counts = np.unique(keys["u0"], return_counts=True)
    tags = np.unique(np.concatenate([keys[t] for t, table in SLOTS if table == "tag"]))
    return {"char": chars[counts >= params.min_char_count], "tag": tags[tags != -1]}


def init_net(vocab: dict[str, np.ndarray], params: NeuralParams, *, meta: dict[str, Any] | None = None) -> NeuralNet:
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
    return net


def loss_and_grads(p: dict[str, np.ndarray], ids: np.ndarray, y: np.ndarray, *, dropout: float = 0.0,
                   input_dropout: float = 0.0, slot_tables: tuple[tuple[str, str], ...] = SLOTS,
                   rng: np.random.Generator | None = None) -> tuple[float, dict[str, Any]]:
    """Mean cross-entropy of tags `y` given slot rows `ids`, and its gradients: dense arrays for the
    layers, (rows, row gradients) for the embedding tables."""
    blocks = [p[f"emb:{t}"][ids[:, s]] for s, (_, t) in enumerate(slot_tables)]
    if input_dropout:
        assert rng is not None, "dropout needs rng"
        keep = (rng.random((len(y), len(slot_tables))) >= input_dropout) / (1 - input_dropout)
        blocks = [b * keep[:, s:s + 1] for s, b in enumerate(blocks)]
    x = np.concatenate(blocks, axis=1)
    pre = x @ p["w1"] + p["b1"]
    h = np.maximum(pre, 0)
    if dropout:
        assert rng is not None, "dropout needs rng"
        mask = (rng.random(h.shape) >= dropout) / (1 - dropout)
        h = h * mask
    z = h @ p["w2"] + p["b2"]
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    n = len(y)
    loss = -float(logp[np.arange(n), y].mean())
    dz = np.exp(logp)
    dz[np.arange(n), y] -= 1
    dz /= n
    g: dict[str, Any] = {"w2": h.T @ dz, "b2": dz.sum(axis=0)}
    dh = dz @ p["w2"].T
    if dropout:
        dh *= mask
    dpre = dh * (pre > 0)
    g["w1"] = x.T @ dpre
    g["b1"] = dpre.sum(axis=0)
    dx = dpre @ p["w1"].T
    if input_dropout:
        dx *= np.repeat(keep, [b.shape[1] for b in blocks], axis=1)
    at = 0
    per_table: dict[str, tuple[list[np.ndarray], list[np.ndarray]]] = {}
    for s, (_, t) in enumerate(slot_tables):
        d = blocks[s].shape[1]
        rows, grads = per_table.setdefault(t, ([], []))
        rows.append(ids[:, s])
        grads.append(dx[:, at:at + d])
        at += d
    for t, (rows, grads) in per_table.items():
        g[f"emb:{t}"] = _sum_rows(np.concatenate(rows), np.concatenate(grads))
    return loss, g


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

    def step(self, p: dict[str, np.ndarray], g: dict[str, Any], *, lr: float | None = None) -> None:
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
        progress: Callable[[str], None] | None = None,
        after_epoch: Callable[[int, NeuralNet], None] | None = None) -> list[float]:
    """Train `net` in place on slot rows `ids` (n, len(SLOTS)) and tag ids `y`; mean loss per epoch.
    The learning rate decays linearly to a tenth over the run."""
    rng = np.random.default_rng(params.seed + 1)
    p = net.params
    opt = Adam(p, lr=params.lr)
    losses = []
    steps = params.epochs * -(-len(y) // params.batch)
    step = 0
    for epoch in range(params.epochs):
        t0 = time.perf_counter()
        order = rng.permutation(len(y))
        total = 0.0
        for at in range(0, len(y), params.batch):
            b = order[at:at + params.batch]
            loss, g = loss_and_grads(p, ids[b], y[b], dropout=params.dropout,
                                      input_dropout=params.input_dropout, slot_tables=net.slots, rng=rng)
            opt.step(p, g, lr=params.lr * (1 - 0.9 * step / steps))
            step += 1
            total += loss * len(b)
        losses.append(total / len(y))
        net._folded = None
        if progress:
            progress(f"epoch {epoch + 1}: loss {losses[-1]:.4f} ({time.perf_counter() - t0:.0f} s)")
        if after_epoch:
            after_epoch(epoch + 1, net)
    return losses


def train_net(keys: dict[str, np.ndarray], tags: np.ndarray, params: NeuralParams = NeuralParams(), *,
              meta: dict[str, Any] | None = None, progress: Callable[[str], None] | None = None,
              after_epoch: Callable[[int, NeuralNet], None] | None = None) -> NeuralNet:
    """A network learned from a batch's feature keys and the gold tag id of each character."""
    net = init_net(build_vocab(keys, params), params, meta=meta)
    ids = net.ids(keys)
    net.meta["losses"] = fit(net, ids, np.asarray(tags), params, progress=progress, after_epoch=after_epoch)
    return net
