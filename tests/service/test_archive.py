"""`suggest` on an in-process LocalCluster: the suggestions an import + prelabel gives, the same shards
on one worker or two, and a rerun after a lost shard that redoes only it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.core import formats
from annotator.core.archive import MANIFEST, triggers_from_meta
from annotator.service import Project
from annotator.service.archive import suggest_archive
from tests.conftest import FIXTURES

pytest.importorskip("dask.distributed")
pytestmark = pytest.mark.slow  # a local Dask cluster starts in seconds


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """Raw articles, a pre-segmented one and People's Daily articles in JSONL."""
    folder = tmp_path_factory.mktemp("articles")
    for path in [*(FIXTURES / "raw_news").glob("*.txt"), *sorted((FIXTURES / "segmented").glob("*.txt"))[:1]]:
        shutil.copy(path, folder / path.name)
    shutil.copy(FIXTURES / "pd98_dev5.jsonl", folder / "pd98.jsonl")
    return folder


def suggested(outdir: Path) -> dict[str, set[tuple]]:
    """Each document's text -> its spans, from the shards."""
    found: dict[str, set[tuple]] = {}
    for shard in sorted(outdir.glob("shard-*.jsonl")):
        for doc in map(triggers_from_meta, formats.read_documents(shard, "native")):
            assert doc.text not in found, "a document written twice"
            found[doc.text] = {(s.start, s.end, s.label, s.origin, s.state.value, s.score) for s in doc.spans}
    return found


def shard_bytes(outdir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(outdir.iterdir()) if not p.name.startswith(".")}


def run(articles: Path, outdir: Path, workers: int, **options) -> object:
    # Small shards, so these few articles make several and both workers get some.
    return suggest_archive([articles], outdir, workers=workers, processes=False, shard_bytes=3000, shard_files=1,
                           **options)


def test_the_archive_has_the_suggestions_of_import_and_prelabel(tmp_path, articles):
    report = run(articles, tmp_path / "out", workers=2)
    with Project.create(tmp_path / "p.annot", schema="ace2005-zh", user="t") as p:
        p.importer.import_paths([articles], workers=1)
        p.prelabel.run()
        p.triggers.suggest()
        expected = {d.text: {(s.start, s.end, s.label, s.origin, s.state.value, s.score) for s in d.spans}
                    for d in p.iter_documents(p.document_ids())}
    got = suggested(tmp_path / "out")
    assert len(got) == len(expected) == report.documents == 8
    assert got == expected
    assert sum(len(spans) for spans in got.values()) == report.suggestions > 0
    assert report.shards > 2 and report.skipped == 0


def test_the_output_is_the_same_on_one_worker_or_two_and_a_lost_shard_is_redone(tmp_path, articles):
    one = run(articles, tmp_path / "one", workers=1)
    two = run(articles, tmp_path / "two", workers=2)
    assert shard_bytes(tmp_path / "one") == shard_bytes(tmp_path / "two")
    before = shard_bytes(tmp_path / "two")
    (tmp_path / "two" / "shard-00001.jsonl").unlink()   # a worker lost before its shard was renamed in place
    (tmp_path / "two" / ".shard-00002.jsonl.x.tmp").write_text("half", encoding="utf-8")
    again = run(articles, tmp_path / "two", workers=2)
    assert (again.skipped, again.shards) == (one.shards - 1, one.shards)
    assert shard_bytes(tmp_path / "two") == before   # no duplicate, nothing left half-written
    assert again.documents == two.documents == len(suggested(tmp_path / "two"))
    assert (tmp_path / "two" / MANIFEST).is_file()


def test_a_changed_model_or_schema_makes_every_shard_stale(tmp_path, articles):
    run(articles, tmp_path / "out", workers=1)
    with Project.create(tmp_path / "p.annot", schema="ace2005-zh", user="t") as p:
        p.edits.remember_word("库房火灾")
    again = run(articles, tmp_path / "out", workers=1, project=tmp_path / "p.annot")
    assert again.skipped == 0


def test_a_given_scheduler_runs_the_shards_on_its_cluster(tmp_path, articles):
    from dask import distributed as dd

    with dd.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            dd.Client(cluster) as client:
        with dd.get_task_stream(client) as stream:
            report = suggest_archive([articles], tmp_path / "out", scheduler=cluster.scheduler_address,
                                     shard_bytes=3000, shard_files=1)
        ran = {task["worker"] for task in stream.data if task["key"].startswith("suggest-")}
        assert ran and ran <= set(cluster.workers[w].address for w in cluster.workers)
    assert report.documents == 8
    assert shard_bytes(tmp_path / "out") == shard_bytes_of_run(articles, tmp_path / "local")


def shard_bytes_of_run(articles: Path, out: Path) -> dict[str, bytes]:
    run(articles, out, workers=1)
    return shard_bytes(out)
