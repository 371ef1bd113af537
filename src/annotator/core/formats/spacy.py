"""spaCy / Prodigy JSONL: `text`, `tokens` (`text/start/end/id/ws`), `spans` with inclusive `token_end`.

The tokens cover the text the way spaCy's do: `"".join(t.text + " " * t.ws)` is the text, so whitespace
other than one space after a token (newlines, U+3000 indents) is a token of its own, as spaCy makes it;
`Doc(vocab, words, spaces)` rebuilds the exact text and `Doc.char_span` finds every span. Reading drops
those whitespace tokens. A span that does not start and end on token boundaries gets its tokens split
(counted in the summary). Offsets are code points, end exclusive; `token_end` is inclusive, as Prodigy has it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from annotator.core.annotations import (
    IMPORT_ORIGIN,
    AnnotatedDocument,
    EntitySpan,
    ReviewStatus,
    SpanKind,
    SpanState,
)
from annotator.core.errors import ValidationError
from annotator.core.formats.base import (
    ExportOptions,
    ReadOptions,
    Tally,
    align_tokens,
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
from annotator.core.formats.extras import (
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
from annotator.core.text import Token

NAME = "spacy"
FIELDS = ("id", "text", "tokens", "spans", "ents")
SPAN_FIELDS = ("start", "end", "text", "label", "token_start", "token_end")
# What the import summary says of a record's relations (gui/note_text.py says it in Chinese).
RELATIONS_NOT_CARRIED = "relations (kept in metadata only)"
ANSWERS = ("accept", "reject", "ignore")
units = json_lines
_BACK = ReadOptions(reviewed=True)



def parse(record: dict[str, Any], *, line: int, path: str, options: ReadOptions) -> AnnotatedDocument:
    """One Prodigy-style record as a document."""
    refuse_unread(record, NAME, path=path, line=line)
    text = check_text(record.get("text"), path=path, line=line)

    def fail(reason: str) -> ValidationError:
        return ValidationError(reason, path=path, line=line)

    all_tokens = _tokens(record.get("tokens"), text, fail)
    # Prodigy's answer: accept keeps the spans as the import says; reject makes them rejected spans and
    # ignore leaves them suggestions; either way the document is skipped, never exported as reviewed.
    answer = record.get("answer", "accept")
    if answer not in ANSWERS:
        raise fail(f"answer {answer!r} is not one of {', '.join(ANSWERS)}")
    state = {"accept": options.state, "reject": SpanState.REJECTED, "ignore": SpanState.SUGGESTED}[answer]
    spans = []
    extras = ExtrasBuilder()
    items = _items(record, fail)
    check_annotations(len(items), path=path, line=line)
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise fail(f"span {i} is not an object")
        start, end = item.get("start"), item.get("end")
        if start is None and end is None and all_tokens and "token_start" in item:
            start, end = _token_offsets(item, all_tokens, fail, i)
        if isinstance(start, bool) or isinstance(end, bool):
            raise fail(f"span {i}: offsets must be integers, got {start!r}, {end!r}")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise fail(f"span {i}: [{start!r}, {end!r}) is not a range inside the text (length {len(text)})")
        if "text" in item and item["text"] != text[start:end]:
            raise fail(f"span {i}: covers {text[start:end]!r}, not {item['text']!r}")
        if all_tokens and "token_start" in item:
            first, last = item.get("token_start"), item.get("token_end")
            if not (type(first) is int and type(last) is int and 0 <= first <= last < len(all_tokens)
                    and all_tokens[first][0] == start and all_tokens[last][1] == end):
                raise fail(f"span {i}: tokens {first!r}..{last!r} do not cover [{start}, {end})")
        label = options.check_label(item.get("label"), path=path, line=line)
        spans.append(EntitySpan(id=i + 1, start=start, end=end, label=label, origin=IMPORT_ORIGIN,
                                state=state, kind=SpanKind.ENTITY))
        extras.entity(start, end, label, unknown(item, SPAN_FIELDS))   # Prodigy's score, pattern, source …
    tokens = tuple(t for t in all_tokens if not text[t[0]:t[1]].isspace()) or options.tokens_for(text)
    prodigy_meta = record.get("meta")
    if not isinstance(prodigy_meta, dict):
        prodigy_meta = {}
    name = prodigy_meta.get("id", record.get("id"))
    meta = foreign_meta(record, FIELDS)    # answer, hashes, Prodigy's meta, relations … are written back
    meta = with_extra(meta, "entities", extras.value().get("entities"))
    relations = record.get("relations")
    meta = not_carried(meta, {RELATIONS_NOT_CARRIED: len(relations) if isinstance(relations, list) else 0})
    status = ReviewStatus.REVIEWED if options.reviewed else ReviewStatus.PRE_ANNOTATED
    if answer in ("reject", "ignore"):
        status = ReviewStatus.SKIPPED
    return AnnotatedDocument(title=first_line(text), text=text, tokens=tokens, spans=tuple(spans),
                             name="" if name is None else str(name), meta=meta, status=status)


def _items(record: dict[str, Any], fail: Callable[[str], ValidationError]) -> list[Any]:
    """The record's spans: Prodigy's `spans` list, or spaCy's `Doc.to_json()` `ents` and span groups (`spans`
    as {group: [spans]}), a span in both once."""
    items = record.get("spans") or []
    groups: list[Any] = []
    if isinstance(items, dict):   # Doc.to_json()'s span groups (spancat's "sc", …)
        groups = [s for group in items.values() for s in (group if isinstance(group, list) else [group])]
        items = []
    if not isinstance(items, list):
        raise fail("spans must be a list (Prodigy) or an object of span groups (spaCy's Doc.to_json)")
    ents = record.get("ents") or []
    if not isinstance(ents, list):
        raise fail("ents must be a list")
    if not ents and not groups:
        return items
    seen: set[tuple[Any, Any, Any]] = set()
    out = list(items)
    for item in [*ents, *groups]:
        key = (item.get("start"), item.get("end"), item.get("label")) if isinstance(item, dict) else None
        if key is None or key not in seen:
            out.append(item)
            if key is not None:
                seen.add(key)
    return out


def _token_offsets(item: dict[str, Any], tokens: list[Token], fail: Callable[[str], ValidationError], i: int
                   ) -> tuple[int, int]:
    """A span given by its tokens alone (`token_start`, inclusive `token_end`): its character offsets."""
    first, last = item.get("token_start"), item.get("token_end")
    if not (type(first) is int and type(last) is int and 0 <= first <= last < len(tokens)):
        raise fail(f"span {i}: tokens {first!r}..{last!r} are not tokens of the record")
    return tokens[first][0], tokens[last][1]


def _tokens(value: object, text: str, fail: Callable[[str], ValidationError]) -> list[Token]:
    if not value:
        return []
    if not isinstance(value, list):
        raise fail("tokens must be a list")
    if len(value) > len(text):
        raise fail(f"{len(value):,} tokens for a text of {len(text):,} characters")
    out: list[Token] = []
    prev = 0
    for i, tok in enumerate(value):
        if not isinstance(tok, dict):
            raise fail(f"token {i} is not an object")
        start, end = tok.get("start"), tok.get("end")
        if isinstance(start, bool) or isinstance(end, bool) or not (isinstance(start, int) and isinstance(end, int)):
            raise fail(f"token {i}: start and end must be integers, got {start!r}, {end!r}")
        if not prev <= start < end <= len(text):
            raise fail(f"token {i}: [{start!r}, {end!r}) is out of order or outside the text")
        if "text" in tok and tok["text"] != text[start:end]:
            raise fail(f"token {i}: covers {text[start:end]!r}, not {tok['text']!r}")
        out.append((start, end))
        prev = end
    return out


def spacy_tokens(text: str, tokens: Iterable[Token]) -> list[dict[str, Any]]:
    """Tokens covering the whole text as spaCy would: one trailing space as `ws`, other whitespace as tokens."""
    out: list[dict[str, Any]] = []

    def add(start: int, end: int) -> None:
        out.append({"text": text[start:end], "start": start, "end": end, "id": len(out), "ws": False})

    def gap(start: int, end: int) -> None:
        if start < end and text[start] == " " and out:
            out[-1]["ws"] = True
            start += 1
        if start < end:
            if end - start > 1 and text[end - 1] == " ":
                add(start, end - 1)
                out[-1]["ws"] = True
            else:
                add(start, end)

    pos = 0
    for start, end in tokens:
        gap(pos, start)
        add(start, end)
        pos = end
    gap(pos, len(text))
    return out




# Prodigy's reject and ignore: the spans the example was shown with, rejected or left as suggestions.
ANSWER_STATES = {"reject": SpanState.REJECTED, "ignore": SpanState.SUGGESTED}


def _answer(doc: AnnotatedDocument) -> str:
    """The Prodigy answer to write: a rejected or ignored example nobody reviewed since keeps its answer and
    the spans it was given; one reviewed since is an accepted example of what the review kept."""
    answer = doc.meta.get("answer")
    if answer in ANSWER_STATES and doc.status == ReviewStatus.SKIPPED and not any(
            s.state == SpanState.ACCEPTED for s in doc.spans if s.kind == SpanKind.ENTITY):
        return str(answer)
    return "accept"


def to_record(doc: AnnotatedDocument, *, options: ExportOptions, tally: Tally) -> dict[str, Any]:
    """The Prodigy-style record of a document, checked by reading it back."""
    answer = _answer(doc)
    entities = exported_entities(doc, options) if answer == "accept" else [
        s for s in exported_entities(doc, replace(options, with_suggestions=True, with_rejected=True),
                                     states_carried=True)
        if s.state == ANSWER_STATES[answer]]
    tokens, splits = align_tokens(doc.tokens, entities)
    if splits:
        tally.drop("token splits made so that entities start and end on token boundaries", doc, str(splits))
    if not tokens:
        tally.drop("documents without tokens (text only)", doc)
    toks = spacy_tokens(doc.text, tokens) if tokens else []
    first = {t["start"]: t["id"] for t in toks}
    last = {t["end"]: t["id"] for t in toks}
    spans, carried = [], []
    lookup = ExtrasLookup(doc.meta)
    for span in entities:
        item: dict[str, Any] = {"start": span.start, "end": span.end, "text": doc.text[span.start:span.end],
                                "label": span.label}
        item.update((k, v) for k, v in lookup.entity(span.start, span.end, span.label).items() if k not in SPAN_FIELDS)
        if toks:
            if span.start not in first or span.end not in last:
                # Only a span that starts or ends on whitespace can miss the (split) tokens.
                tally.drop("entities that start or end on whitespace", doc, item["text"])
                continue
            item["token_start"], item["token_end"] = first[span.start], last[span.end]
        spans.append(item)
        carried.append(span)
    for key, _ev in sorted_events(doc, options):
        tally.drop("events", doc, key[0])
    top = record_fields(doc, tally, (*FIELDS, "tokens"))
    top.pop("id", None)
    if "answer" in top:
        top["answer"] = answer
    prodigy_meta = dict(top.pop("meta", None) or {})
    if doc.name and str(prodigy_meta.get("id", doc.name)) == doc.name:
        prodigy_meta.setdefault("id", doc.name)
    record = {"text": doc.text, "tokens": toks, "spans": spans, **top}
    if prodigy_meta:
        record["meta"] = prodigy_meta
    back = parse(record, line=0, path="", options=_BACK)
    # a rejected example's spans read back rejected: what is compared is which spans, not their state
    back = replace(back, spans=tuple(s.with_(state=SpanState.ACCEPTED) for s in back.spans))
    check_carried(doc, back, entities=carried, fmt=NAME)
    count_written(tally, carried, ())
    return record


read = jsonl_reader(parse)
write = jsonl_writer(NAME, to_record)
