"""Trigger suggestions: schema examples and the project's own reviewed triggers, accepted as events in one edit."""

from __future__ import annotations

import shutil

import pytest

from annotator.core.annotations import ReviewStatus, SpanKind, SpanState
from annotator.core.errors import ValidationError
from annotator.service import Project
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seed article and two raw news articles in an ace2005-zh project (segmented once)."""
    path = tmp_path_factory.mktemp("triggers") / "built.annot"
    with Project.create(path, schema="ace2005-zh", user="tester") as p:
        p.importer.import_paths([FIXTURES / "000_f5bfa2c3bb69730e.txt", FIXTURES / "raw_news"], prelabel=False)
    return path


@pytest.fixture
def project(tmp_path, built):
    shutil.copyfile(built, tmp_path / "p.annot")
    p = Project.open(tmp_path / "p.annot", user="tester")
    yield p
    p.close()


def triggers(p: Project, doc_id: int = 1, state: SpanState | None = None) -> dict[tuple[int, int], object]:
    doc = p.document(doc_id)
    return {(s.start, s.end): s for s in doc.spans
            if s.kind == SpanKind.TRIGGER and (state is None or s.state == state)}


def accepted_events(p: Project, doc_id: int = 1) -> list:
    return [e for e in p.document(doc_id).events if e.state == SpanState.ACCEPTED]


def test_schema_example_triggers_are_suggested_on_token_boundaries(project):
    changes = project.triggers.suggest()
    assert changes.doc_ids == {1, 2, 3} and "spans" in changes.kinds
    doc = project.document(1)
    found = triggers(project, 1)
    words = {doc.text[s:e]: span.label for (s, e), span in found.items()}
    assert words["会议"] == "Contact:Meet" and words["设立"] == "Business:Start-Org"
    assert words["缉捕"] == "Justice:Arrest-Jail"
    starts, ends = {s for s, _ in doc.tokens}, {e for _, e in doc.tokens}
    lexicon = project.triggers.lexicon()
    for (s, e), span in found.items():
        assert (span.origin, span.state) == ("events", SpanState.SUGGESTED)
        assert s in starts and e in ends
        assert span.label in lexicon[doc.text[s:e]]
    fire = project.document(2)
    assert {fire.text[s:e] for s, e in triggers(project, 2)} >= {"遇难", "死亡"}
    # each suggestion is a whole suggested event, its trigger that span
    assert {e.trigger_id for e in doc.events} == {s.id for s in found.values()}
    assert {(e.state, e.origin) for e in doc.events} == {(SpanState.SUGGESTED, "events")}


def test_words_of_reviewed_events_are_suggested_elsewhere(project):
    text = project.document(1).text
    first = text.index("召开")
    assert "召开" not in project.triggers.lexicon()
    project.edits.add_event(1, "Contact:Meet", first, first + 2)
    assert project.triggers.lexicon()["召开"] == ("Contact:Meet",)
    project.triggers.suggest([1])
    second = text.index("召开", first + 2)
    found = triggers(project, 1)
    assert found[(second, second + 2)].label == "Contact:Meet"
    assert found[(second, second + 2)].state == SpanState.SUGGESTED
    assert found[(first, first + 2)].state == SpanState.ACCEPTED  # never a suggestion over a trigger


def test_events_of_unreviewed_imports_teach_nothing(project):
    # an imported (not reviewed) document's events are not the reviewer's: they stay out of the lexicon
    text = project.document(1).text
    at = text.index("召开")
    changes = project.edits.add_event(1, "Contact:Meet", at, at + 2)
    project.store.db.execute("UPDATE events SET origin = 'import' WHERE id = ?", [changes.created[0]])
    assert "召开" not in project.triggers.lexicon()
    project.edits.set_status(1, ReviewStatus.REVIEWED)
    assert "召开" in project.triggers.lexicon()


def test_accepting_a_suggestion_creates_the_event_in_one_undoable_edit(project):
    project.triggers.suggest([1])
    text = project.document(1).text
    at = text.index("会议")
    span = triggers(project, 1)[(at, at + 2)]
    changes = project.triggers.accept(span.id)
    assert {"spans", "events"} <= changes.kinds
    doc = project.document(1)
    event = next(e for e in doc.events if e.trigger_id == span.id)
    assert (event.type, event.state, event.origin) == ("Contact:Meet", SpanState.ACCEPTED, "events")
    assert changes.created == (event.id,)
    assert doc.span(span.id).state == SpanState.ACCEPTED
    project.undo(changes)
    doc = project.document(1)
    assert next(e for e in doc.events if e.trigger_id == span.id).state == SpanState.SUGGESTED
    assert doc.span(span.id).state == SpanState.SUGGESTED
    project.redo(changes)
    assert [e.type for e in accepted_events(project)] == ["Contact:Meet"]


def test_accepting_as_another_type_relabels_the_trigger(project):
    project.triggers.suggest([1])
    text = project.document(1).text
    at = text.index("设立")
    span = triggers(project, 1)[(at, at + 2)]
    project.triggers.accept(span.id, "Business:Merge-Org")
    doc = project.document(1)
    assert doc.span(span.id).label == "Business:Merge-Org"
    assert [e.type for e in accepted_events(project)] == ["Business:Merge-Org"]
    project.triggers.accept(span.id, "Business:Start-Org")  # again: the same event is retyped, not doubled
    assert [e.type for e in accepted_events(project)] == ["Business:Start-Org"]
    with pytest.raises(ValidationError, match="not in the schema"):
        project.triggers.accept(span.id, "Nope:Nothing")


def test_a_rejected_suggestion_never_returns_and_a_rerun_adds_nothing(project):
    project.triggers.suggest()
    text = project.document(1).text
    at = text.index("会议")
    span = triggers(project, 1)[(at, at + 2)]
    project.edits.reject([span.id])
    before = {d: triggers(project, d) for d in (1, 2, 3)}
    again = project.triggers.suggest()
    assert again.empty and not again.saved
    assert {d: triggers(project, d) for d in (1, 2, 3)} == before
    assert triggers(project, 1)[(at, at + 2)].state == SpanState.REJECTED


def test_no_suggestion_inside_an_accepted_entity_and_entities_are_not_triggers(project):
    text = project.document(1).text
    at = text.index("会议")
    entity = project.edits.add_span(1, at - 3, at + 2, "MISC").created[0]  # 十二次会议 as a name
    project.triggers.suggest([1])
    assert (at, at + 2) not in triggers(project, 1)
    with pytest.raises(ValidationError, match="not a trigger"):
        project.triggers.accept(entity)


def test_reviewed_documents_are_left_alone_unless_named(project):
    project.edits.set_status(2, ReviewStatus.REVIEWED)
    project.triggers.suggest()
    assert triggers(project, 2) == {}
    project.triggers.suggest([2])
    assert triggers(project, 2) != {}


def test_deleting_an_accepted_suggested_trigger_keeps_it_rejected_and_it_never_returns(project):
    project.triggers.suggest([1])
    (start, end), span = next(iter(triggers(project, 1, SpanState.SUGGESTED).items()))
    project.triggers.accept(span.id)
    assert len(accepted_events(project)) == 1
    project.edits.delete_span(span.id)
    assert accepted_events(project) == [] and all(e.trigger_id != span.id for e in project.document(1).events)
    assert triggers(project, 1)[(start, end)].state == SpanState.REJECTED
    project.triggers.suggest([1])
    assert triggers(project, 1)[(start, end)].state == SpanState.REJECTED


def test_accept_all_leaves_trigger_suggestions_to_accept_triggers(project):
    project.triggers.suggest([1])
    pending = triggers(project, 1, SpanState.SUGGESTED)
    project.edits.accept_all(1)
    assert triggers(project, 1, SpanState.SUGGESTED) == pending
    assert accepted_events(project) == []


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_import_suggests_triggers_with_entities(tmp_path, workers):
    with Project.create(tmp_path / "p.annot", schema="ace2005-zh") as p:
        p.importer.import_paths([FIXTURES / "000_f5bfa2c3bb69730e.txt", FIXTURES / "raw_news"], workers=workers)
        doc = p.document(1)
        suggested = {doc.text[s.start:s.end]: s.label for s in doc.spans
                     if s.kind == SpanKind.TRIGGER and s.state == SpanState.SUGGESTED}
        assert suggested.get("会议") == "Contact:Meet" and suggested.get("引渡") == "Justice:Extradite"
        assert any(s.kind == SpanKind.ENTITY for s in doc.spans)
        assert p.triggers.suggest().empty  # import already suggested everything there is
