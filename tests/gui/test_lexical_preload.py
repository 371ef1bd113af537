"""The window loads LAC in the background for a project whose model reads it: once the first document is shown
(the opening itself is not slowed), and again as a retrained model is adopted; a project whose models never read
LAC opens without importing onnxruntime."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from annotator.core.prelabel import describe
from annotator.core.prelabel.features import lexical, word_analysis
from annotator.service import Project
from annotator.service.training import TrainingResult
from annotator.store import models
from tests.service.test_lexical_preload import finish_preloads, project_with

SRC = str(Path(__file__).resolve().parents[2] / "src")


@pytest.fixture(scope="module")
def lac_model() -> bytes:
    from annotator.core.prelabel import train
    from tests.service.test_lexical_preload import _fragments

    return train(_fragments(), base="starter", method="stack")


@pytest.fixture(scope="module")
def plain_model() -> bytes:
    """A model stacked on the starter that does not read LAC."""
    from annotator.core.prelabel import train
    from annotator.core.prelabel.features.lexical_keys import LEXICAL_TEMPLATES
    from annotator.core.prelabel.learning.crfsuite import STACKED_TEMPLATES
    from tests.service.test_lexical_preload import _fragments

    return train(_fragments(), base="starter", method="stack",
                 templates=tuple(t for t in STACKED_TEMPLATES if t not in LEXICAL_TEMPLATES))


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
    qtbot.waitUntil(lambda: preloads == ["preload"], timeout=20000)
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
    qtbot.waitUntil(lambda: preloads == ["preload"], timeout=20000)  # after jieba's table, in the same thread
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
    if thread.name in ("suggesting preload", "LAC preload"):  # the first waits for the second it starts
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


@pytest.fixture
def lac_held(monkeypatch):
    """LAC not loaded in this process, its load held until the test lets it go (`gate.set()`); the main thread's
    calls while it is held are counted, and given LAC at once rather than blocking the test run."""
    lac = lexical._lac()  # the real reader, loaded once
    gate, on_main = threading.Event(), []
    monkeypatch.setattr(lexical, "_reader", [])
    monkeypatch.setattr(lexical, "_preloading", [])

    def held():
        if threading.current_thread() is threading.main_thread() and not gate.is_set():
            on_main.append("waited")
        else:
            gate.wait(30)
        with lexical._lock:
            if not lexical._reader:
                lexical._reader.append(lac)
        return lexical._reader[0]

    monkeypatch.setattr(lexical, "_lac", held)
    yield gate, on_main
    gate.set()
    for thread in lexical._preloading:
        thread.join(30)
    finish_preloads()


def outdated_under(path: Path, model: bytes, folder: Path, schema: str = "news-zh") -> None:
    """A project of two news documents pre-highlighted before `model`, the one in use."""
    news = [folder / "a.txt", folder / "b.txt"]
    news[0].write_text("新华社北京电 国务院总理李强在人民大会堂会见了来访的法国总统马克龙。", encoding="utf-8")
    news[1].write_text("上海市市长龚正在浦东会见了英国伦敦金融城市长。", encoding="utf-8")
    with project_with(path, None, schema=schema) as project:
        project.importer.import_paths(news, prelabel=False, workers=1)
        time.sleep(1.1)  # timestamps are whole seconds: the model must be newer than the documents
        with project.store.transaction() as db:
            models.add(db, description="stacked, reading LAC", data=model)
        assert project.prelabel.suggestions_outdated(1) and project.prelabel.suggestions_outdated(2)


def test_a_first_document_to_suggest_afresh_shows_at_once_and_its_suggestions_follow_lac(qtbot, tmp_path, lac_model,
                                                                                       lac_held):
    """The first document shown, outdated under a model that reads LAC, suggested afresh before it was shown: the
    window waited for LAC's load on its own thread (0.26-0.34 s of a 1.6-2.2 s opening, load 5.5). Now its text
    shows at once and its suggestions come once the background load is done."""
    gate, on_main = lac_held
    path = tmp_path / "lac.annot"
    outdated_under(path, lac_model, tmp_path)
    win = window(qtbot)
    assert win.open_project(path, doc_id=1)
    page, prelabel = win.page, win.session.project.prelabel
    assert page.state.doc_id == 1 and page.view.toPlainText().startswith("新华社北京电")
    assert on_main == [] and prelabel.suggestions_outdated(1)  # shown without LAC, and not suggested yet
    qtbot.wait(300)
    assert prelabel.suggestions_outdated(1)  # still waiting for the load
    gate.set()
    qtbot.waitUntil(lambda: not prelabel.suggestions_outdated(1), timeout=20000)
    assert on_main == []
    first = page.state.next_suggestion(None, 0)
    assert first is not None and page.view.current_span == first.id  # selected, as an opening selects it
    win.close_project()


def test_suggestions_that_waited_for_lac_go_to_the_document_open_when_it_is_loaded(qtbot, tmp_path, lac_model,
                                                                                   lac_held):
    """The reviewer moved on while LAC loaded: the document left is not suggested behind their back (it will be
    when opened again), the one open is."""
    gate, on_main = lac_held
    path = tmp_path / "lac.annot"
    outdated_under(path, lac_model, tmp_path)
    win = window(qtbot)
    assert win.open_project(path, doc_id=1)
    assert win.page.open_document(2)
    prelabel = win.session.project.prelabel
    gate.set()
    qtbot.waitUntil(lambda: not prelabel.suggestions_outdated(2), timeout=20000)
    qtbot.wait(200)
    assert prelabel.suggestions_outdated(1) and on_main == []
    win.close_project()


def test_a_first_document_under_a_model_without_lac_waits_for_jiebas_table_off_the_window_thread(qtbot, tmp_path,
                                                                                                plain_model,
                                                                                                monkeypatch):
    """A model that does not read LAC: the first suggestion of the process read jieba's part-of-speech table on the
    window's thread (0.3-0.4 CPU-s of the 0.75 the first suggestion held it). Now the document shows, the background
    load reads the table, and the suggestions follow; the window's thread never reads it."""
    finish_preloads()
    monkeypatch.setattr(word_analysis, "_tags", None)
    gate, reads = threading.Event(), []
    real = word_analysis._pos_table

    def held():
        reads.append(threading.current_thread().name)
        if threading.current_thread() is not threading.main_thread():
            gate.wait(30)
        return real()

    monkeypatch.setattr(word_analysis, "_pos_table", held)
    path = tmp_path / "plain.annot"
    outdated_under(path, plain_model, tmp_path)
    win = window(qtbot)
    assert win.open_project(path, doc_id=1)
    prelabel = win.session.project.prelabel
    assert win.page.view.toPlainText().startswith("新华社北京电") and prelabel.suggestions_outdated(1)
    qtbot.waitUntil(lambda: reads == ["suggesting preload"], timeout=5000)
    qtbot.wait(200)
    assert prelabel.suggestions_outdated(1)  # waiting for the table
    gate.set()
    qtbot.waitUntil(lambda: not prelabel.suggestions_outdated(1), timeout=20000)
    assert reads == ["suggesting preload"]
    win.close_project()


