"""Character features for the CRF, computed for a whole document at once as integer keys per template.

Every template yields one integer key per character (-1: no attribute). Training turns keys into
crfsuite attribute strings `"<template>:<key>"`; the decoder looks them up in sorted key tables, so
inference never builds a string per character.
"""

from __future__ import annotations

import functools
import itertools
import zlib
from collections.abc import Sequence

import numpy as np

from annotator.core.prelabel.features.clusters import EDGE, cluster_ids
from annotator.core.prelabel.features.lexical_keys import lexical_keys
from annotator.core.prelabel.features.word_analysis import Memo
from annotator.core.text import Token

# The labels the starter model tags: the one definition of them. A project's own model tags the project's
# labels (`tag_set(labels)`); every function here takes the labels, the starter's by default.
CORE_LABELS = ("PER", "LOC", "ORG")


@functools.lru_cache(maxsize=64)
def tag_set(labels: tuple[str, ...]) -> tuple[str, ...]:
    """The BIOES tags of a label set: "O", then B/I/E/S of each label in order."""
    return ("O",) + tuple(f"{p}-{lab}" for lab in labels for p in "BIES")


TAGS = tag_set(CORE_LABELS)


@functools.lru_cache(maxsize=64)
def _tag_arrays(labels: tuple[str, ...]) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
    """Per tag of `labels`: its id by name, whether it opens a span, closes one, and its label's index."""
    tags = tag_set(labels)
    return ({t: i for i, t in enumerate(tags)}, np.array([t[0] in "BS" for t in tags]),
            np.array([t[0] in "ES" for t in tags]),
            np.array([labels.index(t[2:]) if t != "O" else -1 for t in tags]))

BOUND = 1  # code of "outside the text": document edges and line breaks
SHIFT = np.int64(1 << 21)
# Sequences end after these characters: entities never contain them, and short sequences decode fast.
SPLIT_CHARS = "。！？；，、："
CHAR_TEMPLATES = {"u-2": -2, "u-1": -1, "u0": 0, "u1": 1, "u2": 2}
# wf/ws: the first and last character of the word a character is in (焦作市: 市 for every character),
# +0.005 F1 from scratch on 500 articles (research/RESULTS-prelabel.md).
BASE_TEMPLATES = ("bias", *CHAR_TEMPLATES, "b-1", "b0", "b1", "ty", "wp", "wpp", "wpn", "wl", "ww")
WORD_EDGE_TEMPLATES = ("wf", "ws")
TEMPLATES = BASE_TEMPLATES + WORD_EDGE_TEMPLATES
# The word-cluster table's ids (features/clusters.py) of the word a character is in, coarse and fine, and
# of the words either side (coarse), each with the character's place in its word: for the CRF of a
# project's labels, which learns from a few hundred fragments and meets mostly unseen names.
CLUSTER_TEMPLATES = ("wc", "wcf", "wcp", "wcn")
# Address parts (ADDRESS_CLASSES) of the characters at -1, 0, +1: for the stacked model of the starter's
# labels, whose team may mark whole composed addresses where the starter tags place names.
ADDRESS_TEMPLATES = ("ad",)
EXTRACTED = TEMPLATES + CLUSTER_TEMPLATES + ADDRESS_TEMPLATES  # every template `extract` computes
# The part of a composed address a character marks (北京市海淀区中关村大街1号): classes 1-6, 0 none.
ADDRESS_CLASSES = ("省市县区镇乡村州郡旗盟", "街路道巷弄环", "号楼室层栋座幢", "0一二三四五六七八九十百零〇",
                   "东南西北中内外", "场馆园店厦院校城港湾站桥山湖河江海岛寺宫苑坊")
_ADDRESS = np.zeros(0x10000, dtype=np.int64)
for _k, _chars in enumerate(ADDRESS_CLASSES, start=1):
    _ADDRESS[[ord(c) for c in _chars]] = _k
