"""Span highlights: a QSyntaxHighlighter that colours each line from the document's span index."""

from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.annotations import EntitySpan, SpanKind, SpanState
from annotator.core.schema import Schema
from annotator.gui.docstate import DocumentState

TRIGGER_COLOR = "#e07b39"
ARGUMENT_COLOR = "#7a8a99"


def blend(color: str, amount: float, towards: str = "#ffffff") -> QColor:
    """`color` moved `amount` (0..1) of the way towards `towards` (white: lighter)."""
    a, b = QColor(color), QColor(towards)
    return QColor(*(round(x + (y - x) * amount) for x, y in
                    zip((a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue()), strict=True)))


class SpanStyles:
    """Character formats per (label, state, kind): accepted spans filled, suggestions pale and dashed."""

    def __init__(self, schema: Schema) -> None:
        self.colors = {lab.key: lab.color for lab in schema.labels}
        self.colors.update({ev.key: ev.color for ev in schema.event_types})
        self._cache: dict[tuple[str, str, str], QTextCharFormat] = {}

    def color(self, label: str) -> str:
        """The label's colour from the schema (grey when unknown)."""
        return self.colors.get(label, "#cccccc")

    def format(self, span: EntitySpan) -> QTextCharFormat:
        """The format a span's characters get."""
        key = (span.label, span.state.value, span.kind.value)
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._cache[key] = self._make(span)
        return fmt

    def _make(self, span: EntitySpan) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if span.kind == SpanKind.TRIGGER and span.state == SpanState.SUGGESTED:
            # Bold says trigger, the pale fill and dashed underline say suggestion (as for entities).
            event_color = self.colors.get(span.label, TRIGGER_COLOR)
            fmt.setFontWeight(700)
            fmt.setBackground(blend(event_color, 0.72))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(QColor(event_color))
            return fmt
        if span.kind == SpanKind.TRIGGER:
            fmt.setFontWeight(700)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(self.colors.get(span.label, TRIGGER_COLOR)))
            return fmt
        if span.kind == SpanKind.ARGUMENT:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor(ARGUMENT_COLOR))
            return fmt
        color = self.color(span.label)
        if span.state == SpanState.SUGGESTED:
            # Unconfirmed: a pale fill, a dashed underline and slightly faded text, so it reads "not yet".
            fmt.setBackground(blend(color, 0.55))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(blend(color, 0.45, "#000000"))
            fmt.setForeground(QColor("#3c3c3c"))
        else:
            fmt.setBackground(QColor(color))
            fmt.setForeground(QColor("#111111"))
        return fmt


class SpanHighlighter(QSyntaxHighlighter):
    """Colours a line's characters from the live spans overlapping it (inner spans drawn over outer)."""

    def __init__(self, document: QTextDocument, styles: SpanStyles) -> None:
        super().__init__(document)
        self.styles = styles
        self.state: DocumentState | None = None

    def highlightBlock(self, text: str) -> None:
        """Qt calls this for each line that needs colouring."""
        state = self.state
        if state is None:
            return
        block = self.currentBlock()
        pos16 = block.position()
        len16 = block.length() - 1  # `text` counts code points; Qt positions count UTF-16 units
        start = state.from_u16(pos16)
        end = state.from_u16(pos16 + len16)
        spans = list(state.live_spans_in(start, end))
        if not spans:
            return
        spans.sort(key=lambda s: (s.start - s.end, s.kind == SpanKind.ENTITY))  # outermost first
        for span in spans:
            a = max(state.u16(span.start), pos16) - pos16
            b = min(state.u16(span.end), pos16 + len16) - pos16
            if b > a:
                self.setFormat(a, b - a, self.styles.format(span))
