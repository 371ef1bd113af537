"""Native JSONL: lenient import, lossless round trips, errors with their line."""

from __future__ import annotations

import io
import json
import random

import pytest

from annotator.core.annotations import AnnotatedDocument, ReviewStatus, SpanKind, SpanState
from annotator.core.errors import ReadError, ValidationError
from annotator.core.formats import native
from annotator.core.formats.base import ExportOptions, ReadOptions
from annotator.core.schema import EntityLabel, Schema

from .conftest import CEC, PD98


def export(docs: list[AnnotatedDocument], options: ExportOptions | None = None) -> str:
    out = io.StringIO()
    native.write(docs, out, options=options or ExportOptions())
    return out.getvalue()


def reread(text: str, **kw) -> list[AnnotatedDocument]:
    return [doc for _, doc in native.read(io.StringIO(text), ReadOptions(**kw))]


def one(record: dict, **kw) -> AnnotatedDocument:
    return reread(json.dumps(record, ensure_ascii=False) + "\n", **kw)[0]


def test_pd98_imports_reviewed_with_gold_entities_and_tokens(pd98_docs):
    source = [json.loads(line) for line in PD98.read_text(encoding="utf-8").splitlines()]
    assert len(pd98_docs) == len(source) == 5
    for doc, rec in zip(pd98_docs, source, strict=True):
        assert doc.name == rec["id"] and doc.title == rec["title"] and doc.text == rec["text"]
        assert [doc.text[s:e] for s, e in doc.tokens] == rec["tokens"]
        got = [(s.start, s.end, s.label, doc.text[s.start:s.end]) for s in doc.entities()]
        assert got == sorted((e["start"], e["end"], e["label"], e["text"]) for e in rec["entities"])
        assert all(s.origin == "import" and s.state == SpanState.ACCEPTED for s in doc.spans)
        assert doc.status == ReviewStatus.REVIEWED
        assert doc.meta == {"source": rec["source"], "_extra": {"fields": ["source"]}}


def test_pd98_export_import_export_is_identical_and_keeps_source_fields(pd98_docs):
    first = export(pd98_docs)
    assert export(reread(first, reviewed=True)) == first
    for line, src in zip(first.splitlines(), PD98.read_text(encoding="utf-8").splitlines(), strict=True):
        rec, orig = json.loads(line), json.loads(src)
        assert {k: rec[k] for k in ("id", "source", "title", "text")} == {k: orig[k] for k in ("id", "source", "title", "text")}
        assert [t["text"] for t in rec["tokens"]] == orig["tokens"]


def test_cec_events_come_back_with_every_field(cec_docs):
    first = export(cec_docs)
    assert export(reread(first, reviewed=True)) == first
    for line, src in zip(first.splitlines(), CEC.read_text(encoding="utf-8").splitlines(), strict=True):
        rec, orig = json.loads(line), json.loads(src)
        for key in ("id", "category", "title", "report_time", "text", "relations"):
            assert rec[key] == orig[key]
        by_eid = {ev["eid"]: ev for ev in rec["events"]}
        assert len(by_eid) == len(orig["events"])
        for ev in orig["events"]:
            got = dict(by_eid[ev["eid"]])
            for key in ("id", "origin", "state"):
                got.pop(key)
            got["arguments"] = [{k: v for k, v in a.items() if k != "entity"} for a in got["arguments"]]
            ev = dict(ev, arguments=sorted(ev["arguments"], key=lambda a: (a["start"], a["end"], a["role"])))
            assert got == ev


def test_cec_arguments_are_unlabelled_argument_spans(cec_docs):
    doc = cec_docs[0]
    ev = doc.events[0]
    assert doc.span(ev.trigger_id).kind == SpanKind.TRIGGER and doc.span(ev.trigger_id).label == ev.type
    assert {doc.span(a.span_id).kind for e in doc.events for a in e.arguments} == {SpanKind.ARGUMENT}


def test_without_reviewed_entities_and_events_are_suggestions():
    doc = one({"text": "刘澜涛在北京开会", "entities": [{"start": 0, "end": 3, "label": "PER"}],
               "events": [{"type": "Meet", "trigger": {"start": 6, "end": 8}}]})
    assert doc.spans[0].state == SpanState.SUGGESTED and doc.events[0].state == SpanState.SUGGESTED
    assert doc.status == ReviewStatus.PRE_ANNOTATED and doc.title == "刘澜涛在北京开会"
    assert export([doc]).count("\n") == 1 and json.loads(export([doc]))["entities"] == []
    assert len(json.loads(export([doc], ExportOptions(with_suggestions=True)))["entities"]) == 1


def test_tokens_missing_are_segmented_by_the_callable_or_left_empty():
    rec = {"text": "刘澜涛 在北京"}
    assert one(rec).tokens == ()
    doc = one(rec, segment=lambda text: ((0, 3), (4, 5), (5, 7)))
    assert doc.tokens == ((0, 3), (4, 5), (5, 7))


