"""An import prepared by worker processes leaves exactly the project a serial import leaves: the same
documents under the same ids, the same suggestions, events, statuses, duplicates and errors."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from annotator.core.formats import fileio
from annotator.core.segment import Segmenter
from annotator.core.text import decode_tokens
from annotator.service import Project, import_pool, import_read
from tests.conftest import FIXTURES
from tests.store.helpers import build_project

TABLES = {
    "documents": "SELECT id, name, title, text, tokens, source, original, hash, status, meta, n_suggested, "
                 "n_entities, n_events, n_tokens, presegmented FROM documents ORDER BY id",
    "spans": 'SELECT id, doc_id, start, "end", label, kind, origin, state, score FROM spans ORDER BY id',
    "events": "SELECT id, doc_id, type, trigger_id, state, origin FROM events ORDER BY id",
    "arguments": "SELECT id, event_id, doc_id, role, span_id, position FROM arguments ORDER BY id",
}


def contents(project: Project) -> dict[str, list[tuple]]:
    return {name: project.store.db.execute(sql).fetchall() for name, sql in TABLES.items()}


@pytest.fixture
def sources(tmp_path) -> Path:
    """Raw and pre-segmented articles, a repeated one, text-only and tokenised JSONL, events, a bad file."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in [*(FIXTURES / "raw_news").glob("*.txt"), *(FIXTURES / "segmented").glob("*.txt")]:
        shutil.copy(path, folder / path.name)
    shutil.copy(FIXTURES / "raw_news" / "北京库房火灾中12人亡.txt", folder / "z_repeat.txt")
    records = [json.loads(line) for line in (FIXTURES / "pd98_dev5.jsonl").read_text(encoding="utf-8").splitlines()]
    (folder / "a_text_only.jsonl").write_text(
        "".join(json.dumps({"text": r["text"], "title": r["title"]}, ensure_ascii=False) + "\n"
                for r in records) + json.dumps({"text": records[0]["text"]}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    train = (FIXTURES / "pd98_train30.jsonl").read_text(encoding="utf-8").splitlines()[:6]
    (folder / "b_tokens.jsonl").write_text("\n".join(train) + "\n", encoding="utf-8")
    with Project.open(build_project(tmp_path / "events.annot")) as p:
        p.exporter.export(folder / "c_events.jsonl", statuses=["all"])
    (folder / "d_broken.jsonl").write_text('{"text": "好"}\n{"text": \n', encoding="utf-8")
    return folder


def imported(tmp_path: Path, sources: Path, name: str, **options) -> tuple[dict, object]:
    with Project.create(tmp_path / f"{name}.annot", schema="ace2005-zh", user="t") as p:
        p.edits.remember_word("库房火灾")
        report = p.importer.import_paths([sources], **options)
        return contents(p), report


@pytest.mark.slow
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_parallel_import_gives_exactly_the_serial_project(tmp_path, sources, monkeypatch, method):
    # Small limits so these few files make several groups and the JSONL files are shared out.
    monkeypatch.setattr(import_pool, "GROUP_FILES", 2)
    monkeypatch.setattr(import_pool, "SPLIT_BYTES", 500)
    monkeypatch.setattr(import_pool, "PARTS_PER_WORKER", 3)
    monkeypatch.setattr(import_pool, "start_method", lambda: method)
    serial, serial_report = imported(tmp_path, sources, "serial", workers=1)
    parallel, parallel_report = imported(tmp_path, sources, "parallel", workers=2)
    assert serial_report == parallel_report
    assert serial == parallel
    assert len(serial_report.errors) == 1 and "d_broken" in serial_report.errors[0]
    repeats = {Path(where).name for where, _ in serial_report.skipped}
    assert "a_text_only.jsonl:6" in repeats and len(repeats & {"z_repeat.txt", "北京库房火灾中12人亡.txt"}) == 1
    assert serial["events"] and serial["arguments"]
    assert any(row[7] == "suggested" for row in serial["spans"])  # pre-highlighted


def test_reviewed_records_get_the_tokens_a_pre_highlighted_import_gives(tmp_path, sources):
    # Reviewed records are packed from the words (no tuple per token); pre-highlighted ones from the tokens.
    reviewed, _ = imported(tmp_path, sources, "reviewed", workers=1, reviewed=True)
    suggested, _ = imported(tmp_path, sources, "suggested", workers=1)
    columns = [(row[1], row[4], row[13], row[14]) for row in reviewed["documents"]]  # title, tokens, n_tokens, preseg.
    assert columns == [(row[1], row[4], row[13], row[14]) for row in suggested["documents"]]
    segmenter = Segmenter(["库房火灾"])
    texts = [row[3] for row in reviewed["documents"] if not row[14]]
    assert len(texts) > 5
    for text, row in zip(texts, (r for r in reviewed["documents"] if not r[14]), strict=True):
        assert decode_tokens(row[4]) == segmenter.tokens(text)
        assert row[13] == len(segmenter.tokens(text))


@pytest.mark.slow
def test_forked_workers_use_the_callers_loaded_segmenter_and_pre_highlighter(tmp_path, sources, monkeypatch):
    monkeypatch.setattr(import_pool, "GROUP_FILES", 2)
    monkeypatch.setattr(import_pool, "start_method", lambda: "fork")
    built = tmp_path / "built-in-a-worker"
    parent = os.getpid()

    def noted(real):
        def build(*args, **kwargs):
            if os.getpid() != parent:
                built.touch()
            return real(*args, **kwargs)
        return build

    monkeypatch.setattr(import_pool, "Segmenter", noted(import_pool.Segmenter))
    import annotator.core.prelabel as prelabel  # where a worker's context imports it from when it builds one

    monkeypatch.setattr(prelabel, "build_prelabeler", noted(prelabel.build_prelabeler))
    with Project.create(tmp_path / "p.annot", schema="ace2005-zh", user="t") as p:
        report = p.importer.import_paths([sources], workers=2)
        assert any(row[7] == "suggested" for row in contents(p)["spans"])
    assert len(report.imported) > 5
    assert not built.exists()


def test_jobs_keep_file_order_and_share_out_large_files(tmp_path, monkeypatch):
    monkeypatch.setattr(import_pool, "GROUP_FILES", 2)
    monkeypatch.setattr(import_pool, "SPLIT_BYTES", 10)
    files = []
    for name, size in (("a.txt", 5), ("b.txt", 5), ("c.txt", 5), ("d.jsonl", 50), ("e.txt", 50)):
        (tmp_path / name).write_text("x" * size, encoding="utf-8")
        files.append(tmp_path / name)
    jobs = import_pool.plan(files, workers=2)
    parts = 2 * import_pool.PARTS_PER_WORKER
    assert [[(Path(p.path).name, p.part, p.parts) for p in job] for job in jobs] == [
        [("a.txt", 0, 1), ("b.txt", 0, 1)], [("c.txt", 0, 1)], *([("d.jsonl", k, parts)] for k in range(parts)),
        [("e.txt", 0, 1)]]
    assert [len(job) for job in import_pool.plan(files, workers=1)] == [2, 2, 1]


@pytest.mark.slow
def test_a_shared_out_file_reports_its_first_bad_record_as_a_serial_import_does(tmp_path, monkeypatch):
    monkeypatch.setattr(import_pool, "SPLIT_BYTES", 10)
    good = [json.dumps({"text": f"北京第{n}条新闻"}, ensure_ascii=False) for n in range(6)]
    bad = '{"text": ""}'
    folder = tmp_path / "in"
    folder.mkdir()
    for name, broken in (("late.jsonl", (1, 4)), ("first.jsonl", (0, 3)), ("fine.jsonl", ())):
        lines = [bad if i in broken else line for i, line in enumerate(good)]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    reports = []
    for workers in (1, 2):
        with Project.create(tmp_path / f"p{workers}.annot", schema="ace2005-zh") as p:
            reports.append(p.importer.import_paths([folder], workers=workers, prelabel=False))
    serial, parallel = reports
    assert serial == parallel
    assert [e.split(": ")[0].rsplit("/", 1)[1] for e in serial.errors] == ["first.jsonl:1", "late.jsonl:2"]
    assert len(serial.imported) == 6


@pytest.mark.parametrize("lines", [0, 1, 5, 7, 100])
@pytest.mark.parametrize("ending", ["\n", ""])
def test_the_runs_of_a_split_file_cover_every_line_once_each_starting_at_its_byte(tmp_path, lines, ending):
    path = tmp_path / "f.jsonl"
    records = [json.dumps({"text": "北" * (n % 7)}, ensure_ascii=False) for n in range(lines)]
    path.write_text("\n".join(records) + (ending if records else ""), encoding="utf-8")
    data = path.read_bytes()
    starts = [0, *(i + 1 for i, b in enumerate(data) if b == ord("\n"))]  # the byte each line starts at
    for parts in (1, 2, 3, 4, 8, 16):
        runs = import_read.runs(path, parts)
        assert [r.part for r in runs] == list(range(parts)) and {r.parts for r in runs} == {parts}
        covered = [n for n in range(1, lines + 3) for r in runs if r.line <= n < r.after]
        assert covered == list(range(1, lines + 3))
        for run in runs:
            if run.line <= lines and run.line < run.after:
                assert run.start == starts[run.line - 1]
        read = [line for r in runs for line, _ in fileio.json_lines(path, lines=(r.line, r.after), offset=r.start)]
        assert read == list(range(1, lines + 1))


def test_bulk_work_runs_numpy_blas_on_one_thread():
    from threadpoolctl import threadpool_info

    from annotator.service.bulk import one_blas_thread

    def blas_threads() -> set[int]:
        return {p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"}

    import numpy as np

    np.ones((2, 2)) @ np.ones((2, 2))  # BLAS loaded
    before = blas_threads()
    assert before
    with one_blas_thread():
        assert blas_threads() == {1}
    assert blas_threads() == before  # restored after the block


@pytest.mark.parametrize(("load", "expected"), [(0.3, 4), (3.9, 4), (4.0, 1), (17.0, 1)])
def test_bulk_work_starts_workers_only_on_a_machine_with_spare_cores(monkeypatch, load, expected):
    # On a busy machine workers only split this job's share of the processors and add their own costs.
    from annotator.core import formats
    from annotator.service import bulk, export_pool

    monkeypatch.setattr(bulk.multiprocessing, "cpu_count", lambda: 4)
    monkeypatch.setattr(bulk.os, "getloadavg", lambda: (load, load, load))
    assert bulk.spare_cores() == expected
    big = [Path(__file__)] * (4 * import_pool.GROUP_FILES)
    assert import_pool.default_workers(big) == expected
    assert export_pool.use_pool(formats.get_format("native"), export_pool.PARALLEL_DOCS) == expected
