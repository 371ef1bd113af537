"""`annotator schema`: show, export and import a project's schema; orphaning imports refused with exit 2."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.schema import Schema
from annotator.service import Project


def run(*args: str | Path) -> click.testing.Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path, seed_path: Path) -> Path:
    """A news-zh project with the seed article and one accepted ORG span."""
    path = tmp_path / "p.annot"
    with Project.create(path, schema="news-zh", user="tester") as p:
        p.importer.import_paths([seed_path], prelabel=False)
        start = p.document(1).text.index("公安部")
        p.edits.add_span(1, start, start + 3, "ORG")
    return path


def schema_of(path: Path) -> Schema:
    with Project.open(path, readonly=True) as p:
        return p.schema


def test_show_lists_labels_with_their_use(project):
    result = run("schema", project)
    assert result.exit_code == 0, result.output
    rows = {line.split("\t")[0]: line.split("\t") for line in result.output.splitlines() if "\t" in line}
    assert rows["ORG"][-1] == "1" and rows["PER"][-1] == "0" and rows["ORG"][2] == "机构"
    assert rows["label"][-1] == "in use" and "in use: entities accepted or filling an event's role" in result.output


def test_show_explains_the_marks_of_the_roles(tmp_path):
    path = tmp_path / "ace.annot"
    Project.create(path, schema="ace2005-zh").close()
    result = run("schema", path)
    assert result.exit_code == 0, result.output
    rows = {line.split("\t")[0]: line.split("\t") for line in result.output.splitlines() if "\t" in line}
    assert rows["Life:Die"][-1].startswith("Agent*[PER ORG LOC GPE], Victim+[PER]")
    legend = result.output.splitlines()[-1]
    assert legend.startswith("roles:") and all(f"{mark} " in legend for mark in ("1", "?", "+", "*"))


def test_a_schema_without_event_types_has_no_roles_legend(project):
    assert "roles:" not in run("schema", project).output


def test_export_then_import_round_trips_and_carries_edits(project, tmp_path):
    exported = tmp_path / "schema.toml"
    assert run("schema", project, "--export", exported).exit_code == 0
    assert Schema.from_toml(exported.read_text(encoding="utf-8")) == schema_of(project)
    edited = exported.read_text(encoding="utf-8").replace('color = "#9ec9f5"', 'color = "#3366cc"')
    edited += '\n[[labels]]\nkey = "PRODUCT"\nname = "Product"\nname_zh = "产品"\ncolor = "#ffcc00"\nhotkey = "P"\n'
    exported.write_text(edited, encoding="utf-8")
    result = run("schema", project, "--import", exported)
    assert result.exit_code == 0, result.output
    schema = schema_of(project)
    assert schema.label("ORG").color == "#3366cc" and schema.label("PRODUCT").hotkey == "P"
    again = tmp_path / "again.toml"
    run("schema", project, "--export", again)
    assert Schema.from_toml(again.read_text(encoding="utf-8")) == schema
    assert run("schema", project, "--import", again).output.strip() == "the schema is unchanged"


def test_an_orphaning_import_exits_2_with_counts_and_changes_nothing(project, tmp_path):
    before = project.read_bytes()
    target = tmp_path / "no-org.toml"
    text = schema_of(project).to_toml()
    # Every mention of ORG changes (the file's own pre-labelling map must name a label it has).
    target.write_text(text.replace('"ORG"', '"ORGANISATION"'), encoding="utf-8")
    result = run("schema", project, "--import", target)
    assert result.exit_code == 2
    assert "1 span is labelled ORG (机构)" in result.output and "rename the label" in result.output
    assert schema_of(project).label("ORG") is not None and project.read_bytes() == before
    # Saying it is a rename moves the span along.
    result = run("schema", project, "--import", target, "--rename", "ORG", "ORGANISATION")
    assert result.exit_code == 0, result.output
    assert "1 annotation(s) renamed" in result.output
    with Project.open(project, readonly=True) as p:
        assert [s.label for s in p.document(1).spans] == ["ORGANISATION"]


def test_export_to_stdout_and_never_over_the_project(project):
    result = run("schema", project, "--export", "-")
    assert result.exit_code == 0 and Schema.from_toml(result.output) == schema_of(project)
    before = project.read_bytes()
    result = run("schema", project, "--export", project)
    assert result.exit_code == 2 and "over the project file" in result.output
    assert project.read_bytes() == before


def test_a_malformed_schema_file_is_refused(project, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[labels]]\nkey = "A"\nname = "A"\ncolor = "not a colour!"\n', encoding="utf-8")
    result = run("schema", project, "--import", bad)
    assert result.exit_code == 2 and "bad.toml" in result.output and "colour" in result.output
