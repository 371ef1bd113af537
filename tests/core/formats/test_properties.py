"""Property: for random documents (astral characters, spaces, blank lines, nested spans, shared
arguments), every format's export → import → export is identical and the carried spans come back."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.annotations import AnnotatedDocument, Argument, EntitySpan, Event, ReviewStatus, SpanKind
from annotator.core.formats import FORMATS, ExportOptions, read_documents, write_documents
from tests.core.properties import random_tokens

from .test_roundtrip import carried_entities, carried_events, same_output

ALPHABET = "北京张三𠀀山aB1，。 \n\u3000"


@st.composite
def documents(draw) -> AnnotatedDocument:
    text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=40).filter(lambda t: t.strip()))
    tokens = random_tokens(draw, text)
    offsets = st.tuples(st.integers(0, len(text) - 1), st.integers(1, 6)).map(
        lambda p: (p[0], min(len(text), p[0] + p[1])))
    spans = [EntitySpan(id=i + 1, start=s, end=e, label=draw(st.sampled_from(["PER", "LOC"])))
             for i, (s, e) in enumerate(draw(st.lists(offsets, max_size=5)))]
    events = []
    for j, (s, e) in enumerate(draw(st.lists(offsets, max_size=2))):
        trigger = EntitySpan(id=100 + j, start=s, end=e, label="Attack", kind=SpanKind.TRIGGER)
        spans.append(trigger)
        args = []
        for k, (a, b) in enumerate(draw(st.lists(offsets, max_size=2))):
            arg = EntitySpan(id=200 + 10 * j + k, start=a, end=b, label="", kind=SpanKind.ARGUMENT)
            spans.append(arg)
            args.append(Argument(draw(st.sampled_from(["Place", "Target"])), arg.id))
        if spans[:1] and spans[0].kind == SpanKind.ENTITY and draw(st.booleans()):
            args.append(Argument("Attacker", spans[0].id))          # an entity filling a role
        events.append(Event(id=j + 1, type="Attack", trigger_id=trigger.id, arguments=tuple(args)))
    return AnnotatedDocument(title="t", text=text, tokens=tuple(tokens), spans=tuple(spans),
                             events=tuple(events), name="doc", status=ReviewStatus.REVIEWED)


VARIANTS = [(f, ExportOptions()) for f in FORMATS] + [("conll", ExportOptions(scheme="bmes", unit="char"))]


@pytest.mark.parametrize(("fmt", "options"), VARIANTS, ids=[f"{f}-{o.unit}" for f, o in VARIANTS])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_random_documents_round_trip_in_every_format(fmt, options, doc):
    with tempfile.TemporaryDirectory() as tmp:
        suffix = FORMATS[fmt].suffix
        first, second = Path(tmp) / f"a{suffix}", Path(tmp) / f"b{suffix}"
        write_documents([doc], first, fmt, options)
        back = read_documents(first, fmt, reviewed=True, unit=options.unit)
        write_documents(back, second, fmt, options)
        assert same_output(first, second)
        assert len(back) == 1
        if fmt not in ("conll", "spacy"):
            assert carried_entities(back[0], fmt, options) == carried_entities(doc, fmt, options)
        assert carried_events(back[0], fmt) == carried_events(doc, fmt)


def test_the_strategy_makes_nested_and_astral_cases():
    seen = {"astral": False, "nested": False}

    @settings(max_examples=200, deadline=None)
    @given(doc=documents())
    def look(doc):
        seen["astral"] |= "𠀀" in doc.text
        ents = doc.entities()
        seen["nested"] |= any(a.start <= b.start and b.end <= a.end and a != b for a in ents for b in ents)

    look()
    assert all(seen.values())
