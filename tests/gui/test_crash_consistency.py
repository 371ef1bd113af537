"""The window's undo stack and the file never disagree: what a crash leaves on disk is what the window showed."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from annotator.service import Project

CTRL = Qt.KeyboardModifier.ControlModifier
NO = Qt.KeyboardModifier.NoModifier


def crash_copy(path: Path, into: Path) -> Path:
    """The project's files exactly as a SIGKILL at this moment would leave them (main file and its WAL)."""
    target = into / path.name
    for suffix in ("", "-wal"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    return target


def test_a_crash_after_edits_and_undos_leaves_exactly_what_the_window_showed(qtbot, window, project_path, tmp_path):
    view = window.page.view
    for key, mods in [(Qt.Key.Key_Tab, NO), (Qt.Key.Key_Return, NO), (Qt.Key.Key_Tab, NO), (Qt.Key.Key_X, NO),
                      (Qt.Key.Key_Home, NO), (Qt.Key.Key_3, NO), (Qt.Key.Key_Z, CTRL), (Qt.Key.Key_Right, NO),
                      (Qt.Key.Key_Right, NO), (Qt.Key.Key_4, NO)]:
        qtbot.keyClick(view, key, mods)
        state = window.page.state
        crashed = tmp_path / f"crash{window.session.undo_stack.index()}-{key}"
        crashed.mkdir(exist_ok=True)
        with Project.open(crash_copy(project_path, crashed), readonly=True) as reopened:
            doc = reopened.document(state.doc_id)
            assert {s.id: s for s in doc.spans} == state.spans
            assert list(doc.tokens) == state.tokens
    # accept, reject, label (undone, then replaced by the next edit), label: three edits stand
    assert window.session.undo_stack.count() == 3 and window.session.undo_stack.index() == 3
