"""A bulk edit on a generated long article (issue 19 item 14): the file holds it, the window's state agrees
span by span, a line on screen is painted with the new colours at once, and a line far below is painted
right when it is scrolled to (before any idle re-colouring); undo and reject-all the same."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlock
from PySide6.QtWidgets import QApplication

from annotator.core.annotations import SpanState
from annotator.service import Project
from benchmarks.window_speed import large_document
from tests.gui.conftest import shown_window

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def painted(block: QTextBlock) -> list[tuple[int, int, str, int]]:
    """The block's highlight ranges as the painter gets them: (start, length, background, underline)."""
    return [(r.start, r.length, r.format.background().color().name(), int(r.format.underlineStyle().value))
            for r in block.layout().formats()]


def fresh(view, block: QTextBlock) -> list[tuple[int, int, str, int]]:
    """What a from-scratch colouring of the block paints."""
    view.highlighter.rehighlightBlock(block)
    return painted(block)


def file_states(path, doc_id: int) -> dict[int, SpanState]:
    with Project.open(path, readonly=True) as project:
        return {s.id: s.state for s in project.document(doc_id).spans}


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "long.annot"
    with Project.create(path, schema="news-zh", user="t") as project:
        (doc_id,), _ = project.importer.add_documents([large_document(30_000, 3_000)], prelabel=False)
    win = shown_window(qtbot, path, doc_id)
    yield win, path, doc_id
    win.close_project()


def check_lines(win, colour_of_state: SpanState) -> None:
    """A line on screen now, and the last line once scrolled to, paint what a full colouring paints."""
    view, state = win.page.view, win.page.state
    shown = view.firstVisibleBlock()
    before = painted(shown)
    assert before == fresh(view, shown)
    spans = [s for s in state.live_spans_in(shown.position(), shown.position() + shown.length())
             if s.state == colour_of_state]
    if spans:  # the state's colour is on screen (a suggestion's fill is paler than an accepted one's)
        assert view.styles.format(spans[0]).background().color().name() in {p[2] for p in before}
    assert view._stale  # lines far off screen are not re-coloured yet
    far = view.document().findBlockByNumber(max(view._stale))
    view.verticalScrollBar().setValue(far.firstLineNumber())  # scrolled to, with no idle time in between
    assert far.blockNumber() in {b.blockNumber() for b, _ in view._visible_blocks()}
    assert far.blockNumber() not in view._stale
    assert painted(far) == fresh(view, far)
    view.verticalScrollBar().setValue(0)


def test_accept_all_undo_and_reject_all_on_a_long_article(qtbot, window):
    win, path, doc_id = window
    view, state = win.page.view, win.page.state
    suggested = {s.id for s in state.suggestions()}
    assert len(suggested) > 1000

    qtbot.keyClick(view, Qt.Key.Key_A, CTRL | SHIFT)
    win.session.flush()  # (else the zero timer writes it, once the test lets the event loop run)
    stored = file_states(path, doc_id)
    assert {i for i in suggested if stored[i] == SpanState.ACCEPTED} == suggested - {s.id for s in state.suggestions()}
    assert len(state.suggestions()) < len(suggested) // 10  # only those crossing an accepted span stay
    assert stored == {i: s.state for i, s in state.spans.items()}
    accepted = len(suggested) - len(state.suggestions())
    assert win.live_line.decisions.accepted == accepted  # the session's count, as span by span before
    check_lines(win, SpanState.ACCEPTED)

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert win.live_line.decisions.accepted == 0  # an undo takes the decisions back
    assert {s.id for s in win.page.state.suggestions()} == suggested
    win.session.flush()
    assert file_states(path, doc_id) == {i: s.state for i, s in state.spans.items()}
    check_lines(win, SpanState.SUGGESTED)

    # Ctrl+Enter's "reject the rest" step: spans go, so the lines' edge marks are measured again.
    project = win.session.project
    ids = [s.id for s in state.suggestions()]
    win.session.edit("Reject the rest", lambda: project.edits.reject(ids))
    win.session.flush()
    stored = file_states(path, doc_id)
    assert not state.suggestions() and all(stored[i] == SpanState.REJECTED for i in ids)
    assert win.live_line.decisions.changed == len(ids)  # a rejected suggestion counts as changed
    check_lines(win, SpanState.ACCEPTED)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert {s.id for s in state.suggestions()} == suggested


