"""Whole-event suggestions in the window (issue 17): a suggested event drawn as one, accepted with its
arguments by Enter on its trigger, and its arguments accepted, rejected or re-roled one by one by keys;
each checked in the project file."""

from __future__ import annotations

import events_helpers
from events_helpers import choose, find, press, stored
from PySide6.QtCore import Qt

from annotator.core.annotations import SpanKind, SpanState
from annotator.core.event_suggestions import ArgumentSuggestion, EventSuggestion

built_events_project, events_path, ev_window = (events_helpers.built_events_project, events_helpers.events_path,
                                                events_helpers.ev_window)

ARGS = (("北京", "Place", "LOC"), ("中美执法合作联合联络小组", "Entity", "ORG"), ("12月3日至5日", "Time", "TIME"))


class Fixed:
    """A model stand-in: the seed article's meeting at 召开 with its three arguments."""

    def suggest(self, doc, schema):
        at = doc.text.index("召开")
        args = tuple(ArgumentSuggestion(doc.text.rindex(word, 0, at + 40), doc.text.rindex(word, 0, at + 40) + len(word),
                                        role, label) for word, role, label in ARGS)
        return [EventSuggestion(at, at + 2, "Contact:Meet", args)]


def suggest(win, monkeypatch) -> None:
    project = win.session.project
    monkeypatch.setattr(project.training, "event_suggester", lambda: Fixed())
    assert win.session.edit("suggest", lambda: project.triggers.suggest([1]))


def meeting(path):
    doc = stored(path)
    event = next(e for e in doc.events if doc.span(e.trigger_id).text_in(doc.text) == "召开")
    return doc, event, {a.role: (doc.span(a.span_id).text_in(doc.text), doc.span(a.span_id).label, a.state)
                        for a in event.arguments}


