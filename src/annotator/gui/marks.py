"""The article's quiet marks: token boundaries and span edges, worked out once per line of text and cached."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen, QTextBlock

from annotator.core.annotations import EntitySpan, SpanKind
from annotator.gui.docstate import DocumentState
from annotator.gui.highlighter import SpanStyles, blend
from annotator.gui.lines import LaidOut, cursor_x

BOUNDARY_COLOR = QColor(0, 0, 0, 95)
MARGIN = 100  # pixels above and below the viewport whose lines are drawn too (a line partly on screen)
KEPT = 2  # span edges a block had before its last edits: an undo or redo of a bulk edit finds them again

Edges = list[tuple[str, list[QLineF]]]  # (label, edge lines) in text order: where two meet, the later on top
SpansKey = tuple[tuple[int, int, str], ...]  # the entity spans edges show: (start, end, label)


def edge_color(color: str) -> QColor:
    """The darker shade a span's edges are drawn in."""
    return blend(color, 0.45, "#000000")


@dataclass
class _Marks:
    """One text block's marks in block coordinates; `stamp` says which layout they were measured on, `spans`
    which entity spans the edges show."""

    stamp: tuple[object, ...]
    boundaries: list[QLineF] = field(default_factory=list)
    tops: list[float] = field(default_factory=list)  # each boundary's top, in text order (so ascending)
    edges: Edges | None = field(default_factory=list)  # None: its spans changed, measured at the next paint
    spans: SpansKey = ()


class BlockMarks:
    """Finding where marks go costs a Qt call per token and span; an edit re-measures only its own lines.

    Each block (a line of the text) keeps its marks until its layout differs (resized, zoomed, re-wrapped: the
    stamp holds what the positions depend on) or its tokens change (`clear`). `forget` (its spans changed)
    drops only the span edges, and keeps them at hand (the last KEPT of each block): when the block shows the
    same spans again on the same layout (the undo or redo of a bulk edit), they are drawn without measuring.
    """

    def __init__(self) -> None:
        self._blocks: dict[int, _Marks] = {}
        self._earlier: dict[int, list[tuple[tuple[object, ...], SpansKey, Edges]]] = {}
        self._pens: dict[str, QPen] = {}

    def clear(self) -> None:
        """Forget every block (another document, or its tokens changed)."""
        self._blocks.clear()
        self._earlier.clear()

    def forget(self, numbers: Iterable[int]) -> None:
        """Forget these blocks' span edges (their spans changed; their token boundaries did not)."""
        blocks, earlier = self._blocks, self._earlier
        for number in numbers:
            marks = blocks.get(number)
            if marks is None or marks.edges is None:
                continue
            if marks.stamp:
                kept = earlier.get(number, [])
                earlier[number] = [(marks.stamp, marks.spans, marks.edges), *kept][:KEPT]
            marks.edges = None

    def paint(self, painter: QPainter, state: DocumentState, styles: SpanStyles | None,
              blocks: list[tuple[QTextBlock, QRectF]], *, boundaries: bool, width: int, height: int) -> None:
        """Draw the marks of the visible blocks (boundaries only when shown) on a viewport `height` pixels high."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp one-pixel marks
        boundary_pen = QPen(BOUNDARY_COLOR, 1.0)
        for block, geom in blocks:
            marks = self._marks(state, block, width)
            painter.save()
            painter.translate(geom.left(), geom.top())
            if boundaries and marks.boundaries:
                painter.setPen(boundary_pen)
                # only those on screen: a paragraph without a break holds hundreds of thousands (0.1 s to draw)
                first = bisect.bisect_left(marks.tops, -geom.top() - MARGIN)
                last = bisect.bisect_right(marks.tops, height - geom.top() + MARGIN)
                painter.drawLines(marks.boundaries[first:last] if first or last < len(marks.tops)
                                  else marks.boundaries)
            if styles is not None and marks.edges is not None:
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
            marks = self._blocks[number] = _measure(state, block, stamp)
        elif marks.edges is None:
            spans = _entity_spans(state, block)
            key = _key(spans)
            marks.spans = key
            marks.edges = next((edges for s, k, edges in self._earlier.get(number, ()) if s == stamp and k == key),
                               None)
            if marks.edges is None:
                marks.edges = _edges(state, block, spans)
        return marks


def _entity_spans(state: DocumentState, block: QTextBlock) -> list[EntitySpan]:
    """The entity spans a block shows, in text order."""
    start = state.from_u16(block.position())
    end = state.from_u16(block.position() + block.length() - 1)
    return [s for s in state.live_spans_in(start, end) if s.kind == SpanKind.ENTITY]


def _key(spans: Sequence[EntitySpan]) -> SpansKey:
    return tuple((s.start, s.end, s.label) for s in spans)


def _measure(state: DocumentState, block: QTextBlock, stamp: tuple[object, ...]) -> _Marks:
    """Where a block's token boundaries and span edges go, in block coordinates."""
    marks = _Marks(stamp)
    layout = block.layout()
    if layout.lineCount() == 0:  # not laid out yet: nothing to measure (and nothing shown)
        marks.stamp = ()
        return marks
    pos16 = block.position()
    end16 = pos16 + block.length() - 1
    lines = LaidOut(layout)
    for offset in state.boundaries_in(state.from_u16(pos16), state.from_u16(end16)):
        u = state.u16(offset) - pos16
        line = lines.line(u)
        if line.isValid():
            x = round(cursor_x(line, u))
            bottom = round(line.y() + line.height())
            marks.boundaries.append(QLineF(x, bottom - round(line.height() * 0.4), x, bottom - 2))
            marks.tops.append(line.y())
    spans = _entity_spans(state, block)
    marks.spans = _key(spans)
    marks.edges = _edges(state, block, spans)
    return marks


def _edges(state: DocumentState, block: QTextBlock, spans: Sequence[EntitySpan]) -> Edges:
    """Where a laid-out block's entity span edges go, in block coordinates: (label, lines) in text order."""
    edges: Edges = []
    layout = LaidOut(block.layout())
    pos16 = block.position()
    end16 = pos16 + block.length() - 1
    for span in spans:
        if not edges or edges[-1][0] != span.label:
            edges.append((span.label, []))
        lines = edges[-1][1]
        a16, b16 = state.u16(span.start), state.u16(span.end)
        if a16 >= pos16:  # the span starts in this block: its left edge
            line = layout.line(a16 - pos16)
            if line.isValid():
                x = round(cursor_x(line, a16 - pos16))
                lines.append(QLineF(x, round(line.y()) + 1, x, round(line.y() + line.height()) - 1))
        if pos16 < b16 <= end16:  # it ends in this block: its right edge, on the line of its last character
            line = layout.line(b16 - 1 - pos16)
            if line.isValid():
                x = round(cursor_x(line, b16 - pos16)) - 1
                lines.append(QLineF(x, round(line.y()) + 1, x, round(line.y() + line.height()) - 1))
    return edges
