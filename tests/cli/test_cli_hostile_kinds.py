"""Kinds of hostile input, generated for every import format and every other command that reads a file.

Each kind is a file made here (nothing is a committed fixture). The CLI runs in a child process under a
memory cap and a time bound; a refused file must exit 2 with a message naming the file (and its line where
it has lines) and the problem in words, never a traceback, and leave the project as it was (one reviewed
document, compared byte for byte). A legal kind must import faithfully: every span's text in an export is
the text at its offsets.

Many files of one format go to one `import` (each file is all or nothing, and each refused file is named on
its own line), so a few child processes check a hundred kinds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

MAIN = "from annotator.cli import main; main()"
BOUND_S = 20                     # every command answers within this
MEMORY_CAP = 2 * 1024 ** 3       # address space of the child (RLIMIT_AS)
TEXT = "新华社北京电 张三在上海会见了李四。"
REVIEWED = '{"text": "王五在北京工作。", "entities": [{"start": 0, "end": 2, "label": "PER"}]}\n'


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def cli(*args: object, env: dict[str, str] | None = None, bound: float = BOUND_S) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process with its memory capped; it must finish within `bound` seconds."""
    began = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", MAIN, *map(str, args)], capture_output=True, text=True,
                          timeout=bound, preexec_fn=_cap_memory,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **(env or {})})
    assert time.monotonic() - began < bound
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project holding one reviewed document, made once and copied for each test."""
    folder = tmp_path_factory.mktemp("template")
    path, gold = folder / "p.annot", folder / "gold.jsonl"
    gold.write_text(REVIEWED, encoding="utf-8")
    assert cli("new", path).returncode == 0
    assert cli("import", path, gold, "--reviewed").returncode == 0
    return path


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "p.annot"
    shutil.copyfile(template, path)
    return path


def refused_each(proc: subprocess.CompletedProcess[str], expected: dict[str, tuple[int | None, str]]) -> None:
    """Exit 2, and for each file an error line naming it (with `:line` when given) whose words match `words`."""
    assert proc.returncode == 2, proc.stdout + proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    wrong = []
    for name, (line, words) in expected.items():
        where = f"error: {name}:{line}: " if line is not None else f"error: {name}: "
        found = [e for e in errors if e.startswith(where)]
        if not found or not any(re.search(words, e) for e in found):
            wrong.append(f"{name}: wanted {where!r} and {words!r}; got {found or 'nothing'}")
    assert not wrong, "\n".join(wrong) + "\n--- stderr:\n" + proc.stderr


def exported(project: Path, tmp_path: Path) -> list[dict[str, object]]:
    """Every document of the project as native records (suggestions too)."""
    out = tmp_path / "export.jsonl"
    proc = cli("export", project, "-o", out, "--status", "all", "--with-suggestions")
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def faithful(records: list[dict[str, object]]) -> None:
    """Every entity, trigger and argument of an export has the text at its offsets."""
    for rec in records:
        text = rec["text"]
        assert isinstance(text, str)
        for ent in rec["entities"]:  # type: ignore[attr-defined]
            assert text[ent["start"]:ent["end"]] == ent["text"]
        for ev in rec["events"]:  # type: ignore[attr-defined]
            for part in ([ev["trigger"]] if ev["trigger"] else []) + ev["arguments"]:
                assert text[part["start"]:part["end"]] == part["text"]


# -- JSON-lines records of each format, with a hostile value put in one place --------------------------------
# Values are JSON text, so that NaN, Infinity, 10**30 and "\ud800" escapes reach the reader as written.
def js(value: object) -> str:
    """JSON as our writers make it: UTF-8 characters as they are, not \\u escapes."""
    return json.dumps(value, ensure_ascii=False)


START, END = str(TEXT.index("张三")), str(TEXT.index("张三") + 2)
MEET = str(TEXT.index("会见"))
LABEL = '"PER"'
EVENT = '"Contact:Meet"'


def native(text: str = js(TEXT), start: str = START, end: str = END, label: str = LABEL) -> str:
    return f'{{"text": {text}, "entities": [{{"start": {start}, "end": {end}, "label": {label}}}]}}'


def doccano(text: str = js(TEXT), start: str = START, end: str = END, label: str = LABEL) -> str:
    return f'{{"text": {text}, "label": [[{start}, {end}, {label}]]}}'


def cluener(text: str = js(TEXT), start: str = START, end: str = END, label: str = LABEL) -> str:
    # CLUENER's end is inclusive: a string end stays a string, a number is written one less
    last = str(int(end) - 1) if end.lstrip("-").isdigit() else end
    return f'{{"text": {text}, "label": {{{label}: {{"张三": [[{start}, {last}]]}}}}}}'


def spacy(text: str = js(TEXT), start: str = START, end: str = END, label: str = LABEL) -> str:
    return f'{{"text": {text}, "spans": [{{"start": {start}, "end": {end}, "label": {label}}}]}}'


def duee(text: str = js(TEXT), start: str = MEET, end: str = END, label: str = EVENT) -> str:
    # DuEE gives a start and the words; `end` is not used, `label` is the event type
    return (f'{{"text": {text}, "event_list": [{{"event_type": {label}, "trigger": "会见", '
            f'"trigger_start_index": {start}, "arguments": []}}]}}')


RECORDS: dict[str, Callable[..., str]] = {"native": native, "doccano": doccano, "cluener": cluener,
                                          "spacy": spacy, "duee": duee}

# (kind, how the record is spoilt, the error's words as a regex)
OFFSET = r"integer|not a range|is not \[start, end\]"
OUTSIDE = r"outside the text|not a range"
RECORD_KINDS: list[tuple[str, dict[str, str], str]] = [
    ("text-number", {"text": "12"}, "text must be a string, not a number"),
    ("text-list", {"text": '["上海"]'}, "text must be a string, not a list"),
    ("text-object", {"text": '{"a": 1}'}, "text must be a string, not an object"),
    ("text-null", {"text": "null"}, "has no text"),
    ("text-empty", {"text": '""'}, "has no text"),
    ("text-blank", {"text": '"   \\n\\t "'}, "blank"),
    ("text-lone-surrogate", {"text": '"新华社北京电 张三\\ud800上海会见了李四。"'}, "lone UTF-16 surrogate"),
    ("text-low-surrogate", {"text": '"\\udc00新华社北京电 张三在上海会见了李四。"'}, "lone UTF-16 surrogate"),
    ("text-nul", {"text": '"新华社北京电 张三\\u0000上海会见了李四。"'}, "NUL"),
    ("start-float", {"start": f"{START}.0"}, OFFSET),
    ("start-exponent", {"start": f"{START}e0"}, OFFSET),
    ("start-string", {"start": f'"{START}"'}, OFFSET),
    ("start-true", {"start": "true"}, OFFSET),
    ("start-false", {"start": "false"}, OFFSET),
    ("start-null", {"start": "null"}, OFFSET),
    ("start-list", {"start": f"[{START}]"}, OFFSET),
    ("start-nan", {"start": "NaN"}, OFFSET),
    ("start-infinity", {"start": "Infinity"}, OFFSET),
    ("start-minus-infinity", {"start": "-Infinity"}, OFFSET),
    ("start-huge", {"start": str(10 ** 30)}, OUTSIDE),
    ("start-negative", {"start": "-1"}, OUTSIDE),
    ("start-thousands-of-digits", {"start": "9" * 5000}, "not usable JSON"),
    ("end-huge", {"end": str(10 ** 30)}, OUTSIDE),
    ("end-past-text", {"end": "999"}, OUTSIDE),
    ("start-after-end", {"start": END, "end": START}, OUTSIDE),
    ("zero-length", {"start": START, "end": START}, OUTSIDE),
    ("label-list", {"label": '["PER"]'}, r"(label|event type) \['PER'\] is not a non-empty string|not valid JSON"),
    ("label-number", {"label": "7"}, "is not a non-empty string|not valid JSON"),
    ("label-null", {"label": "null"}, "is not a non-empty string|not valid JSON"),
    ("label-empty", {"label": '""'}, "'' is not a non-empty string"),
    ("label-blank", {"label": '"  "'}, "empty or blank"),
    ("label-control", {"label": '"PER\\u001b[31m"'}, r"'PER\\x1b\[31m': a key cannot hold control characters"),
    ("label-line-break", {"label": '"PER\\nLOC"'}, "a key cannot hold control characters or line breaks"),
    ("label-10k", {"label": json.dumps("P" * 10_000)}, "longer than 200 characters"),
    ("label-unknown", {"label": '"NOPE"'}, "lacks (label|event type)"),
]
# DuEE gives a trigger by its start and its words: the end is not read, the label is the event type
NOT_READ = {("duee", kind) for kind in ("end-huge", "end-past-text", "zero-length")}
WORDS = {("duee", "start-after-end"): f"the text at {END} is"}


@pytest.mark.parametrize("detected", [False, True], ids=["given", "detected"])
@pytest.mark.parametrize("fmt", list(RECORDS))
def test_every_spoilt_record_is_refused_naming_file_line_and_problem(project, tmp_path, fmt, detected):
    folder = tmp_path / fmt
    folder.mkdir()
    expected: dict[str, tuple[int | None, str]] = {}
    files = []
    for kind, spoil, words in RECORD_KINDS:
        if (fmt, kind) in NOT_READ:
            continue
        path = folder / f"{kind}.jsonl"
        # a good record first: the bad one is named by its line, and the good one must not be imported
        good = RECORDS[fmt](text=js(f"{TEXT}{kind}"))
        path.write_text(good + "\n" + RECORDS[fmt](**spoil) + "\n", encoding="utf-8")
        files.append(path)
        # an unknown label is refused for the whole file, naming its first line
        line = None if kind == "label-unknown" else 2
        expected[str(path)] = (line, WORDS.get((fmt, kind), words))
    before = digest(project)
    proc = cli("import", project, *files, "--no-prelabel", *([] if detected else ["--format", fmt]))
    refused_each(proc, expected)
    assert "imported 0 document(s)" in proc.stdout
    assert digest(project) == before


def test_the_good_records_of_the_generator_import_faithfully(project, tmp_path):
    """The records the kinds spoil are legal as they stand: each format imports them with the spans at their text."""
    files = []
    for fmt, make in RECORDS.items():
        path = tmp_path / f"{fmt}.jsonl"
        path.write_text(make(text=js(TEXT + fmt)) + "\n", encoding="utf-8")
        files.append(path)
    proc = cli("import", project, *files, "--no-prelabel")
    assert proc.returncode == 0, proc.stderr
    records = exported(project, tmp_path)
    faithful(records)
    spans = {(r["text"][len(TEXT):], e["text"]) for r in records for e in r["entities"]}
    triggers = {(r["text"][len(TEXT):], ev["trigger"]["text"]) for r in records for ev in r["events"]}
    assert spans == {(f, "张三") for f in RECORDS if f != "duee"} | {("", "王五")}
    assert triggers == {("duee", "会见")}


# -- whole lines and files of JSON lines ---------------------------------------------------------------------
GOOD = native()
LINE_KINDS: dict[str, tuple[bytes, int | None, str]] = {
    # name: (content, line named or None, words)
    "array": (f"{GOOD}\n[1, 2]\n".encode(), 2, "must be a JSON object, not list"),
    "string": (f'{GOOD}\n"上海"\n'.encode(), 2, "must be a JSON object, not str"),
    "number": (f"{GOOD}\n3\n".encode(), 2, "must be a JSON object, not int"),
    "null": (f"{GOOD}\nnull\n".encode(), 2, "must be a JSON object, not NoneType"),
    "true": (f"{GOOD}\ntrue\n".encode(), 2, "must be a JSON object, not bool"),
    "deep-record": (f"{GOOD}\n{'[' * 100_000}{']' * 100_000}\n".encode(), 2, "nested too deeply"),
    "deep-entities": (('{"text": "上海", "entities": ' + "[" * 100_000 + "]" * 100_000 + "}\n").encode(), 1,
                      "nested too deeply"),
    "cut-off": (f"{GOOD}\n{GOOD[:40]}\n".encode(), 2, "not valid JSON"),
    "bom-in-the-middle": (f"{GOOD}\n\ufeff{GOOD}\n".encode(), 2, "BOM"),
    "gbk-line-after-utf8": (f"{GOOD}\n".encode() + native(text='"北京电"').encode("gbk") + b"\n", 2,
                            "not UTF-8 .*though the lines before it are"),
    "gbk-file": (f"{GOOD}\n".encode("gbk"), 1, "not UTF-8 .*iconv -f GBK"),
    "utf16-file": (f"{GOOD}\n".encode("utf-16"), 1, "the file is UTF-16"),
    "nul-bytes": (f"{GOOD}\n".encode() + b'{"text": "\x00"}\n', 2, "not valid JSON"),
    "empty": (b"", None, "holds no documents"),
    "only-whitespace": (b" \n\t\n \r\n\n", None, "holds no documents"),
    "entities-an-object": (f'{{"text": "{TEXT}", "entities": {{"start": 7}}}}\n'.encode(), 1, "fit no format"),
    "entities-a-string": (f'{{"text": "{TEXT}", "entities": "PER"}}\n'.encode(), 1, "fit no format"),
    "cluener-label-and-native-entities": (json.dumps({"text": TEXT, "label": {"name": {"张三": [[7, 8]]}},
        "entities": [{"start": 10, "end": 12, "label": "LOC"}]}).encode() + b"\n", 1, "fit no format"),
    "events-an-object": (f'{{"text": "{TEXT}", "events": {{"type": "x"}}}}\n'.encode(), 1, "fit no format"),
    "arguments-a-string": (json.dumps({"text": TEXT, "events": [{"type": "Contact:Meet", "trigger": {
        "start": 12, "end": 14}, "arguments": "x"}]}).encode() + b"\n", 1, "arguments must be a list"),
    "argument-of-no-entity": (json.dumps({"text": TEXT, "events": [{"type": "Contact:Meet", "trigger": {
        "start": 12, "end": 14}, "arguments": [{"role": "Entity", "entity": 99}]}]}).encode() + b"\n", 1,
        "entity 99 is not an entity id of this record"),
    "role-control": (json.dumps({"text": TEXT, "events": [{"type": "Contact:Meet", "trigger": {
        "start": 12, "end": 14}, "arguments": [{"role": "R\x07", "start": 7, "end": 9}]}]}).encode() + b"\n", 1,
        "role 'R\\\\x07': a key cannot hold control characters"),
    "tokens-false-true": (json.dumps({"text": TEXT, "tokens": [{"start": False, "end": True}]}).encode() + b"\n",
                          1, "offsets must be integers"),
    "tokens-past-text": (json.dumps({"text": TEXT, "tokens": [{"start": 0, "end": 100}]}).encode() + b"\n", 1,
                         "outside the text"),
    "more-tokens-than-characters": (json.dumps({"text": "上海", "tokens": ["上"] * 1000}).encode() + b"\n", 1,
                                    "1,000 tokens for a text of 2 characters"),
    "score-nan": (f'{{"text": "{TEXT}", "entities": [{{"start": 7, "end": 9, "label": "PER", "score": NaN}}]}}\n'
                  .encode(), 1, "score must be a finite number"),
    "score-10**30": (f'{{"text": "{TEXT}", "entities": [{{"start": 7, "end": 9, "label": "PER", "score": '
                     f'{10 ** 30}}}]}}\n'.encode(), 1, "score must be a finite number of at most 64 bits"),
    "meta-a-list": (json.dumps({"text": TEXT, "meta": [1]}).encode() + b"\n", 1, "meta must be an object"),
    "status-unknown": (json.dumps({"text": TEXT, "status": "done"}).encode() + b"\n", 1, "unknown status 'done'"),
    "state-a-list": (json.dumps({"text": TEXT, "entities": [{"start": 7, "end": 9, "label": "PER", "state": []}]})
                     .encode() + b"\n", 1, r"unknown state \[\]"),
    "relation-id-a-list": (json.dumps({"text": TEXT, "entities": [{"id": [1], "label": "PER", "start_offset": 7,
                                                                    "end_offset": 9}], "relations": []})
                           .encode() + b"\n", 1, "is not an object with a unique id"),
}


def test_spoilt_lines_and_files_are_refused_naming_file_and_line(project, tmp_path):
    files, expected = [], {}
    for name, (content, line, words) in LINE_KINDS.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_bytes(content)
        files.append(path)
        expected[str(path)] = (line, words)
    before = digest(project)
    proc = cli("import", project, *files, "--no-prelabel")
    refused_each(proc, expected)
    assert "imported 0 document(s)" in proc.stdout
    assert digest(project) == before


def test_every_reading_command_refuses_a_spoilt_file_without_a_traceback(project, tmp_path):
    """validate, eval (entities and events) and merge read files with the same readers: each names the line."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text(GOOD + "\n" + native(start="NaN") + "\n", encoding="utf-8")
    proc = cli("validate", bad)
    assert proc.returncode == 2 and f"{bad}:2: entity 0: offsets must be integers" in proc.stdout
    for args in (("eval", "--gold", bad), ("eval", "--events", "--gold", bad),
                 ("merge", project, bad, "--annotator", "ann1")):
        refused_each(cli(*args), {str(bad): (2, "offsets must be integers")})
    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    refused_each(cli("eval", "--gold", deep), {str(deep): (1, "nested too deeply")})
    events = tmp_path / "events.jsonl"
    events.write_text(json.dumps({"text": TEXT, "events": [{"type": "Contact:Meet", "trigger": {
        "start": 12, "end": 14}, "arguments": [{"role": "", "start": 7, "end": 9}]}]}) + "\n", encoding="utf-8")
    refused_each(cli("eval", "--events", "--gold", events), {str(events): (1, "role must be a non-empty string")})


