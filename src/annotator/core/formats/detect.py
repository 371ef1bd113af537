"""Which format a file is in, read from its records: each exchange format's shape is distinctive.

    detect_jsonl(path)  -> "native" | "doccano" | "spacy" | "duee" | "cluener"
    looks_like_conll(path) -> True for token-per-line BIO/BMES/BIOES files

A JSONL file is judged by its first records (up to SAMPLE): every record must have one shape, and a
record whose annotation-like fields fit no format is refused with a message naming the likely one,
so that no file is imported with its annotations silently ignored.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.errors import ReadError, ValidationError
from annotator.core.formats.fileio import Source, json_lines, source_name, text_lines

SAMPLE = 200
PLAIN_SAMPLE = 200      # records without annotations looked at once one with annotations was found
PLAIN_LIMIT = 10_000    # records without annotations looked at before deciding that the file has none
# Fields that hold annotations in some format; a record carrying one that fits no shape is refused.
ANNOTATION_FIELDS = ("label", "labels", "entities", "relations", "spans", "event_list", "events", "ner",
                     "annotations", "predictions", "tags", "ner_tags", "entity_mentions", "event_mentions",
                     "accept", "ents")
# The annotation fields each JSONL format reads; any other one with something in it would be left unread.
# `relations` is read by doccano and kept in the document's metadata by the others (CEC's in native, Prodigy's),
# and written back, so every format's export of such a document has it.
READS = {"native": ("entities", "events", "relations"),
         "doccano": ("label", "labels", "entities", "relations"),
         "spacy": ("spans", "ents", "relations"),
         "duee": ("event_list", "relations"),
         "cluener": ("label", "relations")}
TAG = re.compile(r"^(O|[BIMESLU]-\S+|[BIMESLU]|-X-)$")
JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
BRAT_SUFFIXES = (".ann", ".a1", ".a2")   # .a1 + .a2: BioNLP's split of a brat .ann, which brat reads too
CONLL_SUFFIXES = (".conll", ".conllx", ".bio", ".bmes", ".bioes", ".iob", ".iob1", ".iob2")


def record_format(record: dict[str, Any]) -> str | None:
    """The format a single JSON record is shaped like, or None when its annotation fields fit none."""
    if "event_list" in record:
        return "duee" if isinstance(record["event_list"], list) else None
    if isinstance(record.get("events"), list) or "status" in record:
        # Only native has `events` (and `status`); its unknown fields (a CEC record's `relations`) stay meta.
        return "native" if _native_rest(record) else None
    if isinstance(record.get("spans"), list | dict) or isinstance(record.get("ents"), list) or "answer" in record \
            or "_input_hash" in record \
            or _spacy_tokens(record.get("tokens")):
        return "spacy"
    label = record.get("label") or record.get("labels")   # doccano's first JSONL export says `labels`
    if isinstance(label, dict):  # CLUENER's; beside native entities, which one holds the spans is not known
        return "cluener" if record.get("entities") in (None, []) else None
    if isinstance(label, list) and all(isinstance(x, list) for x in label):
        return "doccano"
    entities = record.get("entities")
    if isinstance(entities, list) and entities and all(isinstance(e, list) for e in entities) and label is None:
        return "doccano"                 # doccano's first export: [start, end, label] lists (doccano/doccano#46)
    if isinstance(entities, list) and entities and all(isinstance(e, dict) for e in entities):
        if all("start_offset" in e for e in entities):
            return "doccano"
        if all("start" in e for e in entities):
            return "native"
        return None
    if "relations" in record and "entities" in record:
        return "doccano" if not record["entities"] else None
    if label is not None and label != []:
        return None                      # e.g. a text-classification label: no spans to import
    return "native" if _native_rest(record) else None


def _spacy_tokens(tokens: object) -> bool:
    return isinstance(tokens, list) and bool(tokens) and isinstance(tokens[0], dict) and "ws" in tokens[0]


def _native_rest(record: dict[str, Any]) -> bool:
    entities = record.get("entities")
    if entities not in (None, []) and not (isinstance(entities, list) and all(isinstance(e, dict) and "start" in e
                                                                              for e in entities)):
        return False
    events = record.get("events")
    if events not in (None, []) and not (isinstance(events, list) and all(isinstance(e, dict) and "type" in e
                                                                          for e in events)):
        return False
    return not any(record.get(f) not in (None, [], {}) for f in ANNOTATION_FIELDS
                   if f not in ("entities", "events", "label", "labels", "relations"))


def unread_fields(record: dict[str, Any], fmt: str) -> list[str]:
    """The record's annotation fields with something in them that format `fmt` does not read. Native keeps a
    document-level value (a string, a list of strings: a news category under `tags` or `label`) in the
    document's metadata and writes it back, so for native only a field holding spans is unread."""
    reads = READS[fmt]
    return [f for f in ANNOTATION_FIELDS if f not in reads and record.get(f) not in (None, [], {}, "")
            and not (fmt == "native" and _document_level(record[f]))]


def _document_level(value: Any) -> bool:
    """A string, number or list of them: a value about the whole document, not spans."""
    items = value if isinstance(value, list) else [value]
    return all(isinstance(v, str | int | float) for v in items)


