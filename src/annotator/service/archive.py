"""Pre-highlighting a news archive on a Dask cluster (`annotator suggest`): native JSONL shards with
suggestions, each document with its uncertainty and content hash, and a manifest.

The inputs are cut into shards by core/archive (by input order and size only), each shard is read,
segmented and pre-highlighted by one Dask task exactly as an import prepares files (import_pool's
readers and Context), and written under a temporary name then renamed, with a small summary beside it
that marks it complete. A rerun skips the complete shards, so a crash or a lost worker costs only the
shards in flight. The pre-highlighter's settings (schema, model, gazetteer, dictionary) are scattered
to every worker once; each worker builds its pre-highlighter on first use and keeps it.

Dask is an optional extra (`annotator[cluster]`): it is imported here only when a run starts.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

from annotator.core import archive, formats
from annotator.core.annotations import AnnotatedDocument, SpanState
from annotator.core.archive import InputFile, Shard, ShardPart, ShardSummary
from annotator.core.errors import AnnotatorError, ReadError
from annotator.core.events import trigger_lexicon
from annotator.core.formats import native
from annotator.core.formats.base import ExportOptions, Tally
from annotator.core.formats.extras import take_not_carried
from annotator.core.formats.fileio import atomic_text
from annotator.core.prelabel import build_prelabeler, describe
from annotator.core.schema import Schema, load_schema
from annotator.core.segment import Segmenter
from annotator.service import import_pool, import_read
from annotator.service.bulk import one_blas_thread, paused_gc
from annotator.service.import_pool import Context, initial_status, worker_setup
from annotator.store import models, words
from annotator.store.queries import content_hash

Progress = Callable[..., Any]  # (done shards, total shards) -> ignored; the CLI's bar
# Dask itself, not `annotator[cluster]`: outside a checkout pip would fetch that name from PyPI, where `annotator`
# is another project (version 0.14 when this was written), and install it over this one or on a bare worker.
INSTALL_HINT = "pip install 'dask[distributed]>=2024.1' (from a checkout: pip install '.[cluster]')"
WRITTEN = ExportOptions(with_suggestions=True, with_rejected=True)


@dataclass(frozen=True)
class Settings:
    """What every worker needs to pre-highlight as the project does, with its digest and description."""

    setup: dict[str, Any]
    digest: str
    model: str
    schema: str


@dataclass(frozen=True)
class ArchiveReport:
    """What a run did: shards written now and found complete, and the archive's totals."""

    outdir: Path
    shards: int
    skipped: int
    documents: int
    suggestions: int
    errors: tuple[str, ...]
    model: str

    def lines(self) -> list[str]:
        """The summary the CLI prints."""
        return [f"{self.documents} document(s), {self.suggestions} suggestion(s) in {self.shards} shard(s) "
                f"under {self.outdir} ({self.shards - self.skipped} written now, {self.skipped} already complete)",
                f"model: {self.model}", *(f"error: {e}" for e in self.errors)]


def settings_for(project: Path | None) -> Settings:
    """The pre-highlighter's settings: the project's schema, model, gazetteer and dictionary, or the defaults."""
    if project is None:
        schema = load_schema()
        setup = worker_setup(schema=schema, user_words=[], model=None, gazetteer=[],
                             lexicon=trigger_lexicon(schema, []))
    else:
        from annotator.service.project import Project

        with Project.open(project, readonly=True) as p:
            schema = p.schema
            setup = worker_setup(schema=schema, user_words=words.segment_words(p.store.db),
                                 model=models.latest(p.store.db)[1], gazetteer=p.prelabel.gazetteer(),
                                 lexicon=p.triggers.lexicon())
    model = setup["model"]
    described = f"the project's model: {describe(model)}" if model else "the starter model"
    text = json.dumps({k: v for k, v in setup.items() if k != "model"}, sort_keys=True, ensure_ascii=False)
    digest = hashlib.blake2b(text.encode("utf-8") + (model or b""), digest_size=16).hexdigest()
    return Settings(setup, digest, described, schema.name)


def plan(inputs: Sequence[str | Path], *, shard_bytes: int | None = None,
         shard_files: int = archive.SHARD_FILES) -> tuple[list[Shard], int]:
    """The shards of the inputs (files and folders, as `import` expands them) and the number of files;
    shards of `shard_bytes`, by default as core.archive.shard_bytes_for sizes them.

    A JSONL file larger than a shard is read once here, in chunks, to cut it into runs of whole lines."""
    from annotator.service.importing import expand_paths

    paths = [(path, path.stat().st_size if path.is_file() else 0) for path in expand_paths(inputs)]
    if shard_bytes is None:
        shard_bytes = archive.shard_bytes_for(sum(size for _, size in paths))
    files = []
    for path, size in paths:
        runs: tuple[tuple[int, int, int], ...] = ()
        if size > shard_bytes and archive.is_jsonl(path.name) and _record_format(path):
            runs = tuple(archive.line_runs(_chunks(path), run_bytes=shard_bytes, size=size))
        files.append(InputFile(str(path), size, runs))
    return list(archive.plan_shards(files, shard_bytes=shard_bytes, shard_files=shard_files)), len(files)


