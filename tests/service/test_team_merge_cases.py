"""The awkward cases of merging annotators' files: undecided event suggestions, files of another project,
the project itself, documents already settled here, re-assignment."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from annotator.core import formats
from annotator.core.annotations import ReviewStatus, SpanState
from annotator.core.errors import ValidationError, WriteError
from annotator.core.event_suggestions import ArgumentSuggestion, EventSuggestion
from annotator.core.layers import Layer
from annotator.service import Project
from annotator.service.team import Team

CEC = Path(__file__).resolve().parents[1] / "fixtures" / "cec5.jsonl"


@pytest.fixture
def lead(tmp_path):
    p = Project.create(tmp_path / "lead.annot", schema="cec", user="lead")
    p.importer.import_paths([CEC], prelabel=False)  # the gold events arrive as suggested events
    yield p
    p.close()


def accepted_events(doc) -> set:
    """(type, trigger bounds) of the document's accepted events, as an export carries them."""
    spans = {s.id: s for s in doc.spans}
    return {(e.type, spans[e.trigger_id].start, spans[e.trigger_id].end)
            for e in doc.events if e.state == SpanState.ACCEPTED and e.trigger_id}


def exported_events(p: Project, path: Path) -> dict[str, set]:
    p.exporter.export(path)
    return {doc.text: {(e.type, *e.trigger) for e in Layer.from_document("", doc).events}
            for _, doc in formats.iter_documents(path, "native", reviewed=True, schema=p.schema)}


def test_merged_events_are_the_ones_the_annotator_accepted_and_the_export_carries_them(lead, tmp_path):
    lead.team.assign(["ann1"], tmp_path / "team")
    with Project.open(tmp_path / "team" / "ann1.annot") as ann1:
        # Document 1: every suggested event accepted as it was suggested. Document 2: the first accepted, the
        # rest left undecided (an export of the annotator's file leaves those out).
        for doc_id, take in ((1, None), (2, 1)):
            events = [e for e in ann1.document(doc_id).events if e.state == SpanState.SUGGESTED]
            for event in events[:take]:
                ann1.triggers.accept(event.trigger_id)
            ann1.edits.set_status(doc_id, ReviewStatus.REVIEWED)
        theirs = {doc_id: accepted_events(ann1.document(doc_id)) for doc_id in (1, 2)}
        texts = {doc_id: ann1.document(doc_id).text for doc_id in (1, 2)}
        their_export = exported_events(ann1, tmp_path / "ann1-export.jsonl")
    assert len(theirs[1]) == 19 and len(theirs[2]) == 1

    before = snapshot(lead)
    report = lead.team.merge(tmp_path / "team" / "ann1.annot")
    assert report.reviewed == (1, 2)
    for doc_id in (1, 2):
        doc = lead.document(doc_id)
        assert accepted_events(doc) == theirs[doc_id]
        assert not [e for e in doc.events if e.state == SpanState.SUGGESTED]  # nothing left open in a reviewed one
        assert {(e.type, *e.trigger) for e in lead.team.layers(doc_id)[0].events} == theirs[doc_id]
    assert exported_events(lead, tmp_path / "lead.jsonl") == their_export == {texts[d]: theirs[d] for d in (1, 2)}
    lead.undo(report.changes)  # one step, events included
    assert snapshot(lead) == before


def snapshot(p: Project) -> tuple:
    db = p.store.db
    return tuple(tuple(db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall())
                 for t in ("spans", "events", "arguments", "layers")) + (
        tuple(db.execute("SELECT id, status, reviewer FROM documents ORDER BY id").fetchall()),)


def test_a_project_file_of_another_schema_is_refused_naming_the_document_and_label(lead, tmp_path):
    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"text": lead.document(i).text}, ensure_ascii=False) + "\n"
                             for i in lead.document_ids()), encoding="utf-8")
    other = Project.create(tmp_path / "other.annot", schema="ace2005-zh", user="ann9")
    other.importer.import_paths([texts], prelabel=False)  # the same texts, another schema
    other.store.set_setting("annotator", "ann9")
    text = other.document(2).text
    other.edits.add_span(2, 0, 2, "POSITION")
    other.edits.set_status(2, ReviewStatus.REVIEWED)
    other.edits.add_event(3, "Life:Die", 0, 1)
    other.edits.set_status(3, ReviewStatus.REVIEWED)
    other.close()
    before = snapshot(lead)
    with pytest.raises(ValidationError) as err:
        lead.team.merge(tmp_path / "other.annot")
    assert err.value.path == str(tmp_path / "other.annot")
    assert "document 2" in err.value.reason and "'POSITION'" in err.value.reason and text
    assert "nothing of this file was merged" in err.value.reason
    assert snapshot(lead) == before


