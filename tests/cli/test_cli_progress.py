"""Progress in the terminal (a bar on a TTY, nothing when piped, --quiet) and cancelling long work, which
leaves the project and the export target as they were."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.cli.progress import Bar, Steps, clock
from annotator.core.progress import Cancelled
from annotator.service import Project
from annotator.service import prelabel as prelabel_module

RAW = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "raw_news").glob("*.txt"))[:2]


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_shows_count_and_time_left_on_a_terminal():
    ticks = iter([0.0, 10.0, 20.0, 30.0])
    stream = FakeTty()
    with Bar("importing", stream=stream, now=lambda: next(ticks)) as bar:
        assert bar(1, 4, "a.txt") is True  # 10 s for one: 30 s left for three
        bar(2, 4)
        bar(4, 4)
    frames = stream.getvalue().split("\r")[1:]
    assert frames[0].startswith("importing [#######-----") and "1/4  30 s left" in frames[0]
    assert "2/4  20 s left" in frames[1]
    assert frames[2].rstrip("\n").endswith("4/4  done in 30 s") and stream.getvalue().endswith("\n")


def test_the_bar_is_silent_when_piped_or_quiet():
    for bar in (Bar("x", stream=io.StringIO()), Bar("x", stream=FakeTty(), quiet=True)):
        bar(1, 2)
        bar.close()
        assert bar.stream.getvalue() == ""


def test_redraws_are_throttled_but_the_last_one_is_drawn():
    stream = FakeTty()
    bar = Bar("x", stream=stream, now=lambda: 5.0)
    for done in range(100):
        bar(done, 100)
    bar(100, 100)
    assert stream.getvalue().count("\r") == 2


def test_clock():
    assert [clock(s) for s in (4.4, 65, 3725)] == ["4 s", "1:05", "1:02:05"]


def test_steps_print_with_elapsed_time_unless_quiet():
    out = io.StringIO()
    Steps(stream=out, now=lambda: 61.0)("fine-tuning")
    assert out.getvalue().endswith("] fine-tuning\n")
    quiet = io.StringIO()
    Steps(stream=quiet, quiet=True)("x")
    assert quiet.getvalue() == ""


@pytest.mark.parametrize("command", ["import", "prelabel", "train", "export", "demo"])
def test_long_commands_take_quiet(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert "--quiet" in result.output


def test_piped_commands_print_no_bar(tmp_path, seed_path):
    project = tmp_path / "p.annot"
    runner = CliRunner()
    assert runner.invoke(cli, ["new", str(project)]).exit_code == 0
    for args in (["import", str(project), str(seed_path)], ["prelabel", str(project)],
                 ["export", str(project), "-o", str(tmp_path / "o.jsonl"), "--status", "all"]):
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0 and "\r" not in result.output and "[#" not in result.output


def test_a_cancelled_import_keeps_no_document(tmp_path, seed_path):
    with Project.create(tmp_path / "p.annot") as project:
        project.importer.import_paths([RAW[0]], prelabel=False)
        calls = []
        with pytest.raises(Cancelled):
            project.importer.import_paths([seed_path, RAW[1]], prelabel=False, workers=1,
                                 progress=lambda done, total, current: calls.append(done) or done < 1)
        assert calls == [0, 1]  # the seed article was stored before the user stopped it
        assert project.document_ids() == [1]
        project.importer.import_paths([seed_path], prelabel=False)  # and the project is writable afterwards
        assert len(project.document_ids()) == 2


def test_a_cancelled_prelabel_adds_no_suggestion(tmp_path, seed_path, monkeypatch):
    with Project.create(tmp_path / "p.annot") as project:
        project.importer.import_paths([seed_path, *RAW], prelabel=False)
        before = project.store.db.execute("SELECT count(*), (SELECT count(*) FROM changes) FROM spans").fetchone()

        def stop_after_first_batch(done: int, total: int) -> bool:
            if done:
                raise Cancelled("pre-highlighting")
            return True

        monkeypatch.setattr(prelabel_module, "BATCH", 1)  # a report after each document
        with pytest.raises(Cancelled):
            project.prelabel.run(progress=stop_after_first_batch)
        after = project.store.db.execute("SELECT count(*), (SELECT count(*) FROM changes) FROM spans").fetchone()
        assert after == before
        assert project.prelabel.run().saved  # not cancelled: suggestions arrive


def test_a_cancelled_export_leaves_the_old_file(tmp_path, seed_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with Project.create(tmp_path / "p.annot") as project:
        project.importer.import_paths([seed_path, *RAW], prelabel=False)
        with pytest.raises(Cancelled):
            project.exporter.export(target, statuses=["all"], progress=lambda done, total: done < 1)
        assert target.read_text(encoding="utf-8") == "old\n"
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        seen = []
        project.exporter.export(target, statuses=["all"], progress=lambda done, total: seen.append((done, total)))
        assert seen[-1] == (3, 3) and target.read_text(encoding="utf-8").count("\n") == 3
