"""The CRF's dynamic programs over many sequences at once: Viterbi's best tags and the tags' marginal
probabilities (scaled forward-backward), with numpy.

The sequences are cut into length-sorted batches (`batches`), the batch on the last axis, so each step of a
program is a few numpy calls over long contiguous rows, shared by every sequence of the batch.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import numpy as np

from annotator.core.text import Token

_CELLS = 1 << 13


def _bounds(seqs: Sequence[Token] | np.ndarray) -> np.ndarray:
    """Sequences as a (k, 2) array of [start, end)."""
    if isinstance(seqs, np.ndarray):
        return seqs.reshape(-1, 2).astype(np.int64, copy=False)
    return np.fromiter(itertools.chain.from_iterable(seqs), dtype=np.int64, count=2 * len(seqs)).reshape(-1, 2)


def with_spans(seqs: Sequence[Token] | np.ndarray, tags: np.ndarray) -> np.ndarray:
    """The (k, 2) bounds of the sequences whose tags hold an entity (most clauses have none)."""
    bounds = _bounds(seqs)
    inside = np.concatenate(([0], np.cumsum(tags != 0)))
    return bounds[inside[bounds[:, 1]] > inside[bounds[:, 0]]]


def batches(seqs: Sequence[Token] | np.ndarray, n: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Length-sorted groups of sequences: a (T, B) matrix of text positions (padding points at row n)
    and the B lengths, ascending.

    The batch is the last axis, so that each decoding step works on long contiguous rows. A group
    grows while its padded area stays under _CELLS, so long sequences do not make hundreds of short
    ones wait through empty steps."""
    bounds = _bounds(seqs)
    if not len(bounds):
        return
    starts, lens = bounds[:, 0], bounds[:, 1] - bounds[:, 0]
    order = np.argsort(lens, kind="stable")
    sorted_lens = lens[order]
    length = sorted_lens.tolist()
    i, size = 0, len(order)
    while i < size:
        # The group [i, j) takes sequence j while (j - i + 1) * length[j] <= _CELLS (lengths ascend,
        # so the test turns false once and stays false): binary search for that j.
        lo, hi = i + 1, size
        while lo < hi:
            mid = (lo + hi) // 2
            if (mid - i + 1) * length[mid] <= _CELLS:
                lo = mid + 1
            else:
                hi = mid
        chunk = order[i:lo]
        steps = np.arange(length[lo - 1])[:, None]
        group_lens = sorted_lens[i:lo]
        yield np.where(steps < group_lens, starts[chunk] + steps, n), group_lens
        i = lo


