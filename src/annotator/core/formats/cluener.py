"""CLUENER JSONL: `{"id","text","label":{type:{mention:[[start, end_inclusive], …]}}}`.

CLUENER's end offset is *inclusive* (`text[start:end + 1]` is the mention); offsets count code points.
Nested spans are carried; events are counted in the summary as not carried.
"""

from __future__ import annotations

from typing import Any

from annotator.core.annotations import IMPORT_ORIGIN, AnnotatedDocument, EntitySpan, ReviewStatus, SpanKind
from annotator.core.errors import ValidationError
from annotator.core.formats.base import (
    ExportOptions,
    ReadOptions,
    Tally,
    check_carried,
    count_written,
    exported_entities,
    first_line,
    jsonl_reader,
    jsonl_writer,
    record_fields,
    sorted_events,
)
from annotator.core.formats.detect import refuse_unread
from annotator.core.formats.extras import foreign_meta
from annotator.core.formats.fileio import json_lines
from annotator.core.formats.native import check_text
from annotator.core.limits import check_annotations

NAME = "cluener"
units = json_lines
_BACK = ReadOptions(reviewed=True)



def parse(record: dict[str, Any], *, line: int, path: str, options: ReadOptions) -> AnnotatedDocument:
    """One CLUENER record as a document."""
    refuse_unread(record, NAME, path=path, line=line)
    text = check_text(record.get("text"), path=path, line=line)

    def fail(reason: str) -> ValidationError:
        return ValidationError(reason, path=path, line=line)

    labels = record.get("label") or {}
    if not isinstance(labels, dict):
        raise fail("label must be an object {type: {mention: [[start, end], …]}}")
    spans: list[EntitySpan] = []
    check_annotations(sum(len(positions) for mentions in labels.values() if isinstance(mentions, dict)
                          for positions in mentions.values() if isinstance(positions, list)), path=path, line=line)
    for label, mentions in labels.items():
        label = options.check_label(label, path=path, line=line)
        if not isinstance(mentions, dict):
            raise fail(f"label {label!r}: mentions must be an object")
        if not mentions:   # as a mention without positions: it looks like an annotation and carries none
            raise fail(f"label {label!r}: no mentions")
        for mention, positions in mentions.items():
            if not isinstance(positions, list):
                raise fail(f"{label} {mention!r}: positions must be a list")
            if not positions:   # a mention nowhere would come in as no annotation
                raise fail(f"{label} {mention!r}: no positions")
            for pos in positions:
                if not (isinstance(pos, list) and len(pos) == 2 and all(type(p) is int for p in pos)):
                    raise fail(f"{label} {mention!r}: position {pos!r} is not [start, end]")
                start, end = pos[0], pos[1] + 1
                if not 0 <= start < end <= len(text):
                    raise fail(f"{label} {mention!r}: [{pos[0]}, {pos[1]}] is outside the text "
                               f"(length {len(text)}; CLUENER ends are inclusive)")
                if text[start:end] != mention:
                    raise fail(f"{label} {mention!r}: [{pos[0]}, {pos[1]}] covers {text[start:end]!r} "
                               f"(CLUENER ends are inclusive)")
                spans.append(EntitySpan(id=len(spans) + 1, start=start, end=end, label=label,
                                        origin=IMPORT_ORIGIN, state=options.state, kind=SpanKind.ENTITY))
    name = record.get("id")
    return AnnotatedDocument(title=first_line(text), text=text, tokens=options.tokens_for(text),
                             spans=tuple(spans), name="" if name is None else str(name),
                             meta=foreign_meta(record, ("id", "text", "label")),
                             status=ReviewStatus.REVIEWED if options.reviewed else ReviewStatus.PRE_ANNOTATED)




def to_record(doc: AnnotatedDocument, *, options: ExportOptions, tally: Tally) -> dict[str, Any]:
    """The CLUENER record of a document, checked by reading it back."""
    entities = exported_entities(doc, options)
    labels: dict[str, dict[str, list[list[int]]]] = {}
    for span in sorted(entities, key=lambda s: (s.label, s.start, s.end)):
        mention = doc.text[span.start:span.end]
        labels.setdefault(span.label, {}).setdefault(mention, []).append([span.start, span.end - 1])
    for key, _ev in sorted_events(doc, options):
        tally.drop("events", doc, key[0])
    record = {**record_fields(doc, tally, ("id", "text", "label")), "text": doc.text, "label": labels}
    check_carried(doc, parse(record, line=0, path="", options=_BACK), entities=entities, fmt=NAME)
    count_written(tally, entities, ())
    return record


read = jsonl_reader(parse)
write = jsonl_writer(NAME, to_record)
