"""What a span relabeler reads of one span (models/relabeler.py): the span's text and characters, its words
and their word clusters, the words either side, and every word of the whole document (a game's 玩家 or a
film's 上映 stand far outside the character CRF's window)."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.prelabel.features.clusters import cluster_ids
from annotator.core.text import Token

# Punctuation is no cue of a label in the document's bag of words.
_MARKS = frozenset("，,；;：:。！？!?、“”\"‘’'（）()《》【】[]…—-·")


def span_features(text: str, words: Sequence[Token], start: int, end: int) -> list[str]:
    """Features of the span `[start, end)` of `text`, cut into `words` (jieba's, or the file's tokens)."""
    ids = cluster_ids()
    span = text[start:end]
    strings = [text[s:e] for s, e in words]
    inside = [k for k, (s, e) in enumerate(words) if s < end and e > start]
    before = [k for k, (_, e) in enumerate(words) if e <= start]
    after = [k for k, (s, _) in enumerate(words) if s >= end]
    out = [f"w={span}", f"f={span[0]}", f"l={span[-1]}", f"l2={span[-2:]}", f"len={min(len(span), 8)}",
           f"pc={text[start - 1] if start else '<s>'}", f"nc={text[end] if end < len(text) else '</s>'}"]
    out += [f"iw={strings[k]}" for k in inside]
    out += [f"ic={ids[strings[k]][1]}" for k in inside]  # fine clusters of its words
    out += [f"ic0={ids[strings[k]][0]}" for k in inside]  # and coarse
    out.append(f"lc={ids[strings[inside[-1]] if inside else span][1]}")
    for d in (1, 2):
        prev = strings[before[-d]] if len(before) >= d else "<s>"
        nxt = strings[after[d - 1]] if len(after) >= d else "</s>"
        out += [f"pw{d}={prev}", f"nw{d}={nxt}", f"pc{d}={ids[prev][0]}", f"nc{d}={ids[nxt][0]}"]
    bag = {strings[k] for k in before + after if strings[k].strip() and strings[k] not in _MARKS}
    out += [f"sw={w}" for w in sorted(bag)]
    out += [f"sc={c}" for c in sorted({ids[w][0] for w in bag})]
    return out