_SPLIT = np.array(sorted(ord(c) for c in SPLIT_CHARS), dtype=np.uint32)
_SPACE = np.array(sorted(ord(c) for c in "\t\r\n\u3000\xa0"), dtype=np.uint32)  # not " ": Hong Kong
# Per code point below U+FFFF (U+FFFF itself stands for everything above): 1 ends a sequence after
# itself, 2 ends one before itself.
_CUTS = np.zeros(0x10000, dtype=np.int8)
_CUTS[_SPLIT] = 1
_CUTS[_SPACE] = 2
# A stretch without any of those longer than this is cut into sequences of at most this many characters: decoding
# steps through a batch's longest sequence one position at a time with its numpy calls shared by the batch, so one
# sequence of 200,000 characters took 5x the CPU per character of the same text cut by its sentences
# (benchmarks/long_sentence.py). Each is cut after the last of _SOFT in its second half (a space, a Latin mark, a
# closing bracket or quote), else at the bound. No sentence of news comes near it (People's Daily dev: 961 at most,
# a list; 66 at the 99th percentile), so their sequences are as before.
MAX_SEQUENCE = 1024
_SOFT = np.zeros(0x10000, dtype=bool)
_SOFT[[ord(c) for c in " ,.;:!?)]}）》」』〉】”’·"]] = True


def codepoints(text: str) -> np.ndarray:
    """Normalised code points: full-width ASCII folded, digits -> '0', Latin lower-cased, newline -> BOUND."""
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    full = (cp >= 0xFF01) & (cp <= 0xFF5E)
    cp[full] -= 0xFEE0
    cp[(cp >= 0x30) & (cp <= 0x39)] = 0x30
    upper = (cp >= 0x41) & (cp <= 0x5A)
    cp[upper] += 0x20
    cp[cp == 0x0A] = BOUND
    return cp


def char_types(cp: np.ndarray) -> np.ndarray:
    """0 Han, 1 digit, 2 Latin, 3 other, 4 edge or space."""
    ty = np.full(len(cp), 3, dtype=np.int64)
    ty[((cp >= 0x4E00) & (cp <= 0x9FFF)) | ((cp >= 0x3400) & (cp <= 0x4DBF))] = 0
    ty[cp == 0x30] = 1
    ty[(cp >= 0x61) & (cp <= 0x7A)] = 2
    ty[(cp == BOUND) | (cp == 0x20) | (cp == 0x3000)] = 4
    return ty


@functools.lru_cache(maxsize=256)
def tag_key(tag: str) -> int:
    """A stable small integer for a POS tag (its first four bytes)."""
    return int.from_bytes(tag.encode()[:4].ljust(4, b"\0"), "little")


def sequences(text: str) -> list[Token]:
    """The CRF's sequences: stretches ending after a sentence or clause mark; whitespace left out."""
    bounds = sequence_bounds(text)
    return list(zip(bounds[:, 0].tolist(), bounds[:, 1].tolist(), strict=True))


def sequence_bounds(text: str) -> np.ndarray:
    """`sequences` as a (k, 2) array of [start, end)."""
    raw = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    kind = _CUTS[np.minimum(raw, len(_CUTS) - 1)]
    cuts = np.nonzero(kind)[0]
    starts = np.concatenate(([0], cuts + 1))
    ends = np.concatenate((np.where(kind[cuts] == 2, cuts, cuts + 1), [len(text)]))
    keep = ends > starts
    bounds = np.stack((starts[keep], ends[keep]), axis=1)
    if not len(bounds) or int((bounds[:, 1] - bounds[:, 0]).max()) <= MAX_SEQUENCE:
        return bounds
    return _cut_long(bounds, raw)


def _cut_long(bounds: np.ndarray, raw: np.ndarray) -> np.ndarray:
    """`bounds` with each sequence longer than MAX_SEQUENCE cut into pieces of at most that many characters, each
    after the last soft break (_SOFT) of its second half, else at the bound."""
    soft = _SOFT[np.minimum(raw, len(_SOFT) - 1)]
    half = MAX_SEQUENCE // 2
    out: list[tuple[int, int]] = []
    for start, end in bounds.tolist():
        while end - start > MAX_SEQUENCE:
            found = np.flatnonzero(soft[start + half:start + MAX_SEQUENCE])
            cut = start + half + int(found[-1]) + 1 if len(found) else start + MAX_SEQUENCE
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return np.array(out, dtype=bounds.dtype).reshape(-1, 2)


