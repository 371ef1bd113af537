"""Whole-event suggestions (issue 17): trigger, type and role-typed arguments stored as one suggestion,
accepted with their arguments in one edit, each argument decided on its own, and never suggested twice."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.core.annotations import AnnotatedDocument, SpanKind, SpanState
from annotator.core.errors import ValidationError
from annotator.core.event_suggest_lexicon import LexiconEventSuggester
from annotator.core.event_suggestions import ArgumentSuggestion, EventSuggestion
from annotator.core.schema import Schema, load_schema
from annotator.service import Project
from annotator.service.review import open_work

TEXT = "李鹏总理昨天在北京会见了美国总统克林顿。双方进行了会谈。"
TOKENS = ["李鹏", "总理", "昨天", "在", "北京", "会见", "了", "美国", "总统", "克林顿", "。",
          "双方", "进行", "了", "会谈", "。"]


def at(word: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(word, i + 1)
    return i, i + len(word)


class Fixed:
    """A suggester that proposes what it is given (a model stand-in)."""

    def __init__(self, *found: EventSuggestion) -> None:
        self.found = found

    def suggest(self, doc: AnnotatedDocument, schema: Schema) -> list[EventSuggestion]:
        return list(self.found)


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "p.annot", schema="ace2005-zh", user="t") as p:
        doc = AnnotatedDocument(title="t", text=TEXT, tokens=_tokens())
        p.importer.add_documents([doc], prelabel=False)
        for word, label in (("李鹏", "PER"), ("北京", "GPE"), ("昨天", "TIME")):
            p.edits.add_span(1, *at(word), label)
        yield p


def _tokens() -> tuple[tuple[int, int], ...]:
    out, pos = [], 0
    for t in TOKENS:
        out.append((pos, pos + len(t)))
        pos += len(t)
    return tuple(out)


def suggested_event(p: Project, word: str = "会见"):
    doc = p.document(1)
    trigger = next(s for s in doc.spans if s.kind == SpanKind.TRIGGER and (s.start, s.end) == at(word))
    return doc, trigger, next(e for e in doc.events if e.trigger_id == trigger.id)


def roles(doc, event) -> dict[str, tuple[str, str, SpanState]]:
    spans = {s.id: s for s in doc.spans}
    return {a.role: (spans[a.span_id].text_in(doc.text), spans[a.span_id].label, a.state) for a in event.arguments}


def test_the_lexicon_suggester_fills_roles_with_the_nearest_entities_of_the_sentence(project):
    changes = project.triggers.suggest([1])
    assert {"spans", "events"} <= changes.kinds
    doc, trigger, event = suggested_event(project)
    assert (trigger.state, trigger.origin, event.state, event.origin, event.type) == (
        SpanState.SUGGESTED, "events", SpanState.SUGGESTED, "events", "Contact:Meet")
    assert roles(doc, event) == {"Entity": ("李鹏", "PER", SpanState.SUGGESTED),
                                 "Place": ("北京", "GPE", SpanState.SUGGESTED),
                                 "Time": ("昨天", "TIME", SpanState.SUGGESTED)}
    _, _, second = suggested_event(project, "会谈")  # the next sentence has no entities: no arguments
    assert second.arguments == ()
    assert project.triggers.suggest([1]).empty  # never twice over a trigger


def test_a_model_argument_on_new_text_becomes_a_suggested_entity(project, monkeypatch):
    found = EventSuggestion(*at("会见"), "Contact:Meet", (
        ArgumentSuggestion(*at("克林顿"), "Entity", "PER"), ArgumentSuggestion(*at("北京"), "Place", "GPE"),
        ArgumentSuggestion(*at("美国"), "Nope", "GPE")))
    monkeypatch.setattr(project.training, "event_suggester", lambda: Fixed(found))
    project.triggers.suggest([1])
    doc, _, event = suggested_event(project)
    assert roles(doc, event) == {"Entity": ("克林顿", "PER", SpanState.SUGGESTED),
                                 "Place": ("北京", "GPE", SpanState.SUGGESTED)}  # an unknown role left out
    new = next(s for s in doc.spans if s.text_in(TEXT) == "克林顿")
    assert (new.kind, new.state, new.origin) == (SpanKind.ENTITY, SpanState.SUGGESTED, "events")
    assert open_work(project, 1).events == 1 and open_work(project, 1).arguments == 2


def test_enter_on_the_trigger_accepts_the_event_with_its_arguments_in_one_undoable_edit(project, monkeypatch):
    found = EventSuggestion(*at("会见"), "Contact:Meet", (
        ArgumentSuggestion(*at("克林顿"), "Entity", "PER"), ArgumentSuggestion(*at("北京"), "Place", "GPE")))
    monkeypatch.setattr(project.training, "event_suggester", lambda: Fixed(found))
    project.triggers.suggest([1])
    _, trigger, _ = suggested_event(project)
    changes = project.triggers.accept(trigger.id)
    doc, trigger, event = suggested_event(project)
    assert (trigger.state, event.state) == (SpanState.ACCEPTED, SpanState.ACCEPTED)
    assert roles(doc, event) == {"Entity": ("克林顿", "PER", SpanState.ACCEPTED),
                                 "Place": ("北京", "GPE", SpanState.ACCEPTED)}
    assert next(s for s in doc.spans if s.text_in(TEXT) == "克林顿").state == SpanState.ACCEPTED
    assert not open_work(project, 1).suggestions
    project.undo(changes)
    doc, _, event = suggested_event(project)
    assert event.state == SpanState.SUGGESTED and {a.state for a in event.arguments} == {SpanState.SUGGESTED}
    assert next(s for s in doc.spans if s.text_in(TEXT) == "克林顿").state == SpanState.SUGGESTED


def test_each_argument_is_accepted_re_roled_or_rejected_on_its_own(project):
    project.triggers.suggest([1])
    doc, _, event = suggested_event(project)
    spans = {s.text_in(TEXT): s.id for s in doc.spans if s.kind == SpanKind.ENTITY}
    project.triggers.accept_argument(event.id, "Entity", spans["李鹏"])
    project.triggers.accept_argument(event.id, "Place", spans["北京"], new_role="Entity")
    project.triggers.reject_argument(event.id, "Time", spans["昨天"])
    doc, _, event = suggested_event(project)
    assert sorted((doc.text[doc.span(a.span_id).start:doc.span(a.span_id).end], a.role, a.state)
                  for a in event.arguments) == [("北京", "Entity", SpanState.ACCEPTED),
                                                ("昨天", "Time", SpanState.REJECTED),
                                                ("李鹏", "Entity", SpanState.ACCEPTED)]
    assert event.state == SpanState.SUGGESTED  # the event itself is still to decide
    with pytest.raises(ValidationError, match="not a role"):
        project.triggers.accept_argument(event.id, "Time", spans["昨天"], new_role="Nope")
    project.triggers.accept(event.trigger_id)  # accepting the event leaves the rejected argument rejected
    doc, _, event = suggested_event(project)
    assert {a.role: a.state for a in event.arguments}["Time"] == SpanState.REJECTED
    assert not any(w.role == "Time" for w in project.event_warnings(1))  # a rejected argument fills nothing


def test_r_on_a_suggested_argument_gives_it_the_chosen_role(project):
    project.triggers.suggest([1])
    doc, _, event = suggested_event(project)
    beijing = next(s.id for s in doc.spans if s.text_in(TEXT) == "北京")
    project.edits.add_argument(event.id, "Entity", beijing)
    doc, _, event = suggested_event(project)
    assert roles(doc, event)["Entity"] == ("北京", "GPE", SpanState.ACCEPTED) and "Place" not in roles(doc, event)


def test_shift_r_on_a_suggested_argument_rejects_it_so_a_refresh_does_not_bring_it_back(project):
    """Taking a suggested argument out of its event (Shift+R) is a decision: it used to delete the row, the event
    stayed 'undecided', and the next re-suggest (or prelabel --refresh after training) put the argument back."""
    project.triggers.suggest([1])
    doc, _, event = suggested_event(project)
    li_peng = next(s.id for s in doc.spans if s.text_in(TEXT) == "李鹏")
    project.edits.remove_argument(event.id, "Entity", li_peng)
    doc, _, event = suggested_event(project)
    assert roles(doc, event)["Entity"] == ("李鹏", "PER", SpanState.REJECTED)
    project.triggers.suggest([1], refresh=True)
    doc, _, event = suggested_event(project)
    assert roles(doc, event)["Entity"] == ("李鹏", "PER", SpanState.REJECTED)
    assert doc.span(li_peng).state == SpanState.ACCEPTED  # the entity itself stays as it was
    assert not any(w.role == "Entity" and w.kind != "missing-role" for w in project.event_warnings(1))


def test_accepting_a_suggested_event_as_another_type_leaves_the_arguments_it_cannot_take_undecided(project):
    """E on a suggested trigger, another type chosen: the arguments the new type has a role for (and whose label
    that role allows) are accepted with it; one in a role the type lacks stays suggested for the reviewer (R to
    give it a role, x to reject), where it used to be accepted into a role the schema does not have."""
    project.triggers.suggest([1])
    _, trigger, event = suggested_event(project)
    project.triggers.accept(trigger.id, "Conflict:Attack")
    doc, _, event = suggested_event(project)
    assert event.type == "Conflict:Attack" and event.state == SpanState.ACCEPTED
    assert roles(doc, event) == {"Entity": ("李鹏", "PER", SpanState.SUGGESTED),
                                 "Place": ("北京", "GPE", SpanState.ACCEPTED),
                                 "Time": ("昨天", "TIME", SpanState.ACCEPTED)}
    assert doc.span(next(a.span_id for a in event.arguments if a.role == "Entity")).state == SpanState.ACCEPTED
    assert [w.role for w in project.event_warnings(1) if w.kind == "unknown-role"] == ["Entity"]  # the panel says why
    assert open_work(project, 1).arguments == 1  # Ctrl+Enter asks about it


def test_a_rejected_event_never_returns_and_takes_its_undecided_new_spans(project, monkeypatch):
    found = EventSuggestion(*at("会见"), "Contact:Meet", (ArgumentSuggestion(*at("克林顿"), "Entity", "PER"),))
    monkeypatch.setattr(project.training, "event_suggester", lambda: Fixed(found))
    project.triggers.suggest([1])
    _, trigger, _ = suggested_event(project)
    project.edits.reject([trigger.id])
    doc = project.document(1)
    assert doc.events == () and doc.span(trigger.id).state == SpanState.REJECTED
    assert not any(s.text_in(TEXT) == "克林顿" for s in doc.spans)
    assert project.triggers.suggest([1]).empty


def test_decide_arguments_accepts_or_rejects_every_suggested_argument(project):
    project.triggers.suggest([1])
    project.triggers.decide_arguments(1, accept=False)
    doc, _, event = suggested_event(project)
    assert {a.state for a in event.arguments} == {SpanState.REJECTED}
    assert open_work(project, 1).arguments == 0 and open_work(project, 1).events == 2


def test_import_with_prelabel_suggests_whole_events(tmp_path):
    with Project.create(tmp_path / "p.annot", schema="ace2005-zh") as p:
        doc = AnnotatedDocument(title="t", text=TEXT, tokens=_tokens())
        p.importer.add_documents([doc])
        stored = p.document(1)
        meet = next(e for e in stored.events if stored.span(e.trigger_id).text_in(TEXT) == "会见")
        assert meet.state == SpanState.SUGGESTED and meet.arguments  # the pre-highlighted entities fill roles
        assert {a.state for a in meet.arguments} == {SpanState.SUGGESTED}
        assert all(stored.span(a.span_id).kind == SpanKind.ENTITY for a in meet.arguments)


def test_the_lexicon_suggester_alone_needs_no_project():
    ace = load_schema("ace2005-zh")
    doc = AnnotatedDocument(title="t", text=TEXT, tokens=_tokens())
    found = LexiconEventSuggester({"会见": ("Contact:Meet",)}).suggest(doc, ace)
    assert [(TEXT[e.start:e.end], e.type, e.arguments) for e in found] == [("会见", "Contact:Meet", ())]


def test_an_older_project_file_opens_with_its_arguments_accepted(tmp_path):
    path = tmp_path / "old.annot"
    with Project.create(path, schema="ace2005-zh", user="t") as p:
        p.importer.add_documents([AnnotatedDocument(title="t", text=TEXT, tokens=_tokens())], prelabel=False)
        event = p.edits.add_event(1, "Contact:Meet", *at("会见")).created[0]
        span = p.edits.add_span(1, *at("李鹏"), "PER").created[0]
        p.edits.add_argument(event, "Entity", span)
    conn = sqlite3.connect(path)  # back to schema version 3: no argument state
    conn.execute("ALTER TABLE arguments DROP COLUMN state")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_argument_state'")
    conn.commit()
    conn.close()
    with Project.open(path) as p:
        assert [a.state for a in p.document(1).events[0].arguments] == [SpanState.ACCEPTED]


def test_refresh_suggests_undecided_events_afresh_and_keeps_decided_ones(project, monkeypatch):
    meet = EventSuggestion(*at("会见"), "Contact:Meet", (ArgumentSuggestion(*at("克林顿"), "Entity", "PER"),))
    talk = EventSuggestion(*at("会谈"), "Contact:Meet", ())
    monkeypatch.setattr(project.training, "event_suggester", lambda: Fixed(meet, talk))
    project.triggers.suggest([1])
    assert project.triggers.suggest([1], refresh=True).empty  # the same suggestions again: nothing changes
    _, decided, _ = suggested_event(project, "会谈")
    project.triggers.accept(decided.id)
    newer = EventSuggestion(*at("会见"), "Contact:Meet", (ArgumentSuggestion(*at("李鹏"), "Entity", "PER"),))
    monkeypatch.setattr(project.training, "event_suggester", lambda: Fixed(newer))
    project.triggers.suggest([1], refresh=True)
    doc, _, event = suggested_event(project)
    assert roles(doc, event) == {"Entity": ("李鹏", "PER", SpanState.SUGGESTED)}
    assert not any(s.text_in(TEXT) == "克林顿" for s in doc.spans)  # the span only the old suggestion made
    assert suggested_event(project, "会谈")[2].state == SpanState.ACCEPTED  # decided: left alone


def test_refresh_leaves_the_events_a_file_brought_as_suggestions(tmp_path, monkeypatch):
    """Events imported without --reviewed are the file's annotations to review, not the suggester's guesses: a
    refresh (prelabel --refresh, the window's re-suggest, opening a document after a retraining) replaced them
    with the model's (27 of 33 on a CEC article), and no model could bring them back."""
    from annotator.core.annotations import Argument, EntitySpan, Event

    spans = (EntitySpan(1, *at("会见"), "Contact:Meet", origin="import", state=SpanState.SUGGESTED, kind=SpanKind.TRIGGER),
             EntitySpan(2, *at("克林顿"), "", origin="import", state=SpanState.SUGGESTED, kind=SpanKind.ARGUMENT))
    filed = Event(1, "Contact:Meet", 1, (Argument("Entity", 2, SpanState.SUGGESTED),), SpanState.SUGGESTED, "import")
    with Project.create(tmp_path / "p.annot", schema="ace2005-zh") as p:
        p.importer.add_documents([AnnotatedDocument(title="t", text=TEXT, tokens=_tokens(), spans=spans,
                                                    events=(filed,))], prelabel=False)
        guess = EventSuggestion(*at("会谈"), "Contact:Meet", ())
        monkeypatch.setattr(p.training, "event_suggester", lambda: Fixed(guess))
        p.triggers.suggest([1], refresh=True)
        doc = p.document(1)
        kept = {(doc.span(e.trigger_id).text_in(TEXT), e.origin, e.state) for e in doc.events}
        assert kept == {("会见", "import", SpanState.SUGGESTED), ("会谈", "events", SpanState.SUGGESTED)}
        _, _, event = suggested_event(p)
        assert roles(doc, event) == {"Entity": ("克林顿", "", SpanState.SUGGESTED)}
        assert p.triggers.suggest([1], refresh=True).empty  # the model's own is refreshed as before: the same again


def test_an_entity_refresh_keeps_the_entity_suggestions_a_filed_event_uses(tmp_path):
    """Refreshing the entity suggestions took away one an imported (suggested) event used as an argument, and the
    argument with it: the file's Location of 火灾 was gone after prelabel --refresh."""
    from annotator.core.annotations import Argument, EntitySpan, Event

    text = "昨天北京发生火灾，消防队员赶到现场。"
    spans = (EntitySpan(1, 15, 17, "LOC", origin="import", state=SpanState.SUGGESTED),
             EntitySpan(2, 6, 8, "emergency", origin="import", state=SpanState.SUGGESTED, kind=SpanKind.TRIGGER))
    filed = Event(1, "emergency", 2, (Argument("Location", 1, SpanState.SUGGESTED),), SpanState.SUGGESTED, "import")
    with Project.create(tmp_path / "p.annot", schema="cec") as p:
        p.importer.add_documents([AnnotatedDocument(title="t", text=text, tokens=(), spans=spans, events=(filed,))],
                                 prelabel=False)
        p.prelabel.run([1], engines=["rules"], refresh=True)
        doc = p.document(1)
        (event,) = doc.events
        assert [(a.role, doc.span(a.span_id).text_in(text), a.state) for a in event.arguments] == [
            ("Location", "现场", SpanState.SUGGESTED)]


def test_statistics_judge_whole_event_suggestions_against_triggers_and_entities(project, monkeypatch):
    """The events engine suggests triggers and entities (its arguments): its recall is over both kinds' final
    spans, not over the entities alone (4 exact triggers once read as 0.4 against 10 entities)."""
    found = EventSuggestion(*at("会见"), "Contact:Meet", (ArgumentSuggestion(*at("克林顿"), "Entity", "PER"),))
    monkeypatch.setattr(project.training, "event_suggester", lambda: Fixed(found))
    project.triggers.suggest([1])
    _, trigger, _ = suggested_event(project)
    project.triggers.accept(trigger.id)
    project.edits.set_status(1, "reviewed")
    tally = project.statistics.compute().suggestions.per_engine["events"]
    # exact: the trigger 会见 and the argument 克林顿; final: one trigger and four entities (李鹏, 北京, 昨天, 克林顿)
    assert (tally.suggested, tally.exact, tally.final) == (2, 2, 5)
    assert tally.recall == pytest.approx(2 / 5)
