"""Every format: export → import → export gives identical files, and import gives back what was carried."""

from __future__ import annotations

import filecmp
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.annotations import AnnotatedDocument, Argument, Event, SpanKind
from annotator.core.formats import FORMATS, ExportOptions, ReadOptions, read_documents, write_documents

from .conftest import CEC, PD98, astral_crlf_document, read_native, seed_document

# (format, export options) — CoNLL in both units and every scheme.
VARIANTS = [
    ("native", ExportOptions()), ("doccano", ExportOptions()), ("doccano-rel", ExportOptions()),
    ("spacy", ExportOptions()), ("duee", ExportOptions()), ("cluener", ExportOptions()),
    ("conll", ExportOptions()), ("conll", ExportOptions(scheme="bmes", unit="char")),
    ("conll", ExportOptions(scheme="bmes")), ("conll", ExportOptions(scheme="bioes")),
    ("conll", ExportOptions(scheme="iob1")), ("conll", ExportOptions(scheme="iob1", unit="char")),
    ("brat", ExportOptions()),
]
CORPORA = {"seed": lambda: [seed_document()], "pd98": lambda: read_native(PD98),
           "cec": lambda: read_native(CEC), "astral": lambda: [astral_crlf_document()]}


def target(tmp: Path, fmt: str, tag: str) -> Path:
    return tmp / (f"{tag}.zip" if fmt == "brat" and tag.startswith("z") else f"{tag}{FORMATS[fmt].suffix}")


def same_output(a: Path, b: Path) -> bool:
    if a.is_dir():
        cmp = filecmp.dircmp(a, b)
        return not (cmp.diff_files or cmp.left_only or cmp.right_only) and all(
            (a / n).read_bytes() == (b / n).read_bytes() for n in cmp.common_files)
    return a.read_bytes() == b.read_bytes()


def round_trip(tmp: Path, fmt: str, options: ExportOptions, docs: list[AnnotatedDocument], zipped: bool = False
               ) -> tuple[Path, list[AnnotatedDocument]]:
    first, second = target(tmp, fmt, "z1" if zipped else "a1"), target(tmp, fmt, "z2" if zipped else "a2")
    write_documents(docs, first, fmt, options)
    back = read_documents(first, fmt, reviewed=True, unit=options.unit)
    write_documents(back, second, fmt, options)
    assert same_output(first, second), f"{fmt}: export → import → export changed the file"
    return first, back


def carried_entities(doc: AnnotatedDocument, fmt: str, options: ExportOptions) -> list[tuple]:
    """What a format should give back of a document's entities (duplicates are one annotation)."""
    spans = doc.entities(with_suggestions=options.with_suggestions)
    label = lambda x: x  # noqa: E731 - brat's names come back through visual.conf
    if fmt == "duee":
        return []
    if fmt == "conll":    # the text is rebuilt: compare labels and words in order, outermost spans only
        kept, end = [], -1
        for s in spans:
            if s.start >= end:
                kept.append(s)
                end = s.end
        return [(label(s.label), "".join(doc.text[s.start:s.end].split())) for s in kept
                if "\n" not in doc.text[s.start:s.end]]
    return sorted({(s.start, s.end, label(s.label)) for s in spans})


def carried_events(doc: AnnotatedDocument, fmt: str) -> list[tuple]:
    if not FORMATS[fmt].events:
        return []
    label = lambda x: x  # noqa: E731 - brat's names come back through visual.conf
    text = doc.text
    return sorted((label(ev.type), text[doc.span(ev.trigger_id).start:doc.span(ev.trigger_id).end],
                   tuple(sorted((a.role, text[doc.span(a.span_id).start:doc.span(a.span_id).end])
                                for a in ev.arguments)))
                  for ev in doc.events if ev.trigger_id is not None)


@pytest.mark.parametrize("corpus", ["seed", "pd98", "cec", "astral"])
@pytest.mark.parametrize(("fmt", "options"), VARIANTS, ids=lambda v: v if isinstance(v, str) else f"{v.scheme}-{v.unit}")
def test_export_import_export_is_identical_and_keeps_what_the_format_carries(tmp_path, fmt, options, corpus):
    docs = CORPORA[corpus]()
    _, back = round_trip(tmp_path, fmt, options, docs)
    assert len(back) == len(docs)
    order = sorted(range(len(docs)), key=lambda i: docs[i].name) if fmt == "brat" else range(len(docs))
    for doc, got in zip([docs[i] for i in order], back, strict=True):
        assert carried_entities(got, fmt, options) == carried_entities(doc, fmt, options)
        assert carried_events(got, fmt) == carried_events(doc, fmt)
        if fmt != "conll":
            assert got.text == doc.text and got.name == doc.name
        if fmt in ("native", "spacy") or (fmt == "conll" and options.unit == "word" and corpus == "pd98"):
            assert [got.text[s:e] for s, e in got.tokens] == [doc.text[s:e] for s, e in doc.tokens]


