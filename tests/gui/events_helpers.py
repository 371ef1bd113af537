"""Fixtures and key helpers for the event window tests: an ace2005-zh project with the seed article."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gui_helpers import SEED, build_project
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from annotator.service import Project

NO = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(scope="session")
def built_events_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article with rule suggestions in an ace2005-zh project (built once)."""
    path = tmp_path_factory.mktemp("events") / "events.annot"
    build_project(path, [SEED], schema="ace2005-zh")
    return path


@pytest.fixture
def events_path(tmp_path: Path, built_events_project: Path) -> Path:
    """A fresh copy for one test."""
    path = tmp_path / "events.annot"
    shutil.copyfile(built_events_project, path)
    return path


@pytest.fixture
def ev_window(qtbot, events_path: Path):
    """The main window on the ace2005-zh seed project, shown offscreen, article focused."""
    from annotator.gui.window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(events_path, doc_id=1)
    show(qtbot, win)
    yield win
    win.close_project()


def show(qtbot, win) -> None:
    """Show the window, make it the active one (offscreen Qt does not always) and focus the article."""
    win.show()
    qtbot.waitExposed(win)
    win.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
    win.page.view.setFocus()


def press(qtbot, win, key, mods=NO) -> None:
    """One key press on the article."""
    qtbot.keyClick(win.page.view, key, mods)


def type_text(widget, text: str) -> None:
    """Key presses carrying text (Chinese comes as text, as from an input method)."""
    for ch in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, NO, ch))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_unknown, NO, ch))


def find(qtbot, win, word: str) -> None:
    """Ctrl+F, the word, Enter, Escape: the next occurrence is selected and the article has the keys again."""
    press(qtbot, win, Qt.Key.Key_F, CTRL)
    edit = win.page.find_bar.edit
    assert QApplication.focusWidget() is edit
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_text(edit, word)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert win.page.view.selected_text() == word
    assert QApplication.focusWidget() is win.page.view


def choose(qtbot, win, typed: str) -> list[str]:
    """Type into the open chooser and press Enter; returns what it offered before typing."""
    chooser = win.events_.chooser
    assert chooser is not None and chooser.isVisible()
    focus = QApplication.focusWidget()
    assert focus is chooser.edit  # the keys go to the popup, not the article
    offered = [c.text for c in chooser.shown]
    if typed.isascii():
        qtbot.keyClicks(focus, typed)
    else:
        type_text(focus, typed)
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    assert win.events_.chooser is None
    return offered


def stored(path: Path, doc_id: int = 1):
    """The document as the project file has it now."""
    with Project.open(path, readonly=True) as project:
        return project.document(doc_id)


def event_in_file(path: Path):
    """(type, trigger text, {role: (text, label)}) of the single event stored, and the document."""
    doc = stored(path)
    assert len(doc.events) == 1
    event = doc.events[0]
    spans = {s.id: s for s in doc.spans}
    args = {a.role: (doc.text[spans[a.span_id].start:spans[a.span_id].end], spans[a.span_id].label)
            for a in event.arguments}
    return (event.type, spans[event.trigger_id].text_in(doc.text), args), doc


