"""Row 16's learning curve, small and real: 30 People's Daily articles reviewed in file order or the most
informative first, models learned from scratch after 10 and 20 of them, scored on 5 dev articles."""

from __future__ import annotations

import pytest

from annotator.core.prelabel.models.files import STARTER
from benchmarks import bench_data, bench_informative
from benchmarks.bench_informative import FILE, INFORMATIVE, SCRATCH, STARTER_BASE, Job, curve, table
from tests.conftest import FIXTURES


@pytest.fixture(autouse=True)
def small_data(monkeypatch):
    monkeypatch.setattr(bench_data, "TRAIN_POOL", FIXTURES / "pd98_train30.jsonl")
    monkeypatch.setattr(bench_data, "DEV", FIXTURES / "pd98_dev5.jsonl")
    monkeypatch.setattr(bench_informative, "FRESH", 30)


def test_both_orders_learn_from_scratch_and_informative_reviews_other_articles():
    files = curve(Job(SCRATCH, FILE, 0, (10, 20), 30))
    chosen = curve(Job(SCRATCH, INFORMATIVE, 0, (10, 20), 30))
    assert [p.size for p in files] == [p.size for p in chosen] == [10, 20]
    assert all(0.0 < p.f1 < 1.0 for p in files + chosen)
    assert (chosen[0].characters, chosen[0].f1) == (files[0].characters, files[0].f1)  # a cold start: file order
    assert chosen[1].characters != files[1].characters  # then the articles the model is least sure of
    lines = table(files + chosen, (10, 20))
    assert lines[2].startswith("| scratch | file | ") and lines[3].startswith("| scratch | informative | ")


def test_on_top_of_the_starter_the_starter_ranks_the_first_round(monkeypatch):
    rankers = []
    real = bench_informative.most_informative
    monkeypatch.setattr(bench_informative, "most_informative",
                        lambda model, remaining, n: rankers.append(model) or real(model, remaining, n))
    # learning stubbed: the starter stands for the model kept on top of it after the first round
    monkeypatch.setattr(bench_informative, "kept_on_starter", lambda docs, current: (STARTER, "finetune"))
    points = curve(Job(STARTER_BASE, INFORMATIVE, 1, (10,), 30))
    assert rankers == [None] and [(p.size, p.kept) for p in points] == [(10, "finetune")]



def test_the_row_says_when_informative_order_reaches_file_orders_last_f1(monkeypatch, tmp_path):
    from benchmarks.bench_informative import Point, rows

    def measured(**kw):
        f1 = {(FILE, 50): 0.70, (FILE, 100): 0.77, (FILE, 200): 0.82,
              (INFORMATIVE, 50): 0.70, (INFORMATIVE, 100): 0.83, (INFORMATIVE, 200): 0.85}
        return [Point(SCRATCH, order, 0, n, 500 * n, value) for (order, n), value in f1.items()], \
            {"starter": 0.9, "seconds": 60.0}
    monkeypatch.setattr(bench_informative, "measure", measured)
    monkeypatch.setattr(bench_data, "available", lambda: True)
    row, = rows(False, tmp_path)
    assert (row.key, row.figure, row.met) == ("16", "100 articles", True)
    assert "characters reviewed: 50,000 at 100 vs file order's 100,000 at 200" in row.note


def test_informative_order_is_re_ranked_after_every_round_by_the_model_learned_so_far(monkeypatch):
    rankings = []
    real = bench_informative.most_informative
    monkeypatch.setattr(bench_informative, "most_informative",
                        lambda model, remaining, n: rankings.append((model, len(remaining), n))
                        or real(model, remaining, n))
    points = curve(Job(SCRATCH, INFORMATIVE, 0, (10, 20), 30, round_size=4))
    assert [p.size for p in points] == [10, 20]  # scored at the sizes only
    assert [(left, n) for _, left, n in rankings] == [(20, 4), (16, 4), (12, 2)]  # rounds of 4, cut at 20
    assert len({model for model, _, _ in rankings}) == 3  # each round ranked by a model learned again


def test_a_diverse_cold_start_covers_the_most_distinct_bigrams():
    from benchmarks.bench_informative import DIVERSE, covering

    texts = ["甲乙甲乙", "甲乙丙丁戊", "甲 乙 丙", "己庚", "己庚辛"]
    assert covering(texts, 3) == [1, 4, 0]  # the most new bigrams first; whitespace left out; ties to the first
    assert covering(texts, 9) == [1, 4, 0, 2, 3]
    files = curve(Job(SCRATCH, FILE, 0, (10,), 30))
    diverse = curve(Job(SCRATCH, INFORMATIVE, 0, (10,), 30, cold=DIVERSE))
    assert diverse[0].characters != files[0].characters


def test_a_smaller_cold_start_lets_the_model_rank_from_its_size_on(monkeypatch):
    rankings = []
    real = bench_informative.most_informative
    monkeypatch.setattr(bench_informative, "most_informative",
                        lambda model, remaining, n: rankings.append((len(remaining), n)) or real(model, remaining, n))
    files = curve(Job(SCRATCH, FILE, 0, (4, 10), 30))
    points = curve(Job(SCRATCH, INFORMATIVE, 0, (10,), 30, round_size=3, cold_size=4))
    assert [p.size for p in points] == [4, 10]  # the cold start is scored too
    assert (points[0].characters, points[0].f1) == (files[0].characters, files[0].f1)  # file order's first 4
    assert rankings == [(26, 3), (23, 3)]  # then rounds of 3 ranked by the models learned so far


def test_on_top_of_the_starter_the_model_in_use_is_what_the_gate_keeps(monkeypatch):
    from annotator.service.training import TrainingResult

    docs = bench_informative.documents(bench_data.TRAIN_POOL, limit=10)
    plans, kept = [], [True]

    def fitted(plan):
        plans.append(plan)
        return TrainingResult(kept=kept[0], reviewed=plan.reviewed, learned_from=len(plan.learn), held_out=2,
                              f1_new=0.9, f1_old=0.8, seconds=0.0, description="", replaces=None,
                              model=b"new" if kept[0] else b"", method="stack", confidence=0.9)
    monkeypatch.setattr(bench_informative, "fit", fitted)
    assert bench_informative.kept_on_starter(docs) == (b"new", "stack 0.8 -> 0.9 on 2 held out, higher in 90%")
    plan = plans[0]
    # Every 5th article in review order is held out, as every 5th id in a project; the starter is the model in use.
    assert [d.name for d in plan.held_out] == [docs[4].name, docs[9].name]
    assert [d.name for d in plan.learn] == [d.name for i, d in enumerate(docs) if i not in (4, 9)]
    assert plan.current is None and not plan.from_scratch and plan.reviewed == 10
    learned = {(d.text[s.start:s.end], s.label) for d in plan.learn for s in d.spans}
    assert set(plan.gazetteer) == learned  # the held-out articles' entities only where a learned one has them too
    kept[0] = False  # not clearly better: the model in use stays
    assert bench_informative.kept_on_starter(docs, b"old") == (
        b"old", "the model in use kept: stack 0.8 -> 0.9 on 2 held out, higher in 90%")
    assert bench_informative.kept_on_starter(docs)[0] is None