def _word_arrays(n: int, words: Sequence[Token] | np.ndarray, tags: Sequence[str], text: str,
                 templates: Sequence[str], strings: Sequence[str] | None = None) -> dict[str, np.ndarray]:
    keys = {name: np.full(n, -1, dtype=np.int64)
            for name in ("wp", "wpp", "wpn", "wl", "ww", "wf", "ws", *CLUSTER_TEMPLATES)}
    if not len(words):
        return keys
    w = words if isinstance(words, np.ndarray) else \
        np.fromiter(itertools.chain.from_iterable(words), dtype=np.int64, count=2 * len(words)).reshape(-1, 2)
    starts, ends = w[:, 0], w[:, 1]
    lens = ends - starts
    total = int(lens.sum())
    widx = np.repeat(np.arange(len(w)), lens)
    offs = np.arange(total) - np.repeat(np.cumsum(lens) - lens, lens)
    pos = np.repeat(starts, lens) + offs
    wlen = lens[widx]
    bmes = np.where(wlen == 1, 3, np.where(offs == 0, 0, np.where(offs == wlen - 1, 2, 1)))
    # Per-token Python work is the tagger's largest cost on pre-segmented text: keep it to C-level maps.
    tag_keys = {t: tag_key(t) for t in set(tags)}
    tk = np.fromiter(map(tag_keys.__getitem__, tags), dtype=np.int64, count=len(tags))
    prev_tk = np.concatenate(([0], tk[:-1]))
    next_tk = np.concatenate((tk[1:], [0]))
    keys["wp"][pos] = tk[widx] * 4 + bmes
    keys["wpp"][pos] = prev_tk[widx] * 4 + bmes
    keys["wpn"][pos] = next_tk[widx] * 4 + bmes
    keys["wl"][pos] = np.minimum(wlen, 6) * 4 + bmes
    strings = [text[s:e] for s, e in words] if strings is None else strings
    wk = np.fromiter(map(_WORD_KEYS.__getitem__, strings), dtype=np.int64, count=len(words))
    ww = wk[widx]
    keys["ww"][pos] = np.where(ww >= 0, ww * 4 + bmes, -1)
    if "wf" in templates or "ws" in templates:
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        keys["wf"][pos] = cps[starts][widx] * 4 + bmes
        keys["ws"][pos] = cps[ends - 1][widx] * 4 + bmes
    if any(t in templates for t in CLUSTER_TEMPLATES):
        _cluster_keys(keys, strings, widx, pos, bmes)
    return keys


def _cluster_keys(keys: dict[str, np.ndarray], strings: Sequence[str], widx: np.ndarray, pos: np.ndarray,
                  bmes: np.ndarray) -> None:
    """Fill the CLUSTER_TEMPLATES keys (a missing neighbour reads as the text's edge)."""
    ids = cluster_ids()
    c = np.fromiter(itertools.chain.from_iterable(map(ids.__getitem__, strings)), dtype=np.int64,
                    count=2 * len(strings)).reshape(-1, 2)
    coarse = np.concatenate(([EDGE], c[:, 0], [EDGE]))
    keys["wc"][pos] = coarse[1:-1][widx] * 4 + bmes
    keys["wcf"][pos] = c[:, 1][widx] * 4 + bmes
    keys["wcp"][pos] = coarse[:-2][widx] * 4 + bmes
    keys["wcn"][pos] = coarse[2:][widx] * 4 + bmes


# "ww": a word's CRC-32, -1 for a single character; memoised, since a text's words repeat.
_WORD_KEYS = Memo(lambda w: zlib.crc32(w.encode()) if len(w) > 1 else -1)


