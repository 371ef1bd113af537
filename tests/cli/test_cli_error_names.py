"""Every error names its file and exits 2: an export's own checks, `gui` on a missing or locked project."""

from __future__ import annotations

import os
import subprocess
import sys

from click.testing import CliRunner

from annotator.cli import cli
from annotator.core import formats
from annotator.core.errors import ValidationError
from annotator.service import Project

MAIN = "from annotator.cli import main; main()"


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def test_a_writer_check_without_a_file_names_the_export_target(tmp_path, monkeypatch):
    project = tmp_path / "p.annot"
    article = tmp_path / "a.txt"
    article.write_text("上海 举行 会议 。", encoding="utf-8")
    assert run("new", project)[0] == 0 and run("import", project, article, "--no-prelabel")[0] == 0
    spec = formats.get_format("conll")

    def failing(docs, out, **_):
        for _doc in docs:
            raise ValidationError("tag 'B' does not start a span", path="", line=3)

    monkeypatch.setitem(formats.FORMATS, "conll", spec.__class__(**{**spec.__dict__, "write": failing}))
    target = tmp_path / "out.conll"
    code, out = run("export", project, "--status", "all", "--format", "conll", "-o", target)
    assert code == 2 and f"error: {target}: tag 'B' does not start a span" in out
    assert not target.exists()


def test_gui_on_a_missing_project_exits_2_naming_it(tmp_path):
    missing = tmp_path / "missing.annot"
    code, out = run("gui", missing, "--screenshot", tmp_path / "shot.png")
    assert code == 2 and f"error: {missing}: no such project file" in out


def test_gui_screenshot_of_a_locked_project_says_why(tmp_path):
    project = tmp_path / "p.annot"
    assert run("new", project)[0] == 0
    with Project.open(project, user="alice"):
        proc = subprocess.run([sys.executable, "-c", MAIN, "gui", str(project), "--screenshot", str(tmp_path / "s.png")],
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 2
    assert f"error: {project}: the project is open for writing by alice" in proc.stderr
