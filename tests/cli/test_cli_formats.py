"""Foreign files through the CLI without --format, and the exchange commands' output (issue 20)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import cli

FIXTURES = Path(__file__).parents[1] / "fixtures"
FORMATS = FIXTURES / "formats"


def run(*args: object, code: int = 0):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


def spans(project: Path) -> list[tuple]:
    with sqlite3.connect(project) as db:
        return db.execute("SELECT kind, state FROM spans").fetchall()


def statuses(project: Path) -> list[str]:
    with sqlite3.connect(project) as db:
        return [s for (s,) in db.execute("SELECT status FROM documents ORDER BY id")]


def test_doccano_arrives_whole_without_format(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    doccano = [json.loads(x) for x in (FORMATS / "doccano_pd98_30.jsonl").read_text("utf-8").splitlines()]
    out = run("import", project, FORMATS / "doccano_pd98_30.jsonl", "--reviewed", "--no-prelabel").output
    assert "imported 30 document(s)" in out
    assert len(spans(project)) == sum(len(r["label"]) for r in doccano)


def test_duee_and_doccano_relations_arrive_whole_in_a_cec_project(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "cec")
    duee = [json.loads(x) for x in (FORMATS / "duee_cec30.json").read_text("utf-8").splitlines()]
    out = run("import", project, FORMATS / "duee_cec30.json", "--reviewed", "--no-prelabel").output
    assert "imported 30 document(s)" in out
    with sqlite3.connect(project) as db:
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == sum(len(r["event_list"]) for r in duee)
    out = run("import", project, FORMATS / "doccano_rel30.jsonl", "--reviewed", "--no-prelabel").output
    assert "entity–entity relations (kept in metadata" in out


def test_prodigy_reject_and_ignore_stay_out_of_the_reviewed_export(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    source = [json.loads(x) for x in (FORMATS / "prodigy_ner30.jsonl").read_text("utf-8").splitlines()]
    out = run("import", project, FORMATS / "prodigy_ner30.jsonl", "--reviewed", "--no-prelabel").output
    assert "2 relations (kept in metadata only)" in out
    assert statuses(project) == ["reviewed" if r["answer"] == "accept" else "skipped" for r in source]
    assert len(spans(project)) == sum(len(r["spans"]) for r in source)
    run("export", project, "-o", tmp_path / "gold.jsonl")
    exported = (tmp_path / "gold.jsonl").read_text("utf-8").splitlines()
    assert len(exported) == sum(r["answer"] == "accept" for r in source)


def test_a_bio_file_without_format_is_conll_not_one_garbled_document(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    bio = FORMATS / "peoples_daily_bio" / "example.dev"
    out = run("import", project, bio, "--reviewed", "--no-prelabel").output
    lines = bio.read_text("utf-8").splitlines()
    assert "imported 40 document(s)" in out
    assert len(spans(project)) == sum(1 for x in lines if x.endswith(tuple(f"B-{k}" for k in ("PER", "LOC", "ORG"))))
    assert not any(t.endswith("O") for t in run("list", project).output.splitlines()[1:])


def test_brat_tutorial_folder_imports_with_a_summary_of_what_was_not_carried(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "cec")
    out = run("import", project, FORMATS / "brat_tutorial", "--no-prelabel").output
    assert "imported 12 document(s)" in out
    for what in ("relations (R lines)", "attributes (A lines)", "attributes (M lines)", "notes (# lines)",
                 "normalisations (N lines)", "equivalences (* lines)", "event arguments that are events"):
        assert what in out
    t_lines = sum(1 for p in (FORMATS / "brat_tutorial").glob("*.ann")
                  for x in p.read_text("utf-8").splitlines() if x.startswith("T"))
    assert len(spans(project)) == t_lines


def test_labels_the_schema_lacks_are_named_with_the_flag(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    result = run("import", project, FORMATS / "cluener_train30.json", code=2)
    assert "lacks label(s) name, company, game" in result.output
    assert "--extend-schema" in result.output and "--map OLD=NEW" in result.output
    assert "imported 0" in result.output


def test_a_repeated_import_prints_one_summary(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    run("import", project, FORMATS / "doccano_pd98_30.jsonl", "--no-prelabel")
    out = run("import", project, FORMATS / "doccano_pd98_30.jsonl", "--no-prelabel").output
    assert "skipped 30 document(s) whose text the project already has" in out
    assert len(out.splitlines()) == 2


def test_validate_lists_problems_on_stdout_a_bounded_number_and_the_verdict_on_stderr(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(json.dumps({"text": "北京", "label": [[0, 9, "LOC"]]}) + "\n" for _ in range(50)),
                   "utf-8")
    result = run("validate", bad, code=2)
    assert result.stdout.count("bad.jsonl:") == 20 and "… and 30 more" in result.stdout
    assert result.stderr.strip() == f"{bad}: 50 problem(s) (doccano)"
    good = FORMATS / "cluener_train30.json"
    result = run("validate", good)
    assert result.stdout == "" and "ok (cluener)" in result.stderr


def test_validate_reads_a_folder_as_import_does_brat_collections_in_its_subfolders_included(tmp_path):
    """A brat corpus with train/ and dev/ imported, but validate said it held no documents."""
    for part, text, ann in (("train", "北京是首都。", "T1\tLOC 0 2\t北京\n"), ("dev", "上海很大。", "T1\tLOC 0 2\t上海\n")):
        (tmp_path / "corpus" / part).mkdir(parents=True)
        (tmp_path / "corpus" / part / "a.txt").write_text(text + "\n", "utf-8")
        (tmp_path / "corpus" / part / "a.ann").write_text(ann, "utf-8")
    (tmp_path / "outside.ann").write_text("T1\tLOC 0 2\t北京\n", "utf-8")
    (tmp_path / "corpus" / "link.ann").symlink_to(tmp_path / "outside.ann")  # out of the folder: not followed
    result = run("validate", tmp_path / "corpus")
    assert result.stdout == "" and f"{tmp_path / 'corpus'}: ok (2 files or collections)" in result.stderr
    assert f"not read {tmp_path / 'corpus' / 'link.ann'}: a symbolic link out of the folder" in result.stderr
    (tmp_path / "corpus" / "dev" / "a.ann").write_text("T1\tLOC 0 9\t上海\n", "utf-8")
    result = run("validate", tmp_path / "corpus", code=2)
    assert result.stdout.strip() == f"{tmp_path / 'corpus' / 'dev' / 'a.ann'}:1: span [0, 9) is outside the text (length 6)"
    assert f"{tmp_path / 'corpus'}: 1 problem(s) in 1 of 2 files or collections" in result.stderr


def test_exports_follow_the_umask_and_split_names_keep_the_suffix(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    run("import", project, FORMATS / "doccano_pd98_30.jsonl", "--reviewed", "--no-prelabel")
    old = os.umask(0o022)
    try:
        run("export", project, "-o", tmp_path / "all.jsonl")
        run("export", project, "-o", tmp_path / "b", "--format", "brat")
        run("export", project, "-o", tmp_path / "ner.conll", "--format", "conll", "--split", "8:1:1")
    finally:
        os.umask(old)
    assert (tmp_path / "all.jsonl").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b").stat().st_mode & 0o777 == 0o755
    assert sorted(p.name for p in tmp_path.glob("ner.*")) == ["ner.dev.conll", "ner.test.conll", "ner.train.conll"]


def test_info_aligns_cjk_labels_and_list_takes_status_all(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    doc = {"text": "李明在北京大学工作。", "entities": [{"start": 0, "end": 2, "label": "PER"},
                                                   {"start": 3, "end": 7, "label": "ORG"}]}
    (tmp_path / "a.jsonl").write_text(json.dumps(doc, ensure_ascii=False) + "\n", "utf-8")
    run("import", project, tmp_path / "a.jsonl", "--reviewed", "--no-prelabel")
    from annotator.cli.project_cmds import display_width, pad
    assert display_width(pad("人名", 10)) == display_width(pad("PER", 10)) == 10
    assert len(run("list", project, "--status", "all").output.splitlines()) == 2


def test_a_brat_collection_with_unknown_types_is_refused_listing_them(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "ace2005-zh")
    result = run("import", project, FORMATS / "brat_tutorial", code=2)
    assert "lacks event type(s) statement" in result.output and "--extend-schema" in result.output
    assert "imported 0" in result.output


def test_encoding_is_for_raw_text_and_a_structured_file_read_otherwise_is_refused(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project)
    line = {"text": "李明在北京。", "entities": [{"start": 0, "end": 2, "label": "PER"}]}
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    refused = run("import", project, data, "--encoding", "gbk", code=2)
    assert "in.jsonl" in refused.output and "--encoding gbk applies to raw text" in refused.output
    assert "iconv -f gbk -t UTF-8" in refused.output and spans(project) == []
    run("import", project, data, "--encoding", "UTF8", "--no-prelabel")  # any name of UTF-8
    assert spans(project) == [("entity", "suggested")]
    raw = tmp_path / "gbk.txt"
    raw.write_bytes("标题\n李明在北京。\n".encode("gbk"))
    run("import", project, raw, "--encoding", "gbk", "--no-prelabel")


def test_cluener_given_as_doccano_is_refused_naming_the_format_it_is(tmp_path):
    # Both put spans under `label`: it said only "label must be a list of [start, end, label]".
    project = tmp_path / "p.annot"
    assert CliRunner().invoke(cli, ["new", str(project)]).exit_code == 0
    cluener = FIXTURES / "cluener100.json"
    result = CliRunner().invoke(cli, ["import", str(project), str(cluener), "--format", "doccano", "--no-prelabel"])
    assert result.exit_code == 2
    assert ("cluener100.json:1: label must be a list of [start, end, label] (import with --format cluener, or without "
            "--format to tell it from the file)") in result.output


def test_a_file_of_another_format_given_a_json_format_says_to_leave_format_out(tmp_path):
    project = tmp_path / "p.annot"
    assert CliRunner().invoke(cli, ["new", str(project)]).exit_code == 0
    tagged = tmp_path / "train.conll"
    tagged.write_text("北\tB-LOC\n京\tI-LOC\n好\tO\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(project), str(tagged), "--format", "doccano", "--no-prelabel"])
    assert result.exit_code == 2
    assert "train.conll:1: not valid JSON: Expecting value at column 1 (the file is not JSON lines: if it is in " \
           "another format, give that --format, or none to have it recognised)" in result.output
    assert CliRunner().invoke(cli, ["import", str(project), str(tagged), "--no-prelabel"]).exit_code == 0
