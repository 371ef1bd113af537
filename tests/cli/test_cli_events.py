"""`annotator train` on a schema with event types trains the event model too; `annotator eval --events`."""

from __future__ import annotations

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
