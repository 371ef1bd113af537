"""Hand-broken files of every format are caught with the line named; import is all-or-nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError, ReadError, ValidationError
from annotator.core.formats import ExportOptions, ReadOptions, read_documents, validate, write_documents
from annotator.core.schema import EntityLabel, Schema

from .conftest import astral_crlf_document, seed_document

DOCS = [seed_document(), astral_crlf_document()]


def good_file(tmp: Path, fmt: str, name: str, **kw) -> Path:
    path = tmp / name
    write_documents(DOCS, path, fmt, ExportOptions(**kw))
    assert validate(path, fmt) == []
    return path


def break_line(path: Path, number: int, change: Callable[[str], str]) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    changed = change(lines[number - 1])
    assert changed != lines[number - 1], "the breakage must change the line"
    lines[number - 1] = changed
    path.write_text("\n".join(lines), encoding="utf-8")


def expect(path: Path, fmt: str, line: int, needle: str, *, where: Path | None = None, **kw) -> None:
    options = ReadOptions(**kw)
    problems = validate(path, fmt, options)
    assert problems, "validate found nothing"
    first = problems[0]
    assert (first.path, first.line) == (str(where or path), line), problems
    assert needle in first.reason, problems
    with pytest.raises(AnnotatorError) as info:
        read_documents(path, fmt, options)
    assert info.value.line == line and needle in str(info.value)


JSONL_BREAKS = [
    ("native", 2, lambda s: s.replace('"start": 18, "end": 20', '"start": 18, "end": 99'), "outside the text"),
    ("native", 2, lambda s: s.replace('"start": 18, "end": 20', '"start": 17, "end": 19'), "covers"),
    ("native", 1, lambda s: s[:-1], "not valid JSON"),
    ("doccano", 2, lambda s: s.replace("[18, 20, \"LOC\"]", "[18, 80, \"LOC\"]"), "outside the text"),
    ("doccano", 2, lambda s: s.replace('"label": [', '"label": [[1, 2], '), "is not [start, end, label]"),
    ("doccano-rel", 2, lambda s: s.replace('"to_id": 1', '"to_id": 42'), "does not link two entities"),
    ("spacy", 2, lambda s: s.replace('"token_start": 13, "token_end": 13', '"token_start": 13, "token_end": 14'), "do not cover"),
    ("spacy", 2, lambda s: s.replace('"text": "上海", "label"', '"text": "北京", "label"'), "covers '上海'"),
    ("duee", 2, lambda s: s.replace('"trigger_start_index": 7', '"trigger_start_index": 8'), "not '成立'"),
    # Found by the property tests: a number where a list belongs raised a bare TypeError.
    ("spacy", 2, lambda s: s[:s.index('"spans": [')] + '"spans": 5, "x": [' + s[s.index('"spans": [') + 10:],
     "spans must be a list"),
    ("duee", 2, lambda s: s.replace('"arguments": [', '"arguments": 5, "x": [', 1), "arguments must be a list"),
    ("cluener", 2, lambda s: s.replace("[[18, 19]]", "[[18, 20]]"), "inclusive"),
    # A number written as a string (or a boolean) is named as such, not as "outside the text".
    ("duee", 2, lambda s: s.replace('"trigger_start_index": 7', '"trigger_start_index": "7"'),
     "start must be an integer, got '7'"),
    ("spacy", 2, lambda s: s.replace('"start": 1, "end": 2, "id": 1', '"start": true, "end": 2, "id": 1'),
     "token 1: start and end must be integers, got True, 2"),
]


@pytest.mark.parametrize(("fmt", "line", "change", "needle"), JSONL_BREAKS,
                         ids=[f"{b[0]}-{b[3]}" for b in JSONL_BREAKS])
def test_a_broken_jsonl_record_is_named_by_its_line(tmp_path, fmt, line, change, needle):
    path = good_file(tmp_path, fmt, "x.jsonl")
    break_line(path, line, change)
    expect(path, fmt, line, needle)


def test_an_unknown_label_is_named_by_its_line_when_a_schema_is_given(tmp_path):
    schema = Schema(name="s", labels=tuple(EntityLabel(k, k) for k in ("PER", "ORG", "LOC", "TIME")))
    for fmt in ("native", "doccano", "spacy", "cluener"):
        path = good_file(tmp_path, fmt, f"{fmt}.jsonl")
        expect(path, fmt, 1, "unknown label 'MISC'", schema=schema)   # the seed has a MISC entity


def conll_line(path: Path, starts: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").split("\n"), 1) if line.startswith(starts))


@pytest.mark.parametrize(("what", "change", "needle"), [
    ("张三\tB-PER", lambda s: "张三 B-PER extra\tI-ORG", "holds whitespace"),
    ("张三\tB-PER", lambda s: "张三\tB-PER\tO", "3 columns where"),
    ("张三\tB-PER", lambda s: "张三\tM-ORG", "continues a ORG span"),
    ("张三\tB-PER", lambda s: "张三", "expected token<TAB>tag"),
    ("张三\tB-PER", lambda s: "张三\tX-PER", "is not O or"),
])
def test_a_broken_conll_line_is_named(tmp_path, what, change, needle):
    path = good_file(tmp_path, "conll", "x.conll")
    number = conll_line(path, what)
    break_line(path, number, change)
    expect(path, "conll", number, needle)


def test_a_broken_brat_ann_is_named_by_file_and_line(tmp_path):
    folder = good_file(tmp_path, "brat", "brat")
    ann = folder / "astral.ann"
    break_line(ann, 5, lambda s: s.replace("上海", "北京"))
    expect(folder, "brat", 5, "is not the text at those offsets", where=ann)
    break_line(ann, 5, lambda s: s.replace("北京", "上海"))
    number = len(ann.read_text("utf-8").splitlines())
    break_line(ann, number, lambda s: s + " Place:T99")
    expect(folder, "brat", number, "T99 is not a T line", where=ann)


def test_a_brat_folder_missing_a_txt_is_refused(tmp_path):
    folder = good_file(tmp_path, "brat", "brat")
    (folder / "astral.txt").unlink()
    assert any("astral.txt is missing" in p.reason for p in validate(folder, "brat"))
    with pytest.raises(ReadError, match="astral.txt is missing"):
        read_documents(folder, "brat")


def test_validate_reports_every_bad_record_not_only_the_first(tmp_path):
    path = good_file(tmp_path, "native", "x.jsonl")
    text = path.read_text("utf-8")
    path.write_text(text + "not json\n" + text.replace('"start": 18, "end": 20', '"start": 18, "end": 99'),
                    encoding="utf-8")
    problems = validate(path, "native")
    assert [p.line for p in problems] == [3, 5]
    assert "not valid JSON" in problems[0].reason and "outside the text" in problems[1].reason


def test_import_is_all_or_nothing_per_file(tmp_path):
    path = good_file(tmp_path, "doccano", "x.jsonl")
    break_line(path, 2, lambda s: s.replace("[18, 20, \"LOC\"]", "[18, 80, \"LOC\"]"))
    got = None
    with pytest.raises(ValidationError):
        got = read_documents(path, "doccano")
    assert got is None         # line 1 was fine, but nothing is returned from a file with a bad line


def test_an_empty_or_non_utf8_file_is_a_problem(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert [p.reason for p in validate(empty, "native")] == ["the file holds no documents"]
    gbk = tmp_path / "gbk.jsonl"
    gbk.write_bytes('{"text": "北京"}\n'.encode("gbk"))
    assert validate(gbk, "doccano")[0].line == 1 and "not UTF-8" in validate(gbk, "doccano")[0].reason
    assert "iconv -f GBK -t UTF-8" in validate(gbk, "doccano")[0].reason  # and how to convert it


def test_a_damaged_line_after_utf8_chinese_is_not_called_gbk(tmp_path):
    # The lines before it are UTF-8 Chinese: converting the file from GBK would ruin them.
    path = tmp_path / "damaged.jsonl"
    path.write_bytes('{"text": "北京"}\n'.encode() + '{"text": "上海"}\n'.encode()[:-4] + b"\n")
    problem = validate(path, "doccano")[0]
    assert problem.line == 2 and "not UTF-8" in problem.reason and "damaged" in problem.reason
    assert "GBK" not in problem.reason


@pytest.mark.parametrize("codec, name", [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")])
def test_a_utf16_or_utf32_file_is_named_as_such(tmp_path, codec, name):
    # Windows tools (PowerShell's Out-File, Notepad's "Unicode") write JSON lines as UTF-16 with a BOM.
    path = tmp_path / "wide export.jsonl"  # (a space: the command to convert it quotes the path)
    data = '{"text": "北京"}\n'.encode(codec)
    path.write_bytes(data if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))
                     else b"\xfe\xff" + data)
    problem = validate(path, "doccano")[0]
    assert problem.line == 1
    assert f"the file is {name}" in problem.reason
    assert f"iconv -f {name} -t UTF-8 '{path}' > new.jsonl" in problem.reason


def test_a_part_of_a_json_lines_file_reads_only_its_lines(tmp_path):
    # A worker reading lines [2, 4) of a large file neither parses nor checks the others (their part does).
    from annotator.core.formats.fileio import json_lines

    path = tmp_path / "part.jsonl"
    path.write_bytes(b'not json \xff\n{"text": "a"}\n\n{"text": "b"}\n{"text": \n')
    assert list(json_lines(path, lines=(2, 5))) == [(2, {"text": "a"}), (4, {"text": "b"})]
    with pytest.raises(ReadError, match="not UTF-8"):
        list(json_lines(path))  # the whole file: its first line is refused
