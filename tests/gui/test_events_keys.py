"""Events from the keyboard: the Contact:Meet event of the seed article built from key presses alone,
checked in the project file; deleting an argument's entity and undoing it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gui_helpers import SEED, build_project
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from annotator.core.annotations import SpanKind, SpanState
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
def ev_window(qtbot, events_path: Path):  # noqa: ANN001, ANN201
    """The main window on the ace2005-zh seed project, shown offscreen, article focused."""
    from annotator.gui.window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(events_path, doc_id=1)
    win.show()
    qtbot.waitExposed(win)
    win.page.view.setFocus()
    yield win
    win.close_project()


def press(qtbot, win, key, mods=NO) -> None:  # noqa: ANN001
    """One key press on the article."""
    qtbot.keyClick(win.page.view, key, mods)


def type_text(widget, text: str) -> None:  # noqa: ANN001
    """Key presses carrying text (Chinese comes as text, as from an input method)."""
    for ch in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, NO, ch))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_unknown, NO, ch))


def find(qtbot, win, word: str) -> None:  # noqa: ANN001
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


def choose(qtbot, win, typed: str) -> list[str]:  # noqa: ANN001
    """Type into the open chooser and press Enter; returns what it offered before typing."""
    chooser = win.events_.chooser
    assert chooser is not None and chooser.isVisible()
    focus = QApplication.focusWidget()
    assert focus is chooser.edit  # the keys go to the popup, not the article
    offered = [c.text for c in chooser.shown]
    if typed:
        qtbot.keyClicks(focus, typed)
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    assert win.events_.chooser is None
    return offered


def stored(path: Path, doc_id: int = 1):  # noqa: ANN201
    """The document as the project file has it now."""
    with Project.open(path, readonly=True) as project:
        return project.document(doc_id)


def event_in_file(path: Path):  # noqa: ANN201
    """(type, trigger text, {role: (text, label)}) of the single event stored, and the document."""
    doc = stored(path)
    assert len(doc.events) == 1
    event = doc.events[0]
    spans = {s.id: s for s in doc.spans}
    args = {a.role: (doc.text[spans[a.span_id].start:spans[a.span_id].end], spans[a.span_id].label)
            for a in event.arguments}
    return (event.type, spans[event.trigger_id].text_in(doc.text), args), doc


MEET = {"Place": ("北京", "LOC"), "Entity": ("中美执法合作联合联络小组", "ORG"), "Time": ("12月3日至5日", "TIME")}


def build_meet(qtbot, win) -> None:  # noqa: ANN001
    """The seed article's meeting, keys only: trigger 召开, Place 北京, Entity (label first), Time (one step)."""
    find(qtbot, win, "召开")
    press(qtbot, win, Qt.Key.Key_E)
    choose(qtbot, win, "meet")
    press(qtbot, win, Qt.Key.Key_Tab, SHIFT)  # an event is selected: Shift+Tab goes to the entity before
    assert win.page.view.selected_text() == "北京"
    press(qtbot, win, Qt.Key.Key_R)
    assert choose(qtbot, win, "place") == ["Entity 参与方", "Place 地点"]  # what a LOC may fill
    find(qtbot, win, "中美执法合作联合联络小组")
    press(qtbot, win, Qt.Key.Key_2)  # ORG
    press(qtbot, win, Qt.Key.Key_R)
    assert choose(qtbot, win, "") == ["Entity 参与方"]  # an ORG fills only the Entity role
    find(qtbot, win, "12月3日至5日")
    press(qtbot, win, Qt.Key.Key_R)  # plain text: every role, as a new entity or as text only
    offered = choose(qtbot, win, "time")
    assert "Time 时间 · new TIME 时间" in offered and "Place 地点 · text only" in offered


def test_the_meeting_is_built_from_key_presses_and_saved(qtbot, ev_window, events_path):
    build_meet(qtbot, ev_window)
    (kind, trigger, args), doc = event_in_file(events_path)
    assert (kind, trigger) == ("Contact:Meet", "召开")
    assert args == MEET
    event = doc.events[0]
    assert doc.span(event.trigger_id).kind == SpanKind.TRIGGER
    for arg in event.arguments:
        span = doc.span(arg.span_id)
        assert (span.kind, span.state) == (SpanKind.ENTITY, SpanState.ACCEPTED)  # the suggested 北京 too
    rows = ev_window.events_.panel.rows
    assert [(r.title, r.trigger) for r in rows] == [("Contact:Meet 会见", "召开")]
    assert [a[:2] for a in rows[0].arguments] == [("Entity", "中美执法合作联合联络小组"), ("Time", "12月3日至5日"),
                                                 ("Place", "北京")]  # in the schema's role order
    assert rows[0].warnings == ()
    assert ev_window.events_.current == event.id


