"""Run-on names: lists printed without separators, re-decoded so each name is its own entity.

Award and delegate lists (`名单`) often lose their line breaks: `…艺术剧团河北省科委河北省科协山西省…`.
Trained on running text, where an organisation is never followed directly by another, the CRF reads
such a list as one organisation hundreds of characters long. Real entities are short (of 7,704
People's Daily organisations, 9 are longer than 20 characters), so an over-long span is re-decoded
with a name forced to end wherever a place name follows a word that is not itself a place — the way
each list entry starts. Measured on the dev articles (research/RESULTS-prelabel.md): micro-F1 0.880 -> 0.891.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from annotator.core.prelabel.features.templates import spans_from_tags
from annotator.core.prelabel.models.crf import CrfModel
from annotator.core.prelabel.models.decoding import tag_marginals, viterbi
from annotator.core.text import Token

MAX_LENGTH = 20
# Province-level names and national prefixes: where list entries start even when jieba does not tag
# the word as a place (湖南花鼓戏剧院 is one word to jieba).
ENTRY_STARTS = (
    "中国", "中央", "全国", "国家", "中共", "北京", "天津", "上海", "重庆", "河北", "山西", "内蒙古", "辽宁",
    "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西",
    "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门",
)
_FORBID = np.float32(1e4)
_ROUNDS = 3


def entry_starts(text: str, words: Sequence[Token], tags: Sequence[str]) -> np.ndarray:
    """Per character: True where a word that names a place follows one that does not."""
    out = np.zeros(len(text) + 1, dtype=bool)
    for (s0, e0), (s1, _e1), tag0, tag1 in zip(words, words[1:], tags, tags[1:], strict=False):
        if tag0.startswith("ns") or text[s0:e0] in ENTRY_STARTS:
            continue
        if tag1.startswith("ns") or text.startswith(ENTRY_STARTS, s1):
            out[s1] = True
    return out


def split_run_ons(model: CrfModel, em: np.ndarray, seqs: Sequence[Token], tags: np.ndarray,
                  starts: np.ndarray) -> list[Token]:
    """Re-decode (in place: `em`, `tags`) the sequences holding an over-long entity with an entry
    start inside; returns the sequences re-decoded."""
    redone: dict[Token, None] = {}
    inside_tags = np.array([i for i, t in enumerate(model.tags) if t[0] in "IE"])
    for _ in range(_ROUNDS):
        long = [(s, e) for s, e, _ in spans_from_tags(tags, labels=model.labels)
                if e - s > MAX_LENGTH and starts[s + 1:e].any()]
        if not long:
            break
        for s, e in long:
            inner = np.nonzero(starts[s + 1:e])[0] + s + 1
            em[np.ix_(inner, inside_tags)] -= _FORBID
        hit = [q for q in seqs if any(q[0] <= s < q[1] for s, _ in long)]
        again = viterbi(em, hit, model.transitions)
        for a, b in hit:
            tags[a:b] = again[a:b]
            redone[(a, b)] = None
    return list(redone)


def repair_run_ons(model: CrfModel, em: np.ndarray, seqs: Sequence[Token], tags: np.ndarray,
                   probs: np.ndarray, starts: np.ndarray) -> None:
    """Split the run-on lists among `seqs` (tags and probs updated in place; `em` is not changed)."""
    em = em.copy()
    redone = split_run_ons(model, em, seqs, tags, starts)
    if redone:
        fresh = tag_marginals(em, redone, model.transitions, tags)
        for a, b in redone:
            probs[a:b] = fresh[a:b]