# -- brat collections and CoNLL files -------------------------------------------------------------------------
BRAT_TEXT = "张三在上海会见了李四。\n"
BRAT_KINDS: dict[str, tuple[str, str | None, int | None, str]] = {
    # name: (.ann, .txt or None, line of the .ann named (None: the .txt), words)
    "id-not-brat": ("X1\tPER 0 2\t张三\n", BRAT_TEXT, 1, "'X' is not a brat annotation line"),
    "id-without-number": ("T\tPER 0 2\t张三\n", BRAT_TEXT, 1, "'T' is not a T or E id"),
    "id-with-letters": ("T1a\tPER 0 2\t张三\n", BRAT_TEXT, 1, "'T1a' is not a T or E id"),
    "duplicate-id": ("T1\tPER 0 2\t张三\nT1\tLOC 3 5\t上海\n", BRAT_TEXT, 2, "malformed or duplicate T1 line"),
    "discontinuous": ("T1\tPER 0 2;3 5\t张三 上海\n", BRAT_TEXT, 1, "discontinuous spans are not supported"),
    "trigger-missing": ("T1\tPER 0 2\t张三\nE1\tContact-Meet:T9 Entity:T1\n", BRAT_TEXT, 2, "trigger T9 is not a T line"),
    "argument-missing": ("T1\tContact-Meet 5 7\t会见\nE1\tContact-Meet:T1 Entity:T7\n", BRAT_TEXT, 2,
                         "T7 is not a T line"),
    "offset-of-5000-digits": ("T1\tPER 0 " + "9" * 5000 + "\t张三\n", BRAT_TEXT, 1, "expected T<n><TAB>TYPE START END"),
    "arabic-indic-digits": ("T1\tPER ٠ ٢\t张三\n", BRAT_TEXT, 1, "expected T<n><TAB>TYPE START END"),
    "negative-offset": ("T1\tPER -1 2\t张三\n", BRAT_TEXT, 1, "expected T<n><TAB>TYPE START END"),
    "start-after-end": ("T1\tPER 2 0\t张三\n", BRAT_TEXT, 1, r"span \[2, 0\) is outside the text"),
    "zero-length": ("T1\tPER 2 2\t\n", BRAT_TEXT, 1, r"span \[2, 2\) is outside the text"),
    "past-the-text": ("T1\tPER 0 99\t张三\n", BRAT_TEXT, 1, "outside the text"),
    "wrong-text-field": ("T1\tPER 0 2\t李四\n", BRAT_TEXT, 1, "is not the text at those offsets"),
    "type-empty": ("T1\t 0 2\t张三\n", BRAT_TEXT, 1, "label '' is not a non-empty string"),
    "type-control": ("T1\tPE\x1bR 0 2\t张三\n", BRAT_TEXT, 1, "a key cannot hold control characters"),
    "role-control": ("T1\tContact-Meet 5 7\t会见\nT2\tPER 0 2\t张三\nE1\tContact-Meet:T1 En\x07tity:T2\n",
                     BRAT_TEXT, 3, "a key cannot hold control characters"),
    "ann-in-gbk": ("T1\tPER 0 2\t张三\n", BRAT_TEXT, None, "not UTF-8 \\(byte 11: "),
    # a .txt that is not UTF-8 was said of the .ann beside it (the import fuzz's byte mutations of a brat zip)
    "txt-in-gbk": ("T1\tPER 0 2\t张三\n", BRAT_TEXT, None, "not UTF-8 \\(byte 0: "),
    "no-txt": ("T1\tPER 0 2\t张三\n", None, None, "a.txt is missing next to a.ann"),
    "txt-with-nul": ("T1\tPER 0 2\t张三\n", "张三\x00在上海。\n", None, "NUL"),
    "txt-empty": ("", "", None, "has no text"),
}


