"""Vectorised dictionary lookup: every substring of length 2..MAX_LEN hashed at once with numpy.

Used for the CRF's dictionary features (jieba's person/place/organisation words, the project
gazetteer): a Python loop over positions would cost more than the whole rest of the tagger.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

MAX_LEN = 8
_P = np.uint64(1_000_003)


def norm_code(ch: str) -> int:
    """The code point features use for a character (must agree with features.codepoints)."""
    c = ord(ch)
    if 0xFF01 <= c <= 0xFF5E:
        c -= 0xFEE0
    if 0x30 <= c <= 0x39:
        return 0x30
    if 0x41 <= c <= 0x5A:
        return c + 0x20
    return 1 if c == 0x0A else c


def _hashes(cp: np.ndarray, length: int) -> np.ndarray:
    """Polynomial hash (wrapping uint64) of cp[i:i+length] for every i that fits."""
    n = len(cp) - length + 1
    u = cp.astype(np.uint64)
    h = u[:n].copy()
    with np.errstate(over="ignore"):
        for k in range(1, length):
            h = h * _P + u[k:k + n]
    return h


class HashLexicon:
    """Words with a small integer class each (e.g. a POS tag key), matched by hash."""

    def __init__(self, words: Mapping[str, int], *, max_len: int = MAX_LEN) -> None:
        by_len: dict[int, tuple[list[int], list[int]]] = {}
        p, mask = int(_P), (1 << 64) - 1
        for word, cls in words.items():
            if 2 <= len(word) <= max_len:
                h = 0
                for c in map(norm_code, word):
                    h = (h * p + c) & mask
                hs, cs = by_len.setdefault(len(word), ([], []))
                hs.append(h)
                cs.append(cls)
        self.tables: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for length, (hs, cs) in by_len.items():
            order = np.argsort(np.array(hs, dtype=np.uint64), kind="stable")
            self.tables[length] = (np.array(hs, dtype=np.uint64)[order], np.array(cs, dtype=np.int64)[order])

    def __len__(self) -> int:
        return sum(len(h) for h, _ in self.tables.values())

    def matches(self, cp: np.ndarray) -> dict[int, np.ndarray]:
        """For each word length: the class of the word starting at each position (-1: none)."""
        out = {}
        n = len(cp)
        for length, (keys, classes) in self.tables.items():
            if n < length:
                continue
            h = _hashes(cp, length)
            idx = np.searchsorted(keys, h)
            idx[idx >= len(keys)] = 0
            hit = keys[idx] == h
            cls = np.full(n, -1, dtype=np.int64)
            cls[:len(h)][hit] = classes[idx[hit]]
            out[length] = cls
        return out

    def start_end_keys(self, cp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Keys (class * 16 + length) of the longest word starting, and of the longest ending, at each
        character (-1: none)."""
        n = len(cp)
        start = np.full(n, -1, dtype=np.int64)
        end = np.full(n, -1, dtype=np.int64)
        for length, cls in sorted(self.matches(cp).items()):
            hit = cls >= 0
            start[hit] = cls[hit] * 16 + length
            pos = np.nonzero(hit)[0] + length - 1
            end[pos] = cls[hit] * 16 + length
        return start, end

    def cover_keys(self, cp: np.ndarray) -> np.ndarray:
        """Per character: class * 4 + B/I/E (0/1/2) of the longest word covering it (-1: none)."""
        key = np.full(len(cp), -1, dtype=np.int64)
        for length, cls in sorted(self.matches(cp).items()):
            pos = np.nonzero(cls >= 0)[0]
            if not len(pos):
                continue
            base = cls[pos] * 4
            # Longer words are painted last, so they win where matches overlap.
            for off in range(length):
                key[pos + off] = base + (0 if off == 0 else 2 if off == length - 1 else 1)
        return key
