"""Variants of each format as other tools and datasets really write them: every annotation arrives with its
text at its offsets, or the file is refused naming the line and the problem; never read as "no annotations".

Each record below is shaped as its source publishes it (the source is named on each test).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.annotations import AnnotatedDocument, ReviewStatus, SpanKind, SpanState
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


# --- CoNLL as taggers write it ---

def test_conll_bilou_tags_arrive(tmp_path):
    # spaCy's BILUO / BILOU scheme: L- ends a span, U- is a span of one token
    path = tmp_path / "bilou.txt"   # told from its tags, U- among them
    path.write_text("我 O\n在 O\n北 B-LOC\n海 I-LOC\n道 L-LOC\n江 U-PER\n\n", "utf-8")
    assert entities(read_auto(path)) == [("LOC", "北海道"), ("PER", "江")]


def test_conll_a_tab_after_the_tag_is_no_column(tmp_path):
    path = tmp_path / "trailing.conll"
    path.write_text("北\tB-LOC\t\n京\tI-LOC \n在\tO\n\n", "utf-8")
    assert entities(read_auto(path)) == [("LOC", "北京")]


def test_conll_an_l_tag_without_its_beginning_is_refused_at_its_line(tmp_path):
    path = tmp_path / "bad.conll"
    path.write_text("北 O\n京 L-LOC\n\n", "utf-8")
    with pytest.raises(ValidationError, match=r"bad.conll:2: tag 'L-LOC' continues a LOC span that did not begin"):
        read_documents(path, "conll")


# --- brat collections as editors and converters leave them ---

BRAT_ANN = ("T1\tORG 0 3\t新华社\nT2\tLOC 3 5\t北京\nT3\tPER 16 19\t江泽民\n#1\tAnnotatorNotes T3\t主席\n"
            "A1\tNegated T2\nR1\tLives Arg1:T3 Arg2:T2\nN1\tReference T2 Wikipedia:1\t北京\n")
BRAT_WANT = [("ORG", "新华社"), ("LOC", "北京"), ("PER", "江泽民")]


def brat(tmp_path: Path, text: str, ann: str, name: str = "doc") -> Path:
    folder = tmp_path / "brat"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt").write_text(text, "utf-8")
    (folder / f"{name}.ann").write_text(ann, "utf-8")
    return folder


def shifted(ann: str, by: int) -> str:
    """The T lines' offsets moved by `by` (as a tool counting a byte-order mark writes them)."""
    out = []
    for line in ann.splitlines():
        ident, _, rest = line.partition("\t")
        if ident.startswith("T"):
            head, _, words = rest.partition("\t")
            label, start, end = head.split()
            line = f"{ident}\t{label} {int(start) + by} {int(end) + by}\t{words}"
        out.append(line)
    return "\n".join(out) + "\n"


def test_brat_txt_with_a_bom_counted_in_the_offsets_as_brat_counts_it(tmp_path):
    assert TEXT[16:19] == "江泽民"
    docs = read_auto(brat(tmp_path, "\ufeff" + TEXT, shifted(BRAT_ANN, 1)))
    assert entities(docs) == BRAT_WANT
    assert docs[0].text == TEXT and docs[0].title == TEXT


def test_brat_txt_with_a_bom_the_offsets_do_not_count(tmp_path):
    docs = read_auto(brat(tmp_path, "\ufeff" + TEXT, BRAT_ANN))
    assert entities(docs) == BRAT_WANT and docs[0].text == TEXT


def test_brat_ann_with_a_bom_and_crlf(tmp_path):
    docs = read_auto(brat(tmp_path, TEXT, "\ufeff" + BRAT_ANN.replace("\n", "\r\n")))
    assert entities(docs) == BRAT_WANT


def test_brat_t_lines_without_their_text_field(tmp_path):
    ann = "T1\tORG 0 3\nT2\tPER 16 19\n"
    assert entities(read_auto(brat(tmp_path, TEXT, ann))) == [("ORG", "新华社"), ("PER", "江泽民")]


