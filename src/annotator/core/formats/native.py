"""Native JSONL: one document a line with text, tokens, entities (origin, state), events, status and meta.

Reading is lenient where the DESIGN says so: tokens may be plain strings or missing, entities may lack
ids and states, arguments may be given by offsets alone, events may lack a trigger, and unknown fields
are kept (see `extras`) and written back. Writing renumbers entity and event ids 1..n per document in
text order, so an export does not depend on the ids a project happened to give.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from contextlib import suppress
from itertools import chain
from json.encoder import encode_basestring
from typing import IO, Any

from annotator.core.annotations import (
    IMPORT_ORIGIN,
    ORIGINS,
    AnnotatedDocument,
    Argument,
    EntitySpan,
    Event,
    ReviewStatus,
    SpanKind,
    SpanState,
    check_span_bounds,
)
from annotator.core.errors import ValidationError
from annotator.core.formats.base import (
    DEFAULT_EXPORT,
    EventKey,
    ExportOptions,
    ReadOptions,
    Tally,
    count_written,
    exported_entities,
    first_line,
    jsonl_reader,
    shown,
    sorted_events,
)
from annotator.core.formats.detect import refuse_unread
from annotator.core.formats.extras import EXTRA_KEY, ExtrasBuilder, ExtrasLookup, unknown
from annotator.core.formats.fileio import dumps, json_lines
from annotator.core.limits import check_annotations, check_document_size
from annotator.core.text import Token, check_tokens, tokens_from_strings

NAME = "native"
FIELDS = ("id", "title", "text", "tokens", "entities", "events", "status", "meta")
ENTITY_FIELDS = ("id", "start", "end", "label", "text", "origin", "state", "score")
EVENT_FIELDS = ("id", "type", "trigger", "arguments", "origin", "state")
TRIGGER_FIELDS = ("start", "end", "text")
ARGUMENT_FIELDS = ("role", "entity", "start", "end", "text", "state")


units = json_lines


def parse(record: dict[str, Any], *, line: int, path: str, options: ReadOptions) -> AnnotatedDocument:
    """One native record as a document; raise ValidationError naming `path` and `line` if it does not fit."""
    return _RecordReader(record, line=line, path=path, options=options).document()


read = jsonl_reader(parse)  # (line, document) for each record; the first bad record raises


def check_text(text: object, *, path: str, line: int | None) -> str:
    """Raise unless `text` is a non-empty string of whole code points (no lone UTF-16 surrogates) within the
    bound on a document's length."""
    if text is not None and not isinstance(text, str):
        raise ValidationError(f"the record's text must be a string, not {json_kind(text)}", path=path, line=line)
    if not text or not text.strip():
        raise ValidationError("the record has no text" if not text else "the record's text is blank",
                              path=path, line=line)
    check_document_size(len(text), path=path, line=line)
    if "\x00" in text:
        raise ValidationError(f"the text holds a NUL character at offset {text.index(chr(0))}", path=path,
                              line=line, hint="binary data, not text")
    found = lone_surrogate(text)
    if found is not None:
        raise ValidationError(f"the text has a lone UTF-16 surrogate at offset {found}", path=path,
                              line=line, hint="the file was written with UTF-16 offsets or broken escapes")
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(text: str) -> int | None:
    """The offset of the first lone UTF-16 surrogate in `text` (JSON's "\\ud800" reads as one), or None."""
    found = _SURROGATE.search(text)  # one C-level scan, not a Python loop over every character
    return None if found is None else found.start()
_INT64 = 2 ** 63
_JSON_KINDS = {bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "an object"}


def json_kind(value: object) -> str:
    """What a JSON value is, in words ("a number", "a list")."""
    return _JSON_KINDS.get(type(value), type(value).__name__)



