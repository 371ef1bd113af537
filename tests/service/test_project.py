from __future__ import annotations

import pytest

from annotator.core.annotations import ReviewStatus, SpanKind, SpanState
from annotator.core.errors import ProjectError, ProjectLockedError, ValidationError
from annotator.service import Project


@pytest.fixture
def project(tmp_path, seed_path):
    p = Project.create(tmp_path / "p.annot", schema="news-zh", user="tester")
    report = p.importer.import_paths([seed_path], prelabel=False)
    assert report.imported == (1,)
    yield p
    p.close()


def dump(p: Project, doc_id: int = 1):
    doc = p.document(doc_id)
    return doc.tokens, doc.spans, doc.events, doc.status


def test_imported_seed_keeps_tokens_and_original(project, seed_path):
    doc = project.document(1)
    assert doc.title == "全球追逃，大幕拉开(深阅读)"
    assert len(doc.tokens) == 1539 and len(doc.text) == 2945
    assert doc.original == seed_path.read_text(encoding="utf-8")
    assert doc.status == ReviewStatus.NEW


def test_duplicate_text_is_skipped_and_reported(project, seed_path):
    report = project.importer.import_paths([seed_path])
    assert report.imported == () and report.skipped == ((str(seed_path), 1),)


def test_edit_then_undo_restores_the_exact_state(project):
    before = dump(project)
    text = project.document(1).text
    start = text.index("公安部")
    add = project.edits.add_span(1, start, start + 3, "ORG")
    assert {"spans"} <= add.kinds and add.doc_ids == {1}
    span_id = add.created[0]
    relabel = project.edits.relabel(span_id, "LOC")
    resize = project.edits.resize(span_id, start, start + 2)
    assert project.document(1).span(span_id).end == start + 2
    for changes in (resize, relabel, add):
        project.undo(changes)
    assert dump(project) == before
    project.redo(add)
    assert project.document(1).span(span_id).label == "ORG"


def test_first_edit_moves_the_document_into_review_and_status_records_reviewer(project):
    project.edits.add_span(1, 0, 2, "LOC")
    assert project.document(1).status == ReviewStatus.IN_REVIEW
    project.edits.set_status(1, "reviewed")
    row = project.document_rows([1])[1]
    assert row["status"] == "reviewed" and row["reviewer"] == "tester"


def test_crossing_spans_and_unknown_labels_are_refused(project):
    project.edits.add_span(1, 0, 4, "ORG")
    with pytest.raises(ValidationError, match="cross"):
        project.edits.add_span(1, 2, 6, "ORG")
    project.edits.add_span(1, 0, 2, "LOC")  # nested is fine
    with pytest.raises(ValidationError, match="not in the schema"):
        project.edits.add_span(1, 8, 10, "NOPE")
    with pytest.raises(ValidationError, match="outside the text"):
        project.edits.add_span(1, 2940, 3000, "ORG")


def test_rejecting_a_suggestion_keeps_it_as_rejected(project):
    db = project.store.db
    with db.atomic():
        db.execute("INSERT INTO spans(doc_id, start, \"end\", label, kind, origin, state) "
                   "VALUES (1, 0, 2, 'PER', 'entity', 'jieba', 'suggested')")
    span_id = project.document(1).spans[0].id
    changes = project.edits.reject([span_id])
    assert project.document(1).span(span_id).state == SpanState.REJECTED
    assert project.document_rows([1])[1]["n_suggested"] == 0
    project.undo(changes)
    assert project.document_rows([1])[1]["n_suggested"] == 1
    project.edits.delete_span(span_id)
    assert project.document(1).span(span_id).state == SpanState.REJECTED


def test_split_and_merge_tokens_keep_spans(project):
    doc = project.document(1)
    first = doc.tokens[0]
    span = project.edits.add_span(1, *first, "ORG").created[0]
    split = project.edits.split_token(1, first[0] + 1)
    tokens = project.document(1).tokens
    assert tokens[0] == (first[0], first[0] + 1) and tokens[1] == (first[0] + 1, first[1])
    assert project.document(1).span(span).start == first[0]
    project.edits.merge_tokens(1, 0)
    assert project.document(1).tokens == doc.tokens
    project.undo(split)


