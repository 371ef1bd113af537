"""Real corpora use labels and types a shipped schema lacks: refused with a way on, --extend-schema, --map."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.schema import load_schema
from annotator.service import Project
from tests.conftest import FIXTURES


def run(*args: object, code: int = 0) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


def cec_with_an_unknown_type(tmp_path: Path) -> Path:
    """The CEC fixture with its first event typed as the corpus's `thoughtevent`, a role the schema lacks too."""
    records = [json.loads(line) for line in (FIXTURES / "cec5.jsonl").read_text(encoding="utf-8").splitlines()]
    first = records[0]["events"][0]
    first["type"] = "thoughtevent"
    first["arguments"][0]["role"] = "Speaker"
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_an_unknown_event_type_is_refused_saying_how_to_proceed(tmp_path):
    project = tmp_path / "cec.annot"
    run("new", project, "--schema", "cec")
    corpus = cec_with_an_unknown_type(tmp_path)
    out = run("import", project, corpus, "--reviewed", code=2)
    assert f"error: {corpus}: the schema 'cec' lacks event type(s) thoughtevent (first at line 1)" in out
    assert "--extend-schema" in out and "--map OLD=NEW" in out
    with Project.open(project, readonly=True) as p:
        assert p.document_ids() == [] and p.schema.event_type("thoughtevent") is None


def test_extend_schema_adds_the_type_and_role_and_lists_them(tmp_path):
    project = tmp_path / "cec.annot"
    run("new", project, "--schema", "cec")
    out = run("import", project, cec_with_an_unknown_type(tmp_path), "--reviewed", "--extend-schema")
    assert "added to the schema: event type thoughtevent, role Speaker of thoughtevent" in out
    assert "imported 5 document(s)" in out
    with Project.open(project, readonly=True) as p:
        added = p.schema.event_type("thoughtevent")
        assert added is not None and added.role_names == ("Speaker",)
        assert any(e.type == "thoughtevent" for e in p.document(1).events)
    # Exported and read back into a fresh project of the extended schema, nothing is lost.
    run("schema", project, "--export", tmp_path / "extended.toml")
    assert load_schema(tmp_path / "extended.toml").event_type("thoughtevent") is not None


def test_map_renames_as_it_reads(tmp_path):
    project = tmp_path / "cec.annot"
    run("new", project, "--schema", "cec")
    out = run("import", project, cec_with_an_unknown_type(tmp_path), "--reviewed", "--map", "thoughtevent=statement")
    assert "imported 5 document(s)" in out and "added to the schema" not in out
    with Project.open(project, readonly=True) as p:
        assert p.schema.event_type("thoughtevent") is None
        assert p.document(1).events[0].type == "statement"
    assert "is not OLD=NEW" in run("import", project, FIXTURES / "cec5.jsonl", "--map", "nonsense", code=2)


def test_extend_schema_adds_entity_labels(tmp_path):
    project = tmp_path / "news.annot"
    run("new", project, "--schema", "news-zh")
    corpus = tmp_path / "ents.jsonl"
    corpus.write_text(json.dumps({"text": "他住进协和医院。", "entities": [
        {"start": 3, "end": 7, "label": "FAC"}, {"start": 0, "end": 1, "label": "PRON"}]}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    out = run("import", project, corpus, "--reviewed", "--extend-schema", "--map", "PRON=PER")
    assert "added to the schema: label FAC\n" in out
    with Project.open(project, readonly=True) as p:
        assert p.schema.label("FAC") is not None and p.schema.label("PRON") is None
        assert sorted(s.label for s in p.document(1).spans) == ["FAC", "PER"]


def test_ace2005_carries_gpe_and_fac_so_a_hospital_can_be_a_destination():
    schema = load_schema("ace2005-zh")
    assert schema.label("GPE") is not None and schema.label("FAC") is not None
    assert schema.event_type("Movement:Transport").role("Destination").allows("FAC")
    assert schema.event_type("Conflict:Attack").role("Place").allows("GPE")


def test_a_cluener_label_without_mentions_is_refused_before_the_schema_is_extended(tmp_path):
    """`"game": {}` names a label and carries no mention: --extend-schema added the file's other labels to the
    schema (a change committed first), then the import refused `game` as unknown, leaving the project changed
    after a refusal (found by tools/fuzz_import.py comparing every table). Refused as a mention without positions
    is, naming the line, before anything is written."""
    project = tmp_path / "p.annot"
    run("new", project)
    path = tmp_path / "cluener.json"
    path.write_text('{"text": "浙商银行叶老桂博士", "label": {"company": {"浙商银行": [[0, 3]]}}}\n'
                    '{"text": "生生不息CSOL生化狂潮", "label": {"game": {}}}\n', encoding="utf-8")
    before = project.read_bytes()
    out = run("import", project, path, "--format", "cluener", "--extend-schema", "--no-prelabel", code=2)
    assert f"error: {path}:2: label 'game': no mentions" in out, out
    assert project.read_bytes() == before
    with Project.open(project, readonly=True) as p:
        assert p.schema.label("company") is None