def read_tokens(value: object, text: str, *, path: str, line: int, options: ReadOptions) -> tuple[Token, ...]:
    """Tokens given as {text,start,end} objects or plain strings; missing or empty ones are segmented."""
    if not value:
        return options.tokens_for(text)
    if not isinstance(value, list):
        raise ValidationError("tokens must be a list", path=path, line=line)
    if len(value) > len(text):
        raise ValidationError(f"{len(value):,} tokens for a text of {len(text):,} characters", path=path, line=line)
    if all(isinstance(t, str) for t in value):
        try:
            return tokens_from_strings(text, value, source=path)
        except ValidationError as exc:
            raise ValidationError(exc.reason, path=path, line=line) from None
    tokens: list[tuple[int, int]] = []
    for i, tok in enumerate(value):
        if not isinstance(tok, dict):
            raise ValidationError(f"token {i} is neither a string nor an object", path=path, line=line)
        tokens.append(check_span_bounds(text, tok.get("start"), tok.get("end"), expected=tok.get("text"),
                                        path=path, line=line))
    try:
        check_tokens(text, tokens)
    except ValidationError as exc:
        raise ValidationError(exc.reason, path=path, line=line) from None
    return tuple(tokens)


class _RecordReader:
    """Builds one document from one record, giving spans ids 1..n local to the document."""

    def __init__(self, record: dict[str, Any], *, line: int, path: str, options: ReadOptions) -> None:
        self.record, self.line, self.path, self.options = record, line, path, options
        refuse_unread(record, NAME, path=path, line=line)
        self.text = check_text(record.get("text"), path=path, line=line)
        self.spans: list[EntitySpan] = []
        self.by_ref: dict[Any, EntitySpan] = {}
        self.index: dict[tuple[int, int, SpanKind], list[EntitySpan]] = {}
        self.extras = ExtrasBuilder()

    def fail(self, reason: str) -> ValidationError:
        return ValidationError(reason, path=self.path, line=self.line)

    def document(self) -> AnnotatedDocument:
        rec = self.record
        title = rec.get("title")
        if title is not None and not isinstance(title, str):
            raise self.fail("title must be a string")
        tokens = read_tokens(rec.get("tokens"), self.text, path=self.path, line=self.line, options=self.options)
        entities, items = self._list("entities"), self._list("events")
        check_annotations(len(entities) + len(items) + sum(
            len(ev["arguments"]) for ev in items if isinstance(ev, dict) and isinstance(ev.get("arguments"), list)),
            path=self.path, line=self.line)
        for i, ent in enumerate(entities):
            self._entity(i, ent)
        events = tuple(self._event(i, ev) for i, ev in enumerate(items))
        name = rec.get("id")
        return AnnotatedDocument(
            title=title if title else first_line(self.text), text=self.text, tokens=tokens,
            spans=tuple(self.spans), events=events, name="" if name is None else str(name),
            status=self._status(), meta=self._meta())

    def _list(self, key: str) -> list[Any]:
        value = self.record.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(f"{key} must be a list")
        return value

    def _add(self, start: int, end: int, label: str, *, kind: SpanKind, origin: str, state: SpanState,
             score: float | None = None) -> EntitySpan:
        span = EntitySpan(id=len(self.spans) + 1, start=start, end=end, label=label, origin=origin,
                          state=state, score=score, kind=kind)
        self.spans.append(span)
        self.index.setdefault((start, end, kind), []).append(span)
        return span

    def _offsets(self, item: dict[str, Any], what: str) -> tuple[int, int]:
        start, end = item.get("start"), item.get("end")
        if isinstance(start, bool) or isinstance(end, bool):
            raise self.fail(f"{what}: offsets must be integers")
        try:
            return check_span_bounds(self.text, start, end, expected=item.get("text"), path=self.path,
                                     line=self.line)
        except ValidationError as exc:
            raise self.fail(f"{what}: {exc.reason}") from None

    def _origin_state(self, item: dict[str, Any], what: str) -> tuple[str, SpanState]:
        origin = item.get("origin", IMPORT_ORIGIN)
        if origin not in ORIGINS:
            raise self.fail(f"{what}: unknown origin {origin!r} (known: {', '.join(ORIGINS)})")
        state = item.get("state")
        if state is None:
            return origin, self.options.state
        try:
            return origin, SpanState(state)
        except ValueError:
            raise self.fail(f"{what}: unknown state {state!r}") from None

    def _entity(self, i: int, ent: object) -> None:
        what = f"entity {i}"
        if not isinstance(ent, dict):
            raise self.fail(f"{what} is not an object")
        start, end = self._offsets(ent, what)
        label = self.options.check_label(ent.get("label"), path=self.path, line=self.line)
        origin, state = self._origin_state(ent, what)
        score = ent.get("score")
        if score is not None and (isinstance(score, bool) or not isinstance(score, int | float)
                                  or isinstance(score, float) and not math.isfinite(score)
                                  or isinstance(score, int) and not -_INT64 <= score < _INT64):
            # NaN and Infinity are Python's JSON, not JSON: an export would write them for others to choke on;
            # an integer past 64 bits is one SQLite cannot store
            raise self.fail(f"{what}: score must be a finite number of at most 64 bits, not {shown(score)}")
        span = self._add(start, end, label, kind=SpanKind.ENTITY, origin=origin, state=state, score=score)
        ref = ent.get("id")
        if ref is not None:
            if not isinstance(ref, int | str) or isinstance(ref, bool) or ref in self.by_ref:
                raise self.fail(f"{what}: id {ref!r} is not a unique integer or string")
            self.by_ref[ref] = span
        self.extras.entity(start, end, label, unknown(ent, ENTITY_FIELDS))

    def _event(self, i: int, ev: object) -> Event:
        what = f"event {i}"
        if not isinstance(ev, dict):
            raise self.fail(f"{what} is not an object")
        etype = self.options.check_event_type(ev.get("type"), path=self.path, line=self.line)
        origin, state = self._origin_state(ev, what)
        trigger, trigger_extra = ev.get("trigger"), {}
        trigger_span = None
        if trigger is not None:
            if not isinstance(trigger, dict):
                raise self.fail(f"{what}: trigger is not an object")
            start, end = self._offsets(trigger, f"{what} trigger")
            trigger_span = self._reuse(start, end, SpanKind.TRIGGER, etype) or self._add(
                start, end, etype, kind=SpanKind.TRIGGER, origin=origin, state=state)
            trigger_extra = unknown(trigger, TRIGGER_FIELDS)
        args, arg_extras = [], []
        for j, arg in enumerate(self._list_in(ev, "arguments", what)):
            argument, arg_key = self._argument(arg, f"{what} argument {j}", origin, state)
            args.append(argument)
            arg_extras.append((arg_key, unknown(arg, ARGUMENT_FIELDS)))
        key: EventKey = (etype, trigger_span.start if trigger_span else None,
                         trigger_span.end if trigger_span else None, tuple(sorted(k for k, _ in arg_extras)))
        self.extras.event(key, unknown(ev, EVENT_FIELDS), trigger_extra, arg_extras)
        return Event(id=i + 1, type=etype, trigger_id=trigger_span.id if trigger_span else None,
                     arguments=tuple(args), state=state, origin=origin)

    def _list_in(self, item: dict[str, Any], key: str, what: str) -> list[Any]:
        value = item.get(key) or []
        if not isinstance(value, list):
            raise self.fail(f"{what}: {key} must be a list")
        return value

    def _argument(self, arg: object, what: str, origin: str, state: SpanState
                  ) -> tuple[Argument, tuple[str, int, int]]:
        if not isinstance(arg, dict):
            raise self.fail(f"{what} is not an object")
        role = arg.get("role")
        if not isinstance(role, str) or not role:
            raise self.fail(f"{what}: role must be a non-empty string")
        self.options.check_role(role, path=self.path, line=self.line, what=f"{what}: role")
        ref = arg.get("entity")
        if ref is not None:
            span = self.by_ref.get(ref) if isinstance(ref, int | str) else None
            if span is None:
                raise self.fail(f"{what}: entity {ref!r} is not an entity id of this record")
            if ("start" in arg or "end" in arg) and self._offsets(arg, what) != (span.start, span.end):
                raise self.fail(f"{what}: offsets differ from those of entity {ref!r}")
        else:
            start, end = self._offsets(arg, what)
            # `"entity": null` says an unlabelled argument span (what an export writes for one, even on an
            # entity's text); offsets alone link to an entity there, if any
            entity = None if "entity" in arg else self._reuse(start, end, SpanKind.ENTITY)
            span = (entity or self._reuse(start, end, SpanKind.ARGUMENT)
                    or self._add(start, end, "", kind=SpanKind.ARGUMENT, origin=origin, state=state))
        own = arg.get("state")  # an argument decided apart from its event (issue 17); else the event's state
        try:
            arg_state = state if own is None else SpanState(own)
        except ValueError:
            raise self.fail(f"{what}: unknown state {own!r}") from None
        return Argument(role=role, span_id=span.id, state=arg_state), (role, span.start, span.end)

    def _reuse(self, start: int, end: int, kind: SpanKind, label: str | None = None) -> EntitySpan | None:
        return next((s for s in self.index.get((start, end, kind), ()) if label is None or s.label == label),
                    None)

    def _status(self) -> ReviewStatus:
        status = self.record.get("status")
        if status is None:
            if self.options.reviewed:
                return ReviewStatus.REVIEWED
            return ReviewStatus.PRE_ANNOTATED if self.spans else ReviewStatus.NEW
        try:
            return ReviewStatus(status)
        except ValueError:
            raise self.fail(f"unknown status {status!r}") from None

    def _meta(self) -> dict[str, Any]:
        meta = self.record.get("meta") or {}
        if not isinstance(meta, dict):
            raise self.fail("meta must be an object")
        if EXTRA_KEY in meta:
            raise self.fail(f"meta key {EXTRA_KEY!r} is reserved")
        meta = dict(meta)
        for key, value in unknown(self.record, FIELDS).items():
            if key in meta:
                raise self.fail(f"field {key!r} is given both at the top level and in meta")
            meta[key] = value
            self.extras.fields.append(key)
        extra = self.extras.value()
        if extra:
            meta[EXTRA_KEY] = extra
        return meta


