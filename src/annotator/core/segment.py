"""Reading articles: pre-segmented layout or raw text segmented with jieba."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from pathlib import Path

from annotator.core.appdata import app_data_dir
from annotator.core.encoding import decode_bytes
from annotator.core.errors import ReadError
from annotator.core.text import Article, Token

_WS = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SENTENCE_MARK = ","


def is_presegmented(text: str) -> bool:
    """True when most CJK characters stand next to a space, the mark of a pre-segmented file."""
    total = beside = 0
    for m in _CJK.finditer(text):
        total += 1
        i = m.start()
        if (i > 0 and text[i - 1].isspace()) or (i + 1 < len(text) and text[i + 1].isspace()):
            beside += 1
        if total >= 2000:
            break
    return total >= 4 and beside / total >= 0.6


def _latin_digit(ch: str) -> bool:
    return ch.isascii() and ch.isalnum() or ("\uff10" <= ch <= "\uff5a" and ch.isalnum())


def parse_presegmented(original: str, *, source: str = "") -> Article:
    """Build an article from space-separated tokens; a lone ASCII comma ends a sentence (one per line).

    Tokens are kept exactly; a single space is kept only between two adjacent Latin/digit tokens.
    """
    sentences: list[list[str]] = [[]]
    for line in original.split("\n"):
        for word in _WS.split(line):
            if not word:
                continue
            if word == SENTENCE_MARK:
                sentences.append([])
            else:
                sentences[-1].append(word)
        sentences.append([])
    parts: list[str] = []
    tokens: list[Token] = []
    pos = 0
    for words in (s for s in sentences if s):
        if parts:
            parts.append("\n")
            pos += 1
        prev = ""
        for word in words:
            if prev and _latin_digit(prev[-1]) and _latin_digit(word[0]):
                parts.append(" ")
                pos += 1
            parts.append(word)
            tokens.append((pos, pos + len(word)))
            pos += len(word)
            prev = word
    if not tokens:
        raise ReadError("the file has no tokens", path=source)
    text = "".join(parts)
    return Article(title=text.split("\n", 1)[0], text=text, tokens=tuple(tokens), source=source,
                   original=original, presegmented=True)


class Segmenter:
    """jieba with the project's user words, its cache in the app's private data folder."""

    _lock = threading.Lock()

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.tmp_dir = str(app_data_dir())
        self._user_words = list(user_words)
        self._ready = False

    @property
    def tokenizer(self):  # noqa: ANN201 - jieba has no types
        """The initialised jieba Tokenizer (loads the dictionary on first use)."""
        if not self._ready:
            with self._lock:
                if not self._ready:
                    self._tokenizer.initialize()
                    for word in self._user_words:
                        self._tokenizer.add_word(word)
                    self._ready = True
        return self._tokenizer

    def add_word(self, word: str) -> None:
        """Teach the segmenter a word (from the project's user dictionary)."""
        self._user_words.append(word)
        if self._ready:
            self.tokenizer.add_word(word)

    def tokens(self, text: str) -> tuple[Token, ...]:
        """Token offsets of `text`; whitespace is never part of a token."""
        out: list[Token] = []
        pos = 0
        for word in self.tokenizer.cut(text, HMM=True):
            end = pos + len(word)
            if word.isspace():
                pos = end
                continue
            if any(c.isspace() for c in word):
                for m in re.finditer(r"\S+", word):
                    out.append((pos + m.start(), pos + m.end()))
            else:
                out.append((pos, end))
            pos = end
        return tuple(out)


_default: Segmenter | None = None


def default_segmenter() -> Segmenter:
    """A process-wide segmenter without user words."""
    global _default
    if _default is None:
        _default = Segmenter()
    return _default


def parse_raw(text: str, *, source: str = "", segmenter: Segmenter | None = None) -> Article:
    """Segment raw text with jieba; lines are kept and the first non-empty line is the title."""
    title = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if not title:
        raise ReadError("the file has no text", path=source)
    tokens = (segmenter or default_segmenter()).tokens(text)
    return Article(title=title, text=text, tokens=tokens, source=source, original=text)


def read_article(path: str | Path, *, layout: str = "auto", encoding: str = "auto",
                 segmenter: Segmenter | None = None) -> Article:
    """Read a text file as an article: layout is auto, segmented or text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    text, _ = decode_bytes(data, path=str(path), encoding=encoding)
    return article_from_text(text, source=str(path), layout=layout, segmenter=segmenter)


def article_from_text(text: str, *, source: str = "", layout: str = "auto",
                      segmenter: Segmenter | None = None) -> Article:
    """Turn decoded text into an article, detecting the layout unless told."""
    if layout not in ("auto", "segmented", "text"):
        raise ReadError(f"unknown layout {layout!r}", path=source)
    if layout == "segmented" or (layout == "auto" and is_presegmented(text)):
        return parse_presegmented(text, source=source)
    return parse_raw(text, source=source, segmenter=segmenter)
