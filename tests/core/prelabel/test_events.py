"""The event model: triggers and role-typed arguments learned from reviewed events, within the schema, saved
and loaded as bytes; and how event suggestions are scored."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.core.annotations import EntitySpan, SpanKind
from annotator.core.errors import ReadError, ValidationError
from annotator.core.event_suggestions import ArgumentSuggestion, EventSuggester, EventSuggestion
from annotator.core.prelabel.events.evaluate import (
    GoldEvent,
    as_gold,
    blank,
    evaluate_events,
    gold_events,
    score_events,
)
from annotator.core.prelabel.events.features import bio, spans_of
from annotator.core.prelabel.events.files import describe_event_meta, load_event_model
from annotator.core.prelabel.events.learning import train_events
from annotator.core.prelabel.events.model import EventModel
from annotator.core.schema import EventType, Role, load_schema


@pytest.fixture
def model(cec_event_model) -> EventModel:
    """The event model learned from the first 10 CEC documents (conftest)."""
    return cec_event_model


def test_bio_tags_and_spans_round_trip():
    spans = [(3, 5, "action"), (7, 8, "statement")]
    tags = bio(10, spans, 0)
    assert tags == ["O", "O", "O", "B-action", "I-action", "O", "O", "B-statement", "O", "O"]
    assert spans_of(tags, 100) == [(103, 105, "action"), (107, 108, "statement")]
    # An I without its B still starts a span; a crossing span is dropped from the tags.
    assert spans_of(["I-x", "I-x", "O"], 0) == [(0, 2, "x")]
    assert bio(6, [(0, 3, "a"), (2, 5, "b")], 0) == ["B-a", "I-a", "I-a", "O", "O", "O"]


def test_the_model_suggests_whole_events_on_documents_it_learned_from(model, cec12):
    schema = load_schema("cec")
    suggester: EventSuggester = model  # the contract the project calls (checked by mypy)
    report = evaluate_events(cec12[:10], lambda d: suggester.suggest(d, schema))
    # Learned from these very documents: most triggers and many arguments come back.
    assert report.triggers.micro.f1 > 0.8
    assert report.arguments.micro.f1 > 0.5
    events = model.suggest(blank(cec12[0]), schema)
    assert events and all(isinstance(e, EventSuggestion) for e in events)
    text = cec12[0].text
    by_span = {(e.start, e.end): e for e in events}
    gold = gold_events(cec12[0])
    assert any((g.start, g.end) in by_span and by_span[(g.start, g.end)].type == g.type for g in gold)
    for e in events:
        assert e.type in schema.event_type_keys and 0 < e.score <= 1 and text[e.start:e.end].strip()
        for a in e.arguments:
            assert a.role in schema.event_type(e.type).role_names and a.label == ""
            assert not (a.start < e.end and e.start < a.end)  # an argument never overlaps its trigger


def test_unseen_documents_get_some_right(model, cec12):
    schema = load_schema("cec")
    report = evaluate_events(cec12[10:], lambda d: model.suggest(d, schema))
    assert report.triggers.micro.tp > 0 and report.triggers.micro.f1 > 0.3


def test_suggestions_stay_within_the_schema(model, cec12):
    schema = load_schema("cec")
    # A schema with one event type whose only role takes places: only that type and role, labelled LOC.
    only = EventType("stateChange", "State change", roles=(Role("Participant", labels=("LOC", "PER")),))
    narrow = replace(schema, event_types=(only,))
    events = model.suggest(blank(cec12[0]), narrow)
    assert events and {e.type for e in events} == {"stateChange"}
    args = [a for e in events for a in e.arguments]
    assert args and {a.role for a in args} == {"Participant"}
    assert {a.label for a in args} <= {"LOC", "PER"} and all(a.label for a in args)
    # At most one filler when the role takes one.
    single = replace(schema, event_types=tuple(replace(et, roles=tuple(replace(r, cardinality="?") for r in et.roles))
                                               for et in schema.event_types))
    for e in model.suggest(blank(cec12[0]), single):
        roles = [a.role for a in e.arguments]
        assert len(roles) == len(set(roles))


def test_an_argument_on_an_entity_takes_its_label_and_a_label_the_role_refuses_is_left_out(model, cec12):
    schema = load_schema("cec")
    doc = blank(cec12[0])
    event = next(e for e in model.suggest(doc, schema) if e.arguments)
    arg = event.arguments[0]
    with_entity = replace(doc, spans=(EntitySpan(1, arg.start, arg.end, "ORG"),))
    again = {(e.start, e.end): e for e in model.suggest(with_entity, schema)}[(event.start, event.end)]
    assert ArgumentSuggestion(arg.start, arg.end, arg.role, "ORG", arg.score) in again.arguments
    refusing = replace(schema, event_types=tuple(
        replace(et, roles=tuple(replace(r, labels=("PER",)) for r in et.roles)) for et in schema.event_types))
    again = {(e.start, e.end): e for e in model.suggest(with_entity, refusing)}[(event.start, event.end)]
    assert all((a.start, a.end) != (arg.start, arg.end) for a in again.arguments)


def test_a_trigger_already_in_the_document_is_not_suggested_again(model, cec12):
    schema = load_schema("cec")
    doc = blank(cec12[0])
    first = model.suggest(doc, schema)[0]
    with_trigger = replace(doc, spans=(EntitySpan(1, first.start, first.end, first.type, kind=SpanKind.TRIGGER),))
    assert all((e.start, e.end) != (first.start, first.end) for e in model.suggest(with_trigger, schema))


def test_the_model_file_round_trips_and_refuses_other_files(model, cec12):
    schema = load_schema("cec")
    data = model.to_bytes()
    again = load_event_model(data)
    assert again.suggest(blank(cec12[11]), schema) == model.suggest(blank(cec12[11]), schema)
    assert again.meta["documents"] == 10 and again.meta["source"] == "cec12"
    assert sum(again.meta["events"].values()) == sum(len(gold_events(d)) for d in cec12[:10])
    assert "10 documents from cec12" in describe_event_meta(again.meta)
    with pytest.raises(ReadError, match="not an event model"):
        EventModel.from_bytes(b"not a zip")


def test_training_without_events_says_so(cec12):
    with pytest.raises(ValidationError, match="no events to learn from"):
        train_events([blank(d) for d in cec12[:2]], load_schema("cec"))


def test_events_of_types_and_roles_not_listed_still_count_in_the_micro_scores():
    """A gold file's event type or role the schema lacks is a miss (or a spurious guess), shown on a row of its
    own: the micro figures must not pass over it (they counted only the listed names: recall 1.0 here)."""
    gold = [GoldEvent(0, 2, "a", ((3, 5, "Time"),)), GoldEvent(10, 12, "fire", ((13, 14, "Victim"),))]
    pred = [GoldEvent(0, 2, "a", ((3, 5, "Time"),))]
    report = score_events([(gold, pred)], types=["a"], roles=["Time"])
    assert [s.label for s in report.triggers.labels] == ["a", "fire"]
    assert (report.triggers.micro.tp, report.triggers.micro.fp, report.triggers.micro.fn) == (1, 0, 1)
    assert [s.label for s in report.arguments.labels] == ["Time", "Victim"]
    assert (report.arguments.micro.tp, report.arguments.micro.fn) == (1, 1)
    assert report.counts() == (2, 0, 2)


def test_two_gold_events_on_one_trigger_count_twice():
    """Two events of one type on one trigger (two attacks told by one 袭击) are two gold triggers: a prediction of
    one is a hit and a miss. They were one key of a dict, so the second was never missed."""
    gold = [GoldEvent(0, 2, "a", ((3, 5, "Time"),)), GoldEvent(0, 2, "a", ((6, 8, "Place"),))]
    report = score_events([(gold, [GoldEvent(0, 2, "a", ((3, 5, "Time"),))])])
    assert (report.triggers.micro.tp, report.triggers.micro.fp, report.triggers.micro.fn) == (1, 0, 1)
    assert (report.arguments.micro.tp, report.arguments.micro.fp, report.arguments.micro.fn) == (1, 0, 1)
    both = score_events([(gold, gold), ([], [])])
    assert (both.triggers.micro.tp, both.triggers.micro.fn, both.arguments.micro.tp) == (2, 0, 2)
    assert both.triggers.documents == both.arguments.documents == 2


def test_arguments_count_only_under_a_right_trigger():
    gold = [GoldEvent(0, 2, "a", ((3, 5, "Time"), (6, 8, "Place"))), GoldEvent(10, 12, "b", ((13, 14, "Time"),))]
    pred = [GoldEvent(0, 2, "a", ((3, 5, "Time"), (6, 8, "Time"))),  # right trigger: one right, one wrong role
            GoldEvent(10, 12, "a", ((13, 14, "Time"),))]  # wrong type: its argument is wrong too
    report = score_events([(gold, pred)])
    t = {s.label: (s.tp, s.fp, s.fn) for s in report.triggers.labels}
    assert t == {"a": (1, 1, 0), "b": (0, 0, 1)}
    assert (report.triggers.micro.tp, report.triggers.micro.fp, report.triggers.micro.fn) == (1, 1, 1)
    a = {s.label: (s.tp, s.fp, s.fn) for s in report.arguments.labels}
    assert a == {"Time": (1, 2, 1), "Place": (0, 0, 1)}
    assert report.arguments.micro.f1 == pytest.approx(2 * 1 / (2 * 1 + 2 + 2))
    assert report.counts() == (2, 3, 3)
    assert "triggers (span + type)" in report.table() and "Place" in report.table()
    assert as_gold([EventSuggestion(0, 2, "a", (ArgumentSuggestion(3, 5, "Time", ""),))]) == [
        GoldEvent(0, 2, "a", ((3, 5, "Time"),))]
