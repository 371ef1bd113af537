"""The article repaints only what an edit or a selection change touched, and what it shows equals a full repaint."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
from annotator.gui.article_view import ArticleView
from annotator.gui.docstate import DocumentState
from annotator.gui.marks import BlockMarks
from annotator.service import Changes
from annotator.service.changes import SpanChange

CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)


def on_screen(view: ArticleView) -> QImage:
    """The viewport's pixels as last painted (the window's backing store; nothing is repainted for this)."""
    window = view.window()
    corner = view.viewport().mapTo(window, QPoint(0, 0))
    size = view.viewport().size()
    return window.screen().grabWindow(window.winId(), corner.x(), corner.y(), size.width(), size.height()).toImage()


def repainted_from_scratch(view: ArticleView) -> QImage:
    """The viewport after forgetting every cached mark and colour and painting all of it again."""
    view.marks.clear()
    view.highlighter.rehighlight()
    view.viewport().repaint()
    QApplication.processEvents()
    return on_screen(view)


def test_every_edit_shows_what_a_full_repaint_shows(window, qtbot):
    """Accept, reject, label, relabel, resize, split, merge, undo and redo: the partly repainted view is right."""
    view = window.page.view
    QApplication.processEvents()
    assert view.window().windowHandle().isExposed()  # painted for real, so the screen shows what was painted
    keys = [(Qt.Key.Key_Tab, 0), (Qt.Key.Key_Return, 0), (Qt.Key.Key_X, 0), (Qt.Key.Key_Escape, 0),
            (Qt.Key.Key_Right, 0), (Qt.Key.Key_1, 0), (Qt.Key.Key_2, 0), (Qt.Key.Key_Right, CTRL),
            (Qt.Key.Key_Z, CTRL), (Qt.Key.Key_Z, CTRL | SHIFT), (Qt.Key.Key_Escape, 0), (Qt.Key.Key_Right, 0),
            (Qt.Key.Key_Right, ALT), (Qt.Key.Key_S, 0), (Qt.Key.Key_Left, 0), (Qt.Key.Key_M, 0),
            (Qt.Key.Key_Z, CTRL), (Qt.Key.Key_Tab, SHIFT), (Qt.Key.Key_Delete, 0), (Qt.Key.Key_Z, CTRL)]
    changed = 0
    for key, mods in keys:
        before = on_screen(view)
        qtbot.keyClick(view, key, Qt.KeyboardModifier(mods))
        QApplication.processEvents()
        shown = on_screen(view)
        changed += shown != before
        assert shown == repainted_from_scratch(view), f"stale pixels after {key} {mods}"
    assert changed >= len(keys) - 4  # the keys really changed the picture (Escape on a token may not)


def test_marks_follow_resizing_and_zoom(qtbot):
    """A cached line's marks are measured again when its layout changes (narrower, wider, zoomed)."""
    text = "国务院总理李克强今天在北京会见了来访的德国外长\n新华社记者从公安部获悉追逃工作取得重大进展" * 3
    tokens = tuple((i, i + 1) for i in range(len(text)) if text[i] != "\n")
    spans = tuple(EntitySpan(i + 1, s, s + 2, "ORG", state=SpanState.SUGGESTED if i % 2 else SpanState.ACCEPTED)
                  for i, s in enumerate(range(0, len(text) - 2, 7)) if "\n" not in text[s:s + 2])
    from annotator.core.schema import load_schema
    from annotator.gui.highlighter import SpanStyles

    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.set_document(DocumentState.from_document(AnnotatedDocument(title="t", text=text, tokens=tokens,
                                                                    spans=spans, id=1)),
                      SpanStyles(load_schema("news-zh")))
    with qtbot.waitExposed(view):
        view.show()
    for step in (lambda: view.resize(470, 300), lambda: view.resize(440, 300), lambda: view.resize(320, 300),
                 lambda: view.resize(640, 300), lambda: view.set_point_size(20),
                 lambda: view.set_point_size(11)):
        step()
        QApplication.processEvents()
        view.viewport().repaint()
        assert on_screen(view) == repainted_from_scratch(view)