def test_spoilt_brat_collections_are_refused_naming_the_ann_file_and_line(project, tmp_path):
    folders, expected = [], {}
    for name, (ann, txt, line, words) in BRAT_KINDS.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "a.ann").write_bytes(ann.encode("gbk" if name == "ann-in-gbk" else "utf-8"))
        if txt is not None:
            (folder / "a.txt").write_bytes(txt.encode("gbk" if name == "txt-in-gbk" else "utf-8"))
        folders.append(folder)
        named = folder / ("a.ann" if line is not None or name == "ann-in-gbk" else "a.txt")
        # a collection none of whose documents can be read is refused, naming the first bad one
        where = f"{named}:{line}: " if line is not None else f"{named if txt is not None else folder}: "
        expected[str(folder)] = (None, re.escape(where) + ".*" + words)
    before = digest(project)
    proc = cli("import", project, *folders, "--no-prelabel", "--format", "brat")
    refused_each(proc, expected)
    assert digest(project) == before


CONLL_KINDS: dict[str, tuple[str, int | None, str]] = {
    "unknown-tag": ("张\tX-PER\n三\tO\n\n", 1, "tag 'X-PER' is not O or B-/I-/M-/E-/S-/L-/U- and a label"),
    "end-without-begin": ("张\tE-PER\n三\tO\n\n", 1, "continues a PER span that did not begin"),
    "columns-change": ("张\tB-PER\n三\tx\tI-PER\n在\tO\n\n", 2, "3 columns where the document's first line has 2"),
    "empty-label": ("张\tB-\n三\tI-\n\n", 1, "label '' is not a non-empty string"),
    "unknown-label": ("张\tB-FOO\n三\tI-FOO\n\n", None, "lacks label.s. FOO"),
    "label-control": ("张\tB-P\x1bER\n三\tI-P\x1bER\n\n", 1, "a key cannot hold control characters"),
    "only-docstart": ("-DOCSTART- -X- O O\n\n", None, "holds no documents"),
    "one-column": ("张\n三\tO\n\n", 1, "expected token<TAB>tag"),
}


