"""Keyboard-only review: where the keys go is visible. The article's selection outline is blue while the article
has the keys and grey while they are elsewhere; the document list's chosen row greys likewise."""

from __future__ import annotations

from events_helpers import show
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from annotator.gui.article_view import SELECTION_COLOR, UNFOCUSED_SELECTION_COLOR
from annotator.gui.doclist import INACTIVE_ROW

CTRL = Qt.KeyboardModifier.ControlModifier


def pixels_like(image: QImage, colour: QColor, *, tolerance: int = 24) -> int:
    """How many pixels of `image` are within `tolerance` of `colour` on every channel (every second pixel)."""
    found = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (abs(pixel.red() - colour.red()) <= tolerance and abs(pixel.green() - colour.green()) <= tolerance
                    and abs(pixel.blue() - colour.blue()) <= tolerance):
                found += 1
    return found


def outline_area(win) -> QImage:
    """The part of the article around the selection, as drawn now."""
    view = win.page.view
    QApplication.processEvents()
    rect = view.range_rects(*view.sel)[0].toAlignedRect().adjusted(-6, -6, 6, 6)
    return view.viewport().grab(rect).toImage()


def chosen_row(win) -> QImage:
    """The document list's chosen row, as drawn now."""
    table = win.page.doc_list.table
    QApplication.processEvents()
    return table.viewport().grab(table.visualRect(table.currentIndex())).toImage()


def test_the_keys_owner_is_visible_as_focus_moves_by_keys(qtbot, window):
    win = window
    show(qtbot, win)
    assert pixels_like(outline_area(win), SELECTION_COLOR) > 10
    article_row = chosen_row(win)
    assert pixels_like(article_row, INACTIVE_ROW, tolerance=4) > 50  # the list has not the keys: a grey row

    qtbot.keyClick(win.page.view, Qt.Key.Key_L, CTRL)  # to the document list
    assert win.page.doc_list.table.hasFocus()
    away = outline_area(win)
    assert pixels_like(away, SELECTION_COLOR) == 0
    assert pixels_like(away, UNFOCUSED_SELECTION_COLOR) > 10
    assert pixels_like(chosen_row(win), INACTIVE_ROW, tolerance=4) == 0  # the row in the highlight colour

    qtbot.keyClick(win.page.doc_list.table, Qt.Key.Key_K, CTRL)  # back to the article
    assert win.page.view.hasFocus()
    assert pixels_like(outline_area(win), SELECTION_COLOR) > 10
