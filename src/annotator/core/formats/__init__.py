"""Exchange formats: one module per format, each reading and writing AnnotatedDocuments.

    docs = read_documents("in.jsonl", "doccano", reviewed=True, schema=schema, segment=segmenter.tokens)
    summary = write_documents(docs, "out.conll", "conll", ExportOptions(scheme="bmes"), schema=schema)
    problems = validate("in.jsonl", "doccano")

Reading is all-or-nothing per file: `read_documents` parses the whole file before returning, and raises
(ReadError / ValidationError with path and 1-based line) at the first record that does not fit.
`iter_documents` is the lazy form, yielding (line, document), for callers that import inside one
transaction and roll back on error.
Writing goes to a temporary file renamed when complete; every record is read back and compared with
the spans it should carry before it is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, cast

from annotator.core.annotations import AnnotatedDocument, SpanKind, SpanState
from annotator.core.encoding import file_name
from annotator.core.errors import AnnotatorError, ReadError, ValidationError
from annotator.core.formats import brat, cluener, conll, detect, doccano, duee, native, spacy
from annotator.core.formats.base import (
    DEFAULT_EXPORT,
    Dropped,
    ExportOptions,
    ExportSummary,
    ReadOptions,
    Tally,
    lf_document,
    shown,
)
from annotator.core.formats.bratconf import brat_type
from annotator.core.formats.fileio import Problem, Source, Target, atomic_text, source_name
from annotator.core.formats.native import lone_surrogate
from annotator.core.limits import check_document_size
from annotator.core.schema import Schema

__all__ = ["FORMATS", "Dropped", "ExportOptions", "ExportSummary", "Format", "Problem", "ReadOptions",
           "detect_format", "get_format", "iter_documents", "read_documents", "validate", "write_documents"]


@dataclass(frozen=True)
class Format:
    """A registered format: how to split a file into records, parse one, and write documents."""

    name: str
    description: str
    units: Callable[[Any], Iterator[tuple[int, Any]]]
    parse: Callable[..., AnnotatedDocument]
    write: Callable[..., Tally]
    events: bool            # can carry events
    suffix: str             # usual file suffix ("" for a folder)
    folder: bool = False    # reads a folder or zip and writes one (brat)
    tokens: bool = True     # its writer reads the documents' tokens (an export may leave them undecoded if not)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("native", "annotator's JSONL: text, tokens, entities with origin/state, events, status, meta",
           native.units, native.parse, native.write, events=True, suffix=".jsonl"),
    Format("doccano", "doccano JSONL {text, label: [[start, end, label]]} (reads the relation variant too)",
           doccano.units, doccano.parse, doccano.write, tokens=False, events=False, suffix=".jsonl"),
    Format("doccano-rel", "doccano relation JSONL: entities + trigger→argument relations typed by role (UIE)",
           doccano.units, doccano.parse, doccano.write_relations, tokens=False, events=True, suffix=".jsonl"),
    Format("spacy", "spaCy/Prodigy JSONL: tokens with id/start/end/ws, spans with inclusive token_end",
           spacy.units, spacy.parse, spacy.write, events=False, suffix=".jsonl"),
    Format("duee", "DuEE JSONL: event_list with trigger_start_index and arguments (no entities)",
           duee.units, duee.parse, duee.write, tokens=False, events=True, suffix=".jsonl"),
    Format("cluener", "CLUENER JSONL: label {type: {mention: [[start, end_inclusive]]}}",
           cluener.units, cluener.parse, cluener.write, tokens=False, events=False, suffix=".jsonl"),
    Format("conll", "CoNLL token<TAB>tag, BIO or BMES, by word or character, -DOCSTART- between documents",
           conll.units, conll.parse, conll.write, events=False, suffix=".conll"),
    Format("brat", "brat standoff folder or .zip: .txt + .ann (T, E lines) per document, annotation.conf",
           brat.units, brat.parse, brat.write, events=True, suffix="", folder=True, tokens=False),
)}


def get_format(name: str) -> Format:
    """The format registered under `name`."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ValidationError(f"unknown format {name!r}", hint=f"formats: {', '.join(FORMATS)}") from None