def test_deleting_the_place_removes_its_argument_and_undo_restores_both(qtbot, ev_window, events_path):
    build_meet(qtbot, ev_window)
    (_, _, args), doc = event_in_file(events_path)
    place = next(a.span_id for a in doc.events[0].arguments if a.role == "Place")
    find(qtbot, ev_window, "北京")
    press(qtbot, ev_window, Qt.Key.Key_Delete)
    (_, _, args), doc = event_in_file(events_path)
    assert set(args) == {"Entity", "Time"}
    assert doc.span(place).state == SpanState.REJECTED  # a rules suggestion: kept as rejected
    assert [a[0] for a in ev_window.events_.panel.rows[0].arguments] == ["Entity", "Time"]
    press(qtbot, ev_window, Qt.Key.Key_Z, CTRL)
    (_, _, args), doc = event_in_file(events_path)
    assert args == MEET
    assert doc.span(place).state == SpanState.ACCEPTED
    assert [a[0] for a in ev_window.events_.panel.rows[0].arguments] == ["Entity", "Time", "Place"]


def test_deleting_the_trigger_deletes_the_event_and_undo_brings_it_back(qtbot, ev_window, events_path):
    build_meet(qtbot, ev_window)
    press(qtbot, ev_window, Qt.Key.Key_BracketRight)  # the (only) event: its trigger is selected
    assert ev_window.page.view.selected_text() == "召开"
    press(qtbot, ev_window, Qt.Key.Key_Delete)
    doc = stored(events_path)
    assert doc.events == () and not any(s.kind == SpanKind.TRIGGER for s in doc.spans)
    assert ev_window.events_.current is None and ev_window.events_.panel.rows == []
    press(qtbot, ev_window, Qt.Key.Key_Z, CTRL)
    (_, _, args), _ = event_in_file(events_path)
    assert args == MEET


def test_shift_r_takes_a_span_out_of_its_role_and_a_text_only_role_makes_an_argument_span(
        qtbot, ev_window, events_path):
    find(qtbot, ev_window, "召开")
    press(qtbot, ev_window, Qt.Key.Key_E)
    choose(qtbot, ev_window, "meet")
    find(qtbot, ev_window, "第十二次会议")
    press(qtbot, ev_window, Qt.Key.Key_R)
    qtbot.keyClicks(QApplication.focusWidget(), "text only")
    assert [c.text for c in ev_window.events_.chooser.shown][0] == "Entity 参与方 · text only"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    (_, _, args), doc = event_in_file(events_path)
    assert args == {"Entity": ("第十二次会议", "")}
    span = next(s for s in doc.spans if s.kind == SpanKind.ARGUMENT)
    assert ev_window.page.view.current_span == span.id  # the new argument span is selected
    press(qtbot, ev_window, Qt.Key.Key_R, SHIFT)
    (_, _, args), doc = event_in_file(events_path)
    assert args == {} and not any(s.kind == SpanKind.ARGUMENT for s in doc.spans)


def test_r_without_an_event_or_on_a_label_no_role_takes_says_so(qtbot, ev_window, events_path):
    messages = []
    ev_window.page.message.connect(lambda text, error: messages.append((text, error)))
    find(qtbot, ev_window, "北京")
    press(qtbot, ev_window, Qt.Key.Key_R)
    assert ev_window.events_.chooser is None and "select an event first" in messages[-1][0]
    find(qtbot, ev_window, "召开")
    press(qtbot, ev_window, Qt.Key.Key_E)
    choose(qtbot, ev_window, "meet")
    find(qtbot, ev_window, "反腐败")
    press(qtbot, ev_window, Qt.Key.Key_8)  # MONEY: no role of Contact:Meet takes it
    press(qtbot, ev_window, Qt.Key.Key_R)
    assert ev_window.events_.chooser is None
    text, error = messages[-1]
    assert error and "cannot fill a role of Contact:Meet" in text and "Place (LOC)" in text
    assert stored(events_path).events[0].arguments == ()


def test_escape_in_a_chooser_changes_nothing(qtbot, ev_window, events_path):
    find(qtbot, ev_window, "召开")
    press(qtbot, ev_window, Qt.Key.Key_E)
    chooser = ev_window.events_.chooser
    qtbot.keyClicks(chooser.edit, "zzz")
    assert chooser.shown == []
    qtbot.keyClick(chooser.edit, Qt.Key.Key_Return)  # nothing matches: stays open
    assert chooser.isVisible()
    qtbot.keyClick(chooser.edit, Qt.Key.Key_Escape)
    assert ev_window.events_.chooser is None and QApplication.focusWidget() is ev_window.page.view
    assert stored(events_path).events == ()