def test_brat_txt_without_ann_is_a_document_without_annotations(tmp_path):
    folder = brat(tmp_path, TEXT, BRAT_ANN)
    (folder / "other.txt").write_text("另一篇文章。", "utf-8")
    docs = read_auto(folder)
    assert [d.text for d in docs] == [TEXT, "另一篇文章。"]
    assert entities(docs) == BRAT_WANT


def test_brat_discontinuous_span_is_refused_naming_its_line(tmp_path):
    folder = brat(tmp_path, TEXT, "T1\tPER 16 19\t江泽民\nT2\tLOC 0 2;3 5\t新华 北京\n")
    with pytest.raises(ValidationError, match=r"doc.ann:2: discontinuous spans are not supported"):
        read_auto(folder)


# --- DuEE-Fin: the financial documents give no positions ---

FIN_TEXT = "甲公司公告：股东质押情况。2020年3月，股东张三将所持甲公司股份质押给乙银行。另，甲公司上市筹备中。"


def fin_record(**event: object) -> dict:
    args = [{"role": "质押方", "argument": "张三"}, {"role": "质权方", "argument": "乙银行"},
            {"role": "质押物所属公司", "argument": "甲公司"}]
    return {"text": FIN_TEXT, "title": "甲公司公告", "id": "fin-1",
            "event_list": [{"event_type": "质押", "trigger": "质押", "arguments": args, **event}]}


def events(docs: list[AnnotatedDocument]) -> list[tuple]:
    out = []
    for doc in docs:
        by_id = {s.id: s for s in doc.spans}
        for ev in doc.events:
            trig = by_id[ev.trigger_id]
            out.append((ev.type, trig.start, doc.text[trig.start:trig.end],
                        sorted((a.role, by_id[a.span_id].start, doc.text[by_id[a.span_id].start:by_id[a.span_id].end])
                               for a in ev.arguments)))
    return out


def test_duee_fin_mentions_without_positions_are_placed_nearest_their_event(tmp_path):
    docs = read_auto(jsonl(tmp_path, fin_record()))
    second = FIN_TEXT.index("质押", FIN_TEXT.index("质押") + 1)   # the one 张三, 乙银行 and 甲公司 stand around
    [(etype, t_start, trigger, args)] = events(docs)
    assert (etype, t_start, trigger) == ("质押", second, "质押")
    assert args == sorted([("质押方", FIN_TEXT.index("张三"), "张三"), ("质权方", FIN_TEXT.index("乙银行"), "乙银行"),
                           ("质押物所属公司", FIN_TEXT.index("甲公司", 20), "甲公司")])
    assert any("placed at the occurrence nearest" in reason for reason in docs[0].meta["_extra"]["not_carried"])


def test_duee_fin_an_enumerated_value_not_in_the_text_is_kept_and_written_back(tmp_path):
    record = fin_record()
    record["event_list"].append({"event_type": "公司上市", "trigger": "上市",
                                 "arguments": [{"role": "环节", "argument": "筹备上市"}]})
    docs = read_auto(jsonl(tmp_path, record))
    assert [e[0] for e in events(docs)] == ["质押", "公司上市"]
    assert docs[0].meta["_extra"]["not_carried"]["arguments whose text is not in the document (kept in metadata, "
                                                 "written back by a DuEE export)"] == 1
    out = tmp_path / "back.json"
    write_documents(docs, out, "duee")
    back = json.loads(out.read_text("utf-8"))
    listed = {ev["event_type"]: ev for ev in back["event_list"]}
    assert {"role": "环节", "argument": "筹备上市"} in listed["公司上市"]["arguments"]
    assert all(isinstance(a["argument_start_index"], int) for a in listed["质押"]["arguments"])
    assert events(read_auto(out)) == events(docs)


def test_duee_fin_a_trigger_not_in_the_text_is_refused(tmp_path):
    path = jsonl(tmp_path, {"text": FIN_TEXT, "event_list": [{"event_type": "回购", "trigger": "回购", "arguments": []}]})
    with pytest.raises(ValidationError, match=r"wild.jsonl:1: event 0 trigger: '回购' is not in the text"):
        read_auto(path)


