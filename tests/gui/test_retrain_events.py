"""Background retraining from the window retrains the event model too (a schema with event types and reviewed
events), behind the same held-out gate as the entity model: the event model in use changes only when the gate
passed, and the status bar says what became of it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.annotations import ReviewStatus
from annotator.core.prelabel.events.files import starter_bytes
from annotator.core.schema import load_schema
from annotator.gui.keys import Binding
from annotator.service import Project
from annotator.service.event_training import EventTrainingResult
from annotator.service.training import gate_passed
from tests.service.test_event_training import cec

MARK = Binding("mark_reviewed", "")
ROUND = 300_000  # ms: two models learned by a process at nice 10 on a busy machine


def _project(path: Path, *, schema: str = "cec") -> Path:
    """The twelve CEC fixture articles (events and entities accepted), the first ten reviewed; a schema named
    `schema` (another name than cec ships no event starter); the window retrains only when asked."""
    docs = [replace(d, status=ReviewStatus.REVIEWED if i < 10 else ReviewStatus.NEW) for i, d in enumerate(cec(12))]
    with Project.create(path, schema=replace(load_schema("cec"), name=schema)) as p:
        p.importer.add_documents(docs, prelabel=False)
        p.training.set_retrain_every(0)
    return path


@pytest.fixture
def window(qtbot):
    from annotator.gui.window import MainWindow

    win = MainWindow(ask_reviewer=False)
    qtbot.addWidget(win)
    yield win
    win.close_project()


def _round(*, kept: bool, confidence: float, model: bytes = b"") -> EventTrainingResult:
    return EventTrainingResult(kept=kept, learned_from=8, held_out=2, f1_new=0.7, f1_old=0.6, confidence=confidence,
                               trigger_f1=0.8, argument_f1=0.5, seconds=1.0, description="d", replaces=None,
                               model=model)


def test_an_event_round_is_used_only_when_its_gate_passed_and_the_status_says_so(qtbot, window, tmp_path):
    assert window.open_project(_project(tmp_path / "cec.annot"), doc_id=11)
    retrainer, training = window.retrainer, window.session.project.training
    no_entities = {"error": "the model learns only from 10 or more reviewed documents: review about 2 more"}
    model = starter_bytes("cec")
    assert model is not None
    # Not clearly better: the round is remembered, the event model in use stays (none: the starter).
    retrainer.conclude({"entities": no_entities, "events": _round(kept=False, confidence=0.4).to_dict()})
    assert training.event_model_bytes() is None
    assert "not clearly better, the event model in use stays" in window.statusBar().currentMessage()
    assert "higher in 40% of resamplings" in window.statusBar().currentMessage()
    assert window.session.project.store.setting("event_training")["kept"] is False
    # A round claiming to be kept that its own gate figures refuse is never put in use.
    retrainer.conclude({"entities": no_entities, "events": _round(kept=True, confidence=0.5, model=model).to_dict()})
    assert training.event_model_bytes() is None and retrainer.last_events is None
    assert "event model not retrained: this event model was not found clearly better" in window.statusBar().currentMessage()
    # A round the gate found clearly better becomes the event model in use.
    retrainer.conclude({"entities": no_entities, "events": _round(kept=True, confidence=0.9, model=model).to_dict()})
    assert training.event_model_bytes() == model and retrainer.last_events.kept
    assert window.statusBar().currentMessage().endswith("(higher in 90% of resamplings) — in use")
    # Too few reviewed events: the status says how many more are needed.
    retrainer.conclude({"entities": no_entities, "events": {"error": "review the events of about 6 more documents"}})
    assert "event model not retrained: review the events of about 6 more documents" in window.statusBar().currentMessage()
    assert training.event_model_bytes() == model


def test_a_round_of_the_worker_over_too_few_reviewed_events_says_how_many_more_are_needed(tmp_path):
    from annotator.service import retrain_worker

    path = tmp_path / "few.annot"
    docs = [replace(d, status=ReviewStatus.REVIEWED) for d in cec(4)]
    with Project.create(path, schema="cec") as p:
        p.importer.add_documents(docs, prelabel=False)
    out = tmp_path / "out.json"
    assert retrain_worker.main([str(path), str(out)]) == 0
    import json

    rounds = json.loads(out.read_text(encoding="utf-8"))
    assert "review about 6 more" in rounds["entities"]["error"]
    assert "review the events of about 6 more documents" in rounds["events"]["error"]


@pytest.mark.slow
@pytest.mark.parametrize("schema", ["cec", "cec-team"])
def test_retraining_in_the_background_retrains_the_event_model_through_its_gate(qtbot, window, tmp_path, schema):
    # cec ships a starter the new event model must beat; cec-team has none, so a scored model beats none.
    assert window.open_project(_project(tmp_path / f"{schema}.annot", schema=schema), doc_id=11)
    retrainer, training = window.retrainer, window.session.project.training
    with qtbot.waitSignal(retrainer.finished, timeout=ROUND):
        retrainer.retrain_now()
        assert retrainer.running
    events = retrainer.last_events
    assert events is not None and (events.learned_from, events.held_out) == (8, 2)
    assert events.kept == gate_passed(events.held_out, events.confidence)
    message = window.statusBar().currentMessage()
    assert f"event model retrained on 8 documents with events: F1 {events.f1_old:.3f} → {events.f1_new:.3f}" in message
    if events.kept:
        assert message.endswith("— in use") and training.event_model_bytes() is not None
        assert training.event_suggester().meta["gate"]["held_out"] == 2  # suggestions come from it now
    else:
        assert "the event model in use stays" in message and training.event_model_bytes() is None
    if schema == "cec-team":
        assert events.kept and events.f1_old == 0.0  # no starter: nothing suggested before


def test_a_project_whose_reviews_hold_no_event_retrains_without_an_event_round(tmp_path):
    """The default schema has event types; a team that annotates only entities read 'event model not retrained: the
    event model learns only from 10 or more reviewed documents with events …' after every retraining."""
    from annotator.service import retrain_worker

    path = tmp_path / "entities.annot"
    docs = [replace(d, status=ReviewStatus.REVIEWED, events=()) for d in cec(4)]
    with Project.create(path, schema="cec") as p:
        p.importer.add_documents(docs, prelabel=False)
        assert p.schema.event_types and not p.training.reviews_events()
    out = tmp_path / "out.json"
    assert retrain_worker.main([str(path), str(out)]) == 0
    import json

    rounds = json.loads(out.read_text(encoding="utf-8"))
    assert "error" in rounds["entities"] and "events" not in rounds
    with Project.open(path) as p:  # one document's events reviewed: the round runs (and says how many more)
        p.importer.add_documents([replace(cec(5)[4], status=ReviewStatus.REVIEWED)], prelabel=False)
        assert p.training.reviews_events() and not p.training.reviews_events(only=[1, 2])
    assert retrain_worker.main([str(path), str(out)]) == 0
    assert "review the events of about" in json.loads(out.read_text(encoding="utf-8"))["events"]["error"]
