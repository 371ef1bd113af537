"""Ctrl+Enter on a document that still holds undecided suggestions or events missing required roles asks
what to do with them (accept the rest / reject the rest / go back), and can remember the answer."""

from __future__ import annotations

import events_helpers
from events_helpers import CTRL, press, stored
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from annotator.core.annotations import ReviewStatus, SpanKind, SpanState
from annotator.core.events import EventWarning, WarningKind
from annotator.gui import finish_dialog
from annotator.gui.finish_dialog import FinishChoice, FinishReviewDialog, describe
from annotator.service.review import OpenWork

built_events_project, events_path, ev_window = (events_helpers.built_events_project, events_helpers.events_path,
                                                events_helpers.ev_window)


def suggested(doc) -> list:
    return [s for s in doc.spans if s.state == SpanState.SUGGESTED]


def test_go_back_marks_nothing(qtbot, window, project_path, finish_question):
    finish_question.answer = (FinishChoice.BACK, False)
    before = len(suggested(stored(project_path)))
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    (work,) = finish_question.works
    assert work.entities == before > 0 and work.triggers == 0
    assert stored(project_path).status == ReviewStatus.PRE_ANNOTATED
    assert len(suggested(stored(project_path))) == before
    assert window.session.undo_stack.count() == 0 and window.page.state.doc_id == 1
    assert "not marked reviewed" in window.statusBar().currentMessage()


def test_accept_the_rest_accepts_and_marks_in_one_undoable_edit(qtbot, window, project_path):
    before = len(suggested(stored(project_path)))
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    doc = stored(project_path)
    assert doc.status == ReviewStatus.REVIEWED and suggested(doc) == []
    assert sum(s.state == SpanState.ACCEPTED for s in doc.spans) >= before
    assert window.page.state.doc_id == 2
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    doc = stored(project_path)
    assert doc.status == ReviewStatus.PRE_ANNOTATED and len(suggested(doc)) == before


def test_reject_the_rest_rejects_them(qtbot, window, project_path, finish_question):
    finish_question.answer = (FinishChoice.REJECT, False)
    before = len(suggested(stored(project_path)))
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    doc = stored(project_path)
    assert doc.status == ReviewStatus.REVIEWED and suggested(doc) == []
    assert sum(s.state == SpanState.REJECTED for s in doc.spans) == before


def test_a_remembered_choice_is_not_asked_again_until_forgotten(qtbot, window, project_path,
                                                                finish_question):
    finish_question.answer = (FinishChoice.REJECT, True)
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert finish_dialog.remembered() == FinishChoice.REJECT
    assert window.page.state.doc_id == 2 and suggested(stored(project_path, 2))
    press(qtbot, window, Qt.Key.Key_Return, CTRL)  # not asked: rejected as remembered
    assert len(finish_question.works) == 1
    assert stored(project_path, 2).status == ReviewStatus.REVIEWED and suggested(stored(project_path, 2)) == []
    window.run(next(b for b in window.bindings if b.action == "ask_before_reviewed"))  # Review → Ask again…
    assert finish_dialog.remembered() is None
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert len(finish_question.works) == 2


def test_nothing_open_asks_nothing(qtbot, window, project_path, finish_question):
    press(qtbot, window, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert finish_question.works == [] and stored(project_path).status == ReviewStatus.REVIEWED


def test_trigger_suggestions_and_an_event_missing_a_role_are_asked_about(qtbot, ev_window, events_path,
                                                                          finish_question):
    project, state = ev_window.session.project, ev_window.page.state
    start = state.text.index("召开")
    ev_window.session.edit("event", lambda: project.edits.add_event(1, "Contact:Meet", start, start + 2))
    ev_window.session.edit("triggers", lambda: project.triggers.suggest([1]))
    finish_question.answer = (FinishChoice.ACCEPT, False)
    press(qtbot, ev_window, Qt.Key.Key_Return, CTRL)
    (work,) = finish_question.works
    assert work.events > 0 and work.entities > 0  # trigger suggestions come as whole suggested events
    assert work.missing_roles >= 1 and "missing required role" in work.describe()
    doc = stored(events_path)
    assert doc.status == ReviewStatus.REVIEWED and suggested(doc) == []
    triggers = [s for s in doc.spans if s.kind == SpanKind.TRIGGER]
    assert all(s.state == SpanState.ACCEPTED for s in triggers)
    assert {e.trigger_id for e in doc.events} == {s.id for s in triggers}  # each accepted trigger has its event


def test_the_dialog_offers_accept_reject_and_back_and_remembers(qtbot):
    warning = EventWarning(3, WarningKind.MISSING_ROLE, "Contact:Meet 「召开」 lacks its required role Entity")
    work = OpenWork(1, "全球追逃", entities=5, triggers=2, warnings=(warning,))
    dialog = FinishReviewDialog(work)
    qtbot.addWidget(dialog)
    texts = [b.text() for b in dialog.findChildren(type(dialog.accept_button))]
    assert {"&Accept the rest", "&Reject the rest", "&Go back"} <= set(texts)
    label = next(w for w in dialog.findChildren(finish_dialog.QLabel) if "still holds" in w.text())
    assert "7 undecided suggestions (5 entities, 2 triggers)" in label.text() and "lacks its required" in label.text()
    dialog.remember_box.setChecked(True)
    dialog.reject_button.click()
    assert dialog.choice == FinishChoice.REJECT
    only_warnings = FinishReviewDialog(OpenWork(1, warnings=(warning,)))
    qtbot.addWidget(only_warnings)
    assert only_warnings.accept_button.text() == "&Mark reviewed"
    assert not hasattr(only_warnings, "reject_button")


def test_the_window_export_names_reviewed_documents_left_with_suggestions(qtbot, window, tmp_path,
                                                                          monkeypatch, errors):
    from annotator.core.annotations import ReviewStatus as Status
    from annotator.gui import dialogs

    target = tmp_path / "train.jsonl"
    monkeypatch.setattr(dialogs.FileDialogs, "export_target", classmethod(lambda cls, parent, fmts: (target, "native")))
    window.session.edit("mark", lambda: window.session.project.edits.set_status(1, Status.REVIEWED))  # suggestions open
    window.do_export()
    assert target.exists()
    (note,) = errors
    assert "1 reviewed document still holds" in note and "#1 " in note and "left out of the export" in note


def test_an_event_missing_a_role_alone_is_asked_about_and_kept(qtbot, ev_window, events_path,
                                                               finish_question):
    project, state = ev_window.session.project, ev_window.page.state
    press(qtbot, ev_window, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)  # no suggestions left
    start = state.text.index("召开")
    ev_window.session.edit("event", lambda: project.edits.add_event(1, "Contact:Meet", start, start + 2))
    press(qtbot, ev_window, Qt.Key.Key_Return, CTRL)
    (work,) = finish_question.works
    assert work.suggestions == 0 and work.missing_roles == 1
    assert stored(events_path).status == ReviewStatus.REVIEWED  # "Mark reviewed" answered
    assert "1 schema warnings kept" in ev_window.statusBar().currentMessage()


def test_suggested_events_and_arguments_are_named_in_the_question(qtbot):
    work = OpenWork(1, "全球追逃", entities=1, events=2, arguments=3)
    assert work.suggestions == 6
    assert describe(work) == "6 undecided suggestions (1 entity, 2 events, 3 arguments)"
    assert work.describe() == "6 undecided suggestions (1 entity, 2 events, 3 arguments)"
    dialog = FinishReviewDialog(work)
    qtbot.addWidget(dialog)
    assert "suggested events with their suggested arguments" in dialog.findChild(QLabel).text()
