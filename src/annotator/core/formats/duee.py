"""DuEE JSONL (Baidu's event extraction format): `{"id","text","event_list":[{"event_type","trigger",
"trigger_start_index","arguments":[{"role","argument","argument_start_index"}]}]}`.

Ends are start + len(text) in code points. DuEE has no entities: arguments are read as unlabelled
argument spans, and entities (and events without a trigger) are counted in the summary as not carried.
"""

from __future__ import annotations

from typing import Any

from annotator.core.annotations import AnnotatedDocument, Argument, EntitySpan, Event, ReviewStatus, SpanKind
from annotator.core.errors import ValidationError
from annotator.core.formats.base import (
    IMPORT_ORIGIN,
    ExportOptions,
    ReadOptions,
    Tally,
    check_carried,
    exported_entities,
    first_line,
    jsonl_reader,
    jsonl_writer,
    record_fields,
    sorted_events,
)
from annotator.core.formats.detect import refuse_unread
from annotator.core.formats.extras import (
    ExtrasBuilder,
    ExtrasLookup,
    foreign_meta,
    unknown,
    with_extra,
)
from annotator.core.formats.fileio import json_lines
from annotator.core.formats.native import check_text
from annotator.core.limits import check_annotations

NAME = "duee"
EVENT_FIELDS = ("event_type", "trigger", "trigger_start_index", "arguments")
ARGUMENT_FIELDS = ("role", "argument", "argument_start_index")
units = json_lines
_BACK = ReadOptions(reviewed=True)



def parse(record: dict[str, Any], *, line: int, path: str, options: ReadOptions) -> AnnotatedDocument:
    """One DuEE record as a document: triggers and argument spans, no entities."""
    refuse_unread(record, NAME, path=path, line=line)
    text = check_text(record.get("text"), path=path, line=line)
    spans: dict[tuple[int, int, SpanKind, str], EntitySpan] = {}

    def fail(reason: str) -> ValidationError:
        return ValidationError(reason, path=path, line=line)

    def span(start: object, words: object, kind: SpanKind, label: str, what: str) -> EntitySpan:
        if not isinstance(words, str) or not words:
            raise fail(f"{what}: the text must be a non-empty string")
        if isinstance(start, bool) or not isinstance(start, int):
            raise fail(f"{what}: start must be an integer, got {start!r}")
        if not 0 <= start <= len(text) - len(words):
            raise fail(f"{what}: start {start!r} is outside the text (length {len(text)})")
        if text[start:start + len(words)] != words:
            raise fail(f"{what}: the text at {start} is {text[start:start + len(words)]!r}, not {words!r}")
        key = (start, start + len(words), kind, label)
        if key not in spans:
            spans[key] = EntitySpan(id=len(spans) + 1, start=start, end=start + len(words), label=label,
                                    origin=IMPORT_ORIGIN, state=options.state, kind=kind)
            by_id[spans[key].id] = spans[key]
        return spans[key]

    events = []
    extras = ExtrasBuilder()   # DuEE's `class` of an event and `alias` of an argument, written back
    by_id: dict[int, EntitySpan] = {}
    event_list = record.get("event_list") or []
    if not isinstance(event_list, list):
        raise fail("event_list must be a list")
    check_annotations(len(event_list) + sum(len(ev["arguments"]) for ev in event_list if isinstance(ev, dict)
                                            and isinstance(ev.get("arguments"), list)), path=path, line=line)
    for i, ev in enumerate(event_list):
        what = f"event {i}"
        if not isinstance(ev, dict):
            raise fail(f"{what} is not an object")
        etype = options.check_event_type(ev.get("event_type"), path=path, line=line)
        trigger = span(ev.get("trigger_start_index"), ev.get("trigger"), SpanKind.TRIGGER, etype, f"{what} trigger")
        args = []
        arguments = ev.get("arguments") or []
        if not isinstance(arguments, list):
            raise fail(f"{what} arguments must be a list")
        for j, arg in enumerate(arguments):
            if not isinstance(arg, dict) or not isinstance(arg.get("role"), str) or not arg["role"]:
                raise fail(f"{what} argument {j} is not an object with a role")
            options.check_role(arg["role"], path=path, line=line, what=f"{what} argument {j}: role")
            target = span(arg.get("argument_start_index"), arg.get("argument"), SpanKind.ARGUMENT, "",
                          f"{what} argument {j}")
            args.append(Argument(role=arg["role"], span_id=target.id))
        events.append(Event(id=i + 1, type=etype, trigger_id=trigger.id, arguments=tuple(args),
                            state=options.state, origin=IMPORT_ORIGIN))
        key = (etype, trigger.start, trigger.end,
               tuple(sorted((a.role, by_id[a.span_id].start, by_id[a.span_id].end) for a in args)))
        extras.event(key, unknown(ev, EVENT_FIELDS), {}, [
            ((arg["role"], arg["argument_start_index"], arg["argument_start_index"] + len(arg["argument"])),
             unknown(arg, ARGUMENT_FIELDS)) for arg in arguments])
    name = record.get("id")
    title = record.get("title")
    meta = foreign_meta(record, ("id", "text", "event_list"))   # DuEE's title is kept and written back
    meta = with_extra(meta, "events", extras.value().get("events"))
    return AnnotatedDocument(title=title if isinstance(title, str) and title.strip() else first_line(text),
                             text=text, tokens=options.tokens_for(text),
                             spans=tuple(spans.values()), events=tuple(events),
                             name="" if name is None else str(name), meta=meta,
                             status=ReviewStatus.REVIEWED if options.reviewed else ReviewStatus.PRE_ANNOTATED)




def to_record(doc: AnnotatedDocument, *, options: ExportOptions, tally: Tally) -> dict[str, Any]:
    """The DuEE record of a document, checked by reading it back."""
    text = doc.text
    for span in exported_entities(doc, options):
        tally.drop("entities (DuEE has only events)", doc, f"{span.label} {text[span.start:span.end]}")
    event_list, carried = [], []
    lookup = ExtrasLookup(doc.meta)
    for key, _ev in sorted_events(doc, options):
        etype, t_start, t_end, args = key
        if t_start is None:
            tally.drop("events without a trigger", doc, etype)
            continue
        item = lookup.event(key)
        event_list.append({
            "event_type": etype, "trigger": text[t_start:t_end], "trigger_start_index": t_start,
            "arguments": [{"role": role, "argument": text[start:end], "argument_start_index": start,
                           **lookup.argument(item, (role, start, end))} for role, start, end in args],
            **item.get("fields", {})})
        carried.append(key)
        tally.events[etype] += 1
    record = {**record_fields(doc, tally, ("id", "text", "event_list")), "text": text, "event_list": event_list}
    check_carried(doc, parse(record, line=0, path="", options=_BACK), entities=(), events=carried, fmt=NAME)
    return record


read = jsonl_reader(parse)
write = jsonl_writer(NAME, to_record)