def write(docs: Iterable[AnnotatedDocument], out: IO[str], *, options: ExportOptions = DEFAULT_EXPORT,
          tally: Tally | None = None, **_: Any) -> Tally:
    """Write one native record a line; every span is checked against the text first."""
    tally = tally or Tally(NAME)
    for doc in docs:
        out.write(record_line(doc, options=options, tally=tally) + "\n")
        tally.documents += 1
    return tally


HEAD_FIELDS = ("id", "title", "text")
_TOKEN = '{"text": %s, "start": %d, "end": %d}'


def record_line(doc: AnnotatedDocument, *, options: ExportOptions, tally: Tally) -> str:
    """`dumps(to_record(doc))`, the same characters, without building a dict per token (the bulk of an
    export: a news article has hundreds of tokens and a dozen entities)."""
    record = to_record(doc, options=options, tally=tally, with_tokens=False)
    head = dumps({key: record.pop(key) for key in HEAD_FIELDS})
    return f'{head[:-1]}, "tokens": {tokens_json(doc.text, doc.tokens)}, {dumps(record)[1:]}'


def tokens_json(text: str, tokens: tuple[Token, ...]) -> str:
    """The JSON list of {"text", "start", "end"} token objects, as json.dumps(ensure_ascii=False) writes it."""
    if not tokens:
        return "[]"
    # One f-string a token, joined once (twice as fast as a dict, or a %-format of every field, a token),
    # its offsets' digits taken from a table (tokens are in order inside the text: the first and the last
    # say that every offset has its entry). A token's text goes in as it is unless it holds a character
    # JSON escapes: each such character of the text is looked for in the result, where only a token could
    # have put it (8 quotes are ours).
    out = ""
    if tokens[0][0] >= 0 and tokens[-1][1] <= len(text) < _NUMBERS_UP_TO:
        n = _numbers(len(text))
        with suppress(IndexError):  # tokens out of order, past the table
            out = '[{"text": "' + '}, {"text": "'.join([f'{text[s:e]}", "start": {n[s]}, "end": {n[e]}'
                                                         for s, e in tokens]) + '}]'
    if not out:
        out = '[{"text": "' + '}, {"text": "'.join([f'{text[s:e]}", "start": {s}, "end": {e}'
                                                     for s, e in tokens]) + '}]'
    escaped = set(_ESCAPED.findall(text))
    if escaped and ('"' in escaped and out.count('"') != 8 * len(tokens)
                    or any(char in out for char in escaped if char != '"')):
        starts, ends = zip(*tokens, strict=True)
        quoted = map(encode_basestring, map(text.__getitem__, map(slice, starts, ends)))
        return "[" + ", ".join([_TOKEN] * len(tokens)) % tuple(chain.from_iterable(zip(quoted, starts, ends,
                                                                                      strict=True))) + "]"
    return out


