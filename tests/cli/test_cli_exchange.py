from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from tests.conftest import FIXTURES, SHARED_DATA


def run(*args: object, code: int = 0) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_seed_article_exports_with_title_lines_chars_and_tokens(tmp_path, seed_path):
    project = tmp_path / "p.annot"
    run("new", project)
    run("import", project, seed_path)
    run("export", project, "-o", tmp_path / "out.jsonl", "--status", "all")
    (doc,) = records(tmp_path / "out.jsonl")
    text = doc["text"]
    assert doc["title"] == "全球追逃，大幕拉开(深阅读)"
    assert len(text.split("\n")) == 45 and len(text) == 2945 and len(doc["tokens"]) == 1539
    assert all(text[t["start"]:t["end"]] == t["text"] for t in doc["tokens"])
    assert all(text[e["start"]:e["end"]] == e["text"] for e in doc["entities"])


def test_default_export_is_reviewed_documents_only(tmp_path, seed_path):
    project = tmp_path / "p.annot"
    run("new", project)
    run("import", project, seed_path)
    out = run("export", project, "-o", tmp_path / "out.jsonl")
    assert "0 documents" in out and (tmp_path / "out.jsonl").read_text() == ""


def test_bad_import_leaves_the_export_byte_identical(tmp_path, seed_path):
    project = tmp_path / "p.annot"
    run("new", project)
    run("import", project, seed_path)
    run("export", project, "-o", tmp_path / "before.jsonl", "--status", "all", "--with-suggestions")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "甲"}\n{"text": "乙"}\n{"text": 丙}\n', encoding="utf-8")
    assert ":3:" in run("import", project, broken, code=2)
    run("export", project, "-o", tmp_path / "after.jsonl", "--status", "all", "--with-suggestions")
    assert (tmp_path / "before.jsonl").read_bytes() == (tmp_path / "after.jsonl").read_bytes()


def test_split_is_reproducible_by_seed(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    run("import", project, FIXTURES / "pd98_dev5.jsonl", "--reviewed")
    run("export", project, "-o", tmp_path / "a.jsonl", "--split", "3:1:1", "--seed", "7")
    run("export", project, "-o", tmp_path / "b.jsonl", "--split", "3:1:1", "--seed", "7")
    sizes = []
    for part in ("train", "dev", "test"):
        a, b = tmp_path / f"a.{part}.jsonl", tmp_path / f"b.{part}.jsonl"
        assert a.read_bytes() == b.read_bytes()
        sizes.append(len(records(a)))
    assert sizes == [3, 1, 1]


def event_set(doc: dict) -> list:
    out = []
    for e in doc["events"]:
        t = e.get("trigger")
        out.append((e["type"], (t["start"], t["end"], t["text"]) if t else (),
                    sorted((a["role"], a["start"], a["end"], a["text"]) for a in e["arguments"])))
    return sorted(out)


@pytest.mark.parametrize("source", [FIXTURES / "cec5.jsonl", SHARED_DATA / "cec" / "events_dev.jsonl"],
                         ids=["fixture", "shared"])
def test_cec_events_come_back_identical(tmp_path, source):
    if not source.exists():
        pytest.skip("needs ../shared/data")
    project = tmp_path / "cec.annot"
    run("new", project, "--schema", "cec")
    run("import", project, source, "--reviewed")
    run("export", project, "-o", tmp_path / "out.jsonl")
    given, back = records(source), records(tmp_path / "out.jsonl")
    assert len(given) == len(back)
    for a, b in zip(given, back, strict=True):
        assert a["text"] == b["text"]
        assert event_set(a) == event_set(b)


def test_validate_names_the_broken_line(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"text": "新华社北京电", "label": [[0, 3, "ORG"]]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    assert "ok" in run("validate", good, "--format", "doccano")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good.read_text(encoding="utf-8") + '{"text": "北京", "label": [[0, 9, "LOC"]]}\n',
                   encoding="utf-8")
    assert "bad.jsonl:2" in run("validate", bad, "--format", "doccano", code=2)


def test_info_reports_events_by_type_and_warnings(tmp_path):
    project = tmp_path / "cec.annot"
    run("new", project, "--schema", "cec")
    run("import", project, FIXTURES / "cec5.jsonl", "--reviewed")
    given = records(FIXTURES / "cec5.jsonl")
    info = run("info", project)
    for etype in {e["type"] for d in given for e in d["events"]}:
        n = sum(e["type"] == etype for d in given for e in d["events"])
        assert any(line.split() == [etype, "accepted", str(n)] for line in info.splitlines())
    broken = tmp_path / "notrigger.jsonl"
    broken.write_text(json.dumps({"text": "昨天北京发生火灾。", "events": [
        {"type": "emergency", "arguments": [{"role": "Location", "start": 2, "end": 4, "text": "北京"}]}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    run("import", project, broken, "--reviewed")
    assert any(line.split() == ["no-trigger", "1"] for line in run("info", project).splitlines())


def test_info_tells_suggested_events_from_accepted_ones(tmp_path):
    """Events by type and state, as entities are: a project of suggested events counted them as if reviewed."""
    project = tmp_path / "cec.annot"
    run("new", project, "--schema", "cec")
    run("import", project, FIXTURES / "cec5.jsonl", "--no-prelabel")  # not --reviewed: the events are suggestions
    given = records(FIXTURES / "cec5.jsonl")
    info = run("info", project).splitlines()
    for etype in {e["type"] for d in given for e in d["events"]}:
        n = sum(e["type"] == etype for d in given for e in d["events"])
        assert any(line.split() == [etype, "suggested", str(n)] for line in info), info
