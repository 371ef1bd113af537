"""The article: read-only text with span highlights, quiet token marks, and a token-snapping selection."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
    QTextBlock,
    QTextCursor,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from annotator.core.annotations import EntitySpan
from annotator.core.text import character_end, character_start
from annotator.gui.docstate import DocumentState
from annotator.gui.highlighter import SpanHighlighter, SpanStyles
from annotator.gui.lines import cursor_x, line_index
from annotator.gui.marks import BlockMarks
from annotator.gui.shown import without_bidi
from annotator.gui.span_index import Range, merge_ranges

CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC"]
DEFAULT_POINT_SIZE = 15
SELECTION_COLOR = QColor("#1d5fd1")
# The selection while the keys go elsewhere (the document list, the find bar): grey, so a reviewer sees at a
# glance that Enter or Delete would not act on it.
UNFOCUSED_SELECTION_COLOR = QColor("#9aa1ab")
OUTLINE_MARGIN = 4  # pixels the selection outline reaches beyond its text (its pen and rounding)
EAGER_LINES = 64  # an edit touching more lines re-colours those on screen now, the others when idle
STALE_SLICE = 50  # lines re-coloured per idle slice (a few ms, so a key pressed meanwhile waits little)
# Spaces a text holds before closing punctuation ("消息 ，截至", as in CEC's and pre-segmented news) or after
# opening punctuation: Qt breaks after any space, which started lines with "，". They are shown as no-break spaces
# (one code unit each, so every offset holds); the document's own text is unchanged (copy and find read that).
SPACE_BEFORE_CLOSING = re.compile(r"[ \t]+(?=[，。、；：？！）」』》”’】〕…,.;:?!)\]])|(?<=[（「『《“‘【〔(\[])[ \t]+")
NO_BREAK_SPACE = "\u00a0"
STALE_DELAY_MS = 150  # a bulk edit's off-screen lines wait this long before being re-coloured when idle


def shown_text(text: str) -> str:
    """The text as the view lays it out: a space that would let a line start with closing punctuation (or end
    with opening punctuation) made a no-break space, and a bidi control a visible mark, each of the same length."""
    text = without_bidi(text)
    if " " not in text and "\t" not in text:
        return text
    return SPACE_BEFORE_CLOSING.sub(lambda m: NO_BREAK_SPACE * len(m.group()), text)


class ArticleView(QPlainTextEdit):
    """Shows one document; keeps a selection in code points that snaps to tokens (Alt: to characters)."""

    selection_changed = Signal()
    context_menu_requested = Signal(QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)  # we own selection and keys
        # Qt's Unicode line breaking (UAX #14): between any two Chinese characters, never before closing or
        # after opening punctuation; a Latin/digit run longer than the line still breaks anywhere.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.setCenterOnScroll(False)
        font = QFont()
        font.setFamilies(CJK_FONTS)
        font.setPointSize(DEFAULT_POINT_SIZE)
        self.setFont(font)
        self.document().setDocumentMargin(14)
        self.state: DocumentState | None = None
        self.styles: SpanStyles | None = None
        self.highlighter: SpanHighlighter | None = None
        self.show_boundaries = True
        self.marks = BlockMarks()  # token boundaries and span edges, measured once per line
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self.sel: Range = (0, 0)
        self.char_mode = False
        self.anchor_token = 0
        self.active_token = 0
        self.current_span: int | None = None
        self._press: tuple[int, bool] | None = None
        self._press_pos = QPoint()
        self._dragging = False
        self._pending_scroll: int | None = None
        self.overlays: list[Callable[[QPainter], None]] = []  # layers drawn last (the selected event)
        self._stale: set[int] = set()  # line numbers whose colours a bulk edit left for later
        self._stale_timer = QTimer(self)
        self._stale_timer.setSingleShot(True)
        self._stale_timer.timeout.connect(self._recolour_stale)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._recolour_stale(on_screen_only=True))

    # -- content --------------------------------------------------------------------------------
    def set_document(self, state: DocumentState | None, styles: SpanStyles) -> None:
        """Show a document (None: nothing), with the selection on its first token."""
        self.styles = styles
        if self.highlighter is None:
            self.highlighter = SpanHighlighter(self.document(), styles)
        self.highlighter.styles = styles
        self.highlighter.state = state
        self.state = state
        self.current_span = None
        self.marks.clear()
        self._stale.clear()
        self.setPlainText(shown_text(state.text) if state else "")  # plain text: nothing in a file is markup
        if state is not None and state.tokens:
            self.select_tokens(0, 0)
        else:
            self.sel = (0, 0)
            self.selection_changed.emit()

    def refresh_ranges(self, ranges: list[Range], *, edges_kept: bool = False) -> None:
        """Re-colour the lines that hold these text ranges (after an edit). A bulk edit (thousands of lines)
        re-colours the lines on screen at once and the rest when they scroll into view or the window is idle.
        `edges_kept`: only colours changed (no span appeared, went or moved), so the lines' marks stay."""
        if self.state is None or self.highlighter is None:
            return
        doc = self.document()
        numbers = self._lines_of(ranges)
        if len(numbers) > EAGER_LINES:
            on_screen = {b.blockNumber() for b, _ in self._visible_blocks()}
            self._stale.update(numbers - on_screen)
            numbers &= on_screen
            self._stale.difference_update(on_screen)
            self._stale_timer.start(STALE_DELAY_MS)
        self._rehighlight([doc.findBlockByNumber(n) for n in sorted(numbers)], edges_kept=edges_kept)

    def _lines_of(self, ranges: list[Range]) -> set[int]:
        """The numbers of the text blocks (lines) these ranges touch."""
        state, doc = self.state, self.document()
        assert state is not None
        starts = state.line_starts()
        if len(starts) == doc.blockCount():  # lines are the blocks: found by bisection, no Qt call per range
            right, last = bisect.bisect_right, len(starts) - 1
            found: set[int] = set()
            for start, end in ranges:
                first = right(starts, start) - 1
                found.add(first)
                if first < last and end > starts[first + 1]:  # it runs on past its first line
                    found.update(range(first, right(starts, end - 1, first)))
            return found
        numbers: set[int] = set()
        for start, end in merge_ranges(ranges):
            block = doc.findBlock(state.u16(start))
            last = state.u16(max(start, end - 1))
            while block.isValid() and block.position() <= last:
                numbers.add(block.blockNumber())
                block = block.next()
        return numbers

    def _rehighlight(self, blocks: list[QTextBlock], *, edges_kept: bool = False) -> None:
        if self.highlighter is not None:
            for block in blocks:
                self.highlighter.rehighlightBlock(block)
        if not edges_kept:
            self.marks.forget(b.blockNumber() for b in blocks)
        # Just those lines (their marks are ours; Qt repaints a re-coloured or re-wrapped line itself too).
        offset, width = self.contentOffset(), self.viewport().width()
        for block in blocks:
            geom = self.blockBoundingGeometry(block).translated(offset)
            if geom.bottom() >= 0 and geom.top() <= self.viewport().height():
                self.viewport().update(QRect(0, int(geom.top()) - 1, width, int(geom.height()) + 3))

    def _recolour_stale(self, *, on_screen_only: bool = False) -> None:
        """Re-colour lines a bulk edit left for later: those on screen first, then a slice of the rest."""
        if not self._stale or self.highlighter is None:
            return
        doc = self.document()
        visible = [b for b, _ in self._visible_blocks() if b.blockNumber() in self._stale]
        numbers = [b.blockNumber() for b in visible]
        if not on_screen_only:
            numbers += sorted(self._stale.difference(numbers))[:STALE_SLICE]
        self._stale.difference_update(numbers)
        self._rehighlight([doc.findBlockByNumber(n) for n in numbers])
        if self._stale and not on_screen_only:
            self._stale_timer.start(0)

    def refresh_tokens(self) -> None:
        """Redraw the token marks (after a split or merge)."""
        self.marks.clear()
        self.viewport().update()

    def set_point_size(self, size: int) -> None:
        """Zoom: the article's font size in points."""
        font = self.font()
        font.setPointSize(max(6, min(72, size)))
        self.setFont(font)
        self.marks.clear()

    def point_size(self) -> int:
        """The article's font size in points."""
        return self.font().pointSize()

    # -- selection ------------------------------------------------------------------------------
    def select_tokens(self, anchor: int, active: int) -> None:
        """Select tokens `anchor`..`active` (inclusive) with the token cursor on `active`."""
        state = self.state
        if state is None or not state.tokens:
            return
        last = len(state.tokens) - 1
        self.anchor_token, self.active_token = max(0, min(anchor, last)), max(0, min(active, last))
        self.char_mode = False
        self.current_span = None
        self._set_sel(state.token_range(self.anchor_token, self.active_token), follow=self.active_token)

    def select_chars(self, start: int, end: int) -> None:
        """Select characters [start, end) regardless of tokens, widened to whole characters as drawn (a ZWJ
        sequence, a character with its variation selector or combining marks)."""
        state = self.state
        if state is None or not state.text:
            return
        start = character_start(state.text, max(0, min(start, len(state.text) - 1)))
        end = character_end(state.text, max(start + 1, min(end, len(state.text))))
        self.char_mode = True
        self.current_span = None
        self.anchor_token = self.active_token = state.token_at(start)
        self._set_sel((start, end))

    def select_span(self, span: EntitySpan) -> None:
        """Make a span the current one (its range becomes the selection)."""
        if self.state is None:
            return
        self.current_span = span.id
        self.char_mode = False
        self.anchor_token, self.active_token = self.state.tokens_in(span.start, span.end)
        self._set_sel((span.start, span.end))

    def resnap(self) -> None:
        """Keep the selection valid after the tokens or spans changed."""
        state = self.state
        if state is None or not state.tokens:
            return
        if self.current_span is not None:
            span = state.span(self.current_span)
            if span is not None and span.is_live:
                self.select_span(span)
                return
            self.current_span = None
        if self.char_mode:
            self.select_chars(*self.sel)
            return
        first, last = state.tokens_in(*self.sel)
        if self.active_token < self.anchor_token:
            first, last = last, first
        self.select_tokens(first, last)

    def _set_sel(self, sel: Range, *, follow: int | None = None) -> None:
        old, self.sel = self.sel, sel
        self.ensure_visible(sel[0] if follow is None or follow == self.anchor_token else sel[1])
        # Only the old and the new outline are repainted (a scroll repaints what it moved by itself).
        for rect in self.range_rects(*old) + self.range_rects(*sel):
            self.viewport().update(rect.toAlignedRect().adjusted(-OUTLINE_MARGIN, -OUTLINE_MARGIN,
                                                                 OUTLINE_MARGIN, OUTLINE_MARGIN))
        self.selection_changed.emit()

    def ensure_visible(self, offset: int) -> None:
        """Scroll so that the text at `offset` is on screen."""
        if self.state is None:
            return
        if not self.isVisible():
            self._pending_scroll = offset  # the viewport has no real size yet: scroll once shown
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(self.state.u16(offset), self.document().characterCount() - 1))
        self.setTextCursor(cursor)  # never drawn (no text interaction); it only drives the scrolling
        self.ensureCursorVisible()

    def showEvent(self, event: QShowEvent) -> None:
        """Scroll to the selection a hidden view could not scroll to."""
        super().showEvent(event)
        if self._pending_scroll is not None:
            offset, self._pending_scroll = self._pending_scroll, None
            self.ensure_visible(offset)

    def selected_text(self) -> str:
        """The text under the selection."""
        return self.state.text[self.sel[0]:self.sel[1]] if self.state else ""

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        """The text and highlights (Qt), then token marks and the selection outline on top."""
        super().paintEvent(event)
        if self.state is None or not self.state.text:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(event.rect())
        blocks = [(block, geom) for block, geom in self._visible_blocks() if geom.intersects(area)]
        self.marks.paint(painter, self.state, self.styles, blocks, boundaries=self.show_boundaries,
                         width=self.viewport().width(), height=self.viewport().height())
        pen = QPen(SELECTION_COLOR if self.hasFocus() else UNFOCUSED_SELECTION_COLOR,
                   2.0 if self.current_span is None else 2.5)
        if self.char_mode:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in self.range_rects(*self.sel):
            painter.drawRoundedRect(rect.adjusted(-1.5, 0.5, 1.5, -0.5), 3, 3)
        for paint in self.overlays:
            paint(painter)
        painter.end()

    def _visible_blocks(self) -> Iterator[tuple[QTextBlock, QRectF]]:
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        while block.isValid():
            geom = self.blockBoundingGeometry(block).translated(offset)
            if geom.top() > bottom:
                break
            yield block, geom
            block = block.next()

    def range_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles (one per visual line on screen) covering the text range [start, end)."""
        state = self.state
        if state is None or end <= start:
            return []
        a16, b16 = state.u16(start), state.u16(end)
        offset, height = self.contentOffset(), self.viewport().height()
        block = self.document().findBlock(a16)
        rects: list[QRectF] = []
        while block.isValid() and block.position() < b16:
            geom = self.blockBoundingGeometry(block).translated(offset)
            if geom.top() > height:
                break
            if geom.bottom() >= 0 and block.isVisible():
                rects.extend(self._line_rects(block, geom, a16, b16))
            block = block.next()
        return rects

    def _line_rects(self, block: QTextBlock, geom: QRectF, a16: int, b16: int) -> Iterator[QRectF]:
        pos16 = block.position()
        layout = block.layout()
        # from the line holding the range's start, not the paragraph's first (a paragraph may have 13,000 lines)
        for i in range(line_index(layout, max(a16 - pos16, 0)), layout.lineCount()):
            line = layout.lineAt(i)
            ls = pos16 + line.textStart()
            if ls >= b16:
                break
            lo, hi = max(a16, ls), min(b16, ls + line.textLength())
            if lo < hi:
                x1 = cursor_x(line, lo - pos16)
                x2 = cursor_x(line, hi - pos16)
                yield QRectF(geom.left() + x1, geom.top() + line.y(), x2 - x1, line.height())

    # -- mouse ----------------------------------------------------------------------------------
    def char_at(self, point: QPoint) -> int | None:
        """The code point offset of the character under a viewport point."""
        state = self.state
        if state is None or not state.text:
            return None
        cursor = self.cursorForPosition(point)
        block = cursor.block()
        geom = self.blockBoundingGeometry(block).translated(self.contentOffset())
        layout = block.layout()
        y = point.y() - geom.top()
        u = cursor.position() - block.position()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() <= y < line.y() + line.height():
                u = line.xToCursor(point.x() - geom.left(), QTextLine.CursorPosition.CursorOnCharacter)
                break
        offset = state.from_u16(block.position() + u)
        return max(0, min(offset, len(state.text) - 1))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Start a click or a drag."""
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        char = self.char_at(event.position().toPoint())
        if char is None:
            return
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        self._press, self._press_pos, self._dragging = (char, alt), event.position().toPoint(), False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Drag: select from the pressed character to the one under the pointer."""
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        point = event.position().toPoint()
        if not self._dragging and (point - self._press_pos).manhattanLength() < QApplication.startDragDistance():
            return
        self._dragging = True
        here = self.char_at(point)
        if here is None:
            return
        self._drag_to(self._press[0], here, chars=self._press[1])

    def _drag_to(self, first: int, here: int, *, chars: bool) -> None:
        if chars:
            self.select_chars(min(first, here), max(first, here) + 1)
        elif self.state is not None:
            self.select_tokens(self.state.token_at(first), self.state.token_at(here))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click without a drag selects the span under the pointer (again: the one around it), or a token."""
        press, self._press = self._press, None
        if press is None or self._dragging or event.button() != Qt.MouseButton.LeftButton:
            return
        self.click_at(*press)

    def click_at(self, char: int, alt: bool = False) -> None:
        """What a click on character `char` selects."""
        state = self.state
        if state is None:
            return
        if alt:
            self.select_chars(char, char + 1)
            return
        covering = state.spans_covering(char, char + 1)
        if covering:
            ids = [s.id for s in covering]
            i = (ids.index(self.current_span) + 1) % len(ids) if self.current_span in ids else 0
            self.select_span(covering[i])
        else:
            token = state.token_at(char)
            self.select_tokens(token, token)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Treated as another click (no word selection: tokens are the words)."""
        self.mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Right-click: select what is under the pointer unless it is inside the selection, then ask for a menu."""
        char = self.char_at(event.pos())
        if char is not None and not (self.sel[0] <= char < self.sel[1]):
            self.click_at(char)
        self.context_menu_requested.emit(event.globalPos())

    # -- keys -----------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys go to the shortcut table first; what it does not know scrolls as usual."""
        if self.key_handler is not None and self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """The selection outline turns blue: the keys act on it again."""
        super().focusInEvent(event)
        self._update_selection()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """The selection outline turns grey: the keys go elsewhere."""
        super().focusOutEvent(event)
        self._update_selection()

    def _update_selection(self) -> None:
        for rect in self.range_rects(*self.sel):
            self.viewport().update(rect.toAlignedRect().adjusted(-OUTLINE_MARGIN, -OUTLINE_MARGIN,
                                                                 OUTLINE_MARGIN, OUTLINE_MARGIN))

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab move between suggestions, not out of the article."""
        return False
