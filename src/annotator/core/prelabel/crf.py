"""A linear-chain CRF decoder over integer feature keys, and the model file that carries it.

crfsuite trains the weights (see `train.py`); decoding is vectorised here with numpy over many
sequences at once, so tagging never builds per-character strings and costs a few numpy calls per
sequence position, shared by every sequence of the same length bucket.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from annotator.core.errors import ReadError
from annotator.core.prelabel.features import TAGS
from annotator.core.text import Token

FORMAT = 1
STACK_TEMPLATES = {"s-1": -1, "s0": 0, "s1": 1}
# A stacked model also weighs its base's emission score for each tag (real-valued attributes "e:<tag>"),
# so it starts from everything the base knows rather than from its single best tag.
BASE_SCORES = "e"
_CELLS = 1 << 15
_DENSE_MAX = 1 << 18


@dataclass(frozen=True)
class KeyTable:
    """Sorted feature keys of one template and their weight rows (the last row is all zeros)."""

    keys: np.ndarray
    weights: np.ndarray
    dense: np.ndarray | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # Small keys (characters, types, lengths) index a dense array: far faster than a binary search.
        if len(self.keys) and 0 <= self.keys[0] and self.keys[-1] < _DENSE_MAX:
            dense = np.full(int(self.keys[-1]) + 2, len(self.keys), dtype=np.int64)
            dense[self.keys] = np.arange(len(self.keys))
            object.__setattr__(self, "dense", dense)

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """Row index of each key; unknown keys (and -1) map to the zero row."""
        n = len(self.keys)
        if n == 0:
            return np.zeros(len(keys), dtype=np.int64)
        if self.dense is not None:
            top = len(self.dense) - 1
            return self.dense[np.where((keys < 0) | (keys > top), top, keys)]
        rows = np.searchsorted(self.keys, keys)
        rows[rows >= n] = n
        found = rows < n
        found[found] = self.keys[rows[found]] == keys[found]
        rows[~found] = n
        return rows


@dataclass
class CrfModel:
    """Weights per template, label transitions, what it learned from, and an optional base model."""

    tables: dict[str, KeyTable]
    transitions: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)
    base: CrfModel | None = None
    # Entity strings the "gz" features look up (what the model learned from), text -> label.
    gazetteer: dict[str, str] = field(default_factory=dict)

    def gazetteer_entries(self) -> dict[str, str]:
        """Gazetteer of this model and the models it is stacked on (this model's labels win)."""
        base = self.base.gazetteer_entries() if self.base is not None else {}
        return {**base, **self.gazetteer}

    def uses_gazetteer(self) -> bool:
        """Whether this model or a base has weights for the gazetteer features."""
        return "gz" in self.tables or (self.base is not None and self.base.uses_gazetteer())

    def emissions(self, keys: dict[str, np.ndarray]) -> np.ndarray:
        """(n, len(TAGS)) state scores summed over templates."""
        n = len(next(iter(keys.values())))
        total = np.zeros((n, len(TAGS)), dtype=np.float32)
        for name, table in self.tables.items():
            if name in keys:
                total += table.weights[table.rows(keys[name])]
        return total

    def scores(self, keys: dict[str, np.ndarray], seqs: Sequence[Token]) -> np.ndarray:
        """Emission scores, a stacked model's including what it makes of its base's scores and tags."""
        if self.base is None:
            return self.emissions(keys)
        base_em = self.base.scores(keys, seqs)
        keys = {**keys, **stack_keys(viterbi(base_em, seqs, self.base.transitions))}
        em = self.emissions(keys)
        table = self.tables.get(BASE_SCORES)
        if table is not None:
            weights = table.weights[table.rows(np.arange(len(TAGS), dtype=np.int64))]
            em += base_em @ weights
        return em

    def tag(self, keys: dict[str, np.ndarray], seqs: Sequence[Token], *,
            marginals: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
        """Best tag id per character (0 outside sequences) and, when asked, its marginal probability."""
        em = self.scores(keys, seqs)
        tags = viterbi(em, seqs, self.transitions)
        probs = None
        if marginals:
            # Only sequences with an entity need a score: most clauses have none.
            has = [(s, e) for s, e in seqs if tags[s:e].any()]
            probs = tag_marginals(em, has, self.transitions, tags)
        return tags, probs

    def to_bytes(self) -> bytes:
        """The model file: a zip of meta.json, weights.npz and, when stacked, base.crf."""
        arrays: dict[str, np.ndarray] = {"transitions": self.transitions}
        for name, table in self.tables.items():
            arrays[f"k:{name}"] = table.keys
            arrays[f"w:{name}"] = table.weights
        npz = io.BytesIO()
        np.savez(npz, **arrays)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("meta.json", json.dumps({**self.meta, "format": FORMAT, "tags": list(TAGS)},
                                                ensure_ascii=False, indent=1))
            zf.writestr("weights.npz", npz.getvalue())
            if self.base is not None:
                zf.writestr("base.crf", self.base.to_bytes())
            if self.gazetteer:
                zf.writestr("gazetteer.tsv", "".join(f"{t}\t{lab}\n" for t, lab in sorted(self.gazetteer.items())))
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, *, source: str = "<model>") -> CrfModel:
        """Read a model written by `to_bytes`."""
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                meta = json.loads(zf.read("meta.json"))
                npz = np.load(io.BytesIO(zf.read("weights.npz")))
                base_data = zf.read("base.crf") if "base.crf" in zf.namelist() else None
                gaz = zf.read("gazetteer.tsv").decode() if "gazetteer.tsv" in zf.namelist() else ""
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise ReadError(f"not a pre-highlighting model: {exc}", path=source) from exc
        if meta.get("format") != FORMAT or tuple(meta.get("tags", ())) != TAGS:
            raise ReadError("model format or tag set not understood by this version", path=source)
        names = [k[2:] for k in npz.files if k.startswith("k:")]
        tables = {n: KeyTable(npz[f"k:{n}"], npz[f"w:{n}"]) for n in names}
        base = cls.from_bytes(base_data, source=f"{source}#base") if base_data else None
        if (base is None) != (not any(n in tables for n in (*STACK_TEMPLATES, BASE_SCORES))):
            raise ReadError("stacked model without its base (or the reverse)", path=source)
        gazetteer = dict(line.split("\t", 1) for line in gaz.splitlines() if "\t" in line)
        return cls(tables=tables, transitions=npz["transitions"], meta=meta, base=base, gazetteer=gazetteer)


def stack_keys(base_tags: np.ndarray) -> dict[str, np.ndarray]:
    """Features of a stacked model: the base model's tags around each character (-2: the edge)."""
    n = len(base_tags)
    pad = np.concatenate(([len(TAGS)], base_tags, [len(TAGS)]))
    return {name: pad[1 + k:1 + k + n].astype(np.int64) for name, k in STACK_TEMPLATES.items()}


def _batches(seqs: Sequence[Token], n: int):
    """Index matrices (B, T) for length-sorted groups of sequences; padding points at row n.

    A group grows while its padded area stays under _CELLS, so long sequences do not make hundreds
    of short ones wait through empty steps."""
    if not seqs:
        return
    arr = np.asarray(seqs, dtype=np.int64)
    starts, lens = arr[:, 0], arr[:, 1] - arr[:, 0]
    order = np.argsort(lens, kind="stable")
    sorted_lens = lens[order].tolist()
    i = 0
    while i < len(order):
        j = i + 1
        while j < len(order) and (j - i + 1) * sorted_lens[j] <= _CELLS:
            j += 1
        chunk = order[i:j]
        T = sorted_lens[j - 1]
        steps = np.arange(T)
        mask = steps[None, :] < lens[chunk][:, None]
        idx = np.where(mask, starts[chunk][:, None] + steps[None, :], n)
        yield idx, mask
        i = j


def viterbi(em: np.ndarray, seqs: Sequence[Token], trans: np.ndarray) -> np.ndarray:
    """Best tag ids for every sequence (positions outside sequences get 0)."""
    n, L = em.shape
    out = np.zeros(n, dtype=np.int64)
    padded = np.vstack((em, np.zeros((1, L), dtype=em.dtype)))
    ident = np.arange(L)
    trans = trans.astype(em.dtype)
    for idx, mask in _batches(seqs, n):
        B, T = idx.shape
        eb = padded[idx]
        delta = eb[:, 0]
        back = np.empty((T, B, L), dtype=np.int8)
        rows = np.arange(B)
        for t in range(1, T):
            sc = delta[:, :, None] + trans[None, :, :]
            bp = sc.argmax(axis=1)
            best = np.take_along_axis(sc, bp[:, None, :], axis=1)[:, 0, :] + eb[:, t]
            live = mask[:, t]
            if live.all():
                delta = best
                back[t] = bp
            else:
                delta = np.where(live[:, None], best, delta)
                back[t] = np.where(live[:, None], bp, ident)
        path = np.empty((B, T), dtype=np.int64)
        path[:, T - 1] = delta.argmax(axis=1)
        for t in range(T - 1, 0, -1):
            path[:, t - 1] = back[t][rows, path[:, t]]
        out[idx[mask]] = path[mask]
    return out


def tag_marginals(em: np.ndarray, seqs: Sequence[Token], trans: np.ndarray,
                  tags: np.ndarray) -> np.ndarray:
    """Marginal probability of each character's chosen tag (scaled forward-backward)."""
    n, L = em.shape
    out = np.ones(n, dtype=np.float32)
    padded = np.vstack((em, np.zeros((1, L), dtype=em.dtype))).astype(np.float32)
    et = np.exp(trans - trans.max()).astype(np.float32)
    for idx, mask in _batches(seqs, n):
        B, T = idx.shape
        eb = padded[idx]
        pot = np.exp(eb - eb.max(axis=2, keepdims=True))
        alpha = np.empty((T, B, L), dtype=np.float32)
        a = pot[:, 0]
        alpha[0] = a / a.sum(axis=1, keepdims=True)
        for t in range(1, T):
            a = (alpha[t - 1] @ et) * pot[:, t]
            a /= a.sum(axis=1, keepdims=True)
            alpha[t] = np.where(mask[:, t][:, None], a, alpha[t - 1])
        beta = np.ones((B, L), dtype=np.float32)
        post = np.empty((T, B, L), dtype=np.float32)
        post[T - 1] = alpha[T - 1]
        for t in range(T - 1, 0, -1):
            b = et @ (pot[:, t] * beta).T
            b = b.T / b.T.sum(axis=1, keepdims=True)
            beta = np.where(mask[:, t][:, None], b, beta)
            p = alpha[t - 1] * beta
            post[t - 1] = p / p.sum(axis=1, keepdims=True)
        chosen = tags[np.where(mask, idx, 0)]
        probs = np.take_along_axis(post.transpose(1, 0, 2), chosen[:, :, None], axis=2)[:, :, 0]
        out[idx[mask]] = probs[mask]
    return out
