"""A narrow window (half a laptop screen): the article keeps half the width, and a message in the status bar has
room (the session line and the span field step aside for it, and come back after)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from annotator.gui import i18n


def message_room(win) -> int:
    """Pixels left of the status bar's permanent fields, where a passing message is drawn."""
    bar = win.statusBar()
    shown = [w for w in win._status_fields() if w.isVisible()]
    return min((w.geometry().left() for w in shown), default=bar.width())


def test_a_narrow_window_keeps_the_article_and_the_messages_readable(qtbot, window):
    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    try:
        window.retranslate()
        window.resize(1400, 860)
        QApplication.processEvents()
        wide = window.page.sizes()
        assert wide[1] > wide[0] and window.live_line.isVisible()

        window.resize(800, 600)
        QApplication.processEvents()
        sizes = window.page.sizes()
        assert sizes[1] >= 0.45 * sum(sizes), sizes  # the article had 180 of 800 pixels
        message = "这个片段已被拒绝，不能再调整它的边界；按 Ctrl+Z 撤销拒绝后再试"
        window.say(message, True)
        QApplication.processEvents()
        needed = window.statusBar().fontMetrics().horizontalAdvance(message)
        assert message_room(window) >= needed, (message_room(window), needed)
        assert not window.live_line.isVisible()
        window.statusBar().clearMessage()
        QApplication.processEvents()
        assert window.page.position_field.isVisible()
        window.resize(1400, 860)
        QApplication.processEvents()
        assert window.live_line.isVisible() and window.page.span_field.isVisible()
    finally:
        i18n.install(i18n.ENGLISH)
