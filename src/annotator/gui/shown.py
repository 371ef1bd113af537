"""Text as the window shows it: the document's own text is never changed, only how a view lays it out.

Bidi controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) would turn the rest of a line around on screen, so a
reviewer read 会见李四 as 四李见会 while the offsets follow the stored order; each is shown as a visible mark of
the same UTF-16 length, so every position the view computes still holds. In one-line places (a title, a list
row) a line or paragraph separator is shown as a space.
"""

from __future__ import annotations

import re

from annotator.core.text import LINE_BREAKS, cut_title

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
BIDI_MARK = "\u2194"  # ↔: direction-neutral, one UTF-16 unit like every control it stands for
_LINE_BREAK = re.compile(f"[{LINE_BREAKS}]")


def without_bidi(text: str) -> str:
    """`text` with each bidi control shown as ↔ (same length)."""
    return BIDI_CONTROLS.sub(BIDI_MARK, text) if BIDI_CONTROLS.search(text) else text


ONE_LINE_LIMIT = 300  # a record may give a title (or an entity) of any length: a label laid out a million wide stalls


def one_line(text: str, limit: int = ONE_LINE_LIMIT) -> str:
    """`text` for a one-line place: bidi controls shown as ↔, line breaks as spaces, cut to `limit` characters
    (never inside a character and its marks)."""
    return cut_title(_LINE_BREAK.sub(" ", without_bidi(text)), limit)
