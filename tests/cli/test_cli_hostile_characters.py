"""Hostile characters on the whole path: import, pre-highlighting, export in every format and import again.

Characters outside the BMP (emoji, CJK Extension B), variation selectors, ZWJ sequences, zero-width characters
and a BOM inside the text, full-width, ideographic and no-break spaces, Unicode line and paragraph separators,
C0 and C1 controls, bidi controls, private-use characters, decomposed (NFD) letters: each at a span's edge,
inside a span and as a whole span, in an entity and in an event. Offsets are code points everywhere: every
span's text in every export is the text at its offsets, and a format that carries a thing gives it back.
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.service import Project

# name -> the characters put into the text (each once at a span's edge, once inside one, once as a whole span)
PIECES = {
    "emoji": "🚒", "ext-b": "𠀀", "ext-b-name": "𡈽", "emoji-vs16": "❤\ufe0f", "ideographic-vs": "葛\U000E0100",
    "zwj-sequence": "👨\u200d🚒", "zwsp": "\u200b", "zwj": "\u200d", "bom": "\ufeff", "ideographic-space": "\u3000",
    "nbsp": "\u00a0", "line-separator": "\u2028", "paragraph-separator": "\u2029", "nel": "\u0085",
    "vertical-tab": "\x0b", "form-feed": "\x0c", "file-separator": "\x1c", "c0": "\x01", "c1": "\x9b",
    "rlo": "\u202e", "private-use": "\ue000", "astral-private-use": "\U000F0000", "nfd": "e\u0301",
    "combining-alone": "\u0301", "tab": "\t", "delete": "\x7f", "full-width": "\uff01",
}
FORMATS = ("native", "doccano", "doccano-rel", "spacy", "duee", "cluener", "conll", "brat")
SUFFIX = {"brat": "", "conll": ".conll"}
CARRIES_EVENTS = ("native", "doccano-rel", "duee", "brat")
CARRIES_ENTITIES = ("native", "doccano", "doccano-rel", "spacy", "cluener", "brat")


def run(*args: object, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def lines(path: Path) -> list[str]:
    """A JSON-lines file's records: split at LF only (str.splitlines would cut a text at U+2028, NEL, FF …)."""
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def record(key: str, piece: str) -> dict[str, object]:
    text = f"新华社{piece}北京电 张三{piece}在上海{piece}会见李四。"
    whole, person, place, meet = text.index(piece), text.index("张三"), text.index("上海"), text.index("会见")
    return {"id": key, "title": f"{piece}标题{key}", "text": text,
            "entities": [{"start": whole, "end": whole + len(piece), "label": "MISC"},                 # only it
                         {"start": person, "end": person + 2 + len(piece), "label": "PER"},            # at the end
                         {"start": place, "end": place + 4 + len(piece), "label": "LOC"},              # inside
                         {"start": person, "end": person + 2, "label": "PER"}],
            "events": [{"type": "Meet", "trigger": {"start": meet, "end": meet + 2},
                        "arguments": [{"role": "Entity", "start": person, "end": person + 2 + len(piece)},
                                      {"role": "Place", "start": whole, "end": whole + len(piece)}]}]}


