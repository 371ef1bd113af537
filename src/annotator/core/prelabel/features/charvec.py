"""Dense character vectors learned from unlabeled news (resources/models/char-vectors.npz, see the README
there), as real-valued features of the stacked CRF of the starter's labels: what a character's contexts
say about it, for the names and places a few hundred reviewed fragments never show."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

VECTORS_FILE = "char-vectors.npz"
# The crfsuite attributes "v:<j>": the vectors of the characters at -1, 0, +1, one after the other.
VECTOR_TEMPLATE = "v"
OFFSETS = (-1, 0, 1)
_lock = threading.Lock()
_shipped: dict[str, CharVectors] = {}


@dataclass(frozen=True)
class CharVectors:
    """Normalised code points (templates.codepoints; kept sorted) and their vectors, one row each."""

    codes: np.ndarray
    vectors: np.ndarray
    _padded: np.ndarray = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        order = np.argsort(self.codes, kind="stable")  # looked up by binary search
        object.__setattr__(self, "codes", np.asarray(self.codes, dtype=np.int64)[order])
        object.__setattr__(self, "vectors", np.asarray(self.vectors, dtype=np.float32)[order])
        # A last row of zeros: what a character without a vector (and the text's edge) reads as.
        zero = np.zeros((1, self.vectors.shape[1]), dtype=np.float32)
        object.__setattr__(self, "_padded", np.vstack([self.vectors.astype(np.float32), zero]))

    @property
    def dims(self) -> int:
        """Length of one character's vector."""
        return int(self.vectors.shape[1])

    def features(self, codes: np.ndarray) -> np.ndarray:
        """(n, len(OFFSETS) * dims) features of the characters with normalised code points `codes` (the
        CRF's "u0" keys): the vectors of each one's neighbours at OFFSETS, zeros past the text's edges."""
        n = len(codes)
        at = np.minimum(np.searchsorted(self.codes, codes), len(self.codes) - 1)
        at = np.where(self.codes[at] == codes, at, len(self.codes))
        edge = np.full(max(-min(OFFSETS), max(OFFSETS)), len(self.codes))
        padded = np.concatenate((edge, at, edge))
        pad = len(edge)
        return np.hstack([self._padded[padded[pad + k:pad + k + n]] for k in OFFSETS])

    def to_bytes(self) -> bytes:
        """The vectors as an npz (float16: half the size, the same features to three digits)."""
        out = io.BytesIO()
        np.savez_compressed(out, codes=self.codes.astype(np.int64), vectors=self.vectors.astype(np.float16))
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> CharVectors:
        """Read what `to_bytes` wrote."""
        npz = np.load(io.BytesIO(data))
        return cls(npz["codes"].astype(np.int64), npz["vectors"].astype(np.float32))


def char_vectors(name: str = VECTORS_FILE) -> CharVectors:
    """The shipped vectors `name`, read once per process."""
    with _lock:
        vecs = _shipped.get(name)
        if vecs is None:
            from annotator.core.resources import models_dir

            vecs = _shipped[name] = CharVectors.from_bytes((models_dir() / name).read_bytes())
        return vecs


def use_vectors_file(path: Path, name: str = VECTORS_FILE) -> None:
    """Read the vectors at `path` in place of the shipped `name` for this process (measurement only: e.g.
    vectors rebuilt without the fragments a benchmark scores)."""
    vecs = CharVectors.from_bytes(path.read_bytes())
    with _lock:
        _shipped[name] = vecs
