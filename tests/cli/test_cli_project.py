from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from annotator.cli import COMMANDS, cli, load_all
from annotator.service import Project
from tests.conftest import SHARED_DATA

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    load_all()
    out = []
    for name, command in group.commands.items():
        out.append((prefix + name, command))
        if isinstance(command, click.Group):
            out.extend(all_commands(command, prefix + name + " "))
    return out


@pytest.mark.parametrize(("name", "command"), all_commands(cli), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_with_an_example(name, command):
    assert command.help and "Example:" in command.help, f"`annotator {name}` needs help with an example"
    result = run(*name.split(), "--help")
    assert result.exit_code == 0 and "Example:" in result.output


@pytest.mark.parametrize(("name", "command"), all_commands(cli), ids=lambda v: v if isinstance(v, str) else "")
def test_every_option_says_what_it_does(name, command):
    bare = [option.opts for option in command.params if isinstance(option, click.Option) and not option.help]
    assert not bare, f"`annotator {name}`: these options have no help text: {bare}"


def test_the_table_of_lazily_loaded_commands_names_every_command_where_it_is_defined():
    load_all()
    assert set(cli.commands) == set(COMMANDS)
    assert all(command.callback.__module__ == f"annotator.cli.{COMMANDS[name]}"
               for name, command in cli.commands.items())


def test_new_import_list_info(tmp_path, seed_path):
    project = tmp_path / "p.annot"
    assert run("new", project, "--schema", "news-zh").exit_code == 0
    result = run("import", project, seed_path, "--no-prelabel")
    assert result.exit_code == 0 and "imported 1 document(s)" in result.output
    listing = run("list", project).output.splitlines()
    assert listing[1].split("\t")[0] == "1" and listing[1].endswith("全球追逃，大幕拉开(深阅读)")
    info = run("info", project).output
    assert "documents 1" in info and "2945 characters, 1539 tokens" in info
    none = run("list", project, "--status", "reviewed")  # a header alone, and on stderr what the project holds
    assert none.stdout == "id\tstatus\tsuggested\tentities\tevents\ttitle\n"
    assert none.stderr == "no document is reviewed (the project's documents: new 1)\n"
    assert run("list", project, "--status", "needs-adjudication").stderr.startswith("no document needs adjudication (")
    assert run("list", project, "--status", "skipped", "--status", "needs-adjudication").stderr.startswith(
        "no document is skipped or needing adjudication (")
    assert run("list", project, "--status", "new").stderr == ""


def project_bytes(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("binary.txt", b"\x00\x01\x02\x03PK\x00\x00", "binary file (it contains NUL bytes), not text (save it as plain text"),
    # another project given as a file to import: said as a project, with the ways to bring its work in
    ("other.annot", b"SQLite format 3\x00" + bytes(100), "an annotator project (an SQLite file), not a file to "
                                                          "import (merge an annotator's project file with `annotator merge`"),
    ("empty.txt", b"", "empty"),
    # `import P schema.toml` for `schema P --import schema.toml`: it made the schema file a news article
    ("schema.toml", b'name = "news"\n[[labels]]\nkey = "PER"\n', "this is a TOML file (a schema?), not "
                    "articles or annotations (a schema file is imported with `annotator schema PROJECT --import FILE`)"),
    ("broken.jsonl", ('{"text": "第一篇"}\n{"text": "第二篇"}\n{"text": 第三篇\n{"text": "第四篇"}\n').encode(),
     ":3:"),
])
def test_bad_files_are_refused_with_exit_2_and_the_project_unchanged(tmp_path, seed_path, name, content, expected):
    project = tmp_path / "p.annot"
    run("new", project)
    run("import", project, seed_path, "--no-prelabel")
    before = project_bytes(project)
    bad = tmp_path / name
    bad.write_bytes(content)
    result = CliRunner().invoke(cli, ["import", str(project), str(bad)])
    assert result.exit_code == 2
    assert str(bad) in result.output and expected in result.output
    assert project_bytes(project) == before
    with Project.open(project, readonly=True) as p:
        assert p.document_ids() == [1]


def test_a_gbk_file_read_as_utf8_says_to_let_the_encoding_be_detected(tmp_path, seed_path):
    project = tmp_path / "p.annot"
    run("new", project)
    gbk = FIXTURES / "encodings" / "宁夏两客车相撞11人死.gbk.txt"
    result = CliRunner().invoke(cli, ["import", str(project), str(gbk), "--encoding", "utf-8", "--no-prelabel"])
    assert result.exit_code == 2
    assert "not valid utf-8 at byte" in result.output and "leave --encoding out" in result.output
    assert run("import", project, gbk, "--no-prelabel").exit_code == 0  # detected as GBK without it


def test_missing_project_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "nope.annot"), str(tmp_path)])
    assert result.exit_code == 2 and "nope.annot: no such project file" in result.output


@pytest.mark.slow
def test_console_script_runs_as_a_process(tmp_path, seed_path):
    project = tmp_path / "p.annot"
    exe = Path(sys.executable).with_name("annotator")
    subprocess.run([exe, "new", project], check=True, capture_output=True)
    proc = subprocess.run([exe, "import", project, tmp_path / "missing.txt"], capture_output=True, text=True)
    assert proc.returncode == 2 and "missing.txt: no such file or folder" in proc.stderr


@pytest.mark.slow  # every shared raw article, UTF-8 and GBK: the full shared data
@pytest.mark.skipif(not (SHARED_DATA / "raw_news").exists(), reason="needs ../shared/data")
def test_all_shared_raw_news_import_and_gbk_copies_match(tmp_path):
    with Project.create(tmp_path / "news.annot") as p:
        report = p.importer.import_paths([SHARED_DATA / "raw_news"], prelabel=False)
        assert report.errors == () and len(report.imported) == len(list((SHARED_DATA / "raw_news").glob("*.txt")))
        texts = {Path(p.document(i).source).name: p.document(i).text for i in report.imported}
    for gbk in (SHARED_DATA / "encodings").glob("*.gbk.txt"):
        with Project.create(tmp_path / f"{gbk.stem}.annot") as q:
            (doc_id,) = q.importer.import_paths([gbk], prelabel=False).imported
            assert q.document(doc_id).text == texts[gbk.name.replace(".gbk", "")]