def test_spoilt_conll_files_are_refused_naming_file_and_line(project, tmp_path):
    files, expected = [], {}
    for name, (body, line, words) in CONLL_KINDS.items():
        path = tmp_path / f"{name}.conll"
        path.write_text(body, encoding="utf-8")
        files.append(path)
        expected[str(path)] = (line, words)
    before = digest(project)
    refused_each(cli("import", project, *files, "--no-prelabel", "--format", "conll"), expected)
    assert digest(project) == before


# -- legal kinds: imported, every span at its text -------------------------------------------------------------
def test_legal_oddities_are_imported_faithfully(project, tmp_path):
    """CRLF, CR alone (JSON lines, CoNLL, text, brat), a leading BOM, overlapping and repeated spans, IOB1 tags,
    a brat zip with folders and absolute names: all legal, each imported with its spans at their text."""
    files = {
        "crlf.jsonl": (native(text=js("甲" + TEXT), start="8", end="10") + "\r\n").encode(),
        "cr-only.jsonl": (native(text=js("乙" + TEXT), start="8", end="10") + "\r"
                          + native(text=js("丙" + TEXT), start="8", end="10") + "\r").encode(),
        "bom.jsonl": ("\ufeff" + native(text=js("丁" + TEXT), start="8", end="10") + "\n").encode(),
        "overlap.jsonl": (js({"text": "戊" + TEXT, "entities": [{"start": 8, "end": 10, "label": "PER"},
                                                                  {"start": 9, "end": 11, "label": "ORG"},
                                                                  {"start": 8, "end": 10, "label": "PER"}]})
                          + "\n").encode(),
        "cr-only.conll": "己\tO\r张\tB-PER\r三\tI-PER\r在\tO\r\r".encode(),
        "iob1.conll": "庚\tO\n张\tI-PER\n三\tB-LOC\n\n".encode(),   # I- begins a span in IOB1; B-LOC a new one
        "cr-only.txt": "辛丑年。\r上海举行会议。\r".encode(),
    }
    paths = []
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        paths.append(tmp_path / name)
    archive = tmp_path / "brat.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("x/a.ann", "T1\tPER 0 2\t壬午\n")
        zf.writestr("x/a.txt", "壬午在上海。\n")
        zf.writestr("/abs/b.ann", "T1\tLOC 3 5\t上海\n")
        zf.writestr("/abs/b.txt", "癸未在上海。\n")
        zf.writestr("inner.zip", b"PK\x03\x04 not read")
    brat_cr = tmp_path / "brat-cr"   # an .ann and a .txt with CR line ends alone
    brat_cr.mkdir()
    (brat_cr / "a.ann").write_bytes("T1\tPER 0 2\t子丑\rT2\tLOC 3 5\t上海\r".encode())
    (brat_cr / "a.txt").write_bytes("子丑在上海。\r".encode())
    proc = cli("import", project, *paths, brat_cr, "--no-prelabel", "--reviewed")
    assert proc.returncode == 0, proc.stderr
    assert cli("import", project, archive, "--no-prelabel", "--reviewed", "--format", "brat").returncode == 0
    records = exported(project, tmp_path)
    faithful(records)
    got = sorted((r["text"][0], e["text"], e["label"]) for r in records for e in r["entities"])
    assert got == sorted([
        ("王", "王五", "PER"), ("甲", "张三", "PER"), ("乙", "张三", "PER"), ("丙", "张三", "PER"),
        ("丁", "张三", "PER"), ("戊", "张三", "PER"), ("戊", "三在", "ORG"), ("己", "张三", "PER"),
        ("庚", "张", "PER"), ("庚", "三", "LOC"), ("壬", "壬午", "PER"), ("癸", "上海", "LOC"),
        ("子", "子丑", "PER"), ("子", "上海", "LOC")])
    assert any(r["text"] == "辛丑年。\n上海举行会议。\n" for r in records)


