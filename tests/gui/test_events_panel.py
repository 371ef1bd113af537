"""The events tab, the drawn event, moving between events, trigger suggestions and event hotkeys in the window."""

from __future__ import annotations

import shutil
from dataclasses import replace

import events_helpers
from events_helpers import CTRL, SHIFT, choose, find, press, show, stored
from PySide6.QtCore import Qt

from annotator.core.annotations import SpanKind, SpanState
from annotator.core.events import WarningKind
from annotator.gui.keys import shortcut_rows
from annotator.service import Project

built_events_project, events_path, ev_window = (events_helpers.built_events_project, events_helpers.events_path,
                                                events_helpers.ev_window)


def edit(win, step):
    """A service call through the window's session (so every view hears of it); returns its Changes."""
    return win.session.edit("test edit", step)


def at(win, word: str, after: int = 0) -> tuple[int, int]:
    start = win.page.state.text.index(word, after)
    return start, start + len(word)


def meet_with_time_as_place(win):
    """Contact:Meet on 召开 whose Place is a TIME entity, and no Entity: two warnings."""
    project = win.session.project
    event = edit(win, lambda: project.edits.add_event(1, "Contact:Meet", *at(win, "召开"))).created[0]
    time = edit(win, lambda: project.edits.add_span(1, *at(win, "12月3日至5日"), "TIME")).created[0]
    edit(win, lambda: project.edits.add_argument(event, "Place", time))
    return event


def test_the_panel_lists_events_arguments_and_warnings(qtbot, ev_window):
    panel = ev_window.events_.panel
    assert panel.rows == [] and panel.summary.text().startswith("0 events")
    event = meet_with_time_as_place(ev_window)
    (row,) = panel.rows
    assert (row.event_id, row.title, row.trigger) == (event, "Contact:Meet 会见", "召开")
    assert [a[:2] for a in row.arguments] == [("Place", "12月3日至5日")]
    kinds = {w.kind for w in row.warnings}
    assert kinds == {WarningKind.MISSING_ROLE, WarningKind.LABEL_NOT_ALLOWED}
    assert panel.summary.text() == "1 event · 2 warnings"
    model = panel.model
    assert model.event_index(0).data() == "Contact:Meet 会见  「召开」   ⚠ 2"
    children = [index.data() for index in model.child_indexes(0)]
    assert children[0] == "Place 地点: 12月3日至5日"
    assert "⚠ Contact:Meet (会见): Entity (参与方) is missing" in children
    assert any(c.startswith("⚠ Place (地点) of Contact:Meet takes LOC GPE FAC, not TIME") for c in children)
    side = ev_window.page.side
    assert side.tabText(side.indexOf(panel)) == "Events 1"
    # the warnings are the service's own
    assert [w.message for w in ev_window.session.project.event_warnings(1)] == [w.message for w in row.warnings]


def test_choosing_a_row_selects_the_event_and_draws_it(qtbot, ev_window):
    project = ev_window.session.project
    meet = meet_with_time_as_place(ev_window)
    start_org = edit(ev_window, lambda: project.edits.add_event(1, "Business:Start-Org", *at(ev_window, "设立"))).created[0]
    beijing = next(s for s in ev_window.page.state.spans.values() if s.label == "LOC"
                   and (s.start, s.end) == at(ev_window, "北京", at(ev_window, "召开")[0] - 5))
    edit(ev_window, lambda: project.edits.add_argument(meet, "Entity", beijing.id))
    panel, view = ev_window.events_.panel, ev_window.page.view
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(panel.model.event_index(1))
    assert ev_window.events_.current == start_org and view.selected_text() == "设立"
    panel.tree.setCurrentIndex(panel.model.event_index(0))
    assert ev_window.events_.current == meet and view.selected_text() == "召开"
    view.viewport().grab()  # paints: the overlay records what it drew
    badges = ev_window.events_.overlay.badges
    assert [b.text for b in badges] == ["会见", "地点", "参与方"]
    for a, b in zip(badges, badges[1:], strict=False):
        assert not a.rect.intersects(b.rect)  # badges never cover each other
    state = ev_window.page.state
    for badge in badges:  # each sits on its span's first line (above) or last line (below), touching it
        span = state.spans[badge.span_id]
        rects = view.range_rects(span.start, span.end)
        assert any(abs(badge.rect.bottom() - r.top()) < 6 or abs(badge.rect.top() - r.bottom()) < 6 for r in rects)
        assert any(badge.rect.left() < r.right() and r.left() < badge.rect.right() for r in rects)
    child = panel.model.child_indexes(0)[0]  # the Entity row (roles in schema order): its span is selected
    panel.tree.setCurrentIndex(child)
    assert view.current_span == beijing.id and ev_window.events_.current == meet


