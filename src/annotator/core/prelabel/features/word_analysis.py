"""Word analysis for pre-highlighting: jieba words and their dictionary POS tags, without posseg."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.text import Token

_lock = threading.Lock()
_tags: dict[str, str] | None = None
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NUM = re.compile(r"^[0-9０-９.．%％]+$")
_LATIN = re.compile(r"^[A-Za-zＡ-Ｚａ-ｚ]+$")


def word_tags() -> dict[str, str]:
    """jieba's dictionary word -> POS tag table, loaded once (posseg's own table, no HMM tagging)."""
    global _tags
    if _tags is None:
        with _lock:
            if _tags is None:
                _tags = _pos_table()
    return _tags


def _pos_table() -> dict[str, str]:
    """posseg's table: its import reads jieba's dictionary (0.3-0.4 CPU-s, the first suggestion's largest cost)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    table: dict[str, str] = jieba.posseg.dt.word_tag_tab
    return table


def word_tags_loaded() -> bool:
    """Whether `word_tags` is loaded in this process (a call now does not import jieba's part-of-speech module)."""
    return _tags is not None


def guess_tag(word: str) -> str:
    """A tag for a word jieba's dictionary does not know, from its characters alone."""
    if _NUM.match(word):
        return "m"
    if _LATIN.match(word):
        return "eng"
    if _HAN.search(word):
        return "unk"
    return "x"


def tag_of(word: str) -> str:
    """A word's POS tag in jieba's dictionary, else `guess_tag`'s (the event models' features)."""
    return word_tags().get(word) or guess_tag(word)


@dataclass(frozen=True)
class Analysis:
    """Words (offsets into the text) and one POS tag per word, shared by every engine; `strings` the
    words' text when known (so that the features do not slice it again)."""

    words: tuple[Token, ...]
    tags: tuple[str, ...]
    strings: tuple[str, ...] | None = field(default=None, compare=False, repr=False)


# Verbs and prepositions jieba's HMM (and files segmented by it) glue to a following place: 赴美国.
CLITICS = frozenset("赴访抵离返驻在到至去往从自向经于")
_NAME_TAGS = frozenset(("ns", "nr", "nrt", "nt"))
# In train_pool (jieba on raw text) this splits only 赴美国 (twice); a person after a clitic is rarer than
# a false split (驻华大使 -> 驻|华大使/nr), so only places count.

class Memo(dict[str, Any]):
    """A dict that computes a missing value with `fn` and keeps it (starting afresh past `limit`
    entries, so memory stays bounded): per-word work done once per vocabulary word, not per token."""

    def __init__(self, fn: Callable[[str], Any], limit: int = 200_000) -> None:
        super().__init__()
        self.fn = fn
        self.limit = limit

    def __missing__(self, key: str) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.fn(key)
        return value


class _WordTags(dict[str, str]):
    """Memo of word -> tag (the dictionary's, else a guess), with the words a clitic split applies to.

    A text's words come from a vocabulary of some ten thousand: looking each up here is several times
    faster than in jieba's 350k-word table plus a guess for every unknown one. jieba's table is only
    read, never changed, by this program, so memoised tags never go stale."""

    LIMIT = 200_000  # words remembered before starting afresh (a few tens of MB at most)

    def __init__(self) -> None:
        super().__init__()
        self.splits: set[str] = set()

    def __missing__(self, word: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        get = word_tags().get
        tag = get(word) or guess_tag(word)
        if len(word) >= 3 and word[0] in CLITICS and tag not in _NAME_TAGS and get(word[1:]) == "ns":
            self.splits.add(word)
        self[word] = tag
        return tag


_word_tags = _WordTags()


def analyze(text: str, words: Sequence[Token]) -> Analysis:
    """Tag each word by dictionary lookup (guessing for unknown words); a word made of a clitic and a
    dictionary place (赴美国, which jieba keeps whole and tags i) is analysed as the two words it is."""
    strings = [text[s:e] for s, e in words]
    tags = list(map(_word_tags.__getitem__, strings))
    splits = _word_tags.splits
    # Clitic splits are rare: one C-level check, and a rebuild only when there is one.
    if splits.isdisjoint(strings):
        return Analysis(tuple(words), tuple(tags), tuple(strings))
    out_words = list(words)
    get = word_tags().get
    for i in reversed([i for i, w in enumerate(strings) if w in splits]):
        s, e = out_words[i]
        out_words[i:i + 1] = [(s, s + 1), (s + 1, e)]
        tags[i:i + 1] = [get(strings[i][0]) or "p", "ns"]
        strings[i:i + 1] = [strings[i][0], strings[i][1:]]
    return Analysis(tuple(out_words), tuple(tags), tuple(strings))


def jieba_words(text: str) -> tuple[Token, ...]:
    """Segment `text` with jieba's default dictionary (HMM on), whitespace left out."""
    import jieba

    from annotator.core.appdata import app_data_dir

    # jieba's default tokenizer caches its dictionary in the shared temp folder, where another user
    # could plant one; keep it in the app's private folder like Segmenter does.
    if jieba.dt.tmp_dir is None:
        jieba.dt.tmp_dir = str(app_data_dir())
    word_tags()
    out: list[Token] = []
    pos = 0
    for w in jieba.lcut(text):
        end = pos + len(w)
        if not w.isspace():
            if w.strip() == w:
                out.append((pos, end))
            else:
                out.extend((pos + m.start(), pos + m.end()) for m in re.finditer(r"\S+", w))
        pos = end
    return tuple(out)
