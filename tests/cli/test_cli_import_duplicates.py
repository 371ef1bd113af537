"""`annotator import`: repeated texts are skipped with one summary line naming real lines, or kept with
--keep-duplicates."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from annotator.cli import cli
from annotator.service import Project

# Four sentences; the first comes back at lines 7 and 10.
CONLL = "北\tB-LOC\n京\tI-LOC\n\n上\tB-LOC\n海\tI-LOC\n\n北\tB-LOC\n京\tI-LOC\n\n北\tB-LOC\n京\tI-LOC\n"


def run(*args) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def documents(project: Path) -> list[str]:
    with Project.open(project, readonly=True) as p:
        return [p.document(i).text for i in p.document_ids()]


def test_repeated_sentences_are_one_line_naming_their_lines_and_the_flag(tmp_path):
    source = tmp_path / "ner.conll"
    source.write_text(CONLL, encoding="utf-8")
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    out = run("import", project, source, "--reviewed", "--no-prelabel").splitlines()
    assert out == ["imported 2 document(s) from 1 file(s)",
                   f"skipped 2 document(s) whose text the project already has (e.g. {source}:7 = document 1; "
                   f"{source}:10 = document 1); --keep-duplicates keeps the texts a file repeats"]
    assert CONLL.splitlines()[6].startswith("北") and CONLL.splitlines()[9].startswith("北")


def test_keep_duplicates_keeps_every_sentence_once_however_often_it_is_imported(tmp_path):
    source = tmp_path / "ner.conll"
    source.write_text(CONLL, encoding="utf-8")
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    assert run("import", project, source, "--reviewed", "--keep-duplicates", "-q").splitlines() == [
        "imported 4 document(s) from 1 file(s)"]
    assert documents(project) == ["北京", "上海", "北京", "北京"]
    again = run("import", project, source, "--reviewed", "--keep-duplicates", "-q").splitlines()
    assert again[0] == "imported 0 document(s) from 1 file(s)" and again[1].startswith("skipped 4 document(s)")
    assert "--keep-duplicates" not in again[1]
    assert documents(project) == ["北京", "上海", "北京", "北京"]


def test_one_repeat_is_named_on_one_line(tmp_path):
    source = tmp_path / "docs.jsonl"
    source.write_text('{"text": "北京"}\n{"text": "北京"}\n', encoding="utf-8")
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    out = run("import", project, source, "--no-prelabel").splitlines()
    assert out[1] == f"skipped {source}:2: same text as document 1; --keep-duplicates keeps the texts a file repeats"