def test_brat_zip_round_trip_is_byte_identical(tmp_path):
    first, back = round_trip(tmp_path, "brat", ExportOptions(), [seed_document(), astral_crlf_document()], zipped=True)
    assert first.suffix == ".zip" and len(back) == 2


def test_pd98_gold_survives_every_entity_format_exactly(tmp_path, pd98_docs):
    gold = [sorted((s.start, s.end, s.label) for s in doc.entities()) for doc in pd98_docs]
    for fmt in ("native", "doccano", "doccano-rel", "spacy", "cluener", "brat"):
        back = read_documents(write_path(tmp_path, fmt, pd98_docs), fmt, reviewed=True)
        back.sort(key=lambda d: [d.name for d in pd98_docs].index(d.name))
        assert [sorted((s.start, s.end, s.label) for s in d.entities()) for d in back] == gold, fmt


def write_path(tmp: Path, fmt: str, docs: list[AnnotatedDocument]) -> Path:
    path = target(tmp, fmt, f"gold-{fmt}")
    write_documents(docs, path, fmt)
    return path


def test_cec_events_survive_every_event_format_with_unlabelled_arguments(tmp_path, cec_docs):
    for fmt in ("native", "doccano-rel", "duee", "brat"):
        back = {d.name: d for d in read_documents(write_path(tmp_path, fmt, cec_docs), fmt,
                                                       ReadOptions(reviewed=True))}
        for doc in cec_docs:
            assert carried_events(back[doc.name], fmt) == carried_events(doc, fmt), fmt
            assert {back[doc.name].span(a.span_id).kind for ev in back[doc.name].events for a in ev.arguments} == {
                SpanKind.ARGUMENT}


@pytest.mark.parametrize("fmt", ["doccano-rel", "duee", "brat"])
def test_an_event_without_trigger_is_reported_and_the_rest_round_trip(tmp_path, fmt):
    doc = astral_crlf_document()
    span = doc.spans[2]                                  # 张三
    lone = Event(id=99, type="Life:Die", trigger_id=None, arguments=(Argument("Victim", span.id),))
    doc = replace(doc, events=(lone, *doc.events))        # sorts first: trigger-less events lead
    summary = write_documents([doc], target(tmp_path, fmt, "t"), fmt)
    assert [(d.reason, d.count) for d in summary.dropped if "trigger" in d.reason] == [("events without a trigger", 1)]
    _, back = round_trip(tmp_path, fmt, ExportOptions(), [doc])
    assert [ev.type for ev in back[0].events] == ["Business:Start-Org"]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_format_said_not_to_read_tokens_writes_the_same_without_them(tmp_path, pd98_docs, fmt):
    """An export may leave the stored tokens undecoded for such a format (export_pool): it must not matter."""
    (tmp_path / "with").mkdir()
    (tmp_path / "without").mkdir()
    with_tokens = write_path(tmp_path / "with", fmt, pd98_docs)
    without = write_path(tmp_path / "without", fmt, [replace(d, tokens=()) for d in pd98_docs])
    if not FORMATS[fmt].tokens:
        assert same_output(with_tokens, without)
    else:  # a format that reads them: the flag is needed (else it would be a free speed-up)
        assert not same_output(with_tokens, without)


def test_doccano_rel_keeps_an_entity_labelled_as_the_role_it_fills(tmp_path):
    """An entity `Object` that is also an event's `Object` argument was written as one doccano entity, which reads
    back (UIE's convention) as the argument span alone: the export refused the whole file (WriteError). Found by
    tools/fuzz_import.py (a relation's to_id moved onto such an entity)."""
    record = ('{"id": 1, "text": "工人出现症状", "entities": ['
              '{"id": 1, "label": "stateChange触发词", "start_offset": 2, "end_offset": 4},'
              '{"id": 2, "label": "Object", "start_offset": 4, "end_offset": 6},'
              '{"id": 3, "label": "Object", "start_offset": 0, "end_offset": 2}],'
              '"relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "Object"}]}\n')
    source = tmp_path / "in.jsonl"
    source.write_text(record, encoding="utf-8")
    (doc,) = read_documents(source, "doccano-rel", reviewed=True)
    entity = next(s for s in doc.spans if s.kind is SpanKind.ENTITY and s.start == 0)
    doc = replace(doc, events=(replace(doc.events[0], arguments=(Argument("Object", entity.id),)),))
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    write_documents([doc], first, "doccano-rel")
    (back,) = read_documents(first, "doccano-rel", reviewed=True)
    assert [(s.start, s.end, s.label) for s in back.entities()] == [(0, 2, "Object")]
    (event,) = back.events
    assert [(a.role, back.span(a.span_id).start) for a in event.arguments] == [("Object", 0)]
    write_documents([back], second, "doccano-rel")
    assert filecmp.cmp(first, second, shallow=False)
