"""`annotator train` on a schema with event types trains the event model too; `annotator eval --events`."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from annotator.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def run(*args: object) -> click.testing.Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_train_on_a_cec_project_with_too_few_reviewed_documents_says_why_for_both_models(tmp_path):
    project = tmp_path / "cec.annot"
    assert run("new", project, "--schema", "cec").exit_code == 0
    done = run("import", project, FIXTURES / "cec5.jsonl", "--reviewed")
    assert done.exit_code == 0, done.output
    result = run("train", project)
    assert result.exit_code == 2
    assert "entity model not trained" in result.output and "event model not trained" in result.output
    assert "review the events of about 5 more documents" in result.output
    info = run("info", project)
    assert "events: starter model:" in info.output or "events: none yet" in info.output


def test_eval_events_scores_the_cec_starter_per_type_and_role(tmp_path):
    result = run("eval", "--events", "--gold", FIXTURES / "cec5.jsonl")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("event model: starter model:")
    assert "triggers (span + type)" in out and "arguments (span + role, under a right trigger)" in out
    for name in ("emergency", "stateChange", "statement", "Participant", "Location", "Time", "micro"):
        assert name in out
    assert "5 documents" in out and "trigger micro-F1" in out and "argument micro-F1" in out
    # A project with the cec schema and no event model of its own is scored with the same starter.
    project = tmp_path / "cec.annot"
    assert run("new", project, "--schema", "cec").exit_code == 0
    again = run("eval", "--events", "--gold", FIXTURES / "cec5.jsonl", "--project", project)
    assert again.exit_code == 0 and again.output.splitlines()[1:-1] == out.splitlines()[1:-1]
    assert "events: starter model:" in run("info", project).output


def test_eval_events_without_an_event_model_says_so():
    result = run("eval", "--events", "--gold", FIXTURES / "cec5.jsonl", "--schema", "news-zh")
    assert result.exit_code == 2 and "no event model to score" in result.output


def test_eval_events_names_the_gold_events_it_cannot_score(tmp_path):
    """A gold event without a trigger has nothing to be matched by: it is left out of every count, and the output
    says so (it passed over it in silence)."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"text": "昨天北京发生火灾，三人受伤。", "events": [
        {"type": "emergency", "trigger": {"start": 6, "end": 8}, "arguments": [{"role": "Location", "start": 2, "end": 4}]},
        {"type": "stateChange", "arguments": [{"role": "Participant", "start": 9, "end": 11}]}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("eval", "--events", "--gold", gold)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "not scored: 1 gold event without a trigger, with its arguments"
    micro = next(line for line in result.output.splitlines() if line.startswith("micro"))
    assert micro.split()[-2] == "1"  # one gold trigger counted