def test_brackets_step_through_events_and_escape_twice_leaves(qtbot, ev_window):
    project = ev_window.session.project
    second = edit(ev_window, lambda: project.edits.add_event(1, "Business:Start-Org", *at(ev_window, "设立"))).created[0]
    first = edit(ev_window, lambda: project.edits.add_event(1, "Contact:Meet", *at(ev_window, "召开"))).created[0]
    press(qtbot, ev_window, Qt.Key.Key_Home)
    ev_window.events_.leave_event()
    view = ev_window.page.view
    press(qtbot, ev_window, Qt.Key.Key_BracketRight)
    assert (ev_window.events_.current, view.selected_text()) == (first, "召开")  # by position, not by id
    press(qtbot, ev_window, Qt.Key.Key_BracketRight)
    assert (ev_window.events_.current, view.selected_text()) == (second, "设立")
    press(qtbot, ev_window, Qt.Key.Key_BracketRight)
    assert ev_window.events_.current == first  # wraps
    press(qtbot, ev_window, Qt.Key.Key_BracketLeft)
    assert ev_window.events_.current == second
    assert ev_window.page.side.currentWidget() is ev_window.events_.panel
    press(qtbot, ev_window, Qt.Key.Key_Escape)  # off the trigger, onto the token cursor: still in the event
    assert view.current_span is None and ev_window.events_.current == second
    press(qtbot, ev_window, Qt.Key.Key_Escape)
    assert ev_window.events_.current is None and ev_window.events_.overlay.event is None
    view.click_at(at(ev_window, "召开")[0])  # a click on a trigger selects its event
    assert ev_window.events_.current == first


def test_tab_steps_through_suggestions_until_an_event_is_selected_then_through_entities(qtbot, ev_window):
    project = ev_window.session.project
    view, state = ev_window.page.view, ev_window.page.state
    edit(ev_window, lambda: project.edits.add_event(1, "Contact:Meet", *at(ev_window, "召开")))
    assert ev_window.events_.current is None  # made through the service: nothing selected it
    press(qtbot, ev_window, Qt.Key.Key_Tab)
    assert state.spans[view.current_span].state == SpanState.SUGGESTED
    find(qtbot, ev_window, "第十二次会议")
    press(qtbot, ev_window, Qt.Key.Key_BracketRight)
    press(qtbot, ev_window, Qt.Key.Key_Tab)
    press(qtbot, ev_window, Qt.Key.Key_Tab)
    span = state.spans[view.current_span]
    assert span.kind == SpanKind.ENTITY and span.start > at(ev_window, "召开")[0]
    press(qtbot, ev_window, Qt.Key.Key_Tab, SHIFT)
    press(qtbot, ev_window, Qt.Key.Key_Tab, SHIFT)
    assert view.selected_text() == "北京"  # the entity just before the trigger


def test_trigger_suggestions_are_reviewed_like_entity_suggestions(qtbot, ev_window, events_path):
    project = ev_window.session.project
    edit(ev_window, lambda: project.triggers.suggest([1]))
    state, view = ev_window.page.state, ev_window.page.view
    triggers = [s for s in state.suggestions() if s.kind == SpanKind.TRIGGER]
    assert [state.text[s.start:s.end] for s in triggers][:3] == ["会议", "会议", "遣返"]
    assert ev_window.page.pending_field.text().startswith(f"{len(state.suggestions())} suggestions")
    find(qtbot, ev_window, "一手抓协调")  # the line before the meeting
    for _ in range(20):
        press(qtbot, ev_window, Qt.Key.Key_Tab)
        if state.spans[view.current_span].kind == SpanKind.TRIGGER:
            break
    first = state.spans[view.current_span]
    assert (state.text[first.start:first.end], first.label) == ("会议", "Contact:Meet")
    press(qtbot, ev_window, Qt.Key.Key_Return)  # accepted: the suggested event with it, the cursor goes on
    doc = stored(events_path)
    accepted = [e for e in doc.events if e.state == SpanState.ACCEPTED]
    assert [(e.type, e.trigger_id, e.origin) for e in accepted] == [("Contact:Meet", first.id, "events")]
    assert doc.span(first.id).state == SpanState.ACCEPTED
    assert ev_window.events_.current != accepted[0].id and state.spans[view.current_span].state == SpanState.SUGGESTED
    while state.spans[view.current_span].kind != SpanKind.TRIGGER:
        press(qtbot, ev_window, Qt.Key.Key_Tab)
    second = view.current_span
    press(qtbot, ev_window, Qt.Key.Key_X)
    assert stored(events_path).span(second).state == SpanState.REJECTED
    again = edit(ev_window, lambda: project.triggers.suggest([1]))
    assert again is None or again.empty  # nothing new: not over triggers, not a rejected one again
    assert ev_window.events_.panel.rows[0].trigger == "会议"