def native_view(path: Path) -> dict[str, tuple]:
    """text -> (entities as (start, end, label), events as (type, trigger, arguments)), each span's text checked."""
    out = {}
    for line in lines(path):
        rec = json.loads(line)
        text = rec["text"]
        for part in rec["entities"] + [p for ev in rec["events"] for p in [ev["trigger"], *ev["arguments"]]]:
            assert text[part["start"]:part["end"]] == part["text"], (rec["id"], part)
        out[text] = (sorted((e["start"], e["end"], e["label"]) for e in rec["entities"]),
                     sorted((ev["type"], ev["trigger"]["start"], ev["trigger"]["end"],
                             tuple(sorted((a["role"], a["start"], a["end"]) for a in ev["arguments"])))
                            for ev in rec["events"]))
    return out


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A project of one reviewed record per hostile piece, a punctuation-only and a spaces-only one."""
    folder = tmp_path_factory.mktemp("hostile")
    records = [record(key, piece) for key, piece in PIECES.items()]
    records += [{"id": "punctuation", "text": "，。！？……——“”《》", "entities": [{"start": 4, "end": 6, "label": "MISC"}]},
                {"id": "spaces", "text": "\u3000\u3000 \u00a0\u200b", "entities": [{"start": 4, "end": 5, "label": "MISC"}]}]
    source = folder / "hostile.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    project = folder / "p.annot"
    assert run("new", project)[0] == 0
    code, out = run("import", project, source, "--reviewed", "--extend-schema")
    assert code == 0 and f"imported {len(records)} document(s)" in out, out
    return project, source


def test_import_keeps_every_text_and_offset_exactly(hostile_project, tmp_path):
    project, source = hostile_project
    out = tmp_path / "out.jsonl"
    assert run("export", project, "-o", out, "--status", "all")[0] == 0
    given = {json.loads(line)["text"]: json.loads(line) for line in lines(source)}
    got = native_view(out)
    assert set(got) == set(given)  # every text exactly: no normalisation, no stripped or changed character
    for text, rec in given.items():
        assert got[text][0] == sorted((e["start"], e["end"], e["label"]) for e in rec["entities"])
    titles = {json.loads(line)["id"]: json.loads(line)["title"] for line in lines(out)}
    assert titles["emoji"] == "🚒标题emoji" and titles["ext-b-name"] == "𡈽标题ext-b-name"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_exports_and_imports_again_what_it_carries(hostile_project, tmp_path, fmt):
    project, _ = hostile_project
    first = tmp_path / f"first{SUFFIX.get(fmt, '.jsonl')}"
    code, out = run("export", project, "-o", first, "--format", fmt, "--status", "all")
    assert code == 0, out
    again = tmp_path / "again.annot"
    run("new", again)
    code, out = run("import", again, first, "--format", fmt, "--reviewed", "--no-prelabel", "--extend-schema",
                    "--keep-duplicates")
    assert code == 0, out
    want, back = tmp_path / "want.jsonl", tmp_path / "back.jsonl"
    run("export", project, "-o", want, "--status", "all")
    run("export", again, "-o", back, "--status", "all")
    want_view, back_view = native_view(want), native_view(back)   # each span's text checked on the way
    if fmt == "conll":   # CoNLL carries no whitespace and no nesting: what it writes comes back
        want = {("".join(text[s:e].split()), label) for text, (ents, _) in want_view.items() for s, e, label in ents}
        back = {(text[s:e], label) for text, (ents, _) in back_view.items() for s, e, label in ents}
        assert back <= want
        assert {("🚒", "MISC"), ("𠀀", "MISC"), ("👨\u200d🚒", "MISC"), ("葛\U000E0100", "MISC"), ("e\u0301", "MISC"),
                ("张三\u200b", "PER"), ("上海\u202e会见", "LOC")} <= back
        return
    assert set(back_view) == set(want_view)
    for text, (entities, events) in want_view.items():
        if fmt in CARRIES_ENTITIES:
            assert back_view[text][0] == entities, (fmt, text)
        if fmt in CARRIES_EVENTS:
            assert back_view[text][1] == events, (fmt, text)


def test_raw_text_with_hostile_characters_is_segmented_and_pre_highlighted_in_place(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project)
    files = {"astral.txt": "新华社北京电 张𡈽在上海🚒会见了国务院总理李四。\n👨\u200d🚒消防员王五说，❤\ufe0f北京。\n",
             "separators.txt": "第一段\u2028张三在北京\u2029李四\u0085在上海\x0b王五\x0c赵六\x1c",
             "controls.txt": "张三\x01在\x9b北京\u202e会见\ue000李四\U000F0000。\u200b\u200d\ufeff上海\u3000\u00a0市",
             "nfd.txt": "Cafe\u0301在北京，Café在上海。", "punctuation.txt": "，。！？……——“”《》"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, out = run("import", project, *(tmp_path / n for n in files))
    assert code == 0 and "imported 5 document(s)" in out, out
    export = tmp_path / "out.jsonl"
    run("export", project, "-o", export, "--status", "all", "--with-suggestions")
    records = [json.loads(line) for line in lines(export)]
    assert sorted(r["text"] for r in records) == sorted(files.values())
    suggested = set()
    for rec in records:
        text = rec["text"]
        assert all(text[t["start"]:t["end"]] == t["text"] for t in rec["tokens"])
        suggested |= {e["text"] for e in rec["entities"]}     # their texts were checked by native_view's rule
        assert all(text[e["start"]:e["end"]] == e["text"] for e in rec["entities"])
    assert {"上海", "北京", "李四"} <= suggested


def test_suggestions_past_the_bound_on_a_documents_annotations_are_refused_naming_the_file(tmp_path, monkeypatch):
    """An 880,000-character paragraph of names drew 240,000 suggestions at import, which the window then refused
    to open (a document may hold 100,000 annotations): the import refuses the file instead, saying why."""
    project = tmp_path / "p.annot"
    run("new", project)
    crowded = tmp_path / "crowded.jsonl"
    crowded.write_text(json.dumps({"text": "张三在北京会见李四🚒，" * 20}, ensure_ascii=False) + "\n", encoding="utf-8")
    env = {"ANNOTATOR_MAX_ANNOTATIONS": "30"}
    code, out = run("import", project, crowded, env=env)
    assert code == 2
    assert f"error: {crowded}:1: pre-highlighting gave the document" in out
    assert "annotations; a document may hold at most 30 (import it with --no-prelabel" in out
    assert run("list", project)[1].count("\n") <= 1    # nothing imported
    code, out = run("import", project, crowded, "--no-prelabel", env=env)
    assert code == 0, out
    code, out = run("prelabel", project, env=env)
    assert code == 2 and "document 1: pre-highlighting would give it" in out, out
    monkeypatch.setenv("ANNOTATOR_MAX_ANNOTATIONS", "30")
    with Project.open(project, readonly=True) as opened:   # the window's way in: it opens, holding no suggestion
        assert opened.document(1).annotation_count == 0


# JSON text as written in the file: "\ud800" is an escape JSON reads as a lone surrogate, which UTF-8 cannot hold.
LONE_SURROGATES = {
    "native-title": ('{"title": "\\ud800标题", "text": "张三在北京", "entities": []}', "the record's title"),
    "native-id": ('{"id": "a\\udfff", "text": "张三在北京", "entities": []}', "the record's id"),
    "native-meta": ('{"meta": {"来源": ["\\ud83d"]}, "text": "张三在北京", "entities": []}', "the record's field '来源'"),
    "doccano-field": ('{"text": "张三在北京", "label": [[0, 2, "PER"]], "source": "\\udc80"}', "the record's field 'source'"),
    "cluener-id": ('{"id": "\\ud800", "text": "张三在北京", "label": {"PER": {"张三": [[0, 1]]}}}', "the record's id"),
    "duee-title": ('{"id": "1", "title": "\\udbff", "text": "张三在北京", "event_list": []}', "the record's title"),
    "spacy-field": ('{"text": "张三在北京", "spans": [], "url": "x\\ud800"}', "the record's field 'url'"),
}


@pytest.mark.parametrize("kind", list(LONE_SURROGATES))
def test_a_lone_surrogate_beside_the_text_is_refused_naming_the_file_and_line(tmp_path, kind):
    """A lone surrogate in a record's title, id or other field passed the readers (they checked only the text)
    and the import died in SQLite's UTF-8 encoding with a traceback."""
    body, words = LONE_SURROGATES[kind]
    project = tmp_path / "p.annot"
    run("new", project)
    path = tmp_path / f"{kind}.jsonl"
    path.write_text('{"text": "王五在上海", "entities": []}\n' + body + "\n", encoding="utf-8")
    before = project.read_bytes()
    code, out = run("import", project, path, "--no-prelabel", "--extend-schema")
    assert code == 2, out
    assert f"error: {path}:2: {words} holds a lone UTF-16 surrogate" in out, out
    assert project.read_bytes() == before
    code, out = run("validate", path)
    assert code != 0 and f"{path}:2: {words} holds a lone UTF-16 surrogate" in out, out