def extract(text: str, words: Sequence[Token] | np.ndarray, tags: Sequence[str], *,
            templates: Sequence[str] = TEMPLATES, strings: Sequence[str] | None = None) -> dict[str, np.ndarray]:
    """Integer keys of every template for every character of `text` (-1: none);
    `strings` may give the words' text when the caller has it already (and must, when `words` is a
    (k, 2) array rather than a sequence of pairs)."""
    n = len(text)
    cp = codepoints(text)
    pad = np.concatenate(([BOUND, BOUND], cp, [BOUND, BOUND]))
    keys: dict[str, np.ndarray] = {"bias": np.zeros(n, dtype=np.int64)}
    for name, k in CHAR_TEMPLATES.items():
        keys[name] = pad[2 + k:2 + k + n]
    keys["b-1"] = pad[1:1 + n] * SHIFT + pad[2:2 + n]
    keys["b0"] = pad[2:2 + n] * SHIFT + pad[3:3 + n]
    keys["b1"] = pad[3:3 + n] * SHIFT + pad[4:4 + n]
    ty = char_types(pad)
    keys["ty"] = ty[1:1 + n] * 25 + ty[2:2 + n] * 5 + ty[3:3 + n]
    keys.update(_word_arrays(n, words, tags, text, templates, strings))
    if "ad" in templates:
        cls = _ADDRESS[np.minimum(pad, len(_ADDRESS) - 1)]
        keys["ad"] = cls[1:1 + n] * 64 + cls[2:2 + n] * 8 + cls[3:3 + n]
    keys.update(lexical_keys(text, templates))  # LAC's reading, only for a model that weighs it
    return keys


def attribute_lists(keys: dict[str, np.ndarray], start: int, end: int,
                    templates: Sequence[str] = TEMPLATES) -> list[list[str]]:
    """crfsuite attribute strings for characters [start, end) (training only)."""
    cols = []
    for name in templates:
        col = keys[name][start:end].tolist()
        cols.append([f"{name}:{k}" if k != -1 else None for k in col])
    return [[a for a in row if a is not None] for row in zip(*cols, strict=True)]


def bioes(n: int, spans: Sequence[tuple[int, int, str]], labels: Sequence[str] = CORE_LABELS) -> list[str]:
    """Character tags for entity spans (labels outside `labels` are ignored)."""
    out = ["O"] * n
    for s, e, label in spans:
        if label not in labels:
            continue
        if e - s == 1:
            out[s] = f"S-{label}"
            continue
        out[s] = f"B-{label}"
        for i in range(s + 1, e - 1):
            out[i] = f"I-{label}"
        out[e - 1] = f"E-{label}"
    return out


def tag_ids(n: int, spans: Sequence[tuple[int, int, str]], labels: tuple[str, ...] = CORE_LABELS) -> np.ndarray:
    """Gold tag id (index in `tag_set(labels)`) of each of n characters from entity spans (see `bioes`)."""
    ids = _tag_arrays(labels)[0]
    return np.fromiter((ids[t] for t in bioes(n, spans, labels)), dtype=np.int64, count=n)


def spans_from_tags(tag_ids: np.ndarray, offset: int = 0,
                    labels: tuple[str, ...] = CORE_LABELS) -> list[tuple[int, int, str]]:
    """Entity spans from a BIOES tag-id sequence; broken sequences are repaired leniently.

    A tagged character starts a new span when it is B or S, follows an E or S or an untagged character,
    or changes the label; a span runs to the last tagged character before the next start."""
    _, opens, closes, label_of = _tag_arrays(labels)
    ids = np.asarray(tag_ids)
    at = np.nonzero(ids)[0]
    if not len(at):
        return []
    tag = ids[at]
    before = np.concatenate(([0], tag[:-1]))  # the tag of the previous tagged character
    new = (opens[tag] | closes[before] | (label_of[tag] != label_of[before])
           | (np.concatenate(([-2], at[:-1])) != at - 1))
    first = np.nonzero(new)[0]
    last = np.append(first[1:] - 1, len(at) - 1)
    return [(offset + s, offset + e + 1, labels[lab]) for s, e, lab in
            zip(at[first].tolist(), at[last].tolist(), label_of[tag[first]].tolist(), strict=True)]
