"""Training the event model from a project's reviewed events behind the held-out gate, and the suggester the
project hands out (`project.training.event_suggester()`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core import formats
from annotator.core.annotations import AnnotatedDocument
from annotator.core.errors import ValidationError
from annotator.core.event_suggest_lexicon import LexiconEventSuggester
from annotator.core.prelabel.events.evaluate import blank
from annotator.core.prelabel.events.model import EventModel
from annotator.service import Project
from annotator.service.event_training import MIN_EVENT_DOCUMENTS, events_too_few

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def cec(n: int) -> list[AnnotatedDocument]:
    """The first n documents of the CEC fixture, events accepted."""
    docs = [d for _, d in formats.iter_documents(FIXTURES / "cec12.jsonl", "native", formats.ReadOptions(reviewed=True))]
    return docs[:n]


def cec_project(path: Path, n: int, *, schema: str = "cec") -> Path:
    with Project.create(path, schema=schema) as p:
        p.importer.add_documents(cec(n), reviewed=True, prelabel=False)
    return path


def test_too_few_reviewed_events_say_how_many_more_are_needed(tmp_path):
    path = cec_project(tmp_path / "few.annot", 4)
    with Project.open(path) as p, pytest.raises(ValidationError) as err:
        p.training.train_events()
    assert f"{MIN_EVENT_DOCUMENTS} or more reviewed documents with events" in err.value.message
    assert "the project has 4" in err.value.message and "about 6 more documents" in err.value.message
    assert events_too_few(12, 2, 100) is None
    assert "review more events" in events_too_few(12, 2, 3)


def test_a_schema_without_event_types_has_no_event_suggester(tmp_path):
    with Project.create(tmp_path / "p.annot", schema="news-zh") as p:
        assert p.training.event_suggester() is None
        assert "no event types" in p.training.event_model_description()
        with pytest.raises(ValidationError, match="no event types"):
            p.training.plan_events()


@pytest.mark.slow
def test_an_event_model_that_scores_better_is_kept_and_suggested(tmp_path, monkeypatch):
    from annotator.core.prelabel.events import starters

    monkeypatch.setattr(starters, "STARTERS", {})  # nothing shipped: the new model is scored against none
    path = cec_project(tmp_path / "cec.annot", 12)
    with Project.open(path) as p:
        # No model and no starter: the trigger words of the reviewed events suggest, with the nearest entities.
        assert isinstance(p.training.event_suggester(), LexiconEventSuggester)
        assert "none yet" in p.training.event_model_description()
        plan = p.training.plan_events()
        assert [d.id for d in plan.held_out] == [5, 10] and len(plan.learn) == 10
        result = p.training.train_events()
        assert result.kept and result.held_out == 2 and result.learned_from == 10
        assert result.f1_new > result.f1_old == 0.0 and result.confidence >= 0.8
        assert "Event model trained on 10" in result.summary() and "in use" in result.summary()
        suggester = p.training.event_suggester()
        assert isinstance(suggester, EventModel) and suggester.meta["gate"]["held_out"] == 2
        events = suggester.suggest(blank(p.document(5)), p.schema)
        assert events and any(e.arguments for e in events)
        described = p.training.event_model_description()
        assert "held-out F1" in described and "10 documents" in described
        # A second round scores the same as the model in use: not clearly better, not kept.
        again = p.training.train_events()
        assert not again.kept and again.f1_new == again.f1_old
        assert p.training.event_suggester() is suggester
        assert "not kept" in p.training.event_model_description()


def test_a_cec_project_without_its_own_event_model_uses_the_shipped_starter(tmp_path):
    with Project.create(tmp_path / "cec.annot", schema="cec") as p:
        suggester = p.training.event_suggester()
        assert isinstance(suggester, EventModel) and suggester.meta["schema"] == "cec"
        described = p.training.event_model_description()
        assert described.startswith("starter model: ") and "80 documents" in described
        assert "on 20 documents it did not learn from: triggers F1 0.648, arguments F1 0.482" in described
        events = suggester.suggest(blank(cec(1)[0]), p.schema)
        assert events and any(e.arguments for e in events)


def test_a_retraining_not_kept_is_named_while_the_starter_is_in_use(tmp_path):
    """`annotator info` names a last event retraining the gate turned down also when the model in use is the shipped
    starter (it named it only after a project model was kept), with its scores as for the entity model."""
    with Project.create(tmp_path / "cec.annot", schema="cec") as p:
        with p.store.transaction():
            p.store.set_setting("event_training", {"kept": False, "learned_from": 48, "held_out": 12, "f1_new": 0.5585,
                                                   "f1_old": 0.5817, "confidence": 0.135, "at": "2026-12-04T18:29:25"})
        described = p.training.event_model_description()
    assert described.startswith("starter model: ")
    assert described.endswith("; last retraining (2026-12-04T18:29:25, 48 documents) not kept: held-out F1 0.558 vs "
                              "0.582 of the model in use, higher in only 14% of resamplings")


def test_a_newer_event_model_alone_makes_an_untouched_document_suggest_afresh(tmp_path):
    """The window suggests afresh in a document nobody has worked on once a model newer than its suggestions is in
    use; it asked only the entity model's table, so an event model the gate adopted (the usual round on a CEC
    project, whose reviewed documents have no entities) never reached the documents opened after it."""
    import time

    from annotator.core.prelabel.events.files import starter_bytes
    from annotator.store import models

    path = tmp_path / "cec.annot"
    with Project.create(path, schema="cec") as p:
        p.importer.add_documents([blank(d) for d in cec(2)], prelabel=False)
        assert not p.prelabel.suggestions_outdated(1)  # no model of the project's own yet
        time.sleep(1.1)  # timestamps are whole seconds: the model must be newer than the documents
        with p.store.transaction() as db:
            models.add(db, description="an event model", data=starter_bytes("cec"), table=models.EVENT)
        assert p.prelabel.suggestions_outdated(1)
        p.prelabel.refresh_if_outdated(1)
        p.triggers.suggest([1], refresh=True)
        assert any(e.origin == "events" for e in p.document(1).events)
        assert not p.prelabel.suggestions_outdated(1)
