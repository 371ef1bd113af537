"""A background retraining says its progress and its result in the window's language: the Chinese window showed
the training's English lines ("fine-tuning on 32 documents …", "Model retrained on 32 of 40 reviewed documents …",
"事件模型未重新训练：/path/team.annot: the event model learns only from …")."""

from __future__ import annotations

import re

import pytest

from annotator.core.errors import AnnotatorError
from annotator.gui import i18n
from annotator.gui.retrain_text import entity_summary, progress_text
from annotator.service.event_training import events_too_few
from annotator.service.training import TrainingResult, too_few

LINES = ["learning the labels PER, ORG", "learning by fine-tuning the starter", "learning by stacking on it",
         "fine-tuning on 32 documents (19809 characters, 59180 weight rows, 45321 of them new)",
         "60 iterations, 66 evaluations: stopped at the iteration limit", "41 iterations, 45 evaluations: converged",
         "training on 32 documents (19809 characters)", "epoch 3: loss 0.1234 (12 s)",
         "scoring the current model on 8 held-out documents", "learning the event model",
         "learning events from 40 events in 12 documents", "scoring the event models on 2 held-out documents"]
ENGLISH = re.compile(r"\b(?!PER\b|ORG\b|F1\b)[A-Za-z]{3,}")


def result(**changes) -> TrainingResult:
    fields = dict(kept=False, reviewed=40, learned_from=32, held_out=8, f1_new=0.789, f1_old=0.792, seconds=51.0,
                  description="", replaces=None, confidence=0.45, too_few={"MONEY": 3})
    return TrainingResult(**{**fields, **changes})


@pytest.fixture
def chinese():
    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    yield
    i18n.install(i18n.ENGLISH)


def test_in_english_the_window_says_what_the_cli_says(qapp):
    assert [progress_text(line) for line in LINES] == LINES
    for changes in ({}, {"kept": True, "too_few": {}}, {"f1_new": None, "f1_old": None, "confidence": None,
                                                       "reviewed": 12, "held_out": 1}):
        assert entity_summary(result(**changes)) == result(**changes).summary()


def test_in_chinese_progress_and_results_are_chinese_with_their_figures(qapp, chinese):
    for line in LINES:
        said = progress_text(line)
        assert not ENGLISH.findall(said), said
        assert sorted(re.findall(r"\d+", said)) == sorted(re.findall(r"\d+", line)), (line, said)
    summary = entity_summary(result())
    assert summary.startswith("模型已在 40 篇已审阅文档中的 32 篇上重新训练：在另外 8 篇上 F1 0.792 → 0.789（45% 的重抽样中更高）")
    assert "没有明显更好" in summary and "MONEY (3)" in summary and not ENGLISH.findall(summary.replace("MONEY", ""))
    gated_out = entity_summary(result(f1_new=None, f1_old=None, confidence=None, reviewed=12, held_out=1))
    assert gated_out.startswith("模型未重新训练：") and "；已审阅的样例太少" in gated_out, gated_out
    assert not ENGLISH.findall(gated_out.replace("MONEY", "")), gated_out


def test_a_round_that_could_not_run_is_said_without_the_projects_path(qtbot, chinese, window):
    retrainer = window.retrainer
    path = window.session.project.path
    for reason in (events_too_few(0, 0, 0), events_too_few(12, 2, 5), too_few(12, 1)):
        said = retrainer._said(AnnotatorError(f"{path}: {reason}"))
        assert str(path) not in said and not ENGLISH.findall(said), said