def test_file_names_that_are_not_utf8_are_imported_under_a_readable_name(tmp_path):
    """A file named in GBK (a Windows disk or zip of Chinese news) reached the project file as surrogate escapes
    and the import died in SQLite's UTF-8 encoding with a traceback; it is read as GB18030, other stray bytes
    become U+FFFD."""
    folder = os.fsencode(tmp_path)
    for name, text in ((b"gbk-\xd0\xc2\xce\xc5.txt", "王五在广州。"), (b"bad\xff\xfe.txt", "张三在北京。")):
        with open(os.path.join(folder, name), "wb") as out:
            out.write(text.encode())
    os.mkdir(os.path.join(folder, b"brat"))
    for suffix, body in ((b".txt", "赵六在深圳。"), (b".ann", "T1\tPER 0 2\t赵六\n")):
        with open(os.path.join(folder, b"brat", b"\xc9\xee\xdb\xda" + suffix), "wb") as out:   # 深圳 in GBK
            out.write(body.encode())
    project = tmp_path / "p.annot"
    run("new", project)
    code, out = run("import", project, *sorted(p for p in tmp_path.iterdir() if p.suffix == ".txt"), "--no-prelabel")
    assert code == 0 and "imported 2 document(s)" in out, out
    code, out = run("import", project, tmp_path / "brat", "--format", "brat", "--no-prelabel", "--reviewed")
    assert code == 0, out
    export = tmp_path / "out.jsonl"
    run("export", project, "-o", export, "--status", "all")
    assert sorted(json.loads(line)["id"] for line in lines(export)) == ["bad\ufffd\ufffd", "gbk-新闻", "深圳"]


