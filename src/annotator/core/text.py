"""Document text and tokens: offsets are code points, half-open [start, end)."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from annotator.core.errors import ValidationError

Token = tuple[int, int]
_SPACE = re.compile(r"\s")
_NON_SPACE = re.compile(r"\S+")


@dataclass(frozen=True)
class Article:
    """An article as read from a file, before it has a place in a project."""

    title: str
    text: str
    tokens: tuple[Token, ...]
    source: str = ""
    original: str = ""
    presegmented: bool = False


# A title made from a text: its first non-blank line, cut short. A line ends at any of Unicode's line breaks (the
# window shows U+2028 or a form feed in a title as a break too), and a one-paragraph text of a million characters
# must not become a title of a million (the document list, `annotator list` and the window's heading show it).
TITLE_LIMIT = 100
# The characters a line ends at (str.splitlines' own), for the places that cut or show a text line by line.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE = re.compile(f"[^{LINE_BREAKS}]+")
_ZWJ = "\u200d"


# C0 and C1 controls but tab and the line breaks: invisible in a title, and ESC would drive a terminal that prints one.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def title_of(text: str) -> str:
    """The first non-blank line of `text`, stripped and without control characters, at most TITLE_LIMIT characters
    ("…" ends a cut one)."""
    return cut_title(next(shown_lines(text), ""))


def shown_lines(text: str) -> Iterator[str]:
    """The non-blank lines of `text` as a title shows them: cut at every line break (`LINE_BREAKS`), stripped,
    without control characters."""
    return (found for m in _LINE.finditer(text) if (found := _CONTROLS.sub("", m.group()).strip()))


def escaped_controls(text: str) -> str:
    """`text` with each control character (line breaks and tab too) written as an escape, for a terminal."""
    if _CONTROLS.search(text) is None and _LINE.fullmatch(text) and "\t" not in text:
        return text
    return re.sub("[\x00-\x1f\x7f-\x9f\u2028\u2029]", lambda m: ascii(m.group())[1:-1], text)


def cut_title(line: str, limit: int = TITLE_LIMIT) -> str:
    """`line` cut to `limit` characters with "…" at the end, never between a character and the marks, variation
    selector or joiner that belong to it (👨‍🚒 and 葛\U000E0100 stay whole or go whole)."""
    if len(line) <= limit:
        return line
    cut = limit - 1
    while cut > 0 and (joins_previous(line[cut]) or line[cut - 1] == _ZWJ):
        cut -= 1
    return line[:cut].rstrip() + "…"


# What joins the character before it, as the window draws it: combining marks (Mn, Me and the spacing Mc: ◌́,
# a Devanagari vowel sign), variation selectors (U+FE0F after an emoji, U+E0100… after an ideograph; Mn), the
# zero-width joiner and non-joiner, emoji skin tones, the tag characters of a flag like 🏴󠁧󠁢󠁳󠁣󠁴󠁿, and the half-width
# kana voicing marks. Qt's grapheme clusters (what its cursor steps over) join all of these; measured over every
# code point against Qt 6.11, Qt joins 31 Mc that this splits (Myanmar, Tai Tham) and nothing this joins but Qt
# splits is outside Mc (tests/gui/test_joining_marks.py).
_MARK_CATEGORIES = frozenset(("Mn", "Me", "Mc"))
_JOINERS = frozenset((_ZWJ, "\u200c", "\uff9e", "\uff9f"))


def joins_previous(ch: str) -> bool:
    """Whether the character `ch` is part of the character before it (a mark, selector, joiner, skin tone, tag)."""
    return (ch in _JOINERS or unicodedata.category(ch) in _MARK_CATEGORIES or "\U0001f3fb" <= ch <= "\U0001f3ff"
            or "\U000e0020" <= ch <= "\U000e007f")


# Planes 0 and 1 and the special-purpose plane 14 hold every such character (tests/core/test_text.py checks
# every code point), so the class is built from those alone: about 20 ms, once, on first use.
_JOINING_PLANES = (range(0x20000), range(0xE0000, 0xE1000))


@functools.cache
def _joining() -> re.Pattern[str]:
    """`joins_previous` as one character class, to scan a whole text at C speed."""
    points = [cp for plane in _JOINING_PLANES for cp in plane if joins_previous(chr(cp))]
    ranges: list[tuple[int, int]] = []
    for cp in points:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")


def has_joining(text: str) -> bool:
    """Whether any character of `text` joins the one before it (`joins_previous`): one scan at C speed."""
    return _joining().search(text) is not None


def inside_character(text: str, offset: int) -> bool:
    """Whether `offset` falls between a character and a mark, selector or joiner that belongs to it (the window
    draws, and Qt's cursor steps over, 👨‍🚒 or 葛\U000E0100 as one character)."""
    return 0 < offset < len(text) and (joins_previous(text[offset]) or text[offset - 1] == _ZWJ)


def character_start(text: str, offset: int) -> int:
    """`offset`, or the start of the whole character it falls inside."""
    while inside_character(text, offset):
        offset -= 1
    return offset


def character_end(text: str, offset: int) -> int:
    """`offset`, or the end of the whole character it falls inside."""
    while inside_character(text, offset):
        offset += 1
    return offset


def splits_composed(text: str, offset: int) -> bool:
    """Whether `offset` falls between a letter and a mark its composed (NFC) form joins into it: between e and
    U+0301 of a decomposed é, or ᄀ and ᅡ of 가. Nobody selects half of é; offsets counted on the composed form of
    a decomposed text land there."""
    if not 0 < offset < len(text):
        return False
    start, end = character_start(text, offset - 1), character_end(text, offset + 1)  # Hangul's jamo are letters
    nfc = unicodedata.normalize
    return len(nfc("NFC", text[start:end])) < len(nfc("NFC", text[start:offset])) + len(nfc("NFC", text[offset:end]))


def tokens_from_strings(text: str, words: Iterable[str], *, source: str = "") -> tuple[Token, ...]:
    """Find each word in order in `text` (skipping whitespace between them) and return their offsets."""
    words = list(words)
    fast = _consecutive_offsets(text, words)
    if fast is not None:
        return fast
    tokens: list[Token] = []
    pos = 0
    for i, word in enumerate(words):
        if not word:
            continue
        found = text.find(word, pos)
        if found < 0 or text[pos:found].strip():
            raise ValidationError(f"token {i} {word!r} not found in the text at offset {pos}", path=source)
        tokens.append((found, found + len(word)))
        pos = found + len(word)
    return tuple(tokens)


def _consecutive_offsets(text: str, words: list[str]) -> tuple[Token, ...] | None:
    """The common case in one pass of running sums: words without whitespace that spell out the text's
    non-space runs exactly (each word inside one run). None when that is not so (the slow path decides)."""
    runs = [(m.start(), m.end()) for m in _NON_SPACE.finditer(text)]
    joined = "".join(words)
    if _SPACE.search(joined) or joined != "".join(text[s:e] for s, e in runs):
        return None
    words = [w for w in words if w]
    ends = list(accumulate(map(len, words)))
    starts = [0, *ends[:-1]] if ends else []
    out: list[Token] = []
    packed = 0  # offset in `joined` where the current run starts
    for start, end in runs:
        first, last = bisect.bisect_left(starts, packed), bisect.bisect_left(starts, packed + end - start)
        if first == len(starts) or starts[first] != packed or (last and ends[last - 1] != packed + end - start):
            return None  # a word would straddle the whitespace between two runs
        shift = start - packed
        out.extend(zip([s + shift for s in starts[first:last]], [e + shift for e in ends[first:last]], strict=True))
        packed += end - start
    return tuple(out)


def check_tokens(text: str, tokens: Sequence[Token]) -> None:
    """Raise unless tokens are ordered, non-overlapping, non-empty and inside the text."""
    prev = 0
    for i, (start, end) in enumerate(tokens):
        if not (prev <= start < end <= len(text)):
            raise ValidationError(f"token {i} [{start}, {end}) is out of order or out of range")
        prev = end


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of `text` begins."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def line_of(starts: Sequence[int], offset: int) -> int:
    """The 0-based line that contains `offset`, given `line_starts`."""
    return bisect.bisect_right(starts, offset) - 1


def token_index_at(tokens: Sequence[Token], offset: int) -> int:
    """Index of the token containing `offset`, or of the first token after it (len(tokens) at the end)."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid][1] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def snap_to_tokens(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the token boundaries it touches."""
    if not tokens or start >= end:
        return start, end
    first = token_index_at(tokens, start)
    last = token_index_at(tokens, end - 1)
    new_start = min(start, tokens[first][0]) if first < len(tokens) else start
    new_end = max(end, tokens[last][1]) if last < len(tokens) and tokens[last][0] < end else end
    return new_start, new_end


def split_token(tokens: Sequence[Token], offset: int) -> tuple[Token, ...]:
    """Split the token that strictly contains `offset` into two at that offset."""
    i = token_index_at(tokens, offset)
    if i >= len(tokens) or not (tokens[i][0] < offset < tokens[i][1]):
        raise ValidationError(f"offset {offset} is not inside a token")
    start, end = tokens[i]
    return (*tokens[:i], (start, offset), (offset, end), *tokens[i + 1:])


def merge_tokens(tokens: Sequence[Token], index: int) -> tuple[Token, ...]:
    """Merge token `index` with the next one (and any gap between them)."""
    if not 0 <= index < len(tokens) - 1:
        raise ValidationError(f"token {index} has no next token to merge with")
    return (*tokens[:index], (tokens[index][0], tokens[index + 1][1]), *tokens[index + 2:])


def encode_tokens(tokens: Sequence[Token]) -> bytes:
    """Pack tokens as varint (gap, length) pairs: about two bytes a token."""
    steps: list[int] = []
    add = steps.append
    prev = 0
    for start, end in tokens:
        add(start - prev)
        add(end - start)
        prev = end
    try:
        packed = bytes(steps)  # ValueError: a step under 0 or over 255
    except ValueError:
        packed = b"\x80"
    if packed.isascii():
        # The usual article (words and gaps under 128 characters) is one byte a step: packed at once,
        # a few times faster than byte by byte (an import packs millions of tokens).
        return packed
    out = bytearray()
    prev = 0
    for start, end in tokens:
        for value in (start - prev, end - start):
            while value >= 0x80:
                out.append((value & 0x7F) | 0x80)
                value >>= 7
            out.append(value)
        prev = end
    return bytes(out)


def token_count(data: bytes) -> int:
    """How many tokens `encode_tokens` packed into `data`."""
    if data.isascii():
        return len(data) // 2
    return sum(1 for byte in data if byte < 0x80) // 2  # a varint ends at its byte under 0x80


def decode_tokens(data: bytes) -> tuple[Token, ...]:
    """Inverse of `encode_tokens`."""
    if not data:
        return ()
    if data.isascii():  # every byte under 0x80: a C-level check, where max() walks the bytes as ints
        ends = list(accumulate(data))  # one-byte varints: offsets are running sums of the bytes
        return tuple(zip(ends[0::2], ends[1::2], strict=False))  # a damaged odd tail is ignored, as below
    values: list[int] = []
    value = shift = 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
        else:
            values.append(value)
            value = shift = 0
    tokens: list[Token] = []
    pos = 0
    for i in range(0, len(values) - 1, 2):
        start = pos + values[i]
        pos = start + values[i + 1]
        tokens.append((start, pos))
    return tuple(tokens)


def utf16_offsets(text: str) -> list[int] | None:
    """Code point -> UTF-16 unit offset table, or None when the text has no astral characters."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    table = [0] * (len(text) + 1)
    units = 0
    for i, ch in enumerate(text):
        table[i] = units
        units += 2 if ord(ch) >= 0x10000 else 1
    table[len(text)] = units
    return table
