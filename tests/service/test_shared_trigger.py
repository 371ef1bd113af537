"""Two events on one trigger span (an import can bring them: CEC and DuEE files do): deleting one leaves the
other whole, its trigger included; undo puts the first back."""

from __future__ import annotations

from annotator.core.annotations import AnnotatedDocument, EntitySpan, Event, SpanKind
from annotator.service import Project

TEXT = "北京会议上海会谈广州会见深圳会晤"


def test_deleting_one_of_two_events_on_a_trigger_keeps_the_trigger_of_the_other(tmp_path):
    trigger = EntitySpan(1, 2, 4, "Contact:Meet", origin="manual", kind=SpanKind.TRIGGER)
    doc = AnnotatedDocument(title="t", text=TEXT, tokens=tuple((i, i + 2) for i in range(0, len(TEXT), 2)),
                            spans=(trigger,), events=(Event(1, "Contact:Meet", 1), Event(2, "Contact:Phone-Write", 1)))
    with Project.create(tmp_path / "c.annot", schema="ace2005-zh", user="t") as project:
        project.importer.add_documents([doc], prelabel=False)
        first, second = project.document(1).events
        assert first.trigger_id == second.trigger_id
        removed = project.edits.delete_event(first.id)
        left = project.document(1)
        assert [e.id for e in left.events] == [second.id]
        assert [(s.id, s.start, s.end) for s in left.spans if s.kind == SpanKind.TRIGGER] == [(second.trigger_id, 2, 4)]
        project.undo(removed)
        assert [e.id for e in project.document(1).events] == [first.id, second.id]
        project.edits.delete_event(second.id)
        project.edits.delete_event(first.id)  # the last event on it takes the trigger with it
        assert [s for s in project.document(1).spans if s.kind == SpanKind.TRIGGER] == []


def test_a_merge_deleting_one_of_two_events_on_a_trigger_keeps_the_trigger_of_the_other(tmp_path):
    from annotator.service.team_apply import delete_event
    from annotator.store import layers as layer_store

    trigger = EntitySpan(1, 2, 4, "Contact:Meet", origin="manual", kind=SpanKind.TRIGGER)
    doc = AnnotatedDocument(title="t", text=TEXT, tokens=tuple((i, i + 2) for i in range(0, len(TEXT), 2)),
                            spans=(trigger,), events=(Event(1, "Contact:Meet", 1), Event(2, "Contact:Phone-Write", 1)))
    with Project.create(tmp_path / "c.annot", schema="ace2005-zh", user="t") as project:
        project.importer.add_documents([doc], prelabel=False)
        first, second = layer_store.event_rows(project.store.db, 1)
        with project.store.edit(action="merge", doc_id=1) as tx:
            delete_event(tx, first)
        left = project.document(1)
        assert [e.id for e in left.events] == [second["id"]]
        assert [s.id for s in left.spans if s.kind == SpanKind.TRIGGER] == [second["trigger_id"]]