def test_spoilt_articles_are_refused_naming_the_file(project, tmp_path):
    kinds: dict[str, tuple[bytes, int | None, str]] = {
        "empty.txt": (b"", None, "the file is empty"),
        "blank.txt": (b"  \n\t\r\n", None, "the file is empty"),
        "nul.txt": ("上海\x00北京".encode(), None, "binary file"),
        "utf16-without-bom.txt": ("上海举行会议。".encode("utf-16-le"), None, "cannot decode the file"),
        "mixed-utf8-gbk.txt": ("上海举行会议。\n".encode() + "北京举行会议。\n".encode("gbk"), 2,
                               "not UTF-8 .*though the lines before it are"),
        "lone-surrogate-bytes.txt": (b"\xed\xa0\x80abc", None, "cannot decode the file"),
    }
    files, expected = [], {}
    for name, (content, line, words) in kinds.items():
        (tmp_path / name).write_bytes(content)
        files.append(tmp_path / name)
        expected[str(tmp_path / name)] = (line, words)
    before = digest(project)
    refused_each(cli("import", project, *files, "--no-prelabel"), expected)
    assert digest(project) == before


# -- sizes: refused quickly, in bounded memory ------------------------------------------------------------------
def write_big(path: Path, head: str, fill: str, count: int, tail: str) -> None:
    """A file of `head`, `fill` `count` times and `tail`, written in pieces (never whole in memory here)."""
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        for done in range(0, count, 100_000):
            out.write(fill * min(100_000, count - done))
        out.write(tail)