def test_merging_the_project_into_itself_is_refused(lead, tmp_path):
    lead.edits.set_status(1, ReviewStatus.REVIEWED)
    lead.store.set_setting("annotator", "lead")
    before = snapshot(lead)
    for path in (lead.path, tmp_path / "." / "lead.annot"):
        with pytest.raises(ValidationError) as err:
            lead.team.merge(path, annotator="ann1")
        assert "is this project itself" in err.value.reason and err.value.path == str(path)
    assert snapshot(lead) == before


def entities(p: Project, doc_id: int) -> set:
    return {(s.start, s.end, s.label) for s in p.document(doc_id).entities()}


def reviewer(p: Project, doc_id: int) -> str:
    return p.store.db.execute("SELECT reviewer FROM documents WHERE id = ?", [doc_id]).fetchone()[0]


def two_annotators(lead: Project, tmp_path: Path) -> tuple[Path, Path]:
    """ann1 and ann2 both get every document and finish documents 1 and 2, marking the first two characters
    of each a person, except ann2 who makes those of document 1 a place."""
    lead.team.assign(["ann1", "ann2"], tmp_path / "team", overlap=1.0)
    files = tmp_path / "team" / "ann1.annot", tmp_path / "team" / "ann2.annot"
    for path in files:
        with Project.open(path) as p:
            for doc_id in (1, 2):
                p.edits.add_span(doc_id, 0, 2, "LOC" if (path.stem, doc_id) == ("ann2", 1) else "PER")
                p.edits.set_status(doc_id, ReviewStatus.REVIEWED)
    return files


def test_a_late_copy_leaves_an_adjudicated_document_as_the_adjudicator_decided_it(lead, tmp_path):
    ann1, ann2 = two_annotators(lead, tmp_path)
    lead.team.merge(ann1)
    assert lead.team.merge(ann2).disputed == (1,)
    adj = lead.adjudication
    adj.take_annotator(1, "ann2")
    adj.finish(1)
    decided = entities(lead, 1)
    # ann2 sends a newer copy: they changed their mind on document 1 and worked on document 3.
    with Project.open(ann2) as p:
        p.edits.add_span(1, 3, 4, "MISC")
        p.edits.add_span(3, 0, 2, "PER")
        p.edits.set_status(3, ReviewStatus.REVIEWED)
    report = lead.team.merge(ann2)
    assert report.changed == (1, 3) and report.kept == (1,) and report.reviewed == (3,) and report.disputed == ()
    assert (lead.document(1).status, reviewer(lead, 1), entities(lead, 1)) == (ReviewStatus.REVIEWED, "lead", decided)
    assert (3, 4, "MISC") in lead.team.layers(1)[1].entities  # the new layer is kept for agreement
    assert adj.view(1).open_entities  # and the adjudicator sees what now differs, if they look again


def test_an_annotators_file_does_not_overwrite_a_document_the_lead_reviewed_here(lead, tmp_path):
    ann1, _ = two_annotators(lead, tmp_path)
    lead.edits.add_span(2, 0, 2, "ORG")
    lead.edits.set_status(2, ReviewStatus.REVIEWED)
    mine = entities(lead, 2)
    report = lead.team.merge(ann1)
    assert report.kept == (2,) and report.reviewed == (1,)
    assert entities(lead, 2) == mine and reviewer(lead, 2) == "lead"
    # A document merged before and not touched since follows a newer copy of its annotator's file.
    with Project.open(ann1) as p:
        p.edits.add_span(1, 3, 4, "MISC")
    assert lead.team.merge(ann1).reviewed == (1,) and entities(lead, 1) == {(0, 2, "PER"), (3, 4, "MISC")}


