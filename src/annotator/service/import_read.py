"""Reading an imported file: its records, or those of one run of a large JSON-lines file's lines (`runs`
cuts the file into runs by its bytes, so a worker reads only its own), in the format detected or given."""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core import formats, limits
from annotator.core.annotations import AnnotatedDocument
from annotator.core.encoding import file_name
from annotator.core.errors import AnnotatorError, ReadError, ValidationError
from annotator.core.formats.base import UnknownLabel
from annotator.core.formats.extras import NOTE, take_not_carried
from annotator.core.formats.fileio import json_lines
from annotator.core.schema import Schema
from annotator.core.schema_check import shown_key
from annotator.core.segment import Segmenter, read_article
from annotator.service.changes import ImportNote

TEXT_LAYOUTS = ("segmented", "text")
REFUSED = "document not imported: "   # a note about a document of a collection that could not be read


@dataclass(frozen=True)
class Part:
    """The records of a file (parts 1), or of the part-th of the `parts` runs of its lines `runs` cut: from
    byte `start`, its line `line`, up to line `after`."""

    path: str
    part: int = 0
    parts: int = 1
    start: int = 0
    line: int = 1
    after: int | float = float("inf")
    fmt: str | None = None   # the format the file was found to be in (once, for all its runs), else detected


@dataclass
class Remarks:
    """What a reader noted, or could not carry, of each document it gave (reason -> count), kept apart for the
    caller to say of those it keeps: an import says nothing of the documents it skips as duplicates."""

    kind: str = ""   # the format the file was read in
    each: list[tuple[int, dict[str, int]]] = field(default_factory=list)  # (n-th document given, its counts)


def read_path(path: Path, *, fmt: str, encoding: str, reviewed: bool, segmenter: Segmenter, schema: Schema,
              run: Part | None = None, notes: list[str] | None = None, remarks: Remarks | None = None,
              rename: tuple[tuple[str, str], ...] = (), segment: bool = True
              ) -> Iterator[tuple[int, AnnotatedDocument | None]]:
    """(line, document) for every record of a file, or of the `run` of its lines a worker reads; records
    before the run are skipped (a JSON-lines file's) or come as (line, None), parsed and checked but not segmented. What the format's reader could not carry, and the documents of
    a brat collection that could not be read, are added to `notes`; given `remarks`, what it could not carry
    goes there instead, document by document. `rename` (OLD, NEW) renames label and
    event type keys as they are read (`import --map`). Without `segment`, a record's bare text is left
    without tokens, for the caller to segment (`Segmenter.packed_tokens`)."""
    if run is not None and run.line >= run.after:
        return  # a run of no lines (a long line took the runs' shares before it): nothing to detect or read
    kind = fmt
    if run is not None and run.fmt is not None:
        kind = run.fmt
    elif fmt in ("auto", "jsonl"):
        kind = formats.detect_format(path, jsonl=fmt == "jsonl") or "auto-text"
    if kind in ("auto-text", *TEXT_LAYOUTS):
        layout = "auto" if kind == "auto-text" else kind
        article = read_article(path, layout=layout, encoding=encoding, segmenter=segmenter)
        yield 0, AnnotatedDocument(title=article.title, text=article.text, tokens=article.tokens,
                                   name=file_name(path.stem), original=article.original, source=file_name(str(path)),
                                   presegmented=article.presegmented)
        return
    if not _utf8(encoding):
        raise ValidationError(f"--encoding {encoding} applies to raw text; this file is read as {kind}, which is "
                              "UTF-8", path=str(path), hint=f"convert it first: iconv -f {encoding} -t UTF-8")
    options = formats.ReadOptions(reviewed=reviewed, schema=schema, rename=rename)
    try:
        yield from _read_records(path, kind, options, segmenter if segment else None, run=run, notes=notes,
                                 remarks=remarks)
    except UnknownLabel as exc:
        raise unknown_labels_error(path, kind, schema, exc, rename=rename) from None


def _utf8(encoding: str) -> bool:
    """Whether `import --encoding` leaves a structured file as it must be read: auto, or a name of UTF-8."""
    try:
        return encoding == "auto" or codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


def unknown_labels_error(path: Path, fmt: str, schema: Schema, first: UnknownLabel, *,
                         rename: tuple[tuple[str, str], ...] = ()) -> ValidationError:
    """The error for a file whose labels or event types the schema lacks: all of them, and the way on."""
    labels, types = formats.unknown_labels(path, fmt, schema, rename=rename)
    found = ([f"label(s) {', '.join(map(shown_name, labels))}"] if labels else []) + \
        ([f"event type(s) {', '.join(map(shown_name, types))}"] if types else [])
    what = " and ".join(found) or first.reason
    return ValidationError(f"the schema {schema.name!r} lacks {what} (first at line {first.line})",
                           path=str(path), hint="import with --extend-schema to add them to the project's "
                           "schema, or --map OLD=NEW to rename them; nothing of this file was imported")


def shown_name(key: str) -> str:
    """A label or event type as a list in a message shows it: as it is when plain, else quoted and cut short."""
    return key if key.isprintable() and len(key) <= 40 and key.strip() == key else shown_key(key)


def _read_records(path: Path, kind: str, options: formats.ReadOptions, segmenter: Segmenter | None, *,
                  run: Part | None, notes: list[str] | None, remarks: Remarks | None
                  ) -> Iterator[tuple[int, AnnotatedDocument | None]]:
    each = remarks.each if remarks is not None else []
    if remarks is not None:
        remarks.kind = kind
    given = 0
    # The index is the record's line (the first line of a CoNLL sentence), so that messages name it.
    for i, doc in _records(path, kind, options, run=run, notes=notes):
        if doc is None:
            yield i, None
            continue
        meta, dropped = take_not_carried(doc.meta)
        if dropped:
            each.append((given, dropped))
            doc = replace(doc, meta=meta)
        given += 1
        if doc.tokens:  # tokens the file carries are kept and followed
            yield i, replace(doc, presegmented=True)
        elif segmenter is None:  # segmented by the caller
            yield i, doc
        else:  # a bare text is segmented like raw text
            yield i, replace(doc, tokens=segmenter.tokens(doc.text))
    if remarks is None and notes is not None:
        notes.extend(map(str, remarks_notes(str(path), kind, (counts for _, counts in each))))


def remarks_notes(path: str, kind: str, counts: Iterable[dict[str, int]]) -> list[ImportNote]:
    """The import summary's notes on what the reader noted of these documents, and what it could not carry."""
    skipped: Counter[str] = Counter()
    for one in counts:
        skipped.update(one)
    told = tuple((reason[len(NOTE):], n) for reason, n in skipped.items() if reason.startswith(NOTE))
    left = tuple((reason, n) for reason, n in skipped.items() if not reason.startswith(NOTE))
    return ([ImportNote(path, kind, told, told=True)] if told else []) + \
        ([ImportNote(path, kind, left)] if left else [])


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


_BARE_CR = re.compile(rb"\r(?!\n)")


def runs(path: Path, parts: int) -> list[Part]:
    """A JSON-lines file cut into `parts` runs of whole lines of about equal bytes, in one pass over them here
    (each worker then reads only its run's bytes, where finding its lines by counting them all took a tenth
    of its work). A file that cannot be read now stays whole, for its worker to report."""
    try:
        data = limits.read_input(path)
    except AnnotatorError:
        return [Part(str(path))]
    if _BARE_CR.search(data):  # its lines are counted at CRs too (fileio.text_lines): cut only at LF
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
