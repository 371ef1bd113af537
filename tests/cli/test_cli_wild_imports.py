"""Collections as datasets publish them, through `annotator import`: nothing in them is silently left out."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import cli

TEXT = "新华社北京12月31日电国家主席江泽民发表新年讲话。"
ANN = "T1\tORG 0 3\t新华社\nT2\tPER 16 19\t江泽民\n"


def run(*args: object, code: int = 0):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


def entity_texts(project: Path) -> list[str]:
    with sqlite3.connect(project) as db:
        return sorted(text[start:end] for text, start, end in db.execute(
            "SELECT d.text, s.start, s.end FROM spans s JOIN documents d ON d.id = s.doc_id"))


def test_a_brat_collection_in_subfolders_arrives_with_its_annotations(tmp_path):
    # train/ and dev/ of one collection, next to a raw article: the .txt of a brat folder is no raw article
    corpus = tmp_path / "corpus"
    for split, text in (("train", TEXT), ("dev", "国家主席江泽民发表讲话。")):
        (corpus / split).mkdir(parents=True)
        (corpus / split / "d.txt").write_text(text, "utf-8")
        ann = ANN if split == "train" else "T1\tPER 4 7\t江泽民\n"
        (corpus / split / "d.ann").write_text(ann, "utf-8")
    (corpus / "raw.txt").write_text("一篇没有标注的文章。\n", "utf-8")
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    out = run("import", project, corpus, "--no-prelabel", "--reviewed").output
    assert "imported 3 document(s)" in out
    assert entity_texts(project) == ["新华社", "江泽民", "江泽民"]


def test_format_brat_reads_the_subfolders_too(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "a" / "d.txt").write_text(TEXT, "utf-8")
    (corpus / "a" / "d.ann").write_text(ANN, "utf-8")
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    run("import", project, corpus, "--format", "brat", "--no-prelabel", "--reviewed")
    assert entity_texts(project) == ["新华社", "江泽民"]


def test_duee_fin_placed_mentions_are_told_apart_from_what_is_not_carried(tmp_path):
    text = "股东张三将所持甲公司股份质押给乙银行。"
    record = {"text": text, "id": "f", "event_list": [{"event_type": "质押", "trigger": "质押", "arguments": [
        {"role": "质押方", "argument": "张三"}, {"role": "环节", "argument": "筹备上市"}]}]}
    path = tmp_path / "duee_fin.json"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    out = run("import", project, path, "--no-prelabel", "--extend-schema").output
    assert f"{path} (duee): 2 triggers and arguments without a position, placed at the occurrence nearest" in out
    assert f"{path}: not carried by the project (duee): 1 arguments whose text is not in the document" in out
    assert entity_texts(project) == ["张三", "质押"]


def test_a_given_format_that_does_not_read_the_files_annotations_exits_2_naming_the_line(tmp_path):
    record = {"id": "x", "text": TEXT, "event_list": [{"event_type": "讲话", "trigger": "发表",
                                                       "trigger_start_index": TEXT.index("发表"), "arguments": []}]}
    path = tmp_path / "duee.json"
    path.write_text("\n" + json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    out = run("import", project, path, "--format", "doccano", "--no-prelabel", code=2).output
    assert f"{path}:2: the record's annotations are in duee fields (event_list), which doccano does not read" in out
    with sqlite3.connect(project) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_a_tagged_tsv_in_a_folder_is_read_as_conll(tmp_path):
    # MultiNERD publishes train_zh.tsv: `index<TAB>token<TAB>tag`
    corpus = tmp_path / "multinerd"
    corpus.mkdir()
    (corpus / "train_zh.tsv").write_text("0\t江泽民\tB-PER\n1\t讲话\tO\n\n", "utf-8")
    (corpus / "stats.tsv").write_text("label\tcount\nPER\t1\n", "utf-8")
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    out = run("import", project, corpus, "--no-prelabel", "--reviewed").output
    assert "imported 1 document(s) from 1 file(s)" in out
    assert entity_texts(project) == ["江泽民"]


def test_a_conll_file_with_a_header_row_arrives_and_the_import_says_the_row_was_passed_over(tmp_path):
    path = tmp_path / "headed.conll"
    path.write_text("字\t标签\n北\tB-LOC\n京\tI-LOC\n好\tO\n", "utf-8")
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    out = run("import", project, path, "--no-prelabel", "--reviewed").output
    assert "imported 1 document(s)" in out
    assert f"{path} (conll): 1 header row passed over (the columns' names: '字\\t标签')" in out
    assert entity_texts(project) == ["北京"]


def test_a_folder_of_upper_case_brat_files_is_one_collection_in_the_folder_walk(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "train").mkdir(parents=True)
    (corpus / "train" / "D.TXT").write_text(TEXT, "utf-8")
    (corpus / "train" / "D.ANN").write_text(ANN, "utf-8")
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    out = run("import", project, corpus, "--no-prelabel", "--reviewed").output
    assert "imported 1 document(s)" in out
    assert entity_texts(project) == ["新华社", "江泽民"]


def test_the_placed_note_counts_only_the_documents_kept_not_those_skipped_as_duplicates(tmp_path):
    def record(text: str, who: str) -> dict:
        return {"text": text, "id": who, "event_list": [{"event_type": "质押", "trigger": "质押", "arguments": [
            {"role": "质押方", "argument": who}]}]}
    first = tmp_path / "first.json"
    first.write_text(json.dumps(record("股东张三将股份质押给乙银行。", "张三"), ensure_ascii=False) + "\n", "utf-8")
    both = tmp_path / "both.json"
    both.write_text("".join(json.dumps(record(t, w), ensure_ascii=False) + "\n" for t, w in (
        ("股东张三将股份质押给乙银行。", "张三"), ("股东李四将股份质押给丙银行。", "李四"))), "utf-8")
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    run("import", project, first, "--no-prelabel", "--extend-schema")
    out = run("import", project, first, "--no-prelabel").output
    assert "placed at the occurrence nearest" not in out and f"skipped {first}: same text as document 1" in out
    out = run("import", project, both, "--no-prelabel").output
    assert f"{both} (duee): 2 triggers and arguments without a position, placed at the occurrence nearest" in out
