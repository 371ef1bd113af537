"""Shared pieces of the property tests: hypothesis profiles, random Chinese documents, invariants."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanKind, SpanState, crossing

# Modest by default so the suite stays fast; ANNOTATOR_HYPOTHESIS=thorough for a long hunt.
settings.register_profile("annotator-fast", max_examples=30, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("annotator-thorough", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = settings.get_profile("annotator-" + os.environ.get("ANNOTATOR_HYPOTHESIS", "fast"))

# CJK, full-width punctuation, an astral character, Latin and digits, spaces and line breaks.
ALPHABET = "北京上海公安部张三李四会见逮捕举行了在的今天国务院新华社，。、“”《》𠀀𠮷aZ09 \n\u3000"
LABELS = ("PER", "ORG", "LOC", "TIME", "MISC")


def random_tokens(draw: st.DrawFn, text: str) -> list[tuple[int, int]]:
    """Random tokens that partition the non-space characters of `text`."""
    tokens: list[tuple[int, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        end = pos + 1
        while end < len(text) and not text[end].isspace() and draw(st.booleans()):
            end += 1
        tokens.append((pos, end))
        pos = end
    return tokens


@st.composite
def documents(draw: st.DrawFn, *, max_size: int = 40) -> AnnotatedDocument:
    """A random article: tokens partition its non-space characters; a few non-crossing suggestions."""
    text = draw(st.text(alphabet=ALPHABET, min_size=2, max_size=max_size).filter(lambda t: t.strip()))
    tokens = random_tokens(draw, text)
    spans: list[EntitySpan] = []
    for start, end in draw(st.lists(st.sampled_from(tokens), max_size=4, unique=True)):
        span = EntitySpan(len(spans) + 1, start, end, draw(st.sampled_from(LABELS)), origin="model",
                          state=SpanState.SUGGESTED)
        if not any(crossing(span, other) for other in spans):
            spans.append(span)
    return AnnotatedDocument(title=text.strip().split("\n")[0], text=text, tokens=tuple(tokens),
                             spans=tuple(spans), name="random")


def invariant_problems(doc: AnnotatedDocument, *, allow_crossing: bool = False) -> list[str]:
    """Every way the document breaks the model's rules (empty when it keeps them all)."""
    found: list[str] = []
    n = len(doc.text)
    prev = 0
    for start, end in doc.tokens:
        if not prev <= start < end <= n:
            found.append(f"token [{start}, {end}) out of order or outside the text")
        prev = end
    covered = {i for start, end in doc.tokens for i in range(start, end)}
    found += [f"character {i} {doc.text[i]!r} in no token" for i in range(n)
              if not doc.text[i].isspace() and i not in covered]
    by_id = {s.id: s for s in doc.spans}
    found += [f"span {s.id} [{s.start}, {s.end}) outside the text" for s in doc.spans
              if not 0 <= s.start < s.end <= n]
    if not allow_crossing:
        accepted = [s for s in doc.spans if s.kind == SpanKind.ENTITY and s.state == SpanState.ACCEPTED]
        found += [f"accepted spans {a.id} and {b.id} cross" for i, a in enumerate(accepted)
                  for b in accepted[i + 1:] if crossing(a, b)]
    for event in doc.events:
        trigger = by_id.get(event.trigger_id) if event.trigger_id is not None else None
        if event.trigger_id is not None and (trigger is None or trigger.kind != SpanKind.TRIGGER):
            found.append(f"event {event.id} has no trigger span {event.trigger_id}")
        found += [f"event {event.id} argument {a.role} points at missing span {a.span_id}"
                  for a in event.arguments if a.span_id not in by_id]
        found += [f"event {event.id} argument {a.role} points at rejected span {a.span_id}"
                  for a in event.arguments if a.span_id in by_id and not by_id[a.span_id].is_live]
    return found
