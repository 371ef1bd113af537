"""A copy of the project file taken while the window stays open (an annotator mailing their .annot) holds every
document marked done or skipped, and every edit once the window has been idle: the window folds SQLite's
write-ahead log into the file then, as it does when it closes."""

from __future__ import annotations

import shutil
from pathlib import Path

from events_helpers import CTRL, press
from PySide6.QtCore import Qt

from annotator.core.annotations import ReviewStatus, SpanState
from annotator.service import Project

SHIFT = Qt.KeyboardModifier.ShiftModifier


def copied(path: Path, target: Path, doc_id: int):
    """The document as a copy of the .annot alone (its -wal left behind) has it."""
    shutil.copyfile(path, target)
    with Project.open(target, readonly=True) as project:
        return project.document(doc_id)


def settled(qtbot, window) -> None:
    """Until the window has written the edit and run what it queued after it."""
    qtbot.waitUntil(lambda: not window.session.project.writing)
    qtbot.wait(20)


def test_a_copy_taken_with_the_window_open_holds_the_documents_marked_done_and_skipped(qtbot, window, project_path,
                                                                                       tmp_path, finish_question):
    press(qtbot, window, Qt.Key.Key_Return, CTRL)  # document 1 reviewed (the rest of its suggestions accepted)
    settled(qtbot, window)
    assert copied(project_path, tmp_path / "mailed.annot", 1).status == ReviewStatus.REVIEWED
    assert window.page.state.doc_id == 2
    press(qtbot, window, Qt.Key.Key_Return, CTRL | SHIFT)  # document 2 skipped
    settled(qtbot, window)
    assert copied(project_path, tmp_path / "mailed2.annot", 2).status == ReviewStatus.SKIPPED


def test_a_copy_taken_after_the_window_was_idle_holds_an_edit_of_a_document_not_marked(qtbot, project_path, tmp_path,
                                                                                       monkeypatch):
    from annotator.gui import session
    from tests.gui.conftest import shown_window

    monkeypatch.setattr(session, "IDLE_SAVE_POINT_MS", 1500, raising=False)
    window = shown_window(qtbot, project_path, 1)
    before = copied(project_path, tmp_path / "before.annot", 1)
    suggestion = next(s for s in before.spans if s.state == SpanState.SUGGESTED)
    window.session.edit("accept", lambda: window.session.project.edits.accept([suggestion.id]))
    assert window.session.flush()  # written, at once
    assert next(s for s in copied(project_path, tmp_path / "soon.annot", 1).spans
                if s.id == suggestion.id).state == SpanState.SUGGESTED  # not yet: an edit alone checkpoints nothing
    qtbot.wait(2000)
    after = copied(project_path, tmp_path / "after.annot", 1)
    assert next(s for s in after.spans if s.id == suggestion.id).state == SpanState.ACCEPTED
    window.close_project()
