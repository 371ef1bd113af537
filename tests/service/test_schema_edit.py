"""Schema edits on an open project: orphaning edits refused with counts, renames migrate, undo restores."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.core.annotations import SpanKind, SpanState
from annotator.core.errors import ProjectError, SchemaError
from annotator.core.events import WarningKind
from annotator.core.schema import EntityLabel, Schema
from annotator.service import Project
from annotator.service.schema_edit import Renames, SchemaOrphanError


def without_label(schema: Schema, key: str) -> Schema:
    """The schema without a label (and without it in any role's list)."""
    return replace(schema, labels=tuple(lab for lab in schema.labels if lab.key != key),
                   event_types=tuple(replace(ev, roles=tuple(replace(r, labels=tuple(x for x in r.labels if x != key))
                                                             for r in ev.roles)) for ev in schema.event_types))


def without_event_type(schema: Schema, key: str) -> Schema:
    return replace(schema, event_types=tuple(ev for ev in schema.event_types if ev.key != key))


def without_role(schema: Schema, event_type: str, role: str) -> Schema:
    return replace(schema, event_types=tuple(
        replace(ev, roles=tuple(r for r in ev.roles if r.name != role)) if ev.key == event_type else ev
        for ev in schema.event_types))


@pytest.fixture
def project(tmp_path, seed_path):
    p = Project.create(tmp_path / "p.annot", schema="ace2005-zh", user="tester")
    assert p.importer.import_paths([seed_path], prelabel=False).imported == (1,)
    yield p
    p.close()


def place(p: Project, word: str, nth: int = 0) -> tuple[int, int]:
    text = p.document(1).text
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    return at, at + len(word)


@pytest.fixture
def meeting(project):
    """The seed article's meeting: an ORG, a place (LOC) and the Contact:Meet event with both as arguments."""
    org = project.edits.add_span(1, *place(project, "中美执法合作联合联络小组"), "ORG").created[0]
    loc = project.edits.add_span(1, *place(project, "北京", 1), "LOC").created[0]
    event = project.edits.add_event(1, "Contact:Meet", *place(project, "召开")).created[0]
    project.edits.add_argument(event, "Entity", org)
    project.edits.add_argument(event, "Place", loc)
    return {"org": org, "loc": loc, "event": event}


def snapshot(p: Project):
    doc = p.document(1)
    return doc.spans, doc.events, p.schema


def test_usage_counts_held_spans_events_and_roles(project, meeting):
    project.edits.add_span(1, *place(project, "公安部"), "ORG")
    used = project.schema_edits.usage()
    assert used.labels == {"ORG": 2, "LOC": 1}
    assert used.event_types == {"Contact:Meet": 1}
    assert used.roles == {("Contact:Meet", "Entity"): 1, ("Contact:Meet", "Place"): 1}


def test_removing_a_used_label_is_refused_with_count_and_advice(project, meeting):
    project.edits.add_span(1, *place(project, "公安部"), "ORG")
    before = snapshot(project)
    with pytest.raises(SchemaOrphanError) as caught:
        project.schema_edits.update(without_label(project.schema, "ORG"))
    (orphan,) = caught.value.orphans
    assert (orphan.kind, orphan.key, orphan.count) == ("label", "ORG", 2)
    message = caught.value.message
    assert "2 spans are labelled ORG (机构)" in message and "rename the label" in message
    assert str(project.path) in message
    assert snapshot(project) == before


def test_refusal_names_every_orphaning_change(project, meeting):
    new = without_role(without_event_type(without_label(project.schema, "LOC"), "Contact:Meet"),
                       "Contact:Meet", "Place")
    with pytest.raises(SchemaOrphanError) as caught:
        project.schema_edits.update(new)
    assert {(o.kind, o.key, o.count) for o in caught.value.orphans} == {("label", "LOC", 1),
                                                                         ("event type", "Contact:Meet", 1)}
    # A role dropped from a type that stays is named on its own.
    with pytest.raises(SchemaOrphanError) as caught:
        project.schema_edits.update(without_role(project.schema, "Contact:Meet", "Place"))
    assert [(o.kind, o.key, o.count) for o in caught.value.orphans] == [("role", "Contact:Meet.Place", 1)]
    assert "take those arguments out of the role" in caught.value.message


def test_removing_an_unused_label_works_and_persists(project, meeting, tmp_path):
    changes = project.schema_edits.update(without_label(project.schema, "CRIME"))
    assert "schema" in changes.kinds and not changes.empty
    assert project.schema.label("CRIME") is None
    path = project.path
    project.close()
    with Project.open(path) as again:
        assert again.schema.label("CRIME") is None
        assert again.schema.label("ORG") is not None


def test_removing_a_label_drops_its_loose_suggestions_and_undo_brings_them_back(project):
    start, end = place(project, "公安部")
    project.store.db.execute("INSERT INTO spans(doc_id, start, \"end\", label, kind, origin, state) "
                             "VALUES (1, ?, ?, 'MONEY', 'entity', 'rules', 'suggested')", [start, end])
    before = snapshot(project)
    changes = project.schema_edits.update(without_label(project.schema, "MONEY"))
    assert changes.doc_ids == {1}
    assert not [s for s in project.document(1).spans if s.label == "MONEY"]
    project.undo(changes)
    assert snapshot(project) == before
    assert project.schema.label("MONEY") is not None


def test_rename_label_migrates_spans_roles_and_prelabel_and_undo_restores(project, meeting):
    suggested = project.store.db.execute(
        "INSERT INTO spans(doc_id, start, \"end\", label, kind, origin, state) "
        "VALUES (1, 0, 2, 'ORG', 'entity', 'rules', 'suggested')").lastrowid
    project.prelabel.add_gazetteer_entries([("公安部", "ORG")])
    before = snapshot(project)
    changes = project.schema_edits.rename_label("ORG", "ORGANIZATION")
    assert changes.doc_ids == {1} and {"schema", "spans"} <= changes.kinds
    doc = project.document(1)
    assert doc.span(meeting["org"]).label == "ORGANIZATION" and doc.span(suggested).label == "ORGANIZATION"
    assert doc.span(meeting["org"]).state == SpanState.ACCEPTED
    schema = project.schema
    assert schema.label("ORG") is None and schema.label("ORGANIZATION").name_zh == "机构"
    assert "ORGANIZATION" in schema.event_type("Contact:Meet").role("Entity").labels
    assert ("公安部", "ORGANIZATION") in project.prelabel.gazetteer()
    # The arguments still point at the same spans: nothing was orphaned.
    assert project.document(1).events == before[1]
    project.undo(changes)
    assert snapshot(project) == before
    assert ("公安部", "ORG") in project.prelabel.gazetteer() and ("公安部", "ORGANIZATION") not in project.prelabel.gazetteer()
    project.redo(changes)
    assert project.document(1).span(meeting["org"]).label == "ORGANIZATION"
    path = project.path
    project.close()
    with Project.open(path) as again:
        assert again.schema.label("ORGANIZATION") is not None
        assert again.document(1).span(meeting["org"]).label == "ORGANIZATION"


def test_rename_event_type_and_role_migrate_events_triggers_and_arguments(project, meeting):
    before = snapshot(project)
    renamed = project.schema_edits.rename_event_type("Contact:Meet", "Contact:Meeting")
    event = project.document(1).events[0]
    assert event.type == "Contact:Meeting"
    trigger = project.document(1).span(event.trigger_id)
    assert trigger.kind == SpanKind.TRIGGER and trigger.label == "Contact:Meeting"
    role = project.schema_edits.rename_role("Contact:Meeting", "Place", "Venue")
    assert {a.role for a in project.document(1).events[0].arguments} == {"Entity", "Venue"}
    kinds = {w.kind for w in project.event_warnings(1)}
    assert not kinds & {WarningKind.UNKNOWN_TYPE, WarningKind.UNKNOWN_ROLE}, kinds  # the events still fit the renamed schema
    assert project.schema.event_type("Contact:Meeting").role("Venue").name_zh == "地点"
    project.undo(role)
    project.undo(renamed)
    assert snapshot(project) == before


def test_a_dialog_edit_renames_and_changes_details_in_one_undoable_step(project, meeting):
    old = project.schema
    new = replace(old, labels=tuple(replace(lab, key="PLACE", color="#00aa00") if lab.key == "LOC" else lab
                                    for lab in old.labels) + (EntityLabel("NEW", "New", "新", "#123456", "N"),))
    new = replace(new, event_types=tuple(
        replace(ev, roles=tuple(replace(r, labels=tuple("PLACE" if x == "LOC" else x for x in r.labels))
                                for r in ev.roles)) for ev in new.event_types))
    with pytest.raises(SchemaOrphanError):  # without saying it is a rename, LOC's span would be orphaned
        project.schema_edits.update(new)
    changes = project.schema_edits.update(new, renames=Renames(labels={"LOC": "PLACE"}))
    assert project.document(1).span(meeting["loc"]).label == "PLACE"
    assert project.schema.label("NEW").hotkey == "N" and project.schema.label("PLACE").color == "#00aa00"
    project.undo(changes)
    assert project.schema == old and project.document(1).span(meeting["loc"]).label == "LOC"


def test_bad_renames_are_refused(project, meeting):
    with pytest.raises(SchemaError, match="already in use"):
        project.schema_edits.rename_label("ORG", "PER")
    with pytest.raises(SchemaError, match="no such label"):
        project.schema_edits.update(project.schema, renames=Renames(labels={"NOPE": "X"}))
    assert project.document(1).span(meeting["org"]).label == "ORG"


def test_blank_keys_are_refused(project):
    with pytest.raises(SchemaError, match="has no key"):
        project.schema_edits.rename_label("ORG", " ")


def test_an_unchanged_schema_records_nothing(project):
    assert project.schema_edits.update(project.schema).empty


def test_a_read_only_project_refuses_a_schema_edit(project, meeting):
    path = project.path
    project.close()
    with Project.open(path, readonly=True) as p, pytest.raises(ProjectError, match="read-only"):
        p.schema_edits.update(without_label(p.schema, "CRIME"))