@pytest.mark.slow  # 50 MB files, a few seconds each
@pytest.mark.parametrize(("name", "head", "fill", "tail", "args", "line", "words"), [
    ("line.jsonl", '{"text": "', "新", '"}\n', (), 1, "the text is 17,476,266 characters long"),
    ("article.txt", "", "新", "\n", (), None, "the text is 17,476,267 characters long"),
    ("token.conll", "", "新", "\tO\n", ("--format", "conll"), 1, "the text is 17,476,266 characters long"),
    ("spans.jsonl", f'{{"text": "{TEXT}", "entities": [', '{"start": 7, "end": 9, "label": "PER"}, ',
     '{"start": 7, "end": 9, "label": "PER"}]}\n', (), 1, "holds 1,000,001 annotations; a document may hold at most"),
], ids=["jsonl-line", "txt-article", "conll-token", "million-spans"])
def test_a_huge_document_is_refused_before_the_work(project, tmp_path, name, head, fill, tail, args, line, words):
    """A 50 MB text (jieba asked for 800 MB for it and aborted) or a million spans (18 s) is refused in seconds."""
    path = tmp_path / name
    count = 1_000_000 if name == "spans.jsonl" else 50 * 1024 * 1024 // 3
    write_big(path, head, fill, count, tail)
    before = digest(project)
    began = time.process_time()
    refused_each(cli("import", project, path, "--no-prelabel", *args), {str(path): (line, words)})
    assert time.process_time() - began < 5  # the child's time is its own; this process only waited
    assert digest(project) == before