def test_adjudicating_a_document_no_annotator_has_is_refused_and_changes_nothing(lead, tmp_path):
    ann1, _ = two_annotators(lead, tmp_path)
    lead.team.merge(ann1)
    assert lead.team.layers(4) == [] and lead.document(4).status == ReviewStatus.PRE_ANNOTATED
    before = snapshot(lead)
    adj = lead.adjudication
    for act in (adj.finish, adj.accept_agreed):
        with pytest.raises(ValidationError, match="document 4 has no annotator's layer"):
            act(4)
    with pytest.raises(ValidationError, match="'ann1' has no layer of document 4"):
        adj.take_annotator(4, "ann1")
    assert snapshot(lead) == before  # finish used to reject every suggestion of it and mark it reviewed


def test_finishing_a_disputed_document_whose_event_suggestions_nobody_decided(lead, tmp_path, monkeypatch):
    ann1, ann2 = two_annotators(lead, tmp_path)
    lead.team.merge(ann1)
    assert lead.team.merge(ann2).disputed == (1,)
    # A retrained event model suggests events in what is not reviewed yet, the disputed document too.
    end = len(lead.document(1).text)
    retrained = SimpleNamespace(suggest=lambda doc, schema: [EventSuggestion(
        end - 3, end - 2, "action", (ArgumentSuggestion(end - 6, end - 4, "Object", ""),))] if doc.id == 1 else [])
    monkeypatch.setattr(lead.triggers, "suggester", lambda: retrained)
    lead.triggers.suggest()
    assert [a for e in lead.document(1).events if e.state == SpanState.SUGGESTED for a in e.arguments]
    adj = lead.adjudication
    adj.take_annotator(1, "ann1")
    adj.finish(1)  # failed: rejecting one suggestion deleted an argument span it then tried to reject
    doc = lead.document(1)
    assert doc.status == ReviewStatus.REVIEWED and entities(lead, 1) == {(0, 2, "PER")}
    assert not [s for s in doc.spans if s.state == SpanState.SUGGESTED]
    assert not [e for e in doc.events if e.state != SpanState.REJECTED]


def test_exporting_the_layer_of_an_annotator_handed_documents_but_never_merged_is_refused(lead, tmp_path):
    ann1, _ = two_annotators(lead, tmp_path)
    lead.team.merge(ann1)
    target = tmp_path / "ann2.jsonl"
    with pytest.raises(ValidationError, match="no layer of annotator 'ann2'") as err:
        lead.team.export_layer(target, "ann2")  # wrote an empty file, as if ann2 had reviewed nothing
    assert "ann2 was handed 5 document(s)" in (err.value.hint or "") and not target.exists()
    assert lead.team.export_layer(target, "ann1").documents == 2


def test_an_annotators_documents_not_sent_back_are_handed_to_another(lead, tmp_path):
    shares = lead.team.assign(["ann1", "ann2"], tmp_path / "team", seed=3).shares
    first, *rest = shares["ann1"]
    with Project.open(tmp_path / "team" / "ann1.annot") as p:
        p.edits.add_span(first, 0, 2, "PER")
        p.edits.set_status(first, ReviewStatus.REVIEWED)
    lead.team.merge(tmp_path / "team" / "ann1.annot")
    # ann1 leaves mid-way: what they have not sent back goes to ann3, and nothing of ann2's.
    moved = lead.team.assign(["ann3"], tmp_path / "team2", from_annotator="ann1").shares
    assert moved == {"ann3": rest} and rest
    with Project.open(tmp_path / "team2" / "ann3.annot", readonly=True) as p:
        assert p.document_ids() == rest
    who = {(d, name) for d, name, _ in lead.team.assignments()}
    assert {(d, "ann3") for d in rest} <= who and not {(d, "ann1") for d in rest} & who
    assert (first, "ann1") in who and {(d, "ann2") for d in shares["ann2"]} <= who
    with pytest.raises(ValidationError, match="ann2 has no document handed out and not sent back"):
        lead.team.assign(["ann3"], tmp_path / "team3", from_annotator="ann2", statuses=["reviewed"])
    with pytest.raises(ValidationError, match="nobody called 'ann9' was handed documents"):
        lead.team.assign(["ann3"], tmp_path / "team3", from_annotator="ann9")


def export_of(path: Path, text: str, entities: list[tuple[int, int, str]], events: list[tuple] = ()) -> Path:
    """A native export of one reviewed document: entities and (type, trigger start, end) events."""
    path.write_text(json.dumps({"text": text, "entities": [{"start": s, "end": e, "label": lab}
                                                           for s, e, lab in entities],
                                "events": [{"type": t, "trigger": {"start": s, "end": e}, "arguments": []}
                                           for t, s, e in events]}) + "\n", encoding="utf-8")
    return path