def test_list_writes_a_titles_control_characters_as_escapes(tmp_path):
    """A title holding ESC (a record gives its own) went to the terminal as it was: \\x1b[2J clears the screen."""
    project = tmp_path / "p.annot"
    run("new", project)
    path = tmp_path / "esc.jsonl"
    path.write_text('{"title": "\\u001b[2J清屏\\u001b[31m标题", "text": "张三在北京。", "entities": []}\n'
                    '{"text": "\\u001b[31m红色\\u0007标题\\n正文", "entities": []}\n', encoding="utf-8")
    assert run("import", project, path, "--no-prelabel")[0] == 0
    code, out = run("list", project)
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J清屏\\x1b[31m标题" in out    # a record's own title: kept, and escaped when printed
    assert out.rstrip().endswith("\t[31m红色标题")   # a title made from the text leaves them out


def test_json_surrogate_pair_escapes_are_one_code_point(tmp_path):
    """"\\ud83d\\ude92" in a JSON file is 🚒: one character of the text, and the offsets after it count it once."""
    project = tmp_path / "p.annot"
    run("new", project)
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"text": "\\ud83d\\ude92\\u5f20\\u4e09\\u5728\\ud840\\udc00\\u4eac", "label": [[1, 3, "PER"], [4, 6, "LOC"]]}\n',
                    encoding="utf-8")
    assert run("import", project, path, "--no-prelabel", "--reviewed")[0] == 0
    out = tmp_path / "out.jsonl"
    run("export", project, "-o", out)
    (record,) = [json.loads(line) for line in lines(out)]
    assert record["text"] == "🚒张三在𠀀京"
    assert [(e["text"], e["start"], e["end"]) for e in record["entities"]] == [("张三", 1, 3), ("𠀀京", 4, 6)]