def test_arguments_by_entity_id_or_offsets_reuse_spans_and_events_without_trigger_are_kept():
    doc = one({"text": "刘澜涛在北京逝世", "entities": [{"id": "a", "start": 0, "end": 3, "label": "PER"},
                                                   {"id": "b", "start": 4, "end": 6, "label": "LOC"}],
               "events": [{"type": "Die", "trigger": {"start": 6, "end": 8},
                           "arguments": [{"role": "Victim", "entity": "a"},
                                         {"role": "Place", "start": 4, "end": 6, "text": "北京"}]},
                          {"type": "Die", "trigger": None,
                           "arguments": [{"role": "Victim", "start": 0, "end": 2}]}]}, reviewed=True)
    first, second = doc.events
    assert [doc.span(a.span_id).label for a in first.arguments] == ["PER", "LOC"]
    assert second.trigger_id is None and doc.span(second.arguments[0].span_id).kind == SpanKind.ARGUMENT
    rec = json.loads(export([doc]))
    assert rec["events"][0]["trigger"] is None               # trigger-less first, then by trigger
    assert [a["entity"] for a in rec["events"][1]["arguments"]] == [1, 2]


def test_rejected_spans_travel_only_when_asked(seed_doc):
    rec = json.loads(export([seed_doc], ExportOptions(with_suggestions=True, with_rejected=True)))
    states = {e["text"]: e["state"] for e in rec["entities"]}
    assert states["外交部"] == "rejected" and states["公安部"] == "suggested"
    back = reread(export([seed_doc], ExportOptions(with_suggestions=True, with_rejected=True)))[0]
    assert {(s.start, s.end, s.label, s.state, s.origin) for s in back.spans if s.kind == SpanKind.ENTITY} == {
        (s.start, s.end, s.label, s.state, s.origin) for s in seed_doc.spans if s.kind == SpanKind.ENTITY}


def test_seed_round_trip_keeps_tokens_entities_events(seed_doc):
    first = export([seed_doc])
    back = reread(first)[0]
    assert back.tokens == seed_doc.tokens and back.title == seed_doc.title
    assert export([back]) == first
    assert len(json.loads(first)["events"]) == 3


SCHEMA = Schema(name="t", labels=(EntityLabel("PER", "Person"), EntityLabel("LOC", "Location")))


@pytest.mark.parametrize(("line", "needle"), [
    ('{"text": "abc", "entities": [{"start": 1, "end": 9, "label": "PER"}]}', "outside the text"),
    ('{"text": "abc", "entities": [{"start": 0, "end": 2, "label": "PER", "text": "bc"}]}', "covers 'ab'"),
    ('{"text": "abc", "entities": [{"start": 0, "end": 2, "label": "ORG"}]}', "unknown label 'ORG'"),
    ('{"text": "abc", "tokens": ["a", "x"]}', "not found"),
    ('{"text": "abc", "events": [{"type": "E", "arguments": [{"role": "R", "entity": 5}]}]}', "entity 5"),
    ('{"text": "abc", "status": "done"}', "unknown status"),
    ('{"text": "a\\ud800b"}', "lone UTF-16 surrogate"),
    ('{"text": ""}', "no text"),
    ('{"text": "abc", "entities": [{"start": 0, "end": 1, "label": "PER", "state": "maybe"}]}', "unknown state"),
    ('{"text": "abc"', "not valid JSON"),
    ('[1, 2]', "JSON object"),
])
def test_a_broken_record_is_reported_with_path_and_line(tmp_path, line, needle):
    path = tmp_path / "broken.jsonl"
    good = '{"text": "刘澜涛", "entities": [{"start": 0, "end": 3, "label": "PER"}]}'
    path.write_text(f"{good}\n\n{line}\n{good}\n", encoding="utf-8")
    got = []
    with pytest.raises((ValidationError, ReadError)) as info:
        for item in native.read(path, ReadOptions(schema=SCHEMA)):
            got.append(item)
    assert info.value.line == 3 and info.value.path == str(path)
    assert needle in str(info.value) and str(path) + ":3" in str(info.value)
    assert [n for n, _ in got] == [1]       # lazily read: what came before the bad line was yielded


def test_utf8_bom_and_crlf_line_endings_are_accepted(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + '{"text": "北京"}\r\n{"text": "上海"}\r\n'.encode())
    assert [(n, d.text) for n, d in native.read(path)] == [(1, "北京"), (2, "上海")]


@pytest.mark.parametrize("table", [True, False])
def test_token_lists_are_written_as_json_dumps_writes_them_whatever_the_tokens_hold(monkeypatch, table):
    # Tokens go in as they are unless one holds a character JSON escapes (a quote, a backslash, a
    # control character): then each is escaped, even when the tokens are out of order or overlap. The
    # offsets' digits come from a table (or, for a long text, are written one by one).
    if not table:
        monkeypatch.setattr(native, "_NUMBERS_UP_TO", 10)
    rng = random.Random(4)
    alphabet = ['"', "\\", "\n", "\t", "\x01", "\x1f", "北", "京", "a", " ", "\u3000", "\u2028", "😀"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        cuts = sorted(rng.sample(range(len(text) + 1), k=min(len(text) + 1, rng.randint(2, 8))))
        tokens = tuple(zip(cuts, cuts[1:], strict=False))
        if rng.random() < 0.3:  # out of order, overlapping
            tokens = tuple(rng.sample(tokens, len(tokens))) + ((0, len(text)),)
        expected = json.dumps([{"text": text[s:e], "start": s, "end": e} for s, e in tokens], ensure_ascii=False)
        assert native.tokens_json(text, tokens) == expected, (text, tokens)
