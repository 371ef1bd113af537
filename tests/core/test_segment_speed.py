"""The fast segmenter (jieba-rs for pure Chinese runs) cuts exactly as jieba does, user words included."""

from __future__ import annotations

import json
import logging
import random

import jieba
import pytest

from annotator.core.segment import Segmenter, encode_words, words_to_tokens
from annotator.core.text import encode_tokens
from tests.conftest import FIXTURES

ODD = ["Hong Kong  新闻\u3000\u3000北京 \n\n x", "   ", "", "a\tb\u3000c", "全球追逃 ,  大幕拉开",
       "iPhone6手机T恤B超A股3C认证\r\n㐀䶵鿖鿿𠀀", "2014-04-18 10:24环球网 2008.06.13 50.5%的"]
USER_WORDS = ["追逃办", "天网行动", "中央追逃办公室", "iPhone6手机"]


def texts() -> list[str]:
    out = [p.read_text(encoding="utf-8-sig").replace("\r\n", "\n") for p in sorted((FIXTURES / "raw_news").glob("*.txt"))]
    for line in (FIXTURES / "pd98_dev5.jsonl").read_text(encoding="utf-8").splitlines():
        out.append(json.loads(line)["text"])
    return out + ODD


@pytest.fixture(scope="module")
def reference():
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in USER_WORDS:
        tokenizer.add_word(word)
    return tokenizer


def test_words_are_exactly_jiebas(reference):
    seg = Segmenter(USER_WORDS[:2])
    seg.tokens("预热")
    for word in USER_WORDS[2:]:
        seg.add_word(word)  # words added after the dictionary loaded count too
    for text in texts():
        assert seg.words(text) == reference.lcut(text, HMM=True), text[:40]


def test_tokens_leave_whitespace_out_and_split_words_around_it():
    text = "北京 大学\n\n新闻\u3000a b"
    assert words_to_tokens(text, ["北京", " ", "大学", "\n\n", "新闻", "\u3000a b"]) == (
        (0, 2), (3, 5), (7, 9), (10, 11), (12, 13))
    assert words_to_tokens("", []) == ()
    assert words_to_tokens("  \n", ["  ", "\n"]) == ()
    tokens = Segmenter().tokens(ODD[0])
    assert all(not ODD[0][s:e].isspace() and ODD[0][s:e].strip() == ODD[0][s:e] for s, e in tokens)


def test_random_mixtures_of_chinese_punctuation_and_spaces_cut_as_jieba(reference):
    rng = random.Random(8)
    pieces = ["北京", "新华社记者", "李克强总理", "\n\n", "  ", "\u3000\u3000", "\t", "。", "，", "“", "”", "（",
              "）", "\r\n", "！", "…", "——", "《", "》", "·", "、", "：", "１２３", "ＡＢＣ", "\u00a0", "€", "①", "℃",
              "é", "2014年", "iPhone", "50.5%", "㐀", "鿖"]
    seg = Segmenter(USER_WORDS)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        assert seg.words(text) == reference.lcut(text, HMM=True), text


def test_words_pack_into_the_bytes_of_their_tokens_without_building_them():
    seg = Segmenter(USER_WORDS)
    for text in texts():
        assert seg.packed_tokens(text) == encode_tokens(seg.tokens(text)), text[:40]
    rng = random.Random(5)
    # whitespace at either end, inside words and in long runs; words, pieces and gaps of 128+ and 256+
    # characters (several bytes a step); a NUL (the fast path's separator)
    pieces = ["北京", "新华社", " ", "\n", "\n\n", "\u3000", "a b", " x ", "\t", "。", "x" * 130, " " * 140,
              "y" * 300, " " * 300, "\0", "a\0b"]
    for _ in range(3000):
        words = [rng.choice(pieces) for _ in range(rng.randint(0, 12))]
        text = "".join(words)
        assert encode_words(text, words) == encode_tokens(words_to_tokens(text, words)), words