def detect_format(path: str | Path, *, jsonl: bool = False) -> str | None:
    """The exchange format of a file or folder judged from its content, or None for article text.

    JSONL (by suffix, or `jsonl`) is judged by its records; a folder or zip holding .ann files is brat;
    a token-per-line tagged file is CoNLL. A JSONL file whose annotations fit no format raises ReadError."""
    path = Path(path)
    if path.is_dir() or (path.suffix.lower() == ".zip" and path.is_file()):
        return "brat" if detect.is_brat(path) else None
    if jsonl or path.suffix.lower() in detect.JSONL_SUFFIXES:
        return detect.detect_jsonl(path)
    if path.suffix.lower() in detect.CONLL_SUFFIXES or detect.looks_like_conll(path):
        return "conll"
    return None


def iter_documents(source: Source, fmt: str, options: ReadOptions | None = None, *,
                   on_error: Callable[[AnnotatorError], None] | None = None, **fields: Any
                   ) -> Iterator[tuple[int, AnnotatedDocument]]:
    """Yield (line, document) lazily; the first record that does not fit raises with its path and line.

    Options come as a ReadOptions or as its fields (reviewed=, schema=, segment=, unit=). Each document's
    `source` is the file it came from. With `on_error`, a record that does not fit is passed to it and
    reading goes on (a brat collection: one bad document does not refuse the others).
    """
    spec = get_format(fmt)
    options = _read_options(options, fields)
    path = source_name(source)
    count = 0
    for line, unit in spec.units(source):
        count += 1
        try:
            doc = parse_unit(spec, unit, line=line, path=path, options=options)
        except AnnotatorError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        yield line, doc
    if count == 0:
        raise ReadError(f"the file holds no documents ({spec.name})", path=path)


def unknown_labels(source: Source, fmt: str, schema: Schema, *, limit: int = 20,
                   rename: tuple[tuple[str, str], ...] = ()) -> tuple[list[str], list[str]]:
    """The entity labels and event types a file uses that `schema` lacks (at most `limit` of each), in order;
    `rename` (OLD, NEW) as `import --map` reads them."""
    labels: dict[str, None] = {}
    types: dict[str, None] = {}
    # Read without the schema, brat names stay in brat's spelling (Contact-Meet) unless visual.conf maps them.
    known_labels = {*schema.label_keys, *(brat_type(k) for k in schema.label_keys)}
    known_types = {k for e in schema.event_types for k in (e.key, brat_type(e.key))}
    for _, doc in iter_documents(source, fmt, ReadOptions(rename=rename), on_error=lambda exc: None):
        for span in doc.spans:
            if span.kind == SpanKind.ENTITY and span.label and span.label not in known_labels:
                labels.setdefault(span.label)
        for ev in doc.events:
            if known_types and ev.type not in known_types:
                types.setdefault(ev.type)
        if len(labels) >= limit and len(types) >= limit:
            break
    return list(labels)[:limit], list(types)[:limit]


def parse_unit(spec: Format, unit: Any, *, line: int, path: str, options: ReadOptions) -> AnnotatedDocument:
    """One unit of a file as a document: its `source` set, CR and CRLF in its text made LF (offsets mapped)."""
    if isinstance(unit, Exception):
        raise unit
    where = getattr(unit, "path", path) or path
    doc = spec.parse(unit, line=line, path=where, options=options)
    check_whole_code_points(replace(doc, name=file_name(doc.name)), path=where, line=line)  # brat's: a file's name
    # The readers of JSON records check their lists before parsing them; this bounds every format (CoNLL, brat).
    check_document_size(len(doc.text), doc.annotation_count,
                        path=where, line=line)
    return replace(lf_document(doc), source=file_name(where), name=file_name(doc.name))