def _record_format(path: Path) -> str | None:
    try:
        return import_read.record_format(path, "auto")
    except AnnotatorError:
        return None  # read whole by one task, which reports the error as import would


def _chunks(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        while chunk := handle.read(size):
            yield chunk


def suggest_archive(inputs: Sequence[str | Path], outdir: str | Path, *, project: Path | None = None,
                    scheduler: str | None = None, workers: int | None = None, processes: bool = True,
                    shard_bytes: int | None = None, shard_files: int = archive.SHARD_FILES,
                    progress: Progress | None = None) -> ArchiveReport:
    """Pre-highlight the inputs into shards under `outdir` on a Dask cluster (the one at `scheduler`, else a
    local one of `workers` processes, default one per core); complete shards of an earlier run are kept."""
    distributed()  # say it is missing before any work
    settings = settings_for(project)
    shards, nfiles = plan(inputs, shard_bytes=shard_bytes, shard_files=shard_files)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(".shard-*.tmp"):  # what a crashed run left half-written
        with suppress(OSError):
            stale.unlink()
    done = {s.name: found for s in shards if (found := complete(out, s, s.key(settings.digest))) is not None}
    todo = [s for s in shards if s.name not in done]
    if progress is not None:
        progress(len(done), len(shards))
    if todo:
        with _client(scheduler, workers, processes) as client:
            for summary in _run(client, todo, out, settings):
                done[summary.name] = summary
                if progress is not None:
                    progress(len(done), len(shards))
    record = write_manifest(out, [done[s.name] for s in shards], settings, inputs=nfiles)
    return ArchiveReport(out, len(shards), len(shards) - len(todo), record["documents"], record["suggestions"],
                         tuple(record["errors"]), settings.model)


def write_manifest(out: Path, summaries: Sequence[ShardSummary], settings: Settings, *, inputs: int
                   ) -> dict[str, Any]:
    """Write the archive's manifest (atomically) and return it."""
    record = archive.manifest(summaries, model=settings.model, schema=settings.schema, settings=settings.digest,
                              inputs=inputs)
    with atomic_text(out / archive.MANIFEST) as handle:
        handle.write(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    return record


def complete(out: Path, shard: Shard, key: str) -> ShardSummary | None:
    """The summary of a shard an earlier run finished with the same inputs and settings, else None."""
    summary = out / archive.summary_name(shard.name)
    if not summary.is_file():
        return None
    try:
        found = ShardSummary.from_dict(json.loads(summary.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if found.documents and not (out / shard.name).is_file():
        return None  # lost after it was written
    return found if found.key == key and found.name == shard.name else None


def distributed() -> Any:
    """The dask.distributed module, or an error saying how to install it."""
    try:
        from dask import distributed as dd
    except ImportError as exc:
        raise AnnotatorError("pre-highlighting an archive runs on Dask, which is not installed",
                             hint=f"install it with: {INSTALL_HINT}") from exc
    return dd


# Dask starts its worker processes with MALLOC_TRIM_THRESHOLD_=65536: glibc then hands freed memory back
# at once, and the pre-highlighter's numpy arrays, allocated afresh for every batch, cost 40 % more CPU
# in page faults (sys time 1.1 s of 2.8 s on 300 articles; 0.05 s without it).
# The local cluster has no dashboard, so its workers neither sample their tasks' stacks (the profiler) nor
# wake every 20 ms: idle, two workers and their nannies otherwise use a tenth of a core (1.04 CPU-s in
# 10 s; 0.16 s with these), taken from the workers on a machine whose cores they fill.
KEEP_MALLOC = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
QUIET = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
         "distributed.admin.system-monitor.interval": "5s", "distributed.worker.memory.monitor-interval": "1s"}


@contextmanager
def local_cluster(workers: int | None = None, *, processes: bool = True) -> Iterator[Any]:
    """A local Dask cluster of `workers` single-threaded workers (default one per core)."""
    import dask

    dd = distributed()
    with dask.config.set({**KEEP_MALLOC, **QUIET}), dd.LocalCluster(
            n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=processes,
            dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        yield cluster


@contextmanager
def _client(scheduler: str | None, workers: int | None, processes: bool) -> Iterator[Any]:
    dd = distributed()
    if scheduler:
        with dd.Client(scheduler) as client:
            yield client
        return
    with local_cluster(workers, processes=processes) as cluster, dd.Client(cluster) as client:
        yield client


def _run(client: Any, todo: list[Shard], out: Path, settings: Settings) -> Iterator[ShardSummary]:
    """The shards' summaries as they finish; at most two tasks per worker in flight (memory stays flat)."""
    dd = distributed()
    [setup] = client.scatter([settings.setup], broadcast=True, hash=False)  # to every worker, once
    window = 2 * max(1, sum(client.nthreads().values()))
    # Largest first: the shards still running when the others have finished are then the small ones, so
    # no worker waits long for the last (the output does not depend on the order).
    pending = iter(sorted(todo, key=lambda s: -s.size))

    def submit(shard: Shard) -> Any:
        key = shard.key(settings.digest)
        return client.submit(run_shard, shard, key, str(out), setup, settings.digest, key=f"suggest-{shard.name}-{key}",
                             pure=False, retries=1)

    running = dd.as_completed([submit(s) for s in islice(pending, window)])
    for future in running:
        yield future.result()
        nxt = next(pending, None)
        if nxt is not None:
            running.add(submit(nxt))


# -- on a worker ------------------------------------------------------------------------------------------
_LOCAL = threading.local()  # a worker thread's Context, kept across its tasks


def _context(setup: dict[str, Any], digest: str) -> Context:
    cached = getattr(_LOCAL, "context", None)
    if cached is None or cached[0] != digest:
        schema = Schema.from_dict(setup["schema"], strict=False)
        ctx = Context(Segmenter(setup["user_words"]), schema,
                      lambda: build_prelabeler(schema, model=setup["model"], gazetteer=setup["gazetteer"]),
                      setup.get("lexicon"))
        _LOCAL.context = cached = (digest, ctx)
    return cached[1]


def run_shard(shard: Shard, key: str, outdir: str, setup: dict[str, Any], digest: str) -> ShardSummary:
    """Read, segment and pre-highlight one shard and write it with its summary (a Dask task)."""
    ctx = _context(setup, digest)
    with one_blas_thread(), paused_gc():
        docs, errors = read_shard(shard, ctx)
        measured: list[float] = []
        if docs:
            docs = import_pool.suggest(ctx.prelabeler(), docs, events=ctx.events, schema=ctx.schema,
                                       measured=measured)
    out = Path(outdir)
    labels: dict[str, int] = {}
    suggestions = 0
    tally = Tally(native.NAME)
    if docs:  # an empty shard (a run of a JSONL file's lines past its end) has only its summary
        with atomic_text(out / shard.name) as handle:
            for doc, uncertainty in zip(docs, measured, strict=True):
                for span in doc.spans:
                    if span.state == SpanState.SUGGESTED:
                        suggestions += 1
                        labels[span.label] = labels.get(span.label, 0) + 1
                handle.write(native.record_line(stamped(doc, uncertainty), options=WRITTEN, tally=tally) + "\n")
    summary = ShardSummary(shard.name, key, len(docs), suggestions, labels, tuple(errors))
    # After the shard (which is on disk): marks it complete. Not synced, as a summary lost in a crash only
    # makes a rerun redo its shard, and a sync costs the worker ~10 ms per shard.
    with atomic_text(out / archive.summary_name(shard.name), durable=False) as handle:
        handle.write(json.dumps(summary.to_dict(), ensure_ascii=False) + "\n")
    return summary


def read_shard(shard: Shard, ctx: Context) -> tuple[list[AnnotatedDocument], list[str]]:
    """The shard's documents in input order (with where they came from), and the files it could not read."""
    docs: list[AnnotatedDocument] = []
    errors: list[str] = []
    for part in shard.parts:
        path = Path(part.path)
        try:
            if part.end is None:
                found = [replace(doc, source=f"{path}:{line}" if line else str(path)) for line, doc in
                         import_read.read_path(path, fmt="auto", encoding="auto", reviewed=False,
                                               segmenter=ctx.segmenter, schema=ctx.schema) if doc is not None]
            else:
                found = list(read_run(path, part, ctx))
        except AnnotatorError as exc:
            errors.append(exc.message)
            continue
        docs.extend(found)
    return docs, errors


def read_run(path: Path, part: ShardPart, ctx: Context) -> Iterator[AnnotatedDocument]:
    """The documents on a run of a JSONL file's lines, read alone (only its bytes), as import reads them."""
    kind = import_read.record_format(path, "auto")
    if kind is None:
        raise ReadError("not a JSONL file of a known format", path=str(path))
    spec = formats.get_format(kind)
    options = formats.ReadOptions(schema=ctx.schema)
    with open(path, "rb") as handle:
        handle.seek(part.start)
        data = handle.read((part.end or part.start) - part.start)
    for number, unit in spec.units(io.BytesIO(data)):
        line = part.line + number - 1
        if isinstance(unit, AnnotatorError):
            raise ReadError(unit.reason, path=str(path), line=line)
        doc = formats.parse_unit(spec, unit, line=line, path=str(path), options=options)
        doc = replace(doc, meta=take_not_carried(doc.meta)[0], source=f"{path}:{line}")
        yield replace(doc, presegmented=True) if doc.tokens else replace(doc, tokens=ctx.segmenter.tokens(doc.text))


def stamped(doc: AnnotatedDocument, uncertainty: float) -> AnnotatedDocument:
    """The document as written: its review status, source, content hash and the model's uncertainty
    (core/informative.py) in its meta."""
    meta = {**doc.meta, "source": doc.meta.get("source", doc.source), "hash": content_hash(doc.text),
            "uncertainty": uncertainty}
    return archive.triggers_to_meta(replace(doc, meta=meta, status=initial_status(doc, reviewed=False)))
