"""The article's quiet marks: token boundaries and span edges, worked out once per line of text and cached."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen, QTextBlock

from annotator.core.annotations import EntitySpan, SpanKind
from annotator.gui.docstate import DocumentState
from annotator.gui.highlighter import SpanStyles, blend
from annotator.gui.lines import cursor_x

BOUNDARY_COLOR = QColor(0, 0, 0, 95)
KEPT = 2  # marks a block had before its last edits: an undo or redo of a bulk edit finds them again


def edge_color(color: str) -> QColor:
    """The darker shade a span's edges are drawn in."""
    return blend(color, 0.45, "#000000")


@dataclass
class _Marks:
    """One text block's marks in block coordinates; `stamp` says which layout they were measured on, `drawn`
    which token boundaries and entity spans (start, end, label) they show."""

    stamp: tuple[object, ...]
    drawn: tuple[object, ...] = ()
    boundaries: list[QLineF] = field(default_factory=list)
    # (label, edge lines) in text order, so where two edges meet the later span's is on top, as before
    edges: list[tuple[str, list[QLineF]]] = field(default_factory=list)


class BlockMarks:
    """Finding where marks go costs a Qt call per token and span; an edit re-measures only its own lines.

    Each block (a line of the text) keeps its marks until `forget` (its spans or tokens changed) or until
    its layout differs (resized, zoomed, re-wrapped): the stamp holds what the positions depend on. What
    `forget` took stays at hand (the last KEPT of each block): when the block shows the same boundaries and
    spans again on the same layout (the undo or redo of a bulk rejection), they are drawn without measuring.
    """

    def __init__(self) -> None:
        self._blocks: dict[int, _Marks] = {}
        self._earlier: dict[int, list[_Marks]] = {}
        self._pens: dict[str, QPen] = {}

    def clear(self) -> None:
        """Forget every block (another document, or its tokens changed)."""
        self._blocks.clear()
        self._earlier.clear()

    def forget(self, numbers: Iterable[int]) -> None:
        """Forget these blocks (their spans changed)."""
        for number in numbers:
            marks = self._blocks.pop(number, None)
            if marks is not None and marks.stamp:
                earlier = self._earlier.get(number, [])
                self._earlier[number] = [marks, *(m for m in earlier if m is not marks)][:KEPT]

    def paint(self, painter: QPainter, state: DocumentState, styles: SpanStyles | None,
              blocks: list[tuple[QTextBlock, QRectF]], *, boundaries: bool, width: int) -> None:
        """Draw the marks of the visible blocks (boundaries only when shown)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp one-pixel marks
        boundary_pen = QPen(BOUNDARY_COLOR, 1.0)
        for block, geom in blocks:
            marks = self._marks(state, block, width)
            painter.save()
            painter.translate(geom.left(), geom.top())
            if boundaries and marks.boundaries:
                painter.setPen(boundary_pen)
                painter.drawLines(marks.boundaries)
            if styles is not None:
                for label, lines in marks.edges:
                    painter.setPen(self._pen(styles.color(label)))
                    painter.drawLines(lines)
            painter.restore()
        painter.restore()

    def _pen(self, color: str) -> QPen:
        pen = self._pens.get(color)
        if pen is None:
            pen = self._pens[color] = QPen(edge_color(color), 1.0)
        return pen

    def _marks(self, state: DocumentState, block: QTextBlock, width: int) -> _Marks:
        layout = block.layout()
        stamp = (block.position(), block.length(), layout.lineCount(), width, layout.font().pointSizeF())
        number = block.blockNumber()
        marks = self._blocks.get(number)
        if marks is None or marks.stamp != stamp:
            shown = _shown(state, block)
            marks = next((m for m in self._earlier.get(number, ()) if m.stamp == stamp and m.drawn == shown[2]),
                         None) or _measure(state, block, stamp, shown)
            self._blocks[number] = marks
        return marks


def _shown(state: DocumentState, block: QTextBlock) -> tuple[list[int], list[EntitySpan], tuple[object, ...]]:
    """The block's token boundaries and entity spans, and what they draw (boundaries, (start, end, label)s)."""
    start = state.from_u16(block.position())
    end = state.from_u16(block.position() + block.length() - 1)
    boundaries = state.boundaries_in(start, end)
    spans = [s for s in state.live_spans_in(start, end) if s.kind == SpanKind.ENTITY]
    return boundaries, spans, (*boundaries, *((s.start, s.end, s.label) for s in spans))


def _measure(state: DocumentState, block: QTextBlock, stamp: tuple[object, ...],
             shown: tuple[list[int], list[EntitySpan], tuple[object, ...]]) -> _Marks:
    """Where a block's token boundaries and span edges (`shown`) go, in block coordinates."""
    boundaries, spans, drawn = shown
    marks = _Marks(stamp, drawn)
    layout = block.layout()
    if layout.lineCount() == 0:  # not laid out yet: nothing to measure (and nothing shown)
        marks.stamp = ()
        return marks
    pos16 = block.position()
    end16 = pos16 + block.length() - 1
    for offset in boundaries:
        u = state.u16(offset) - pos16
        line = layout.lineForTextPosition(u)
        if line.isValid():
            x = round(cursor_x(line, u))
            bottom = round(line.y() + line.height())
            marks.boundaries.append(QLineF(x, bottom - round(line.height() * 0.4), x, bottom - 2))
    for span in spans:
        if not marks.edges or marks.edges[-1][0] != span.label:
            marks.edges.append((span.label, []))
        lines = marks.edges[-1][1]
        a16, b16 = state.u16(span.start), state.u16(span.end)
        if a16 >= pos16:  # the span starts in this block: its left edge
            line = layout.lineForTextPosition(a16 - pos16)
            if line.isValid():
                x = round(cursor_x(line, a16 - pos16))
                lines.append(QLineF(x, round(line.y()) + 1, x, round(line.y() + line.height()) - 1))
        if pos16 < b16 <= end16:  # it ends in this block: its right edge, on the line of its last character
            line = layout.lineForTextPosition(b16 - 1 - pos16)
            if line.isValid():
                x = round(cursor_x(line, b16 - pos16)) - 1
                lines.append(QLineF(x, round(line.y()) + 1, x, round(line.y() + line.height()) - 1))
    return marks
