"""Training behind a gate: a new model replaces the one in use only when it scores at least as well on
reviewed documents held out from its training."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.core.errors import ValidationError
from annotator.core.prelabel import PrelabelDoc
from annotator.core.prelabel.models.files import FINETUNE, STARTER, STARTER_PATH
from annotator.core.prelabel.models.meta import read_meta
from annotator.core.schema import load_schema
from annotator.service import Project, training
from annotator.service.training import (
    GATE_CONFIDENCE,
    TrainingPlan,
    TrainingResult,
    confidence_better,
    fit,
    micro_f1,
    split_held_out,
)
from tests.service.conventions import confused, pd98, reviewed_project, without_places


def test_every_fifth_document_by_id_is_held_out_and_stays_held_out():
    assert split_held_out([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) == ([1, 2, 3, 4, 6, 7, 8, 9, 11], [5, 10])
    # The same documents are held out whatever else was reviewed since, in whatever order.
    assert split_held_out([12, 5, 3, 10, 7, 1])[1] == [5, 10]
    # Fewer than five: nothing is scored, but a document a later gate will score is not learned from
    # (unless it is all there is).
    assert split_held_out([1, 5, 7]) == ([1, 7], [])
    assert split_held_out([5]) == ([5], [])
    # Five or more and none a multiple of five: the newest is held out.
    assert split_held_out([1, 2, 3, 4, 6]) == ([1, 2, 3, 4], [6])


@pytest.mark.slow
def test_a_model_that_learned_the_teams_convention_is_kept_and_used(tmp_path):
    path = tmp_path / "p.annot"
    # This team never marks places; with 4 held-out documents the gain is clear (with 2 it is not).
    reviewed_project(path, without_places(pd98(20)))
    probe = PrelabelDoc(text=pd98(1)[0].text)
    with Project.open(path) as p:
        places_before = [s for s in p.prelabel.prelabeler().suggest(probe) if s.label == "LOC"]
        result = p.training.train()
        assert (result.kept, result.reviewed, result.learned_from, result.held_out) == (True, 20, 16, 4)
        assert result.f1_new > result.f1_old and result.confidence >= GATE_CONFIDENCE
        assert result.summary() == (f"Model retrained on 16 of 20 reviewed documents: F1 {result.f1_old:.3f} → "
                                    f"{result.f1_new:.3f} on the other 4 (higher in {result.confidence:.0%} of "
                                    "resamplings) — in use")
        # The project uses it from now on: suggestions follow the convention.
        places_after = [s for s in p.prelabel.prelabeler().suggest(probe) if s.label == "LOC"]
        assert places_before and len(places_after) < len(places_before)
        gate = read_meta(p.training.model_bytes())["gate"]
        assert (gate["f1_new"], gate["f1_old"], gate["held_out"]) == (result.f1_new, result.f1_old, 4)
        assert f"held-out F1 {result.f1_new:.3f} on 4 reviewed documents" in p.training.model_description()
        assert p.training.reviewed_since() == 0
        # A result trained against a model that has since been replaced is refused.
        with pytest.raises(ValidationError, match="changed while"):
            p.training.adopt(result)
        assert p.store.db.execute("SELECT count(*) FROM models").fetchone()[0] == 1
        # The statistics split the reviewed documents at the adoption: before it, the starter's.
        assert [m.name for m in p.statistics.compute().per_model] == ["starter", "retrained 1"]


@pytest.mark.slow
def test_a_model_that_scores_worse_on_held_out_documents_is_not_kept(tmp_path):
    path = tmp_path / "p.annot"
    reviewed_project(path, confused(pd98(10)))  # persons and places swapped outside the held-out
    with Project.open(path) as p:
        result = p.training.train()
        assert (result.kept, result.learned_from, result.held_out) == (False, 8, 2)
        assert result.f1_new < result.f1_old and result.model == b""
        assert result.confidence == 0.0
        assert result.summary().endswith("not clearly better, kept the previous model")
        assert p.training.model_bytes() is None  # still the starter
        described = p.training.model_description()
        assert described.startswith("starter model")
        assert (f"not kept: held-out F1 {result.f1_new:.3f} vs {result.f1_old:.3f} of the model in use, "
                "higher in only 0% of resamplings") in described
        assert p.training.reviewed_since() == 0  # the round counts: no retry until more are reviewed


def test_no_model_is_used_unscored_and_too_few_reviewed_documents_say_how_many_more(tmp_path):
    path = tmp_path / "p.annot"
    reviewed_project(path, pd98(3))
    with Project.open(path) as p:
        with pytest.raises(ValidationError, match=r"has 3 reviewed \(0 held out\): review about 7 more"):
            p.training.train()
        with pytest.raises(ValidationError, match="only when the held-out gate finds it clearly better"):
            p.training.train(gate=False)
        assert p.training.model_bytes() is None and p.store.setting("training") is None
        # Neither can a result that no gate scored be put into use by hand.
        plan_ids = p.document_ids()
        fake = TrainingResult(kept=True, reviewed=len(plan_ids), learned_from=3, held_out=0, f1_new=None,
                              f1_old=None, seconds=0.0, description="unscored", replaces=None, model=b"x")
        with pytest.raises(ValidationError, match="not found clearly better"):
            p.training.adopt(fake)
        assert p.training.model_bytes() is None


def unscored_plan() -> TrainingPlan:
    """Three reviewed documents and none held out: nothing can score what they teach."""
    return TrainingPlan(learn=tuple(pd98(3)), held_out=(), reviewed=3, current=None, current_id=None,
                        from_scratch=False, gazetteer=(), schema=load_schema("news-zh"))


@pytest.mark.slow  # a real fine-tuning (~4 s); the fast test below runs the same gate on a stand-in model
def test_an_unscored_fit_is_never_kept():
    result = fit(unscored_plan())
    assert not result.kept and result.model == b""
    assert result.summary().startswith("Model not retrained: the model learns only from 10 or more")


def test_an_unscored_fit_of_any_model_is_never_kept(monkeypatch):
    learned: list[dict[str, object]] = []

    def stand_in(docs, **kw):  # the starter's own file in place of a model fine-tuned on the documents
        learned.append({"docs": len(docs), **kw})
        return STARTER_PATH.read_bytes()

    monkeypatch.setattr(training, "train", stand_in)
    result = fit(unscored_plan())
    assert [(c["docs"], c["base"], c["method"]) for c in learned] == [(3, STARTER, FINETUNE)]
    assert not result.kept and result.model == b"" and result.f1_new is None and result.confidence is None
    assert result.summary().startswith("Model not retrained: the model learns only from 10 or more")


def test_the_held_out_documents_entities_stay_out_of_the_scoring_gazetteer(tmp_path):
    path = tmp_path / "p.annot"
    docs = pd98(10)
    only_in_fifth = {docs[4].text[s.start:s.end] for s in docs[4].entities()} - {
        d.text[s.start:s.end] for d in docs[:4] + docs[5:] for s in d.entities()}
    assert only_in_fifth
    reviewed_project(path, docs)
    with Project.open(path) as p:
        plan = p.training.plan()
        assert [d.id for d in plan.held_out] == [5, 10] and len(plan.learn) == 8
        assert not only_in_fifth & {text for text, _ in plan.gazetteer}
        assert only_in_fifth <= {text for text, _ in p.prelabel.gazetteer()}


def test_how_often_the_window_retrains_is_a_project_setting(tmp_path):
    path = tmp_path / "p.annot"
    reviewed_project(path, pd98(2))
    with Project.open(path) as p:
        assert p.training.retrain_every == 5 and p.training.reviewed_since() == 2
        p.training.set_retrain_every(0)
        with pytest.raises(ValidationError):
            p.training.set_retrain_every(-1)
    with Project.open(path, readonly=True) as p:
        assert p.training.retrain_every == 0


def test_a_result_survives_the_trip_from_the_worker_process():
    result = TrainingResult(kept=True, reviewed=10, learned_from=8, held_out=2, f1_new=0.5, f1_old=0.25,
                            seconds=1.0, description="d", replaces=None, model=bytes(range(256)))
    assert TrainingResult.from_json(result.to_json()) == result
    assert replace(result, model=b"") != result


@pytest.mark.slow
def test_both_ways_of_learning_on_the_starter_are_tried_and_the_better_one_is_the_new_model(tmp_path):
    from annotator.core.prelabel import train
    from annotator.core.prelabel.models.files import FINETUNE, STACK, STARTER
    from annotator.service.training import fit, held_out_counts

    path = tmp_path / "p.annot"
    reviewed_project(path, without_places(pd98(20)))
    with Project.open(path) as p:
        plan = p.training.plan()
    result = fit(plan)
    scores = {m: round(micro_f1(held_out_counts(plan, train(plan.learn, base=STARTER, method=m))), 4)
              for m in (FINETUNE, STACK)}
    assert result.method in scores and result.f1_new == max(scores.values()) == scores[result.method]
    assert read_meta(result.model)["gate"]["method"] == result.method


def test_words_the_reviewers_mostly_leave_unmarked_stay_out_of_the_gazetteer(tmp_path):
    from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
    from annotator.core.text import tokens_from_strings

    def doc(words: list[str], marked: dict[int, str]) -> AnnotatedDocument:
        text = "".join(words)
        starts = [sum(len(w) for w in words[:i]) for i in range(len(words))]
        spans = tuple(EntitySpan(k + 1, starts[i], starts[i] + len(words[i]), lab, "import", SpanState.ACCEPTED)
                      for k, (i, lab) in enumerate(marked.items()))
        return AnnotatedDocument(title="", text=text, tokens=tokens_from_strings(text, words), spans=spans)

    path = tmp_path / "p.annot"
    reviewed_project(path, [doc(["作家", "丰收", "说", "李明", "来"], {1: "PER", 3: "PER"}),
                            doc(["今年", "丰收", "了"], {}), doc(["又", "丰收", "，", "李明", "笑"], {3: "PER"})])
    with Project.open(path) as p:
        assert ("李明", "PER") in p.prelabel.gazetteer() and ("丰收", "PER") not in p.prelabel.gazetteer()
        p.prelabel.add_gazetteer_entries([("丰收", "ORG")])  # the user's own entry stays, whatever was reviewed
        assert ("丰收", "ORG") in p.prelabel.gazetteer()
        assert p.prelabel.gazetteer_summary() == ("2 entries: 2 distinct entities reviewers accepted or made, 1 added on "
                                         "purpose; left out as mostly unmarked: 丰收")


def test_the_gate_asks_for_a_gain_that_survives_resampling_the_held_out_documents():
    import numpy as np

    old = np.array([[8, 2, 2]] * 20)  # right, spurious, missed in each of 20 held-out documents
    assert micro_f1(old) == 0.8
    assert confidence_better(old, old) == 0.0  # the same answers: nothing to gain by a new model
    better_everywhere = old + [1, -1, -1]
    assert confidence_better(better_everywhere, old) == 1.0
    # One long document much better, ten of the other 19 a little worse: higher overall, but only because
    # of that one document (gold per document stays the same: right + missed).
    old[0] = [30, 5, 10]
    lucky = np.vstack([[[40, 0, 0]], old[1:11] + [-1, 0, 1], old[11:]])
    assert micro_f1(lucky) > micro_f1(old)
    assert 0.5 < confidence_better(lucky, old) < GATE_CONFIDENCE
    assert confidence_better(lucky, old) == confidence_better(lucky, old)  # seeded: the same verdict


def test_a_refresh_after_training_is_one_undoable_change_per_document(tmp_path, seed_path):
    path = tmp_path / "p.annot"
    with Project.create(path, schema="news-zh") as p:
        p.importer.import_paths([seed_path])
        text = p.document(1).text
        place = next(s for s in p.document(1).spans if s.label == "LOC")
        before = p.document(1).spans
        p.prelabel.add_gazetteer_entries([(text[place.start:place.end], "ORG")])
        changes = p.prelabel.run(refresh=True)
        assert changes.doc_ids == {1}
        assert p.document(1).spans != before
        p.undo(changes)
        assert p.document(1).spans == before
