"""Events from the keyboard: the Contact:Meet event of the seed article built from key presses alone,
checked in the project file; deleting an argument's entity and undoing it."""

from __future__ import annotations

import events_helpers
from events_helpers import CTRL, SHIFT, choose, event_in_file, find, press, stored
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.annotations import SpanKind, SpanState

# the fixtures this module uses
built_events_project, events_path, ev_window = (events_helpers.built_events_project, events_helpers.events_path,
                                                events_helpers.ev_window)

MEET = {"Place": ("北京", "LOC"), "Entity": ("中美执法合作联合联络小组", "ORG"), "Time": ("12月3日至5日", "TIME")}


def build_meet(qtbot, win) -> None:
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
