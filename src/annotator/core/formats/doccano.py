"""doccano JSONL: `{"id","text","label":[[start,end,label]]}`, or with events the relation variant.

The relation variant (doccano's relation-extraction export, the way PaddleNLP's UIE guide labels events):
`{"id","text","entities":[{"id","label","start_offset","end_offset"}],"relations":[{"id","from_id",
"to_id","type"}]}`. A trigger is an entity labelled `<event type>触发词`; each argument is a relation
from the trigger to the argument's entity, typed by the role. An argument span without an entity label
is an entity labelled with its role (UIE's convention). Reading takes an entity as such an argument span
when its label is not a schema label (or, without a schema, when it equals the type of a relation that
points at it). Each event gets its own trigger entity, so events sharing a trigger stay apart.
Offsets are code points, end exclusive (doccano's own convention since it stores Python strings).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import IO, Any

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
    DEFAULT_EXPORT,
    EventKey,
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
from annotator.core.formats.detect import record_format, refuse_unread
from annotator.core.formats.extras import EXTRA_KEY, foreign_meta, not_carried, with_extra
from annotator.core.formats.fileio import dumps, json_lines
from annotator.core.formats.native import check_text
from annotator.core.limits import check_annotations
from annotator.core.text import character_end, character_start, splits_composed

NAME = "doccano"
REL_NAME = "doccano-rel"
TRIGGER_SUFFIX = "触发词"
FIELDS = ("id", "text", "label", "labels", "entities", "relations")
RELATIONS = "relations"   # meta["_extra"] key of the entity–entity relations
units = json_lines


def parse(record: dict[str, Any], *, line: int, path: str, options: ReadOptions) -> AnnotatedDocument:
    """One doccano record (plain or relation variant) as a document."""
    # doccano 1.5's export has the text under `data` (doccano/doccano#1522)
    text_field = "data" if "text" not in record and isinstance(record.get("data"), str) else "text"
    refuse_unread(record, NAME, path=path, line=line)
    text = check_text(record.get(text_field), path=path, line=line)
    reader = _Spans(text, path=path, line=line, options=options)
    events: tuple[Event, ...] = ()
    given = [f for f in ("label", "labels", "entities") if record.get(f) not in (None, [])]
    if len(given) > 1:   # one of them would be left unread
        raise ValidationError(f"the record has both {given[0]} and {given[1]}: which holds its spans is not known",
                              path=path, line=line, hint="keep one of the two fields; nothing was imported")
    if _listed(record.get("entities")):
        # doccano's first JSON export: `entities` as [start, end, label] lists (doccano/doccano#46)
        check_annotations(len(record["entities"]), path=path, line=line)
        reader.labels(record["entities"], what="entity")
    elif "entities" in record or "relations" in record:
        entities, relations = record.get("entities") or [], record.get("relations") or []
        check_annotations(_count(entities) + _count(relations), path=path, line=line)
        events = reader.relation_variant(entities, relations)
    else:
        labels = record.get("label") or record.get("labels") or []
        if not isinstance(labels, list):
            other = record_format(record)  # CLUENER's `label` is a dict: say so, as for a field doccano lacks
            raise ValidationError("label must be a list of [start, end, label]", path=path, line=line,
                                  hint=f"import with --format {other}, or without --format to tell it from the file"
                                  if other not in (None, NAME) else None)
        check_annotations(len(labels), path=path, line=line)
        reader.labels(labels)
    if reader.spans and not unicodedata.is_normalized("NFC", text):
        _refuse_split_letters(text, reader.spans, path=path, line=line)
    name = record.get("id")
    meta = foreign_meta(record, (*FIELDS, text_field))
    meta = not_carried(with_extra(meta, RELATIONS, reader.relations), {RELATIONS_NOT_CARRIED: len(reader.relations)})
    return AnnotatedDocument(title=first_line(text), text=text, tokens=options.tokens_for(text),
                             spans=tuple(reader.spans), events=events, name="" if name is None else str(name),
                             meta=meta,
                             status=ReviewStatus.REVIEWED if options.reviewed else ReviewStatus.PRE_ANNOTATED)


# What the import summary says of the relations between entities (gui/note_text.py says it in Chinese).
RELATIONS_NOT_CARRIED = "entity–entity relations (kept in metadata; doccano-rel writes them back)"


def _refuse_split_letters(text: str, spans: Iterable[EntitySpan], *, path: str, line: int) -> None:
    """Refuse a span that starts or ends between a letter and the accent its composed form joins into it (e and
    U+0301): doccano carries no span text, so offsets counted on the composed (NFC) form of a decomposed (NFD)
    text would otherwise import shifted without a word. Where no span edge lands inside a letter, the shift
    cannot be seen (docs/formats.md)."""
    for span in spans:
        for offset in (span.start, span.end):
            if splits_composed(text, offset):
                letter = text[character_start(text, offset - 1):character_end(text, offset + 1)]
                raise ValidationError(
                    f"span [{span.start}, {span.end}) {span.label!r} cuts {letter!r} at offset {offset}, between a "
                    "letter and its accent: the offsets look counted on the composed (NFC) form of this decomposed "
                    "(NFD) text", path=path, line=line,
                    hint="count the offsets on the text as written (or write the text in the form they were "
                         "counted on); nothing was imported")


def _listed(entities: object) -> bool:
    """Whether `entities` holds [start, end, label] lists (doccano's first export), not entity objects."""
    return isinstance(entities, list) and bool(entities) and all(isinstance(e, list) for e in entities)


def _is_id(value: object) -> bool:
    return isinstance(value, int | str) and not isinstance(value, bool)


def _count(items: object) -> int:
    return len(items) if isinstance(items, list) else 0


class _Spans:
    def __init__(self, text: str, *, path: str, line: int, options: ReadOptions) -> None:
        self.text, self.path, self.line, self.options = text, path, line, options
        self.state = options.state
        self.spans: list[EntitySpan] = []
        self.relations: list[list[Any]] = []   # entity–entity relations: [from, to, type]

    def fail(self, reason: str) -> ValidationError:
        return ValidationError(reason, path=self.path, line=self.line)

    def add(self, start: object, end: object, label: str, *, kind: SpanKind, what: str) -> EntitySpan:
        if (type(start) is not int or type(end) is not int) and (  # the usual JSON ints pass at once
                isinstance(start, bool) or not isinstance(start, int) or isinstance(end, bool)
                or not isinstance(end, int)):
            raise self.fail(f"{what}: offsets must be integers")
        if not 0 <= start < end <= len(self.text):
            raise self.fail(f"{what}: span [{start}, {end}) is outside the text (length {len(self.text)})")
        span = EntitySpan.of(len(self.spans) + 1, start, end, label, IMPORT_ORIGIN, self.state, None, kind)
        self.spans.append(span)
        return span

    def labels(self, items: list[Any], *, what: str = "label") -> None:
        """The plain variant's [start, end, label] items as entity spans."""
        spans, length, state, entity = self.spans, len(self.text), self.state, SpanKind.ENTITY
        checked: dict[object, str] = {}  # label as written -> as checked (a record repeats a few labels)
        for i, item in enumerate(items):
            if not (isinstance(item, list) and len(item) == 3):
                raise self.fail(f"{what} {i} is not [start, end, label]")
            start, end, label = item
            key = checked.get(label) if type(label) is str else None
            # The usual item (JSON integers inside the text, a label checked before) is taken at once;
            # any other goes through every check, with its message.
            if key is not None and type(start) is int and type(end) is int and 0 <= start < end <= length:
                spans.append(EntitySpan.of(len(spans) + 1, start, end, key, IMPORT_ORIGIN, state, None, entity))
            else:
                key = self.entity(start, end, label, what=f"{what} {i}").label
                if type(label) is str:
                    checked[label] = key

    def entity(self, start: object, end: object, label: object, *, what: str) -> EntitySpan:
        label = self.options.check_label(label, path=self.path, line=self.line)
        return self.add(start, end, label, kind=SpanKind.ENTITY, what=what)

    def relation_variant(self, entities: object, relations: object) -> tuple[Event, ...]:
        if not isinstance(entities, list) or not isinstance(relations, list):
            raise self.fail("entities and relations must be lists")
        items: dict[Any, dict[str, Any]] = {}
        for i, ent in enumerate(entities):
            # an id is an integer or a string (a list or an object cannot be looked up: it was a TypeError)
            if not isinstance(ent, dict) or not _is_id(ent.get("id")) or ent["id"] in items:
                raise self.fail(f"entity {i} is not an object with a unique id (an integer or a string)")
            items[ent["id"]] = ent
        incoming: dict[Any, list[str]] = {}
        for i, rel in enumerate(relations):
            if not isinstance(rel, dict) or not all(_is_id(rel.get(k)) and rel[k] in items for k in ("from_id", "to_id")):
                raise self.fail(f"relation {i} does not link two entities of this record")
            if not isinstance(rel.get("type"), str) or not rel["type"]:
                raise self.fail(f"relation {i} has no type")
            self.options.check_role(rel["type"], path=self.path, line=self.line, what=f"relation {i}: type")
            incoming.setdefault(rel["to_id"], []).append(rel["type"])
        spans: dict[Any, EntitySpan] = {}
        events: dict[Any, Event] = {}
        for ref, ent in items.items():
            label = ent.get("label")
            what = f"entity {ref!r}"
            start, end = ent.get("start_offset"), ent.get("end_offset")
            if isinstance(label, str) and label.endswith(TRIGGER_SUFFIX) and len(label) > len(TRIGGER_SUFFIX):
                etype = self.options.check_event_type(label[:-len(TRIGGER_SUFFIX)], path=self.path, line=self.line)
                spans[ref] = self.add(start, end, etype, kind=SpanKind.TRIGGER, what=what)
                events[ref] = Event(id=len(events) + 1, type=etype, trigger_id=spans[ref].id,
                                    state=self.options.state, origin=IMPORT_ORIGIN)
            elif self._is_argument_span(label, incoming.get(ref, [])):
                spans[ref] = self.add(start, end, "", kind=SpanKind.ARGUMENT, what=what)
            else:
                spans[ref] = self.entity(start, end, label, what=what)
        args: dict[Any, list[Argument]] = {ref: [] for ref in events}
        for rel in relations:
            if rel["from_id"] not in events:
                # No event: a relation between two entities, kept in meta (anchored by offsets and label)
                # and written back by doccano-rel, but not an annotation the project edits.
                ends = [spans[rel[k]] for k in ("from_id", "to_id")]
                self.relations.append([[s.start, s.end, s.label] for s in ends] + [rel["type"]])
                continue
            args[rel["from_id"]].append(Argument(role=rel["type"], span_id=spans[rel["to_id"]].id))
        return tuple(Event(id=ev.id, type=ev.type, trigger_id=ev.trigger_id, arguments=tuple(args[ref]),
                           state=ev.state, origin=ev.origin) for ref, ev in events.items())

    def _is_argument_span(self, label: object, roles: list[str]) -> bool:
        schema = self.options.schema
        if schema is not None and isinstance(label, str) and schema.label(label) is not None:
            return False
        return bool(roles) and label in roles


def write(docs: Iterable[AnnotatedDocument], out: IO[str], *, options: ExportOptions = DEFAULT_EXPORT,
          tally: Tally | None = None, **_: Any) -> Tally:
    """Plain doccano: entities as [start, end, label]; events are counted as not carried."""
    tally = tally or Tally(NAME)
    for doc in docs:
        entities = exported_entities(doc, options)
        record = {**record_fields(doc, tally, FIELDS), "text": doc.text,
                  "label": [[s.start, s.end, s.label] for s in entities]}
        check_carried(doc, parse(record, line=0, path="", options=_BACK), entities=entities, fmt=NAME)
        events = sorted_events(doc, options)
        for _key, ev in events:
            tally.drop("events (use doccano-rel)", doc, ev.type)
        count_written(tally, entities, ())
        out.write(dumps(record) + "\n")
        tally.documents += 1
    return tally


_BACK = ReadOptions(reviewed=True)


def relation_record(doc: AnnotatedDocument, *, options: ExportOptions, tally: Tally) -> dict[str, Any]:
    """The relation-variant record of a document, checked by reading it back."""
    entities = exported_entities(doc, options)
    items: list[dict[str, Any]] = []
    ids: dict[tuple[int, int, str], int] = {}

    def entity(start: int, end: int, label: str, *, shared: bool = True) -> int:
        key = (start, end, label)
        if shared and key in ids:
            return ids[key]
        items.append({"id": len(items) + 1, "label": label, "start_offset": start, "end_offset": end})
        ids.setdefault(key, len(items))
        return len(items)

    for span in entities:
        entity(span.start, span.end, span.label)
    by_offsets = {(s.start, s.end): s.label for s in reversed(entities)}
    relations: list[dict[str, Any]] = []
    carried: list[EventKey] = []
    for key, _ev in sorted_events(doc, options):
        etype, t_start, t_end, args = key
        if t_start is None or t_end is None:
            tally.drop("events without a trigger", doc, etype)
            continue
        trigger = entity(t_start, t_end, etype + TRIGGER_SUFFIX, shared=False)
        for role, start, end in args:
            label = by_offsets.get((start, end))
            # An entity labelled as the role it fills would read back (UIE's convention) as the argument span
            # alone, and the entity be lost: the argument points at an entity of its own at the same offsets.
            target = entity(start, end, role, shared=False) if label == role else entity(start, end, label or role)
            relations.append({"id": len(relations) + 1, "from_id": trigger, "to_id": target, "type": role})
        carried.append(key)
        tally.events[etype] += 1
    for (f_start, f_end, f_label), (t_start, t_end, t_label), rtype in (doc.meta.get(EXTRA_KEY) or {}).get(
            RELATIONS, []):
        if (f_start, f_end, f_label) in ids and (t_start, t_end, t_label) in ids:
            relations.append({"id": len(relations) + 1, "from_id": ids[(f_start, f_end, f_label)],
                              "to_id": ids[(t_start, t_end, t_label)], "type": rtype})
        else:
            tally.drop("entity–entity relations whose entities are not written", doc, rtype)
    record = {**record_fields(doc, tally, FIELDS), "text": doc.text, "entities": items, "relations": relations}
    parsed = parse(record, line=0, path="", options=_BACK)
    check_carried(doc, parsed, entities=entities, events=carried, fmt=REL_NAME)
    count_written(tally, entities, ())
    return record


read = jsonl_reader(parse)  # either variant
write_relations = jsonl_writer(REL_NAME, relation_record)  # entities, a trigger entity per event, relations by role
