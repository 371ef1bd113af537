"""Adjudicating a disputed document in the window, by keys only, and the Agreement view."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.annotations import ReviewStatus, SpanState
from annotator.service import Project

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "pd98_train30.jsonl"
CTRL = Qt.KeyboardModifier.ControlModifier


def disputed(tmp_path: Path) -> tuple[Path, int, dict]:
    """A project whose first document ann1 (gold) and ann2 (first entity relabelled, second left out) differ on."""
    path = tmp_path / "lead.annot"
    rec = json.loads(GOLD.read_text(encoding="utf-8").splitlines()[0])
    ents = rec["entities"]
    other = [{**ents[0], "label": "MISC" if ents[0]["label"] != "MISC" else "PER"}, *ents[2:]]
    with Project.create(path, schema="news-zh", user="lead") as p:
        p.importer.import_paths([GOLD], prelabel=False)
        for name, entities in (("ann1", ents), ("ann2", other)):
            f = tmp_path / f"{name}.jsonl"
            f.write_text(json.dumps({"text": rec["text"], "entities": entities}, ensure_ascii=False) + "\n",
                         encoding="utf-8")
            p.team.merge(f, annotator=name)
        (doc_id,) = p.document_ids(statuses=["needs-adjudication"])
    return path, doc_id, rec


def opened(qtbot, path: Path, doc_id: int):
    """A window on the project at `path`, showing document `doc_id`."""
    from annotator.gui.window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(path, doc_id=doc_id)
    return win


def adjudicating(qtbot, path: Path, doc_id: int):
    """A shown window on a disputed document, and the adjudication dialog it opens by itself."""
    win = opened(qtbot, path, doc_id)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: getattr(win, "adjudication_dialog", None) is not None)
    return win, win.adjudication_dialog


def test_adjudicate_by_keys_only_and_the_file_says_so(qtbot, tmp_path):

    path, doc_id, rec = disputed(tmp_path)
    win, dialog = adjudicating(qtbot, path, doc_id)  # opens by itself
    qtbot.waitExposed(dialog)
    dialog.reject()
    win.page.view.setFocus()
    qtbot.keyClick(win.page.view, Qt.Key.Key_J, CTRL)  # and again with its key
    assert win.adjudication_dialog is not dialog
    dialog = win.adjudication_dialog
    qtbot.waitExposed(dialog)
    assert dialog.view.annotators == ("ann1", "ann2")
    items = [dialog.versions.item(i).text() for i in range(dialog.versions.count())]
    assert sum(text.startswith("≠") for text in items) == 3 and "ann1, ann2" in dialog.versions.item(
        [i for i, t in enumerate(items) if t.startswith("=")][0]).toolTip()
    list_ = dialog.versions
    qtbot.keyClick(list_, Qt.Key.Key_Return, CTRL)        # refused: versions still differ
    assert "still differ" in dialog.status.text()
    qtbot.keyClick(list_, Qt.Key.Key_A)                    # accept what both gave
    assert len(dialog.view.open_entities) == 3
    qtbot.keyClick(list_, Qt.Key.Key_Z, CTRL)              # undo, then again
    assert len(dialog.view.open_entities) == len(dialog.view.entities)
    qtbot.keyClick(list_, Qt.Key.Key_A)
    qtbot.keyClick(list_, Qt.Key.Key_N)                    # first open version: ann1's or ann2's first entity
    first = dialog.current()
    assert first in dialog.view.open_entities
    qtbot.keyClick(list_, Qt.Key.Key_Return)               # take it: its rival is dropped with it
    qtbot.keyClick(list_, Qt.Key.Key_N)
    second = dialog.current()
    qtbot.keyClick(list_, Qt.Key.Key_Delete)               # drop the last open one
    assert dialog.view.settled
    qtbot.keyClick(list_, Qt.Key.Key_Return, CTRL)
    win.close_project()
    with Project.open(path, readonly=True) as p:
        doc = p.document(doc_id)
        assert doc.status == ReviewStatus.REVIEWED
        gold = {(e["start"], e["end"], e["label"]) for e in rec["entities"]}
        rivals = {c.key for c in dialog.view.entities if c.start == first.start and c.key != first.key}
        assert {(s.start, s.end, s.label) for s in doc.entities()} == (gold | {first.key}) - rivals - {second.key}
        assert p.store.db.execute("SELECT user FROM changes ORDER BY id DESC").fetchone()[0] == "tester"


def test_take_all_of_one_annotator_with_a_digit(qtbot, tmp_path):
    from annotator.gui.adjudication import AdjudicationDialog
    from annotator.gui.session import ProjectSession

    path, doc_id, rec = disputed(tmp_path)
    project = Project.open(path, user="adjudicator")
    session = ProjectSession(project)
    dialog = AdjudicationDialog(session, doc_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.versions, Qt.Key.Key_2)
    assert dialog.view.settled
    qtbot.keyClick(dialog.versions, Qt.Key.Key_Enter, CTRL)
    ann2 = {c.key for c in dialog.view.entities if "ann2" in c.annotators}
    assert {(s.start, s.end, s.label) for s in project.document(doc_id).entities()} == ann2
    assert project.document(doc_id).status == ReviewStatus.REVIEWED
    session.close()


def test_agreement_view_opens_a_document(qtbot, tmp_path):
    from annotator.gui.adjudication import AgreementView

    path, doc_id, _ = disputed(tmp_path)
    with Project.open(path, readonly=True) as p:
        agreement = p.team.agreement()
    view = AgreementView(agreement)
    qtbot.addWidget(view)
    assert view.table.rowCount() == 1 and view.table.item(0, 0).text() == "ann1 / ann2"
    view.documents.setCurrentRow(0)
    with qtbot.waitSignal(view.open_document) as blocker:
        view.documents.itemActivated.emit(view.documents.item(0))
    assert blocker.args == [doc_id]


def test_merging_in_the_window_is_one_undoable_step(qtbot, tmp_path, monkeypatch):
    from annotator.gui import adjudication

    path = tmp_path / "lead.annot"
    with Project.create(path, schema="news-zh", user="lead") as p:
        p.importer.import_paths([GOLD], prelabel=False)
        p.team.assign(["ann1"], tmp_path / "team", seed=1)
        doc_id = p.document_ids()[0]
    with Project.open(tmp_path / "team" / "ann1.annot", user="ann1") as copy:
        copy.edits.accept_all(doc_id)
        copy.edits.set_status(doc_id, ReviewStatus.REVIEWED)
    monkeypatch.setattr(adjudication, "ask_files", lambda parent: [str(tmp_path / "team" / "ann1.annot")])
    win = opened(qtbot, path, doc_id)
    win.show()
    qtbot.waitExposed(win)
    win.run(adjudication.MERGE)
    assert win.session.project.document(doc_id).status == ReviewStatus.REVIEWED
    # as `annotator merge` says it: ann1 was handed all 30 documents and has reviewed one
    assert win.statusBar().currentMessage() == "Merged: ann1 1 changed, 0 need adjudication, 29 handed out not reviewed yet"
    win.session.undo_stack.undo()
    assert win.session.project.document(doc_id).status != ReviewStatus.REVIEWED
    assert win.session.project.team.layers(doc_id) == []
    win.close_project()


def test_counts_in_english_are_singular_or_plural(qtbot, tmp_path):
    """The dialog said "11 version(s) still open", the Agreement view "1 document(s) reviewed by two or more"."""
    from annotator.gui.adjudication import AdjudicationDialog, AgreementView
    from annotator.gui.session import ProjectSession

    path, doc_id, _ = disputed(tmp_path)
    project = Project.open(path, user="adjudicator")
    session = ProjectSession(project)
    dialog = AdjudicationDialog(session, doc_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.status.text().endswith(" versions still open") and "(s)" not in dialog.status.text()
    qtbot.keyClick(dialog.versions, Qt.Key.Key_Return, CTRL)  # refused: versions still differ
    assert "(s)" not in dialog.status.text() and "still differ" in dialog.status.text()
    view = AgreementView(project.team.agreement())
    qtbot.addWidget(view)
    assert view.overall.text().startswith("1 document reviewed by two or more")
    session.close()


def test_merging_a_file_that_names_no_annotator_asks_whose_work_it_is(qtbot, tmp_path, monkeypatch):
    """The window said "say whose work it is with --annotator NAME", an option it has not; it asks, as the CLI's
    option does, and merges under the name given (none given: nothing merged)."""
    import sqlite3

    from annotator.gui import adjudication

    path = tmp_path / "lead.annot"
    with Project.create(path, schema="news-zh", user="lead") as p:
        p.importer.import_paths([GOLD], prelabel=False)
        p.team.assign(["ann1"], tmp_path / "team", seed=1)
        doc_id = p.document_ids()[0]
    copy = tmp_path / "team" / "ann1.annot"
    with Project.open(copy, user="ann1") as c:
        c.edits.accept_all(doc_id)
        c.edits.set_status(doc_id, ReviewStatus.REVIEWED)
    with sqlite3.connect(copy) as db:  # as a copy made by hand (File → New, the documents imported) has it
        db.execute("DELETE FROM project WHERE key = 'annotator'")
    with Project.open(path, readonly=True) as p:
        assert p.team.needs_annotator(copy) and not p.team.needs_annotator(path)
    monkeypatch.setattr(adjudication, "ask_files", lambda parent: [str(copy)])
    asked: list[str] = []
    answers = iter([None, "ann1"])

    def ask(parent, name):
        asked.append(name)
        return next(answers)
    monkeypatch.setattr(adjudication, "ask_annotator", ask)
    win = opened(qtbot, path, doc_id)
    win.run(adjudication.MERGE)  # cancelled: nothing merged
    assert asked == ["ann1.annot"] and win.session.project.team.layers(doc_id) == []
    assert win.session.undo_stack.count() == 0
    win.run(adjudication.MERGE)
    assert win.session.project.document(doc_id).status == ReviewStatus.REVIEWED
    assert [layer.annotator for layer in win.session.project.team.layers(doc_id)] == ["ann1"]
    assert win.statusBar().currentMessage().startswith("Merged: ann1 1 changed")
    win.close_project()


def test_the_agreement_table_shows_whole_columns_at_900_px(qtbot, tmp_path):
    """At its 900 px the pair column showed "annotator-li / annotator-…" and the events heading "…gers / arguments":
    each column is as wide as its cells and heading (the table scrolls sideways when they do not fit), and a cell
    cut short says itself whole on hover."""
    from annotator.core.agreement import Agreement, PairAgreement
    from annotator.gui.adjudication import AgreementView

    pairs = [PairAgreement(a, b, documents=6, span_f1=0.914, char_kappa=0.915, per_label={
        label: 0.5 for label in ("LOC", "ORG", "PER", "GPE", "FAC", "VEH", "WEA")})
        for a, b in (("annotator-li", "annotator-wang"), ("annotator-li", "annotator-zhang"),
                     ("annotator-wang", "annotator-zhang-with-a-very-long-name-indeed-from-the-second-team"))]
    view = AgreementView(Agreement(pairs=tuple(pairs), documents=6, alpha=0.856))
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    table, header = view.table, view.table.horizontalHeader()
    for col in range(table.columnCount()):
        wanted = max(table.sizeHintForColumn(col), header.sectionSizeHint(col))
        assert table.columnWidth(col) >= wanted or col == 0, table.horizontalHeaderItem(col).text()
    assert table.horizontalScrollBar().maximum() > 0  # ten columns of whole numbers: wider than 900 px
    for row, pair in enumerate(pairs):
        assert table.item(row, 0).toolTip() == f"{pair.a} / {pair.b}"
    assert table.columnWidth(0) < view.width() // 2  # one long name does not push every number out of sight
    assert table.item(0, 4).text() == "–"  # no events: said as Char κ says it, not an empty cell


def test_redo_keys_redo_in_the_dialog_never_undo_a_second_step(qtbot, tmp_path):
    """Ctrl+Shift+Z, the window's redo, undid one step more here (read as Ctrl+Z); Ctrl+Y did nothing."""

    path, doc_id, _ = disputed(tmp_path)
    win, dialog = adjudicating(qtbot, path, doc_id)
    list_ = dialog.versions
    n_open = lambda: len(dialog.view.open_entities) + len(dialog.view.open_events)  # noqa: E731
    start = n_open()
    qtbot.keyClick(list_, Qt.Key.Key_A)                    # accept what both gave
    agreed = n_open()
    qtbot.keyClick(list_, Qt.Key.Key_N)
    qtbot.keyClick(list_, Qt.Key.Key_Delete)               # drop one open version
    dropped = n_open()
    assert start > agreed > dropped
    qtbot.keyClick(list_, Qt.Key.Key_Z, CTRL)
    assert n_open() == agreed
    qtbot.keyClick(list_, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert n_open() == dropped
    qtbot.keyClick(list_, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(list_, Qt.Key.Key_Z, CTRL)
    assert n_open() == start
    qtbot.keyClick(list_, Qt.Key.Key_Y, CTRL)
    assert n_open() == agreed
    win.close_project()


def test_each_version_says_taken_dropped_or_open_before_its_text(qtbot, tmp_path):
    """Every settled version said "decided", a taken one and a dropped one alike, at the end of a line the list
    cut off for an event with arguments."""
    from annotator.core.adjudication import rivals

    path, doc_id, _ = disputed(tmp_path)
    win, dialog = adjudicating(qtbot, path, doc_id)
    list_ = dialog.versions
    texts = lambda: [list_.item(i).text() for i in range(list_.count())]  # noqa: E731
    assert all(t[2:].startswith("open · ") for t in texts())
    qtbot.keyClick(list_, Qt.Key.Key_N)
    taken = dialog.current()
    qtbot.keyClick(list_, Qt.Key.Key_Return)
    versions = dialog.all_versions
    dropped = rivals(taken, dialog.view.entities)
    assert dropped
    shown = dict(zip(versions, texts(), strict=True))
    assert shown[taken].startswith("≠ taken · ")
    assert all(shown[v].startswith("≠ dropped · ") for v in dropped)
    assert sum(t[2:].startswith("open · ") for t in texts()) == len(versions) - 1 - len(dropped)
    win.close_project()


def test_agreement_view_has_a_column_per_event_type(qtbot):
    """The table had per-label columns for entities and one trigger F1 for all events."""
    from annotator.core.agreement import agreement
    from annotator.core.layers import Layer, LayerEvent
    from annotator.gui.adjudication import AgreementView

    a = Layer.of("ann1", [(0, 2, "PER")], [LayerEvent("statement", (3, 4)), LayerEvent("action", (5, 6))])
    b = Layer.of("ann2", [(0, 2, "PER")], [LayerEvent("action", (5, 6))])
    view = AgreementView(agreement({1: [a, b]}, {1: 8}))
    qtbot.addWidget(view)
    table = view.table
    headings = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headings[5:] == ["PER", "action", "statement"]
    assert [table.item(0, c).text() for c in (6, 7)] == ["1.000", "0.000"]
    assert table.horizontalHeaderItem(7).toolTip() == "Trigger F1 of event type statement"
    assert view.documents.item(0).text() == "Document 1: ann1 / ann2, span F1 1.000, triggers 0.667"


def test_event_versions_are_said_in_chinese_in_the_chinese_window(qtbot, tmp_path):
    """The Chinese window listed `event action 追尾撞 … Object=大客车`: "event" and the roles in English."""
    from annotator.gui import i18n
    from annotator.gui.adjudication import AdjudicationDialog
    from annotator.gui.session import ProjectSession

    cec = Path(__file__).resolve().parents[1] / "fixtures" / "cec5.jsonl"
    rec = json.loads(cec.read_text(encoding="utf-8").splitlines()[0])
    event = next(e for e in rec["events"] if e.get("trigger") and e.get("arguments"))
    path = tmp_path / "lead.annot"
    with Project.create(path, schema="cec", user="lead") as p:
        p.importer.import_paths([cec], prelabel=False)
        for name, events in (("ann1", [event]), ("ann2", [])):
            f = tmp_path / f"{name}.jsonl"
            f.write_text(json.dumps({"text": rec["text"], "entities": [], "events": events}, ensure_ascii=False)
                         + "\n", encoding="utf-8")
            p.team.merge(f, annotator=name)
        (doc_id,) = p.document_ids(statuses=["needs-adjudication"])
    i18n.install(i18n.CHINESE)
    session = ProjectSession(Project.open(path))
    dialog = AdjudicationDialog(session, doc_id)
    qtbot.addWidget(dialog)
    (line,) = [dialog.versions.item(i).text() for i in range(dialog.versions.count())]
    role = event["arguments"][0]["role"]
    zh = {"Participant": "参与者", "Object": "对象", "Location": "地点", "Time": "时间", "Means": "手段"}[role]
    assert line.startswith(f"≠ 未决 · 事件 {event['type']} ") and f"{role} {zh}=" in line
    assert "event" not in line
    assert dialog.versions.item(0).toolTip().startswith(line + "\n")  # whole on hover, cut off in the list
    session.close()


def test_ctrl_enter_in_the_window_on_a_disputed_document_opens_the_adjudication_instead(qtbot, tmp_path,
                                                                                      finish_question):
    """Ctrl+Enter in the review page of a document the annotators differ on asked about "undecided suggestions" (or,
    remembered, nothing) and accepted both annotators' versions together; Ctrl+Shift+Enter lost its mark."""

    path, doc_id, _ = disputed(tmp_path)
    win, first = adjudicating(qtbot, path, doc_id)
    first.reject()
    for modifiers in (CTRL, CTRL | Qt.KeyboardModifier.ShiftModifier):
        win.page.view.setFocus()
        qtbot.keyClick(win.page.view, Qt.Key.Key_Return, modifiers)
        assert "adjudication dialog (Ctrl+J)" in win.statusBar().currentMessage()
        assert win.adjudication_dialog is not first and win.adjudication_dialog.isVisible()
        first = win.adjudication_dialog
        first.reject()
    assert finish_question.works == []  # never asked to accept the rest
    assert win.session.project.document(doc_id).status == ReviewStatus.NEEDS_ADJUDICATION
    win.close_project()


def test_merging_in_the_window_a_file_with_nothing_reviewed_says_why_that_may_be(qtbot, tmp_path):
    from annotator.gui import adjudication

    path = tmp_path / "lead.annot"
    with Project.create(path, schema="news-zh", user="lead") as p:
        p.importer.import_paths([GOLD], prelabel=False)
        p.team.assign(["ann1"], tmp_path / "team", seed=1)
    win = opened(qtbot, path, 1)
    adjudication.merge_files(win, [str(tmp_path / "team" / "ann1.annot")])
    assert win.statusBar().currentMessage().endswith(
        "30 handed out not reviewed yet (none marked reviewed in the file: copied while open in the annotator's window?)")
    win.close_project()


def test_merging_an_export_in_the_window_reads_its_format(qtbot, tmp_path, monkeypatch):
    """The window read every file merged as native JSONL: a doccano export asked whose it was, then was refused."""
    from annotator.gui import adjudication

    path = tmp_path / "lead.annot"
    rec = json.loads(GOLD.read_text(encoding="utf-8").splitlines()[0])
    with Project.create(path, schema="news-zh", user="lead") as p:
        p.importer.import_paths([GOLD], prelabel=False)
    export = tmp_path / "ann1-doccano.jsonl"
    export.write_text(json.dumps({"text": rec["text"], "label": [[e["start"], e["end"], e["label"]]
                                                                for e in rec["entities"]]}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    monkeypatch.setattr(adjudication, "ask_annotator", lambda parent, file_name: "ann1")
    win = opened(qtbot, path, 1)
    (report,) = adjudication.merge_files(win, [str(export)])
    assert report.annotator == "ann1" and report.reviewed == (1,)
    assert {(s.start, s.end, s.label) for s in win.session.project.document(1).entities()} == \
        {(e["start"], e["end"], e["label"]) for e in rec["entities"]}
    win.close_project()


def test_merging_an_export_with_suggestions_in_the_window_leaves_its_unreviewed_records_out(qtbot, tmp_path, monkeypatch):
    """A native export of `--status all --with-suggestions` merged as an annotator's work marked every record reviewed
    and rejected the suggestions of those the annotator had not opened."""
    from annotator.gui import adjudication

    path = tmp_path / "lead.annot"
    with Project.create(path, schema="news-zh", user="lead") as p:
        p.importer.import_paths([GOLD], prelabel=False)
        p.team.assign(["ann1"], tmp_path / "team", seed=1)
        first, second = p.document_ids()[:2]
    export = tmp_path / "ann1.jsonl"
    with Project.open(tmp_path / "team" / "ann1.annot", user="ann1") as copy:
        copy.edits.accept_all(first)
        copy.edits.set_status(first, ReviewStatus.REVIEWED)
        copy.exporter.export(export, statuses=[s.value for s in ReviewStatus], with_suggestions=True)
    monkeypatch.setattr(adjudication, "ask_annotator", lambda parent, file_name: "ann1")
    win = opened(qtbot, path, first)
    (report,) = adjudication.merge_files(win, [str(export)])
    assert report.reviewed == (first,) and len(report.unreviewed) == 29
    assert win.statusBar().currentMessage() == ("Merged: ann1 1 changed, 0 need adjudication, 29 handed out not "
                                                "reviewed yet, 29 record(s) not marked reviewed left out")
    doc = win.session.project.document(second)
    assert doc.status == ReviewStatus.PRE_ANNOTATED and {s.state for s in doc.spans} == {SpanState.SUGGESTED}
    win.close_project()


def test_an_adjudicated_document_opens_again_with_ctrl_j_after_the_window_is_closed(qtbot, tmp_path):
    """Once marked reviewed, Ctrl+J said "This document does not need adjudication": with the window that decided
    closed, no undo was left and the window could not change a decision."""

    path, doc_id, _ = disputed(tmp_path)
    win, dialog = adjudicating(qtbot, path, doc_id)
    qtbot.keyClick(dialog.versions, Qt.Key.Key_1)                # take all of ann1
    qtbot.keyClick(dialog.versions, Qt.Key.Key_Return, CTRL)     # reviewed
    win.close_project()
    assert win.open_project(path, doc_id=doc_id)
    win.page.open_document(doc_id)
    win.page.view.setFocus()
    qtbot.keyClick(win.page.view, Qt.Key.Key_J, CTRL)
    again = win.adjudication_dialog
    assert again is not dialog and again.isVisible()
    texts = [again.versions.item(i).text() for i in range(again.versions.count())]
    assert not [t for t in texts if "open ·" in t] and [t for t in texts if "dropped ·" in t]
    first = next(i for i, t in enumerate(texts) if "taken ·" in t and t.startswith("≠"))
    again.versions.setCurrentRow(first)
    qtbot.keyClick(again.versions, Qt.Key.Key_Delete)           # the decision changed
    qtbot.keyClick(again.versions, Qt.Key.Key_Return, CTRL)
    taken = again.all_versions[first]
    win.close_project()
    with Project.open(path, readonly=True) as p:
        doc = p.document(doc_id)
        assert doc.status == ReviewStatus.REVIEWED and taken.key not in {(s.start, s.end, s.label) for s in doc.entities()}


def test_merging_in_the_window_a_copy_older_on_some_documents_says_they_were_not_merged(qtbot, tmp_path, monkeypatch):
    import shutil

    from annotator.gui import adjudication
    from tests.service.test_team_merge_cases import ticking_clock

    ticking_clock(monkeypatch)
    path, newest, laptop = tmp_path / "lead.annot", tmp_path / "team" / "ann1.annot", tmp_path / "laptop.annot"
    with Project.create(path, schema="news-zh", user="lead") as p:
        p.importer.import_paths([GOLD], prelabel=False)
        p.team.assign(["ann1"], tmp_path / "team", seed=1)
    with Project.open(newest) as copy:
        copy.edits.add_span(1, 0, 2, "PER")
        copy.edits.set_status(1, ReviewStatus.REVIEWED)
    shutil.copyfile(newest, laptop)
    with Project.open(newest) as copy:
        copy.edits.relabel(copy.document(1).entities()[0].id, "ORG")
    with Project.open(laptop) as copy:
        copy.edits.set_status(2, ReviewStatus.REVIEWED)
    win = opened(qtbot, path, 1)
    adjudication.merge_files(win, [str(newest)])
    (report,) = adjudication.merge_files(win, [str(laptop)])
    assert report.older == (1,) and report.reviewed == (2,)
    assert win.statusBar().currentMessage() == (
        "Merged: ann1 1 changed, 0 need adjudication, 28 handed out not reviewed yet, 1 older than the work merged "
        "before from ann1.annot, not merged")
    assert {s.label for s in win.session.project.document(1).entities() if s.start == 0} == {"ORG"}
    win.close_project()