def test_e_on_a_trigger_suggestion_offers_its_type_first_and_accepts_it_as_chosen(qtbot, ev_window, events_path):
    project = ev_window.session.project
    edit(ev_window, lambda: project.triggers.suggest([1]))
    find(qtbot, ev_window, "设立")
    span = next(s for s in ev_window.page.state.spans_covering(*ev_window.page.view.sel) if s.kind == SpanKind.TRIGGER)
    press(qtbot, ev_window, Qt.Key.Key_E)
    assert ev_window.events_.chooser.title.text() == "Event type for 「设立」"
    offered = choose(qtbot, ev_window, "merge")
    assert offered[0] == "Business:Start-Org 成立"  # the suggestion's own type first
    doc = stored(events_path)
    assert [(e.type, e.trigger_id) for e in doc.events if e.state == SpanState.ACCEPTED] == [("Business:Merge-Org", span.id)]
    press(qtbot, ev_window, Qt.Key.Key_E)  # on the accepted trigger: change the type
    assert ev_window.events_.chooser.title.text() == "Change the event type of 「设立」"
    choose(qtbot, ev_window, "成立")
    assert [e.type for e in stored(events_path).events if e.trigger_id == span.id] == ["Business:Start-Org"]
    press(qtbot, ev_window, Qt.Key.Key_Z, CTRL)
    assert [e.type for e in stored(events_path).events if e.trigger_id == span.id] == ["Business:Merge-Org"]


def test_an_event_types_hotkey_makes_the_event_at_once(qtbot, events_path):
    from annotator.gui.window import MainWindow

    with Project.open(events_path) as project:
        schema = project.schema
        types = tuple(replace(t, hotkey="Shift+E") if t.key == "Contact:Meet" else t for t in schema.event_types)
        project.set_schema(replace(schema, event_types=types))
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(events_path, doc_id=1)
    show(qtbot, win)
    try:
        rows = shortcut_rows(win.bindings)
        assert ("Events", "Shift+E", "New Contact:Meet 会见 event on the selection") in rows
        assert ("Events", "]", "Next event") in rows
        find(qtbot, win, "召开")
        press(qtbot, win, Qt.Key.Key_E, SHIFT)
        assert win.events_.chooser is None
        assert [e.type for e in stored(events_path).events] == ["Contact:Meet"]
    finally:
        win.close_project()


def test_a_copied_project_opens_on_its_events(qtbot, tmp_path, events_path):
    from annotator.gui.window import MainWindow

    with Project.open(events_path) as project:
        text = project.document(1).text
        start = text.index("召开")
        project.edits.add_event(1, "Contact:Meet", start, start + 2)
    copy = tmp_path / "copy.annot"
    shutil.copyfile(events_path, copy)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(copy, doc_id=1)
    try:
        assert [r.trigger for r in win.events_.panel.rows] == ["召开"]
        assert win.events_.current is None
    finally:
        win.close_project()


def test_read_only_shows_events_but_e_and_r_change_nothing(qtbot, events_path):
    from annotator.gui.window import MainWindow

    with Project.open(events_path) as project:
        text = project.document(1).text
        start = text.index("召开")
        project.edits.add_event(1, "Contact:Meet", start, start + 2)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(events_path, doc_id=1, readonly=True)
    show(qtbot, win)
    messages = []
    win.page.message.connect(lambda text, error: messages.append(text))
    try:
        press(qtbot, win, Qt.Key.Key_BracketRight)
        assert win.page.view.selected_text() == "召开" and win.events_.panel.rows[0].warnings
        press(qtbot, win, Qt.Key.Key_E)
        assert win.events_.chooser is None and "read-only" in messages[-1]
        press(qtbot, win, Qt.Key.Key_Tab, SHIFT)
        press(qtbot, win, Qt.Key.Key_R)
        assert win.events_.chooser is None and "read-only" in messages[-1]
    finally:
        win.close_project()
    assert stored(events_path).events[0].arguments == ()