def test_events_and_cascading_deletes(tmp_path, seed_path):
    from annotator.core.schema import EntityLabel, EventType, Role, Schema

    schema = Schema("t", (EntityLabel("LOC", "Place"),), (EventType("Meet", "Meet", roles=(Role("Place", labels=("LOC",)),)),))
    with Project.create(tmp_path / "e.annot", schema=schema) as p:
        p.importer.import_paths([seed_path], prelabel=False)
        text = p.document(1).text
        trig = text.index("召开")
        event = p.edits.add_event(1, "Meet", trig, trig + 2).created[0]
        place = p.edits.add_span(1, text.index("北京"), text.index("北京") + 2, "LOC").created[0]
        p.edits.add_argument(event, "Place", place)
        assert p.document(1).events[0].arguments[0].span_id == place
        removed = p.edits.delete_span(place)
        assert p.document(1).events[0].arguments == ()
        p.undo(removed)
        assert p.document(1).events[0].arguments[0].span_id == place
        trigger_id = p.document(1).events[0].trigger_id
        p.edits.delete_span(trigger_id)
        assert p.document(1).events == ()
        assert all(s.kind != SpanKind.TRIGGER for s in p.document(1).spans)


def test_second_writer_is_refused_and_readers_are_not(project):
    with pytest.raises(ProjectLockedError, match="open for writing by tester"):
        Project.open(project.path)
    with Project.open(project.path, readonly=True) as reader:
        assert reader.document(1).title.startswith("全球追逃")
        with pytest.raises(ProjectError, match="read-only"):
            reader.edits.add_span(1, 0, 2, "LOC")


def test_lock_is_released_on_close(tmp_path):
    Project.create(tmp_path / "a.annot").close()
    Project.open(tmp_path / "a.annot").close()


def test_next_document_skips_reviewed(project, fixtures):
    project.importer.import_paths([fixtures / "raw_news"], prelabel=False)
    project.edits.set_status(2, "reviewed")
    assert project.next_document(1) == 3
    assert project.next_document(3) == 1


def test_a_reviewers_span_rejects_the_suggestions_it_crosses(project):
    db = project.store.db
    with db.atomic():
        db.execute("INSERT INTO spans(doc_id, start, \"end\", label, kind, origin, state) "
                   "VALUES (1, 0, 4, 'ORG', 'entity', 'model', 'suggested')")
    (suggestion,) = [s.id for s in project.document(1).spans]
    changes = project.edits.add_span(1, 2, 6, "LOC")
    assert project.document(1).span(suggestion).state == SpanState.REJECTED
    project.undo(changes)
    assert project.document(1).span(suggestion).state == SpanState.SUGGESTED
    project.edits.add_span(1, 2, 6, "LOC")
    with pytest.raises(ValidationError, match="cross"):
        project.edits.accept([suggestion])


def test_a_repeated_text_inside_one_file_names_the_document_it_repeats(tmp_path):
    source = tmp_path / "docs.jsonl"
    source.write_text('{"text": "新华社北京电"}\n{"text": "另一篇"}\n{"text": "新华社北京电"}\n', encoding="utf-8")
    with Project.create(tmp_path / "p.annot", schema="news-zh") as p:
        report = p.importer.import_paths([source], prelabel=False)
        assert report.imported == (1, 2)
        assert report.skipped == ((f"{source}:3", 1),)


def test_previous_document_walks_backward_and_wraps(project, fixtures):
    project.importer.import_paths([fixtures / "raw_news"], prelabel=False)
    project.edits.set_status(2, "reviewed")
    assert project.next_document(3, backward=True) == 1
    assert project.next_document(1, backward=True) == 3
    project.edits.set_status(1, "skipped")
    project.edits.set_status(3, "reviewed")
    assert project.next_document(2) is None and project.next_document(2, backward=True) is None
