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
