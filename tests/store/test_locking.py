"""One writer at a time, across processes: a clear refusal naming the holder; readers unaffected."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError, ProjectLockedError
from annotator.service import Project
from annotator.store.lock import lock_path
from tests.store.helpers import snapshot

ANNOTATOR = Path(sys.executable).with_name("annotator")


def annotator(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ANNOTATOR, *map(str, args)], capture_output=True, text=True, timeout=60)


@pytest.mark.slow
def test_cli_import_while_a_window_writes_is_refused_naming_the_holder(project_path, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("上海 举行 会议 。", encoding="utf-8")
    with Project.open(project_path, user="alice") as window:
        proc = annotator("import", project_path, article)
        assert proc.returncode == 2
        assert proc.stderr.startswith(f"error: {project_path}: the project is open for writing by alice "
                                      f"(process {os.getpid()} on {socket.gethostname()}, since ")
        assert "close it there first" in proc.stderr
        assert "Traceback" not in proc.stderr
        # Reading still works while the window holds the project, and sees its latest edit.
        window.edits.set_status(1, "reviewed")
        listing = annotator("list", project_path)
        assert listing.returncode == 0 and "\treviewed\t" in listing.stdout
        info = annotator("info", project_path)
        assert info.returncode == 0 and "documents 1 (reviewed 1)" in info.stdout
        out = tmp_path / "train.jsonl"
        export = annotator("export", project_path, "-o", out)
        assert export.returncode == 0, export.stderr
        assert "北京市公安局" in out.read_text(encoding="utf-8")
    assert annotator("import", project_path, article, "--no-prelabel").returncode == 0


HOLDER = """
import sys, time
from annotator.service import Project
p = Project.open(sys.argv[1], user="bob")
p.edits.set_status(1, "skipped")
print("ready", flush=True)
time.sleep(60)
"""


def test_a_lock_left_by_a_killed_process_is_taken_over(project_path):
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(project_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        with pytest.raises(ProjectLockedError, match=rf"open for writing by bob \(process {child.pid} "):
            Project.open(project_path)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        child.kill()
    # The dead holder's details are still in the lock file; the kernel has released its lock.
    assert json.loads(lock_path(project_path).read_text())["pid"] == child.pid
    with Project.open(project_path, user="carol") as p:
        assert p.document(1).status == "skipped"  # its committed edit survived the kill
        assert json.loads(lock_path(project_path).read_text())["user"] == "carol"
        p.edits.set_status(1, "reviewed")
    assert lock_path(project_path).read_text() == ""  # released: nobody holds it


def test_a_lock_planted_as_a_symlink_is_not_followed(project_path, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    lock = lock_path(project_path)
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    before = snapshot(project_path)
    with pytest.raises(ProjectError) as info:
        Project.open(project_path)
    assert str(info.value).startswith(f"{lock}: cannot create the lock file")
    assert victim.read_text(encoding="utf-8") == "precious"
    with Project.open(project_path, readonly=True) as p:
        assert p.document(1).text.startswith("北京市公安局")
    assert snapshot(project_path)[project_path.name] == before[project_path.name]


def test_creating_a_project_someone_is_creating_is_refused(tmp_path):
    from annotator.store.lock import WriterLock

    path = tmp_path / "new.annot"
    held = WriterLock(path, user="dave")
    try:
        with pytest.raises(ProjectLockedError, match="by dave"):
            Project.create(path)
        assert not path.exists()
    finally:
        held.release()
    Project.create(path).close()
