"""An unlucky environment: a size limit on files (ulimit -f, standing in for a full disk), a home that cannot be
written, a terminal that is not UTF-8. Each command exits 2 naming the file and the problem, or does its work;
never a traceback, and the project stays whole (an export before and after is the same)."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MAIN = "from annotator.cli import main; main()"
MEMORY_CAP = 2 * 1024 ** 3
BOUND_S = 60


def cli(*args: object, env: dict[str, str] | None = None, file_size: int | None = None,
        clean: bool = False) -> subprocess.CompletedProcess[str]:
    """The CLI in a child under a memory cap (and a file size limit when given); `clean`: only PATH and `env`."""
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    base = {"PATH": os.environ.get("PATH", "")} if clean else dict(os.environ)
    proc = subprocess.run([sys.executable, "-c", MAIN, *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=BOUND_S, preexec_fn=limits,
                          env={**base, "PYTHONPATH": os.pathsep.join(sys.path), **(env or {})})
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    path, gold = folder / "p.annot", folder / "gold.jsonl"
    gold.write_text('{"text": "王五在北京工作。", "entities": [{"start": 0, "end": 2, "label": "PER"}]}\n',
                    encoding="utf-8")
    assert cli("new", path).returncode == 0
    assert cli("import", path, gold, "--reviewed").returncode == 0
    return path


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "项目 😀"
    folder.mkdir()
    path = folder / "新闻 p.annot"
    shutil.copyfile(template, path)
    return path


def exported(project: Path) -> str:
    out = project.with_name("export.jsonl")
    proc = cli("export", project, "-o", out, "--status", "all", "--with-suggestions")
    assert proc.returncode == 0, proc.stderr
    return out.read_text(encoding="utf-8")


def test_an_import_at_the_file_size_limit_says_so_and_keeps_the_project_whole(project, tmp_path):
    """Under ulimit -f the import failed with 'cannot commit - no transaction is active': a file's savepoint
    took the write error as that file's, and SQLite had already rolled the whole import back."""
    articles = tmp_path / "many.jsonl"
    with articles.open("w", encoding="utf-8") as out:
        for i in range(1500):
            out.write(json.dumps({"text": f"第{i}篇。" + "上海举行会议，张三出席。" * 30}, ensure_ascii=False) + "\n")
    before = exported(project)
    limit = project.stat().st_size + 200_000
    proc = cli("import", project, articles, "--no-prelabel", file_size=limit)
    assert proc.returncode == 2
    assert (f"error: {project}: the file has reached this process's limit on a file's size ({limit} bytes, ulimit -f)"
            in proc.stderr), proc.stderr
    assert "the project file is intact" in proc.stderr
    assert exported(project) == before


def test_a_data_folder_that_cannot_be_made_is_named(project, tmp_path):
    """A file where the home should be (unwritable even for root): jieba's cache folder raised NotADirectoryError."""
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    home = blocked / "home"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
           "ANNOTATOR_DATA_DIR": ""}  # the suite sets one
    article = tmp_path / "a.txt"
    article.write_text("第1篇：上海举行G20会议，张三出席。", encoding="utf-8")  # digits among Chinese: jieba in Python
    before = exported(project)
    proc = cli("import", project, article, env=env)
    assert proc.returncode == 2
    assert f"error: {home / 'data' / 'annotator'}: cannot make the app's data folder: Not a directory" in proc.stderr
    assert exported(project) == before
    proc = cli("install-desktop", env=env)
    assert proc.returncode == 2 and "cannot install the launcher: Not a directory" in proc.stderr


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_is_not_utf8_gets_chinese_escaped_never_a_traceback(project, encoding):
    env = {"LC_ALL": "C", "PYTHONIOENCODING": encoding, "HOME": str(project.parent)}
    proc = cli("list", project, env=env, clean=True)
    assert proc.returncode == 0
    assert "王五在北京工作" in proc.stdout or "\\u738b\\u4e94" in proc.stdout
    project.chmod(0o444)
    article = project.with_name("a.jsonl")
    article.write_text('{"text": "上海举行会议。"}\n', encoding="utf-8")
    proc = cli("import", project, article, env=env, clean=True)
    assert proc.returncode == 2 and "the project is read-only" in proc.stderr
