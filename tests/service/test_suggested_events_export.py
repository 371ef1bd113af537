"""Suggested events in the native format (issue 17): `--with-suggestions` carries trigger, type and
role-typed arguments with their states, an import gives them back as they were; without the flag they stay out."""

from __future__ import annotations

import json

import pytest

from annotator.core.annotations import AnnotatedDocument, SpanState
from annotator.core.event_suggestions import ArgumentSuggestion, EventSuggestion
from annotator.service import Project

TEXT = "李鹏总理昨天在北京会见了美国总统克林顿。"
TOKENS = ("李鹏", "总理", "昨天", "在", "北京", "会见", "了", "美国", "总统", "克林顿", "。")


def at(word: str) -> tuple[int, int]:
    i = TEXT.index(word)
    return i, i + len(word)


class Fixed:
    def suggest(self, doc, schema):
        return [EventSuggestion(*at("会见"), "Contact:Meet", (
            ArgumentSuggestion(*at("克林顿"), "Entity", "PER"), ArgumentSuggestion(*at("北京"), "Place", "GPE"),
            ArgumentSuggestion(*at("昨天"), "Time", "TIME")))]


@pytest.fixture
def project(tmp_path, monkeypatch):
    pos, tokens = 0, []
    for t in TOKENS:
        tokens.append((pos, pos + len(t)))
        pos += len(t)
    with Project.create(tmp_path / "p.annot", schema="ace2005-zh", user="t") as p:
        p.importer.add_documents([AnnotatedDocument(title="t", text=TEXT, tokens=tuple(tokens))], prelabel=False)
        p.edits.add_span(1, *at("北京"), "GPE")
        monkeypatch.setattr(p.training, "event_suggester", lambda: Fixed())
        p.triggers.suggest([1])
        event = p.document(1).events[0]
        doc = p.document(1)
        spans = {doc.span(a.span_id).text_in(TEXT): a.span_id for a in event.arguments}
        p.triggers.reject_argument(event.id, "Time", spans["昨天"])
        yield p


def records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_with_suggestions_the_native_file_carries_the_suggested_event_with_its_arguments(project, tmp_path):
    out = tmp_path / "out.jsonl"
    project.exporter.export(out, statuses=["in-review"], with_suggestions=True)
    (record,) = records(out)
    (event,) = record["events"]
    assert (event["type"], event["state"], event["origin"], event["trigger"]["text"]) == (
        "Contact:Meet", "suggested", "events", "会见")
    args = {a["text"]: a for a in event["arguments"]}
    assert {t: a["role"] for t, a in args.items()} == {"克林顿": "Entity", "北京": "Place"}  # rejected: left out
    assert all("state" not in a for a in args.values())  # as the event's: suggested
    entities = {e["id"]: e for e in record["entities"]}
    assert (entities[args["克林顿"]["entity"]]["label"], entities[args["克林顿"]["entity"]]["state"]) == (
        "PER", "suggested")
    assert entities[args["北京"]["entity"]]["state"] == "accepted"  # an argument may be an accepted entity

    with Project.create(tmp_path / "back.annot", schema="ace2005-zh") as back:
        back.importer.import_paths([out], prelabel=False)
        doc = back.document(1)
        (ev,) = doc.events
        assert (ev.type, ev.state, ev.origin) == ("Contact:Meet", SpanState.SUGGESTED, "events")
        assert doc.span(ev.trigger_id).text_in(TEXT) == "会见"
        assert {(doc.span(a.span_id).text_in(TEXT), doc.span(a.span_id).label, a.role, a.state)
                for a in ev.arguments} == {("克林顿", "PER", "Entity", SpanState.SUGGESTED),
                                           ("北京", "GPE", "Place", SpanState.SUGGESTED)}
        trigger = doc.span(ev.trigger_id)
        back.triggers.accept(trigger.id)  # and it is reviewed as any suggested event
        assert {a.state for a in back.document(1).events[0].arguments} == {SpanState.ACCEPTED}


def test_an_argument_decided_apart_from_its_event_carries_its_own_state(project, tmp_path):
    doc = project.document(1)
    event = doc.events[0]
    beijing = next(a for a in event.arguments if a.role == "Place")
    project.triggers.accept_argument(event.id, "Place", beijing.span_id)
    out = tmp_path / "out.jsonl"
    project.exporter.export(out, statuses=["in-review"], with_suggestions=True)
    (record,) = records(out)
    args = {a["text"]: a for a in record["events"][0]["arguments"]}
    assert args["北京"]["state"] == "accepted" and "state" not in args["克林顿"]
    with Project.create(tmp_path / "back.annot", schema="ace2005-zh") as back:
        back.importer.import_paths([out], prelabel=False)
        doc = back.document(1)
        assert {doc.span(a.span_id).text_in(TEXT): a.state for a in doc.events[0].arguments} == {
            "北京": SpanState.ACCEPTED, "克林顿": SpanState.SUGGESTED}


def test_without_the_flag_suggested_events_and_arguments_stay_out(project, tmp_path):
    out = tmp_path / "out.jsonl"
    project.exporter.export(out, statuses=["in-review"])
    (record,) = records(out)
    assert record["events"] == [] and [e["text"] for e in record["entities"]] == ["北京"]
    event = project.document(1).events[0]
    project.triggers.accept(event.trigger_id)
    doc = project.document(1)
    clinton = next(a for a in doc.events[0].arguments if doc.span(a.span_id).text_in(TEXT) == "克林顿")
    project.triggers.reject_argument(event.id, "Entity", clinton.span_id)
    project.exporter.export(out, statuses=["in-review"])
    (record,) = records(out)
    (exported,) = record["events"]
    assert [(a["role"], a["text"]) for a in exported["arguments"]] == [("Place", "北京")]
