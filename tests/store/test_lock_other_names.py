"""The writer lock belongs to the file, not to the name: hard links, symbolic links and renames are refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError, ProjectLockedError
from annotator.service import Project

HOLDER = """
import sys, time
from annotator.service import Project
p = Project.open(sys.argv[1], user="bob")
p.edits.set_status(1, "skipped")
print("ready", flush=True)
time.sleep(60)
"""


def _cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from annotator.cli import main; main()", *map(str, args)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})


@pytest.fixture
def holder(project_path: Path):
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(project_path)], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        assert child.stdout.readline().strip() == "ready"
        yield child
    finally:
        child.kill()
        child.wait(timeout=10)


def test_a_symbolic_link_reaches_the_same_lock(project_path, tmp_path, holder):
    link = tmp_path / "elsewhere" / "link.annot"
    link.parent.mkdir()
    link.symlink_to(project_path)
    with pytest.raises(ProjectLockedError, match=r"open for writing by bob"):
        Project.open(link)
    article = tmp_path / "a.txt"
    article.write_text("上海 举行 会议 。", encoding="utf-8")
    proc = _cli("import", link, article, "--no-prelabel")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "open for writing by bob" in proc.stderr
    assert not (link.parent / "link.annot-wal").exists()


def test_a_renamed_file_is_still_locked(project_path, tmp_path, holder):
    moved = tmp_path / "renamed.annot"
    os.rename(project_path, moved)
    with pytest.raises(ProjectLockedError, match="another name of the same file"):
        Project.open(moved)


def test_a_hard_link_is_refused_while_the_other_name_writes(project_path, tmp_path, holder):
    other = tmp_path / "other.annot"
    os.link(project_path, other)
    article = tmp_path / "a.txt"
    article.write_text("上海 举行 会议 。", encoding="utf-8")
    proc = _cli("import", other, article, "--no-prelabel")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert str(other) in proc.stderr and "hard link" in proc.stderr
    assert not (tmp_path / "other.annot-wal").exists()
    # Reading through the other name still works, and never writes.
    with Project.open(other, readonly=True) as p:
        assert p.document(1).text


def test_a_file_with_two_names_opens_read_only_even_with_nobody_writing(project_path, tmp_path):
    other = tmp_path / "other.annot"
    os.link(project_path, other)
    for name in (project_path, other):
        with Project.open(name) as p:
            assert p.store.readonly and "hard links" in p.store.readonly_reason
            with pytest.raises(ProjectError, match="hard links"):
                p.edits.set_status(1, "reviewed")
    other.unlink()
    with Project.open(project_path) as p:
        p.edits.set_status(1, "reviewed")


def test_the_same_file_twice_in_one_process_is_refused(project_path, tmp_path):
    link = tmp_path / "link.annot"
    link.symlink_to(project_path)
    with Project.open(project_path) as p:
        with pytest.raises(ProjectLockedError):
            Project.open(link)
        p.edits.set_status(1, "reviewed")  # the first holder's connection is unharmed
    with Project.open(link) as p:
        assert p.document(1).status == "reviewed"