_ESCAPED = re.compile(r'["\\\x00-\x1f]')  # what json.dumps escapes with ensure_ascii=False
_NUMBERS_UP_TO = 1 << 17  # offsets of longer texts are written digit by digit
_number_strings: tuple[str, ...] = ()


def _numbers(upto: int) -> tuple[str, ...]:
    """str(i) for 0 <= i <= upto and on: made once, where an export writes two offsets for each of
    millions of tokens (a third of the time of a token list)."""
    global _number_strings
    if len(_number_strings) <= upto:  # a new whole table: a thread reading the old one still reads right
        _number_strings = tuple(map(str, range(max(upto + 1, 2 * len(_number_strings), 4096))))
    return _number_strings


def to_record(doc: AnnotatedDocument, *, options: ExportOptions, tally: Tally,
              with_tokens: bool = True) -> dict[str, Any]:
    """The native record of a document (entities and events renumbered 1..n in text order)."""
    text = doc.text
    lookup = ExtrasLookup(doc.meta)
    entities = exported_entities(doc, options, states_carried=True)
    ent_records = []
    for n, span in enumerate(entities, start=1):
        item: dict[str, Any] = {"id": n, "start": span.start, "end": span.end, "label": span.label,
                                "text": text[span.start:span.end], "origin": span.origin,
                                "state": span.state._value_}  # .value is a Python-level property
        if span.score is not None:
            item["score"] = span.score
        extra = lookup.entity(span.start, span.end, span.label)
        ent_records.append({**item, **extra} if extra else item)
    events = sorted_events(doc, options, states_carried=True)
    ev_records = []
    if events:
        numbers: dict[Any, int] = {span.id: n for n, span in enumerate(entities, start=1)}
        for n, span in reversed(list(enumerate(entities, start=1))):
            numbers[(span.start, span.end)] = n
        by_id = {span.id: span for span in doc.spans}
        ev_records = [_event_record(doc, by_id, n, key, ev, numbers, lookup, tally)
                      for n, (key, ev) in enumerate(events, start=1)]
    count_written(tally, entities, [ev for _, ev in events])
    meta = {k: v for k, v in doc.meta.items() if k != EXTRA_KEY and k not in lookup.fields}
    record = {"id": doc.name or (str(doc.id) if doc.id else ""), "title": doc.title, "text": text,
              "tokens": [{"text": text[s:e], "start": s, "end": e} for s, e in doc.tokens] if with_tokens else [],
              "entities": ent_records, "events": ev_records, "status": doc.status.value, "meta": meta}
    if not with_tokens:
        del record["tokens"]
    for key in lookup.fields:
        record[key] = doc.meta[key]
    return record


