"""Rows 3 and 11: importing raw articles with pre-highlighting on both cores, and importing then
exporting 10,000 reviewed articles against doccano 1.8.4 on the same file.

    .venv/bin/python -m benchmarks.bench_import [--quick]

Row 3: 1,000 raw article files (the shared People's Daily texts, quick: 200), imported with
pre-highlighting by one process and by a pool of os.cpu_count() workers, alternately (median of runs).
Row 11: the shared dev articles repeated to 10,000 doccano JSONL records (23 MB; each copy made unique by
a numbered last line), imported --reviewed and exported to native JSONL. doccano 1.8.4 took 48.9 s and
41.7 s on this file on this machine; the target is ten times faster. Quick mode uses 1,000 records and
scales the targets to them.
"""

from __future__ import annotations

import os
import resource
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from annotator.service import Project
from benchmarks import bench_data
from benchmarks.bench_common import Row, limit_row, module_main, ratio_row

DOCCANO_IMPORT_S = 48.9
DOCCANO_EXPORT_S = 41.7
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


def doccano_rows(quick: bool, work: Path) -> Iterator[Row]:
    """Row 11: import the doccano file --reviewed, then export the project to native JSONL."""
    count = 1000 if quick else DOCCANO_RECORDS
    scale = count / DOCCANO_RECORDS
    articles = bench_data.gold(bench_data.DEV)
    source = work / "doccano.jsonl"
    size = bench_data.write_lines(source, (bench_data.doccano_line(a, n) for n, a in
                                           bench_data.copies(articles, count)))
    path = work / "reviewed.annot"
    with Project.create(path, schema="news-zh", user="bench") as project:
        project.segmenter.tokens("预热")
        started = time.perf_counter()
        report = project.importer.import_paths([source], fmt="doccano", reviewed=True)
        seconds = time.perf_counter() - started
        if report.errors or len(report.imported) != count:
            raise RuntimeError(f"import went wrong: {len(report.imported)} of {count}, {report.errors[:3]}")
        started = time.perf_counter()
        project.exporter.export(work / "reviewed.jsonl")
        export_seconds = time.perf_counter() - started
    note = f"{count:,} records, {size / 1e6:.1f} MB; doccano 1.8.4: {DOCCANO_IMPORT_S * scale:.1f} s"
    yield limit_row("11a", "importing 10,000 reviewed articles (doccano JSONL)", value=seconds,
                    limit=DOCCANO_IMPORT_S * scale / 10, note=note,
                    details={"seconds": seconds, "doccano_s": DOCCANO_IMPORT_S * scale})
    note = f"native JSONL, {(work / 'reviewed.jsonl').stat().st_size / 1e6:.0f} MB; doccano 1.8.4: " \
           f"{DOCCANO_EXPORT_S * scale:.1f} s"
    yield limit_row("11b", "exporting them", value=export_seconds, limit=DOCCANO_EXPORT_S * scale / 10,
                    note=note, details={"seconds": export_seconds, "doccano_s": DOCCANO_EXPORT_S * scale})


def rows(quick: bool, work: Path) -> Iterator[Row]:
    """Rows 3 and 11."""
    if not bench_data.available():
        yield Row("3", "importing raw articles with pre-highlighting", "-", ">= 1.6x", None, "no shared data")
        return
    yield parallel_row(quick, work)
    yield from doccano_rows(quick, work)


if __name__ == "__main__":
    module_main(rows, __doc__)
