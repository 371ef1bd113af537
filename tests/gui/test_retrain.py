"""Background retraining from the window: after every N newly reviewed documents a training process runs
while the reviewer goes on, and the model it learns becomes the project's (through the gate)."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QAction

from annotator.core.annotations import ReviewStatus
from annotator.core.prelabel import describe, train
from annotator.core.prelabel.models.files import FINETUNE, STARTER
from annotator.core.prelabel.models.meta import read_meta
from annotator.gui.keys import Binding
from annotator.service import Project
from annotator.service.training import TrainingResult, gate_passed
from tests.service.conventions import pd98, without_places

MARK = Binding("mark_reviewed", "")
ROUND = 180_000  # ms: a round is a few seconds (a process starting, then training) but runs at nice 10: a busy machine starves it


@pytest.fixture
def team_project(tmp_path: Path) -> Path:
    """Fourteen pd98 documents (no places: the team's convention), the first eight already reviewed, the
    others' entities accepted but not yet marked reviewed; the window retrains after every 2 newly reviewed."""
    path = tmp_path / "team.annot"
    docs = without_places(pd98(14))
    docs = [replace(d, status=ReviewStatus.REVIEWED if i < 8 else ReviewStatus.NEW) for i, d in enumerate(docs)]
    with Project.create(path, schema="news-zh") as project:
        project.importer.add_documents(docs, prelabel=False)
        project.training.set_retrain_every(2)
    return path


@pytest.fixture
def win(qtbot, team_project: Path):
    from annotator.gui.window import MainWindow

    window = MainWindow(ask_reviewer=False)
    qtbot.addWidget(window)
    assert window.open_project(team_project, doc_id=9)
    yield window
    window.close_project()


@pytest.mark.slow
def test_reviewing_documents_retrains_in_the_background_through_the_gate(qtbot, win):
    retrainer, project = win.retrainer, win.session.project
    assert project.status_counts()[ReviewStatus.REVIEWED.value] == 8
    win.run(MARK)
    assert not retrainer.running  # nine reviewed: too few to score a new model, so no round at all
    with qtbot.waitSignal(retrainer.finished, timeout=ROUND) as first:
        win.run(MARK)
        assert retrainer.running
    result = first.args[0]
    assert (result.reviewed, result.learned_from, result.held_out) == (10, 8, 2)
    assert result.f1_new is not None and result.f1_old is not None and result.confidence is not None
    assert result.kept == gate_passed(result.held_out, result.confidence)
    assert win.statusBar().currentMessage() == result.summary()
    if result.kept:
        assert read_meta(project.training.model_bytes())["documents"] == 8
        in_use = next(e for e in project.prelabel.prelabeler().engines if e.name == "model").model
        assert in_use.meta["documents"] == 8  # pre-highlighting uses it from now on
    else:
        assert project.training.model_bytes() is None  # still the starter


def test_closing_the_project_while_it_trains_kills_the_training_and_keeps_the_file_sound(qtbot, win, team_project):
    win.session.project.training.set_retrain_every(0)
    win.run(MARK)
    win.run(MARK)
    win.retrainer.retrain_now()
    assert win.retrainer.running
    pid = win.retrainer.process.processId()
    started = time.perf_counter()
    win.close_project()
    assert time.perf_counter() - started < 5
    assert not win.retrainer.running
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped
    with Project.open(team_project) as p:
        assert p.training.model_bytes() is None and p.store.setting("training") is None
        assert p.store.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert p.status_counts()[ReviewStatus.REVIEWED.value] == 10


def test_retrain_now_says_how_many_reviewed_documents_are_needed(qtbot, win):
    win.retrainer.retrain_now()
    assert win.statusBar().currentMessage() == (
        "Not retrained: the model learns only from 10 or more reviewed documents, some held out to check that "
        "a new model is clearly better; review 2 more")
    assert not win.retrainer.running and win.session.project.training.model_bytes() is None
    win.session.project.training.set_retrain_every(0)
    for _ in range(3):
        win.run(MARK)
    assert not win.retrainer.running


def test_a_training_that_cannot_start_is_reported_and_retried_only_after_more_reviews(qtbot, win, monkeypatch,
                                                                                      tmp_path):
    monkeypatch.setattr("annotator.gui.retrain.sys.executable", str(tmp_path / "no-such-python"))
    win.run(MARK)
    with qtbot.waitSignal(win.retrainer.finished, timeout=20_000) as failed:
        win.run(MARK)
    assert failed.args[0] is None and not win.retrainer.running
    assert win.statusBar().currentMessage().startswith("background retraining failed")
    win.run(MARK)
    assert not win.retrainer.running  # one more review since the failure: not yet


@pytest.mark.slow
def test_an_untouched_document_suggests_afresh_once_a_newer_model_is_in_use(qtbot, win):
    project = win.session.project
    project.training.set_retrain_every(0)
    win.run(MARK)
    win.run(MARK)
    time.sleep(1.1)  # timestamps are whole seconds: the model must be newer than the documents
    _use_a_model(project)
    assert project.prelabel.suggestions_outdated(12) and not project.prelabel.suggestions_outdated(9)  # 9 is reviewed
    before = project.document(12)
    assert not any(s.state.value == "suggested" for s in before.spans)  # imported without pre-highlighting
    assert win.page.open_document(12)
    after = project.document(12)
    fresh = [s for s in after.spans if s.state.value == "suggested"]
    assert fresh and {s.origin for s in fresh} <= {"model", "dictionary", "rules"}
    assert [s for s in after.spans if s.state.value != "suggested"] == list(before.spans)  # decided ones stay
    assert after.status == ReviewStatus.PRE_ANNOTATED  # suggestions alone do not start a review
    assert win.page.state.doc_id == 12 and len(win.page.state.spans) == len(after.spans)
    assert not project.prelabel.suggestions_outdated(12)
    win.session.undo_stack.undo()  # one undoable step, like any edit
    assert project.document(12).spans == before.spans


def test_tools_stop_retraining_stops_the_round_and_keeps_the_model(qtbot, win, team_project):
    from annotator.gui.retrain import STOP

    win.run(STOP)
    assert win.statusBar().currentMessage() == "the model is not retraining"
    win.session.project.training.set_retrain_every(0)
    win.run(MARK)
    win.run(MARK)  # ten reviewed: enough for a round the gate can score
    win.retrainer.retrain_now()
    pid = win.retrainer.process.processId()
    win.run(STOP)
    assert not win.retrainer.running and "model in use stays" in win.statusBar().currentMessage()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert win.session.project.training.model_bytes() is None
    assert any(a.data() == "stop_retraining" for m in win.menuBar().actions() for a in m.menu().actions())


def _use_a_model(project: Project) -> None:
    """Put a gate-passing result in use (the gate's own tests are in tests/service/test_training.py)."""
    plan = project.training.plan(from_scratch=False)
    model = train(plan.learn, base=STARTER, method=FINETUNE)
    project.training.adopt(TrainingResult(kept=True, reviewed=plan.reviewed, learned_from=len(plan.learn),
                                          held_out=len(plan.held_out), f1_new=0.9, f1_old=0.8, seconds=0.0,
                                          description=describe(model), replaces=plan.current_id, model=model,
                                          confidence=1.0))


def test_stop_retraining_is_enabled_only_while_a_retraining_runs(qtbot, win):
    def stop_action():
        return next(a for a in win.findChildren(QAction) if a.data() == "stop_retraining" and a.parent() is win
                    and a in win.actions())
    assert not stop_action().isEnabled()  # nothing runs: greyed out
    win.session.project.training.set_retrain_every(0)
    win.run(MARK)
    win.run(MARK)
    win.retrainer.retrain_now()
    assert win.retrainer.running and stop_action().isEnabled()
    win.rebuild_menus()  # menus built again (a schema or language change) while it runs
    assert stop_action().isEnabled()
    win.run(Binding("stop_retraining", ""))
    assert not win.retrainer.running and not stop_action().isEnabled()
    win.rebuild_menus()
    assert not stop_action().isEnabled()
