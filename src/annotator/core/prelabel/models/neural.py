"""A small neural reading of each character, added to the CRF's emission scores before decoding.

The CRF weighs sparse features one by one; a window network sees the same evidence (characters at -2…+2,
the three character pairs, the jieba word's POS tag, length and identity) through learned embeddings and
one hidden layer, so it shares strength between similar characters and words and weighs conjunctions
the CRF's templates do not. Its per-character tag log-probabilities are added to the CRF's emissions,
em = em_crf + alpha * log_softmax(net(x)), and decoded with the CRF's transitions (ModelEngine).

Inputs are the CRF's own feature keys of a batch (`batch.Batch.keys`), so the network costs no extra
featurising and its scores line up with the batch's positions. Inference is numpy only; training is in
`learning/neural.py`. The first layer is linear in the embeddings, so for the small tables (characters,
tags, lengths) it is folded in once at load: each slot's embedding times its block of the first layer,
gathered per character like the CRF's weight rows.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from annotator.core.errors import ReadError
from annotator.core.prelabel.features.templates import TAGS

# (template, embedding table) per input slot, in the order the first layer's blocks follow.
SLOTS: tuple[tuple[str, str], ...] = (
    ("u-2", "char"), ("u-1", "char"), ("u0", "char"), ("u1", "char"), ("u2", "char"),
    ("b-1", "bigram"), ("b0", "bigram"), ("b1", "bigram"),
    ("wp", "tag"), ("wpp", "tag"), ("wpn", "tag"), ("wl", "len"), ("ww", "word"),
)
TEMPLATES = tuple(dict.fromkeys(t for t, _ in SLOTS))
# Characters further out than the CRF's templates reach, derived from its keys (wide_keys).
WIDE = {3: ("u-3", "u3"), 4: ("u-4", "u4"), 5: ("u-5", "u5")}
HASHED = ("bigram", "word")  # keys hashed into buckets; the others through a vocabulary
LEN_ROWS = 32  # "wl" keys are min(length, 6) * 4 + position: below 28
CHUNK = 2048  # characters per step of inference
FORMAT = 1
_MUL = np.uint64(0x9E3779B97F4A7C15)


def slots(radius: int = 2) -> tuple[tuple[str, str], ...]:
    """The input slots of a network whose character window reaches `radius` places either side."""
    extra = tuple((t, "char") for r in range(3, radius + 1) for t in WIDE[r])
    return SLOTS + extra


def wide_keys(keys: dict[str, np.ndarray], radius: int) -> dict[str, np.ndarray]:
    """Characters 3…radius places away from the batch's "u-2"/"u2" keys: a key is BOUND (text edge
    or line break) wherever the one nearer to the character already is, so documents laid end to end
    in a batch never see each other."""
    from annotator.core.prelabel.features.templates import BOUND

    out = dict(keys)
    left, right = keys["u-2"], keys["u2"]
    pad = np.full(radius, BOUND, dtype=left.dtype)
    lp, rp = np.concatenate((pad, left)), np.concatenate((right, pad))
    n = len(left)
    near_l, near_r = left, right
    for r in range(3, radius + 1):
        d = r - 2
        far_l = np.where(near_l == BOUND, BOUND, lp[radius - d:radius - d + n])
        far_r = np.where(near_r == BOUND, BOUND, rp[d:d + n])
        out[f"u-{r}"], out[f"u{r}"] = far_l, far_r
        near_l, near_r = far_l, far_r
    return out


def bucket(keys: np.ndarray, bits: int) -> np.ndarray:
    """Rows 1 … 2**bits - 1 for hashed keys (multiplicative hashing); -1 ("none") is row 0."""
    with np.errstate(over="ignore"):
        h = (keys.astype(np.int64).view(np.uint64) * _MUL) >> np.uint64(64 - bits)
    rows = h.astype(np.int64)
    rows[rows == 0] = 1
    rows[keys == -1] = 0
    return rows


@dataclass
class NeuralNet:
    """Embedding tables, a hidden layer and a tag layer; `vocab` the sorted keys of the vocabulary
    tables (row = position + 1; row 0 = unknown or none); `meta` what it learned from."""

    params: dict[str, np.ndarray]
    vocab: dict[str, np.ndarray]
    meta: dict[str, Any] = field(default_factory=dict)
    _folded: dict[str, np.ndarray] | None = field(default=None, repr=False, compare=False)

    @property
    def slots(self) -> tuple[tuple[str, str], ...]:
        """This network's input slots."""
        return slots(int(self.meta.get("radius", 2)))

    @property
    def alpha(self) -> float:
        """The weight its log-probabilities are added to the CRF's scores with (the one it was tuned with)."""
        return float(self.meta.get("alpha", 1.0))

    @property
    def bits(self) -> dict[str, int]:
        """Hash bits of each hashed table (its rows are a power of two)."""
        return {t: int(self.params[f"emb:{t}"].shape[0]).bit_length() - 1 for t in HASHED}

    def ids(self, keys: dict[str, np.ndarray]) -> np.ndarray:
        """(n, len(SLOTS)) embedding rows of each slot from the CRF's feature keys."""
        bits = self.bits
        cols = []
        lookups: dict[str, np.ndarray] = {}
        radius = int(self.meta.get("radius", 2))
        if radius > 2:
            keys = wide_keys(keys, radius)
        for template, table in self.slots:
            k = keys[template]
            if table in HASHED:
                cols.append(bucket(k, bits[table]))
            elif table == "len":
                cols.append(np.clip(k + 1, 0, LEN_ROWS - 1))
            else:
                voc = self.vocab[table]
                if table == "char" and table not in lookups:
                    lookups[table] = _dense_lookup(voc)
                if table == "char":
                    cols.append(np.take(lookups[table], k, mode="clip"))
                else:
                    at = np.minimum(np.searchsorted(voc, k), len(voc) - 1)
                    cols.append(np.where(voc[at] == k, at + 1, 0))
        return np.stack(cols, axis=1)

    def logits(self, keys: dict[str, np.ndarray]) -> np.ndarray:
        """(n, len(TAGS)) tag scores of each character."""
        ids = self.ids(keys)
        f = self._fold()
        p = self.params
        sl = self.slots
        small = [s for s, (_, t) in enumerate(sl) if t not in HASHED]
        big = [s for s, (_, t) in enumerate(sl) if t in HASHED]
        hidden = p["b1"].shape[0]
        out = np.empty((len(ids), len(TAGS)), dtype=np.float32)
        buf = np.empty(min(CHUNK, len(ids)), dtype=f[f"s{small[0]}"].dtype)
        # In chunks that stay in the cache; rows gathered as opaque items into one reused buffer (as
        # the CRF's weight rows are: several times faster than fancy indexing of float rows).
        for at in range(0, len(ids), CHUNK):
            part = ids[at:at + CHUNK]
            c = len(part)
            # Hashed tables are too large to fold (rows x hidden per slot): gathered, then one product.
            x = np.concatenate([p[f"emb:{sl[s][1]}"][part[:, s]] for s in big], axis=1)
            h = x @ f["w1_hashed"]
            h += p["b1"]
            for s in small:
                h += np.take(f[f"s{s}"], part[:, s], out=buf[:c]).view(np.float32).reshape(c, hidden)
            np.maximum(h, 0, out=h)
            np.matmul(h, p["w2"], out=out[at:at + c])
        out += p["b2"]
        return out

    def log_probs(self, keys: dict[str, np.ndarray]) -> np.ndarray:
        """(n, len(TAGS)) log-softmax of the tag scores."""
        z = self.logits(keys)
        z -= z.max(axis=1, keepdims=True)
        z -= np.log(np.exp(z).sum(axis=1, keepdims=True))
        return z

    def _fold(self) -> dict[str, np.ndarray]:
        if self._folded is None:
            p = {k: v.astype(np.float32, copy=False) for k, v in self.params.items()}
            w1 = p["w1"]
            folded: dict[str, np.ndarray] = {}
            hashed_blocks = []
            at = 0
            for s, (_, table) in enumerate(self.slots):
                d = p[f"emb:{table}"].shape[1]
                block = w1[at:at + d]
                at += d
                if table in HASHED:
                    hashed_blocks.append(block)
                else:
                    rows = np.ascontiguousarray(p[f"emb:{table}"] @ block, dtype=np.float32)
                    folded[f"s{s}"] = rows.view(np.dtype((np.void, 4 * rows.shape[1]))).reshape(len(rows))
            folded["w1_hashed"] = np.concatenate(hashed_blocks, axis=0)
            self._folded = folded
        return self._folded

    def to_bytes(self) -> bytes:
        """The network as an .npz (float16 weights, vocabularies, meta as JSON)."""
        arrays = {f"p:{k}": v.astype(np.float16) for k, v in self.params.items()}
        arrays.update({f"v:{k}": v for k, v in self.vocab.items()})
        arrays["meta"] = np.frombuffer(json.dumps({**self.meta, "format": FORMAT, "tags": list(TAGS)},
                                                  ensure_ascii=False).encode(), dtype=np.uint8)
        out = io.BytesIO()
        np.savez_compressed(out, allow_pickle=True, **arrays)  # the default, named: mypy matches **arrays to it
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, *, source: str = "<neural>") -> NeuralNet:
        """Read a network written by `to_bytes`."""
        try:
            npz = np.load(io.BytesIO(data))
            meta = json.loads(npz["meta"].tobytes().decode())
            params = {k[2:]: npz[k].astype(np.float32) for k in npz.files if k.startswith("p:")}
            vocab = {k[2:]: npz[k] for k in npz.files if k.startswith("v:")}
        except (ValueError, OSError, KeyError, json.JSONDecodeError) as exc:
            raise ReadError(f"not a neural tagger: {exc}", path=source) from exc
        if meta.get("format") != FORMAT or tuple(meta.get("tags", ())) != TAGS:
            raise ReadError("neural tagger format or tag set not understood by this version", path=source)
        return cls(params=params, vocab=vocab, meta=meta)


def _dense_lookup(voc: np.ndarray) -> np.ndarray:
    """Row of every code point up to the largest in `voc` (0: unknown); larger ones clip to 0."""
    table = np.zeros(int(voc[-1]) + 2 if len(voc) else 1, dtype=np.int64)
    table[voc] = np.arange(1, len(voc) + 1)
    return table


def neural_scores(net: Any, keys: dict[str, np.ndarray] | Sequence[Any]) -> np.ndarray:
    """(n, len(TAGS)) log-probabilities per character (not yet times its alpha, `NeuralNet.alpha`) of a
    NeuralNet or a CrfModel's `.neural`, aligned with a batch's positions: from the batch's feature keys
    (they must include TEMPLATES), or from Prepared documents (featurised here, one after the other as
    `batch.batch_features` lays them out: document k starts at Batch.offsets[k])."""
    net = getattr(net, "neural", net)
    if net is None:
        raise ValueError("this model has no neural reading")
    if not isinstance(keys, dict):
        from annotator.core.prelabel.features.batch import batch_features

        keys = batch_features(list(keys), templates=TEMPLATES).keys
    return net.log_probs(keys)