def test_duee_1_with_positions_is_read_at_its_positions_even_where_a_nearer_occurrence_exists(tmp_path):
    first = FIN_TEXT.index("甲公司")
    record = fin_record(trigger_start_index=FIN_TEXT.index("质押", FIN_TEXT.index("质押") + 1))
    record["event_list"][0]["arguments"] = [{"role": "质押物所属公司", "argument": "甲公司", "argument_start_index": first}]
    [(_, _, _, args)] = events(read_auto(jsonl(tmp_path, record)))
    assert args == [("质押物所属公司", first, "甲公司")]


# --- spaCy's and Prodigy's JSON ---

def test_spacy_doc_to_json_ents_and_span_groups_arrive(tmp_path):
    # spaCy v3 Doc.to_json(): `ents`, span groups under `spans`, tokens without `ws`, `sents`, `cats`
    record = {"text": TEXT, "ents": [{"start": 0, "end": 3, "label": "ORG"}, {"start": 16, "end": 19, "label": "PER"}],
              "spans": {"sc": [{"start": 3, "end": 5, "label": "LOC", "kb_id": ""},
                               {"start": 0, "end": 3, "label": "ORG", "kb_id": ""}]},
              "sents": [{"start": 0, "end": len(TEXT)}], "cats": {"POLITICS": 1.0},
              "tokens": [{"id": i, "start": i, "end": i + 1, "pos": "X"} for i in range(len(TEXT))]}
    docs = read_auto(jsonl(tmp_path, record))
    assert sorted(entities(docs)) == sorted([("ORG", "新华社"), ("PER", "江泽民"), ("LOC", "北京")])
    assert docs[0].meta["cats"] == {"POLITICS": 1.0}


def test_prodigy_span_given_by_its_tokens_alone(tmp_path):
    tokens = [{"text": ch, "start": i, "end": i + 1, "id": i, "ws": False} for i, ch in enumerate(TEXT)]
    path = jsonl(tmp_path, {"text": TEXT, "tokens": tokens, "spans": [{"token_start": 16, "token_end": 18,
                                                                       "label": "PER"}], "answer": "accept"})
    assert entities(read_auto(path)) == [("PER", "江泽民")]


@pytest.mark.parametrize("content", [
    json.dumps([LABEL_STUDIO_TASK], ensure_ascii=False, indent=2),            # Label Studio's JSON export
    json.dumps([{"id": 0, "paragraphs": [{"raw": TEXT, "sentences": []}]}]),  # spaCy v2's training JSON
    json.dumps([DOCCANO_RECORD], ensure_ascii=False),                          # doccano's JSON, on one line
])
def test_a_json_array_file_is_refused_as_such_with_the_way_to_json_lines(tmp_path, content):
    path = tmp_path / "export.json"
    path.write_text(content, "utf-8")
    with pytest.raises(AnnotatorError, match=r"export.json:1: the file is one JSON array, not JSON lines") as caught:
        read_auto(path)
    assert "jq -c '.[]'" in caught.value.hint


def test_conll_comment_lines_are_no_tokens(tmp_path):
    # MultiCoNER's files: `# id … domain=zh` before each sentence, `token _ _ tag` lines; a `#` token keeps its tag
    path = tmp_path / "zh_dev.txt"
    path.write_text("# id 7b1c domain=zh\n北 _ _ B-LOC\n京 _ _ I-LOC\n# _ _ O\n\n# id 8c2d domain=zh\n"
                    "江 _ _ B-PER\n泽 _ _ I-PER\n民 _ _ I-PER\n\n", "utf-8")
    docs = read_auto(path)
    assert [d.text for d in docs] == ["北京#", "江泽民"]
    assert entities(docs) == [("LOC", "北京"), ("PER", "江泽民")]


@pytest.mark.parametrize("answer", ["reject", "ignore"])
def test_a_prodigy_reject_or_ignore_example_round_trips_with_its_spans_and_answer(tmp_path, answer):
    path = jsonl(tmp_path, {"text": TEXT, "spans": [{"start": 0, "end": 3, "label": "ORG"}], "answer": answer,
                            "_input_hash": 7})
    docs = read_auto(path)
    out = tmp_path / "back.jsonl"
    write_documents(docs, out, "spacy")
    record = json.loads(out.read_text("utf-8"))
    assert record["answer"] == answer and [(s["start"], s["end"], s["label"]) for s in record["spans"]] == [(0, 3, "ORG")]
    back = read_auto(out)
    assert [(s.state, s.label) for s in back[0].spans] == [(s.state, s.label) for s in docs[0].spans]


