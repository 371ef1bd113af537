"""A bulk edit, its undo and its redo are painted before they are written: the write runs right after (a zero
timer), or first thing when anything else uses the project; the file then holds exactly what the edit made at
once would hold, a failed write puts the window back, and a kill before the write leaves the last committed
state."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.annotations import SpanKind, SpanState
from annotator.service import Project
from annotator.store import bulk

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def press(qtbot, win, key, mods) -> None:
    """One key on the article, nothing else run (the deferred write waits for the event loop)."""
    qtbot.keyClick(win.page.view, key, mods)


def file_rows(path: Path) -> tuple[list, list, list, list]:
    """Spans, events, documents (with their counts) and the change log (without times) as the file has them."""
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT * FROM spans ORDER BY id").fetchall(),
                conn.execute("SELECT * FROM events ORDER BY id").fetchall(),
                conn.execute("SELECT id, status, n_suggested, n_entities, n_events FROM documents").fetchall(),
                conn.execute("SELECT doc_id, user, action, rows FROM changes ORDER BY id").fetchall())
    finally:
        conn.close()


def entity_states(path: Path) -> set[SpanState]:
    with Project.open(path, readonly=True) as project:
        return {s.state for s in project.document(1).spans if s.kind == SpanKind.ENTITY and s.origin != "manual"}


def test_deferred_accept_all_undo_redo_write_what_the_edit_made_at_once_writes(qtbot, window, project_path,
                                                                             tmp_path):
    at_once = shutil.copyfile(project_path, tmp_path / "at_once.annot")
    with Project.open(at_once, user="tester") as project:
        done = project.edits.accept_all(1)
        project.undo(done)
        project.redo(done)
    painted = []
    for key, mods in ((Qt.Key.Key_A, CTRL | SHIFT), (Qt.Key.Key_Z, CTRL), (Qt.Key.Key_Z, CTRL | SHIFT)):
        press(qtbot, window, key, mods)
        assert window.session.project.writing  # painted, not yet written
        painted.append({s.id: s.state for s in window.page.state.spans.values()})
        QApplication.processEvents()  # the zero timer writes it
        assert not window.session.project.writing
    assert painted[0] == painted[2] != painted[1]
    assert set(painted[0].values()) == {SpanState.ACCEPTED}
    window.close_project()
    assert file_rows(project_path) == file_rows(at_once)  # spans, events, counts, log
    with Project.open(project_path, readonly=True) as reopened:
        assert {s.id: s.state for s in reopened.document(1).spans} == painted[2]


def test_a_second_key_before_the_write_runs_on_the_committed_edit(qtbot, window, project_path):
    press(qtbot, window, Qt.Key.Key_A, CTRL | SHIFT)
    assert entity_states(project_path) == {SpanState.SUGGESTED}  # another reader: only what is committed
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # writes the accept first, then undoes it (deferred in turn)
    assert entity_states(project_path) == {SpanState.ACCEPTED}
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert entity_states(project_path) == {SpanState.SUGGESTED}
    window.page.open_document(2)  # anything else that reads the project writes it first
    assert entity_states(project_path) == {SpanState.ACCEPTED}
    actions = [row[2] for row in file_rows(project_path)[3]]
    assert actions[-3:] == ["accept all", "undo accept all", "redo accept all"]


def test_a_failed_write_puts_the_window_and_the_history_back(qtbot, window, project_path, errors, monkeypatch):
    before = file_rows(project_path)
    shown = {s.id: s.state for s in window.page.state.spans.values()}

    def full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(bulk, "set_column", full)
    press(qtbot, window, Qt.Key.Key_A, CTRL | SHIFT)
    assert {s.state for s in window.page.state.spans.values()} == {SpanState.ACCEPTED}  # painted
    QApplication.processEvents()
    assert {s.id: s.state for s in window.page.state.spans.values()} == shown  # put back
    assert errors and "disk" in errors[-1]
    stack = window.session.undo_stack
    assert stack.count() == 0 and not stack.canUndo()  # no edit to undo that the file never had
    assert file_rows(project_path) == before
    monkeypatch.undo()
    press(qtbot, window, Qt.Key.Key_A, CTRL | SHIFT)  # the same key works once the disk has room
    QApplication.processEvents()
    assert entity_states(project_path) == {SpanState.ACCEPTED} and stack.count() == 1


def test_a_failed_undo_write_leaves_the_edit_done(qtbot, window, project_path, errors, monkeypatch):
    press(qtbot, window, Qt.Key.Key_A, CTRL | SHIFT)
    QApplication.processEvents()
    monkeypatch.setattr(bulk, "set_column", lambda *_a, **_k: (_ for _ in ()).throw(
        sqlite3.OperationalError("disk I/O error")))
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    QApplication.processEvents()
    assert {s.state for s in window.page.state.spans.values()} == {SpanState.ACCEPTED}
    stack = window.session.undo_stack
    assert (stack.index(), stack.count()) == (1, 1) and errors
    assert entity_states(project_path) == {SpanState.ACCEPTED}


KILLED = """
import os, signal, sys
from annotator.service import Project
project = Project.open(sys.argv[1])
project.defer_writes(lambda exc, revert: None)
changes = project.edits.accept_all(1)
assert project.writing and changes.span_states
if sys.argv[2] == "after":
    project.flush()
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_kill_right_after_the_paint_leaves_a_consistent_file(project_path, when):
    done = subprocess.run([sys.executable, "-c", KILLED, str(project_path), when], capture_output=True,
                          env={"PYTHONPATH": ":".join(sys.path)}, timeout=120)
    assert done.returncode == -9, done.stderr.decode()
    conn = sqlite3.connect(project_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    expected = SpanState.SUGGESTED if when == "before" else SpanState.ACCEPTED
    assert entity_states(project_path) == {expected}
    assert ("accept all" in [row[2] for row in file_rows(project_path)[3]]) == (when == "after")


@pytest.mark.parametrize("how", ["undo", "redo"])
def test_an_undo_or_redo_refused_on_the_key_leaves_the_history_where_the_file_is(qtbot, window, project_path,
                                                                                    errors, monkeypatch, how):
    """Not a deferred write: the service refuses the undo (or redo) before writing; the stack stays put, so the
    next Ctrl+Z (or Ctrl+Shift+Z) tries the same edit again, not the one before it."""
    from annotator.core.errors import ProjectError

    session, state = window.session, window.page.state
    project, stack = session.project, session.undo_stack
    first = next(s for s in state.suggestions() if s.kind == SpanKind.ENTITY)
    session.edit("accept", lambda: project.edits.accept([first.id]))
    if how == "redo":
        session.undo()
    at = stack.index()

    def refuse(_changes):
        raise ProjectError("the project changed", path=str(project_path))
    real = getattr(project, how)
    monkeypatch.setattr(project, how, refuse)
    getattr(session, how)()
    assert stack.index() == at and stack.count() == 1 and errors
    expected = SpanState.ACCEPTED if how == "undo" else SpanState.SUGGESTED
    assert state.span(first.id).state == expected
    monkeypatch.setattr(project, how, real)
    getattr(session, how)()  # the same edit, now that the service takes it
    assert stack.index() == (0 if how == "undo" else 1)
    assert state.span(first.id).state == (SpanState.SUGGESTED if how == "undo" else SpanState.ACCEPTED)


@pytest.mark.parametrize("how", ["undo", "redo"])
def test_an_undo_or_redo_of_several_records_that_fails_half_way_leaves_the_file_as_the_window(
        qtbot, window, project_path, errors, monkeypatch, how):
    """A command of two service calls (as Ctrl+Enter's accept-the-rest): its undo (or redo) undoes one record,
    then the service refuses the other. The one undone is put back, so the file still holds the whole edit, as
    the window (which was not told of the half) and the undo stack do."""
    from annotator.core.errors import ProjectError

    session, state = window.session, window.page.state
    project, stack = session.project, session.undo_stack
    a, b = [s for s in state.suggestions() if s.kind == SpanKind.ENTITY][:2]
    session.edit("accept two", lambda: project.edits.accept([a.id]), lambda: project.edits.accept([b.id]))
    if how == "redo":
        session.undo()
    at = stack.index()
    expected = SpanState.ACCEPTED if how == "undo" else SpanState.SUGGESTED
    real, calls = getattr(project, how), []

    def second_refused(changes):
        calls.append(changes)
        if len(calls) == 2:
            raise ProjectError("the project changed", path=str(project_path))
        return real(changes)
    monkeypatch.setattr(project, how, second_refused)
    getattr(session, how)()
    assert len(calls) == 2 and errors and stack.index() == at
    with Project.open(project_path, readonly=True) as fresh:
        spans = {s.id: s.state for s in fresh.document(1).spans}
    assert spans[a.id] == spans[b.id] == expected  # the half applied was put back
    assert state.span(a.id).state == state.span(b.id).state == expected  # the window shows the file
    monkeypatch.setattr(project, how, real)
    getattr(session, how)()  # taken now: both records
    with Project.open(project_path, readonly=True) as fresh:
        spans = {s.id: s.state for s in fresh.document(1).spans}
    other = SpanState.SUGGESTED if how == "undo" else SpanState.ACCEPTED
    assert spans[a.id] == spans[b.id] == other == state.span(a.id).state == state.span(b.id).state


def test_an_edit_of_several_calls_that_fails_half_way_leaves_the_file_as_it_was(qtbot, window, project_path, errors):
    """The second service call of a command fails: the first one's change is undone, nothing goes on the stack."""
    from annotator.core.errors import ProjectError

    session, state = window.session, window.page.state
    project, stack = session.project, session.undo_stack
    a = next(s for s in state.suggestions() if s.kind == SpanKind.ENTITY)

    def refused():
        raise ProjectError("the project changed", path=str(project_path))
    assert session.edit("accept, then fail", lambda: project.edits.accept([a.id]), refused) is None
    assert errors and stack.count() == 0
    with Project.open(project_path, readonly=True) as fresh:
        assert next(s for s in fresh.document(1).spans if s.id == a.id).state == SpanState.SUGGESTED
