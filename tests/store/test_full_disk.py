"""A full disk is reported as a full disk (never as a damaged project), and leaves no stray files behind."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.helpers import build_project

MAIN = "from annotator.cli import main; main()"


def cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", MAIN, *map(str, args)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})


@pytest.fixture
def full_disk(tmp_path: Path):
    """A small tmpfs holding a project, then filled to the last byte (needs the right to mount)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.decode(errors='replace').strip()}")
    try:
        project = build_project(mount / "review.annot")
        fd = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        yield project
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_read_commands_say_the_disk_is_full_and_leave_no_files(full_disk, tmp_path):
    before = hashlib.sha256(full_disk.read_bytes()).hexdigest()
    names = sorted(p.name for p in full_disk.parent.iterdir())
    for args in (["list", full_disk], ["info", full_disk], ["export", full_disk, "-o", tmp_path / "out.jsonl"]):
        proc = cli(*args)
        if proc.returncode == 0:
            continue  # read without needing room (nothing to write): just as good
        assert proc.returncode == 2, proc.stderr
        assert f"error: {full_disk}: the disk is full" in proc.stderr and "damaged" not in proc.stderr
        assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in full_disk.parent.iterdir()) == names
    assert hashlib.sha256(full_disk.read_bytes()).hexdigest() == before


def test_a_write_command_says_the_disk_is_full(full_disk, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("上海 举行 会议 。", encoding="utf-8")
    proc = cli("import", full_disk, article)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "No space left on device" in proc.stderr or "the disk is full" in proc.stderr
    assert "damaged" not in proc.stderr
