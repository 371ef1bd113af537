"""Visual lines of the article (a paragraph wraps into several): which line holds a position, the line above
or below, and the position at an x on a line. Positions are Qt's (UTF-16), absolute in the document."""

from __future__ import annotations

import bisect

from PySide6.QtGui import QTextBlock, QTextDocument, QTextLayout, QTextLine

Line = tuple[QTextBlock, int]  # a paragraph and the index of one of its laid-out lines


def cursor_x(line: QTextLine, position: int) -> float:
    """The x (in the paragraph's coordinates) where `position` of the line's block is drawn."""
    return line.cursorToX(position)[0]  # type: ignore[index]  # PySide6's stub says object: it is (x, position)


class LaidOut:
    """A paragraph's laid-out lines found by position: their starts read once, then a bisection per position.
    QTextLayout.lineForTextPosition walks the lines from the first: a paragraph of a million characters without a
    break (13,000 lines) took 50 s to open, measuring its 480,000 token boundaries so, and 0.2 s a key."""

    def __init__(self, layout: QTextLayout) -> None:
        self.layout = layout
        self.starts = [layout.lineAt(i).textStart() for i in range(layout.lineCount())]

    def index(self, position: int) -> int:
        """The index of the line holding `position` (relative to the paragraph; the last line past its end)."""
        return max(bisect.bisect_right(self.starts, position) - 1, 0)

    def line(self, position: int) -> QTextLine:
        """The line holding `position` (invalid when the paragraph is not laid out)."""
        return self.layout.lineAt(self.index(position))


def line_index(layout: QTextLayout, position: int) -> int:
    """The index of the line holding `position` (relative to the paragraph; the last line past its end), by
    bisection: a dozen Qt calls where LaidOut reads every line's start (for many positions of one paragraph)."""
    lo, hi = 0, layout.lineCount()
    while lo < hi:
        mid = (lo + hi) // 2
        if layout.lineAt(mid).textStart() <= position:
            lo = mid + 1
        else:
            hi = mid
    return max(lo - 1, 0)


def _laid_out(doc: QTextDocument, block: QTextBlock) -> QTextBlock:
    """The block, laid out (a plain text view lays out only what it has shown)."""
    if block.layout().lineCount() == 0:
        doc.documentLayout().blockBoundingRect(block)
    return block


def line_of(doc: QTextDocument, position: int) -> Line:
    """The visual line holding `position`."""
    block = _laid_out(doc, doc.findBlock(position))
    return block, line_index(block.layout(), position - block.position())


def neighbour(doc: QTextDocument, line: Line, step: int) -> Line | None:
    """The visual line below (`step` +1) or above (-1) `line`, across paragraphs; None past either end."""
    block, i = line
    i += step
    while not 0 <= i < block.layout().lineCount():
        block = block.next() if step > 0 else block.previous()
        if not block.isValid():
            return None
        _laid_out(doc, block)
        i = 0 if step > 0 else block.layout().lineCount() - 1
    return block, i


def line_range(line: Line) -> tuple[int, int]:
    """The positions [start, end) the line shows."""
    block, i = line
    found = block.layout().lineAt(i)
    start = block.position() + found.textStart()
    return start, start + found.textLength()


def x_of(doc: QTextDocument, position: int) -> float:
    """The x (in the paragraph's coordinates) where `position` is drawn."""
    block, i = line_of(doc, position)
    return cursor_x(block.layout().lineAt(i), position - block.position())


def position_at(line: Line, x: float) -> int:
    """The position of the character drawn at x on the line."""
    block, i = line
    return block.position() + block.layout().lineAt(i).xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
