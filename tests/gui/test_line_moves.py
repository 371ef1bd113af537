"""↑/↓ in the article: every visual line holding a token is visited in order, at the column ↑/↓ started from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.gui import lines


def visual_line(view, offset: int) -> tuple[int, int]:
    """(paragraph, line in it) where a code point offset is drawn."""
    block, i = lines.line_of(view.document(), view.state.u16(offset))
    return block.blockNumber(), i


def lines_with_token_starts(view) -> list[tuple[int, int]]:
    """Every visual line on which some token starts, in order."""
    return sorted({visual_line(view, start) for start, _ in view.state.tokens})


def walk(qtbot, window, key, steps: int) -> list[tuple[int, int]]:
    """The visual line of the token cursor after each of `steps` presses of `key`."""
    view = window.page.view
    seen = []
    for _ in range(steps):
        qtbot.keyClick(view, key)
        seen.append(visual_line(view, view.sel[0]))
    return seen


def test_down_and_up_visit_every_line_in_order_at_every_width(qtbot, window):
    """No line skipped, none visited twice, from the first line to the last and back, wrapped or not."""
    view = window.page.view
    for width in (1100, 520, 330):
        window.resize(width + 700, 800)
        window.page.setSizes([300, width, 300])
        QApplication.processEvents()
        view.select_tokens(0, 0)
        wanted = lines_with_token_starts(view)
        assert len(wanted) > 20
        down = walk(qtbot, window, Qt.Key.Key_Down, len(wanted) - 1)
        got = [visual_line(view, view.state.tokens[0][0]), *down]
        assert got == wanted, f"width {width}: {got} {wanted}"
        assert walk(qtbot, window, Qt.Key.Key_Down, 1) == [wanted[-1]]  # stays on the last line
        up = walk(qtbot, window, Qt.Key.Key_Up, len(wanted) - 1)
        assert up == wanted[-2::-1], f"width {width}"


def test_down_keeps_its_column_across_a_short_line(qtbot, window):
    """From the middle of a long line, over a short one, the cursor comes back to the middle: not a row end."""
    view, state = window.page.view, window.page.state
    window.page.setSizes([300, 520, 300])
    QApplication.processEvents()
    doc = view.document()
    # a token in the middle of the first line that wraps
    block = next(b for b in _blocks(doc) if lines.line_of(doc, b.position())[0].layout().lineCount() > 1)
    a, b = lines.line_range((block, 0))
    middle = state.token_at(state.from_u16((a + b) // 2))
    view.select_tokens(middle, middle)
    goal = lines.x_of(doc, state.u16(state.tokens[middle][0]))
    for _ in range(6):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        start, end = state.tokens[state.token_at(view.sel[0])]
        line = lines.line_of(doc, state.u16(start))
        left, right = lines.line_range(line)
        x0 = lines.x_of(doc, state.u16(start))
        x_end = line[0].layout().lineAt(line[1]).naturalTextWidth()
        # the token under the goal column, or the line is shorter than the column and it is the last token
        assert x0 <= goal + 1 and (goal < x_end or state.u16(end) >= right - 1 or x0 >= goal - 40), (x0, goal)


def _blocks(doc):
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()