def test_a_prodigy_reject_example_reviewed_since_is_written_as_accepted(tmp_path):
    path = jsonl(tmp_path, {"text": TEXT, "spans": [{"start": 0, "end": 3, "label": "ORG"}], "answer": "reject"})
    [doc] = read_auto(path)
    reviewed = replace(doc, status=ReviewStatus.REVIEWED, spans=tuple(
        s.with_(state=SpanState.ACCEPTED, label="PER") if i == 0 else s for i, s in enumerate(doc.spans)))
    out = tmp_path / "back.jsonl"
    write_documents([reviewed], out, "spacy")
    record = json.loads(out.read_text("utf-8"))
    assert record["answer"] == "accept" and [s["label"] for s in record["spans"]] == ["PER"]


def test_an_export_whose_first_hundreds_of_documents_are_unannotated_is_told_by_the_annotated_ones(tmp_path):
    # doccano exports every document of a project, those nobody has labelled yet too (often the first ones)
    plain = [{"id": i, "text": f"第{i}篇。", "label": []} for i in range(300)]
    path = jsonl(tmp_path, *plain, {"id": 300, "text": TEXT, "label": [[0, 3, "ORG"]]})
    assert detect_format(path) == "doccano"
    assert entities(read_auto(path)) == [("ORG", "新华社")]


def test_conll_weibo_ner_characters_numbered_in_their_words(tmp_path):
    # Weibo NER (hltcoe/golden-horse): each character with its position in its word, `北0 京1 市2`
    path = tmp_path / "weiboNER_2nd_conll.dev"
    path.write_text("我0\tO\n在0\tO\n北0\tB-GPE.NAM\n京1\tI-GPE.NAM\n市2\tI-GPE.NAM\n见0\tO\n到1\tO\n"
                    "江0\tB-PER.NAM\n泽1\tI-PER.NAM\n民2\tI-PER.NAM\n\n", "utf-8")
    [doc] = read_documents(path, "conll", reviewed=True)
    assert doc.text == "我在北京市见到江泽民"
    assert entities([doc]) == [("GPE.NAM", "北京市"), ("PER.NAM", "江泽民")]
    assert [doc.text[a:b] for a, b in doc.tokens] == ["我", "在", "北京市", "见到", "江泽民"]


def test_conll_tokens_with_digits_that_do_not_count_on_are_kept_as_written(tmp_path):
    path = tmp_path / "g7.conll"
    path.write_text("G7\tB-ORG\n峰0\tO\n会2\tO\n\n", "utf-8")
    [doc] = read_documents(path, "conll", reviewed=True)
    assert doc.text == "G7峰0会2" and entities([doc]) == [("ORG", "G7")]


# --- every variant read comes back whole from an export in its format ---

def signature(docs: list[AnnotatedDocument]) -> list[tuple]:
    return [(d.text, sorted((s.label, d.text[s.start:s.end], s.start) for s in d.spans if s.kind == SpanKind.ENTITY))
            for d in docs] + [tuple(events(docs))]


def _variant_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    conll = tmp_path / "bilou.conll"
    conll.write_text("# id 1 domain=zh\n我 O\n在 O\n北 B-LOC\n京 L-LOC\n江 U-PER\n\n", "utf-8")
    weibo = tmp_path / "weibo.conll"
    weibo.write_text("北0\tB-GPE.NAM\n京1\tI-GPE.NAM\n见0\tO\n到1\tO\n\n", "utf-8")
    return {
        "doccano-data": (jsonl(tmp_path, {"id": 10, "data": TEXT, "label": [[0, 3, "ORG"]]}, name="d.jsonl"), "doccano"),
        "doccano-lists": (jsonl(tmp_path, {"doc_id": 1, "text": TEXT, "entities": [[16, 19, "PER"]]}, name="l.jsonl"),
                          "doccano"),
        "doc-to-json": (jsonl(tmp_path, {"text": TEXT, "ents": [{"start": 3, "end": 5, "label": "LOC"}],
                                         "spans": {"sc": [{"start": 0, "end": 3, "label": "ORG"}]}}, name="s.jsonl"),
                        "spacy"),
        "duee-fin": (jsonl(tmp_path, fin_record(), name="f.json"), "duee"),
        "conll-bilou": (conll, "conll"),
        "conll-weibo": (weibo, "conll"),
        "brat-bom": (brat(tmp_path, "\ufeff" + TEXT, shifted(BRAT_ANN, 1)), "brat"),
    }


