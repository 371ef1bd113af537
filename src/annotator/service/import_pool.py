"""Preparing imported files on every core: read, segmented, pre-highlighted and packed into row values
by worker processes (jieba and the model loaded once in each), stored in order by the caller.

The work is cut into jobs: several small files together (the model decodes a batch far faster than one
document at a time), or one part of a large JSONL file (a run of its lines). The caller receives the
parts in the order of the files and of their lines and stores each file in one transaction, part by part
as they arrive, so duplicates and ids come out exactly as in a serial run.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core import formats, limits
from annotator.core.annotations import AnnotatedDocument, ReviewStatus, SpanState
from annotator.core.errors import AnnotatorError, ReadError, ValidationError
from annotator.core.event_suggest_lexicon import LexiconEventSuggester
from annotator.core.event_suggestions import EventSuggester
from annotator.core.formats.base import UnknownLabel
from annotator.core.formats.extras import take_not_carried
from annotator.core.formats.fileio import json_lines
from annotator.core.schema import Schema
from annotator.core.segment import Segmenter, read_article
from annotator.service.bulk import one_blas_thread, paused_gc, spare_cores, start_method
from annotator.store.queries import PackedDocument, pack_document

if TYPE_CHECKING:
    from annotator.core.prelabel import Prelabeler

TEXT_LAYOUTS = ("segmented", "text")
REFUSED = "document not imported: "   # a note about a document of a collection that could not be read
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
class Part:
    """The records of a file (parts 1), or of the part-th of the `parts` runs of its lines `split` cut: from
    byte `start`, its line `line`, up to line `after`."""

    path: str
    part: int = 0
    parts: int = 1
    start: int = 0
    line: int = 1
    after: int | float = float("inf")


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
    notes: tuple[str, ...] = ()   # what the reader could not carry, documents of a collection refused


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


# -- reading --------------------------------------------------------------------------------------------
def read_path(path: Path, *, fmt: str, encoding: str, reviewed: bool, segmenter: Segmenter, schema: Schema,
              run: Part | None = None, notes: list[str] | None = None,
              rename: tuple[tuple[str, str], ...] = (), segment: bool = True
              ) -> Iterator[tuple[int, AnnotatedDocument | None]]:
    """(line, document) for every record of a file, or of the `run` of its lines a worker reads; records
    before the run are skipped (a JSON-lines file's) or come as (line, None), parsed and checked but not segmented. What the format's reader could not carry, and the documents of
    a brat collection that could not be read, are added to `notes`. `rename` (OLD, NEW) renames label and
    event type keys as they are read (`import --map`). Without `segment`, a record's bare text is left
    without tokens, for the caller to segment (`Segmenter.packed_tokens`)."""
    kind = fmt
    if fmt in ("auto", "jsonl"):
        kind = formats.detect_format(path, jsonl=fmt == "jsonl") or "auto-text"
    if kind in ("auto-text", *TEXT_LAYOUTS):
        layout = "auto" if kind == "auto-text" else kind
        article = read_article(path, layout=layout, encoding=encoding, segmenter=segmenter)
        yield 0, AnnotatedDocument(title=article.title, text=article.text, tokens=article.tokens, name=path.stem,
                                   original=article.original, source=str(path), presegmented=article.presegmented)
        return
    options = formats.ReadOptions(reviewed=reviewed, schema=schema, rename=rename)
    try:
        yield from _read_records(path, kind, options, segmenter if segment else None, run=run, notes=notes)
    except UnknownLabel as exc:
        raise unknown_labels_error(path, kind, schema, exc, rename=rename) from None


def unknown_labels_error(path: Path, fmt: str, schema: Schema, first: UnknownLabel, *,
                         rename: tuple[tuple[str, str], ...] = ()) -> ValidationError:
    """The error for a file whose labels or event types the schema lacks: all of them, and the way on."""
    labels, types = formats.unknown_labels(path, fmt, schema, rename=rename)
    found = ([f"label(s) {', '.join(labels)}"] if labels else []) + \
        ([f"event type(s) {', '.join(types)}"] if types else [])
    what = " and ".join(found) or first.reason
    return ValidationError(f"the schema {schema.name!r} lacks {what} (first at line {first.line})",
                           path=str(path), hint="import with --extend-schema to add them to the project's "
                           "schema, or --map OLD=NEW to rename them; nothing of this file was imported")


def _read_records(path: Path, kind: str, options: formats.ReadOptions, segmenter: Segmenter | None, *,
                  run: Part | None, notes: list[str] | None) -> Iterator[tuple[int, AnnotatedDocument | None]]:
    skipped: Counter[str] = Counter()
    # The index is the record's line (the first line of a CoNLL sentence), so that messages name it.
    for i, doc in _records(path, kind, options, run=run, notes=notes):
        if doc is None:
            yield i, None
            continue
        meta, dropped = take_not_carried(doc.meta)
        if dropped:
            skipped.update(dropped)
            doc = replace(doc, meta=meta)
        if doc.tokens:  # tokens the file carries are kept and followed
            yield i, replace(doc, presegmented=True)
        elif segmenter is None:  # segmented by the caller
            yield i, doc
        else:  # a bare text is segmented like raw text
            yield i, replace(doc, tokens=segmenter.tokens(doc.text))
    if notes is not None and skipped:
        notes.append(f"{path}: not carried by the project ({kind}): "
                     + ", ".join(f"{n} {reason}" for reason, n in skipped.items()))


def record_format(path: Path, fmt: str) -> str | None:
    """The exchange format `read_path` reads a file in, or None for a text file (an article)."""
    kind = fmt
    if fmt in ("auto", "jsonl"):
        kind = formats.detect_format(path, jsonl=fmt == "jsonl") or "auto-text"
    return None if kind in ("auto-text", *TEXT_LAYOUTS) else kind


def _records(path: Path, fmt: str, options: formats.ReadOptions, *, run: Part | None,
             notes: list[str] | None = None) -> Iterator[tuple[int, AnnotatedDocument | None]]:
    """The file's documents; given a run, those on its lines (None for the records before them, which an
    earlier part checks; reading stops after them)."""
    if run is None or run.parts == 1:
        bad: list[str] = []
        lenient = formats.get_format(fmt).folder and notes is not None
        read = 0

        def refuse(exc: AnnotatorError) -> None:
            if isinstance(exc, UnknownLabel):
                raise exc   # the whole collection: its labels are listed with the way on (read_path)
            bad.append(exc.message)

        for line, doc in formats.iter_documents(path, fmt, options, on_error=refuse if lenient else None):
            read += 1
            yield line, doc
        if bad and notes is not None:
            if not read:
                raise ReadError(f"no document could be read ({len(bad)}); the first: {bad[0]}", path=str(path))
            notes.extend(REFUSED + message for message in bad)
        return
    first, after = run.line, run.after
    spec, name = formats.get_format(fmt), str(path)
    if spec.units is json_lines:  # the lines of other parts are never read: reading starts at the run's byte
        for line, unit in json_lines(path, lines=(first, after), offset=run.start):
            yield line, formats.parse_unit(spec, unit, line=line, path=name, options=options)
        return
    for line, unit in spec.units(path):  # iter_documents' loop, for our lines only
        if line >= after:
            return
        if line < first:
            yield line, None
            continue
        yield line, formats.parse_unit(spec, unit, line=line, path=name, options=options)


def split(path: Path, parts: int) -> list[Part]:
    """A JSON-lines file cut into `parts` runs of whole lines of about equal bytes, in one pass over them here
    (each worker then reads only its run's bytes, where finding its lines by counting them all took a tenth
    of its work). A file that cannot be read now stays whole, for its worker to report."""
    try:
        data = limits.read_input(path)
    except AnnotatorError:
        return [Part(str(path))]
    total = len(data)
    out: list[Part] = []
    start, line = 0, 1
    for k in range(parts):
        goal = total * (k + 1) // parts  # where this run's share of the bytes ends
        if k == parts - 1 or start >= total:
            end = total
        elif goal <= start:
            end = start  # the run before reached past this one's share (a long line)
        else:
            cut = data.find(b"\n", goal - 1)
            end = total if cut < 0 else cut + 1
        after: int | float = float("inf") if end == total else line + data.count(b"\n", start, end)
        out.append(Part(str(path), k, parts, start, line, after))
        if end == total:  # the runs after it are empty
            out += [Part(str(path), j, parts, total, line, line) for j in range(k + 1, parts)]
            break
        start, line = end, int(after)
    return out


def where(doc: AnnotatedDocument, index: int, total: int) -> str:
    """How a duplicate report names a document: its file (and record number), else its title."""
    return where_named(doc.source, doc.title, index + 1, total)


def where_named(source: str, title: str, line: int, total: int) -> str:
    """`where` from a document's source, title and line in its file."""
    return source + (f":{line}" if total > 1 else "") if source else title


