"""Damaged, foreign, too-new and read-only project files: a clear error (or read-only), never a change."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.errors import ProjectError
from annotator.service import Project
from tests.store.helpers import TEXT, snapshot


def truncate_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def truncate_to_pages(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:4096 * 2])  # whole pages, but fewer than the header counts


def truncate_header(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:40])


def empty(path: Path) -> None:
    path.write_bytes(b"")


def text_file(path: Path) -> None:
    path.write_text('{"text": "这不是项目文件"}\n', encoding="utf-8")


def random_bytes(path: Path) -> None:
    path.write_bytes(bytes((i * 7919 + 13) % 251 for i in range(10000)))


def other_sqlite(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()


def newer_version(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
                 "VALUES ('annotator', 'm999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()


def garbled_catalogue(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:1000] = bytes(900)  # the page holding the table catalogue, past the file header
    data[1000:4096] = b"\xff" * (4096 - 1000)
    path.write_bytes(bytes(data))


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated": (truncate_half, "truncated"),
    "truncated-at-page": (truncate_to_pages, "truncated"),
    "truncated-header": (truncate_header, "truncated"),
    "zero-bytes": (empty, "empty (0 bytes)"),
    "text-file": (text_file, "not an SQLite file"),
    "random-bytes": (random_bytes, "not an SQLite file"),
    "other-sqlite": (other_sqlite, "not an annotator project"),
    "newer-version": (newer_version, "newer version of annotator"),
    "garbled": (garbled_catalogue, "damaged"),
}
HINTS = {"truncated": "backup", "empty": "backup", "SQLite": "annotator new", "not an annotator": "annotator new",
         "newer": "upgrade annotator", "damaged": "backup"}


@pytest.fixture(params=sorted(DAMAGE))
def damaged(request, project_path: Path) -> tuple[Path, str]:
    damage, expected = DAMAGE[request.param]
    damage(project_path)
    return project_path, expected


@pytest.mark.parametrize("readonly", [False, True])
def test_service_refuses_a_damaged_file_and_leaves_it_byte_identical(damaged, readonly):
    path, expected = damaged
    before = snapshot(path)
    with pytest.raises(ProjectError) as info:
        Project.open(path, readonly=readonly)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and expected in message
    assert info.value.hint and any(hint in info.value.hint for key, hint in HINTS.items() if key in message)
    assert snapshot(path) == before


@pytest.mark.parametrize("command", ["import", "info", "list"])
def test_cli_exits_2_naming_the_file_and_leaves_it_byte_identical(damaged, command, tmp_path):
    path, expected = damaged
    article = tmp_path / "article.txt"
    article.write_text("北京 举行 会议 。", encoding="utf-8")
    before = snapshot(path)
    args = [command, str(path)] + ([str(article)] if command == "import" else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert f"error: {path}: " in result.output and expected in result.output
    assert snapshot(path) == before


def test_a_refused_open_holds_no_lock(damaged):
    # A refusal must release the writer lock, or the file could not be repaired and reopened.
    path, _ = damaged
    with pytest.raises(ProjectError):
        Project.open(path)
    from annotator.store.lock import WriterLock

    WriterLock(path, user="next").release()


@pytest.fixture
def read_only_file(project_path: Path):
    project_path.chmod(0o444)
    yield project_path
    project_path.chmod(0o644)


def test_read_only_file_opens_read_only_and_refuses_edits_clearly(read_only_file):
    before = snapshot(read_only_file)
    with Project.open(read_only_file) as p:
        assert p.readonly and p.readonly_reason == "the file is read-only"
        assert p.document(1).text == TEXT
        for edit in (lambda: p.edits.add_span(1, 18, 20, "PER"), lambda: p.edits.set_status(1, "reviewed"),
                     lambda: p.edits.remember_word("公安局"), lambda: p.importer.import_paths([read_only_file.parent])):
            with pytest.raises(ProjectError) as info:
                edit()
            assert str(info.value).startswith(f"{read_only_file}: the project is read-only (the file is read-only)")
            assert "writable" in info.value.hint
    assert snapshot(read_only_file) == before


def test_read_only_file_via_cli(read_only_file, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("北京 举行 会议 。", encoding="utf-8")
    before = snapshot(read_only_file)
    result = CliRunner().invoke(cli, ["import", str(read_only_file), str(article)])
    assert result.exit_code == 2
    assert f"error: {read_only_file}: the project is read-only (the file is read-only)" in result.output
    assert "make the file and its folder writable" in result.output
    for command in ("info", "list"):
        result = CliRunner().invoke(cli, [command, str(read_only_file)])
        assert result.exit_code == 0, result.output
        assert "北京市公安局" in result.output or "documents 1" in result.output
    assert snapshot(read_only_file) == before


def test_read_only_folder_opens_read_only(project_path):
    folder = project_path.parent
    before, names = snapshot(project_path), sorted(f.name for f in folder.iterdir())
    folder.chmod(0o555)
    try:
        with Project.open(project_path) as p:
            assert p.readonly and p.readonly_reason == "its folder is read-only"
            with pytest.raises(ProjectError, match="read-only"):
                p.edits.add_span(1, 18, 20, "PER")
    finally:
        folder.chmod(0o755)
    assert snapshot(project_path) == before
    assert sorted(f.name for f in folder.iterdir()) == names


def test_asked_read_only_says_how_to_write(project_path):
    with Project.open(project_path, readonly=True) as p:
        assert p.readonly_reason == "opened read-only"
        with pytest.raises(ProjectError) as info:
            p.edits.relabel(2, "LOC")
        assert "open it again for writing" in info.value.hint


def test_read_only_open_sees_edits_still_in_the_log_of_a_crashed_writer(project_path):
    # A writer killed before folding its log leaves committed edits only in -wal; making the file
    # read-only afterwards must not hide them (SQLite's immutable mode would).
    import subprocess
    import sys

    code = ("import os, sys\nfrom annotator.service import Project\n"
            "p = Project.open(sys.argv[1])\np.edits.set_status(1, 'reviewed')\nos.kill(os.getpid(), 9)\n")
    subprocess.run([sys.executable, "-c", code, str(project_path)], check=False)
    assert Path(str(project_path) + "-wal").stat().st_size > 0
    project_path.chmod(0o444)
    try:
        with Project.open(project_path) as p:
            assert p.readonly and p.document(1).status == "reviewed"
    finally:
        project_path.chmod(0o644)


def test_mode_bits_not_access_decide_read_only_even_for_root(project_path):
    # Root may write anything; a file its user made read-only must still open read-only.
    project_path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        with Project.open(project_path) as p:
            assert p.readonly
    finally:
        project_path.chmod(0o644)
    assert os.access(project_path, os.W_OK)


def damage_deep_pages(path: Path) -> None:
    """Fill a project with documents, then garble pages near the end: the catalogue stays sound."""
    from dataclasses import replace

    from tests.store.helpers import sample_document

    with Project.open(path) as p:
        base = sample_document()
        p.importer.add_documents([replace(base, text=base.text + f"\n{i:05d}" * 30, spans=()) for i in range(300)],
                        prelabel=False)
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    data[(pages - 20) * 4096:(pages - 2) * 4096] = b"\xa5" * (18 * 4096)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("command", ["import", "info", "list"])
def test_damage_found_only_while_reading_is_a_clear_error_too(project_path, command, tmp_path):
    damage_deep_pages(project_path)
    article = tmp_path / "article.txt"
    article.write_text("北京 举行 会议 。", encoding="utf-8")
    before = snapshot(project_path)[project_path.name]
    args = [command, str(project_path)] + ([str(article), "--no-prelabel"] if command == "import" else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    # Reading finds the damage when it gets there; opening for writing checks the structure first,
    # so that nothing is ever written into a damaged file.
    assert f"error: {project_path}: the project file is damaged (" in result.output
    assert ("database disk image is malformed" if command != "import" else "structure check: Page") in result.output
    assert "restore it from a backup" in result.output
    assert snapshot(project_path)[project_path.name] == before