def test_taking_a_nested_version_leaves_the_span_everyone_gave(lead, tmp_path):
    text = lead.document(1).text
    # Both marked the organisation over the first four characters; ann1 also the place nested in it.
    lead.team.merge(export_of(tmp_path / "a.jsonl", text, [(0, 4, "ORG"), (0, 2, "LOC")]), annotator="ann1")
    assert lead.team.merge(export_of(tmp_path / "b.jsonl", text, [(0, 4, "ORG")]), annotator="ann2").disputed == (1,)
    adj = lead.adjudication
    inner = next(c for c in adj.view(1).entities if c.key == (0, 2, "LOC"))
    adj.take(1, inner)
    view = adj.view(1)
    assert [c.key for c in view.open_entities] == [(0, 4, "ORG")]  # it was dropped as the taken one's rival
    adj.accept_agreed(1)
    adj.finish(1)
    assert entities(lead, 1) == {(0, 4, "ORG"), (0, 2, "LOC")}


def test_taking_an_event_version_leaves_the_event_everyone_gave(lead, tmp_path):
    text = lead.document(1).text
    # Both marked an action on characters 10-12; ann1 also a movement on 11-13, overlapping it.
    a = export_of(tmp_path / "a.jsonl", text, [], [("action", 10, 12), ("movement", 11, 13)])
    b = export_of(tmp_path / "b.jsonl", text, [], [("action", 10, 12)])
    lead.team.merge(a, annotator="ann1")
    assert lead.team.merge(b, annotator="ann2").disputed == (1,)
    adj = lead.adjudication
    movement = next(c for c in adj.view(1).events if c.event.type == "movement")
    adj.take_event(1, movement)
    assert [c.event.type for c in adj.view(1).open_events] == ["action"]
    adj.accept_agreed(1)
    adj.finish(1)
    assert sorted(e.type for e in lead.team.layers(1)[0].events) == ["action", "movement"]
    assert {(t, s, e) for t, s, e in accepted_events(lead.document(1))} == {("action", 10, 12), ("movement", 11, 13)}


def test_a_newer_copy_keeps_what_the_adjudicator_already_decided_in_a_disputed_document(lead, tmp_path):
    text = lead.document(1).text
    lead.team.merge(export_of(tmp_path / "a.jsonl", text, [(0, 2, "PER"), (5, 7, "LOC")]), annotator="ann1")
    b = export_of(tmp_path / "b.jsonl", text, [(0, 2, "ORG"), (5, 7, "LOC")])
    assert lead.team.merge(b, annotator="ann2").disputed == (1,)
    adj = lead.adjudication
    adj.take(1, next(c for c in adj.view(1).entities if c.key == (0, 2, "ORG")))
    adj.accept_agreed(1)
    assert adj.view(1).settled
    # Before the adjudicator finishes, ann2 sends a newer copy with one more span.
    lead.team.merge(export_of(b, text, [(0, 2, "ORG"), (5, 7, "LOC"), (9, 11, "TIME")]), annotator="ann2")
    view = adj.view(1)
    assert [c.key for c in view.open_entities] == [(9, 11, "TIME")]  # the two decisions are kept; only the newer copy's span is open
    assert entities(lead, 1) == {(0, 2, "ORG"), (5, 7, "LOC")}


def test_a_newer_copy_reopens_what_it_changes_so_no_label_stays_that_no_annotator_gives(lead, tmp_path):
    """PER taken over ORG; then ann1's newer copy says ORG as ann2 does. The document kept PER accepted and ORG
    rejected, neither open, and finishing it left both."""
    text = lead.document(1).text
    a = export_of(tmp_path / "a.jsonl", text, [(0, 2, "PER"), (5, 7, "LOC"), (9, 11, "TIME")])
    lead.team.merge(a, annotator="ann1")
    assert lead.team.merge(export_of(tmp_path / "b.jsonl", text, [(0, 2, "ORG"), (5, 7, "LOC")]),
                           annotator="ann2").disputed == (1,)
    adj = lead.adjudication
    adj.take(1, next(c for c in adj.view(1).entities if c.key == (0, 2, "PER")))
    # ann1's newer copy: ORG as ann2 says; TIME still theirs alone, so the document stays disputed
    report = lead.team.merge(export_of(a, text, [(0, 2, "ORG"), (5, 7, "LOC"), (9, 11, "TIME")]), annotator="ann1")
    assert report.disputed == (1,)
    assert (0, 2, "PER") not in entities(lead, 1)  # nobody gives it any more: no longer taken
    # ORG (rejected when PER was taken) is open again, agreed now; LOC was never decided; TIME is ann1's alone
    assert {c.key for c in adj.view(1).open_entities} == {(0, 2, "ORG"), (5, 7, "LOC"), (9, 11, "TIME")}
    adj.accept_agreed(1)
    adj.take(1, next(c for c in adj.view(1).entities if c.key == (9, 11, "TIME")))
    adj.finish(1)
    assert {k for k in entities(lead, 1) if k[0] < 12} == {(0, 2, "ORG"), (5, 7, "LOC"), (9, 11, "TIME")}


