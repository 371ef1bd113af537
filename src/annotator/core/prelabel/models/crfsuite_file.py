"""The layout of a crfsuite model file, checked before crfsuite opens it.

crfsuite (C) follows the offsets and counts a model file gives without checking them against the file: a
truncated or garbled model (a project file changed outside annotator) crashed the whole process with a
segmentation fault, where it must be refused with a named error. Every offset, count and index crfsuite reads
while opening a model and tagging with it is checked here to stay inside the file (crf1d_model.c, cqdb.c).
"""

from __future__ import annotations

import struct

import numpy as np

HEADER = struct.Struct("<4sI4sIIIIIIIII")  # magic, size, type, version, features, labels, attrs, five offsets
CHUNK = struct.Struct("<4sII")  # tag, size, count
FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
CQDB_HEADER = struct.Struct("<4sIIIII")  # magic, size, flag, byte order, backward-array size, its offset
CQDB_TABLES = 256


def check_crfsuite(data: bytes) -> None:
    """Raise ValueError (saying what is wrong) unless `data` is a crfsuite model whose offsets all hold."""
    n = len(data)
    if n < HEADER.size:
        raise ValueError(f"a crfsuite model of {n} bytes (truncated)")
    magic, size, kind, _version, _, labels, attrs, *offsets = HEADER.unpack_from(data)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError("not a crfsuite model")
    if size != n:
        raise ValueError(f"a crfsuite model of {n} bytes whose header says {size} (truncated or damaged)")
    at_features, at_labels, at_attrs, at_label_refs, at_attr_refs = offsets
    features = _features(data, at_features, labels, attrs)
    _cqdb(data, at_labels, labels, "labels")
    _cqdb(data, at_attrs, attrs, "attributes")
    _refs(data, at_label_refs, b"LFRF", labels, features)
    _refs(data, at_attr_refs, b"AFRF", attrs, features)


def _chunk(data: bytes, at: int, tag: bytes) -> tuple[int, int]:
    if not HEADER.size <= at <= len(data) - CHUNK.size or data[at:at + 4] != tag:
        raise ValueError(f"its {tag.decode()} chunk is not where its header says")
    _, size, count = CHUNK.unpack_from(data, at)
    if size < CHUNK.size or at + size > len(data):
        raise ValueError(f"its {tag.decode()} chunk runs past the end of the file")
    return size, count


def _features(data: bytes, at: int, labels: int, attrs: int) -> int:
    size, count = _chunk(data, at, b"FEAT")
    if CHUNK.size + count * FEATURE.itemsize > size:
        raise ValueError("its features run past their chunk")
    table = np.frombuffer(data, dtype=FEATURE, count=count, offset=at + CHUNK.size)
    state, transition = table["type"] == 0, table["type"] == 1
    if not (state | transition).all() or (table["dst"] >= labels).any() \
            or (table["src"][state] >= attrs).any() or (table["src"][transition] >= labels).any():
        raise ValueError("a feature of it names a label or an attribute the model does not have")
    return count


def _refs(data: bytes, at: int, tag: bytes, least: int, features: int) -> None:
    size, count = _chunk(data, at, tag)
    if count < least or CHUNK.size + 4 * count > size:
        raise ValueError(f"its {tag.decode()} chunk is shorter than its count")
    # crfsuite reads the lists of the first `least` entries only (those past them are written as 0)
    starts = np.frombuffer(data, dtype="<u4", count=least, offset=at + CHUNK.size).astype(np.int64)
    if ((starts < at) | (starts + 4 > at + size)).any():
        raise ValueError(f"a reference of its {tag.decode()} chunk points outside it")
    words = np.frombuffer(data, dtype="<u4", count=(len(data) - at) // 4, offset=at)  # 4-byte words from `at`
    first = (starts - at) // 4  # refs sit on 4-byte boundaries from the chunk's start
    if ((starts - at) % 4).any():
        raise ValueError(f"a reference of its {tag.decode()} chunk is misaligned")
    lengths = words[first].astype(np.int64)
    if (first + 1 + lengths > (size // 4)).any():
        raise ValueError(f"a list of its {tag.decode()} chunk runs past it")
    if lengths.sum():
        ids = words[np.repeat(first + 1 - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())]
        if (ids >= features).any():
            raise ValueError(f"its {tag.decode()} chunk names a feature the model does not have")


def _cqdb(data: bytes, at: int, count: int, what: str) -> None:
    n = len(data)
    if not HEADER.size <= at <= n - CQDB_HEADER.size - 8 * CQDB_TABLES:
        raise ValueError(f"its table of {what} is not where its header says")
    magic, size, _flag, _order, backward, backward_at = CQDB_HEADER.unpack_from(data, at)
    if magic != b"CQDB" or at + size > n or size < CQDB_HEADER.size + 8 * CQDB_TABLES:
        raise ValueError(f"its table of {what} is damaged")
    if backward < count or backward_at + 4 * backward > size:
        raise ValueError(f"its table of {what} has fewer entries than the model's {what}")
    tables = np.frombuffer(data, dtype="<u4", count=2 * CQDB_TABLES, offset=at + CQDB_HEADER.size)
    starts, slots = tables[0::2].astype(np.int64), tables[1::2].astype(np.int64)
    used = slots > 0
    if (starts[used] + 8 * slots[used] > size).any():
        raise ValueError(f"its table of {what} runs past its end")
    backs = np.frombuffer(data, dtype="<u4", count=backward, offset=at + backward_at).astype(np.int64)
    records = backs[backs > 0]  # 0: no entry
    for start, slot in zip(starts[used], slots[used], strict=True):
        entries = np.frombuffer(data, dtype="<u4", count=2 * int(slot), offset=at + int(start))[1::2].astype(np.int64)
        records = np.concatenate((records, entries[entries > 0]))
    records = np.unique(records)
    if ((records < CQDB_HEADER.size) | (records + 8 > size)).any():
        raise ValueError(f"an entry of its table of {what} points outside it")
    ends = records + 8 + np.array([struct.unpack_from("<I", data, at + int(r) + 4)[0] for r in records], dtype=np.int64)
    if (ends > size).any():
        raise ValueError(f"a name in its table of {what} runs past its end")
