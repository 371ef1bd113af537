"""After Ctrl+F, one Escape closes the find bar and gives the article the keyboard back."""

from __future__ import annotations

from events_helpers import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier


def test_one_escape_after_find_returns_to_the_article(qtbot, window):
    page = window.page
    for typed, enter in (("", False), ("北京", False), ("北京", True)):
        qtbot.keyClick(page.view, Qt.Key.Key_F, CTRL)
        QApplication.processEvents()
        assert page.find_bar.isVisible()
        assert QApplication.focusWidget() is page.find_bar.edit
        if typed:
            type_text(page.find_bar.edit, typed)
        if enter:
            qtbot.keyClick(page.find_bar.edit, Qt.Key.Key_Return)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        QApplication.processEvents()
        assert not page.find_bar.isVisible(), (typed, enter)
        assert QApplication.focusWidget() is page.view, (typed, enter, QApplication.focusWidget())


def test_escape_on_the_article_closes_an_open_find_bar(qtbot, window):
    """The search done, the reviewer back in the article (a click): one Escape still closes the bar."""
    page = window.page
    qtbot.keyClick(page.view, Qt.Key.Key_F, CTRL)
    type_text(page.find_bar.edit, "北京")
    qtbot.keyClick(page.find_bar.edit, Qt.Key.Key_Return)
    page.view.setFocus()
    found = page.view.sel
    qtbot.keyClick(page.view, Qt.Key.Key_Escape)
    assert not page.find_bar.isVisible()
    assert page.view.sel == found  # that Escape did only that
    assert QApplication.focusWidget() is page.view


def test_escape_in_the_project_find_returns_to_the_article(qtbot, window):
    """Ctrl+Shift+F types into the document list's filter; one Escape gives the article the keys, filter kept."""
    page = window.page
    qtbot.keyClick(page.view, Qt.Key.Key_F, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is page.doc_list.filter_text
    type_text(page.doc_list.filter_text, "北京")
    qtbot.keyClick(page.doc_list.filter_text, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is page.view
    assert page.doc_list.filter_text.text() == "北京"
