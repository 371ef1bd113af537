"""Code-point offsets in every format, checked by decoding each file by hand (not with our readers).

The document holds 𠀀 (U+20000, two UTF-16 units) before and inside entities, and its text came from
CRLF lines: a UTF-16 or CRLF-counting writer would be off by one or two after the first line.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.formats import ExportOptions, read_documents, write_documents

from .conftest import astral_crlf_document

DOC = astral_crlf_document()
TEXT = DOC.text
WANT = {("ORG", "𠀀𠀀公司"), ("LOC", "北京"), ("PER", "张三"), ("LOC", "𠀀山"), ("LOC", "上海")}


def export(tmp: Path, fmt: str, name: str = "out.jsonl", **kw) -> Path:
    path = tmp / name
    write_documents([DOC], path, fmt, **kw)
    return path


def record(tmp: Path, fmt: str) -> dict:
    return json.loads(export(tmp, fmt).read_text(encoding="utf-8"))


def test_the_document_is_what_the_test_says():
    assert TEXT == "𠀀𠀀公司在北京成立\n张三说，𠀀山位于上海。\n"
    assert TEXT.index("上海") == 18 and len(TEXT.encode("utf-16-le")) // 2 == len(TEXT) + 3


def test_native_and_doccano_offsets_are_code_points(tmp_path):
    rec = record(tmp_path, "native")
    assert rec["text"] == TEXT
    assert {(e["label"], TEXT[e["start"]:e["end"]]) for e in rec["entities"]} == WANT
    assert all(e["text"] == TEXT[e["start"]:e["end"]] for e in rec["entities"])
    assert [18, 20, "LOC"] in record(tmp_path, "doccano")["label"]
    rel = record(tmp_path, "doccano-rel")
    assert {(e["label"], TEXT[e["start_offset"]:e["end_offset"]]) for e in rel["entities"]} >= WANT


def test_spacy_tokens_rebuild_the_text_and_spans_sit_on_them(tmp_path):
    rec = record(tmp_path, "spacy")
    toks = rec["tokens"]
    assert "".join(t["text"] + (" " if t["ws"] else "") for t in toks) == TEXT
    assert [t["id"] for t in toks] == list(range(len(toks)))
    for span in rec["spans"]:
        assert toks[span["token_start"]]["start"] == span["start"]
        assert toks[span["token_end"]]["end"] == span["end"]          # token_end is inclusive
    assert {(s["label"], TEXT[s["start"]:s["end"]]) for s in rec["spans"]} == WANT


def test_cluener_ends_are_inclusive_code_points(tmp_path):
    rec = record(tmp_path, "cluener")
    assert rec["label"]["ORG"] == {"𠀀𠀀公司": [[0, 3]]}
    assert rec["label"]["LOC"]["上海"] == [[18, 19]]
    got = {(label, TEXT[s:e + 1]) for label, ms in rec["label"].items() for m in ms.values() for s, e in m}
    assert got == WANT


def test_duee_start_indexes_are_code_points(tmp_path):
    ev = record(tmp_path, "duee")["event_list"][0]
    assert (ev["trigger"], ev["trigger_start_index"]) == ("成立", 7)
    for arg in ev["arguments"]:
        start = arg["argument_start_index"]
        assert TEXT[start:start + len(arg["argument"])] == arg["argument"]


def test_conll_lines_are_whole_code_points_in_both_units(tmp_path):
    by_char = export(tmp_path, "conll", "c.conll", options=ExportOptions(unit="char", scheme="bmes")).read_text("utf-8")
    assert "𠀀\tB-ORG\n𠀀\tM-ORG\n公\tM-ORG\n司\tE-ORG\n" in by_char
    assert "𠀀\tB-LOC\n山\tE-LOC\n" in by_char
    by_word = export(tmp_path, "conll", "w.conll", options=ExportOptions()).read_text("utf-8")
    assert "𠀀\tB-ORG\n𠀀\tI-ORG\n公司\tI-ORG\n在\tO\n北京\tB-LOC\n" in by_word
    assert by_word.split("\n\n")[2].startswith("张三\tB-PER\n说\tO\n")   # one sentence per text line


def test_brat_offsets_are_code_points_and_the_txt_is_the_lf_text(tmp_path):
    folder = export(tmp_path, "brat", "brat")
    assert (folder / "astral.txt").read_bytes() == TEXT.encode("utf-8")
    lines = (folder / "astral.ann").read_text("utf-8").splitlines()
    assert "T4\tLOC 14 16\t𠀀山" in lines and "T5\tLOC 18 20\t上海" in lines
    for line in lines:
        if line.startswith("T"):
            _, typed, words = line.split("\t")
            _, start, end = typed.split(" ")
            assert TEXT[int(start):int(end)] == words


def test_brat_txt_saved_with_crlf_is_read_with_offsets_counting_the_cr(tmp_path):
    folder = export(tmp_path, "brat", "brat")
    crlf = TEXT.replace("\n", "\r\n")
    (folder / "astral.txt").write_bytes(crlf.encode("utf-8"))
    # brat counts the CR: 上海 sits one code point later in the CRLF file.
    ann = (folder / "astral.ann").read_text("utf-8").replace("T5\tLOC 18 20", "T5\tLOC 19 21")
    ann = ann.replace("T3\tPER 10 12", "T3\tPER 11 13").replace("T4\tLOC 14 16", "T4\tLOC 15 17")
    (folder / "astral.ann").write_text(ann, encoding="utf-8")
    doc = read_documents(folder, "brat")[0]
    assert doc.text == TEXT
    assert {(s.label, TEXT[s.start:s.end]) for s in doc.entities(with_suggestions=True)} == WANT

