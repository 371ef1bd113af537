"""Reading one brat `.ann` against its `.txt`: T and E lines, fragments, CRLF offsets, schema type names."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from annotator.core.annotations import IMPORT_ORIGIN, Argument, EntitySpan, Event, SpanKind
from annotator.core.errors import ValidationError
from annotator.core.formats.base import ReadOptions
from annotator.core.formats.bratconf import ARGUMENT_TYPE, brat_type

# ASCII digits only (`\d` takes ٣ too), and no more than an offset can have: int() refuses 4,300 digits.
_FRAGMENT = re.compile(r"^([0-9]{1,18}) ([0-9]{1,18})$")


@dataclass(frozen=True)
class BratUnit:
    """One document of a brat collection: its name, where its .ann is, and both files' text."""

    name: str
    path: str
    text: str
    ann: str
    names: dict[str, str] = field(default_factory=dict)   # brat name -> project name (visual.conf)
    # BioNLP's .a1 + .a2, read as one .ann: (the later file, after how many lines of the joined text it begins)
    more: tuple[tuple[str, int], ...] = ()

    def where(self, line: int) -> tuple[str, int]:
        """The file and line of a line of `ann`."""
        path, before = self.path, 0
        for later, begins in self.more:
            if line > begins:
                path, before = later, begins
        return path, line - before


def lf_text(raw: str) -> tuple[str, list[int]]:
    """The text with CRLF and CR as LF and without a byte-order mark, and the sorted offsets of the dropped
    characters (to map brat offsets). brat reads a .txt as UTF-8 keeping its BOM, so its offsets count it."""
    dropped = [m.start() for m in re.finditer("\r\n", raw)]
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if raw.startswith(BOM):
        return text[1:], [0, *dropped]
    return text, dropped


BOM = "\ufeff"


# What the other annotation lines of brat are, for the summary of what was not carried.
NOT_CARRIED = {"R": "relations (R lines)", "A": "attributes (A lines)", "M": "attributes (M lines)",
               "N": "normalisations (N lines)", "#": "notes (# lines)", "*": "equivalences (* lines)"}
KEPT = {k: f"{v} kept for a brat export" for k, v in NOT_CARRIED.items()}
EVENT_ARGUMENTS = "event arguments that are events"   # an event as another's argument: not carried


_LINE_END = re.compile("\r\n|\r|\n")
_IDENT = re.compile(r"[TE][0-9]{1,18}")  # a text-bound or event annotation's id: its letter and a number
_REF = re.compile(r"(?<![\w-])([TE]\d+)(?![\w-])")


def parse_ann(unit: BratUnit, *, options: ReadOptions, not_carried: dict[str, int] | None = None,
              kept: list[list[Any]] | None = None) -> tuple[str, tuple[EntitySpan, ...], tuple[Event, ...]]:
    """The document text, spans and events of one .txt/.ann pair; a bad T or E line raises naming it.

    R, A, M, N, # and * lines that refer to T lines only are added to `kept` as [kind, annotation with
    `@k@` for its k-th span, spans as (start, end, brat type), free text or None], so that a brat export
    writes them back; they and what cannot be kept (such lines about events, an event as another
    event's argument) are counted in `not_carried` (reason -> count). The rest of the document is read."""
    counts = {} if not_carried is None else not_carried
    kept = [] if kept is None else kept
    others: list[tuple[str, list[str]]] = []

    def skip(reason: str) -> None:
        counts[reason] = counts.get(reason, 0) + 1

    raw = unit.text
    if raw.startswith(BOM) and not _counts_bom(raw, unit.ann):
        raw = raw[1:]   # the tool that wrote the .ann read the text without its BOM
    text, dropped = lf_text(raw)
    schema = options.schema
    labels = {**unit.names, **({brat_type(k): k for k in schema.label_keys} if schema else {})}
    etypes = {**unit.names, **({brat_type(e.key): e.key for e in schema.event_types} if schema else {})}
    roles = {**unit.names, **({brat_type(r.name): r.name for e in schema.event_types for r in e.roles}
                              if schema else {})}
    t_items: dict[str, tuple[int, str, int, int]] = {}
    e_items: list[tuple[int, str, str, list[tuple[str, str]]]] = []
    e_idents: set[str] = set()

    def fail(number: int, reason: str) -> ValidationError:
        path, line = unit.where(number)
        return ValidationError(reason, path=path, line=line)

    for number, line in enumerate(_LINE_END.split(unit.ann), start=1):  # CRLF and CR alone end lines too
        line = line.rstrip("\r")
        if not line.strip():
            continue
        fields = line.split("\t", 2)
        ident = fields[0]
        if ident.startswith(("T", "E")) and not _IDENT.fullmatch(ident):
            raise fail(number, f"{ident!r} is not a T or E id (the letter and a number, e.g. T1)")
        if ident.startswith("T") and len(fields) >= 2 and ident not in t_items:
            btype, start, end = _text_bound(raw, fields, partial(fail, number))
            fix = lambda o: o - bisect.bisect_left(dropped, o)  # noqa: E731 - CRs before o
            t_items[ident] = (number, btype, fix(start), fix(end))
        elif ident.startswith("E") and len(fields) >= 2:
            parts = [p.split(":", 1) for p in fields[1].split()]
            if not parts or any(len(p) != 2 or not p[0] or not p[1] for p in parts):
                raise fail(number, "expected E<n><TAB>TYPE:T<n> ROLE:T<n> …")
            e_items.append((number, parts[0][0], parts[0][1], [(r, ref) for r, ref in parts[1:]]))
            e_idents.add(ident)
        elif ident.startswith(("T", "E")):
            raise fail(number, f"malformed or duplicate {ident} line")
        elif ident[:1] in NOT_CARRIED:
            others.append((ident[:1], fields))
        else:
            raise fail(number, f"{ident[:1]!r} is not a brat annotation line (T, E, R, A, M, N, # or *)")
    for kind, fields in others:
        _keep(kind, fields, t_items, kept, skip)
    triggers = {trig: (number, etype) for number, etype, trig, _ in e_items}
    spans: dict[str, EntitySpan] = {}
    for ident, (number, btype, start, end) in t_items.items():
        if ident in triggers:
            if btype != triggers[ident][1]:
                raise fail(number, f"{ident} is typed {btype} but triggers a {triggers[ident][1]} event")
            kind, label = SpanKind.TRIGGER, etypes.get(btype, btype)
        elif btype == ARGUMENT_TYPE:
            kind, label = SpanKind.ARGUMENT, ""
        else:
            kind = SpanKind.ENTITY
            label = options.check_label(labels.get(btype, btype), path=unit.path, line=number)
        spans[ident] = EntitySpan(id=len(spans) + 1, start=start, end=end, label=label, origin=IMPORT_ORIGIN,
                                  state=options.state, kind=kind)
    events: list[Event] = []
    for number, etype, trig, args in e_items:
        key = options.check_event_type(etypes.get(etype, etype), path=unit.path, line=number)
        arguments = []
        named: list[tuple[str, str]] = []   # (role in brat spelling, T id)
        for role, ref in args:
            if ref in e_idents:
                skip(EVENT_ARGUMENTS)
                continue
            if ref not in spans:
                raise fail(number, f"{ref} is not a T line of this file")
            bare = _role(role, [b for b, _ in named])
            options.check_role(bare, path=unit.path, line=number)
            named.append((bare, ref))
            arguments.append(Argument(role=roles.get(bare, bare), span_id=spans[ref].id))
        if trig not in spans:
            raise fail(number, f"trigger {trig} is not a T line of this file")
        events.append(Event(id=len(events) + 1, type=key, trigger_id=spans[trig].id, arguments=tuple(arguments),
                            state=options.state, origin=IMPORT_ORIGIN))
    return text, tuple(spans.values()), tuple(events)


