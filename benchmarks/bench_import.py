"""Rows 3 and 11: importing raw articles with pre-highlighting on both cores, and importing then
exporting 10,000 reviewed articles against doccano 1.8.4 on the same file.

    .venv/bin/python -m benchmarks.bench_import [--quick]

Row 3: 1,000 raw article files (the shared People's Daily texts, quick: 200), imported with
pre-highlighting by one process and by a pool of os.cpu_count() workers, alternately (median of runs).
Row 11: the shared dev articles repeated to 10,000 doccano JSONL records (23 MB; each copy made unique by
a numbered last line), imported --reviewed and exported to native JSONL, each against a floor measured
alternately in the same run: for the import, the same records parsed, segmented by rjieba and inserted as
the same rows with sqlite-utils in one transaction (`naive_import`); for the export, a bare SELECT * of
the project's tables through json.dumps (`bare_scan`, as row 9). No peer figures are hard-coded: a peer
(doccano) is only compared side by side in the same run. Quick mode uses 1,000 records.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.service import Project
from benchmarks import bench_data
from benchmarks.bench_common import Row, bare_scan, module_main, ratio_row, timed

DOCCANO_RECORDS = 10_000


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def import_once(folder: Path, files: list[Path], *, workers: int, tag: str) -> tuple[float, float, int]:
    """Import `files` into a new project with pre-highlighting; (seconds, cores used, documents)."""
    path = folder / f"import-{tag}.annot"
    with Project.create(path, schema="news-zh", user="bench") as project:
        project.segmenter.tokens("预热")  # jieba's dictionary load is start-up, not import
        cpu, started = _cpu_seconds(), time.perf_counter()
        report = project.importer.import_paths(files, prelabel=True, workers=workers)
        seconds = time.perf_counter() - started
        cores = (_cpu_seconds() - cpu) / seconds
    if report.errors or len(report.imported) != len(files):
        raise RuntimeError(f"import went wrong: {len(report.imported)} of {len(files)}, {report.errors[:3]}")
    for leftover in folder.glob(f"import-{tag}.annot*"):
        leftover.unlink()
    return seconds, cores, len(report.imported)


def parallel_row(quick: bool, work: Path) -> Row:
    """Row 3: one process against all cores on the same raw files, alternately."""
    count, runs = (200, 1) if quick else (1000, 3)
    files = bench_data.raw_files(work / "raw", bench_data.gold(bench_data.TRAIN_POOL, limit=count), count)
    workers = os.cpu_count() or 1
    single, multi, cores = [], [], []
    for n in range(runs):
        single.append(import_once(work, files, workers=1, tag=f"serial{n}")[0])
        seconds, used, _ = import_once(work, files, workers=workers, tag=f"pool{n}")
        multi.append(seconds)
        cores.append(used)
    one, many = statistics.median(single), statistics.median(multi)
    note = (f"{count} files, {workers} workers, {statistics.median(cores):.2f} cores busy; "
            f"{one:.1f} s vs {many:.1f} s, median of {runs}")
    return ratio_row("3", "importing raw articles with pre-highlighting, pool vs 1 process", ours=count / many,
                     base=count / one, need=1.6, unit="articles/s", note=note,
                     details={"serial_s": one, "parallel_s": many, "cores": statistics.median(cores)})


def naive_import(source: Path, path: Path) -> int:
    """The floor an import is held to: each record parsed, its text segmented by rjieba (jieba when it is
    missing), and the same rows (documents with their words, entity spans) inserted with sqlite-utils in
    one transaction. No checks, no pre-highlighting, one process."""
    import sqlite_utils

    _, cut = _cutter()
    docs: list[dict] = []
    spans: list[dict] = []
    with open(source, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            rec = json.loads(line)
            text = rec["text"]
            docs.append({"id": n, "title": text.split("\n", 1)[0][:80], "text": text,
                         "tokens": json.dumps(cut(text), ensure_ascii=False), "status": "reviewed"})
            spans += [{"doc_id": n, "start": s, "end": e, "label": label, "state": "accepted"}
                      for s, e, label in rec.get("label", [])]
    db = sqlite_utils.Database(path)
    with db.atomic():
        db["documents"].insert_all(docs, pk="id")
        db["spans"].insert_all(spans)
    db.close()
    return len(docs)


def _cutter() -> tuple[str, Callable[[str], list[str]]]:
    """(name, cut) of the plain segmenter the floor uses."""
    try:
        import rjieba
        return "rjieba", rjieba.cut
    except ImportError:
        import jieba
        return "jieba", jieba.lcut


def ours_import(source: Path, path: Path, count: int) -> tuple[Project, float, int]:
    """Our import of the file into a new project, its seconds (creating the project and loading jieba's
    dictionary are start-up, not import) and the processes it chose (one per core, or 1 on a busy machine)."""
    from annotator.service import import_pool

    project = Project.create(path, schema="news-zh", user="bench")
    project.segmenter.tokens("预热")
    started = time.perf_counter()
    workers = import_pool.default_workers([source])  # what import_paths would choose: shown in the note
    report = project.importer.import_paths([source], fmt="doccano", reviewed=True, workers=workers)
    seconds = time.perf_counter() - started
    if report.errors or len(report.imported) != count:
        project.close()
        raise RuntimeError(f"import went wrong: {len(report.imported)} of {count}, {report.errors[:3]}")
    return project, seconds, workers


def doccano_rows(quick: bool, work: Path) -> Iterator[Row]:
    """Rows 11a/11b: import the doccano file --reviewed, then export the project to native JSONL, each
    against its floor measured alternately in the same run."""
    count, runs = (1000, 3) if quick else (DOCCANO_RECORDS, 3)
    articles = bench_data.gold(bench_data.DEV)
    source = work / "doccano.jsonl"
    size = bench_data.write_lines(source, (bench_data.doccano_line(a, n) for n, a in
                                           bench_data.copies(articles, count)))
    ours_in, floor_in, ours_out, floor_out = [], [], [], []
    used: list[int] = []
    for n in range(runs):
        path = work / f"reviewed{n}.annot"
        project, seconds, workers = ours_import(source, path, count)
        ours_in.append(seconds)
        used.append(workers)
        floor_path = work / f"floor{n}.db"
        floor_in.append(timed(lambda: naive_import(source, floor_path)))  # noqa: B023 - called at once
        with project:
            ours_out.append(timed(lambda: project.exporter.export(work / "reviewed.jsonl")))  # noqa: B023
        floor_out.append(timed(lambda: bare_scan(path, work / "bare.jsonl")))  # noqa: B023
        for leftover in (*work.glob(f"reviewed{n}.annot*"), floor_path):
            leftover.unlink(missing_ok=True)
    seg = _cutter()[0]
    ours_s, floor_s = statistics.median(ours_in), statistics.median(floor_in)
    note = (f"{count:,} records, {size / 1e6:.1f} MB; ours {ours_s:.2f} s with {'/'.join(map(str, used))} "
            f"process(es) of {os.cpu_count()} cores (1 when the load average was at the core count), floor "
            f"{floor_s:.2f} s ({seg} + sqlite-utils insert_all, one transaction, 1 process); median of {runs}")
    yield ratio_row("11a", "importing reviewed doccano JSONL vs the naive floor", ours=count / ours_s,
                    base=count / floor_s, need=1.0, unit="records/s", note=note,
                    details={"seconds": ours_s, "floor_s": floor_s})
    ours_s, floor_s = statistics.median(ours_out), statistics.median(floor_out)
    note = (f"native JSONL, {(work / 'reviewed.jsonl').stat().st_size / 1e6:.0f} MB in {ours_s:.2f} s; bare "
            f"SELECT * + json.dumps of the same project {floor_s:.2f} s; median of {runs}")
    yield ratio_row("11b", "exporting them vs bare SQLite scan + json.dumps", ours=count / ours_s,
                    base=count / floor_s, need=0.5, unit="docs/s", note=note,
                    details={"seconds": ours_s, "floor_s": floor_s})


def rows(quick: bool, work: Path) -> Iterator[Row]:
    """Rows 3 and 11."""
    if not bench_data.available():
        yield Row("3", "importing raw articles with pre-highlighting", "-", ">= 1.6x", None, "no shared data")
        return
    yield parallel_row(quick, work)
    yield from doccano_rows(quick, work)


if __name__ == "__main__":
    module_main(rows, __doc__)
