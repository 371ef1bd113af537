"""The trigger-word event suggester (the fallback when no event model is trained): nearest entities of the
trigger's sentence in the roles that take their labels, guessed from a role's name when it names none."""

from __future__ import annotations

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanKind, SpanState
from annotator.core.event_suggest_lexicon import LexiconEventSuggester, role_labels
from annotator.core.schema import load_schema

TEXT = "昨天下午，一辆货车在京港澳高速发生火灾。司机张三逃生。"


def spans(*found: tuple[str, str, SpanState]) -> tuple[EntitySpan, ...]:
    return tuple(EntitySpan(i + 1, TEXT.index(w), TEXT.index(w) + len(w), label, state=state)
                 for i, (w, label, state) in enumerate(found))


def doc(*found) -> AnnotatedDocument:
    tokens = tuple((i, i + 1) for i in range(len(TEXT)))  # one token per character: any word is on boundaries
    return AnnotatedDocument(title="t", text=TEXT, tokens=tokens, spans=spans(*found))


def test_cec_roles_name_no_labels_so_their_names_decide():
    cec = load_schema("cec")
    emergency = cec.event_type("emergency")
    assert {r.name: role_labels(r) for r in emergency.roles} == {
        "Participant": ("PER", "ORG"), "Object": (), "Location": ("LOC", "GPE", "FAC"), "Time": ("TIME",), "Means": ()}
    found = LexiconEventSuggester({"火灾": ("emergency",)}).suggest(
        doc(("昨天下午", "TIME", SpanState.SUGGESTED), ("京港澳高速", "LOC", SpanState.ACCEPTED),
            ("张三", "PER", SpanState.ACCEPTED)), cec)
    (event,) = found
    assert (TEXT[event.start:event.end], event.type) == ("火灾", "emergency")
    # 张三 is in the next sentence: not an argument of this trigger
    assert [(TEXT[a.start:a.end], a.role, a.label) for a in event.arguments] == [
        ("昨天下午", "Time", "TIME"), ("京港澳高速", "Location", "LOC")]


def test_no_suggestion_over_a_trigger_the_document_has_even_a_rejected_one():
    cec = load_schema("cec")
    base = doc()
    at = TEXT.index("火灾")
    rejected = EntitySpan(9, at, at + 2, "emergency", state=SpanState.REJECTED, kind=SpanKind.TRIGGER)
    with_rejected = AnnotatedDocument(title="t", text=TEXT, tokens=base.tokens, spans=(rejected,))
    assert LexiconEventSuggester({"火灾": ("emergency",)}).suggest(with_rejected, cec) == []
    assert LexiconEventSuggester({}).suggest(base, cec) == []
