"""Hostile inputs are refused with exit 2 naming the file, in bounded time and memory; the project is unchanged."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

MAIN = "from annotator.cli import main; main()"


def cli(*args: object, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a child process (a hang or an out-of-memory must not take the test run with it)."""
    return subprocess.run([sys.executable, "-c", MAIN, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **(env or {})})


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.annot"
    assert cli("new", path).returncode == 0
    return path


def refused(proc: subprocess.CompletedProcess[str], name: object, words: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"error: {name}" in proc.stderr and words in proc.stderr, proc.stderr


def test_a_fifo_is_refused_at_once(project, tmp_path):
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    before = digest(project)
    for fmt in ("auto", "jsonl", "brat", "conll"):
        refused(cli("import", project, fifo, "--format", fmt, timeout=60), fifo, "is a FIFO (named pipe), not a regular file")
    assert digest(project) == before


def test_a_device_is_refused(project):
    refused(cli("import", project, "/dev/zero", timeout=60), "/dev/zero", "is a character device, not a regular file")


def test_a_file_larger_than_the_bound_is_refused(project, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("新闻" * 400_000, encoding="utf-8")  # 2.4 MB
    refused(cli("import", project, big, env={"ANNOTATOR_MAX_INPUT_MB": "1"}), big,
            "is larger (2.3 MB) than an input may be (1.0 MB) (set ANNOTATOR_MAX_INPUT_MB")
    jsonl = tmp_path / "big.jsonl"
    jsonl.write_text('{"text": "' + "新" * 800_000 + '"}\n', encoding="utf-8")
    refused(cli("import", project, jsonl, env={"ANNOTATOR_MAX_INPUT_MB": "1"}), jsonl, "than an input may be")
    refused(cli("import", project, big, env={"ANNOTATOR_MAX_INPUT_MB": "lots"}), big, "is not a number of megabytes")


def test_a_zip_member_that_inflates_past_the_bound_is_refused(project, tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", b"\n" * (3 * 1024 * 1024))
        archive.writestr("a.ann", "T1\tPER 0 1\t\n")
    assert bomb.stat().st_size < 100_000
    before = digest(project)
    refused(cli("import", project, bomb, "--format", "brat", env={"ANNOTATOR_MAX_INPUT_MB": "1"}),
            f"{bomb}:a.txt", "is larger (3.0 MB) than an input may be (1.0 MB)")
    assert digest(project) == before


def test_a_zip_bomb_under_the_input_bound_is_refused_before_it_is_inflated(project, tmp_path):
    """Two 500 MB members of zeros in a 1 MB zip (each under the 512 MB bound) took 15 s and 1.6 GB to refuse, and
    were a MemoryError traceback under `ulimit -v 1000000` (found by tools/fuzz_import.py's zip bomb)."""
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", "上海举行会议。")
        archive.writestr("a.ann", b"\0" * (40 << 20))
    before = digest(project)
    proc = subprocess.run(["bash", "-c", f"ulimit -v 1000000; exec '{sys.executable}' -c '{MAIN}' import '{project}' "
                                         f"'{bomb}' --format brat --no-prelabel"],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    refused(proc, f"{bomb}:a.ann", "more than 100 times: a zip bomb")
    assert digest(project) == before


def under_ulimit(kilobytes: int, *args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process whose address space is bounded (`ulimit -v`)."""
    command = " ".join(f"'{a}'" for a in (sys.executable, "-c", MAIN, *args))
    return subprocess.run(["bash", "-c", f"ulimit -v {kilobytes}; exec {command}"], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **(env or {})})


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl"])
def test_a_small_file_is_read_in_memory_its_size_needs_not_the_bound(project, tmp_path, name):
    """read_input asked read() for the bound (512 MB) at once, which sets that much aside before reading: a 15-byte
    file was a MemoryError traceback under `ulimit -v 500000` (found by the import fuzz's CLI runs)."""
    path = tmp_path / name
    path.write_text('{"text": "北京举行会议。", "label": []}\n' if name.endswith(".jsonl") else "北京举行会议。\n",
                    encoding="utf-8")
    proc = under_ulimit(1_000_000, "import", project, path, "--no-prelabel", env={"ANNOTATOR_MAX_INPUT_MB": "2048"})
    assert proc.returncode == 0 and "imported 1 document" in proc.stdout, proc.stderr[-500:]


def test_a_corrupt_zip_is_refused(project, tmp_path):
    good = io.BytesIO()
    with zipfile.ZipFile(good, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", "上海举行会议。" * 50)
        archive.writestr("a.ann", "T1\tLOC 0 2\t上海\n")
    data = bytearray(good.getvalue())
    data[60:90] = b"\xff" * 30  # inside a.txt's compressed bytes
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    refused(cli("import", project, bad, "--format", "brat"), bad, "the zip file is damaged")


def test_folder_import_does_not_follow_links_out_of_the_folder(project, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密 文件 内容 。", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("上海 举行 会议 。", encoding="utf-8")
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    (folder / "escape.txt").symlink_to(secret)
    (folder / "up").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")
    proc = cli("import", project, folder, "--no-prelabel", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "imported 1 document(s) from 2 file(s)" in proc.stdout  # a.txt, and inside.txt repeats it
    assert f"not read {folder / 'escape.txt'}: a symbolic link out of the folder" in proc.stdout
    assert f"not read {folder / 'up'}: a symbolic link out of the folder" in proc.stdout
    assert f"not read {folder / 'pipe.txt'}: not a regular file" in proc.stdout
    listing = cli("list", project)
    assert "机密" not in listing.stdout


@pytest.mark.parametrize(("record", "words"), [
    ('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('{"text": "上海", "meta": ' + "9" * 5000 + "}", "not usable JSON: Exceeds the limit"),
    ('{"text": "上海", "entities": [{"start": 0, "end": ' + "9" * 5000 + ', "label": "LOC"}]}', "not usable JSON"),
])
def test_hostile_json_is_refused_naming_file_and_line(project, tmp_path, record, words):
    path = tmp_path / "hostile.jsonl"
    path.write_text('{"text": "北京 举行 会议 。"}\n' + record + "\n", encoding="utf-8")
    for fmt in ("jsonl", "doccano", "duee", "cluener", "spacy"):
        refused(cli("import", project, path, "--format", fmt, "--no-prelabel"), f"{path}:2", words)
    assert "北京" not in cli("list", project).stdout


def test_running_out_of_memory_is_said_without_a_traceback(project, tmp_path, monkeypatch):
    """An input near the bound under a smaller `ulimit -v` ran out of memory as a MemoryError traceback."""
    from click.testing import CliRunner

    from annotator.cli import cli as group
    from annotator.service.importing import Importer

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(Importer, "import_paths", exhausted)
    path = tmp_path / "a.txt"
    path.write_text("北京举行会议。", encoding="utf-8")
    before = digest(project)
    result = CliRunner().invoke(group, ["import", str(project), str(path), "--no-prelabel"])
    assert result.exit_code == 2 and "error: ran out of memory" in result.output, result.output
    assert not isinstance(result.exception, MemoryError) and digest(project) == before
