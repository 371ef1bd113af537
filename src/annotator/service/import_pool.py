"""Preparing imported files on every core: read, segmented, pre-highlighted and packed into row values
by worker processes (jieba and the model loaded once in each), stored in order by the caller.

The work is cut into jobs: several small files together (the model decodes a batch far faster than one
document at a time), or one part of a large JSONL file (a run of its lines). The caller receives the
parts in the order of the files and of their lines and stores each file in one transaction, part by part
as they arrive, so duplicates and ids come out exactly as in a serial run.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.annotations import UNTOUCHED, AnnotatedDocument, ReviewStatus, SpanState
from annotator.core.errors import AnnotatorError, ReadError
from annotator.core.event_suggest_lexicon import LexiconEventSuggester
from annotator.core.event_suggestions import EventSuggester
from annotator.core.limits import max_annotations
from annotator.core.schema import Schema
from annotator.core.segment import Segmenter
from annotator.service.bulk import one_blas_thread, paused_gc, spare_cores, start_method
from annotator.service.import_read import Part, Remarks, read_path, record_format, runs
from annotator.store.queries import PackedDocument, pack_document

if TYPE_CHECKING:
    from annotator.core.prelabel import Prelabeler

JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
GROUP_FILES = 32            # small files prepared together
GROUP_BYTES = 512 * 1024
SPLIT_BYTES = 1024 * 1024   # a JSONL file larger than this is shared out among the workers
PARTS_PER_WORKER = 8        # more parts than workers: the writer stores the first while the last are read,
                            # and what it stores after the workers are done (the last parts) stays short
PARALLEL_BYTES = 2 * 1024 * 1024  # a smaller import is over before workers would have started


@dataclass(frozen=True)
class ReadSpec:
    """How the files are read: the import's options."""

    fmt: str = "auto"
    encoding: str = "auto"
    reviewed: bool = False
    prelabel: bool = True
    rename: tuple[tuple[str, str], ...] = ()  # (OLD, NEW) label and event type keys (`import --map`)


@dataclass(frozen=True)
class PreparedFile:
    """A file's documents (all, or one part's, in order) as rows with their index in the file, or its
    error; `names` keep (source, title) for duplicate reports."""

    path: str
    docs: tuple[PackedDocument, ...] = ()
    indices: tuple[int, ...] = ()
    names: tuple[tuple[str, str], ...] = ()
    error: str | None = None
    part: int = 0
    parts: int = 1
    refused: tuple[str, ...] = ()   # documents of a collection not read (import_read.REFUSED)
    kind: str = ""                # the format the file was read in
    # what the reader noted or could not carry of some of `docs`: (their position in `docs`, reason -> count),
    # said of those the import keeps (import_read.remarks_notes)
    remarks: tuple[tuple[int, dict[str, int]], ...] = ()


class Context:
    """What preparing needs: a segmenter, the schema and (built on first use) the pre-highlighter."""

    def __init__(self, segmenter: Segmenter, schema: Schema, prelabeler: Callable[[], Prelabeler],
                 lexicon: dict[str, tuple[str, ...]] | None = None, events: EventSuggester | None = None) -> None:
        self.segmenter = segmenter
        self.schema = schema
        self.lexicon = lexicon or {}  # trigger words -> event types
        # whole events: the project's suggester, else the trigger words with the nearest entities
        self.events = events if events is not None else LexiconEventSuggester(self.lexicon) if self.lexicon else None
        self._make = prelabeler
        self._prelabeler: Prelabeler | None = None

    def prelabeler(self) -> Prelabeler:
        """The pre-highlighter."""
        if self._prelabeler is None:
            self._prelabeler = self._make()
        return self._prelabeler


