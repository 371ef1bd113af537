"""Variants of each format as other tools and datasets really write them: every annotation arrives with its
text at its offsets, or the file is refused naming the line and the problem; never read as "no annotations".

Each record below is shaped as its source publishes it (the source is named on each test).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.annotations import AnnotatedDocument, SpanKind
from annotator.core.errors import AnnotatorError, ValidationError
from annotator.core.formats import detect_format, read_documents, write_documents

TEXT = "新华社北京12月31日电国家主席江泽民发表新年讲话。"


def at(word: str, text: str = TEXT, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def jsonl(tmp_path: Path, *records: object, name: str = "wild.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def entities(docs: list[AnnotatedDocument]) -> list[tuple[str, str]]:
    """(label, text at the offsets) of every entity, in order."""
    return [(s.label, d.text[s.start:s.end]) for d in docs for s in d.spans if s.kind == SpanKind.ENTITY]


def read_auto(path: Path) -> list[AnnotatedDocument]:
    fmt = detect_format(path)
    assert fmt is not None
    return read_documents(path, fmt, reviewed=True)


# --- a record is never read as having no annotations because they are in fields its format does not read ---

LABEL_STUDIO_TASK = {"id": 1, "data": {"text": TEXT}, "annotations": [{"result": [
    {"value": {"start": 0, "end": 3, "text": "新华社", "labels": ["ORG"]}, "from_name": "label", "to_name": "text",
     "type": "labels"}]}]}
DOCCANO_LABEL_IDS = {"id": 15, "text": TEXT, "annotations": [{"label": 7, "start_offset": 0, "end_offset": 3,
                                                              "user": 1}], "meta": {}}   # doccano/doccano#113
DUEE_RECORD = {"id": "x", "text": TEXT, "event_list": [{"event_type": "讲话", "trigger": "发表",
                                                        "trigger_start_index": at("发表")[0], "arguments": []}]}
DOCCANO_RECORD = {"id": 1, "text": TEXT, "label": [[0, 3, "ORG"]]}
PRODIGY_RECORD = {"text": TEXT, "spans": [{"start": 0, "end": 3, "label": "ORG"}], "answer": "accept"}
PRODIGY_TEXTCAT = {"text": TEXT, "label": "POLITICS", "answer": "accept", "_input_hash": 5}
PRODIGY_CHOICE = {"text": TEXT, "options": [{"id": "A", "text": "A"}], "accept": ["A"], "answer": "accept"}


@pytest.mark.parametrize(("record", "fmt", "field"), [
    (DOCCANO_LABEL_IDS, "doccano", "annotations"),
    (LABEL_STUDIO_TASK, "native", "annotations"),
    (DUEE_RECORD, "doccano", "event_list"),
    (DOCCANO_RECORD, "spacy", "label"),
    (DOCCANO_RECORD, "duee", "label"),
    (PRODIGY_RECORD, "cluener", "spans"),
    (PRODIGY_TEXTCAT, "spacy", "label"),
    (PRODIGY_CHOICE, "spacy", "accept"),
])
def test_a_given_format_refuses_annotations_it_does_not_read(tmp_path, record, fmt, field):
    path = jsonl(tmp_path, record)
    with pytest.raises(ValidationError, match=rf"wild.jsonl:1: .*{field}.*{fmt} does not read"):
        read_documents(path, fmt)


@pytest.mark.parametrize("record", [PRODIGY_TEXTCAT, PRODIGY_CHOICE])
def test_classification_and_foreign_tasks_are_refused_without_format(tmp_path, record):
    path = jsonl(tmp_path, record)
    with pytest.raises(AnnotatorError, match=r"wild.jsonl:1: "):
        read_auto(path)


# --- doccano's exports over its versions ---

def test_doccano_1_5_text_under_data_arrives(tmp_path):
    # doccano 1.5's sequence-labelling export (doccano/doccano#1522): `data` and `label`
    path = jsonl(tmp_path, {"id": 10, "data": TEXT, "label": [[*at("新华社"), "ORG"], [*at("江泽民"), "PER"]]})
    docs = read_auto(path)
    assert entities(docs) == [("ORG", "新华社"), ("PER", "江泽民")]
    out = tmp_path / "back.jsonl"
    write_documents(docs, out, "doccano")
    assert entities(read_auto(out)) == entities(docs)


def test_doccano_first_export_entities_as_lists_arrives(tmp_path):
    # doccano's first JSON export (doccano/doccano#46): `doc_id`, `entities` as [start, end, label], `username`
    path = jsonl(tmp_path, {"doc_id": 23, "text": TEXT, "entities": [[*at("北京"), "LOC"], [*at("江泽民"), "PER"]],
                            "username": "admin"})
    docs = read_auto(path)
    assert entities(docs) == [("LOC", "北京"), ("PER", "江泽民")]
    assert docs[0].meta["doc_id"] == 23


@pytest.mark.parametrize("both", [
    {"label": [[0, 3, "ORG"]], "labels": [[3, 5, "LOC"]]},
    {"label": [[0, 3, "ORG"]], "entities": [{"id": 1, "label": "LOC", "start_offset": 3, "end_offset": 5}]},
])
def test_a_doccano_record_with_two_span_fields_is_refused(tmp_path, both):
    path = jsonl(tmp_path, {"text": TEXT, **both})
    with pytest.raises(ValidationError, match=r"wild.jsonl:1: the record has both"):
        read_documents(path, "doccano")
