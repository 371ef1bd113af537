"""A document's cached counts (suggestions, accepted entities, accepted events: the document list's columns)
stay equal to a recount after every kind of small edit, its undo and its redo, now that a small edit moves
them by its own row changes instead of counting the spans again."""

from __future__ import annotations

import sqlite3

from annotator.core.annotations import AnnotatedDocument, EntitySpan, Event, SpanKind, SpanState
from annotator.service import Project

TEXT = "北京会议上海会谈广州会见深圳会晤" * 4
EVENT = "Contact:Meet"


def recount(path) -> tuple[int, int, int]:
    db = sqlite3.connect(path)
    try:
        return db.execute("""SELECT (SELECT count(*) FROM spans WHERE doc_id = 1 AND state = 'suggested'),
                                    (SELECT count(*) FROM spans WHERE doc_id = 1 AND state = 'accepted'
                                     AND kind = 'entity'),
                                    (SELECT count(*) FROM events WHERE doc_id = 1 AND state = 'accepted')""").fetchone()
    finally:
        db.close()


def stored(project: Project) -> tuple[int, int, int]:
    row = project.document_rows([1])[1]
    return row["n_suggested"], row["n_entities"], row["n_events"]


def test_counts_follow_every_small_edit_undo_and_redo(tmp_path):
    spans = tuple(EntitySpan(i + 1, 4 * i, 4 * i + 2, "GPE", origin="model",
                             state=SpanState.SUGGESTED if i % 2 else SpanState.ACCEPTED) for i in range(12))
    spans += (EntitySpan(13, 2, 4, EVENT, origin="triggers", state=SpanState.SUGGESTED, kind=SpanKind.TRIGGER),)
    doc = AnnotatedDocument(title="t", text=TEXT, tokens=tuple((i, i + 2) for i in range(0, len(TEXT), 2)),
                            spans=spans)
    with Project.create(tmp_path / "c.annot", schema="ace2005-zh", user="t") as project:
        project.importer.add_documents([doc], prelabel=False)
        assert stored(project) == recount(project.path)
        edits = project.edits
        steps = [lambda: edits.accept([2]), lambda: edits.reject([4]), lambda: edits.add_span(1, 50, 52, "PER"),
                 lambda: edits.relabel(1, "LOC"), lambda: edits.delete_span(6), lambda: edits.resize(3, 8, 12),
                 lambda: project.triggers.accept(13), lambda: edits.add_event(1, EVENT, 54, 56),
                 lambda: edits.add_argument(1, "Entity", 1), lambda: edits.delete_event(1),
                 lambda: edits.set_status(1, "reviewed")]
        for step in steps:
            changes = step()
            assert stored(project) == recount(project.path)
            project.undo(changes)
            assert stored(project) == recount(project.path)
            project.redo(changes)
            assert stored(project) == recount(project.path)


def test_events_count_once_accepted_as_entities_do_and_an_older_file_is_counted_again(tmp_path):
    """Ev. counted suggested events too: a document nobody had opened showed Ev. 22 beside Ent. 0."""
    spans = (EntitySpan(1, 2, 4, EVENT, origin="events", state=SpanState.SUGGESTED, kind=SpanKind.TRIGGER),
             EntitySpan(2, 6, 8, EVENT, origin="events", state=SpanState.SUGGESTED, kind=SpanKind.TRIGGER))
    events = (Event(1, EVENT, 1, state=SpanState.SUGGESTED, origin="events"),
              Event(2, EVENT, 2, state=SpanState.SUGGESTED, origin="events"))
    doc = AnnotatedDocument(title="t", text=TEXT, tokens=tuple((i, i + 2) for i in range(0, len(TEXT), 2)),
                            spans=spans, events=events)
    path = tmp_path / "c.annot"
    with Project.create(path, schema="ace2005-zh", user="t") as project:
        project.importer.add_documents([doc], prelabel=False)
        assert stored(project) == recount(path) == (2, 0, 0)
        event = next(e for e in project.document(1).events if e.trigger_id is not None)
        project.triggers.accept(event.trigger_id)
        assert stored(project) == recount(path) == (1, 0, 1)
    db = sqlite3.connect(path)  # as an older version left it: live events counted, suggested ones too
    db.execute("UPDATE documents SET n_events = 2")
    db.execute("DELETE FROM project WHERE key = 'event_counts'")
    db.commit()
    db.close()
    with Project.open(path, readonly=True) as project:  # read-only (merge reads annotators' files so): opens
        assert stored(project) == (1, 0, 2)
    with Project.open(path) as project:  # for writing: counted again, once, and no schema version spent
        assert stored(project) == recount(path) == (1, 0, 1)
        assert project.store.setting("event_counts") == "accepted"
