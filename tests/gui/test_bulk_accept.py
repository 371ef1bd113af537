"""Bulk accepting: Ctrl+Shift+A takes entity suggestions only; Ctrl+Shift+T makes trigger suggestions events,
after saying they come with their suggested arguments (none where none were suggested), and leads to the first
event still missing a role. Ctrl+Shift+X rejects every entity and trigger suggestion."""

from __future__ import annotations

from pathlib import Path

import events_helpers
import pytest
from events_helpers import CTRL, SHIFT, press, stored
from PySide6.QtCore import Qt

from annotator.core.annotations import AnnotatedDocument, EntitySpan, Event, SpanKind, SpanState
from annotator.core.events import WarningKind
from annotator.gui import dialogs, foresee
from annotator.service import Project
from tests.gui.conftest import shown_window

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


def triggers_with_events(path: Path, n: int) -> int:
    """A document of `n` trigger suggestions (会见, Contact:Meet): the event of every third one accepted already
    (as a file may hold it), of every third suggested, the rest without an event; returns its id."""
    text = "会见李鹏。" * n
    spans = tuple(EntitySpan(i + 1, 5 * i, 5 * i + 2, "Contact:Meet", origin="triggers", state=SpanState.SUGGESTED,
                             kind=SpanKind.TRIGGER) for i in range(n))
    states = (SpanState.ACCEPTED, SpanState.SUGGESTED)
    events = tuple(Event(i + 1, "Contact:Meet", i + 1, state=states[i % 3], origin="triggers")
                   for i in range(n) if i % 3 < 2)
    doc = AnnotatedDocument("t", text, tuple((i, i + 1) for i in range(len(text))), spans, events)
    with Project.create(path, schema="ace2005-zh", user="t") as project:
        (doc_id,), _ = project.importer.add_documents([doc], prelabel=False)
    return doc_id


@pytest.mark.parametrize("n", [9, 300], ids=["made at once", "shown first"])
def test_ctrl_shift_t_counts_the_events_it_made_or_accepted(qtbot, tmp_path, monkeypatch, n):
    """The message counts what the service's edit made: a new event for each trigger without one, the suggested
    ones accepted; not an event accepted already (its trigger was still a suggestion), so not the triggers."""
    doc_id = triggers_with_events(tmp_path / "triggers.annot", n)
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, message, **kw: True)
    foreseen = []
    accepting = foresee.accepting_triggers
    monkeypatch.setattr(foresee, "accepting_triggers", lambda *a: foreseen.append(accepting(*a)) or foreseen[-1])
    win = shown_window(qtbot, tmp_path / "triggers.annot", doc_id)
    win.page.view.setFocus()
    press(qtbot, win, Qt.Key.Key_T, CTRL | SHIFT)
    assert (foreseen[0] is not None) == (n == 300)  # the path named: shown before it was made, or made at once
    qtbot.waitUntil(lambda: "accepted" in win.statusBar().currentMessage())
    already = len(range(0, n, 3))
    assert f"accepted {n - already} events;" in win.statusBar().currentMessage()
    doc = stored(tmp_path / "triggers.annot", doc_id)
    assert len(doc.events) == n and {e.state for e in doc.events} == {SpanState.ACCEPTED}  # each trigger its event
    win.close_project()


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
