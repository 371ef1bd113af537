"""Export options, the summary of what a format could not carry, and atomic writes."""

from __future__ import annotations

import io
import json

import pytest

from annotator.core.annotations import AnnotatedDocument, EntitySpan
from annotator.core.errors import ValidationError, WriteError
from annotator.core.formats import (
    FORMATS,
    ExportOptions,
    ReadOptions,
    get_format,
    read_documents,
    write_documents,
)
from annotator.core.schema import load_schema

from .conftest import seed_document

SEED = seed_document()


def entities_written(tmp_path, fmt: str, options: ExportOptions) -> set[tuple[str, str]]:
    path = tmp_path / f"out{FORMATS[fmt].suffix}"
    write_documents([SEED], path, fmt, options)
    doc = read_documents(path, fmt)[0]
    return {(s.label, doc.text[s.start:s.end]) for s in doc.entities(with_suggestions=True)}


@pytest.mark.parametrize("fmt", ["native", "doccano", "spacy", "cluener", "brat"])
def test_default_export_is_accepted_spans_only_and_options_widen_or_narrow_it(tmp_path, fmt):
    default = entities_written(tmp_path, fmt, ExportOptions())
    assert ("ORG", "公安部") not in default and ("ORG", "外交部") not in default and ("LOC", "北京") in default
    assert ("ORG", "公安部") in entities_written(tmp_path, fmt, ExportOptions(with_suggestions=True))
    assert {label for label, _ in entities_written(tmp_path, fmt, ExportOptions(labels={"LOC"}))} == {"LOC"}


def test_summary_counts_entities_events_and_names_what_was_left_out(tmp_path):
    summary = write_documents([SEED], tmp_path / "x.conll", "conll")
    assert summary.documents == 1 and summary.format == "conll"
    assert summary.entities == {"LOC": 4, "MISC": 1, "ORG": 6, "TIME": 1} and summary.event_count == 0
    dropped = {d.reason: d for d in summary.dropped}
    assert dropped["nested or overlapping spans"].count == 1
    assert "ORG 中央纪委" in dropped["nested or overlapping spans"].examples[0]
    assert dropped["events"].count == 3
    lines = summary.lines()
    assert lines[0].startswith("1 document, 12 entities, 0 events") and any("nested" in line for line in lines)
    native = write_documents([SEED], tmp_path / "x.jsonl", "native")
    assert native.entity_count == 13 and native.events == {
        "Contact:Meet": 1, "Business:Start-Org": 1, "Justice:Arrest-Jail": 1} and native.dropped == ()


def test_rejected_spans_never_become_positives_outside_native(tmp_path):
    summary = write_documents([SEED], tmp_path / "x.jsonl", "doccano",
                              ExportOptions(with_suggestions=True, with_rejected=True))
    rec = json.loads((tmp_path / "x.jsonl").read_text("utf-8"))
    assert not any(SEED.text[s:e] == "外交部" for s, e, _ in rec["label"])
    assert [d.count for d in summary.dropped if d.reason.startswith("rejected")] == [1]


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("old\n", encoding="utf-8")

    def docs():
        yield SEED
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_documents(docs(), path, "native")
    broken = AnnotatedDocument(title="t", text="abc", tokens=(), spans=(EntitySpan(1, 1, 9, "PER"),))
    with pytest.raises(WriteError, match=r"outside the text"):
        write_documents([SEED, broken], path, "cluener")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_a_brat_export_replaces_an_old_folder_whole(tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "stale.ann").write_text("T1\tX 0 1\tx\n", encoding="utf-8")
    write_documents([SEED], folder, "brat")
    assert sorted(p.name for p in folder.iterdir()) == [
        "000_f5bfa2c3bb69730e.ann", "000_f5bfa2c3bb69730e.txt", "annotation.conf", "visual.conf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brat"]


def test_brat_conf_comes_from_the_schema_and_type_names_map_back_through_it(tmp_path):
    schema = load_schema("ace2005-zh")
    write_documents([SEED], tmp_path / "b", "brat", schema=schema)
    conf = (tmp_path / "b" / "annotation.conf").read_text("utf-8")
    entities = conf.split("[entities]\n")[1].split("\n\n")[0].splitlines()
    assert entities == [*schema.label_keys, "Argument"]
    assert "\nContact-Meet\tEntity+:PER|ORG|LOC|GPE|Argument, Time*:TIME|Argument, Place?:LOC|GPE|FAC|Argument\n" in conf
    assert len(conf.split("[events]\n")[1].split("\n\n")[0].splitlines()) == len(schema.event_types)
    doc = read_documents(tmp_path / "b", "brat", ReadOptions(schema=schema))[0]
    assert sorted(ev.type for ev in doc.events) == ["Business:Start-Org", "Contact:Meet", "Justice:Arrest-Jail"]
    named = read_documents(tmp_path / "b", "brat")[0]      # without the schema visual.conf maps them back
    assert "Contact:Meet" in {ev.type for ev in named.events}
    (tmp_path / "b" / "visual.conf").unlink()
    plain = read_documents(tmp_path / "b", "brat")[0]      # without either the brat spelling stays
    assert "Contact-Meet" in {ev.type for ev in plain.events}


def test_writing_to_an_open_file_and_reading_from_one(tmp_path):
    out = io.StringIO()
    summary = write_documents([SEED], out, "duee")
    assert summary.event_count == 3 and summary.path == "<stream>"
    docs = read_documents(io.StringIO(out.getvalue()), "duee")
    assert len(docs[0].events) == 3


def test_unknown_format_and_options_are_refused():
    with pytest.raises(ValidationError, match="unknown format"):
        get_format("xml")
    with pytest.raises(ValidationError, match="scheme"):
        ExportOptions(scheme="iob3")
    with pytest.raises(ValidationError, match="unit"):
        ExportOptions(unit="byte")


def test_read_options_as_keywords_and_documents_name_their_source(tmp_path):
    path = tmp_path / "x.jsonl"
    write_documents([SEED], path, "doccano")
    docs = read_documents(path, "doccano", reviewed=True, segment=lambda text: ((0, 2),))
    assert docs[0].source == str(path) and docs[0].tokens == ((0, 2),)
    assert {s.state.value for s in docs[0].spans} == {"accepted"}
    with pytest.raises(TypeError):
        read_documents(path, "doccano", ReadOptions(), reviewed=True)
