"""Export writes only over regular files (or folders, for brat), and keeps an existing file's mode."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from annotator.cli import cli


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "p.annot"
    article = tmp_path / "a.txt"
    article.write_text("新华社 北京 电 。\n上海 举行 会议 。", encoding="utf-8")
    assert run("new", path)[0] == 0
    assert run("import", path, article, "--no-prelabel")[0] == 0
    return path


@pytest.mark.parametrize("fmt", ["native", "conll", "brat"])
def test_a_fifo_or_a_device_is_refused_and_left_as_it_is(project, tmp_path, fmt):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    device = tmp_path / "null-link"
    device.symlink_to("/dev/null")
    for target, kind in ((fifo, "a FIFO"), (device, "a character device")):
        code, out = run("export", project, "--status", "all", "--format", fmt, "-o", target)
        assert code == 2, out
        assert f"error: {target}: is {kind}" in out and "Traceback" not in out
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.path.islink(device) and stat.S_ISCHR(os.stat(device).st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_existing_file_keeps_its_mode(project, tmp_path):
    out = tmp_path / "train.jsonl"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o644)
    assert run("export", project, "--status", "all", "-o", out)[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644 and "上海" in out.read_text(encoding="utf-8")
    fresh = tmp_path / "fresh.jsonl"
    umask = os.umask(0o022)
    try:
        assert run("export", project, "--status", "all", "-o", fresh)[0] == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_a_symbolic_link_to_a_file_is_written_through(project, tmp_path):
    real = tmp_path / "real.jsonl"
    real.write_text("", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    assert run("export", project, "--status", "all", "-o", link)[0] == 0
    assert link.is_symlink() and "上海" in real.read_text(encoding="utf-8")


def test_a_folder_is_refused_as_a_jsonl_target(project, tmp_path):
    folder = tmp_path / "folder.jsonl"
    folder.mkdir()
    code, out = run("export", project, "--status", "all", "-o", folder)
    assert code == 2 and "is a folder, not a regular file" in out


def test_an_export_that_finds_no_document_of_its_status_says_what_the_project_holds(project, tmp_path):
    code, out = run("export", project, "-o", tmp_path / "none.jsonl")  # nothing reviewed yet
    assert code == 0 and "0 documents" in out
    assert "note: no document of the project is reviewed (new 1); --status all exports every document" in out
    code, out = run("export", project, "--status", "all", "-o", tmp_path / "all.jsonl")
    assert code == 0 and "1 document," in out and "note:" not in out
