"""Keys are named as the interface names them: under zh_CN a menu entry the article handles shows 回车 as the
entries Qt handles do (it showed "Return" beside "Ctrl+回车"), and the shortcut sheet names each key once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from annotator.gui import dialogs, i18n


@pytest.fixture
def chinese():
    """The interface in Chinese for one test (English again afterwards)."""
    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    yield
    i18n.install(i18n.ENGLISH)


def entries(menu) -> dict[str, str]:
    """A menu's entries (submenus included): what they do -> the key shown after the tab."""
    found = {}
    for action in menu.actions():
        if action.menu() is not None:
            found.update(entries(action.menu()))
        elif "\t" in action.text():
            text, key = action.text().split("\t")
            found[text] = key
    return found


def review_menu(win):
    return next(a.menu() for a in win.menuBar().actions() if a.menu().title() in ("审阅(&R)", "&Review"))


def test_article_keys_in_menus_and_the_sheet_use_the_interfaces_key_names(qtbot, chinese, window):
    win = window
    win.retranslate()
    shown = entries(review_menu(win))
    assert shown["接受预标注"] == "回车"
    assert shown["拒绝预标注 / 删除片段"] == "Del"
    assert shown["片段结尾右移一个词"] == "Ctrl+右方向"
    win._context_menu(QPoint(10, 10))
    assert entries(win.context_menu)["接受预标注"] == "回车"
    win.context_menu.close()
    sheet = dialogs.ShortcutSheet(win.bindings, win)
    rows = {sheet.table.item(r, 2).text(): sheet.table.item(r, 1).text() for r in range(sheet.table.rowCount())}
    assert rows["接受预标注"] == "回车 / 空格"  # Return and Enter are both 回车: said once
    assert rows["标为已审阅，打开下一篇未审阅文档"] == "Ctrl+回车"


def test_in_english_the_keys_keep_their_names(qtbot, window):
    shown = entries(review_menu(window))
    assert shown["Accept the suggestion"] == "Return"
    sheet = dialogs.ShortcutSheet(window.bindings, window)
    rows = {sheet.table.item(r, 2).text(): sheet.table.item(r, 1).text() for r in range(sheet.table.rowCount())}
    assert rows["Accept the suggestion"] == "Return / Enter / Space"