def test_a_first_document_of_a_project_with_event_types_loads_its_event_model_off_the_window_thread(
        qtbot, tmp_path, plain_model, monkeypatch):
    """A cec project (its starter event model ships): the first document suggested afresh also suggests events, and
    loading the event model held the window's thread 0.08 CPU-s of the 0.17 its first suggestions held it. Now the
    background load loads it, and the window's thread uses what it loaded."""
    from annotator.core.prelabel.events import files
    from annotator.core.prelabel.events.model import EventModel

    finish_preloads()
    files._load_cached.cache_clear()
    monkeypatch.setattr(word_analysis, "_tags", None)  # as in a fresh process: the first suggestion waits the load
    loads: list[str] = []
    real = EventModel.from_bytes.__func__  # type: ignore[attr-defined]

    def counted(cls, data, *, source="the project's event model"):
        loads.append(threading.current_thread().name)
        return real(cls, data, source=source)

    monkeypatch.setattr(EventModel, "from_bytes", classmethod(counted))
    path = tmp_path / "cec.annot"
    outdated_under(path, plain_model, tmp_path, schema="cec")
    win = window(qtbot)
    assert win.open_project(path, doc_id=1)
    prelabel = win.session.project.prelabel
    qtbot.waitUntil(lambda: not prelabel.suggestions_outdated(1), timeout=30000)
    assert loads == ["suggesting preload"]
    win.close_project()
