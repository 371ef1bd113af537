"""The command as an installed app: --version, python -m annotator, the demo from the package, install-desktop."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator import __version__
from annotator.cli import cli
from annotator.cli.desktop_cmds import desktop_entry
from annotator.core.progress import Cancelled
from annotator.core.resources import demo_files
from annotator.service import Project
from annotator.service.project import create_from_files

SRC = Path(__file__).resolve().parents[2] / "src"


def run(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_python_dash_m_is_the_command(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([sys.executable, "-m", "annotator", "--version"], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0 and __version__ in done.stdout


def test_the_demo_builds_from_the_package_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing is looked up relative to the working folder
    result = run("demo", tmp_path / "d" / "demo.annot")
    assert result.exit_code == 0 and "built" in result.output
    assert [p.name for p in (tmp_path / "d").iterdir() if "building" in p.name] == []
    with Project.open(tmp_path / "d" / "demo.annot", readonly=True) as project:
        assert project.store.db.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    assert "exists" in run("demo", tmp_path / "d" / "demo.annot").output


def test_install_desktop_writes_the_launcher_and_icon(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    result = run("install-desktop")
    assert result.exit_code == 0
    entry = tmp_path / "share" / "applications" / "annotator.desktop"
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "annotator.svg"
    assert f"wrote {entry}" in result.output and icon.is_file()
    exec_line = next(line for line in entry.read_text(encoding="utf-8").splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" %f") and ("annotator" in exec_line)


def test_the_launcher_command_is_quoted():
    assert "Exec='/opt/my apps/annotator' %f" in desktop_entry("'/opt/my apps/annotator'")


def test_a_cancelled_or_failed_demo_build_leaves_nothing(tmp_path):
    articles, schema = demo_files()
    target = tmp_path / "d" / "demo.annot"

    def stop(done: int, total: int, current: str) -> bool:
        return False

    with pytest.raises(Cancelled):
        create_from_files(target, articles, schema=schema, progress=stop)
    assert list((tmp_path / "d").iterdir()) == []
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    report = create_from_files(target, [*articles, broken], schema=schema)
    assert report.errors and list((tmp_path / "d").iterdir()) == []
