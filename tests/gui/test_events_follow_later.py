"""On a long article a bulk edit puts the events panel's re-reading off (issue 19 item 14): the selection the
edit moved is followed once the events are read, not inside the key, and a key asking for the current event
still gets it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.annotations import SpanKind
from annotator.gui import dialogs
from annotator.gui.page import BIG_DOCUMENT
from benchmarks.window_speed import build_large_project

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, tmp_path):
    from annotator.gui.window import MainWindow

    path = tmp_path / "long.annot"
    doc_id = build_large_project(path, chars=30_000, spans=3_000, schema="ace2005-zh", triggers=True)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(path, doc_id=doc_id)
    win.show()
    qtbot.waitExposed(win)
    assert len(win.page.state.spans) >= BIG_DOCUMENT
    yield win
    win.close_project()


def test_accept_all_triggers_reads_the_events_after_the_key(window, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *_a, **_k: True)
    events, view = window.events_, window.page.view
    trigger = next(s for s in window.page.state.suggestions() if s.kind == SpanKind.TRIGGER)
    view.select_span(trigger)
    reads: list[int] = []
    show = events.panel.show_events
    monkeypatch.setattr(events.panel, "show_events", lambda *a, **k: (reads.append(1), show(*a, **k)))
    QTest.keyClick(view, Qt.Key.Key_T, CTRL | SHIFT)
    assert reads == [] and window.session.project.writing  # the triggers shown: the events come after the paint
    QApplication.processEvents()  # the edit made: its events are read once the window is idle
    assert reads == [] and events.later.pending
    current = events.current  # a key asking for the current event catches up first
    assert reads == [1] and not events.later.pending
    assert current is not None and current == events._current
    chosen = events.event(current)
    assert chosen is not None and view.current_span == chosen.trigger_id  # taken to it, its trigger selected


def test_a_trigger_selected_while_the_events_wait_is_followed_when_they_are_read(window):
    events, view, state = window.events_, window.page.view, window.page.state
    trigger = next(s for s in state.suggestions() if s.kind == SpanKind.TRIGGER)
    event = next(e for e in events.events if e.trigger_id == trigger.id)
    events.leave_event()
    events.later.request()
    view.select_span(trigger)
    assert events.later.pending and events._current is None  # not followed yet
    assert events.current == event.id  # followed as soon as anything asks


def test_accept_all_entities_leaves_the_events_alone(window, monkeypatch):
    """Spans going from suggested to accepted change no event or warning: the events are not read again."""
    from annotator.core.events import validate_events

    events, view = window.events_, window.page.view
    used = {a.span_id for e in events.events for a in e.arguments}
    suggested = {s.id for s in window.page.state.suggestions() if s.kind == SpanKind.ENTITY}
    assert used & suggested  # some accepted spans fill roles
    reads: list[int] = []
    show = events.panel.show_events
    monkeypatch.setattr(events.panel, "show_events", lambda *a, **k: (reads.append(1), show(*a, **k)))
    before = list(events.warnings)
    QTest.keyClick(view, Qt.Key.Key_A, CTRL | SHIFT)
    assert not events.later.pending and reads == []
    project = window.session.project
    doc = project.document(window.page.state.doc_id)
    assert events.warnings == before == validate_events(doc, project.schema)
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo: the same
    assert not events.later.pending and reads == []


def test_the_events_read_while_idle_are_shown_and_painted_then(window, qtbot, monkeypatch):
    """The put-off refresh lists the events the edit made and paints the panel while still idle, so its paint
    does not wait for the next key's."""
    from annotator.gui.events_panel import ITEM_ROLE

    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *_a, **_k: True)
    events, view = window.events_, window.page.view
    panel, model = events.panel, events.panel.model
    window.page.side.setCurrentWidget(panel)
    assert all(row.suggested for row in panel.rows)  # the triggers' suggested events
    painted: list[tuple[bool, int]] = []
    monkeypatch.setattr(panel, "repaint", lambda: painted.append((events.later.pending, len(panel.rows))))
    QTest.keyClick(view, Qt.Key.Key_T, CTRL | SHIFT)
    QApplication.processEvents()  # the edit made; the events are read once the window has been idle a while
    assert events.later.pending and painted == []
    qtbot.waitUntil(lambda: not events.later.pending, timeout=5_000)
    made = window.session.project.events_of(window.page.state.doc_id)
    assert painted == [(False, len(made))]  # painted right after the refresh, which listed every event
    assert not any(row.suggested for row in panel.rows)
    shown = [model.event_index(i) for i in range(len(panel.rows))]
    assert sorted(index.data(ITEM_ROLE)[0] for index in shown) == sorted(e.id for e in made)
    assert not any(" · suggested" in index.data() for index in shown)
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)  # undone: suggested again, once idle
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not events.later.pending, timeout=5_000)
    assert len(painted) == 2 and all(row.suggested for row in panel.rows)
    assert " · suggested" in model.event_index(len(panel.rows) - 1).data()