def check_whole_code_points(doc: AnnotatedDocument, *, path: str, line: int) -> None:
    """Raise unless the record's title, id and other fields are whole code points, as its text must be: JSON's
    "\\ud800" escape reads as a lone surrogate, which the project file (UTF-8) cannot hold."""
    fields = [("title", doc.title), ("id", doc.name)]
    if doc.meta and lone_surrogate(json.dumps(doc.meta, ensure_ascii=False)) is not None:  # the usual record: one scan
        fields += [(f"field {shown(key)}", json.dumps([key, value], ensure_ascii=False))
                   for key, value in doc.meta.items()]
    for name, value in fields:
        found = lone_surrogate(value)
        if found is not None:
            raise ValidationError(f"the record's {name} holds a lone UTF-16 surrogate", path=path, line=line,
                                  hint="the file was written with UTF-16 offsets or broken escapes")


def read_documents(source: Source, fmt: str, options: ReadOptions | None = None, **fields: Any
                   ) -> list[AnnotatedDocument]:
    """Every document of a file, or an error and nothing: import is all-or-nothing per file."""
    return [doc for _, doc in iter_documents(source, fmt, options, **fields)]


def _read_options(options: ReadOptions | None, fields: dict[str, Any]) -> ReadOptions:
    if options is not None and fields:
        raise TypeError("give read options either as a ReadOptions or as keywords, not both")
    if options is not None:
        return options
    return ReadOptions(**{k: v for k, v in fields.items() if v is not None})


def write_documents(docs: Iterable[AnnotatedDocument], target: str | Path | IO[str] | IO[bytes], fmt: str,
                    options: ExportOptions = DEFAULT_EXPORT, *, schema: Schema | None = None) -> ExportSummary:
    """Write documents in `fmt` to a path (atomically) or an open file; return what was written and left out."""
    spec = get_format(fmt)
    tally = Tally(spec.name, path=source_name(target))
    if options.with_rejected and spec.name != "native":
        docs = _note_rejected(docs, tally)
    if spec.folder:
        spec.write(docs, target, options=options, tally=tally, schema=schema)
    else:
        with atomic_text(cast(Target, target)) as out:  # a binary file is for folder formats (brat's zip) only
            spec.write(docs, out, options=options, tally=tally, schema=schema)
    return tally.summary()


def _note_rejected(docs: Iterable[AnnotatedDocument], tally: Tally) -> Iterator[AnnotatedDocument]:
    for doc in docs:
        for span in doc.spans:
            if span.state == SpanState.REJECTED and span.kind == SpanKind.ENTITY:
                tally.drop("rejected spans (only native carries review states)", doc,
                           f"{span.label} {doc.text[span.start:span.end]}")
        yield doc


def validate(source: Source, fmt: str, options: ReadOptions | None = None, *, limit: int = 1000,
             **fields: Any) -> list[Problem]:
    """Check a file of `fmt` record by record; return its problems (path, line, reason), at most `limit`."""
    spec = get_format(fmt)
    options = _read_options(options, fields)
    path = source_name(source)
    problems: list[Problem] = []
    count = 0
    try:
        for line, unit in spec.units(source):
            count += 1
            if isinstance(unit, AnnotatorError):
                problems.append(Problem.from_error(unit, path=path, line=line))
            else:
                try:
                    where = getattr(unit, "path", path) or path
                    check_whole_code_points(spec.parse(unit, line=line, path=where, options=options), path=where,
                                            line=line)
                except AnnotatorError as exc:
                    problems.append(Problem.from_error(exc, path=path, line=line))
            if len(problems) >= limit:
                break
    except ReadError as exc:   # the file itself cannot be read on (not UTF-8, not a brat folder, …)
        problems.append(Problem.from_error(exc, path=path, line=None))
    if count == 0 and not problems:
        problems.append(Problem(path, None, "the file holds no documents"))
    return problems
