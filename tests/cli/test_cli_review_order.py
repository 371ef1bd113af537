"""`annotator list --order informative`: the documents the model is least sure of first, the same order on a
second call (measured once and kept in the project), file order by default."""

from __future__ import annotations

import click
from click.testing import CliRunner

from annotator.cli import cli
from tests.conftest import FIXTURES


def run(*args: object) -> click.testing.Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def ids(result: click.testing.Result) -> list[int]:
    return [int(line.split("\t")[0]) for line in result.stdout.splitlines()[1:]]


def test_list_in_informative_order(tmp_path):
    project = tmp_path / "p.annot"
    assert run("new", project, "--schema", "news-zh").exit_code == 0
    assert run("import", project, FIXTURES / "pd98_train30.jsonl").exit_code == 0
    files = ids(run("list", project))
    assert files == list(range(1, 31))
    first = run("list", project, "--order", "informative")
    assert first.exit_code == 0 and first.output.splitlines()[0].startswith("id\tstatus")
    ranked = ids(first)
    assert sorted(ranked) == files and ranked != files
    assert ids(run("list", project, "--order", "informative")) == ranked
    assert ids(run("list", project, "--order", "informative", "--status", "reviewed")) == []


def test_unknown_order_is_refused_with_status_2(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project)
    result = CliRunner().invoke(cli, ["list", str(project), "--order", "random"])
    assert result.exit_code == 2 and "'random' is not one of 'file', 'informative'" in result.output


def test_a_project_open_elsewhere_is_listed_read_only(tmp_path):
    from annotator.service import Project

    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    run("import", project, FIXTURES / "pd98_dev5.jsonl")
    with Project.open(project):  # the window has it open: nothing can be kept, the order is the same
        first = run("list", project, "--order", "informative")
        assert first.exit_code == 0 and sorted(ids(first)) == [1, 2, 3, 4, 5]
    assert ids(run("list", project, "--order", "informative")) == ids(first)
