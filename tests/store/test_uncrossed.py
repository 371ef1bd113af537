"""The crossing check accept all asks (store/uncrossed.py) is answered from memory only while every change
since is an edit that cannot make two live entity spans cross; anything else asks the file again."""

from __future__ import annotations

import pytest

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
from annotator.service import Project
from annotator.store import uncrossed

UNIT = "北京市公安局今天在北京召开会议"
N = 70  # units: more suggestions than BULK, so reject and accept all go in bulk


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Per unit a suggested LOC [0, 3) and a suggested ORG [9, 11); in the first unit also an ORG [2, 6)
    crossing the LOC, rejected."""
    spans = []
    for i in range(N):
        at = i * len(UNIT)
        spans.append(EntitySpan(len(spans) + 1, at, at + 3, "LOC", origin="model", state=SpanState.SUGGESTED))
        spans.append(EntitySpan(len(spans) + 1, at + 9, at + 11, "ORG", origin="model", state=SpanState.SUGGESTED))
    spans.append(EntitySpan(len(spans) + 1, 2, 6, "ORG", origin="model", state=SpanState.SUGGESTED))
    text = UNIT * N
    doc = AnnotatedDocument(title="t", text=text, tokens=tuple((i, i + 1) for i in range(len(text))),
                            spans=tuple(spans))
    asked: list[int] = []
    real = uncrossed.bulk.entities_cross
    monkeypatch.setattr(uncrossed.bulk, "entities_cross", lambda db, d: asked.append(d) or real(db, d))
    with Project.create(tmp_path / "x.annot", schema="ace2005-zh") as p:
        p.importer.add_documents([doc], prelabel=False)
        p.asked = asked
        yield p


def crossing_id(p: Project) -> int:
    return max(s.id for s in p.document(1).spans)


def test_accept_all_and_its_undo_and_redo_ask_the_file_once(project):
    rejected = project.edits.reject(list(range(3, 2 * N + 1, 2)) + [crossing_id(project)])  # the ORGs: in bulk
    done = project.edits.accept_all(1)
    assert project.asked == [1]
    for _ in range(3):
        project.undo(done)
        done = project.redo(done)
        project.undo(done)
        done = project.edits.accept_all(1)
    assert project.asked == [1]  # states between suggested and accepted alone: known not to cross
    assert rejected.span_states


@pytest.mark.parametrize("deferred", [False, True])
def test_spans_made_live_again_are_asked_of_the_file(project, deferred):
    if deferred:
        project.defer_writes(lambda exc, revert: pytest.fail(str(exc)))
    cross = crossing_id(project)
    rejected = project.edits.reject(list(range(3, 2 * N + 1, 2)) + [cross])
    done = project.edits.accept_all(1)
    project.undo(done)
    project.undo(rejected)  # the crossing ORG is suggested again
    project.edits.accept_all(1)
    project.flush()
    assert project.asked == [1, 1]
    states = {s.id: s.state for s in project.document(1).spans}
    assert not (states[1] == states[cross] == SpanState.ACCEPTED)  # the crossing pair was not accepted both


def test_a_write_outside_an_edit_is_asked_of_the_file(project):
    project.edits.reject([crossing_id(project), *range(3, 2 * N + 1, 2)])
    done = project.edits.accept_all(1)
    project.undo(done)
    project.store.db.execute("UPDATE spans SET state = 'suggested' WHERE id = ?", [crossing_id(project)])
    project.edits.accept_all(1)
    assert project.asked == [1, 1]
    states = {s.id: s.state for s in project.document(1).spans}
    assert states[crossing_id(project)] == SpanState.SUGGESTED and states[1] == SpanState.ACCEPTED


def test_the_undo_of_the_edit_before_brings_back_what_was_known(project):
    """Reject all, then its undo: the spans made live again are the ones live before it, known not to cross."""
    project.edits.reject([crossing_id(project)])
    done = project.edits.accept_all(1)  # asked: nothing crosses
    project.undo(done)
    orgs = list(range(4, 2 * N + 1, 2))
    rejected = project.edits.reject(orgs)  # in bulk, with what the document counts
    project.undo(rejected)  # exactly the reverse of the edit before it
    done = project.edits.accept_all(1)
    assert project.asked == [1]
    project.undo(done)
    rejected = project.edits.reject(orgs)
    project.edits.relabel(1, "ORG")  # another edit in between: the undo is not the reverse of the last edit
    project.undo(rejected)
    project.edits.accept_all(1)
    assert project.asked == [1, 1]
