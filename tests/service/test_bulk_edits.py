"""Bulk edits of many spans (accept all, reject many, accept many triggers) run as one set-based statement
with one compact change-log record, and undo, redo, reopening and the statistics see the same result as
span-by-span edits did (issue 19 item 14)."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanKind, SpanState
from annotator.service import Project
from annotator.service.editing import BULK

N = 3 * BULK  # well over the bulk threshold
EVENT = "Contact:Meet"


def document(*, crossing: bool = False, triggers: int = 0) -> AnnotatedDocument:
    """Words of 4 characters; an entity suggestion on every word, every fifth accepted instead; with
    `crossing`, a suggestion across words 1 and 2 crosses both; trigger suggestions on further words."""
    words = N + triggers + 2
    text = "北京会议" * words
    spans = [EntitySpan(i + 1, 4 * i, 4 * i + 2, "LOC", origin="model",
                        state=SpanState.ACCEPTED if i % 5 == 0 else SpanState.SUGGESTED) for i in range(N)]
    if crossing:
        spans.append(EntitySpan(N + 1, 5, 9, "ORG", origin="model", state=SpanState.SUGGESTED))
    first = len(spans) + 1
    spans += [EntitySpan(first + j, 4 * (N + j) + 2, 4 * (N + j) + 4, EVENT, origin="triggers",
                         state=SpanState.SUGGESTED, kind=SpanKind.TRIGGER) for j in range(triggers)]
    return AnnotatedDocument(title="t", text=text, tokens=tuple((i, i + 2) for i in range(0, len(text), 2)),
                             spans=tuple(spans))


@pytest.fixture
def make(tmp_path):
    opened = []

    def build(**kw) -> Project:
        project = Project.create(tmp_path / "bulk.annot", schema="ace2005-zh", user="t")
        project.importer.add_documents([document(**kw)], prelabel=False)
        opened.append(project)
        return project
    yield build
    for project in opened:
        project.close()


def states(project: Project) -> dict[int, str]:
    return {s.id: s.state.value for s in project.document(1).spans}


def last_log(project: Project) -> list:
    """The last change-log record's entries of spans and events (a first edit also logs the status)."""
    db = sqlite3.connect(project.path)
    try:
        rows = json.loads(db.execute("SELECT rows FROM changes ORDER BY id DESC LIMIT 1").fetchone()[0])
    finally:
        db.close()
    return [r for r in rows if r[0] != "documents"]


def test_accept_all_is_one_compact_record_and_undoes_and_redoes(make):
    project = make()
    before = states(project)
    suggested = sorted(i for i, s in before.items() if s == "suggested")
    changes = project.edits.accept_all(1)
    assert set(states(project).values()) == {"accepted"}
    (entry,) = last_log(project)  # one entry for all of them, not a row image per span
    assert entry == ["spans", suggested, {"state": "suggested"}, {"state": "accepted"}]
    (bulk,) = changes.span_states
    assert bulk.ids == tuple(suggested) and bulk.after == SpanState.ACCEPTED and bulk.edges_kept
    assert changes.spans == () and "spans" in changes.kinds and project.document_rows([1])[1]["n_suggested"] == 0
    project.undo(changes)
    assert states(project) == before
    assert project.document_rows([1])[1]["n_suggested"] == len(suggested)
    project.redo(changes)
    assert set(states(project).values()) == {"accepted"}


def test_accept_all_leaves_what_would_cross_and_one_label_goes_alone(make):
    project = make(crossing=True)  # suggestion N+1 crosses the suggestions on words 1 and 2
    before = states(project)
    changes = project.edits.accept_all(1)
    after = states(project)
    # In text order word 1's suggestion comes first; the one crossing it stays for the reviewer.
    assert after[N + 1] == "suggested" and all(after[i + 1] == "accepted" for i in range(N))
    assert len(changes.span_states) == 1 and len(changes.span_states[0].ids) == N - N // 5 - (N % 5 > 0)
    project.undo(changes)
    assert states(project) == before
    project.edits.accept_all(1, label="ORG")  # it crosses no accepted span: accepted alone
    project.edits.accept_all(1)
    after = states(project)
    assert after[N + 1] == "accepted" and after[2] == after[3] == "suggested"
    assert all(after[i + 1] == "accepted" for i in range(N) if i + 1 not in (2, 3))


def test_rejecting_many_is_one_record_and_a_used_span_still_drops_its_argument(make):
    project = make()
    ids = [i for i, s in states(project).items() if s == "suggested"]
    changes = project.edits.reject(ids)
    assert all(states(project)[i] == "rejected" for i in ids)
    (entry,) = last_log(project)
    assert entry[0] == "spans" and entry[2:] == [{"state": "suggested"}, {"state": "rejected"}]
    assert not changes.span_states[0].edges_kept
    project.undo(changes)
    assert all(states(project)[i] == "suggested" for i in ids)
    # One of them fills a role: the argument goes with the rejection (one statement for the arguments too).
    event = project.edits.add_event(1, EVENT, 4 * N, 4 * N + 2).created[0]
    project.edits.add_argument(event, "Entity", ids[0])
    project.edits.reject(ids)
    doc = project.document(1)
    assert all(states(project)[i] == "rejected" for i in ids)
    assert [e.arguments for e in doc.events] == [()]


def test_accepting_many_triggers_adds_their_events_in_one_statement(make):
    project = make(triggers=N)
    triggers = [s.id for s in project.document(1).spans if s.kind == SpanKind.TRIGGER]
    changes = project.triggers.accept_many(triggers)
    doc = project.document(1)
    assert len(doc.events) == N and {e.trigger_id for e in doc.events} == set(triggers)
    assert [doc.events[[e.id for e in doc.events].index(i)].trigger_id for i in changes.created] == triggers
    assert all(e.type == EVENT and e.state == SpanState.ACCEPTED and e.origin == "triggers" for e in doc.events)
    assert len(last_log(project)) == 2  # the triggers' states, and the events added
    assert {e.id for e in changes.events} == {e.id for e in doc.events}
    ids = [e.id for e in doc.events]
    project.undo(changes)
    doc = project.document(1)
    assert doc.events == () and all(s.state == SpanState.SUGGESTED for s in doc.spans if s.kind == SpanKind.TRIGGER)
    assert project.document_rows([1])[1]["n_events"] == 0
    project.redo(changes)
    doc = project.document(1)
    assert [e.id for e in doc.events] == ids and project.document_rows([1])[1]["n_events"] == N


def test_a_bulk_edit_survives_a_crash_and_the_statistics_read_its_record(make, tmp_path):
    project = make(triggers=N)
    project.edits.accept_all(1)
    project.triggers.accept_many([s.id for s in project.document(1).spans if s.kind == SpanKind.TRIGGER])
    # The files as a crash would leave them: the committed edits are in the log beside the file.
    copy = tmp_path / "copy.annot"
    for suffix in ("", "-wal"):
        shutil.copy(str(project.path) + suffix, str(copy) + suffix)
    with Project.open(copy) as again:
        doc = again.document(1)
        assert all(s.state == SpanState.ACCEPTED for s in doc.spans) and len(doc.events) == N
        assert again.statistics.compute().suggestions  # the change log's compact records read without error