def test_gold_offsets_computed_on_the_nfc_form_of_an_nfd_text_are_refused_where_the_span_text_says_so(tmp_path):
    """The text is kept as given (never normalised); a format that carries each span's text catches offsets
    counted on the other form, naming the file, line and what the offsets cover."""
    nfc = "Café在北京会见张三。"
    nfd = unicodedata.normalize("NFD", nfc)
    person, meet = nfc.index("张三"), nfc.index("会见")           # counted on NFC: one short on the NFD text
    records = {
        "native": {"text": nfd, "entities": [{"start": person, "end": person + 2, "label": "PER", "text": "张三"}]},
        "spacy": {"text": nfd, "spans": [{"start": person, "end": person + 2, "label": "PER", "text": "张三"}]},
        "cluener": {"text": nfd, "label": {"PER": {"张三": [[person, person + 1]]}}},
        "duee": {"id": "1", "text": nfd, "event_list": [{"event_type": "会见", "trigger": "会见",
                                                          "trigger_start_index": meet, "arguments": []}]},
    }
    project = tmp_path / "p.annot"
    run("new", project)
    for fmt, rec in records.items():
        path = tmp_path / f"{fmt}.jsonl"
        path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
        code, out = run("import", project, path, "--format", fmt, "--no-prelabel", "--extend-schema")
        covered = "'京会'" if fmt == "duee" else "'见张'"     # what the shifted offsets fall on
        assert code == 2 and f"error: {path}:1: " in out and covered in out, (fmt, out)
    kept = tmp_path / "kept.jsonl"
    kept.write_text(json.dumps({"text": nfd, "label": []}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run("import", project, kept, "--no-prelabel")[0] == 0
    out = tmp_path / "out.jsonl"
    run("export", project, "-o", out, "--status", "all")
    assert [json.loads(line)["text"] for line in lines(out)] == [nfd]   # not normalised


def test_doccano_offsets_counted_on_the_nfc_form_are_refused_where_a_span_cuts_a_letter_from_its_accent(tmp_path):
    """doccano carries no span text: offsets counted on NFC over an NFD text imported shifted without a word. A span
    edge between e and U+0301 (or ᄀ and ᅡ) is certainly such a shift: refused, naming the file, line and letter.
    A shift whose edges miss every decomposed letter cannot be seen, and imports (docs/formats.md says so)."""
    nfc = "Café与서울在北京会见张三。"
    nfd = unicodedata.normalize("NFD", nfc)
    cafe, seoul = (0, 4), (nfc.index("서울"), nfc.index("서울") + 2)  # counted on NFC
    project = tmp_path / "p.annot"
    run("new", project)
    for fmt, rec, letter in [
            ("doccano", {"text": nfd, "label": [[*cafe, "ORG"]]}, "'e\u0301'"),
            ("doccano", {"text": nfd, "label": [[*seoul, "LOC"]]}, "cuts '"),
            ("doccano-rel", {"text": nfd, "entities": [{"id": 1, "label": "ORG", "start_offset": cafe[0],
                                                        "end_offset": cafe[1]}], "relations": []}, "'e\u0301'")]:
        path = tmp_path / f"{fmt}.jsonl"
        path.write_text('{"text": "正常的一行", "label": []}\n' + json.dumps(rec, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        code, out = run("import", project, path, "--format", fmt, "--no-prelabel", "--extend-schema")
        assert code == 2 and f"error: {path}:2: " in out and letter in out and "NFC" in out, (fmt, out)
    assert run("list", project)[1].count("\n") <= 1   # nothing imported
    for text, span in [(nfd, [0, 5, "ORG"]), (nfc, [*cafe, "ORG"]), (nfd + "又", [nfc.index("张三"), nfc.index("张三") + 2, "PER"])]:
        path = tmp_path / "fine.jsonl"   # on the text as written, on NFC text, and a shift the letters do not show
        path.write_text(json.dumps({"text": text, "label": [span]}, ensure_ascii=False) + "\n", encoding="utf-8")
        code, out = run("import", project, path, "--no-prelabel", "--extend-schema")
        assert code == 0, out
