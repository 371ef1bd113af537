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


def two_files_with_labels_of_their_own(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text('{"text": "张三在北京工作。", "label": [[0, 2, "NEWA"]]}\n', encoding="utf-8")
    second.write_text('{"text": "李四在上海工作。", "label": [[0, 2, "NEWB"]]}\n', encoding="utf-8")
    return first, second


def test_a_cancelled_import_leaves_the_schema_it_would_have_extended(tmp_path):
    """The extension was its own transaction before the import's: Ctrl+C said 'nothing of this import was kept'
    over a schema that had kept the files' labels."""
    from annotator.core.progress import Cancelled

    files = two_files_with_labels_of_their_own(tmp_path)
    path = tmp_path / "p.annot"
    with Project.create(path) as p:
        before = p.schema.label_keys

        def stop_at_the_second(done: int, total: int, name: object) -> bool:
            return done < 1

        try:
            p.importer.import_paths(files, fmt="doccano", extend_schema=True, prelabel=False,
                                    progress=stop_at_the_second)
        except Cancelled:
            pass
        else:
            raise AssertionError("the import was not cancelled")
        assert p.schema.label_keys == before
    with Project.open(path, readonly=True) as p:
        assert p.schema.label_keys == before and p.document_ids() == []


def test_a_file_refused_while_stored_takes_its_labels_out_of_the_extension(tmp_path, monkeypatch):
    """Each file is all or nothing; the schema extended for every file kept a refused file's labels."""
    from annotator.core.errors import ValidationError
    from annotator.service.importing import Importer

    first, second = two_files_with_labels_of_their_own(tmp_path)
    store_parts = Importer._store_parts

    def refuse_the_second(self, parts, *args, **kwargs):
        parts = list(parts)
        if any(part.path == str(second) for part in parts):
            raise ValidationError("refused for the test", path=str(second))
        return store_parts(self, iter(parts), *args, **kwargs)

    monkeypatch.setattr(Importer, "_store_parts", refuse_the_second)
    path = tmp_path / "p.annot"
    with Project.create(path) as p:
        report = p.importer.import_paths([first, second], fmt="doccano", extend_schema=True, prelabel=False)
        assert len(report.imported) == 1 and report.errors and "NEWA" in " ".join(report.schema_added)
        assert "NEWB" not in " ".join(report.schema_added)
    with Project.open(path, readonly=True) as p:
        assert "NEWA" in p.schema.label_keys and "NEWB" not in p.schema.label_keys
