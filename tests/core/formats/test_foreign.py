"""Files other projects publish come in faithfully without --format: every annotation of the source arrives.

The samples are in tests/fixtures/formats (see its README for their source and licence); each count is
computed from the file itself, so that what arrives is checked against what the source holds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annotator.core.annotations import ReviewStatus, SpanKind, SpanState
from annotator.core.errors import ReadError, ValidationError
from annotator.core.formats import ExportOptions, detect_format, read_documents, write_documents
from annotator.core.formats.extras import EXTRA_KEY, take_not_carried

FORMATS_DIR = Path(__file__).parents[2] / "fixtures" / "formats"
CLUENER = FORMATS_DIR / "cluener_train30.json"
DUEE = FORMATS_DIR / "duee_cec30.json"
DOCCANO = FORMATS_DIR / "doccano_pd98_30.jsonl"
DOCCANO_REL = FORMATS_DIR / "doccano_rel30.jsonl"
PRODIGY = FORMATS_DIR / "prodigy_ner30.jsonl"
PD_BIO = FORMATS_DIR / "peoples_daily_bio" / "example.dev"
BRAT = FORMATS_DIR / "brat_tutorial"


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(("path", "fmt"), [
    (CLUENER, "cluener"), (DUEE, "duee"), (DOCCANO, "doccano"), (DOCCANO_REL, "doccano"), (PRODIGY, "spacy"),
    (PD_BIO, "conll"), (BRAT, "brat"),
])
def test_the_format_is_told_from_the_records(path, fmt):
    assert detect_format(path) == fmt


def test_cluener_every_mention_arrives():
    docs = read_documents(CLUENER, detect_format(CLUENER))
    want = sorted((i, label, start, end + 1) for i, rec in enumerate(records(CLUENER))
                  for label, mentions in rec["label"].items() for spans in mentions.values() for start, end in spans)
    got = sorted((i, s.label, s.start, s.end) for i, d in enumerate(docs) for s in d.spans)
    assert got == want and len(want) > 60


def test_duee_every_event_and_argument_arrives_and_class_alias_title_id_are_written_back(tmp_path):
    source = records(DUEE)
    docs = read_documents(DUEE, detect_format(DUEE))
    assert [len(d.events) for d in docs] == [len(r["event_list"]) for r in source]
    assert sum(len(e.arguments) for d in docs for e in d.events) == \
        sum(len(ev["arguments"]) for r in source for ev in r["event_list"]) > 300
    assert [d.title for d in docs] == [r["title"] for r in source]
    out = tmp_path / "back.json"
    write_documents(docs, out, "duee", ExportOptions(with_suggestions=True))

    def canonical(rec: dict) -> dict:
        evs = sorted(json.dumps({**ev, "arguments": sorted(ev["arguments"], key=lambda a: json.dumps(a, sort_keys=True))}, sort_keys=True,
                                 ensure_ascii=False) for ev in rec["event_list"])
        return {**rec, "event_list": evs}
    back = records(out)
    assert [canonical(r) for r in back] == [canonical(r) for r in source]


def test_doccano_every_label_arrives_integer_ids_and_unknown_fields_come_back(tmp_path):
    source = records(DOCCANO)
    docs = read_documents(DOCCANO, detect_format(DOCCANO))
    assert [sorted((s.start, s.end, s.label) for s in d.spans) for d in docs] == \
        [sorted(tuple(x) for x in r["label"]) for r in source]
    out = tmp_path / "back.jsonl"
    write_documents(docs, out, "doccano", ExportOptions(with_suggestions=True))
    back = records(out)
    assert [r["id"] for r in back] == [r["id"] for r in source] and isinstance(back[0]["id"], int)
    assert all(r["Comments"] == [] for r in back)
    assert [sorted(map(tuple, r["label"])) for r in back] == [sorted(map(tuple, r["label"])) for r in source]


def test_a_record_without_id_is_written_without_one(tmp_path):
    path = tmp_path / "noid.jsonl"
    path.write_text(json.dumps({"text": "新华社北京电", "label": [[3, 5, "LOC"]]}, ensure_ascii=False) + "\n",
                    "utf-8")
    out = tmp_path / "out.jsonl"
    write_documents(read_documents(path, "doccano"), out, "doccano", ExportOptions(with_suggestions=True))
    assert "id" not in records(out)[0]


def test_doccano_relations_events_and_entity_relations_are_kept():
    source = records(DOCCANO_REL)
    docs = read_documents(DOCCANO_REL, detect_format(DOCCANO_REL))
    assert [len(d.spans) for d in docs] == [len(r["entities"]) for r in source]
    for doc, rec in zip(docs, source, strict=True):
        triggers = {e["id"] for e in rec["entities"] if e["label"].endswith("触发词")}
        event_rels = [r for r in rec["relations"] if r["from_id"] in triggers]
        assert sum(len(ev.arguments) for ev in doc.events) == len(event_rels)
        meta, counts = take_not_carried(doc.meta)
        kept = meta.get(EXTRA_KEY, {}).get("relations", [])
        assert len(kept) == len(rec["relations"]) - len(event_rels)
        assert counts.get(next(iter(counts), ""), 0) == len(kept)
    assert sum(len(d.events) for d in docs) > 100
    assert any(d.meta.get(EXTRA_KEY, {}).get("relations") for d in docs)


def test_doccano_rel_export_writes_the_entity_relations_back(tmp_path):
    docs = read_documents(DOCCANO_REL, "doccano")
    out = tmp_path / "back.jsonl"
    write_documents(docs, out, "doccano-rel", ExportOptions(with_suggestions=True))
    source, back = records(DOCCANO_REL), records(out)
    assert [len(r["relations"]) for r in back] == [len(r["relations"]) for r in source]
    assert [r["id"] for r in back] == [r["id"] for r in source]


def test_prodigy_answers_are_honoured():
    source = records(PRODIGY)
    docs = read_documents(PRODIGY, detect_format(PRODIGY), reviewed=True)
    assert [len(d.spans) for d in docs] == [len(r["spans"]) for r in source]
    for doc, rec in zip(docs, source, strict=True):
        states = {s.state for s in doc.spans}
        if rec["answer"] == "accept":
            assert doc.status == ReviewStatus.REVIEWED and states <= {SpanState.ACCEPTED}
        else:
            assert doc.status == ReviewStatus.SKIPPED
            assert states <= {SpanState.REJECTED if rec["answer"] == "reject" else SpanState.SUGGESTED}
    assert {r["answer"] for r in source} == {"accept", "reject", "ignore"}


def test_prodigy_meta_hashes_and_relations_are_written_back(tmp_path):
    source = records(PRODIGY)
    out = tmp_path / "back.jsonl"
    write_documents(read_documents(PRODIGY, "spacy"), out, "spacy", ExportOptions(with_suggestions=True))
    back = records(out)
    for rec, got in zip(source, back, strict=True):
        for key in ("_input_hash", "_task_hash", "_view_id", "answer", "meta", "_timestamp"):
            assert got[key] == rec[key], key
        assert got.get("relations") == rec.get("relations")


def test_peoples_daily_bio_every_entity_arrives():
    lines = [line.split() for line in PD_BIO.read_text("utf-8").splitlines()]
    sentences = sum(1 for line in lines if not line)
    docs = read_documents(PD_BIO, detect_format(PD_BIO))
    assert len(docs) == sentences == 40
    assert sum(len(d.spans) for d in docs) == sum(1 for line in lines if line and line[1].startswith("B-"))
    chars = "".join(line[0] for line in lines if line)
    assert "".join(d.text.replace("\n", "") for d in docs) == chars


def test_brat_tutorial_lines_are_carried_or_counted():
    docs = read_documents(BRAT, detect_format(BRAT))
    anns = {p.stem: p.read_text("utf-8").splitlines() for p in sorted(BRAT.glob("*.ann"))}
    assert [d.name for d in docs] == list(anns)
    total: dict[str, int] = {}
    for doc in docs:
        lines = anns[doc.name]
        assert len(doc.spans) == sum(1 for line in lines if line.startswith("T"))
        assert len(doc.events) == sum(1 for line in lines if line.startswith("E"))
        _, counts = take_not_carried(doc.meta)
        for reason, n in counts.items():
            total[reason] = total.get(reason, 0) + n
    every = [line for lines in anns.values() for line in lines]
    for mark, word in (("R", "R lines"), ("A", "A lines"), ("M", "M lines"), ("N", "N lines"), ("#", "# lines"),
                       ("*", "* lines")):
        assert sum(n for reason, n in total.items() if word in reason) == sum(1 for x in every if x.startswith(mark))
    assert total["event arguments that are events"] == sum(x.count(":E") for x in every if x.startswith("E"))


def test_a_bad_brat_document_refuses_only_itself(tmp_path):
    import shutil

    folder = tmp_path / "brat"
    shutil.copytree(BRAT, folder)
    (folder / "pd98-01.ann").write_text("T1\tPER 0 2\twrong text\n", "utf-8")
    errors: list = []
    from annotator.core.formats import iter_documents
    docs = [d for _, d in iter_documents(folder, "brat", on_error=errors.append)]
    assert len(docs) == 11 and len(errors) == 1 and "pd98-01.ann:1" in errors[0].message


def test_jsonl_whose_annotations_fit_no_format_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text('{"text": "新华社北京电"}\n{"text": "新华社", "label": "体育"}\n', "utf-8")
    with pytest.raises(ReadError, match=r"odd.jsonl:2: .*fit no format.*--format"):
        detect_format(path)


def test_jsonl_mixing_formats_is_refused(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"text": "新华社北京电", "label": [[3, 5, "LOC"]]}\n'
                    '{"text": "北京", "label": {"LOC": {"北京": [[0, 1]]}}}\n', "utf-8")
    with pytest.raises(ReadError, match="looks like cluener but line 1 looks like doccano"):
        detect_format(path)


def test_a_text_file_is_not_taken_for_conll(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text("新华社北京电 记者 报道\n今天 天气 很好\n", "utf-8")
    assert detect_format(path) is None


@pytest.mark.parametrize("text", ["", "   \n", "新华\x00社"])
def test_jsonl_with_blank_or_nul_text_is_refused_like_a_txt(tmp_path, text):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"text": text}) + "\n", "utf-8")
    with pytest.raises(ValidationError, match=r"x.jsonl:1: .*(no text|blank|NUL)"):
        read_documents(path, "native")


@pytest.mark.parametrize("fmt", ["native", "doccano", "cluener", "conll"])
def test_an_empty_file_is_refused(tmp_path, fmt):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n", "utf-8")
    with pytest.raises(ReadError, match="holds no documents"):
        read_documents(path, fmt)


@pytest.mark.parametrize("fmt", ["native", "doccano", "spacy", "cluener", "duee"])
def test_crlf_in_a_jsonl_text_becomes_lf_with_offsets_mapped(tmp_path, fmt):
    text = "新华社电\r\n北京\r\n上海\r记者"
    doc_rec = {"native": {"text": text, "entities": [{"start": 6, "end": 8, "label": "LOC"}]},
               "doccano": {"text": text, "label": [[6, 8, "LOC"]]},
               "spacy": {"text": text, "spans": [{"start": 6, "end": 8, "label": "LOC"}]},
               "cluener": {"text": text, "label": {"LOC": {"北京": [[6, 7]]}}},
               "duee": {"text": text, "event_list": [{"event_type": "T", "trigger": "北京",
                                                       "trigger_start_index": 6, "arguments": []}]}}[fmt]
    path = tmp_path / "crlf.jsonl"
    path.write_text(json.dumps(doc_rec, ensure_ascii=False) + "\n", "utf-8")
    (doc,) = read_documents(path, fmt)
    assert doc.text == "新华社电\n北京\n上海\n记者"
    (span,) = doc.spans
    assert doc.text[span.start:span.end] == "北京"
    if fmt == "native":
        assert all("\r" not in doc.text[s:e] for s, e in doc.tokens)


def test_spans_of_every_kind_arrive_from_duee_as_triggers_and_arguments():
    docs = read_documents(DUEE, "duee")
    kinds = {s.kind for d in docs for s in d.spans}
    assert kinds == {SpanKind.TRIGGER, SpanKind.ARGUMENT}


def test_native_refuses_a_record_whose_annotations_are_in_another_formats_fields(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(DOCCANO.read_text("utf-8").splitlines()[0] + "\n", "utf-8")
    with pytest.raises(ValidationError, match=r"x.jsonl:1: .*in doccano fields.*--format doccano"):
        read_documents(path, "native")


def test_our_own_native_export_of_cec_records_with_relations_is_told_native(tmp_path):
    from .conftest import CEC, read_native

    out = tmp_path / "cec.jsonl"
    write_documents(read_native(CEC), out, "native")
    assert any("relations" in r for r in records(out))
    assert detect_format(out) == "native"
    empty = tmp_path / "empty_entities.jsonl"
    empty.write_text(json.dumps({"text": "新华社", "entities": [], "events": [], "relations": [{"a": 1}]}) + "\n")
    assert detect_format(empty) == "native"


def test_brat_lines_about_entities_are_written_back_by_a_brat_export(tmp_path):
    docs = read_documents(BRAT, "brat")
    write_documents(docs, tmp_path / "out", "brat", ExportOptions(with_suggestions=True))
    for doc in docs:
        source = (BRAT / f"{doc.name}.ann").read_text("utf-8").splitlines()
        back = (tmp_path / "out" / f"{doc.name}.ann").read_text("utf-8").splitlines()
        spans = {line.split("\t")[0]: line.split("\t")[1] for line in source if line.startswith("T")}
        out_spans = {line.split("\t")[0]: line.split("\t")[1] for line in back if line.startswith("T")}

        def about_spans(lines: list[str], named: dict[str, str]) -> list[str]:
            # Lines other than T and E, their T references replaced by what the T lines say.
            out = []
            for line in lines:
                if line[:1] in "RAMN#*" and ":E" not in line and not re.search(r"\bE\d", line.split("\t")[1]):
                    ident, _, rest = line.partition("\t")
                    out.append(ident[:1] + "\t" + re.sub(r"\bT\d+\b", lambda m: named[m.group(0)], rest))
            return sorted(out)
        assert about_spans(back, out_spans) == about_spans(source, spans)
    assert any(line.startswith("R1\t") for line in (tmp_path / "out" / "pd98-00.ann").read_text("utf-8").splitlines())
