"""The review window driven from the keyboard; every test checks the project file afterwards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.annotations import ReviewStatus, SpanState
from annotator.service import Project
from tests.gui.conftest import shown_window
from tests.gui.gui_helpers import SEED, build_project

NO = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def press(qtbot, win, key, mods=NO) -> None:
    """One key press on the article, as a reviewer types it, and a bulk edit's write that the window's event loop
    runs right after (a zero timer)."""
    qtbot.keyClick(win.page.view, key, mods)
    win.session.flush()


def stored(path: Path, doc_id: int = 1):
    """The document as the project file has it now."""
    with Project.open(path, readonly=True) as project:
        return project.document(doc_id)


def span_at(doc, start: int, end: int):
    """The stored entity span over exactly [start, end), or None."""
    return next((s for s in doc.spans if (s.start, s.end) == (start, end) and s.kind.value == "entity"), None)


def assert_view_matches_file(win, path: Path) -> None:
    """The window's copy of the document equals the file's."""
    state = win.page.state
    doc = stored(path, state.doc_id)
    assert {s.id: s for s in doc.spans} == state.spans
    assert list(doc.tokens) == state.tokens


def test_a_digit_labels_the_token_and_shift_arrows_extend_the_selection(qtbot, window, project_path):
    press(qtbot, window, Qt.Key.Key_Home)
    press(qtbot, window, Qt.Key.Key_3)  # LOC on 全球
    press(qtbot, window, Qt.Key.Key_Right)
    press(qtbot, window, Qt.Key.Key_Right)
    press(qtbot, window, Qt.Key.Key_Right, SHIFT)
    press(qtbot, window, Qt.Key.Key_Right, SHIFT)
    assert window.page.view.selected_text() == "，大幕拉开"
    press(qtbot, window, Qt.Key.Key_5)
    doc = stored(project_path)
    first = span_at(doc, 0, 2)
    assert (doc.text[0:2], first.label, first.state, first.origin) == ("全球", "LOC", SpanState.ACCEPTED, "manual")
    second = span_at(doc, 4, 9)
    assert (doc.text[4:9], second.label) == ("，大幕拉开", "MISC")
    assert doc.status == ReviewStatus.IN_REVIEW
    assert window.page.view.current_span == second.id
    assert_view_matches_file(window, project_path)


def test_the_default_schemas_labels_past_the_ninth_have_letter_keys(qtbot, tmp_path):
    # ace2005-zh's VEH, WEA, GPE and FAC had no key at all: only the menu or a click could give them.
    path = tmp_path / "ace.annot"
    build_project(path, [SEED], schema="ace2005-zh")
    win = shown_window(qtbot, path, 1)
    win.page.view.setFocus()
    press(qtbot, win, Qt.Key.Key_Home)
    press(qtbot, win, Qt.Key.Key_G)
    press(qtbot, win, Qt.Key.Key_Right)
    press(qtbot, win, Qt.Key.Key_Right)
    press(qtbot, win, Qt.Key.Key_W)
    doc = stored(path)
    assert span_at(doc, 0, 2).label == "GPE"
    assert sorted(s.label for s in doc.spans if s.origin == "manual") == ["GPE", "WEA"]
    win.close_project()


def test_enter_and_space_accept_and_move_on_to_the_next_suggestion(qtbot, window, project_path):
    view = window.page.view
    first = window.page.state.spans[view.current_span]
    assert first.state == SpanState.SUGGESTED  # the window opens on the first suggestion
    press(qtbot, window, Qt.Key.Key_Return)
    second = window.page.state.spans[view.current_span]
    assert second.id != first.id and second.start >= first.start
    press(qtbot, window, Qt.Key.Key_Space)
    doc = stored(project_path)
    assert doc.span(first.id).state == SpanState.ACCEPTED
    assert doc.span(second.id).state == SpanState.ACCEPTED
    assert window.page.pending_field.text().startswith(f"{len(window.page.state.suggestions())} suggestion")


def test_x_rejects_a_suggestion_and_delete_removes_a_manual_span(qtbot, window, project_path):
    view = window.page.view
    press(qtbot, window, Qt.Key.Key_Tab)
    target = view.current_span
    press(qtbot, window, Qt.Key.Key_X)
    assert stored(project_path).span(target).state == SpanState.REJECTED  # kept, never suggested again
    press(qtbot, window, Qt.Key.Key_Home)
    press(qtbot, window, Qt.Key.Key_1)
    manual = view.current_span
    press(qtbot, window, Qt.Key.Key_Delete)
    assert manual not in {s.id for s in stored(project_path).spans}
    assert_view_matches_file(window, project_path)


def test_a_digit_on_a_suggestion_relabels_and_accepts_it(qtbot, window, project_path):
    target = window.page.view.current_span
    press(qtbot, window, Qt.Key.Key_2)  # ORG on a TIME suggestion
    span = stored(project_path).span(target)
    assert (span.label, span.state) == ("ORG", SpanState.ACCEPTED)
    assert window.page.palette_bar.buttons["ORG"].isChecked()


def test_ctrl_arrows_grow_and_shrink_a_span_by_tokens(qtbot, window, project_path):
    state, view = window.page.state, window.page.view
    start = state.text.index("中央纪委")
    press(qtbot, window, Qt.Key.Key_Tab)
    while state.spans[view.current_span].start != start:
        press(qtbot, window, Qt.Key.Key_Tab)
    target = view.current_span
    press(qtbot, window, Qt.Key.Key_Right, CTRL)  # end over 监察部
    span = stored(project_path).span(target)
    assert state.text[span.start:span.end] == "中央纪委监察部" and span.state == SpanState.ACCEPTED
    press(qtbot, window, Qt.Key.Key_Left, CTRL | SHIFT)  # start one token left
    press(qtbot, window, Qt.Key.Key_Right, CTRL | SHIFT)  # and back
    press(qtbot, window, Qt.Key.Key_Left, CTRL)  # end back
    span = stored(project_path).span(target)
    assert state.text[span.start:span.end] == "中央纪委"
    assert view.sel == (span.start, span.end)


def test_s_splits_a_token_at_the_selected_character_and_m_merges_it_back(qtbot, window, project_path):
    press(qtbot, window, Qt.Key.Key_Home)
    press(qtbot, window, Qt.Key.Key_Right, ALT)  # the character 球
    assert window.page.view.selected_text() == "球"
    press(qtbot, window, Qt.Key.Key_S)
    assert stored(project_path).tokens[:2] == ((0, 1), (1, 2))
    press(qtbot, window, Qt.Key.Key_Home)
    press(qtbot, window, Qt.Key.Key_M, SHIFT)  # merge and remember
    doc = stored(project_path)
    assert doc.tokens[0] == (0, 2)
    with Project.open(project_path, readonly=True) as project:
        assert "全球" in project.dictionary_words()
    assert_view_matches_file(window, project_path)


def test_merging_selected_tokens_is_one_undoable_edit(qtbot, window, project_path):
    before = stored(project_path).tokens
    press(qtbot, window, Qt.Key.Key_Home)
    press(qtbot, window, Qt.Key.Key_Right, SHIFT)
    press(qtbot, window, Qt.Key.Key_Right, SHIFT)  # 全球 追逃 ，
    press(qtbot, window, Qt.Key.Key_M)
    assert stored(project_path).tokens[0] == (0, 5)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert stored(project_path).tokens == before


def test_undo_and_redo_every_edit_through_the_stack(qtbot, window, project_path):
    view = window.page.view
    target = view.current_span
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Home)
    press(qtbot, window, Qt.Key.Key_1)
    manual = view.current_span
    assert window.session.undo_stack.count() == 2
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert manual not in {s.id for s in stored(project_path).spans}
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert stored(project_path).span(target).state == SpanState.SUGGESTED
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    doc = stored(project_path)
    assert doc.span(target).state == SpanState.ACCEPTED
    assert doc.span(manual).label == "PER"  # the same span comes back, same id
    assert_view_matches_file(window, project_path)


def test_accept_all_and_accept_all_of_one_label_undo_as_one_edit(qtbot, window, project_path):
    press(qtbot, window, Qt.Key.Key_2, ALT)  # every ORG suggestion
    doc = stored(project_path)
    assert all(s.state == SpanState.ACCEPTED for s in doc.spans if s.label == "ORG")
    assert any(s.state == SpanState.SUGGESTED for s in doc.spans)
    press(qtbot, window, Qt.Key.Key_A, CTRL | SHIFT)
    assert not [s for s in stored(project_path).spans if s.state == SpanState.SUGGESTED]
    assert window.page.pending_field.text() == "no suggestions left"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert all(s.state == SpanState.SUGGESTED for s in stored(project_path).spans)
    assert_view_matches_file(window, project_path)


def test_ctrl_enter_marks_reviewed_opens_the_next_and_undo_goes_back(qtbot, window, project_path):
    assert stored(project_path, 1).status == ReviewStatus.PRE_ANNOTATED
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    doc = stored(project_path, 1)
    assert doc.status == ReviewStatus.REVIEWED
    with Project.open(project_path, readonly=True) as project:
        assert project.store.db.execute("SELECT reviewer FROM documents WHERE id = 1").fetchone()[0] == "tester"
    assert window.page.state.doc_id == 2
    assert window.page.doc_list.progress.value() == 1
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # the history survives switching documents
    assert stored(project_path, 1).status == ReviewStatus.PRE_ANNOTATED
    assert window.page.state.doc_id == 1


def test_tab_and_shift_tab_walk_the_suggestions_in_reading_order(qtbot, window):
    state, view = window.page.state, window.page.view
    order = [s.id for s in state.suggestions()]
    assert view.current_span == order[0]
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Tab)
    assert view.current_span == order[2]
    press(qtbot, window, Qt.Key.Key_Backtab, SHIFT)
    assert view.current_span == order[1]
    press(qtbot, window, Qt.Key.Key_Backtab, SHIFT)
    press(qtbot, window, Qt.Key.Key_Backtab, SHIFT)
    assert view.current_span == order[-1]  # wraps around


def test_a_refused_edit_is_a_status_message_and_changes_nothing(qtbot, window, project_path, errors):
    press(qtbot, window, Qt.Key.Key_2, ALT)  # accept every ORG suggestion: 中央纪委 and 监察部 are now decided
    state = window.page.state
    start = state.text.index("中央纪委监察部")
    window.page.view.select_chars(start + 2, start + 6)  # 纪委监察: would cross 中央纪委 and 监察部
    before = stored(project_path).spans
    count = window.session.undo_stack.count()
    press(qtbot, window, Qt.Key.Key_1)
    assert stored(project_path).spans == before
    assert "cross" in window.statusBar().currentMessage()
    assert errors == [] and window.session.undo_stack.count() == count


def test_labelling_across_suggestions_rejects_them_in_one_undoable_edit(qtbot, window, project_path):
    start = window.page.state.text.index("中央纪委监察部")
    window.page.view.select_chars(start + 2, start + 6)  # crosses the suggestions 中央纪委 and 监察部
    press(qtbot, window, Qt.Key.Key_1)
    doc = stored(project_path)
    assert span_at(doc, start + 2, start + 6).label == "PER"
    assert span_at(doc, start, start + 4).state == SpanState.REJECTED
    assert span_at(doc, start + 4, start + 7).state == SpanState.REJECTED
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    doc = stored(project_path)
    assert span_at(doc, start, start + 4).state == SpanState.SUGGESTED
    assert span_at(doc, start + 4, start + 7).state == SpanState.SUGGESTED
    assert_view_matches_file(window, project_path)
