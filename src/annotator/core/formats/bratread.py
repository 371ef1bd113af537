"""Reading one brat `.ann` against its `.txt`: T and E lines, fragments, CRLF offsets, schema type names."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from annotator.core.annotations import Argument, EntitySpan, Event, SpanKind
from annotator.core.errors import ValidationError
from annotator.core.formats.base import IMPORT_ORIGIN, ReadOptions
from annotator.core.formats.bratconf import ARGUMENT_TYPE, brat_type

_FRAGMENT = re.compile(r"^(\d+) (\d+)$")


@dataclass(frozen=True)
class BratUnit:
    """One document of a brat collection: its name, where its .ann is, and both files' text."""

    name: str
    path: str
    text: str
    ann: str


def lf_text(raw: str) -> tuple[str, list[int]]:
    """The text with CRLF and CR as LF, and the sorted offsets of the dropped CRs (to map brat offsets)."""
    dropped = [m.start() for m in re.finditer("\r\n", raw)]
    return raw.replace("\r\n", "\n").replace("\r", "\n"), dropped


def parse_ann(unit: BratUnit, *, options: ReadOptions) -> tuple[str, tuple[EntitySpan, ...], tuple[Event, ...]]:
    """The document text, spans and events of one .txt/.ann pair; a bad line raises naming it."""
    text, dropped = lf_text(unit.text)
    labels = {brat_type(k): k for k in options.schema.label_keys} if options.schema else {}
    etypes = {brat_type(e.key): e.key for e in options.schema.event_types} if options.schema else {}
    t_items: dict[str, tuple[int, str, int, int]] = {}
    e_items: list[tuple[int, str, str, list[tuple[str, str]]]] = []

    def fail(number: int, reason: str) -> ValidationError:
        return ValidationError(reason, path=unit.path, line=number)

    for number, line in enumerate(unit.ann.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        fields = line.split("\t", 2)
        ident = fields[0]
        if ident.startswith("T") and len(fields) >= 3 and ident not in t_items:
            btype, start, end = _text_bound(unit.text, fields, lambda r, n=number: fail(n, r))
            fix = lambda o: o - bisect.bisect_left(dropped, o)  # noqa: E731 - CRs before o
            t_items[ident] = (number, btype, fix(start), fix(end))
        elif ident.startswith("E") and len(fields) >= 2:
            parts = [p.split(":", 1) for p in fields[1].split()]
            if not parts or any(len(p) != 2 or not p[0] or not p[1] for p in parts):
                raise fail(number, "expected E<n><TAB>TYPE:T<n> ROLE:T<n> …")
            e_items.append((number, parts[0][0], parts[0][1], [(r, ref) for r, ref in parts[1:]]))
        elif ident.startswith(("T", "E")):
            raise fail(number, f"malformed or duplicate {ident} line")
        else:
            raise fail(number, f"{ident[:1]!r} lines are not supported (only T and E lines can be imported)")
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
    events = []
    for number, etype, trig, args in e_items:
        key = options.check_event_type(etypes.get(etype, etype), path=unit.path, line=number)
        arguments = []
        for role, ref in args:
            if ref not in spans:
                raise fail(number, f"{ref} is not a T line of this file"
                           + (" (events as arguments are not supported)" if ref.startswith("E") else ""))
            arguments.append(Argument(role=_role(role, [a.role for a in arguments]), span_id=spans[ref].id))
        if trig not in spans:
            raise fail(number, f"trigger {trig} is not a T line of this file")
        events.append(Event(id=len(events) + 1, type=key, trigger_id=spans[trig].id, arguments=tuple(arguments),
                            state=options.state, origin=IMPORT_ORIGIN))
    return text, tuple(spans.values()), tuple(events)


def _role(role: str, earlier: list[str]) -> str:
    """brat numbers a repeated role (Victim, Victim2): drop the number when the bare role came before."""
    bare = role.rstrip("0123456789")
    return bare if bare and bare != role and bare in earlier else role


def fragment_words(text: str, offsets: str) -> str:
    """The text field of a T line: the fragments' text joined by spaces, with tabs and line breaks as spaces."""
    spans = [tuple(map(int, frag.split())) for frag in offsets.split(";")]
    return re.sub(r"[\t\r\n]", " ", " ".join(text[s:e] for s, e in spans))


def _text_bound(raw: str, fields: list[str], fail) -> tuple[str, int, int]:
    btype, _, offsets = fields[1].partition(" ")
    fragments = []
    for frag in offsets.split(";"):
        m = _FRAGMENT.match(frag.strip())
        if not m:
            raise fail(f"expected T<n><TAB>TYPE START END<TAB>text, got {fields[1]!r}")
        start, end = int(m.group(1)), int(m.group(2))
        if not 0 <= start < end <= len(raw):
            raise fail(f"span [{start}, {end}) is outside the text (length {len(raw)})")
        fragments.append((start, end))
    for (_, end), (start, _) in zip(fragments, fragments[1:], strict=False):
        if start < end or raw[end:start].strip():
            raise fail("discontinuous spans are not supported (fragments must be separated by line breaks only)")
    words = fragment_words(raw, offsets)
    if fields[2] != words:
        raise fail(f"the text field {fields[2]!r} is not the text at those offsets ({words!r})")
    return btype, fragments[0][0], fragments[-1][1]