@pytest.mark.parametrize("variant", ["doccano-data", "doccano-lists", "doc-to-json", "duee-fin", "conll-bilou",
                                     "conll-weibo", "brat-bom"])
def test_a_variant_read_round_trips_through_its_format(tmp_path, variant):
    path, fmt = _variant_files(tmp_path)[variant]
    docs = read_documents(path, fmt, reviewed=True)
    assert entities(docs) or events(docs)   # the variant was read with its annotations
    out = tmp_path / ("out" if fmt == "brat" else "out.txt")
    write_documents(docs, out, fmt)
    assert signature(read_documents(out, fmt, reviewed=True)) == signature(docs)


def test_duee_a_null_start_index_is_refused_not_placed(tmp_path):
    # DuEE-Fin has no start index at all; a null one is a damaged DuEE 1.0 record
    record = fin_record(trigger_start_index=None)
    with pytest.raises(ValidationError, match=r"wild.jsonl:1: event 0 trigger: start must be an integer, got None"):
        read_auto(jsonl(tmp_path, record))


def test_conll_a_space_character_of_a_character_file_is_kept_in_the_text(tmp_path):
    # CLUENER turned into character BIO: the space of `NBA 2K` is a line of its own, tagged
    path = tmp_path / "cluener_bio.txt"
    path.write_text("玩\tO\nN\tB-game\nB\tI-game\nA\tI-game\n \tI-game\n2\tI-game\nK\tI-game\n\n", "utf-8")
    [doc] = read_auto(path)
    assert doc.text == "玩NBA 2K" and entities([doc]) == [("game", "NBA 2K")]


def test_prodigy_span_fields_beyond_offsets_and_label_come_back(tmp_path):
    # ner.teach and ner.correct give each span its score, pattern, source, input_hash
    span = {"start": 0, "end": 3, "label": "ORG", "score": 0.87, "pattern": 4, "source": "zh_core_web_sm",
            "input_hash": 11}
    docs = read_auto(jsonl(tmp_path, {"text": TEXT, "spans": [span], "answer": "accept"}))
    out = tmp_path / "back.jsonl"
    write_documents(docs, out, "spacy")
    assert json.loads(out.read_text("utf-8"))["spans"] == [{**span, "text": "新华社"}]


def test_one_record_pretty_printed_over_many_lines_is_refused_as_such(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(DOCCANO_RECORD, ensure_ascii=False, indent=2), "utf-8")
    with pytest.raises(AnnotatorError, match=r"one.json:1: the file is one JSON object written over many lines"):
        read_auto(path)


