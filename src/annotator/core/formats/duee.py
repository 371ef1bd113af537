"""DuEE JSONL (Baidu's event extraction format): `{"id","text","event_list":[{"event_type","trigger",
"trigger_start_index","arguments":[{"role","argument","argument_start_index"}]}]}`.

Ends are start + len(text) in code points. DuEE has no entities: arguments are read as unlabelled
argument spans, and entities (and events without a trigger) are counted in the summary as not carried.

DuEE-Fin (its financial documents) gives no positions: a trigger without `trigger_start_index` is placed at
its occurrence nearest its arguments' occurrences, an argument without `argument_start_index` at its
occurrence nearest its trigger, and the import summary counts them for review. An argument whose text is
not in the document (a value of DuEE-Fin's enumerated role 环节) cannot be a span: it is kept in the
document's metadata, counted in the summary, and written back with its event.
"""

from __future__ import annotations

import bisect
from typing import Any

from annotator.core.annotations import (
    IMPORT_ORIGIN,
    AnnotatedDocument,
    Argument,
    EntitySpan,
    Event,
    ReviewStatus,
    SpanKind,
)
from annotator.core.errors import ValidationError
from annotator.core.formats.base import (
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
    EXTRA_KEY,
    NOTE,
    ExtrasBuilder,
    ExtrasLookup,
    foreign_meta,
    not_carried,
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
    by_id: dict[int, EntitySpan] = {}
    placed = 0

    def fail(reason: str) -> ValidationError:
        return ValidationError(reason, path=path, line=line)

    def span(start: object, words: str, kind: SpanKind, label: str, what: str) -> EntitySpan:
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

    def words_of(item: dict[str, Any], field: str, what: str) -> str:
        words = item.get(field)
        if not isinstance(words, str) or not words:
            raise fail(f"{what}: the text must be a non-empty string")
        return words

    events = []
    extras = ExtrasBuilder()   # DuEE's `class` of an event and `alias` of an argument, written back
    unplaced: list[list[Any]] = []   # arguments whose text is not in the document: [type, trigger start, end, fields]
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
        arguments = ev.get("arguments") or []
        if not isinstance(arguments, list):
            raise fail(f"{what} arguments must be a list")
        for j, arg in enumerate(arguments):
            if not isinstance(arg, dict) or not isinstance(arg.get("role"), str) or not arg["role"]:
                raise fail(f"{what} argument {j} is not an object with a role")
            options.check_role(arg["role"], path=path, line=line, what=f"{what} argument {j}: role")
            words_of(arg, "argument", f"{what} argument {j}")
        t_words = words_of(ev, "trigger", f"{what} trigger")
        t_start = ev.get("trigger_start_index")
        if "trigger_start_index" not in ev:   # DuEE-Fin has none (a null one is refused as any bad start)
            # an argument's given start places it (a bad one is refused below, by the argument's own check)
            t_start = _place_trigger(text, t_words, [
                _starts(text, a["argument"]) if "argument_start_index" not in a
                else [a["argument_start_index"]] if type(a["argument_start_index"]) is int else []
                for a in arguments])
            if t_start is None:
                raise fail(f"{what} trigger: {t_words!r} is not in the text (and no trigger_start_index is given)")
            placed += 1
        trigger = span(t_start, t_words, SpanKind.TRIGGER, etype, f"{what} trigger")
        args, arg_extras = [], []
        for j, arg in enumerate(arguments):
            a_start = arg.get("argument_start_index")
            if "argument_start_index" not in arg:   # DuEE-Fin
                a_start = _nearest(text, arg["argument"], trigger.start)
                if a_start is None:
                    unplaced.append([etype, trigger.start, trigger.end, arg])
                    continue
                placed += 1
            target = span(a_start, arg["argument"], SpanKind.ARGUMENT, "", f"{what} argument {j}")
            args.append(Argument(role=arg["role"], span_id=target.id))
            arg_extras.append(((arg["role"], target.start, target.end), unknown(arg, ARGUMENT_FIELDS)))
        events.append(Event(id=i + 1, type=etype, trigger_id=trigger.id, arguments=tuple(args),
                            state=options.state, origin=IMPORT_ORIGIN))
        key = (etype, trigger.start, trigger.end,
               tuple(sorted((a.role, by_id[a.span_id].start, by_id[a.span_id].end) for a in args)))
        extras.event(key, unknown(ev, EVENT_FIELDS), {}, arg_extras)
    name = record.get("id")
    title = record.get("title")
    meta = foreign_meta(record, ("id", "text", "event_list"))   # DuEE's title is kept and written back
    meta = with_extra(with_extra(meta, "events", extras.value().get("events")), UNPLACED, unplaced)
    meta = not_carried(meta, {UNPLACED_NOT_CARRIED: len(unplaced), PLACED_NOTE: placed})
    return AnnotatedDocument(title=title if isinstance(title, str) and title.strip() else first_line(text),
                             text=text, tokens=options.tokens_for(text),
                             spans=tuple(spans.values()), events=tuple(events),
                             name="" if name is None else str(name), meta=meta,
                             status=ReviewStatus.REVIEWED if options.reviewed else ReviewStatus.PRE_ANNOTATED)


UNPLACED = "duee_unplaced"   # meta["_extra"] key of the arguments whose text is not in the document
# What the import summary says of them, and of the mentions placed by their text (gui/note_text.py: in Chinese).
UNPLACED_NOT_CARRIED = "arguments whose text is not in the document (kept in metadata, written back by a DuEE export)"
PLACED_NOTE = (NOTE + "triggers and arguments without a position, placed at the occurrence nearest their event "
               "(DuEE-Fin gives none): review them")
_MAX_PLACES = 10_000   # occurrences of a trigger weighed (a one-character trigger in a long text has thousands)


def _starts(text: str, words: str) -> list[int]:
    """Where `words` starts in `text`, overlapping occurrences included, in order."""
    out: list[int] = []
    at = text.find(words)
    while at >= 0 and len(out) < _MAX_PLACES:
        out.append(at)
        at = text.find(words, at + 1)
    return out


def _closest(starts: list[int], near: int) -> int:
    """The element of the sorted, non-empty `starts` nearest `near` (the earlier of two as near)."""
    i = bisect.bisect_left(starts, near)
    return min(starts[max(i - 1, 0):i + 1], key=lambda s: (abs(s - near), s))


def _nearest(text: str, words: str, near: int) -> int | None:
    """The start of the occurrence of `words` nearest `near` (the earlier of two as near), None if it has none."""
    starts = _starts(text, words)
    return _closest(starts, near) if starts else None


def _place_trigger(text: str, trigger: str, arguments: list[list[int]]) -> int | None:
    """The occurrence of the trigger nearest its arguments' occurrences (the least summed distance; the first on
    a tie)."""
    starts = _starts(text, trigger)
    places = [p for p in arguments if p]
    if not starts or not places:
        return starts[0] if starts else None
    return min(starts, key=lambda s: (sum(abs(_closest(p, s) - s) for p in places), s))


def to_record(doc: AnnotatedDocument, *, options: ExportOptions, tally: Tally) -> dict[str, Any]:
    """The DuEE record of a document, checked by reading it back."""
    text = doc.text
    for span in exported_entities(doc, options):
        tally.drop("entities (DuEE has only events)", doc, f"{span.label} {text[span.start:span.end]}")
    event_list, carried = [], []
    lookup = ExtrasLookup(doc.meta)
    unplaced: dict[tuple[str, int | None, int | None], list[dict[str, Any]]] = {}
    for etype, t_start, t_end, arg in (doc.meta.get(EXTRA_KEY) or {}).get(UNPLACED, []):
        unplaced.setdefault((etype, t_start, t_end), []).append(arg)
    for key, _ev in sorted_events(doc, options):
        etype, t_start, t_end, args = key
        if t_start is None:
            tally.drop("events without a trigger", doc, etype)
            continue
        item = lookup.event(key)
        event_list.append({
            "event_type": etype, "trigger": text[t_start:t_end], "trigger_start_index": t_start,
            "arguments": [{"role": role, "argument": text[start:end], "argument_start_index": start,
                           **lookup.argument(item, (role, start, end))} for role, start, end in args]
            + unplaced.pop((etype, t_start, t_end), []),
            **item.get("fields", {})})
        carried.append(key)
        tally.events[etype] += 1
    for (etype, _, _), left in unplaced.items():   # their event was not written (reviewed away, or not accepted)
        for arg in left:
            tally.drop("arguments whose text is not in the document, whose event is not written", doc,
                       f"{etype} {arg.get('role')} {arg.get('argument')}")
    record = {**record_fields(doc, tally, ("id", "text", "event_list")), "text": text, "event_list": event_list}
    check_carried(doc, parse(record, line=0, path="", options=_BACK), entities=(), events=carried, fmt=NAME)
    return record


read = jsonl_reader(parse)
write = jsonl_writer(NAME, to_record)