def test_the_merge_says_how_many_handed_documents_the_annotator_has_not_reviewed(lead, tmp_path):
    shares = lead.team.assign(["ann1"], tmp_path / "team").shares
    with Project.open(tmp_path / "team" / "ann1.annot") as p:  # opens two of five, never the rest
        for doc_id in shares["ann1"][:2]:
            p.edits.add_span(doc_id, 0, 2, "PER")
            p.edits.set_status(doc_id, ReviewStatus.REVIEWED)
    report = lead.team.merge(tmp_path / "team" / "ann1.annot")
    assert (report.documents, report.not_reviewed) == (2, tuple(shares["ann1"][2:]))
    assert lead.document_ids(statuses=["pre-annotated"]) == shares["ann1"][2:]  # still theirs, still to do


def test_an_assign_failing_half_way_leaves_no_annotator_file_and_records_nothing(lead, tmp_path, monkeypatch):
    written = []
    real = Team._write_copy

    def full_disk_on_the_second(self, path, name, doc_ids):
        if written:
            raise WriteError("disk full", path=str(path))
        real(self, path, name, doc_ids)
        written.append(name)
    monkeypatch.setattr(Team, "_write_copy", full_disk_on_the_second)
    with pytest.raises(WriteError):
        lead.team.assign(["ann1", "ann2"], tmp_path / "team")
    assert written == ["ann1"] and sorted(p.name for p in (tmp_path / "team").iterdir()) == []
    assert lead.team.assignments() == []
    monkeypatch.setattr(Team, "_write_copy", real)
    assert lead.team.assign(["ann1", "ann2"], tmp_path / "team")  # the same command again: it works now
    assert sorted(p.name for p in (tmp_path / "team").iterdir() if p.suffix == ".annot") == ["ann1.annot", "ann2.annot"]


def test_an_assign_whose_second_file_cannot_be_named_records_nothing_and_leaves_no_file(lead, tmp_path, monkeypatch):
    """The files are named inside the transaction that records them: the assignments were committed first, so a
    failure (or a kill) before the names left them recorded with no file to hand out."""
    real = Path.replace

    def refuse_the_second(self, target):
        if Path(target).name == "ann2.annot":
            raise PermissionError(13, "Permission denied", str(target))
        return real(self, target)
    monkeypatch.setattr(Path, "replace", refuse_the_second)
    with pytest.raises(PermissionError):
        lead.team.assign(["ann1", "ann2"], tmp_path / "team")
    assert sorted(p.name for p in (tmp_path / "team").iterdir()) == [] and lead.team.assignments() == []
    monkeypatch.setattr(Path, "replace", real)
    assert lead.team.assign(["ann1", "ann2"], tmp_path / "team")  # the same command again: it works now


def test_merging_again_repairs_a_document_an_earlier_version_left_with_suggested_events(lead, tmp_path):
    lead.team.assign(["ann1"], tmp_path / "team")
    with Project.open(tmp_path / "team" / "ann1.annot") as ann1:
        for event in ann1.document(1).events:
            ann1.triggers.accept(event.trigger_id)
        ann1.edits.set_status(1, ReviewStatus.REVIEWED)
        theirs = accepted_events(ann1.document(1))
        old_layer = Layer.from_document("ann1", ann1.document(1))
    # What the merge of an earlier version left: the annotator's events still suggestions in the reviewed
    # document, and the layer as it stored it then (suggestions counted as theirs).
    with lead.store.edit(action="merge ann1", doc_id=None, user="ann1") as tx:
        tx.insert("layers", {"doc_id": 1, "annotator": "ann1", "data": old_layer.to_json()[:-1] + ',"old":1}',
                             "source": "ann1.annot", "merged_at": "2026-01-01T00:00:00", "seconds": None})
        tx.update("documents", 1, {"status": "reviewed", "reviewer": "ann1"})
    assert not accepted_events(lead.document(1))
    report = lead.team.merge(tmp_path / "team" / "ann1.annot")
    assert (report.reviewed, report.kept) == ((1,), ())
    assert accepted_events(lead.document(1)) == theirs


