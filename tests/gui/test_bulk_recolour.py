"""A bulk edit on a long article: lines on screen are re-coloured at once, the rest while idle, and in the end
every line shows what a full re-colouring shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.service import Project
from benchmarks.window_speed import large_document


def colours(view) -> list[tuple]:
    """Every line's highlight ranges as (line, start, length, background)."""
    out = []
    block = view.document().begin()
    while block.isValid():
        for r in block.layout().formats():
            out.append((block.blockNumber(), r.start, r.length, r.format.background().color().name()))
        block = block.next()
    return out


def test_bulk_accept_recolours_visible_lines_now_and_the_rest_when_idle(qtbot, tmp_path):
    from annotator.gui.window import MainWindow

    path = tmp_path / "long.annot"
    with Project.create(path, schema="news-zh", user="t") as project:
        (doc_id,), _ = project.importer.add_documents([large_document(30_000, 3_000)], prelabel=False)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(path, doc_id=doc_id)
    win.show()
    qtbot.waitExposed(win)
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
    win.close_project()
