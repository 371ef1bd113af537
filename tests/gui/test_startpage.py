"""The start page opens the bundled demo; the window carries the app's icon."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from annotator.gui import app, fileactions
from annotator.gui.window import MainWindow


def test_open_the_demo_builds_it_once_and_opens_it(qtbot, tmp_path, monkeypatch, errors):
    target = tmp_path / "data" / "demo.annot"
    monkeypatch.setattr(fileactions, "demo_project_path", lambda: target)
    win = MainWindow()
    qtbot.addWidget(win)
    demo = next(b for b in win.start.findChildren(QPushButton) if b.text() == "Open the demo")
    demo.click()
    assert errors == [] and target.is_file()
    assert win.session is not None and win.page is not None and win.page.state is not None
    win.close_project()
    win.open_demo()  # a second time opens the same file, built once
    assert win.session is not None and errors == []


def test_the_window_has_the_app_icon(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    assert not win.windowIcon().isNull()
    assert not app.app_icon().pixmap(64, 64).isNull()


def test_a_first_start_says_there_are_no_recent_projects_yet(qtbot):
    """The start page showed a large blank box on a first start; its line is inert and follows the language."""
    from annotator.gui import i18n
    from annotator.gui.startpage import StartPage

    page = StartPage()
    qtbot.addWidget(page)
    opened: list = []
    page.open_requested.connect(opened.append)
    assert page.recent.count() == 1 and page.recent.item(0).text().startswith("No recent projects yet")
    page.recent.itemActivated.emit(page.recent.item(0))
    assert opened == [] and not page.recent.item(0).flags()
    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    try:
        page.retranslate()
        assert page.recent.item(0).text().startswith("还没有最近的项目")
    finally:
        i18n.install(i18n.ENGLISH)