def viterbi(em: np.ndarray, seqs: Sequence[Token] | np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Best tag ids for every sequence (positions outside sequences get 0)."""
    n, L = em.shape
    out = np.zeros(n, dtype=np.int64)
    rows = _packed_rows(em)
    trans = trans.astype(em.dtype)
    trans_from = trans[:, :, None]
    trans_to = np.ascontiguousarray(trans.T)
    for idx, lens in batches(seqs, n):
        T, B = idx.shape
        eb = np.take(rows, idx).view(em.dtype).reshape(T, B, L)
        delta = np.empty((T, L, B), dtype=em.dtype)
        delta[0] = eb[0].T
        step = np.empty((L, L, B), dtype=em.dtype)
        for t in range(1, T):
            # Past a sequence's end its column goes on with padding: harmless, its path is read
            # from its own last step below.
            np.add(delta[t - 1][:, None, :], trans_from, out=step)
            np.max(step, axis=0, out=delta[t])
            delta[t] += eb[t].T
        path = np.empty((T, B), dtype=np.int64)
        # Sequences ending at step t are columns first[t]:first[t + 1] (lengths ascend).
        first = np.searchsorted(lens, np.arange(1, T + 2)).tolist()
        best = np.zeros(B, dtype=np.int64)
        for t in range(T - 1, -1, -1):
            a, b = first[t], first[t + 1]
            if b > a:
                best[a:b] = delta[t][:, a:b].argmax(axis=0)
            path[t] = best
            if t:
                # The back-pointer is recomputed for the chosen tag only (same sums, same tie-breaking
                # as storing every argmax on the way forward).
                best = (delta[t - 1].T + trans_to[best]).argmax(axis=1)
        live = idx < n
        out[idx[live]] = path[live]
    return out


def _packed_rows(em: np.ndarray) -> np.ndarray:
    """The rows of (n, L) scores as n + 1 opaque items (the last all zeros, for padding): gathering
    whole rows this way is several times faster than fancy indexing."""
    n, L = em.shape
    padded = np.empty((n + 1, L), dtype=em.dtype)
    padded[:n] = em
    padded[n] = 0
    return padded.view(np.dtype((np.void, em.itemsize * L))).reshape(n + 1)


def tag_marginals(em: np.ndarray, seqs: Sequence[Token] | np.ndarray, trans: np.ndarray,
                  tags: np.ndarray) -> np.ndarray:
    """Marginal probability of each character's chosen tag (scaled forward-backward)."""
    n = len(em)
    out = np.ones(n, dtype=np.float32)
    tags_pad = np.append(tags, 0)
    for idx, post in _posterior_batches(em, seqs, trans):
        chosen = tags_pad[idx]  # (T, B)
        probs = np.take_along_axis(post, chosen[:, None, :], axis=1)[:, 0, :]
        live = idx < n
        out[idx[live]] = probs[live]
    return out


def marginals_and_posteriors(em: np.ndarray, seqs: Sequence[Token] | np.ndarray, trans: np.ndarray,
                             tags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`tag_marginals` and `posteriors` of the same sequences from one forward-backward (the same values)."""
    n, L = em.shape
    probs = np.ones(n, dtype=np.float32)
    every = np.full((n, L), 1.0 / L, dtype=np.float32)
    tags_pad = np.append(tags, 0)
    for idx, post in _posterior_batches(em, seqs, trans):
        live = idx < n
        probs[idx[live]] = np.take_along_axis(post, tags_pad[idx][:, None, :], axis=1)[:, 0, :][live]
        every[idx[live]] = post.transpose(0, 2, 1)[live]
    return probs, every


def posteriors(em: np.ndarray, seqs: Sequence[Token] | np.ndarray, trans: np.ndarray) -> np.ndarray:
    """(n, tags) marginal probability of every tag at every character (uniform outside the sequences)."""
    n, L = em.shape
    out = np.full((n, L), 1.0 / L, dtype=np.float32)
    for idx, post in _posterior_batches(em, seqs, trans):
        live = idx < n
        out[idx[live]] = post.transpose(0, 2, 1)[live]
    return out


def _posterior_batches(em: np.ndarray, seqs: Sequence[Token] | np.ndarray,
                       trans: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Per batch of sequences (`batches`), its positions and the (T, tags, B) tag posteriors there."""
    n, L = em.shape
    em = em.astype(np.float32, copy=False)
    rows = _packed_rows(em)
    et = np.exp(trans - trans.max()).astype(np.float32)
    et_t = np.ascontiguousarray(et.T)
    for idx, lens in batches(seqs, n):
        T, B = idx.shape
        eb = np.take(rows, idx).view(np.float32).reshape(T, B, L)
        pot = np.exp(eb - eb.max(axis=2, keepdims=True)).transpose(0, 2, 1)  # (T, L, B) view
        alpha = np.empty((T, L, B), dtype=np.float32)
        a = pot[0]
        alpha[0] = a / a.sum(axis=0, keepdims=True)
        for t in range(1, T):
            a = (et_t @ alpha[t - 1]) * pot[t]
            alpha[t] = a / a.sum(axis=0, keepdims=True)
        # Backwards, each sequence starts from beta = 1 at its own last step.
        beta = np.ones((L, B), dtype=np.float32)
        post = np.empty((T, L, B), dtype=np.float32)
        post[T - 1] = alpha[T - 1]
        first = np.searchsorted(lens, np.arange(1, T + 2)).tolist()
        for t in range(T - 1, 0, -1):
            b = et @ (pot[t] * beta)
            b /= b.sum(axis=0, keepdims=True)
            live = first[t]  # columns whose sequence reaches step t
            beta[:, live:] = b[:, live:]
            p = alpha[t - 1] * beta
            post[t - 1] = p / p.sum(axis=0, keepdims=True)
        yield idx, post
