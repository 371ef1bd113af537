"""`import P ARCHIVE --sample N`: the chosen documents with their suggestions exactly as the archive has
them (nothing pre-highlighted again), the ones the project has already left out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core import formats
from annotator.core.archive import triggers_from_meta
from annotator.core.errors import ReadError
from annotator.service import Project
from annotator.service.archive import plan, run_shard, settings_for, write_manifest
from annotator.service.archive_import import import_archive
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """An archive of 8 articles in several shards, written shard by shard as the Dask tasks write them."""
    base = tmp_path_factory.mktemp("archive")
    folder = base / "in"
    folder.mkdir()
    for path in (FIXTURES / "raw_news").glob("*.txt"):
        shutil.copy(path, folder / path.name)
    shutil.copy(FIXTURES / "pd98_dev5.jsonl", folder / "pd98.jsonl")
    shutil.copy(sorted((FIXTURES / "segmented").glob("*.txt"))[0], folder / "seg.txt")
    out = base / "out"
    out.mkdir()
    settings = settings_for(None)
    shards, files = plan([folder], shard_bytes=3000, shard_files=1)
    done = [run_shard(s, s.key(settings.digest), str(out), settings.setup, settings.digest) for s in shards]
    write_manifest(out, done, settings, inputs=files)
    return out


def archived(archive: Path) -> dict[str, tuple[dict, set]]:
    found = {}
    for shard in sorted(archive.glob("shard-*.jsonl")):
        for doc in map(triggers_from_meta, formats.read_documents(shard, "native")):
            found[doc.text] = (doc.meta, {(s.start, s.end, s.label, s.kind, s.origin, s.state, s.score) for s in doc.spans})
    return found


def test_informative_sample_brings_the_least_sure_documents_with_their_suggestions(tmp_path, archive):
    everything = archived(archive)
    with Project.create(tmp_path / "p.annot", schema="ace2005-zh", user="t") as p:
        report = import_archive(p, archive, sample=3, order="informative")
        docs = list(p.iter_documents(report.imported))
        assert len(docs) == 3
        for doc in docs:
            meta, spans = everything[doc.text]
            assert {(s.start, s.end, s.label, s.kind, s.origin, s.state, s.score) for s in doc.spans} == spans
            assert doc.status.value == "pre-annotated"
        got = [everything[d.text][0]["uncertainty"] for d in docs]
        assert got == sorted((m["uncertainty"] for m, _ in everything.values()), reverse=True)[:3]
        again = import_archive(p, archive, sample=3, order="informative")   # the next three, none twice
        assert len(again.imported) == 3 and not again.skipped
        assert not {d.text for d in docs} & {d.text for d in p.iter_documents(again.imported)}


def test_where_and_confidence_choose_among_documents_of_a_label(tmp_path, archive):
    with Project.create(tmp_path / "p.annot", schema="ace2005-zh", user="t") as p:
        report = import_archive(p, archive, sample=50, order="confidence", where="label=Life:Die")
        docs = list(p.iter_documents(report.imported))
        assert docs and all(any(s.label == "Life:Die" for s in d.spans) for d in docs)
        assert len(docs) < len(archived(archive))


def test_a_folder_without_a_manifest_is_refused(tmp_path):
    with Project.create(tmp_path / "p.annot", schema="ace2005-zh", user="t") as p, \
            pytest.raises(ReadError, match="no manifest.json"):
        import_archive(p, tmp_path, sample=5)


def test_the_import_command_takes_a_sample_or_the_whole_archive(tmp_path, archive):
    runner = CliRunner()
    project = tmp_path / "p.annot"
    Project.create(project, schema="ace2005-zh").close()
    result = runner.invoke(cli, ["import", str(project), str(archive), "--sample", "2", "--order", "random"])
    assert result.exit_code == 0, result.output
    assert "imported 2 document(s)" in result.output and "lacks" not in result.output
    result = runner.invoke(cli, ["import", str(project), str(archive)])   # the rest, as they are
    assert result.exit_code == 0, result.output
    assert "imported 6 document(s)" in result.output
    with Project.open(project, readonly=True) as p:
        assert len(p.document_ids()) == 8
    again = runner.invoke(cli, ["import", str(project), str(archive), "--sample", "2"])  # nothing left to bring
    assert again.exit_code == 0 and "imported 0 document(s)" in again.output
    assert "the archive holds no other document the project lacks" in again.output
    bad = runner.invoke(cli, ["import", str(project), str(archive), "--sample", "2", "--where", "ORG"])
    assert bad.exit_code == 2 and "label=ORG" in bad.output
    assert json.loads((archive / "manifest.json").read_text(encoding="utf-8"))["documents"] == 8


def test_a_manifest_past_the_input_bound_is_refused_naming_it(tmp_path, archive, monkeypatch):
    with Project.create(tmp_path / "p.annot") as p:
        monkeypatch.setenv("ANNOTATOR_MAX_INPUT_MB", str(16 / 1048576))  # 16 bytes: less than any manifest
        with pytest.raises(ReadError) as caught:
            import_archive(p, archive, sample=3)
    assert caught.value.path == str(archive / "manifest.json") and "MB" in caught.value.message


def test_a_damaged_later_shard_leaves_none_of_the_archive_imported(tmp_path, archive):
    damaged = tmp_path / "archive"
    shutil.copytree(archive, damaged)
    shards = sorted(damaged.glob("shard-*.jsonl"))
    assert len(shards) >= 2
    shards[-1].write_text(shards[-1].read_text(encoding="utf-8") + '{"text": "坏", "entities": "PER"}\n',
                          encoding="utf-8")
    project = tmp_path / "p.annot"
    Project.create(project, schema="ace2005-zh").close()
    result = CliRunner().invoke(cli, ["import", str(project), str(damaged)])
    assert result.exit_code == 2 and shards[-1].name in result.output, result.output
    with Project.open(project, readonly=True) as p:
        assert p.document_ids() == []  # the earlier shards' documents went with it
