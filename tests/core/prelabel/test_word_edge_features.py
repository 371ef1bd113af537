"""The word-edge templates: every character of a word sees the word's first and last character."""

from __future__ import annotations

from annotator.core.prelabel.features.templates import TEMPLATES, extract


def test_each_character_sees_its_words_first_and_last_character_and_its_place():
    text = "在焦作市工作"
    words = [(0, 1), (1, 4), (4, 6)]
    keys = extract(text, words, ["p", "ns", "vn"], templates=TEMPLATES)
    ws, wf = keys["ws"].tolist(), keys["wf"].tolist()
    # 焦作市: the same last character (市) for all three, told apart by begin/middle/end.
    assert [k // 4 for k in ws[1:4]] == [ord("市")] * 3
    assert [k % 4 for k in ws[1:4]] == [0, 1, 2]
    assert [k // 4 for k in wf[1:4]] == [ord("焦")] * 3
    assert ws[0] // 4 == wf[0] // 4 == ord("在") and ws[0] % 4 == 3  # a one-character word