def test_a_broken_json_line_is_still_named_as_such(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text('{"text": "新华社", "label": [[0, 3, "ORG"]],, }\n', "utf-8")
    with pytest.raises(AnnotatorError, match=r"broken.jsonl:1: not valid JSON"):
        read_auto(path)


def test_conll_a_first_column_that_numbers_the_lines_is_no_token(tmp_path):
    # MultiNERD and WikiNEuRal (Babelscape): `index<TAB>token<TAB>tag`, the index counting from 0 in each sentence
    path = tmp_path / "zh_test.tsv"
    path.write_text("0\t新华社\tB-ORG\n1\t北京\tB-LOC\n2\t电\tO\n\n0\t江泽民\tB-PER\n1\t讲话\tO\n\n", "utf-8")
    docs = read_documents(path, "conll", reviewed=True)
    assert [d.text for d in docs] == ["新华社北京电", "江泽民讲话"]
    assert entities(docs) == [("ORG", "新华社"), ("LOC", "北京"), ("PER", "江泽民")]


def test_conll_numbers_that_are_the_text_stay_tokens(tmp_path):
    path = tmp_path / "years.conll"
    path.write_text("1\tPOS\tO\n9\tPOS\tO\n9\tPOS\tB-TIME\n8\tPOS\tI-TIME\n\n", "utf-8")
    [doc] = read_documents(path, "conll", reviewed=True)
    assert doc.text == "1998" and entities([doc]) == [("TIME", "98")]


def test_doccano_labels_beside_an_empty_label_arrive(tmp_path):
    # doccano's first JSONL export names the field `labels`; a converter may leave an empty `label` beside it
    path = jsonl(tmp_path, {"id": 1, "text": TEXT, "label": [], "labels": [[0, 3, "ORG"]]})
    assert entities(read_auto(path)) == [("ORG", "新华社")]


def test_cluener_a_mention_without_positions_is_refused(tmp_path):
    path = jsonl(tmp_path, {"text": TEXT, "label": {"name": {"江泽民": []}}})
    with pytest.raises(ValidationError, match=r"wild.jsonl:1: name '江泽民': no positions"):
        read_documents(path, "cluener")


def test_brat_bionlp_a1_and_a2_are_read_as_one_ann(tmp_path):
    # BioNLP shared tasks split a document's standoff: .a1 the given entities, .a2 the triggers and events
    folder = tmp_path / "bionlp"
    folder.mkdir()
    (folder / "PMID-1.txt").write_text(TEXT, "utf-8")
    (folder / "PMID-1.a1").write_text("T1\tPER 16 19\t江泽民\n", "utf-8")
    (folder / "PMID-1.a2").write_text("T2\tSpeech 19 21\t发表\nE1\tSpeech:T2 Speaker:T1\n", "utf-8")
    docs = read_auto(folder)
    assert entities(docs) == [("PER", "江泽民")]
    assert events(docs) == [("Speech", 19, "发表", [("Speaker", 16, "江泽民")])]


def test_brat_a_bad_line_of_an_a2_is_named_in_the_a2(tmp_path):
    folder = tmp_path / "bionlp"
    folder.mkdir()
    (folder / "PMID-1.txt").write_text(TEXT, "utf-8")
    (folder / "PMID-1.a1").write_text("T1\tPER 16 19\t江泽民\n", "utf-8")
    (folder / "PMID-1.a2").write_text("T2\tSpeech 19 21\t发表\nE1\tSpeech:T2 Speaker:T9\n", "utf-8")
    with pytest.raises(ValidationError, match=r"PMID-1.a2:2: T9 is not a T line of this file"):
        read_auto(folder)


def test_native_keeps_a_news_category_under_tags_or_label_and_its_export_reads_back(tmp_path):
    """A category (`"tags": ["教育"]`, `"label": "教育"`) is about the whole document, not spans: native keeps it in
    the metadata and writes it back, so refusing it (as a field native does not read) broke native's own round trip."""
    record = {"text": TEXT, "entities": [{"start": 0, "end": 3, "label": "ORG"}], "tags": ["教育", "新闻"],
              "label": "教育"}
    (doc,) = read_documents(jsonl(tmp_path, record), "native", reviewed=True)
    assert [(s.start, s.end, s.label) for s in doc.spans] == [(0, 3, "ORG")]
    assert doc.meta["tags"] == ["教育", "新闻"] and doc.meta["label"] == "教育"
    out = tmp_path / "out.jsonl"
    write_documents([doc], out, "native")
    (again,) = read_documents(out, "native", reviewed=True)
    assert again.meta == doc.meta and [(s.start, s.end, s.label) for s in again.spans] == [(0, 3, "ORG")]
    with pytest.raises(ValidationError, match=r"label.*native does not read"):  # spans there are still refused
        read_documents(jsonl(tmp_path, {**record, "label": [[0, 3, "ORG"]]}), "native")


@pytest.mark.parametrize("bad", [None, "2", 2.5, True])
def test_duee_fin_a_trigger_placed_by_a_bad_argument_start_is_refused_by_line_not_a_traceback(tmp_path, bad):
    record = {"id": "1", "text": "昨天北京发生地震。", "event_list": [{"event_type": "灾害", "trigger": "地震", "arguments": [
        {"role": "地点", "argument": "北京", "argument_start_index": bad}]}]}
    with pytest.raises(ValidationError, match=r"wild.jsonl:1: event 0 argument 0: start must be an integer"):
        read_documents(jsonl(tmp_path, record), "duee")


@pytest.mark.parametrize("header", ["word label", "token\ttag", "字 标签", "id\ttoken\tner_tag"])
def test_conll_a_header_row_first_is_skipped_and_said(tmp_path, header):
    """A first line naming the columns (its last column no tag) was refused at line 1; it is passed over, noted."""
    numbered = header.count("\t") == 2
    rows = [("1", "北", "B-LOC"), ("2", "京", "I-LOC"), ("3", "好", "O")]
    lines = ["\t".join(r) if numbered else f"{r[1]} {r[2]}" for r in rows]
    path = tmp_path / "headed.txt"
    path.write_text(header + "\n" + "\n".join(lines) + "\n\n" + "\n".join(lines) + "\n", "utf-8")
    assert detect_format(path) == "conll"
    first, second = read_documents(path, "conll", reviewed=True)
    assert first.text == second.text == "北京好" and [(s.start, s.end, s.label) for s in first.spans] == [(0, 2, "LOC")]
    (note,) = first.meta["_extra"]["not_carried"]
    assert note.startswith("note: ") and repr(header)[1:-1] in note
    assert "_extra" not in second.meta  # said once, for the file


def test_conll_a_line_without_a_tag_after_the_first_is_still_refused_by_line(tmp_path):
    path = tmp_path / "bad.conll"
    path.write_text("北 B-LOC\n京 I-LOC\n\nword label\n好 O\n", "utf-8")
    with pytest.raises(ValidationError, match=r"bad.conll:4: tag 'label' is not O"):
        read_documents(path, "conll")
    path.write_text("word label\ntoken tag\n好 O\n", "utf-8")  # one header only
    with pytest.raises(ValidationError, match=r"bad.conll:2: tag .tag. is not O"):
        read_documents(path, "conll")
    for bad in ("张 X-PER", "张 B-"):  # a bad tag on the first line, not a header
        path.write_text(f"{bad}\n好 O\n", "utf-8")
        with pytest.raises(ValidationError, match=r"bad.conll:1: "):
            read_documents(path, "conll")


def test_brat_upper_case_suffixes_are_read_detected_and_zipped_alike(tmp_path):
    """`A.TXT` + `A.ANN` (a Windows tool's names) were found nowhere: not by the reader, detection or a zip."""
    import zipfile

    folder = tmp_path / "upper"
    folder.mkdir()
    (folder / "A.TXT").write_text(TEXT, "utf-8")
    (folder / "A.ANN").write_text(f"T1\tORG 0 3\t{TEXT[:3]}\n", "utf-8")
    (folder / "b.txt").write_text(TEXT, "utf-8")   # the other case in the same folder
    (folder / "b.Ann").write_text(f"T1\tORG 0 3\t{TEXT[:3]}\n", "utf-8")
    (folder / "c.TXT").write_text(TEXT, "utf-8")   # a text without annotations is a document too
    assert detect_format(folder) == "brat"
    docs = read_documents(folder, "brat", reviewed=True)
    assert [d.name for d in docs] == ["A", "b", "c"]
    assert [[(s.start, s.end, s.label) for s in d.spans] for d in docs] == [[(0, 3, "ORG")], [(0, 3, "ORG")], []]
    archive = tmp_path / "upper.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for child in sorted(folder.iterdir()):
            z.write(child, child.name)
    assert detect_format(archive) == "brat"
    assert [d.name for d in read_documents(archive, "brat", reviewed=True)] == ["A", "b", "c"]
    (folder / "A.TXT").unlink()
    with pytest.raises(AnnotatorError, match=r"A.txt is missing next to A.ANN"):
        read_documents(folder, "brat")
