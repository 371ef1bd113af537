"""core/text.joins_previous against Qt's grapheme clusters: what the window draws as one character (and its
cursor steps over) is what a title cut, a selection and a token keep whole."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QTextBoundaryFinder

from annotator.core.text import joins_previous


def qt_joins(base: str, ch: str) -> bool:
    """Whether Qt draws `ch` as part of the character `base` (no grapheme boundary between them)."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, base + ch)
    finder.setPosition(len(base.encode("utf-16-le")) // 2)
    return not finder.isAtBoundary()


def test_every_character_that_joins_the_one_before_is_drawn_with_it():
    """Measured over every code point with Qt 6.11: Qt joins everything `joins_previous` does but 31 spacing
    marks (Mc: Myanmar, Tai Tham, Ahom), and what Qt joins beyond it is one Lao vowel and unassigned points."""
    joining = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF and joins_previous(chr(cp))]
    split = [ch for ch in joining if not qt_joins("a", ch)]
    assert {unicodedata.category(ch) for ch in split} <= {"Mc"} and len(split) < 40, [hex(ord(c)) for c in split]
    for ch in ("\u0301", "\ufe0f", "\U000E0100", "\u200d", "\U0001f3fd", "\U000E0067", "\u094d", "\u093e"):
        assert ch in joining and qt_joins("a", ch), hex(ord(ch))
