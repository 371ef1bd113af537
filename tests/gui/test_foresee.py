"""A bulk edit shown from what the window holds (gui/foresee.py): the key paints the spans' new states, the edit
runs after the paint; the file and the window after do, undo and redo equal the edit made at once, and an edit
that fails, or that differs from what was shown, leaves the window showing the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.annotations import ReviewStatus, SpanKind, SpanState
from annotator.core.errors import ProjectError
from annotator.gui import dialogs, foresee
from annotator.service import Changes, Project
from annotator.service.changes import DocumentChange, SpanStatesChange
from benchmarks.window_speed import large_document
from tests.gui.conftest import shown_window
from tests.gui.test_deferred_write import file_rows

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
ACCEPT_ALL, ACCEPT_TRIGGERS, REJECT_ALL, UNDO, REDO = (
    (Qt.Key.Key_A, CTRL | SHIFT), (Qt.Key.Key_T, CTRL | SHIFT), (Qt.Key.Key_X, CTRL | SHIFT), (Qt.Key.Key_Z, CTRL),
    (Qt.Key.Key_Z, CTRL | SHIFT))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, int]:
    """A long article with entity and trigger suggestions, the triggers with suggested events and arguments."""
    path = tmp_path_factory.mktemp("foresee") / "events.annot"
    with Project.create(path, schema="ace2005-zh", user="t") as project:
        (doc_id,), _ = project.importer.add_documents([large_document(20_000, 2_000)], prelabel=False)
        project.triggers.suggest([doc_id])
        doc = project.document(doc_id)
        assert len(doc.events) > 100 and sum(len(e.arguments) for e in doc.events) > len(doc.events)
    return path, doc_id


@pytest.fixture
def copies(built, tmp_path) -> tuple[Path, Path, int]:
    """The project for the window, and a copy the same edits are made at once in."""
    path, doc_id = built
    return (shutil.copyfile(path, tmp_path / "window.annot"), shutil.copyfile(path, tmp_path / "at_once.annot"),
            doc_id)


@pytest.fixture(autouse=True)
def yes(monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a, **k: True)


def window_states(win) -> dict[int, SpanState]:
    return {i: s.state for i, s in win.page.state.spans.items()}


def file_states(path: Path, doc_id: int) -> tuple[dict[int, SpanState], list[tuple[int, str]]]:
    with Project.open(path, readonly=True) as project:
        doc = project.document(doc_id)
        return {s.id: s.state for s in doc.spans}, sorted((e.id, e.state.value) for e in doc.events)


def at_once(path: Path, doc_id: int, action: str) -> None:
    """The edit, its undo and its redo made at once by the service (the CLI's path)."""
    with Project.open(path, user="tester") as project:
        doc = project.document(doc_id)
        suggestions = [s for s in doc.spans if s.state == SpanState.SUGGESTED and s.kind != SpanKind.ARGUMENT]
        if action == "entities":
            done = project.edits.accept_all(doc_id)
        elif action == "triggers":
            done = project.triggers.accept_many([s.id for s in suggestions if s.kind == SpanKind.TRIGGER])
        else:
            done = project.edits.reject([s.id for s in suggestions])
        project.undo(done)
        project.redo(done)


@pytest.mark.parametrize("action", ["entities", "triggers", "reject"])
def test_shown_first_then_made_equals_the_edit_made_at_once(qtbot, copies, action, monkeypatch):
    path, once, doc_id = copies
    shown, rests = [], []
    show_first, remainder = foresee.show_first, foresee.remainder
    monkeypatch.setattr(foresee, "show_first", lambda *a: (shown.append(a[2]), show_first(*a))[1])
    monkeypatch.setattr(foresee, "remainder", lambda *a: (rests.append(remainder(*a)), rests[-1])[1])
    at_once(once, doc_id, action)
    win = shown_window(qtbot, path, doc_id)
    view, state = win.page.view, win.page.state
    before = window_states(win)
    do = {"entities": lambda: qtbot.keyClick(view, *ACCEPT_ALL), "triggers": lambda: qtbot.keyClick(view, *ACCEPT_TRIGGERS),
          "reject": lambda: qtbot.keyClick(view, *REJECT_ALL)}[action]
    painted = []
    for step in (do, lambda: qtbot.keyClick(view, *UNDO), lambda: qtbot.keyClick(view, *REDO)):
        step()
        assert win.session.project.writing  # painted, not yet made (or written)
        painted.append(window_states(win))
        QApplication.processEvents()  # the zero timer makes (and writes) it
        assert not win.session.project.writing
        assert window_states(win) == file_states(path, doc_id)[0]  # the window shows the file
        qtbot.waitUntil(lambda: not win.events_.later.pending)  # the events panel follows when idle
        assert sorted((e.id, e.state.value) for e in win.events_.events) == file_states(path, doc_id)[1]
    assert len(shown) == len(rests) == 1 and rests[0] is not None  # made as shown, and then some
    assert painted[1] == before
    if action == "entities":  # the whole edit is its spans' states: the key painted all of it
        assert painted[0] == painted[2] == window_states(win)
    assert bool(state.suggestions()) == (action != "reject")  # redone: none left only after reject all
    win.close_project()
    assert file_rows(path) == file_rows(once)  # spans, events, counts and the change log


def test_a_key_before_the_edit_is_made_runs_it_first(qtbot, copies):
    path, _, doc_id = copies
    win = shown_window(qtbot, path, doc_id)
    view = win.page.view
    started = file_states(path, doc_id)
    qtbot.keyClick(view, *ACCEPT_TRIGGERS)
    assert file_states(path, doc_id) == started  # another reader: only what is committed
    qtbot.keyClick(view, *UNDO)  # makes the accept first, then undoes it (deferred in turn)
    made = file_states(path, doc_id)
    assert made != started and all(state == "accepted" for _, state in made[1])
    win.session.flush()
    assert file_states(path, doc_id) == started
    assert [row[2] for row in file_rows(path)[3]][-2:] == ["accept trigger", "undo accept trigger"]
    qtbot.keyClick(view, *ACCEPT_ALL)
    win.close_project()  # closing makes and writes it
    with Project.open(path, readonly=True) as project:
        spans = project.document(doc_id).spans
    assert not [s for s in spans if s.kind == SpanKind.ENTITY and s.state == SpanState.SUGGESTED]


def watched(qtbot, copies):
    """The window on a copy, what it shows before any key, its undo stack, and the errors it is told of."""
    path, _, doc_id = copies
    win = shown_window(qtbot, path, doc_id)
    errors: list = []
    win.session.failed.connect(errors.append)
    return path, doc_id, win, window_states(win), win.session.undo_stack, errors


@pytest.mark.parametrize("fault, said", [
    (lambda path: ProjectError("the disk is full", path=str(path)), "the disk is full"),
    # Not an AnnotatorError (a bug, a driver error): as a deferred write's, named as a ProjectError.
    (lambda path: RuntimeError("a bug"), "could not be saved (a bug)"),
], ids=["project error", "unforeseen fault"])
def test_an_edit_that_fails_after_the_paint_puts_the_window_back(qtbot, copies, monkeypatch, fault, said):
    path, doc_id, win, before, stack, errors = watched(qtbot, copies)

    def failing(*_a, **_k):
        raise fault(path)
    monkeypatch.setattr(win.session.project.edits, "accept_all", failing)
    qtbot.keyClick(win.page.view, *ACCEPT_ALL)
    assert window_states(win) != before  # shown
    QApplication.processEvents()
    assert window_states(win) == before == file_states(path, doc_id)[0]
    assert stack.count() == 0 and len(errors) == 1 and isinstance(errors[0], ProjectError)
    assert said in str(errors[0])
    with Project.open(path, readonly=True) as project:
        assert win.page.state.status == project.document(doc_id).status


def test_an_edit_that_differs_from_what_was_shown_is_shown_as_made(qtbot, copies, monkeypatch):
    path, _, doc_id = copies
    win = shown_window(qtbot, path, doc_id)
    state = win.page.state
    entities = [s for s in state.suggestions() if s.kind == SpanKind.ENTITY]
    kept = entities[0]
    project = win.session.project

    def all_but_one(doc: int, *, label: str | None = None) -> Changes:  # as if one could not be accepted
        return project.edits.accept([s.id for s in entities[1:]])
    monkeypatch.setattr(project.edits, "accept_all", all_but_one)
    qtbot.keyClick(win.page.view, *ACCEPT_ALL)
    assert state.span(kept.id).state == SpanState.ACCEPTED  # shown as foreseen
    QApplication.processEvents()
    assert window_states(win) == file_states(path, doc_id)[0]
    qtbot.keyClick(win.page.view, *UNDO)
    QApplication.processEvents()
    assert window_states(win) == file_states(path, doc_id)[0]
    assert all(state.span(s.id).state == SpanState.SUGGESTED for s in entities)


def test_what_an_edit_made_beyond_what_was_shown():
    shown = Changes("accept", frozenset({1}), frozenset({"spans", "documents", "status"}),
                    documents=(DocumentChange(1, status=ReviewStatus.IN_REVIEW),),
                    span_states=(SpanStatesChange(1, (1, 2), SpanState.SUGGESTED, SpanState.ACCEPTED,
                                                  (("model", 2),)),))
    made = Changes("accept", frozenset({1}), frozenset({"spans", "documents", "status", "events"}),
                   documents=(DocumentChange(1, status=ReviewStatus.IN_REVIEW),),
                   span_states=(SpanStatesChange(1, (1, 2, 3), SpanState.SUGGESTED, SpanState.ACCEPTED,
                                                 (("events", 1), ("model", 2))),))
    rest = foresee.remainder(shown, made)
    assert rest is not None and rest.documents == () and rest.kinds == {"spans", "events"}
    assert rest.span_states == (SpanStatesChange(1, (3,), SpanState.SUGGESTED, SpanState.ACCEPTED, (("events", 1),)),)
    assert foresee.remainder(made, shown) is None  # shown more than was made
    assert foresee.remainder(shown, Changes("accept", frozenset({1}))) is None


def test_an_edit_that_changes_nothing_after_all_is_dropped(qtbot, copies, monkeypatch):
    path, doc_id, win, before, stack, errors = watched(qtbot, copies)
    monkeypatch.setattr(win.session.project.edits, "accept_all", lambda doc, **_k: Changes("accept all"))
    qtbot.keyClick(win.page.view, *ACCEPT_ALL)
    QApplication.processEvents()
    assert window_states(win) == before == file_states(path, doc_id)[0]
    assert stack.count() == 0 and errors == []


def test_an_export_right_after_the_key_holds_the_edit(qtbot, copies, tmp_path):
    path, once, doc_id = copies
    with Project.open(once, user="tester") as project:
        project.triggers.accept_many([s.id for s in project.document(doc_id).spans
                                      if s.kind == SpanKind.TRIGGER and s.state == SpanState.SUGGESTED])
        project.exporter.export(tmp_path / "at_once.jsonl", statuses=["all"], with_suggestions=True)
    win = shown_window(qtbot, path, doc_id)
    qtbot.keyClick(win.page.view, *ACCEPT_TRIGGERS)
    assert win.session.project.writing  # shown, not made yet: the export's read makes and writes it first
    win.session.project.exporter.export(tmp_path / "window.jsonl", statuses=["all"], with_suggestions=True)
    exported = (tmp_path / "window.jsonl").read_text(encoding="utf-8")
    assert exported == (tmp_path / "at_once.jsonl").read_text(encoding="utf-8") and '"events"' in exported
    QApplication.processEvents()
    assert window_states(win) == file_states(path, doc_id)[0]


def test_the_suggestions_counted_while_idle_follow_every_edit(qtbot, copies, monkeypatch):
    path, _, doc_id = copies
    win = shown_window(qtbot, path, doc_id)
    state, project = win.page.state, win.session.project
    foresee.prepare(state)  # as the window does once a bulk change is made
    passes = []
    counted = foresee._counted
    monkeypatch.setattr(foresee, "_counted", lambda spans: (passes.append(1), counted(spans))[1])
    entities = {s.id for s in state.suggestions() if s.kind == SpanKind.ENTITY}
    foreseen = foresee.accepting_entities(project, state)
    assert foreseen is not None and set(foreseen.shown.span_states[0].ids) == entities and passes == []
    first = min(entities)
    win.session.edit("accept", lambda: project.edits.accept([first]))  # one span: the counts are out of date
    QApplication.processEvents()
    foreseen = foresee.accepting_entities(project, state)
    assert foreseen is not None and set(foreseen.shown.span_states[0].ids) == entities - {first} and passes == [1]


@pytest.fixture
def small(tmp_path) -> tuple[Path, int]:
    """A short article (its events panel follows each edit at once) with more suggestions than a bulk edit."""
    path = tmp_path / "small.annot"
    with Project.create(path, schema="ace2005-zh", user="t") as project:
        (doc_id,), _ = project.importer.add_documents([large_document(6_000, 600)], prelabel=False)
        project.triggers.suggest([doc_id])
        assert len(project.document(doc_id).events) > 10
    return path, doc_id


@pytest.mark.parametrize("fails", [False, True])
def test_a_view_reading_the_file_while_the_key_is_shown_makes_the_edit_first(qtbot, small, monkeypatch, fails):
    """Rejecting suggestions that trigger events: on a short article the events panel reads them again at once,
    inside the key, so the edit is made there; the window still ends up showing the file."""
    from annotator.gui.page import BIG_DOCUMENT

    path, doc_id = small
    win = shown_window(qtbot, path, doc_id)
    state, stack = win.page.state, win.session.undo_stack
    assert state.span_count < BIG_DOCUMENT and len(state.suggestions()) > foresee.BULK
    before = window_states(win)
    errors = []
    win.session.failed.connect(errors.append)
    if fails:
        def full(_ids):
            raise ProjectError("the disk is full", path=str(path))
        monkeypatch.setattr(win.session.project.edits, "reject", full)
    qtbot.keyClick(win.page.view, *REJECT_ALL)
    assert not win.session.project.writing  # made (or failed) inside the key, as the panel read the file
    assert window_states(win) == file_states(path, doc_id)[0]
    assert sorted((e.id, e.state.value) for e in win.events_.events) == file_states(path, doc_id)[1]
    assert stack.count() == (0 if fails else 1) and len(errors) == (1 if fails else 0)
    if not fails:
        qtbot.keyClick(win.page.view, *UNDO)
        QApplication.processEvents()
    assert window_states(win) == before == file_states(path, doc_id)[0]


def test_reject_all_right_after_an_edit_that_differed_lists_what_the_file_holds(qtbot, copies, monkeypatch):
    """Ctrl+Shift+X pressed before the accept all shown first is made: the suggestions it rejects are those left
    once that edit is made (one entity it could not accept is still a suggestion), not those the key saw."""
    path, _, doc_id = copies
    win = shown_window(qtbot, path, doc_id)
    state, project = win.page.state, win.session.project
    entities = [s for s in state.suggestions() if s.kind == SpanKind.ENTITY]
    accept_all = project.edits.accept

    def all_but_one(doc: int, *, label: str | None = None) -> Changes:  # as if one could not be accepted
        return accept_all([s.id for s in entities[1:]])
    monkeypatch.setattr(project.edits, "accept_all", all_but_one)
    qtbot.keyClick(win.page.view, *ACCEPT_ALL)
    qtbot.keyClick(win.page.view, *REJECT_ALL)  # before the zero timer made the accept
    QApplication.processEvents()
    states = file_states(path, doc_id)[0]
    assert states[entities[0].id] == SpanState.REJECTED
    assert all(states[s.id] == SpanState.ACCEPTED for s in entities[1:])  # the accepted ones stay
    assert window_states(win) == states and state.suggestions() == []


def test_an_undo_pressed_before_an_edit_that_changes_nothing_undoes_nothing_else(qtbot, copies, monkeypatch):
    """Ctrl+Z before the zero timer: the shown edit is made first, changes nothing and goes; the key then does
    not undo the edit before it (as after a write that failed, the window was put back: the key waits)."""
    path, _, doc_id = copies
    win = shown_window(qtbot, path, doc_id)
    state, project, stack = win.page.state, win.session.project, win.session.undo_stack
    first = next(s for s in state.suggestions() if s.kind == SpanKind.ENTITY)
    win.session.edit("accept", lambda: project.edits.accept([first.id]))
    QApplication.processEvents()
    monkeypatch.setattr(project.edits, "accept_all", lambda doc, **_k: Changes("accept all"))
    qtbot.keyClick(win.page.view, *ACCEPT_ALL)
    qtbot.keyClick(win.page.view, *UNDO)
    QApplication.processEvents()
    assert stack.count() == stack.index() == 1
    assert file_states(path, doc_id)[0][first.id] == SpanState.ACCEPTED == state.span(first.id).state
    assert window_states(win) == file_states(path, doc_id)[0]