# -- preparing --------------------------------------------------------------------------------------------
def prepare(job: Sequence[Part], spec: ReadSpec, ctx: Context) -> list[PreparedFile]:
    """Read, segment, pre-highlight and pack the documents of one job."""
    read: list[tuple[Part, list[tuple[int, AnnotatedDocument]], int, AnnotatorError | None]] = []
    refused: dict[Part, tuple[str, ...]] = {}
    remarks: dict[Part, Remarks] = {}
    suggesting = spec.prelabel and not spec.reviewed
    for part in job:
        found: list[str] = []
        remarks[part] = Remarks()
        try:
            # Only the pre-highlighter needs the tokens as offsets: else the words go straight into the
            # stored bytes (a tuple per token was a third of an import of reviewed records).
            items = list(read_path(Path(part.path), fmt=spec.fmt, encoding=spec.encoding, reviewed=spec.reviewed,
                                   segmenter=ctx.segmenter, schema=ctx.schema, run=part,
                                   notes=found, remarks=remarks[part], rename=spec.rename, segment=suggesting))
        except AnnotatorError as exc:
            read.append((part, [], 0, exc))
            continue
        refused[part] = tuple(found)
        read.append((part, [(i, d) for i, d in items if d is not None], len(items), None))
    docs = [d for _, items, _, _ in read for _, d in items]
    if suggesting and docs:
        docs = suggest(ctx.prelabeler(), docs, events=ctx.events, schema=ctx.schema)
    out: list[PreparedFile] = []
    pos = 0
    for part, kept, _, error in read:
        if error is not None:
            out.append(PreparedFile(part.path, error=error.message, part=part.part, parts=part.parts))
            continue
        mine = docs[pos:pos + len(kept)]
        pos += len(kept)
        crowded = next((refusal for (line, _), d in zip(kept, mine, strict=True)
                        if (refusal := crowded_by_suggestions(d, path=part.path, line=line)) is not None), None)
        if crowded is not None:
            out.append(PreparedFile(part.path, error=crowded.message, part=part.part, parts=part.parts))
            continue
        packed = tuple(pack_document(d, status=initial_status(d, reviewed=spec.reviewed),
                                     tokens=None if d.tokens else ctx.segmenter.packed_tokens(d.text)) for d in mine)
        out.append(PreparedFile(
            part.path, packed,
            tuple(i for i, _ in kept), tuple((d.source, d.title) for d in mine), part=part.part,
            parts=part.parts, refused=refused.get(part, ()), kind=remarks[part].kind, remarks=tuple(remarks[part].each)))
    return out


def suggest(prelabeler: Prelabeler, docs: list[AnnotatedDocument], *, events: EventSuggester | None = None,
            schema: Schema | None = None, lexicon: dict[str, tuple[str, ...]] | None = None,
            measured: list[float] | None = None) -> list[AnnotatedDocument]:
    """The documents with the pre-highlighter's entity suggestions and, given an event suggester and the
    schema, whole-event suggestions over them (never over what they carry); given only a trigger lexicon,
    bare trigger suggestions (the archive, which carries them in each document's meta); `measured` as
    `suggest_batched` fills it."""
    from annotator.service.prelabel import suggest_batched
    from annotator.service.suggested_events import suggest_into
    from annotator.service.triggers import spans_for

    out = [replace(d, spans=(*d.spans, *spans))
           for d, spans in zip(docs, suggest_batched(prelabeler, docs, measured=measured), strict=True)]
    if events is not None and schema is not None and schema.event_types:
        out = [suggest_into(d, schema, events) for d in out]
    elif lexicon:
        out = [replace(d, spans=(*d.spans, *spans_for(d, lexicon))) for d in out]
    return out


def crowded_by_suggestions(doc: AnnotatedDocument, *, path: str, line: int) -> ReadError | None:
    """The error of a document its suggestions take past the bound on a document's annotations (the window
    would refuse to open it), or None. The record itself was within the bound when it was read."""
    most = max_annotations(path=path, line=line or None)
    if doc.annotation_count <= most:
        return None
    return ReadError(f"pre-highlighting gave the document {doc.annotation_count:,} annotations; a document may "
                     f"hold at most {most:,}", path=path, line=line or None,
                     hint="import it with --no-prelabel, or split it into several documents")


def initial_status(doc: AnnotatedDocument, *, reviewed: bool) -> ReviewStatus:
    """The review status a document starts with."""
    if reviewed:   # a document its source skipped (Prodigy's reject and ignore) stays skipped
        return ReviewStatus.SKIPPED if doc.status == ReviewStatus.SKIPPED else ReviewStatus.REVIEWED
    if doc.status not in UNTOUCHED:
        return doc.status
    if any(s.state == SpanState.SUGGESTED for s in doc.spans):
        return ReviewStatus.PRE_ANNOTATED
    return ReviewStatus.NEW


# -- planning and running ---------------------------------------------------------------------------------
def default_workers(files: Sequence[Path]) -> int:
    """All cores for a large import, one process for a small one or on a busy machine (`spare_cores`)."""
    cores = spare_cores()
    total = sum(_size(p) for p in files)
    return cores if cores > 1 and (total >= PARALLEL_BYTES or len(files) >= 4 * GROUP_FILES) else 1