@pytest.mark.slow  # 50 MB files, several seconds each
@pytest.mark.parametrize("name", ["blank.jsonl", "blank.conll"])
def test_fifty_megabytes_of_blank_lines_are_refused_in_seconds(project, tmp_path, name):
    """52 million newlines (a JSON-lines file of them was read 17 times over: 309 s) hold no document."""
    path = tmp_path / name
    write_big(path, "", "\n" * 512, 50 * 1024 * 1024 // 512, "")
    before = digest(project)
    # 5.6 s alone (309 s before the fix); 60 s leaves room for a machine busy with other work
    refused_each(cli("import", project, path, "--no-prelabel", bound=60),
                 {str(path): (None, "the file holds no documents")})
    assert digest(project) == before


def test_the_bounds_on_a_line_and_a_document_are_set_by_the_environment(project, tmp_path):
    line = tmp_path / "line.jsonl"
    write_big(line, '{"text": "', "新", 1_000_000, '"}\n')  # 3 MB
    refused_each(cli("import", project, line, env={"ANNOTATOR_MAX_LINE_MB": "1"}),
                 {str(line): (1, "the line is longer than 1.0 MB")})
    refused_each(cli("import", project, line, env={"ANNOTATOR_MAX_LINE_MB": "lots"}),
                 {str(line): (None, "ANNOTATOR_MAX_LINE_MB='lots' is not a number")})
    short = tmp_path / "short.jsonl"
    short.write_text(native() + "\n", encoding="utf-8")
    refused_each(cli("import", project, short, env={"ANNOTATOR_MAX_DOCUMENT_CHARS": "10"}),
                 {str(short): (1, "the text is 18 characters long; a document may hold at most 10")})
    refused_each(cli("import", project, short, env={"ANNOTATOR_MAX_ANNOTATIONS": "0.5"}),
                 {str(short): (1, "the record holds 1 annotations; a document may hold at most 0")})
    proc = cli("import", project, short, "--no-prelabel", env={"ANNOTATOR_MAX_DOCUMENT_CHARS": "18"})
    assert proc.returncode == 0, proc.stderr
    faithful(exported(project, tmp_path))


# -- labels the schema would take in: --extend-schema and --map ---------------------------------------------
@pytest.mark.parametrize(("label", "words"), [
    ("PER\x1b[31m", r"label 'PER\\x1b\[31m': a key cannot hold control characters"),
    ("A\nB", r"label 'A\\nB': a key cannot hold control characters or line breaks"),
    ("P" * 10_000, "a key cannot be longer than 200 characters"),
])
def test_extend_schema_refuses_a_label_no_schema_can_hold(project, tmp_path, label, words):
    path = tmp_path / "labels.jsonl"
    path.write_text(native(label=js(label)) + "\n", encoding="utf-8")
    before = digest(project)
    refused_each(cli("import", project, path, "--extend-schema", "--no-prelabel"), {str(path): (1, words)})
    refused_each(cli("import", project, path, "--map", f"{label}=PER\x1b", "--no-prelabel"),
                 {str(path): (1, "a key cannot hold control characters")})
    assert digest(project) == before
    assert "\x1b" not in cli("schema", project).stdout


# -- schema files --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("toml", "words"), [
    ("name = \n[[labels]\n", "not valid TOML"),
    ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "not usable TOML: nested too deeply"),
    ("", "a schema needs at least one entity label"),
    ('name = 1\n', "name must be a text"),
    ('[[labels]]\nkey = "A"\nname = "A"\n[[labels]]\nkey = "A"\nname = "B"\n', "duplicate label A"),
    ('[[labels]]\nkey = "A"\n', r"label 1 \('A'\) lacks the field name"),
    ('[[labels]]\nkey = "A\\u001b"\nname = "A"\n', r"'A\\x1b': a key cannot hold control characters"),
    ('[[labels]]\nkey = "' + "A" * 10_000 + '"\nname = "A"\n', "a key cannot be longer than 200 characters"),
    ('[[labels]]\nkey = "A"\nname = "A"\n[[events]]\nkey = "E"\nname = "E"\n[[events.roles]]\nname = "r"\n'
     'labels = ["E"]\n', "unknown label"),
])
def test_a_spoilt_schema_file_is_refused_naming_it(project, tmp_path, toml, words):
    path = tmp_path / "schema.toml"
    path.write_text(toml, encoding="utf-8")
    before = digest(project)
    refused_each(cli("schema", project, "--import", path), {str(path): (None, words)})
    refused_each(cli("new", tmp_path / "new.annot", "--schema", path), {str(path): (None, words)})
    assert digest(project) == before and not (tmp_path / "new.annot").exists()


