"""The window loads LAC in the background for a project whose model reads it: once the first document is shown
(the opening itself is not slowed), and again as a retrained model is adopted; a project whose models never read
LAC opens without importing onnxruntime."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.prelabel import describe
from annotator.core.prelabel.features import lexical
from annotator.service import Project
from annotator.service.training import TrainingResult
from tests.service.test_lexical_preload import project_with

SRC = str(Path(__file__).resolve().parents[2] / "src")


@pytest.fixture(scope="module")
def lac_model() -> bytes:
    from annotator.core.prelabel import train
    from tests.service.test_lexical_preload import _fragments

    return train(_fragments(), base="starter", method="stack")


@pytest.fixture
def preloads(monkeypatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(lexical, "preload", lambda: calls.append("preload"))
    return calls


def window(qtbot):
    from annotator.gui.window import MainWindow

    win = MainWindow(ask_reviewer=False)
    qtbot.addWidget(win)
    return win


def test_lac_loads_once_the_first_document_is_shown(qtbot, tmp_path, lac_model, preloads):
    path = tmp_path / "lac.annot"
    project_with(path, lac_model).close()
    win = window(qtbot)
    assert win.open_project(path)
    assert preloads == []  # not beside the opening
    qtbot.waitUntil(lambda: preloads == ["preload"], timeout=5000)
    win.close_project()


def test_a_project_whose_models_never_read_lac_does_not_load_it(qtbot, tmp_path, preloads):
    path = tmp_path / "plain.annot"
    project_with(path, None).close()
    win = window(qtbot)
    assert win.open_project(path)
    qtbot.wait(200)
    assert preloads == []
    win.close_project()


def test_a_project_open_read_only_does_not_load_it(qtbot, tmp_path, lac_model, preloads):
    path = tmp_path / "lac.annot"
    project_with(path, lac_model).close()
    win = window(qtbot)
    assert win.open_project(path, readonly=True)
    qtbot.wait(200)
    assert preloads == []  # a read-only project never suggests afresh
    win.close_project()


def test_lac_loads_as_a_retrained_model_that_reads_it_is_adopted(qtbot, tmp_path, lac_model, preloads):
    path = tmp_path / "plain.annot"
    project_with(path, None).close()
    win = window(qtbot)
    assert win.open_project(path)
    qtbot.wait(50)
    assert preloads == []
    result = TrainingResult(kept=True, reviewed=40, learned_from=32, held_out=8, f1_new=0.9, f1_old=0.8,
                            seconds=1.0, description=describe(lac_model), replaces=None, model=lac_model,
                            confidence=1.0)
    win.retrainer.conclude({"entities": json.loads(result.to_json())})
    assert win.session.project.training.model_bytes() == lac_model
    assert preloads == ["preload"]
    win.close_project()


PROBE = """
import sys, threading
from PySide6.QtWidgets import QApplication
app = QApplication([])
from annotator.gui.window import MainWindow
win = MainWindow(ask_reviewer=False)
assert win.open_project(sys.argv[1])
for _ in range(20):
    app.processEvents()
for thread in threading.enumerate():
    if thread.name == "LAC preload":
        thread.join(120)
import json
print(json.dumps([m for m in ("onnxruntime", "annotator.core.prelabel.events.files") if m in sys.modules]))
win.close_project()
"""


def opened_imports(path: Path) -> list[str]:
    """Which of onnxruntime and the event model's code a fresh window imported, having opened `path`."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "XDG_CONFIG_HOME": str(path.parent / "config")}
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, env=env,
                         timeout=180, check=True).stdout
    return list(json.loads(out.strip().splitlines()[-1]))


def test_only_a_project_whose_model_reads_lac_imports_onnxruntime(tmp_path, lac_model):
    (tmp_path / "plain").mkdir()
    (tmp_path / "lac").mkdir()
    plain, lac = tmp_path / "plain" / "p.annot", tmp_path / "lac" / "p.annot"
    Project.create(plain, schema="ace2005-zh").close()
    project_with(lac, lac_model).close()
    # ace2005-zh has event types and ships no event starter: knowing that loads no event model code either
    assert opened_imports(plain) == []
    assert "onnxruntime" in opened_imports(lac)