def test_an_event_everyone_gave_stays_open_when_another_type_on_its_trigger_is_taken(lead, tmp_path):
    text = lead.document(1).text
    a = export_of(tmp_path / "a.jsonl", text, [], [("stateChange", 10, 12), ("emergency", 10, 12)])
    b = export_of(tmp_path / "b.jsonl", text, [], [("stateChange", 10, 12)])
    lead.team.merge(a, annotator="ann1")
    assert lead.team.merge(b, annotator="ann2").disputed == (1,)
    adj = lead.adjudication
    adj.take_event(1, next(c for c in adj.view(1).events if c.event.type == "emergency"))
    # The event both gave is neither taken nor dropped: it was counted as decided, so finishing lost it.
    assert [c.event.type for c in adj.view(1).open_events] == ["stateChange"]
    with pytest.raises(ValidationError, match="1 version"):
        adj.finish(1)


KILLED_HALF_WAY = """
import os, signal, sys
from annotator.service import Project
p = Project.open(sys.argv[1])
def progress(done, total):
    if done >= total // 2:
        os.kill(os.getpid(), signal.SIGKILL)  # half the documents stored, nothing committed
    return True
p.team.merge(sys.argv[2], progress=progress)
"""


def test_a_merge_killed_half_way_leaves_the_project_as_it_was(lead, tmp_path):
    lead.team.assign(["ann1"], tmp_path / "team")
    with Project.open(tmp_path / "team" / "ann1.annot") as p:
        for doc_id in p.document_ids():
            for event in p.document(doc_id).events:
                p.triggers.accept(event.trigger_id)
            p.edits.set_status(doc_id, ReviewStatus.REVIEWED)
    path = lead.path
    before = snapshot(lead)
    lead.close()
    done = subprocess.run([sys.executable, "-c", KILLED_HALF_WAY, str(path), str(tmp_path / "team" / "ann1.annot")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    with Project.open(path) as again:
        assert snapshot(again) == before
        assert again.team.merge(tmp_path / "team" / "ann1.annot").reviewed == (1, 2, 3, 4, 5)


def argument_states(doc, event) -> dict[tuple[str, int, int], SpanState]:
    spans = {x.id: x for x in doc.spans}
    return {(a.role, spans[a.span_id].start, spans[a.span_id].end): a.state for a in event.arguments}


def test_an_event_kept_with_one_suggested_argument_rejected_is_decided_in_place_not_made_again(lead, tmp_path):
    """The annotator accepted a suggested event and rejected one of its suggested arguments: the merge deleted
    the lead's event and made a new manual one (new ids, its argument spans deleted and inserted again), so the
    statistics counted a suggestion the annotator accepted as a miss beside a manual event."""
    lead.team.assign(["ann1"], tmp_path / "team")
    with Project.open(tmp_path / "team" / "ann1.annot") as ann1:
        event = next(e for e in ann1.document(1).events if e.state == SpanState.SUGGESTED and len(e.arguments) >= 2)
        ann1.triggers.accept(event.trigger_id)
        dropped = event.arguments[0]
        ann1.triggers.reject_argument(event.id, dropped.role, dropped.span_id)
        ann1.edits.set_status(1, ReviewStatus.REVIEWED)
        doc = ann1.document(1)
        theirs = argument_states(doc, next(e for e in doc.events if e.id == event.id))
    assert sorted(theirs.values()) == sorted([SpanState.REJECTED] + [SpanState.ACCEPTED] * (len(event.arguments) - 1))
    before = {e.id: e.origin for e in lead.document(1).events}
    lead.team.merge(tmp_path / "team" / "ann1.annot")
    doc = lead.document(1)
    mine = next(e for e in doc.events if e.id == event.id)  # the same row (ids as in the copy), decided in place
    assert (mine.state, mine.origin) == (SpanState.ACCEPTED, before[event.id])
    assert argument_states(doc, mine) == theirs


def test_an_export_without_events_of_documents_holding_events_is_refused(lead, tmp_path):
    """A doccano export (entities only) merged as an annotator's work made each document's layer "no events": its
    event suggestions were all rejected and it was reviewed without events (CEC document 7 of the real run lost its
    4 suggested events)."""
    doc = lead.document(1)
    assert [e for e in doc.events if e.state == SpanState.SUGGESTED]
    plain = tmp_path / "ann1-doccano.jsonl"
    plain.write_text(json.dumps({"text": doc.text, "label": [[0, 2, "PER"]]}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    before = lead.document(1)
    for fmt in ("doccano", "auto"):
        with pytest.raises(ValidationError, match=r"doccano carries no events, and 1 of its document\(s\) hold events "
                                                  r"here \(document 1\).*nothing of this file was merged"):
            lead.team.merge(plain, annotator="ann1", fmt=fmt)
    assert lead.document(1) == before and lead.team.layers(1) == []
    # The same work in a format with events merges, its entities and its (no) events the annotator's word
    native = tmp_path / "ann1.jsonl"
    native.write_text(json.dumps({"text": doc.text, "entities": [{"start": 0, "end": 2, "label": "PER"}], "events": []},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    assert lead.team.merge(native, annotator="ann1").reviewed == (1,)


@pytest.fixture
def clock(monkeypatch):
    ticking_clock(monkeypatch)


def ticking_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The store's clock, one minute on at every reading: a copy taken between two edits is older to the second."""
    from annotator.store import database
    ticks = iter(range(10**6))

    def now() -> str:
        hours, minute = divmod(next(ticks), 60)
        return f"2026-03-{hours // 24 + 1:02d}T{hours % 24:02d}:{minute:02d}:00"
    monkeypatch.setattr(database, "now", now)


def test_an_older_copy_merged_after_a_newer_one_is_refused_and_the_newer_work_stays(lead, tmp_path, clock):
    import shutil
    lead.team.assign(["ann1"], tmp_path / "team")
    newest = tmp_path / "team" / "ann1.annot"
    with Project.open(newest) as p:  # Monday: document 1, PER; the copy mailed then
        p.edits.add_span(1, 0, 2, "PER")
        p.edits.set_status(1, ReviewStatus.REVIEWED)
    shutil.copy(newest, tmp_path / "ann1-monday.annot")
    with Project.open(newest) as p:  # Wednesday: they make it an ORG
        p.edits.relabel(next(s.id for s in p.document(1).entities()), "ORG")
    assert lead.team.merge(newest).reviewed == (1,) and entities(lead, 1) == {(0, 2, "ORG")}
    before = snapshot(lead)
    with pytest.raises(ValidationError, match="older copy of ann1's file") as caught:
        lead.team.merge(tmp_path / "ann1-monday.annot")
    assert str(newest) in str(caught.value) and "newest file" in (caught.value.hint or "")
    assert snapshot(lead) == before and entities(lead, 1) == {(0, 2, "ORG")}
    assert lead.document(1).status == ReviewStatus.REVIEWED


def test_a_copy_with_older_and_newer_documents_brings_only_the_newer(lead, tmp_path, clock):
    """The annotator worked on two copies (two machines): each document is taken from the copy that edited it last."""
    import shutil
    lead.team.assign(["ann1"], tmp_path / "team")
    office, laptop = tmp_path / "team" / "ann1.annot", tmp_path / "laptop.annot"
    with Project.open(office) as p:
        p.edits.add_span(1, 0, 2, "PER")
        p.edits.set_status(1, ReviewStatus.REVIEWED)
    shutil.copy(office, laptop)
    with Project.open(office) as p:
        p.edits.relabel(next(s.id for s in p.document(1).entities()), "ORG")
    with Project.open(laptop) as p:
        p.edits.add_span(2, 0, 2, "LOC")
        p.edits.set_status(2, ReviewStatus.REVIEWED)
    lead.team.merge(office)
    report = lead.team.merge(laptop)
    assert report.older == (1,) and report.newer_file == str(office)
    assert report.changed == (2,) and report.reviewed == (2,)
    assert entities(lead, 1) == {(0, 2, "ORG")} and entities(lead, 2) == {(0, 2, "LOC")}
    assert set(lead.team.layers(1)[0].entities) == {(0, 2, "ORG")}