def test_a_schema_file_in_gbk_or_binary_is_refused_naming_it(project, tmp_path):
    for name, data in (("gbk.toml", 'name = "新闻"\n'.encode("gbk")), ("binary.toml", b"\x00\x01\xff\xfe")):
        path = tmp_path / name
        path.write_bytes(data)
        refused_each(cli("schema", project, "--import", path), {str(path): (None, "cannot read the schema file")})


# -- project files that are not projects ---------------------------------------------------------------------
def test_a_project_file_that_is_not_a_project_is_named_with_the_reason(template, tmp_path):
    article = tmp_path / "a.jsonl"
    article.write_text(GOOD + "\n", encoding="utf-8")
    data = template.read_bytes()
    kinds: dict[str, tuple[bytes | None, str]] = {
        "text.annot": (b"hello, not a database", "not an annotator project (not an SQLite file)"),
        "empty.annot": (b"", "the project file is empty (0 bytes)"),
        "half.annot": (data[: len(data) // 2], "the project file is truncated"),
        "header.annot": (data[:100], "the project file is truncated"),
        "other.annot": (None, "not an annotator project (no project tables)"),
    }
    for name, (content, words) in kinds.items():
        path = tmp_path / name
        if content is None:
            with sqlite3.connect(path) as conn:
                conn.execute("CREATE TABLE notes (body TEXT)")
        else:
            path.write_bytes(content)
        before = digest(path)
        for args in (("import", path, article), ("list", path), ("info", path), ("export", path, "-o",
                     tmp_path / "out.jsonl"), ("merge", template, path)):
            refused_each(cli(*args), {str(path): (None, re.escape(words))})
        assert digest(path) == before
    folder = tmp_path / "folder.annot"
    folder.mkdir()
    for args in (("import", folder, article), ("list", folder), ("new", folder)):
        proc = cli(*args)
        assert proc.returncode == 2 and "is a directory" in proc.stderr
    readonly = tmp_path / "readonly.annot"
    shutil.copyfile(template, readonly)
    readonly.chmod(0o444)
    before = digest(readonly)
    refused_each(cli("import", readonly, article, "--no-prelabel"), {str(readonly): (None, "the project is read-only")})
    assert digest(readonly) == before
    assert "王五在北京工作" in cli("list", readonly).stdout


# -- archives of `annotator suggest` ---------------------------------------------------------------------------
def archive_folder(folder: Path, shards: object, manifest: str | None = None) -> Path:
    """A folder shaped like the archive `annotator suggest` writes, its manifest's shards as given."""
    folder.mkdir()
    (folder / "shard-00000.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    body = {"format": "annotator-archive", "version": 1, "documents": 1, "shards": shards}
    (folder / "manifest.json").write_text(manifest if manifest is not None else json.dumps(body), encoding="utf-8")
    return folder


def test_a_damaged_archive_manifest_is_refused_and_reads_nothing_outside_the_archive(project, tmp_path):
    secret = tmp_path / "secret.jsonl"
    secret.write_text('{"text": "机密文件的内容。"}\n', encoding="utf-8")
    kinds = {
        "strings": (["shard-00000.jsonl"], "shard 1 is not an object"),
        "no-name": ([{"documents": 1}], "shard 1's name None is not the name of a file in the archive's folder"),
        "up": ([{"name": "../secret.jsonl", "documents": 1}], "'../secret.jsonl' is not the name of a file"),
        "absolute": ([{"name": str(secret), "documents": 1}], "is not the name of a file in the archive's folder"),
        "count": ([{"name": "shard-00000.jsonl", "documents": "x"}], "count of documents 'x' is not a number"),
    }
    before = digest(project)
    for name, (shards, words) in kinds.items():
        folder = archive_folder(tmp_path / name, shards)
        for args in ((), ("--sample", "1")):
            refused_each(cli("import", project, folder, *args),
                         {str(folder / "manifest.json"): (None, "the archive's manifest.json is damaged: .*"
                                                           + re.escape(words))})
    assert digest(project) == before
    deep = archive_folder(tmp_path / "deep", [], manifest="[" * 100_000 + "]" * 100_000)
    refused_each(cli("import", project, deep, "--sample", "1"), {str(deep): (None, "not an archive")})
    assert "机密" not in cli("list", project).stdout
