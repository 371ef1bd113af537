"""Help → About annotator: what it is, its version and licence, the open project's file, in the interface
language (the Help menu had only the shortcut sheet)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from annotator import __version__
from annotator.gui import dialogs, i18n


def test_about_says_what_annotator_is_in_chinese(qtbot, window, monkeypatch):
    shown: list[QMessageBox] = []
    monkeypatch.setattr(dialogs.QMessageBox, "exec", lambda box: shown.append(box) or 0)
    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    try:
        window.retranslate()
        help_menu = window.menuBar().actions()[-1].menu()
        about = next(a for a in help_menu.actions() if a.data() == "about")
        assert about.text() == "关于 annotator"
        about.trigger()
        (box,) = shown
        assert box.windowTitle() == "关于 annotator"
        assert f"annotator {__version__}：审阅和标注中文新闻" in box.text()
        assert str(window.session.project.path) in box.text() and "MIT" in box.text()
        # the find bar's × says what it does
        assert any(w.toolTip() == "关闭查找栏（Esc）" for w in window.page.find_bar.findChildren(dialogs.QWidget))
    finally:
        i18n.install(i18n.ENGLISH)
