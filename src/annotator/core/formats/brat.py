"""brat standoff: a folder (or .zip) with `NAME.txt` + `NAME.ann` per document and an `annotation.conf`.

`.txt` is the document text as UTF-8 with LF; `.ann` has `T` lines (`T1<TAB>LABEL START END<TAB>text`)
for entities, triggers and unlabelled argument spans (type `Argument`) and `E` lines
(`E1<TAB>TYPE:T2 Role:T1 Role2:T3`, a repeated role numbered as brat does). Offsets are code points,
as brat (a Python server) counts them. A span across a line break is written as fragments split at the
newlines and read back as one span. brat type names cannot hold `:`, so `Contact:Meet` is written
`Contact-Meet` and mapped back through the schema on import. A `.txt` saved with CRLF is read with
its offsets mapped onto the LF text. Events without a trigger cannot be written (counted in the summary).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from annotator.core.annotations import AnnotatedDocument, ReviewStatus
from annotator.core.errors import ReadError, WriteError
from annotator.core.formats import bratconf
from annotator.core.formats.base import (
    DEFAULT_EXPORT,
    DEFAULT_READ,
    EventKey,
    ExportOptions,
    ReadOptions,
    Tally,
    check_carried,
    count_written,
    exported_entities,
    first_line,
    sorted_events,
)
from annotator.core.formats.bratconf import ARGUMENT_TYPE, VISUAL_CONF, brat_type, read_visual
from annotator.core.formats.bratread import BratUnit, fragment_words, parse_ann
from annotator.core.formats.detect import is_brat_file
from annotator.core.formats.extras import EXTRA_KEY, not_carried, with_extra
from annotator.core.formats.fileio import atomic_path
from annotator.core.formats.native import check_text
from annotator.core.limits import open_input, read_input, read_member

NAME = "brat"
KEPT_LINES = "brat"   # meta["_extra"] key of the R, A, M, N, #, * lines read from brat
CONF = "annotation.conf"
_UNSAFE = re.compile(r'[\x00-\x1f/\\:*?"<>|]')
_BACK = ReadOptions(reviewed=True)


def units(source: str | Path) -> Iterator[tuple[int, BratUnit | ReadError]]:
    """(1, unit) per document of a brat folder or zip, in file-name order; a missing .txt is a ReadError, and a
    .txt without its .ann is a document without annotations (as brat shows it)."""
    path = Path(source)
    if path.is_dir():
        files = {p.name: p for p in path.iterdir() if p.is_file()}
        read_bytes = lambda name: read_input(files[name])  # noqa: E731
        names = sorted(files)
    elif _readable(path) and zipfile.is_zipfile(path):
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise ReadError(f"the zip file is damaged or unreadable ({exc})", path=str(path)) from exc
        names = sorted(n for n in archive.namelist() if not n.endswith("/"))
        read_bytes = lambda name: read_member(archive, name, where=f"{path}:{name}")  # noqa: E731
    else:
        raise ReadError("not a brat folder or zip file", path=str(path))
    visual = read_visual(read_bytes(VISUAL_CONF).decode("utf-8", "replace")) if VISUAL_CONF in names else {}
    present = by_suffix(names)
    for name in names:
        stem, suffix = name.rpartition(".")[::2]
        parts = _annotation_files(stem, present)
        txt = present.get((stem, "txt"))
        if not (parts[:1] == [name] or name == txt and not parts):   # one unit per document
            continue
        where = [f"{path}/{part}" if path.is_dir() else f"{path}:{part}" for part in parts or [stem + ".ann"]]
        if txt is None:
            yield 1, ReadError(f"{stem}.txt is missing next to {name}", path=str(path))
            continue
        decoded: list[str] = []
        for member, encoding in [(txt, "utf-8"), *((part, "utf-8-sig") for part in parts)]:   # a BOM is no annotation
            try:
                decoded.append(read_bytes(member).decode(encoding))
            except UnicodeDecodeError as exc:   # named as the member it is in (a bad .txt was said of the .ann)
                yield 1, ReadError(f"not UTF-8 (byte {exc.start}: {exc.reason})",
                                   path=f"{path}/{member}" if path.is_dir() else f"{path}:{member}")
                break
        else:
            text, anns = decoded[0], decoded[1:]
            yield 1, BratUnit(name=Path(stem).name, path=where[0], text=text, ann="\n".join(anns), names=visual,
                              more=tuple(zip(where[1:], _line_counts(anns[:-1]), strict=True)))


def by_suffix(names: Iterable[str]) -> dict[tuple[str, str], str]:
    """(stem, lower-case suffix) -> the file name as written: `A.ANN` and `A.TXT` are a document as `a.ann` and
    `a.txt` are (the first name in order where two differ only in their suffix's case)."""
    out: dict[tuple[str, str], str] = {}
    for name in names:
        stem, dot, suffix = name.rpartition(".")
        if dot:
            out.setdefault((stem, suffix.lower()), name)
    return out


def _annotation_files(stem: str, present: dict[tuple[str, str], str]) -> list[str]:
    """A document's annotation files: its .ann, else BioNLP's .a1 (given entities) and .a2 (the rest), which
    brat reads as one."""
    if (stem, "ann") in present:
        return [present[stem, "ann"]]
    return [present[stem, suffix] for suffix in ("a1", "a2") if (stem, suffix) in present]


def _line_counts(texts: list[str]) -> list[int]:
    """After how many lines of the joined text each of the later files begins."""
    counts, total = [], 0
    for text in texts:
        total += len(re.split("\r\n|\r|\n", text))
        counts.append(total)
    return counts


def _readable(path: Path) -> bool:
    read_input_check = open_input(path)  # a FIFO or device is refused before zipfile opens it
    read_input_check.close()
    return True


def read(source: str | Path, options: ReadOptions = DEFAULT_READ) -> Iterator[tuple[int, AnnotatedDocument]]:
    """Yield (1, document) per .ann file; the first bad line raises naming its .ann file and line."""
    for line, unit in units(source):
        if isinstance(unit, Exception):
            raise unit
        yield line, parse(unit, line=line, path=unit.path, options=options)


def parse(unit: BratUnit, *, line: int, path: str, options: ReadOptions) -> AnnotatedDocument:
    """One .txt/.ann pair as a document."""
    dropped: dict[str, int] = {}
    kept: list[list[Any]] = []
    check_text(unit.text, path=f"{unit.path.rpartition('.')[0]}.txt" if is_brat_file(unit.path) else unit.path,
               line=None)
    text, spans, events = parse_ann(unit, options=options, not_carried=dropped, kept=kept)
    return AnnotatedDocument(title=first_line(text), text=text, tokens=options.tokens_for(text),
                             spans=spans, events=events, name=unit.name,
                             meta=not_carried(with_extra({}, KEPT_LINES, kept), dropped),
                             status=ReviewStatus.REVIEWED if options.reviewed else ReviewStatus.PRE_ANNOTATED)


def write(docs: Iterable[AnnotatedDocument], target: str | Path | IO[bytes], *,
          options: ExportOptions = DEFAULT_EXPORT, tally: Tally | None = None, schema: Any = None) -> Tally:
    """Write a brat folder, or a zip when `target` ends in .zip or is a binary file object."""
    tally = tally or Tally(NAME)
    if not isinstance(target, str | Path):
        with tempfile.TemporaryDirectory(prefix="brat-") as folder:
            _write_folder(docs, Path(folder), options=options, tally=tally, schema=schema)
            _zip(Path(folder), target)
        return tally
    target = Path(target)
    zipped = target.suffix.lower() == ".zip"
    with atomic_path(target, directory=not zipped) as out:
        if zipped:
            with tempfile.TemporaryDirectory(prefix="brat-", dir=out.parent) as folder:
                _write_folder(docs, Path(folder), options=options, tally=tally, schema=schema)
                _zip(Path(folder), out)
        else:
            _write_folder(docs, out, options=options, tally=tally, schema=schema)
    return tally


def _zip(folder: Path, target: Path | IO[bytes]) -> None:
    # Fixed timestamps and sorted entries: the same documents always give the same bytes.
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            info = zipfile.ZipInfo(path.name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def _write_folder(docs: Iterable[AnnotatedDocument], folder: Path, *, options: ExportOptions, tally: Tally,
                  schema: Any) -> None:
    used: set[str] = {Path(CONF).stem.casefold(), Path(VISUAL_CONF).stem.casefold()}
    seen = bratconf.Seen()
    for n, doc in enumerate(docs, start=1):
        stem = _stem(doc.name or f"doc-{n:05d}", used)
        ann = ann_text(doc, options=options, tally=tally, seen=seen)
        (folder / f"{stem}.txt").write_bytes(doc.text.encode("utf-8"))
        (folder / f"{stem}.ann").write_bytes(ann.encode("utf-8"))
        tally.documents += 1
    (folder / CONF).write_bytes(bratconf.conf_text(schema, seen).encode("utf-8"))
    (folder / VISUAL_CONF).write_bytes(bratconf.visual_text(bratconf.names_used(schema, seen)).encode("utf-8"))


def _stem(name: str, used: set[str]) -> str:
    base = _UNSAFE.sub("_", name).strip().lstrip(".")[:100] or "doc"
    stem, k = base, 1
    while stem.casefold() in used:   # case-insensitive file systems
        k += 1
        stem = f"{base}-{k}"
    used.add(stem.casefold())
    return stem


def _offsets(text: str, start: int, end: int) -> str:
    """`start end`, or fragments split at inner line breaks (`s1 e1;s2 e2`), as brat writes multi-line spans."""
    pieces = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]+", text[start:end])]
    if not pieces:
        return f"{start} {end}"
    pieces[0] = (start, pieces[0][1])
    pieces[-1] = (pieces[-1][0], end)
    return ";".join(f"{s} {e}" for s, e in pieces)


def ann_text(doc: AnnotatedDocument, *, options: ExportOptions, tally: Tally,
             seen: bratconf.Seen | None = None) -> str:
    """The .ann content of a document, checked by reading it back."""
    text = doc.text
    if "\r" in text:
        raise WriteError(f"{doc.name}: the text holds a carriage return; brat would count it, documents keep LF")
    seen = seen if seen is not None else bratconf.Seen()
    lines: list[str] = []
    ids: dict[tuple[int, int, str], str] = {}

    def t_line(start: int, end: int, btype: str) -> str:
        key = (start, end, btype)
        if key not in ids:
            ids[key] = f"T{len(ids) + 1}"
            offsets = _offsets(text, start, end)
            lines.append(f"{ids[key]}\t{btype} {offsets}\t{fragment_words(text, offsets)}")
        return ids[key]

    entities = exported_entities(doc, options)
    for span in entities:
        t_line(span.start, span.end, brat_type(span.label))
        seen.labels.add(span.label)
    by_offsets = {(s.start, s.end): brat_type(s.label) for s in reversed(entities)}
    carried: list[EventKey] = []
    for key, _ev in sorted_events(doc, options):
        etype, t_start, t_end, args = key
        if t_start is None or t_end is None:
            tally.drop("events without a trigger", doc, etype)
            continue
        parts = [f"{brat_type(etype)}:{t_line(t_start, t_end, brat_type(etype))}"]
        counts: dict[str, int] = {}
        for role, start, end in args:
            btype = by_offsets.get((start, end), ARGUMENT_TYPE)
            counts[role] = counts.get(role, 0) + 1
            suffix = str(counts[role]) if counts[role] > 1 else ""
            parts.append(f"{brat_type(role)}{suffix}:{t_line(start, end, btype)}")
            seen.role(etype, role, btype)
        lines.append(f"E{len(carried) + 1}\t{' '.join(parts)}")
        carried.append(key)
        tally.events[etype] += 1
    lines += _kept_lines(doc, ids, tally)
    ann = "".join(line + "\n" for line in lines)
    unit = BratUnit(name=doc.name, path="", text=text, ann=ann)
    back = parse(unit, line=0, path="", options=_BACK)
    # Read back without a schema, type names stay in their brat spelling: compare in that spelling.
    check_carried(doc, back, entities=[s.with_(label=brat_type(s.label)) for s in entities],
                  events=[(brat_type(k[0]), k[1], k[2], tuple(sorted((brat_type(r), s, e) for r, s, e in k[3])))
                          for k in carried], fmt=NAME)
    count_written(tally, entities, ())
    return ann



def _kept_lines(doc: AnnotatedDocument, ids: dict[tuple[int, int, str], str], tally: Tally) -> list[str]:
    """The R, A, M, N, # and * lines a brat import kept, with the T ids of this export."""
    out: list[str] = []
    numbers: dict[str, int] = {}
    for kind, part, anchors, free in (doc.meta.get(EXTRA_KEY) or {}).get(KEPT_LINES, []):
        refs = [ids[(start, end, btype)] for start, end, btype in anchors if (start, end, btype) in ids]
        if len(refs) < len(anchors):
            tally.drop("brat lines about spans this export does not write", doc, f"{kind} {part}")
            continue
        numbers[kind] = numbers.get(kind, 0) + 1
        ident = "*" if kind == "*" else f"{kind}{numbers[kind]}"
        body = re.sub(r"@(\d+)@", lambda m: refs[int(m.group(1))], part)  # noqa: B023 - used at once
        out.append(f"{ident}\t{body}" + (f"\t{free}" if free is not None else ""))
    return out
