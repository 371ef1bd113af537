"""Bulk accepting: Ctrl+Shift+A takes entity suggestions only; Ctrl+Shift+T makes trigger suggestions events,
after saying they come with their suggested arguments (none where none were suggested), and leads to the first
event still missing a role. Ctrl+Shift+X rejects every entity and trigger suggestion."""

from __future__ import annotations

import events_helpers
from events_helpers import CTRL, SHIFT, press, stored
from PySide6.QtCore import Qt

from annotator.core.annotations import SpanKind, SpanState
from annotator.core.events import WarningKind
from annotator.gui import dialogs

built_events_project, events_path, ev_window = (events_helpers.built_events_project, events_helpers.events_path,
                                                events_helpers.ev_window)


def with_trigger_suggestions(win) -> int:
    project = win.session.project
    win.session.edit("suggest", lambda: project.triggers.suggest([1]))
    return sum(1 for s in win.page.state.suggestions() if s.kind == SpanKind.TRIGGER)


def test_ctrl_shift_a_accepts_entities_and_leaves_triggers(qtbot, ev_window, events_path):
    n_triggers = with_trigger_suggestions(ev_window)
    press(qtbot, ev_window, Qt.Key.Key_A, CTRL | SHIFT)
    ev_window.session.flush()  # written on a zero timer after the paint: now, before another reader looks
    doc = stored(events_path)
    assert {e.state for e in doc.events} == {SpanState.SUGGESTED}  # the suggested events stay suggestions
    assert all(s.state == SpanState.ACCEPTED for s in doc.spans if s.kind == SpanKind.ENTITY)
    assert sum(s.state == SpanState.SUGGESTED for s in doc.spans if s.kind == SpanKind.TRIGGER) == n_triggers > 5


def test_ctrl_shift_t_asks_first_and_no_changes_nothing(qtbot, ev_window, events_path, monkeypatch):
    n_triggers = with_trigger_suggestions(ev_window)
    asked = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, message, **kw: asked.append(message) or False)
    press(qtbot, ev_window, Qt.Key.Key_T, CTRL | SHIFT)
    (question,) = asked
    assert f"Accept {n_triggers} trigger suggestions as events?" in question and "its suggested arguments" in question
    assert {e.state for e in stored(events_path).events} == {SpanState.SUGGESTED}  # nothing accepted


def test_ctrl_shift_t_makes_events_in_one_edit_and_leads_to_the_roles(qtbot, ev_window, events_path,
                                                                      monkeypatch):
    n_triggers = with_trigger_suggestions(ev_window)
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, message, **kw: True)
    press(qtbot, ev_window, Qt.Key.Key_T, CTRL | SHIFT)
    doc = stored(events_path)
    assert len(doc.events) == n_triggers
    triggers = [s for s in doc.spans if s.kind == SpanKind.TRIGGER]
    assert all(s.state == SpanState.ACCEPTED for s in triggers)
    assert {e.trigger_id for e in doc.events} == {s.id for s in triggers}  # no trigger without its event
    assert any(s.state == SpanState.SUGGESTED for s in doc.spans if s.kind == SpanKind.ENTITY)  # untouched
    events = ev_window.events_
    lacking = [w.event_id for w in events.warnings if w.kind == WarningKind.MISSING_ROLE]
    assert lacking and events.current == lacking[0]  # the reviewer is at the first event needing its roles
    message = ev_window.statusBar().currentMessage()
    assert f"accepted {n_triggers} events" in message and "still miss required roles" in message
    press(qtbot, ev_window, Qt.Key.Key_Z, CTRL)
    doc = stored(events_path)
    assert {e.state for e in doc.events} == {SpanState.SUGGESTED}
    assert all(s.state == SpanState.SUGGESTED for s in doc.spans if s.kind == SpanKind.TRIGGER)


def test_no_trigger_suggestions_is_said(qtbot, ev_window, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, message, **kw: 1 / 0)  # never asked
    press(qtbot, ev_window, Qt.Key.Key_T, CTRL | SHIFT)
    assert ev_window.statusBar().currentMessage() == "no trigger suggestions to accept"


def test_ctrl_shift_x_rejects_every_suggestion_and_ctrl_z_brings_them_back(qtbot, ev_window, events_path):
    n_triggers = with_trigger_suggestions(ev_window)
    before = stored(events_path)
    suggested = {s.id for s in before.spans if s.state == SpanState.SUGGESTED and s.kind != SpanKind.ARGUMENT}
    accepted = {s.id for s in before.spans if s.state == SpanState.ACCEPTED}
    assert n_triggers > 5 and len(suggested) > n_triggers
    press(qtbot, ev_window, Qt.Key.Key_X, CTRL | SHIFT)
    ev_window.session.flush()
    doc = stored(events_path)
    assert {s.id for s in doc.spans if s.state == SpanState.REJECTED} >= suggested  # entities and triggers
    assert {s.id for s in doc.spans if s.state == SpanState.ACCEPTED} == accepted  # the reviewer's own stay
    assert all(e.state != SpanState.SUGGESTED for e in doc.events)  # a suggested event went with its trigger
    assert ev_window.page.state.suggestions() == []
    assert f"rejected {len(suggested)} suggestions" in ev_window.statusBar().currentMessage()
    undo_index = ev_window.session.undo_stack.index()
    press(qtbot, ev_window, Qt.Key.Key_X, CTRL | SHIFT)  # again: nothing left, and no edit
    assert ev_window.statusBar().currentMessage() == "no suggestions to reject"
    assert ev_window.session.undo_stack.index() == undo_index
    press(qtbot, ev_window, Qt.Key.Key_Z, CTRL)
    ev_window.session.flush()
    back = stored(events_path)
    assert {s.id: s.state for s in back.spans} == {s.id: s.state for s in before.spans}
    assert [(e.id, e.state) for e in back.events] == [(e.id, e.state) for e in before.events]