def test_accepting_hundreds_of_triggers_lists_every_event_in_the_panel(qtbot, qtmodeltester, tmp_path, monkeypatch):
    from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanKind
    from annotator.core.events import WarningKind
    from annotator.gui import dialogs, events_panel

    n = 250
    text = "北京会议" * n
    triggers = tuple(EntitySpan(i + 1, 4 * i + 2, 4 * i + 4, "Contact:Meet", origin="triggers",
                                state=SpanState.SUGGESTED, kind=SpanKind.TRIGGER) for i in range(n))
    path = tmp_path / "events.annot"
    with Project.create(path, schema="ace2005-zh", user="t") as project:
        (doc_id,), _ = project.importer.add_documents([AnnotatedDocument(
            "t", text, tuple((i, i + 2) for i in range(0, len(text), 2)), triggers)], prelabel=False)
    win = shown_window(qtbot, path, doc_id)
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a, **k: True)
    qtbot.keyClick(win.page.view, Qt.Key.Key_T, CTRL | SHIFT)  # the triggers shown accepted
    QApplication.processEvents()  # then made (the events come), and the first event missing a role chosen
    with Project.open(path, readonly=True) as project:
        assert len(project.document(doc_id).events) == n
    panel, events = win.events_.panel, win.events_
    model = panel.model
    assert len(panel.rows) == n  # every event is in the model at once, each followed by its warning
    assert [model.event_index(i).data(events_panel.ITEM_ROLE)[0] for i in range(n)] == [row.event_id for row in panel.rows]
    assert model.rowCount() == n + sum(len(row.warnings) for row in panel.rows)
    assert "suggested" not in model.event_index(0).data()  # accepted events
    qtmodeltester.check(model)
    lacking = [w.event_id for w in events.warnings if w.kind == WarningKind.MISSING_ROLE]
    assert events.current == lacking[0] == panel.current_event()
    panel.select(panel.rows[-1].event_id)
    assert panel.current_event() == panel.rows[-1].event_id
    qtbot.keyClick(win.page.view, Qt.Key.Key_Z, CTRL)
    QApplication.processEvents()
    assert panel.rows == [] and model.rowCount() == 0  # nothing left of them
    win.close_project()


def colours(view) -> list[tuple]:
    """Every line's highlight ranges as (line, start, length, background)."""
    out = []
    block = view.document().begin()
    while block.isValid():
        for r in block.layout().formats():
            out.append((block.blockNumber(), r.start, r.length, r.format.background().color().name()))
        block = block.next()
    return out


def test_bulk_accept_recolours_visible_lines_now_and_the_rest_when_idle(qtbot, window):
    win, _, _ = window
    view = win.page.view
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view._stale  # deferred: far more lines changed than are on screen
    on_screen = {b.blockNumber() for b, _ in view._visible_blocks()}
    assert not on_screen & view._stale
    qtbot.waitUntil(lambda: not view._stale, timeout=20_000)
    QApplication.processEvents()
    after = colours(view)
    view.highlighter.rehighlight()
    assert after == colours(view)


def test_accept_and_reject_all_with_suggested_events_on_a_long_article(qtbot, tmp_path, monkeypatch):
    """Trigger suggestions that come with suggested events and arguments (rows 5c/5d): the file and the window
    agree after accept all triggers, its undo and reject all; lines on screen are painted at once, the events
    panel follows when the window is idle."""
    from annotator.core.annotations import SpanKind
    from annotator.gui import dialogs

    path = tmp_path / "events.annot"
    with Project.create(path, schema="ace2005-zh", user="t") as project:
        (doc_id,), _ = project.importer.add_documents([large_document(30_000, 3_000)], prelabel=False)
        project.triggers.suggest([doc_id])
        doc = project.document(doc_id)
        arguments = sum(len(e.arguments) for e in doc.events)
        assert len(doc.events) > 100 and arguments > len(doc.events)  # events with arguments to decide
    win = shown_window(qtbot, path, doc_id)
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a, **k: True)
    view, state, events = win.page.view, win.page.state, win.events_
    triggers = {s.id for s in state.suggestions() if s.kind == SpanKind.TRIGGER}

    qtbot.keyClick(view, Qt.Key.Key_T, CTRL | SHIFT)
    assert win.session.project.store.pending  # the triggers painted before the edit is made and written
    win.session.flush()
    assert events.later.pending  # the events it made are read again once the window is idle
    stored = file_states(path, doc_id)
    assert stored == {i: s.state for i, s in state.spans.items()}
    assert all(stored[i] == SpanState.ACCEPTED for i in triggers)
    check_lines(win, SpanState.ACCEPTED)
    qtbot.waitUntil(lambda: not events.later.pending, timeout=10_000)  # the panel follows once the window is idle
    with Project.open(path, readonly=True) as project:
        doc = project.document(doc_id)
        assert all(e.state == SpanState.ACCEPTED for e in doc.events)
        assert sum(a.state == SpanState.ACCEPTED for e in doc.events for a in e.arguments) == arguments
    assert len(events.panel.rows) == len(doc.events)
    assert all(e.state == SpanState.ACCEPTED for e in events.events)

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert {s.id for s in state.suggestions() if s.kind == SpanKind.TRIGGER} == triggers
    win.session.flush()
    assert file_states(path, doc_id) == {i: s.state for i, s in state.spans.items()}
    assert all(e.state == SpanState.SUGGESTED for e in events.events)  # asked for: read at once
    check_lines(win, SpanState.SUGGESTED)

    ids = [s.id for s in state.suggestions()]
    win.session.edit("Reject the rest", lambda: win.session.project.edits.reject(ids))
    win.session.flush()
    stored = file_states(path, doc_id)
    assert stored == {i: s.state for i, s in state.spans.items()} and not state.suggestions()
    check_lines(win, SpanState.ACCEPTED)
    qtbot.waitUntil(lambda: not events.later.pending, timeout=10_000)
    assert events.events == [] and events.panel.rows == []
    with Project.open(path, readonly=True) as project:
        assert project.document(doc_id).events == ()
    win.close_project()