# -- preparing --------------------------------------------------------------------------------------------
def prepare(job: Sequence[Part], spec: ReadSpec, ctx: Context) -> list[PreparedFile]:
    """Read, segment, pre-highlight and pack the documents of one job."""
    read: list[tuple[Part, list[tuple[int, AnnotatedDocument]], int, AnnotatorError | None]] = []
    notes: dict[Part, tuple[str, ...]] = {}
    suggesting = spec.prelabel and not spec.reviewed
    for part in job:
        found: list[str] = []
        try:
            # Only the pre-highlighter needs the tokens as offsets: else the words go straight into the
            # stored bytes (a tuple per token was a third of an import of reviewed records).
            items = list(read_path(Path(part.path), fmt=spec.fmt, encoding=spec.encoding, reviewed=spec.reviewed,
                                   segmenter=ctx.segmenter, schema=ctx.schema, run=part,
                                   notes=found, rename=spec.rename, segment=suggesting))
        except AnnotatorError as exc:
            read.append((part, [], 0, exc))
            continue
        notes[part] = tuple(found)
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
        packed = tuple(pack_document(d, status=initial_status(d, reviewed=spec.reviewed),
                                     tokens=None if d.tokens else ctx.segmenter.packed_tokens(d.text)) for d in mine)
        out.append(PreparedFile(
            part.path, packed,
            tuple(i for i, _ in kept), tuple((d.source, d.title) for d in mine), part=part.part,
            parts=part.parts, notes=notes.get(part, ())))
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


def initial_status(doc: AnnotatedDocument, *, reviewed: bool) -> ReviewStatus:
    """The review status a document starts with."""
    if reviewed:   # a document its source skipped (Prodigy's reject and ignore) stays skipped
        return ReviewStatus.SKIPPED if doc.status == ReviewStatus.SKIPPED else ReviewStatus.REVIEWED
    if doc.status not in (ReviewStatus.NEW, ReviewStatus.PRE_ANNOTATED):
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


def plan(files: Sequence[Path], *, workers: int) -> list[list[Part]]:
    """Jobs in file order: runs of small files, and each large JSONL file cut into runs of lines."""
    jobs: list[list[Part]] = []
    group: list[Part] = []
    size = 0
    for path in files:
        nbytes = _size(path)
        if workers > 1 and nbytes > SPLIT_BYTES and path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
            if group:
                jobs.append(group)
                group, size = [], 0
            jobs.extend([part] for part in split(path, workers * PARTS_PER_WORKER))
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


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0