def plan(files: Sequence[Path], *, workers: int, fmt: str = "auto") -> list[list[Part]]:
    """Jobs in file order: runs of small files, and each large JSONL file cut into runs of lines (its format
    told here once, not by each run: a run reads the file's first records to tell it)."""
    jobs: list[list[Part]] = []
    group: list[Part] = []
    size = 0
    for path in files:
        nbytes = _size(path)
        if workers > 1 and nbytes > SPLIT_BYTES and path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
            if group:
                jobs.append(group)
                group, size = [], 0
            parts = runs(path, workers * PARTS_PER_WORKER)
            kind = _format_of(path, fmt) if len(parts) > 1 else None
            jobs.extend([replace(part, fmt=kind)] for part in parts)
            continue
        if group and (len(group) >= GROUP_FILES or size + nbytes > GROUP_BYTES):
            jobs.append(group)
            group, size = [], 0
        group.append(Part(str(path)))
        size += nbytes
    if group:
        jobs.append(group)
    return jobs


def prepared_files(jobs: list[list[Part]], spec: ReadSpec, ctx: Context, *, workers: int,
                   setup: dict[str, Any]) -> Generator[PreparedFile, None, None]:
    """Prepared files and parts of files in job order: in this process, or from `workers` processes started
    with `setup` (worker_setup's keywords). Closing the iterator early stops the workers."""
    if workers <= 1:
        for job in jobs:
            with paused_gc(), one_blas_thread():
                prepared = prepare(job, spec, ctx)
            yield from prepared
        return
    mp = multiprocessing.get_context(start_method())
    inherited = _ready_to_fork(ctx, spec) if mp.get_start_method() == "fork" else None
    with mp.Pool(min(workers, len(jobs)), initializer=_worker_init, initargs=(setup, spec, inherited)) as pool:
        for prepared in pool.imap(_worker_prepare, jobs):
            yield from prepared


def _ready_to_fork(ctx: Context, spec: ReadSpec) -> Context:
    """The caller's context with jieba's dictionary and the pre-highlighter loaded, for forked workers to
    use as it is: loaded once here rather than once in each worker (0.3 CPU-s apiece, a tenth of the work
    of 1,000 articles), and loaded before the fork, so that no worker reads the project's database."""
    ctx.segmenter.words("预热")
    if spec.prelabel and not spec.reviewed:
        ctx.prelabeler()
    return ctx


def worker_setup(*, schema: Schema, user_words: list[str], model: bytes | None,
                 gazetteer: list[tuple[str, str]], lexicon: dict[str, tuple[str, ...]] | None = None,
                 events: EventSuggester | None = None) -> dict[str, Any]:
    """What a worker process needs to read and pre-highlight exactly as the project does (`events`, the
    project's event suggester, goes to the workers pickled)."""
    setup: dict[str, Any] = {"schema": schema.to_dict(), "user_words": list(user_words), "model": model,
                             "gazetteer": gazetteer, "lexicon": dict(lexicon or {})}
    if events is not None:
        setup["events"] = events
    return setup


_CONTEXT: Context | None = None
_SPEC: ReadSpec | None = None


def _worker_init(setup: dict[str, Any], spec: ReadSpec, inherited: Context | None = None) -> None:
    global _CONTEXT, _SPEC
    one_blas_thread()  # for the worker's life
    _SPEC = spec
    if inherited is not None:  # forked: the caller's, loaded
        _CONTEXT = inherited
        return
    schema = Schema.from_dict(setup["schema"], strict=False)

    def make_prelabeler() -> Prelabeler:
        # Imported on first use (numpy, the model: half a second): an import of reviewed documents never is.
        from annotator.core.prelabel import build_prelabeler

        return build_prelabeler(schema, model=setup["model"], gazetteer=setup["gazetteer"])

    _CONTEXT = Context(Segmenter(setup["user_words"]), schema, make_prelabeler, setup.get("lexicon"),
                       setup.get("events"))


def _worker_prepare(job: list[Part]) -> list[PreparedFile]:
    assert _CONTEXT is not None and _SPEC is not None, "worker not initialised"
    with paused_gc():
        return prepare(job, _SPEC, _CONTEXT)


def _format_of(path: Path, fmt: str) -> str | None:
    """The format a split file's runs read it in, or None to leave it to each (which says what is wrong)."""
    try:
        return record_format(path, fmt)
    except AnnotatorError:
        return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0
