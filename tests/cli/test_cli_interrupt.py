"""Ctrl+C stops a command with a line saying what it kept (exit status 130), not click's bare "Aborted!"."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from annotator.cli import cli
from annotator.service import Project, importing

RAW = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "raw_news").glob("*.txt"))


def test_ctrl_c_during_an_import_says_nothing_was_kept_and_keeps_nothing(tmp_path, monkeypatch):
    project = tmp_path / "news.annot"
    assert CliRunner().invoke(cli, ["new", str(project)]).exit_code == 0

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # as Ctrl+C does once the file's documents are stored, before the commit

    monkeypatch.setattr(importing.changelog, "log_action", interrupted)
    result = CliRunner().invoke(cli, ["import", str(project), *map(str, RAW[:2]), "--no-prelabel"])
    assert result.exit_code == 130, result.output
    assert "stopped (Ctrl+C): nothing of this import was kept" in result.output
    assert "Aborted!" not in result.output
    with Project.open(project, readonly=True) as p:
        assert p.document_ids() == []


def test_ctrl_c_in_a_command_without_a_known_outcome_still_says_it_stopped(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    project = tmp_path / "news.annot"
    monkeypatch.setattr(Project, "create", interrupted)
    result = CliRunner().invoke(cli, ["new", str(project)])
    assert result.exit_code == 130 and result.output.strip() == "stopped (Ctrl+C)"
