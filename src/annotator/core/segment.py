"""Reading articles: pre-segmented layout or raw text segmented with jieba."""

from __future__ import annotations

import bisect
import functools
import logging
import re
import threading
from collections.abc import Iterable, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any

from annotator.core.appdata import app_data_dir
from annotator.core.encoding import decode_bytes, file_name
from annotator.core.errors import ReadError
from annotator.core.limits import check_document_size, read_input
from annotator.core.text import (
    Article,
    Token,
    cut_title,
    encode_tokens,
    has_joining,
    joins_previous,
    shown_lines,
    title_of,
)

_WS = re.compile(r"\s+")
_NON_WS = re.compile(r"\S+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SENTENCE_MARK = ","


# What separates the words (and lines) of a pre-segmented file. Not every whitespace: a text whose short lines end in
# U+2028, NEL, a form feed or a vertical tab (web text) was judged pre-segmented and lost them.
WORD_SEPARATORS = " \t\n\r\u3000"


def is_presegmented(text: str) -> bool:
    """True when most CJK characters stand next to a space, the mark of a pre-segmented file."""
    total = beside = 0
    for m in _CJK.finditer(text):
        total += 1
        i = m.start()
        if (i > 0 and text[i - 1] in WORD_SEPARATORS) or (i + 1 < len(text) and text[i + 1] in WORD_SEPARATORS):
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
    return Article(title=title_of(text), text=text, tokens=tuple(tokens), source=source,
                   original=original, presegmented=True)


class Segmenter:
    """jieba's segmentation with the project's user words (jieba's cache in the app's private folder).

    Runs of Chinese characters are cut by jieba-rs (the `rjieba` package: jieba's own dictionary and
    algorithm in Rust, about ten times faster, its dictionary built in) when it is installed; runs that
    mix in Latin letters or digits, which jieba-rs groups differently, and everything when it is not
    installed, by jieba itself. The words are exactly jieba's either way (tests/core/test_segment_speed.py).
    """

    _lock = threading.Lock()

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        self._user_words = list(user_words)
        self._cutter: _Cutter | None = None

    def _ready(self) -> _Cutter:
        if self._cutter is None:
            with self._lock:
                if self._cutter is None:
                    self._cutter = _Cutter(self._user_words)
        return self._cutter

    @property
    def user_words(self) -> tuple[str, ...]:
        """The user words it was given, in order."""
        return tuple(self._user_words)

    def add_word(self, word: str) -> None:
        """Teach the segmenter a word (from the project dictionary)."""
        self._user_words.append(word)
        if self._cutter is not None:
            self._cutter.add_word(word)

    def words(self, text: str) -> list[str]:
        """jieba's words of `text` (HMM on), whitespace included: they concatenate to the text."""
        return self._ready().cut(text)

    def tokens(self, text: str) -> tuple[Token, ...]:
        """Token offsets of `text`; whitespace is never part of a token, nor a token boundary inside a character's
        marks (`whole_clusters`)."""
        return words_to_tokens(text, whole_clusters(text, self.words(text)))

    def packed_tokens(self, text: str) -> bytes:
        """`encode_tokens(self.tokens(text))`, without building the tokens (an import that stores them)."""
        return encode_words(text, whole_clusters(text, self.words(text)))


def whole_clusters(text: str, words: list[str]) -> list[str]:
    """`words` with each mark joined to the word before it, and a word after a joiner to the joiner's: a token
    boundary between 葛 and its U+E0100, ❤ and U+FE0F, or inside 👨‍🚒 let a span (and a selection snapped to
    tokens) end in the middle of one character as the window draws it."""
    if not has_joining(text):  # the usual article: one C-level scan
        return words
    out: list[str] = []
    for word in words:
        if (out and word and not out[-1].isspace() and not word.isspace()
                and (joins_previous(word[0]) or out[-1].endswith("\u200d"))):
            out[-1] += word
        else:
            out.append(word)
    return out


_JIEBA_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")  # jieba's re_han_default
_JIEBA_SKIP = re.compile("(\r\n|\\s)")  # jieba's re_skip_default
_HAN_ONLY = re.compile("[\u4E00-\u9FD5]+")
# Latin letters, digits and the characters jieba-rs counts as Chinese but jieba does not: a text without
# any is cut identically by jieba-rs as a whole (checked on the shared corpora and random mixtures).
_RUST_WHOLE = re.compile("[a-zA-Z0-9+#&._%\\-\u3400-\u4DBF\u9FD6-\uFAFF\U00020000-\U0010FFFF]")


class _Cutter:
    """jieba's Tokenizer.cut (HMM on), pure-Chinese blocks handed to jieba-rs when it is installed.

    The dictionaries are read once per process and shared (`_shared_dictionary`, `_shared_rust`) until a
    cutter learns a word: then it takes a copy of its own, so one project's words never reach another's."""

    def __init__(self, user_words: Iterable[str]) -> None:
        self._words = list(user_words)
        self._python: Any = None  # a jieba.Tokenizer (jieba has no types), made when a block needs it
        self._python_shared = False
        self._rust: Any = _shared_rust(tuple(self._words))  # None without jieba-rs
        self._rust_shared = True

    def _jieba(self) -> Any:  # a jieba.Tokenizer
        if self._python is None:
            import jieba

            tokenizer = jieba.Tokenizer()
            tokenizer.tmp_dir = str(app_data_dir())
            freq, total = _shared_dictionary()
            tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
            self._python_shared = True
            if self._words:
                self._own_python(tokenizer)
                for word in self._words:
                    tokenizer.add_word(word)
            self._python = tokenizer
        return self._python

    def _own_python(self, tokenizer: Any) -> None:
        if self._python_shared:  # jieba's add_word writes into FREQ: the shared table stays as read
            tokenizer.FREQ = dict(tokenizer.FREQ)
            self._python_shared = False

    def add_word(self, word: str) -> None:
        self._words.append(word)
        if self._rust is not None:
            if self._rust_shared:
                self._rust = _new_rust(self._words)
                self._rust_shared = False
            else:
                self._rust.add_word(word, None, None)
        if self._python is not None:
            self._own_python(self._python)
            self._python.add_word(word)

    def cut(self, text: str) -> list[str]:
        if self._rust is None:
            return self._jieba().lcut(text, HMM=True)
        if _RUST_WHOLE.search(text) is None:  # the usual Chinese article: one call for all of it
            return self._rust.cut(text, True)
        out: list[str] = []
        rust_cut = self._rust.cut
        # jieba's own outer loop: blocks of Chinese/Latin/digits are cut, the rest goes char by char.
        for block in _JIEBA_BLOCK.split(text):
            if not block:
                continue
            if _JIEBA_BLOCK.fullmatch(block):
                if _HAN_ONLY.fullmatch(block):
                    out.extend(rust_cut(block, True))
                else:
                    out.extend(self._jieba().cut(block, HMM=True))
            else:
                for part in _JIEBA_SKIP.split(block):
                    if _JIEBA_SKIP.fullmatch(part):
                        out.append(part)
                    else:
                        out.extend(part)
        return out


_dictionary_lock = threading.Lock()
_dictionary: tuple[dict[str, int], int] | None = None


class _OneLine(logging.Formatter):
    """jieba's log records as one line each, the exception's reason without its traceback."""

    def format(self, record: logging.LogRecord) -> str:
        """The message and, for an exception, its reason."""
        reason = f": {record.exc_info[1]}" if record.exc_info and record.exc_info[1] else ""
        return f"jieba: {record.getMessage()}{reason}"


def _shared_dictionary() -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary and total frequency, read once per process (~1 s, ~100 MB) from its cache
    in the app's private folder; never written to (a cutter that learns a word copies it first)."""
    global _dictionary
    with _dictionary_lock:
        if _dictionary is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            # A cache it cannot save (a full disk, a size limit) is logged with a traceback: one line says it.
            jieba.log_console.setFormatter(_OneLine())
            tokenizer = jieba.Tokenizer()
            tokenizer.tmp_dir = str(app_data_dir())
            tokenizer.initialize()
            _dictionary = (tokenizer.FREQ, tokenizer.total)
        return _dictionary


def _new_rust(words: Sequence[str]) -> Any:
    """A jieba-rs cutter (~0.15 s) that knows `words`; None when jieba-rs is not installed."""
    try:
        import rjieba
    except ImportError:
        return None
    default = getattr(rjieba, "_DEFAULT_JIEBA", None)
    if not words and default is not None:
        # Importing rjieba has built its module's cutter (the dictionary: a third of a CLI import's
        # start-up): without user words that one is used, never a second. Nothing adds words to it: a
        # cutter that learns one builds its own (`_Cutter.add_word`).
        return default
    rust = rjieba.Jieba()
    for word in words:
        rust.add_word(word, None, None)
    return rust


@functools.lru_cache(maxsize=4)
def _shared_rust(words: tuple[str, ...]) -> Any:
    """One jieba-rs cutter per process for each list of user words (projects without any share one)."""
    return _new_rust(words)


def words_to_tokens(text: str, words: Sequence[str]) -> tuple[Token, ...]:
    """Offsets of consecutive `words` that make up `text`, leaving whitespace out (a word that is
    whitespace is dropped, one that contains some is split around it)."""
    ends = list(accumulate(map(len, words)))
    starts = [0, *ends[:-1]] if ends else []
    # Whitespace is rare (line breaks): find the few words it touches instead of testing every word.
    touched = sorted({i for m in _WS.finditer(text)
                      for i in range(bisect.bisect_right(ends, m.start()), bisect.bisect_left(starts, m.end()))})
    pairs = list(zip(starts, ends, strict=True))
    for i in reversed(touched):  # from the end, so the indices before stay put; one C-level move each
        start = starts[i]
        pairs[i:i + 1] = [(start + m.start(), start + m.end()) for m in _NON_WS.finditer(words[i])]
    return tuple(pairs)


def encode_words(text: str, words: Sequence[str]) -> bytes:
    """`encode_tokens(words_to_tokens(text, words))` without a tuple per token: the steps of words that
    touch no whitespace are (0, length), packed a byte each at C speed; only the few words that whitespace
    touches (line breaks) are split one by one."""
    try:
        packed = _one_byte_steps(text, words)
    except ValueError:  # a word, a piece or a gap of 256 characters or more; a NUL in the text
        packed = b"\x80"
    # A step of 128 or more takes several bytes: the general packing.
    return packed if packed.isascii() else encode_tokens(words_to_tokens(text, words))


def _one_byte_steps(text: str, words: Sequence[str]) -> bytes:
    lengths = bytes(map(len, words))
    steps = bytearray(2 * len(lengths))
    steps[1::2] = lengths  # every gap 0: the words follow one another
    if _WS.search(text) is None:
        return bytes(steps)
    if "\0" in text:
        raise ValueError("a NUL in the text")  # the separator below
    # Joined by NUL (never whitespace), each whitespace run lies inside one word, the one after as many
    # NULs as come before the run; str.split finds the runs at C speed (its whitespace is regex's \s).
    joined = "\0".join(words)
    runs = joined.split()
    touched: dict[int, None] = {0: None} if joined[:1].isspace() else {}
    index = 0
    for piece in runs if joined[-1:].isspace() else runs[:-1]:  # a run follows each of these pieces
        index += piece.count("\0")
        touched[index] = None
    out = bytearray()
    done = carry = 0  # words packed so far; whitespace since the last token (the next token's gap)
    for i in touched:
        if i > done:  # the untouched words before this one; the first of them takes the gap carried
            out += steps[2 * done:2 * i]
            out[len(out) - 2 * (i - done)] = carry
            carry = 0
        word, prev = words[i], 0
        for m in _NON_WS.finditer(word):
            out += bytes((carry + m.start() - prev, m.end() - m.start()))
            carry, prev = 0, m.end()
        carry += len(word) - prev
        done = i + 1
    if done < len(words):
        out += steps[2 * done:]
        out[len(out) - 2 * (len(words) - done)] = carry
    return bytes(out)


_default: Segmenter | None = None


def default_segmenter() -> Segmenter:
    """A process-wide segmenter without user words."""
    global _default
    if _default is None:
        _default = Segmenter()
    return _default


def parse_raw(text: str, *, source: str = "", segmenter: Segmenter | None = None) -> Article:
    """Segment raw text with jieba; lines are kept and the first non-empty line is the title."""
    title = raw_title(text, source)
    if not title:
        raise ReadError("the file has no text", path=source)
    tokens = (segmenter or default_segmenter()).tokens(text)
    return Article(title=title, text=text, tokens=tokens, source=source, original=text)


_DATE = re.compile(r"\d{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?")
_TIME = re.compile(r"\d{1,2}\s*[:：]\s*\d{2}(\s*[:：]\s*\d{2})?")
_SOURCE = re.compile(r"\S{0,12}(网|社|报|台|讯|新闻|在线|客户端|频道)")
_SOURCE_LINE = re.compile(r"(来源|稿源|出处|编辑|责任编辑|作者)\s*[:：]\s*\S{1,30}")
_FILE_TAG = re.compile(r"\.(gbk|gb2312|gb18030|big5|utf-?8|utf-?16|raw|txt)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。！？!?]")
TITLE_CHARS = 40


def is_dateline(line: str) -> bool:
    """A news file's date/source line (`2014-04-18 10:24环球网`, `2008年05月12日16:22`, `来源：新华网`)."""
    line = line.strip()
    if not line or len(line) > TITLE_CHARS:
        return False
    if _SOURCE_LINE.fullmatch(line):
        return True
    rest, dates = _DATE.subn("", line)
    if not dates:
        return False
    rest = _TIME.sub("", rest).strip(" \u3000|/·-—:：")
    return not rest or _SOURCE.fullmatch(rest) is not None


def raw_title(text: str, source: str = "") -> str:
    """The first non-empty line; when that is a date/source line, the headline: the file's name if it reads
    like one (has Chinese in it), else the first sentence of the first line after the date/source lines."""
    first = title_of(text)
    if not first or not is_dateline(first):
        return first
    lines = list(shown_lines(text))  # at every line break, as title_of cuts the first: not at "\n" alone
    name = _FILE_TAG.sub("", Path(source).stem) if source else ""
    while _FILE_TAG.search(name):
        name = _FILE_TAG.sub("", name)
    if _CJK.search(name):
        return name
    body = next((line for line in lines if not is_dateline(line)), lines[0])
    end = _SENTENCE_END.search(body)
    first = body[:end.end()] if end else body
    return cut_title(first, TITLE_CHARS)


def read_article(path: str | Path, *, layout: str = "auto", encoding: str = "auto",
                 segmenter: Segmenter | None = None) -> Article:
    """Read a text file as an article: layout is auto, segmented or text."""
    path = Path(path)
    data = read_input(path)
    text, _ = decode_bytes(data, path=str(path), encoding=encoding)
    check_document_size(len(text), path=str(path))  # before jieba, which holds several copies of it
    return article_from_text(text, source=file_name(str(path)), layout=layout, segmenter=segmenter)


def article_from_text(text: str, *, source: str = "", layout: str = "auto",
                      segmenter: Segmenter | None = None) -> Article:
    """Turn decoded text into an article, detecting the layout unless told."""
    if layout not in ("auto", "segmented", "text"):
        raise ReadError(f"unknown layout {layout!r}", path=source)
    if layout == "segmented" or (layout == "auto" and is_presegmented(text)):
        return parse_presegmented(text, source=source)
    return parse_raw(text, source=source, segmenter=segmenter)