def _counts_bom(raw: str, ann: str) -> bool:
    """Whether the T lines' offsets count the .txt's byte-order mark (as brat's do): their text fields fit
    the text with it, or do not fit it without it either (then the line is refused as it stands)."""
    for line in _LINE_END.split(ann):
        fields = line.split("\t", 2)
        if not (len(fields) == 3 and fields[0].startswith("T")):
            continue
        offsets = fields[1].partition(" ")[2]
        if not all(_FRAGMENT.match(f.strip()) for f in offsets.split(";")):
            return True
        if fragment_words(raw, offsets) != fields[2]:
            return fragment_words(raw[1:], offsets) != fields[2]
    return True


def _keep(kind: str, fields: list[str], t_items: dict[str, tuple[int, str, int, int]], kept: list[list[Any]],
          skip: Callable[[str], None]) -> None:
    """Keep a line about T lines (anchored by their offsets and type), or count it as not carried."""
    part = fields[1] if len(fields) > 1 else ""
    refs = _REF.findall(part)
    if not refs or any(ref not in t_items for ref in refs):   # about an event, or a T line not in this file
        skip(NOT_CARRIED[kind])
        return
    anchors: list[list[Any]] = []

    def anchor(match: re.Match[str]) -> str:
        _, btype, start, end = t_items[match.group(1)]
        anchors.append([start, end, btype])
        return f"@{len(anchors) - 1}@"

    kept.append([kind, _REF.sub(anchor, part), anchors, fields[2] if len(fields) > 2 else None])
    skip(KEPT[kind])


def _role(role: str, earlier: list[str]) -> str:
    """brat numbers a repeated role (Victim, Victim2): drop the number when the bare role came before."""
    bare = role.rstrip("0123456789")
    return bare if bare and bare != role and bare in earlier else role


def fragment_words(text: str, offsets: str) -> str:
    """The text field of a T line: the fragments' text joined by spaces, with tabs and line breaks as spaces."""
    spans = [tuple(map(int, frag.split())) for frag in offsets.split(";")]
    return re.sub(r"[\t\r\n]", " ", " ".join(text[s:e] for s, e in spans))


def _text_bound(raw: str, fields: list[str], fail: Callable[[str], ValidationError]) -> tuple[str, int, int]:
    btype, _, offsets = fields[1].partition(" ")
    fragments = []
    for frag in offsets.split(";"):
        m = _FRAGMENT.match(frag.strip())
        if not m:
            got = fields[1] if len(fields[1]) <= 60 else fields[1][:60] + "…"
            raise fail(f"expected T<n><TAB>TYPE START END<TAB>text, got {got!r}")
        start, end = int(m.group(1)), int(m.group(2))
        if not 0 <= start < end <= len(raw):
            raise fail(f"span [{start}, {end}) is outside the text (length {len(raw)})")
        fragments.append((start, end))
    for (_, end), (start, _) in zip(fragments, fragments[1:], strict=False):
        if start < end or raw[end:start].strip():
            raise fail("discontinuous spans are not supported (fragments must be separated by line breaks only)")
    words = fragment_words(raw, offsets)
    if len(fields) > 2 and fields[2] != words:   # a T line without its text field (some converters) has none to check
        raise fail(f"the text field {fields[2]!r} is not the text at those offsets ({words!r})")
    return btype, fragments[0][0], fragments[-1][1]