def test_enter_on_the_trigger_accepts_the_event_with_its_arguments(qtbot, ev_window, events_path, monkeypatch):
    suggest(ev_window, monkeypatch)
    _, event, args = meeting(events_path)
    assert event.state == SpanState.SUGGESTED and {a[2] for a in args.values()} == {SpanState.SUGGESTED}
    find(qtbot, ev_window, "召开")
    press(qtbot, ev_window, Qt.Key.Key_Return)
    doc, event, args = meeting(events_path)
    assert (event.state, doc.span(event.trigger_id).state) == (SpanState.ACCEPTED, SpanState.ACCEPTED)
    assert args == {role: (word, label, SpanState.ACCEPTED) for word, role, label in ARGS}
    assert all(doc.span(a.span_id).state == SpanState.ACCEPTED for a in event.arguments)  # the new ORG too
    press(qtbot, ev_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one edit: one undo
    _, event, args = meeting(events_path)
    assert event.state == SpanState.SUGGESTED and {a[2] for a in args.values()} == {SpanState.SUGGESTED}


def test_each_argument_is_decided_by_keys_then_the_event(qtbot, ev_window, events_path, monkeypatch):
    suggest(ev_window, monkeypatch)
    view, actions = ev_window.page.view, ev_window.events_
    find(qtbot, ev_window, "召开")
    press(qtbot, ev_window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, ev_window, Qt.Key.Key_Tab)  # back on the trigger: its suggested event is current, drawn as one
    trigger = ev_window.page.state.spans[view.current_span]
    assert (trigger.kind, view.selected_text()) == (SpanKind.TRIGGER, "召开")
    assert actions.event(actions.current).state == SpanState.SUGGESTED
    row = actions.panel.rows[[r.event_id for r in actions.panel.rows].index(actions.current)]
    assert row.suggested and len(row.undecided) == 3
    view.viewport().repaint()
    assert {(b.text, b.suggested) for b in actions.overlay.badges} == {("会见", True), ("地点", True),
                                                                       ("参与方", True), ("时间", True)}
    press(qtbot, ev_window, Qt.Key.Key_Tab)  # its first argument in text order
    first = view.selected_text()
    press(qtbot, ev_window, Qt.Key.Key_Return)  # accepts that argument alone, selects the next undecided
    second = view.selected_text()
    press(qtbot, ev_window, Qt.Key.Key_X)  # rejects the second
    third = view.selected_text()
    press(qtbot, ev_window, Qt.Key.Key_R)  # R on the third: re-role it
    choose(qtbot, ev_window, "entity")
    assert view.selected_text() == "召开"  # nothing left undecided: back on the trigger
    doc, event, _ = meeting(events_path)
    roles = {word: role for word, role, _ in ARGS}
    decided = {(doc.span(a.span_id).text_in(doc.text), a.role, a.state) for a in event.arguments}
    assert event.state == SpanState.SUGGESTED
    assert decided == {(first, roles[first], SpanState.ACCEPTED), (second, roles[second], SpanState.REJECTED),
                       (third, "Entity", SpanState.ACCEPTED)}  # the third re-roled and accepted
    assert roles[third] != "Entity"
    press(qtbot, ev_window, Qt.Key.Key_Return)  # the event itself, the rejected argument staying rejected
    doc, event, _ = meeting(events_path)
    assert event.state == SpanState.ACCEPTED and doc.span(event.trigger_id).state == SpanState.ACCEPTED
    assert {(doc.span(a.span_id).text_in(doc.text), a.role, a.state) for a in event.arguments} == decided


def test_shift_r_on_a_suggested_argument_keeps_it_rejected_through_a_re_suggest(qtbot, ev_window, events_path,
                                                                              monkeypatch):
    """Shift+R takes a suggested argument out as rejected (it was deleted, and the next re-suggest put it back);
    a second Shift+R finds nothing left to take out."""
    suggest(ev_window, monkeypatch)
    find(qtbot, ev_window, "召开")
    press(qtbot, ev_window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, ev_window, Qt.Key.Key_Tab)  # the suggested event is current
    for _ in range(3):  # its arguments in text order: on to 北京, its Place
        press(qtbot, ev_window, Qt.Key.Key_Tab)
        if ev_window.page.view.selected_text() == "北京":
            break
    assert ev_window.page.view.selected_text() == "北京"
    press(qtbot, ev_window, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    assert meeting(events_path)[2]["Place"] == ("北京", "LOC", SpanState.REJECTED)
    assert ev_window.session.edit("suggest", lambda: ev_window.session.project.triggers.suggest([1], refresh=True)) \
        is not None
    assert meeting(events_path)[2]["Place"] == ("北京", "LOC", SpanState.REJECTED)
    undo = ev_window.session.undo_stack.count()
    press(qtbot, ev_window, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    assert ev_window.session.undo_stack.count() == undo  # nothing to take out: no edit
    assert "has no role" in ev_window.statusBar().currentMessage()


def test_e_on_a_suggested_trigger_as_another_type_leaves_what_it_cannot_take_undecided(qtbot, ev_window, events_path,
                                                                                     monkeypatch):
    """E on the suggested meeting, Conflict:Attack chosen: Place and Time are accepted with it, the Entity (Attack has
    no such role) stays a suggestion the panel warns about, where it used to be accepted into the missing role."""
    suggest(ev_window, monkeypatch)
    find(qtbot, ev_window, "召开")
    press(qtbot, ev_window, Qt.Key.Key_E)
    choose(qtbot, ev_window, "attack")
    _, event, args = meeting(events_path)
    assert (event.type, event.state) == ("Conflict:Attack", SpanState.ACCEPTED)
    assert {role: state for role, (_, _, state) in args.items()} == {
        "Place": SpanState.ACCEPTED, "Time": SpanState.ACCEPTED, "Entity": SpanState.SUGGESTED}
    row = next(r for r in ev_window.events_.panel.rows if r.event_id == event.id)
    assert [w.role for w in row.warnings if w.kind == "unknown-role"] == ["Entity"]