def refuse_unread(record: dict[str, Any], fmt: str, *, path: str, line: int) -> None:
    """Raise unless every annotation field of the record is one `fmt` reads: a record is never read as having
    no annotations because they were in fields its format does not know (given --format doccano, a DuEE
    record's `event_list`, a Label Studio task's `annotations`, a Prodigy text-classification `label`)."""
    unread = unread_fields(record, fmt)
    if not unread:
        return
    other = record_format(record)
    fields = ", ".join(unread)
    if other not in (None, fmt):
        raise ValidationError(f"the record's annotations are in {other} fields ({fields}), which {fmt} does not read",
                              path=path, line=line,
                              hint=f"import with --format {other}, or without --format to tell it from the file")
    raise ValidationError(f"the record's {fields} field holds annotations {fmt} does not read (it reads "
                          f"{', '.join(READS[fmt])})", path=path, line=line,
                          hint="annotator reads native, doccano, doccano-rel, spacy (Prodigy), duee and cluener "
                               "records: convert the file to one of them; nothing was imported")


def detect_records(records: Iterable[tuple[int, Any]], *, path: str) -> str:
    """The one format the records are shaped like; ReadError naming the line when they fit none or differ.

    Records with text and no annotations fit every format; the first annotated record decides."""
    found: str | None = None
    first_line = 0
    annotated = plain = 0
    for line, record in records:
        # An export lists the documents nobody annotated yet too, often first: they do not count.
        if annotated >= SAMPLE or plain >= PLAIN_SAMPLE and found is not None or plain >= PLAIN_LIMIT:
            break
        if isinstance(record, Exception):
            if annotated + plain >= SAMPLE:
                break   # past the first records: the reader names it at its line, as a record of any run
            raise record
        if is_plain(record):
            plain += 1
            continue
        annotated += 1
        fmt = record_format(record)
        if fmt is None:
            fields = ", ".join(f for f in ANNOTATION_FIELDS if f in record) or ", ".join(list(record)[:5])
            raise ReadError(f"the record's annotation fields ({fields}) fit no format annotator reads",
                            path=path, line=line, hint="give --format (native, doccano, doccano-rel, spacy, "
                            "duee, cluener) or convert the file; nothing was imported")
        if found is None:
            found, first_line = fmt, line
        elif fmt != found:
            raise ReadError(f"this record looks like {fmt} but line {first_line} looks like {found}",
                            path=path, line=line, hint="one file holds one format; give --format to choose")
    return found or "native"


def is_plain(record: dict[str, Any]) -> bool:
    """Whether a record has text and no annotations at all (any JSONL format may have such records)."""
    return not any(record.get(f) not in (None, [], {}) for f in ANNOTATION_FIELDS) and "answer" not in record \
        and not _spacy_tokens(record.get("tokens"))


SAMPLE_LINES = 100_000  # blank lines are not records: a file of 50 million of them is not read to its end


def detect_jsonl(source: Source) -> str:
    """The JSONL format of a file, judged from its first records (on its first SAMPLE_LINES lines)."""
    return detect_records(json_lines(source, lines=(1, SAMPLE_LINES + 1)), path=source_name(source))


def looks_like_conll(source: Source, *, sample: int = 200) -> bool:
    """Whether a text file is token-per-line tagged (CoNLL, BIO/BMES/BIOES), judged from its first lines."""
    tagged = other = 0
    try:
        for number, line in text_lines(source):
            if number > sample:
                break
            if not line.strip():
                continue
            cols = line.rstrip().split("\t") if "\t" in line else line.split()
            if cols[0].startswith("#") and not (len(cols) >= 2 and TAG.match(cols[-1])):
                continue   # a blank line or a comment (MultiCoNER's `# id …`)
            if cols[0] == "-DOCSTART-":
                return True
            if not tagged + other and is_header(line):
                continue   # `word label`: the columns' names
            if len(cols) >= 2 and TAG.match(cols[-1]):
                tagged += 1
            else:
                other += 1
    except ReadError:
        return False
    return tagged >= 2 and other == 0


def is_header(line: str) -> bool:
    """Whether a CoNLL file's first line names its columns (`word label`, `token<TAB>tag`, `字 标签`): two columns
    or more, the last of which is no tag and not shaped like one either (`X-PER`, `B-` are bad tags, refused)."""
    cols = line.rstrip().split("\t") if "\t" in line else line.split()
    last = cols[-1].strip() if cols else ""
    return len(cols) >= 2 and cols[0].strip() != "-DOCSTART-" and not TAG.match(last) and "-" not in last


def is_brat_file(name: str) -> bool:
    """Whether a file name is a brat annotation file's (`.ann`, `.a1`, `.a2`, in any case: `A.ANN` too); the
    reader, detection and import's folder walk all ask this."""
    return name.lower().endswith(BRAT_SUFFIXES)


def is_brat(path: Path) -> bool:
    """Whether a folder or zip holds brat .ann files (at its top level)."""
    try:
        if path.is_dir():
            return any(is_brat_file(p.name) and p.is_file() for p in path.iterdir())
        with zipfile.ZipFile(path) as archive:
            return any(is_brat_file(n) for n in archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False
