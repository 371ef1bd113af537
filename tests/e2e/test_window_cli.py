"""The window from the command line: `annotator gui … --screenshot` renders a real PNG; `annotator x.annot`
opens the window; without a display the command says what to do instead of crashing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gui"))

from gui_helpers import build_project

ANNOTATOR = Path(sys.executable).with_name("annotator")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(ANNOTATOR), *args], capture_output=True, text=True, timeout=120,
                          env=env or os.environ.copy())


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "shot.annot"
    build_project(path)
    return path


def settings_env(tmp: Path) -> dict[str, str]:
    """A child process whose QSettings (XDG config) live in a temporary folder, offscreen."""
    return {**os.environ, "XDG_CONFIG_HOME": str(tmp), "QT_QPA_PLATFORM": "offscreen"}


def test_screenshot_renders_the_document_with_its_suggestions(project, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from annotator.gui.highlighter import blend

    out = tmp_path / "shot.png"
    result = run("gui", str(project), "--doc", "1", "--screenshot", str(out), env=settings_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "This plugin does not support" not in result.stderr  # the offscreen platform's notes are not faults
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 860)
    pale_org = blend("#9ec9f5", 0.55).rgb()  # the fill of an ORG suggestion
    hits = sum(1 for y in range(0, 860, 2) for x in range(360, 1150, 2) if image.pixel(x, y) == pale_org)
    assert hits > 500  # suggestions are on screen
    text_pixels = sum(1 for y in range(100, 400, 2) for x in range(380, 1100, 2)
                      if QColor(image.pixel(x, y)).lightness() < 80)
    assert text_pixels > 2000  # glyphs were drawn, not empty boxes


def test_a_project_path_alone_opens_the_window(project, tmp_path):
    out = tmp_path / "alone.png"
    result = run(str(project), "--screenshot", str(out), env=settings_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 10_000


def test_without_a_display_the_command_explains_itself(project, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = run("gui", str(project), env=env)
    assert result.returncode != 0
    assert "--screenshot" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("platform", ["offscreen", "minimal"])
def test_a_platform_that_draws_nowhere_is_refused_instead_of_a_window_nobody_sees(project, tmp_path, platform):
    env = {**settings_env(tmp_path), "QT_QPA_PLATFORM": platform}
    result = run(str(project), env=env)  # a bare project path opens the window, as `gui` does
    assert result.returncode == 2
    assert "no display" in result.stderr and "--screenshot" in result.stderr and "Traceback" not in result.stderr


def test_a_damaged_project_fails_cleanly(tmp_path):
    bad = tmp_path / "bad.annot"
    bad.write_bytes(b"not a project")
    result = run("gui", str(bad), "--screenshot", str(tmp_path / "x.png"), env=settings_env(tmp_path))
    assert result.returncode != 0 and "Traceback" not in result.stderr


def test_a_mistyped_project_is_named_before_the_missing_display(tmp_path):
    # Without a display, `annotator nwes.annot` said "no display" — and the same on a desktop once one was found.
    env = {**settings_env(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = run(str(tmp_path / "nwes.annot"), env=env)
    assert result.returncode == 2
    assert "nwes.annot: no such project file (create one with `annotator new`)" in result.stderr
    assert "no display" not in result.stderr
