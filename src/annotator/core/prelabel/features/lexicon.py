"""The project's own reviewed entities as a feature of its model: where the text matches one, and as what.

The dictionary engine adds the project's entities after the model has decoded; as a feature the model
learns how far to trust a match (a team's 北京 is sometimes an address, sometimes part of a company's
name). A model learns it from matches it could not have memorised: each training document sees the
entities of the other folds only (`fold_lexicons`), while decoding sees every reviewed entity.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from annotator.core.prelabel.features.templates import codepoints

LEXICON = "g"  # the template: the longest match covering the character, as what, on word edges or not
FOLDS = 5
MAX_LENGTH = 24  # longer entries (whole street addresses, titles) are left to the model
_MUL = np.uint64(0x100000001B3)


@dataclass(frozen=True)
class Lexicon:
    """Entity strings (normalised as the model's character keys) and the label each was reviewed as."""

    entries: dict[str, str]
    labels: tuple[str, ...]
    _by_length: dict[int, tuple[np.ndarray, np.ndarray]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        groups: dict[int, list[tuple[np.ndarray, int]]] = defaultdict(list)
        index = {lab: i for i, lab in enumerate(self.labels)}
        for text, label in self.entries.items():
            if label in index and 2 <= len(text) <= MAX_LENGTH:
                groups[len(text)].append((_windows(codepoints(text), len(text))[0], index[label]))
        by_length = {}
        for n, rows in groups.items():
            hashes = np.array([h for h, _ in rows], dtype=np.uint64)
            order = np.argsort(hashes)
            by_length[n] = (hashes[order], np.array([lab for _, lab in rows], dtype=np.int64)[order])
        object.__setattr__(self, "_by_length", by_length)

    @classmethod
    def of(cls, spans: Iterable[tuple[str, str]], labels: Sequence[str]) -> Lexicon:
        """The lexicon of (text, label) pairs: each text as the label it was most often reviewed as."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for text, label in spans:
            counts["".join(map(chr, codepoints(text).tolist()))][label] += 1
        return cls({t: c.most_common(1)[0][0] for t, c in counts.items()}, tuple(labels))

    def keys(self, chars: np.ndarray, words: np.ndarray | None = None) -> np.ndarray:
        """The template's key at each position of the character keys `chars` ("u0"), -1 where no entry
        matches: label index * 8 + (B, I, E) * 2 + whether the match starts and ends on word edges (the
        "wp" keys `words`: a match inside a longer word, 英国 in 英国人, is another kind of evidence).
        Overlapping matches: the longest (then the first) wins."""
        n = len(chars)
        out = np.full(n, -1, dtype=np.int64)
        found: list[tuple[int, int, int]] = []
        for length, (hashes, labels) in self._by_length.items():
            if length > n:
                continue
            windows = _windows(chars, length)
            at = np.minimum(np.searchsorted(hashes, windows), len(hashes) - 1)
            hit = np.nonzero(hashes[at] == windows)[0]
            found.extend(zip(hit.tolist(), [length] * len(hit), labels[at[hit]].tolist(), strict=True))
        if not found:
            return out
        # Word position of each character (0 begins, 1 inside, 2 ends, 3 a word of its own; -1 none).
        bmes = np.where(words >= 0, words % 4, -1) if words is not None else np.full(n, 3)
        taken = np.zeros(n, dtype=bool)
        for start, length, label in sorted(found, key=lambda m: (-m[1], m[0])):
            end = start + length
            if taken[start:end].any():
                continue
            taken[start:end] = True
            edge = int(bmes[start] in (0, 3) and bmes[end - 1] in (2, 3))
            out[start] = label * 8 + edge
            out[start + 1:end - 1] = label * 8 + 2 + edge
            out[end - 1] = label * 8 + 4 + edge
        return out

    def to_json(self) -> dict[str, object]:
        """What a model file keeps of it."""
        return {"labels": list(self.labels), "entries": self.entries}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Lexicon:
        """Read what `to_json` wrote."""
        entries, labels = data.get("entries"), data.get("labels")
        if not isinstance(entries, dict) or not isinstance(labels, list):
            raise ValueError("a lexicon needs its entries and labels")
        return cls({str(k): str(v) for k, v in entries.items()}, tuple(str(lab) for lab in labels))


def _windows(chars: np.ndarray, length: int) -> np.ndarray:
    """A 64-bit hash of every run of `length` character keys (one per start position)."""
    c = np.asarray(chars, dtype=np.int64).view(np.uint64)
    h = np.zeros(len(c) - length + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(length):
            h = h * _MUL + c[k:k + len(h)] + np.uint64(1)
    return h


def fold_lexicons(spans: Sequence[list[tuple[str, str]]], labels: Sequence[str],
                  folds: int = FOLDS) -> list[Lexicon]:
    """Per document (its (text, label) entities given), the lexicon of the other folds' documents."""
    out = []
    cache: dict[int, Lexicon] = {}
    for i in range(len(spans)):
        fold = i % folds
        if fold not in cache:
            cache[fold] = Lexicon.of((e for j, doc in enumerate(spans) if j % folds != fold for e in doc), labels)
        out.append(cache[fold])
    return out
