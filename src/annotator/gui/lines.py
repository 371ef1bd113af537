"""Visual lines of the article (a paragraph wraps into several): which line holds a position, the line above
or below, and the position at an x on a line. Positions are Qt's (UTF-16), absolute in the document."""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextDocument, QTextLine

Line = tuple[QTextBlock, int]  # a paragraph and the index of one of its laid-out lines


def cursor_x(line: QTextLine, position: int) -> float:
    """The x (in the paragraph's coordinates) where `position` of the line's block is drawn."""
    return line.cursorToX(position)[0]  # type: ignore[index]  # PySide6's stub says object: it is (x, position)


def _laid_out(doc: QTextDocument, block: QTextBlock) -> QTextBlock:
    """The block, laid out (a plain text view lays out only what it has shown)."""
    if block.layout().lineCount() == 0:
        doc.documentLayout().blockBoundingRect(block)
    return block


def line_of(doc: QTextDocument, position: int) -> Line:
    """The visual line holding `position`."""
    block = _laid_out(doc, doc.findBlock(position))
    layout, rel = block.layout(), position - block.position()
    last = max(layout.lineCount() - 1, 0)
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        if rel < line.textStart() + line.textLength():
            return block, i
    return block, last


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
