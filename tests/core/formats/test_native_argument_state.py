"""Native JSONL: an argument's own state (issue 17), read back as written and refused when unknown."""

from __future__ import annotations

import io
import json

import pytest

from annotator.core.annotations import AnnotatedDocument, Argument, EntitySpan, Event, SpanKind, SpanState
from annotator.core.errors import ValidationError
from annotator.core.formats import native
from annotator.core.formats.base import ExportOptions, ReadOptions

TEXT = "李鹏在北京会见克林顿。"
RECORD = {"text": TEXT, "entities": [{"id": 1, "start": 0, "end": 2, "label": "PER", "state": "accepted"},
                                     {"id": 2, "start": 3, "end": 5, "label": "LOC", "state": "suggested"}],
          "events": [{"type": "Meet", "state": "suggested", "trigger": {"start": 5, "end": 7},
                      "arguments": [{"role": "Entity", "entity": 1, "state": "accepted"},
                                    {"role": "Place", "entity": 2},
                                    {"role": "Time", "start": 8, "end": 10, "state": "rejected"}]}]}


def read(record: dict):
    return [doc for _, doc in native.read(io.StringIO(json.dumps(record, ensure_ascii=False) + "\n"), ReadOptions())]


def test_an_argument_without_a_state_takes_its_event_s_and_one_with_a_state_keeps_it():
    (doc,) = read(RECORD)
    (event,) = doc.events
    assert [(a.role, a.state) for a in event.arguments] == [
        ("Entity", SpanState.ACCEPTED), ("Place", SpanState.SUGGESTED), ("Time", SpanState.REJECTED)]
    out = io.StringIO()
    native.write([doc], out, options=ExportOptions(with_suggestions=True, with_rejected=True))
    (again,) = read(json.loads(out.getvalue()))
    assert [(a.role, a.state) for a in again.events[0].arguments] == [(a.role, a.state) for a in event.arguments]
    written = json.loads(out.getvalue())["events"][0]["arguments"]
    assert [a.get("state") for a in written] == ["accepted", None, "rejected"]  # only where it differs


def test_without_rejected_a_rejected_argument_is_not_written():
    (doc,) = read(RECORD)
    out = io.StringIO()
    native.write([doc], out, options=ExportOptions(with_suggestions=True))
    assert [a["role"] for a in json.loads(out.getvalue())["events"][0]["arguments"]] == ["Entity", "Place"]


def test_an_unknown_argument_state_is_refused_with_its_line():
    bad = json.loads(json.dumps(RECORD))
    bad["events"][0]["arguments"][0]["state"] = "maybe"
    with pytest.raises(ValidationError, match="argument 0: unknown state 'maybe'"):
        read(bad)


def test_an_argument_span_of_its_own_on_an_entity_suggestion_s_text_comes_back_as_its_own():
    """An unlabelled argument span sharing its offsets with an entity suggestion was written as a link to that
    entity, so the round trip gave an argument filled by the suggestion (and rejecting it took the argument)."""
    def span(i, start, end, label, kind, state=SpanState.ACCEPTED):
        return EntitySpan(id=i, start=start, end=end, label=label, origin="manual", state=state, kind=kind)
    spans = (span(1, 0, 2, "PER", SpanKind.ENTITY, SpanState.SUGGESTED), span(2, 3, 5, "LOC", SpanKind.ENTITY),
             span(3, 5, 7, "Meet", SpanKind.TRIGGER), span(4, 0, 2, "", SpanKind.ARGUMENT),
             span(5, 3, 5, "", SpanKind.ARGUMENT))
    event = Event(id=1, type="Meet", trigger_id=3, arguments=(Argument("Entity", 4), Argument("Place", 5),
                                                               Argument("Time", 2)))
    doc = AnnotatedDocument(title=TEXT, text=TEXT, tokens=(), spans=spans, events=(event,))

    def filled(d):
        return [(a.role, d.span(a.span_id).start, d.span(a.span_id).kind, d.span(a.span_id).label)
                for a in d.events[0].arguments]
    assert filled(doc) == [("Entity", 0, SpanKind.ARGUMENT, ""), ("Place", 3, SpanKind.ARGUMENT, ""),
                           ("Time", 3, SpanKind.ENTITY, "LOC")]
    for options in (ExportOptions(with_suggestions=True), ExportOptions()):
        out = io.StringIO()
        native.write([doc], out, options=options)
        (again,) = read(json.loads(out.getvalue()))
        assert filled(again) == filled(doc)
    # given by offsets alone (no `entity` field), an argument still links to the entity there, as documented
    record = json.loads(out.getvalue())
    record["events"][0]["arguments"] = [{"role": "Place", "start": 3, "end": 5}]
    (linked,) = read(record)
    assert filled(linked) == [("Place", 3, SpanKind.ENTITY, "LOC")]