def _event_record(doc: AnnotatedDocument, by_id: dict[int, EntitySpan], n: int, key: EventKey, ev: Event, numbers: dict[Any, int],
                  lookup: ExtrasLookup, tally: Tally) -> dict[str, Any]:
    text = doc.text
    item = lookup.event(key)
    trigger = None
    if key[1] is not None:
        trigger = {"start": key[1], "end": key[2], "text": text[key[1]:key[2]], **item.get("trigger", {})}
    args = []
    for arg in sorted(ev.arguments, key=lambda a: (by_id[a.span_id].start, by_id[a.span_id].end, a.role)):
        span = by_id[arg.span_id]
        # An entity left out of the export is linked to an exported one with its offsets, if any; an unlabelled
        # argument span is written `"entity": null` even on an entity's text, and read back as one of its own.
        entity = numbers.get(span.id) or (numbers.get((span.start, span.end)) if span.kind == SpanKind.ENTITY else None)
        if span.kind == SpanKind.ENTITY and entity is None:
            tally.drop("argument links to entities left out of the export (kept as offsets)", doc,
                       f"{arg.role} {text[span.start:span.end]}")
        own = {"state": arg.state.value} if arg.state != ev.state else {}  # written only where it differs
        args.append({"role": arg.role, "entity": entity, "start": span.start, "end": span.end,
                     "text": text[span.start:span.end], **own,
                     **ExtrasLookup.argument(item, (arg.role, span.start, span.end))})
    return {"id": n, "type": ev.type, "trigger": trigger, "arguments": args, "origin": ev.origin,
            "state": ev.state.value, **item.get("fields", {})}