def test_forgetting_a_block_measures_only_that_block_again(qtbot, monkeypatch):
    """The cache is what saves the work: a repaint after an edit measures the edited line, not the screen."""
    from annotator.gui import marks

    text = "\n".join(["北京上海广州深圳"] * 12)
    tokens = tuple((line + i, line + i + 2) for line in range(0, len(text), 9) for i in (0, 2, 4, 6))
    from annotator.core.schema import load_schema
    from annotator.gui.highlighter import SpanStyles

    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.set_document(DocumentState.from_document(AnnotatedDocument(title="t", text=text, tokens=tokens, id=1)),
                      SpanStyles(load_schema("news-zh")))
    with qtbot.waitExposed(view):
        view.show()
    measured: list[int] = []
    edges: list[int] = []
    real, real_edges = marks._measure, marks._edges
    monkeypatch.setattr(marks, "_measure", lambda state, block, stamp: (measured.append(block.blockNumber()),
                                                                         real(state, block, stamp))[1])
    monkeypatch.setattr(marks, "_edges", lambda state, block, spans: (edges.append(block.blockNumber()),
                                                                      real_edges(state, block, spans))[1])
    view.viewport().repaint()
    assert measured == edges == [] and len(view.marks._blocks) == 12  # the first paint measured every line
    span = EntitySpan(1, 9 * 3, 9 * 3 + 2, "LOC")
    for change in (SpanChange(1, None, span), SpanChange(1, span, None)):  # a span on the fourth line, then gone
        view.state.apply(Changes("edit", frozenset({1}), frozenset({"spans"}), spans=(change,)))
        view.refresh_ranges([(span.start, span.end)])
        view.viewport().repaint()
    # Its span edges measured once with the span, its token boundaries kept; without the span the line shows
    # what it showed before: those edges are drawn again.
    assert measured == [] and edges == [3]
    view.refresh_tokens()  # a token split or merged: every line measured again
    view.viewport().repaint()
    assert len(measured) == 12
    assert isinstance(view.marks, BlockMarks)


def test_the_undo_and_redo_of_a_bulk_rejection_draw_the_marks_measured_before(qtbot, tmp_path, monkeypatch):
    """Reject every suggestion of a long article, undo, redo, undo: the lines on screen show what a full
    repaint shows, and from the undo on no line is measured again (its boundaries and spans are as before)."""
    from annotator.gui import marks
    from annotator.service import Project
    from benchmarks.window_speed import large_document
    from tests.gui.conftest import shown_window

    path = tmp_path / "long.annot"
    with Project.create(path, schema="news-zh", user="t") as project:
        (doc_id,), _ = project.importer.add_documents([large_document(30_000, 3_000)], prelabel=False)
    win = shown_window(qtbot, path, doc_id)
    view, session = win.page.view, win.session
    measured: list[int] = []
    real, real_edges = marks._measure, marks._edges
    monkeypatch.setattr(marks, "_measure", lambda state, block, stamp: (
        measured.append(block.blockNumber()), real(state, block, stamp))[1])
    monkeypatch.setattr(marks, "_edges", lambda state, block, spans: (
        measured.append(block.blockNumber()), real_edges(state, block, spans))[1])
    view.viewport().repaint()
    QApplication.processEvents()
    ids = [s.id for s in win.page.state.suggestions()]
    assert len(ids) > 1000
    session.edit("Reject the rest", lambda: session.project.edits.reject(ids))
    view.viewport().repaint()
    QApplication.processEvents()

    def as_from_scratch() -> bool:  # (the marks kept as they were: a full repaint forgets them all)
        kept = dict(view.marks._blocks), dict(view.marks._earlier)
        same = on_screen(view) == repainted_from_scratch(view)
        view.marks._blocks, view.marks._earlier = kept
        return same

    assert measured and as_from_scratch()
    for key in (Qt.Key.Key_Z, Qt.Key.Key_Y, Qt.Key.Key_Z):
        measured.clear()
        qtbot.keyClick(view, key, CTRL)
        view.viewport().repaint()
        QApplication.processEvents()
        assert measured == [], key
        assert as_from_scratch(), key
    assert len(win.page.state.suggestions()) == len(ids)
    win.close_project()
