"""Accepting (or relabelling) a span must not make two accepted entity spans cross (found by the
property test in tests/core/test_properties_edits.py)."""

from __future__ import annotations

import pytest

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
from annotator.core.errors import ValidationError
from annotator.service import Project

TEXT = "北京市公安局今天在北京召开会议"


@pytest.fixture
def project(tmp_path):
    suggestions = (EntitySpan(1, 0, 3, "LOC", origin="model", state=SpanState.SUGGESTED),
                   EntitySpan(2, 2, 6, "ORG", origin="model", state=SpanState.SUGGESTED),
                   EntitySpan(3, 9, 11, "LOC", origin="model", state=SpanState.SUGGESTED))
    doc = AnnotatedDocument(title="t", text=TEXT, tokens=tuple((i, i + 1) for i in range(len(TEXT))),
                            spans=suggestions)
    with Project.create(tmp_path / "x.annot", schema="ace2005-zh") as p:
        p.importer.add_documents([doc], prelabel=False)
        yield p


def states(p: Project) -> dict[int, str]:
    return {s.id: s.state.value for s in p.document(1).spans}


def test_accepting_a_rejected_span_that_crosses_an_accepted_one_is_refused(project):
    project.edits.reject([1, 2])
    project.edits.add_span(1, 1, 4, "ORG")  # allowed: the crossing suggestions are rejected
    before = states(project)
    with pytest.raises(ValidationError, match=r"\[0, 3\) would cross accepted ORG span \[1, 4\)"):
        project.edits.accept([1])
    with pytest.raises(ValidationError, match="would cross"):
        project.edits.relabel(2, "LOC")
    with pytest.raises(ValidationError, match="would cross"):
        project.edits.accept([3, 1])  # all or nothing
    assert states(project) == before


def test_accept_all_leaves_crossing_suggestions_for_the_reviewer(project):
    changes = project.edits.accept_all(1)
    assert states(project) == {1: "accepted", 2: "suggested", 3: "accepted"}
    project.undo(changes)
    assert set(states(project).values()) == {"suggested"}


def test_nested_spans_may_still_be_accepted(project):
    project.edits.add_span(1, 0, 6, "ORG")
    project.edits.accept([1])  # [0, 3) inside [0, 6) nests, it does not cross
    assert states(project)[1] == "accepted"


def test_a_rejected_span_cannot_fill_a_role(project):
    event = project.edits.add_event(1, "Contact:Meet", 11, 13).created[0]
    project.edits.reject([3])
    with pytest.raises(ValidationError, match="span 3 is rejected") as info:
        project.edits.add_argument(event, "Place", 3)
    assert str(info.value).startswith(str(project.path)) and "accept it first" in info.value.hint
    assert project.document(1).events[0].arguments == ()


def test_a_suggestion_rejected_by_a_crossing_label_leaves_its_roles(project):
    # Found by the property test: the suggestion was rejected but still filled the event's role.
    event = project.edits.add_event(1, "Contact:Meet", 11, 13).created[0]
    project.edits.add_argument(event, "Entity", 2)  # the ORG suggestion [2, 6)
    changes = project.edits.add_span(1, 4, 8, "TIME")  # crosses [2, 6): the suggestion is rejected
    doc = project.document(1)
    assert doc.span(2).state == SpanState.REJECTED and doc.events[0].arguments == ()
    project.undo(changes)
    doc = project.document(1)
    assert doc.span(2).state == SpanState.SUGGESTED and [a.span_id for a in doc.events[0].arguments] == [2]
