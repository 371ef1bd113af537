"""Writing a large export on every core: worker processes each read a run of documents from the project
file (read-only, their own connection) and write its records to a part file; the parts are joined in
order into the target, which appears only when complete. The bytes are those of a serial export.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from annotator.core import formats
from annotator.core.formats.base import MAX_EXAMPLES, Dropped, ExportSummary
from annotator.core.formats.fileio import atomic_text
from annotator.core.progress import Progress, report
from annotator.core.schema import Schema
from annotator.service.bulk import paused_gc, spare_cores, start_method
from annotator.store import ProjectStore, queries

PARALLEL_DOCS = 2000  # below this, starting workers costs more than it saves
RUN_DOCS = 1000       # documents per job: enough to amortise a job, small enough to balance the cores


def use_pool(spec: formats.Format, count: int) -> int:
    """How many worker processes an export of `count` documents in `spec` should use (1: none; also on a
    busy machine, `spare_cores`)."""
    cores = spare_cores()
    return cores if cores > 1 and count >= PARALLEL_DOCS and not spec.folder else 1


def write_parallel(project: Path, ids: Sequence[int], target: Path, spec: formats.Format,
                   options: formats.ExportOptions, *, schema: Schema, workers: int,
                   progress: Progress | None = None) -> ExportSummary:
    """Export `ids` of the project file to `target` with `workers` processes; progress run by run."""
    runs = [list(ids[i:i + RUN_DOCS]) for i in range(0, len(ids), RUN_DOCS)]
    parts = [target.with_name(f".{target.name}.part{k}") for k in range(len(runs))]
    jobs = [(str(project), run, str(part), spec.name, options, schema.to_dict())
            for run, part in zip(runs, parts, strict=True)]
    summaries: list[ExportSummary] = []
    try:
        mp = multiprocessing.get_context(start_method())
        with mp.Pool(min(workers, len(jobs))) as pool, atomic_text(target) as out:
            assert isinstance(out, io.TextIOWrapper)  # a path's file: the parts' bytes go to its buffer
            out.flush()
            report(progress, 0, len(ids), what="the export")
            done = 0
            for part, run, summary in zip(parts, runs, pool.imap(_write_run, jobs), strict=True):
                summaries.append(summary)
                done += len(run)
                report(progress, done, len(ids), what="the export")
                append_file(part, out.buffer)
                os.unlink(part)
    finally:
        for part in parts:
            part.unlink(missing_ok=True)
    return merge(summaries, spec=spec.name, path=str(target))


def append_file(part: Path, out: BinaryIO) -> None:
    """The bytes of `part` at the end of `out` (flushed): copied by the kernel where it can, else read
    through a buffer here (an export of 200 MB copies them once)."""
    out.flush()
    with open(part, "rb") as fh:
        size, done = os.fstat(fh.fileno()).st_size, 0
        try:
            while done < size:
                copied = os.copy_file_range(fh.fileno(), out.fileno(), size - done)
                if not copied:
                    break
                done += copied
        except (AttributeError, OSError):  # not Linux, or not between these two files
            pass
        fh.seek(done)
        shutil.copyfileobj(fh, out, 1 << 20)  # what the kernel did not copy, if anything
    out.flush()


def merge(summaries: Sequence[ExportSummary], *, spec: str, path: str) -> ExportSummary:
    """One summary for the parts of an export."""
    entities: Counter[str] = Counter()
    events: Counter[str] = Counter()
    dropped: dict[str, tuple[int, list[str]]] = {}
    for s in summaries:
        entities.update(s.entities)
        events.update(s.events)
        for d in s.dropped:
            count, examples = dropped.get(d.reason, (0, []))
            dropped[d.reason] = (count + d.count, (examples + list(d.examples))[:MAX_EXAMPLES])
    return ExportSummary(format=spec, path=path, documents=sum(s.documents for s in summaries),
                         entities=dict(entities), events=dict(events),
                         dropped=tuple(Dropped(r, n, tuple(ex)) for r, (n, ex) in dropped.items()))


_STORES: dict[str, ProjectStore] = {}  # one read-only connection per worker, kept for its later jobs


def _write_run(job: tuple[str, list[int], str, str, formats.ExportOptions, dict[str, Any]]) -> ExportSummary:
    project, ids, part, fmt, options, schema = job
    store = _STORES.get(project)
    if store is None:
        store = _STORES[project] = ProjectStore(project, readonly=True)
    with open(part, "w", encoding="utf-8", newline="\n") as out, paused_gc():
        docs = queries.load_documents(store.db, ids, tokens=formats.get_format(fmt).tokens)
        return formats.write_documents(docs, out, fmt, options,
                                       schema=Schema.from_dict(schema, strict=False))
