"""The undo and redo of a bulk edit on a long article (accept all entities, accept all triggers, reject all) are
painted from the Changes the window holds and written after the paint (or by the next key, pressed before the
write): after do, undo, redo and undo the window shows, and the file holds, exactly what the same keys give
when every edit is written at once. Accept all triggers shows in two frames (gui/foresee.py): the triggers
accepted at the key, their events' argument spans once the edit is made after the paint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.gui import dialogs
from annotator.gui.docstate import DocumentState
from annotator.service import Project
from benchmarks.window_speed import build_large_project
from tests.gui.conftest import shown_window
from tests.service.test_planned import everything  # the file's spans, events, arguments, counts and log

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("bulk") / "long.annot"
    return path, build_large_project(path, chars=20_000, spans=2_000, schema="ace2005-zh", triggers=True)


def shown(state: DocumentState) -> tuple:
    """What the window shows of the document: the live spans the paint looks up line by line, the suggestions'
    count, every span's state and the suggestions in order (read in this order: nothing waiting is settled
    before the paint's lookups)."""
    lines = [0, *(i + 1 for i, c in enumerate(state.text) if c == "\n"), len(state.text)]
    painted = [[s.id for s in state.live_spans_in(a, b)] for a, b in zip(lines, lines[1:], strict=False)]
    count = state.suggestion_count()
    return painted, count, {i: s.state for i, s in state.spans.items()}, [s.id for s in state.suggestions()]


ACTIONS = ["accept all entities", "accept all triggers", "reject all"]


@pytest.mark.parametrize("pause", [True, False], ids=["written between keys", "keys before the write"])
@pytest.mark.parametrize("action", ACTIONS)
def test_do_undo_redo_undo_show_and_write_what_writing_at_once_does(qtbot, built, tmp_path, monkeypatch, action,
                                                                     pause):
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *_a, **_k: True)
    source, doc_id = built
    seen: dict[str, list] = {}
    files: dict[str, Path] = {}
    for way in ("deferred", "at once"):
        path = files[way] = Path(shutil.copyfile(source, tmp_path / f"{way}.annot"))
        win = shown_window(qtbot, path, doc_id)
        win.activateWindow()  # (the keys are the window's shortcuts: they reach the active window only)
        qtbot.waitUntil(win.isActiveWindow)
        view, session = win.page.view, win.session
        if way == "at once":
            session.project.write_failed = None  # nobody hears of a failed write: every edit is written at once

        def do(win=win, view=view, session=session) -> None:
            if action == "reject all":
                ids = [s.id for s in win.page.state.suggestions()]
                session.edit("Reject the rest", lambda: session.project.edits.reject(ids))
            else:
                qtbot.keyClick(view, Qt.Key.Key_A if action == "accept all entities" else Qt.Key.Key_T, CTRL | SHIFT)

        steps = [do, lambda view=view: qtbot.keyClick(view, Qt.Key.Key_Z, CTRL),
                 lambda view=view: qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT),
                 lambda view=view: qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)]
        seen[way] = []
        before = shown(win.page.state)
        for step, moved in zip(steps, (1, -1, 1, -1), strict=True):
            at = session.undo_stack.index()
            step()
            assert session.undo_stack.index() == at + moved
            assert session.project.writing == (way == "deferred"), step  # painted first, written after
            view.viewport().repaint()
            frame = shown(win.page.state)
            two_frames = step is do and action == "accept all triggers" and way == "deferred"
            if two_frames:  # the triggers accepted first; their events' argument spans once the edit is made
                first = frame
            seen[way].append(None if two_frames and not pause else frame)
            if not pause:  # the next key writes this one first
                continue
            QApplication.processEvents()  # the zero timers: the write, then what waits in the window
            assert not session.project.writing and win.page.state.settled
            if two_frames:
                seen[way][-1] = shown(win.page.state)
            with Project.open(path, readonly=True) as project:  # the window equals the file, read afresh
                fresh = DocumentState.from_document(project.document(doc_id))
            assert shown(win.page.state) == shown(fresh)
        win.close_project()  # (writes what waits)
        win.close()
    if action == "accept all triggers":  # every span of the first frame in the state the edit gives it
        made, was = seen["at once"][0][2], before[2]  # (its argument spans are accepted with the events, after)
        assert all(made[i] == state for i, state in first[2].items() if state != was[i])
        assert sum(state != was[i] for i, state in first[2].items()) >= 100  # the triggers, at once
        if not pause:
            seen["deferred"][0] = seen["at once"][0]
    assert seen["deferred"] == seen["at once"]
    done, undone, redone, undone_again = seen["deferred"]
    assert done == redone and undone == undone_again and done[1] < undone[1]  # fewer suggestions left after it
    assert everything(files["deferred"]) == everything(files["at once"])


def test_the_span_copies_a_bulk_change_makes_are_kept_out_of_full_collections(qtbot, built, tmp_path):
    """Once the window has made what a bulk undo left for later, its thousands of new span copies are frozen
    like the document's own (a full collection walking them took 10-25 ms of a later key)."""
    import gc

    source, doc_id = built
    path = Path(shutil.copyfile(source, tmp_path / "frozen.annot"))
    win = shown_window(qtbot, path, doc_id)
    session = win.session
    ids = [s.id for s in win.page.state.suggestions()]
    session.edit("Reject the rest", lambda: session.project.edits.reject(ids))
    QApplication.processEvents()
    qtbot.keyClick(win.page.view, Qt.Key.Key_Z, CTRL)
    state = win.page.state
    assert not state.settled  # the spans brought back wait for the paint
    QApplication.processEvents()
    assert state.settled
    back = state._spans[ids[len(ids) // 2]]  # a copy made by settle, after the document was opened
    assert gc.is_tracked(back) and not any(o is back for o in gc.get_objects())  # frozen: no generation holds it
    win.close_project()
