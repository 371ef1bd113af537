"""Events against the schema: warnings, role choice, trigger suggestions and what deletions take along."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from annotator.core.annotations import AnnotatedDocument, Argument, EntitySpan, Event, SpanKind, SpanState
from annotator.core.events import (
    EventWarning,
    TriggerCandidate,
    roles_for_label,
    roles_for_span,
    sentence_starts,
    trigger_candidates,
    trigger_lexicon,
    validate_event,
    validate_events,
    warning_counts,
)
from annotator.core.schema import EntityLabel, EventType, Role, Schema, load_schema
from annotator.core.segment import read_article
from tests.conftest import FIXTURES, SHARED_DATA

ACE = load_schema("ace2005-zh")
CEC = load_schema("cec")
TEXT = "12月3日，联络小组会议在北京召开。公安部缉捕428人。\n中央决定设立追逃办。"


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def ent(span_id: int, word: str, label: str, *, kind: SpanKind = SpanKind.ENTITY,
        state: SpanState = SpanState.ACCEPTED) -> EntitySpan:
    start, end = at(word)
    return EntitySpan(span_id, start, end, label, kind=kind, state=state)


SPANS = (
    ent(1, "12月3日", "TIME"), ent(2, "联络小组", "ORG"), ent(3, "会议", "Contact:Meet", kind=SpanKind.TRIGGER),
    ent(4, "北京", "LOC"), ent(5, "公安部", "ORG"), ent(6, "缉捕", "Justice:Arrest-Jail", kind=SpanKind.TRIGGER),
    ent(7, "428人", "", kind=SpanKind.ARGUMENT), ent(8, "设立", "Business:Start-Org", kind=SpanKind.TRIGGER),
    ent(9, "追逃办", "ORG"), ent(10, "中央", "ORG", state=SpanState.REJECTED),
)
MEET = Event(1, "Contact:Meet", 3, (Argument("Entity", 2), Argument("Place", 4), Argument("Time", 1)))
ARREST = Event(2, "Justice:Arrest-Jail", 6, (Argument("Agent", 5), Argument("Person", 7)))
START = Event(3, "Business:Start-Org", 8, (Argument("Org", 9),))


def doc(*events: Event, spans: tuple[EntitySpan, ...] = SPANS) -> AnnotatedDocument:
    return AnnotatedDocument(title="", text=TEXT, tokens=(), spans=spans, events=events)


def kinds(warnings: list[EventWarning]) -> list[tuple[int, str, str]]:
    return [(w.event_id, str(w.kind), w.role) for w in warnings]


def test_well_formed_events_have_no_warnings() -> None:
    assert validate_events(doc(MEET, ARREST, START), ACE) == []


def test_the_seed_meeting_is_a_clean_contact_meet() -> None:
    article = read_article(FIXTURES / "000_f5bfa2c3bb69730e.txt")
    text = article.text

    def span(i: int, word: str, label: str, kind: SpanKind = SpanKind.ENTITY) -> EntitySpan:
        start = text.index(word)
        return EntitySpan(i, start, start + len(word), label, kind=kind)

    spans = (span(1, "中美执法合作联合联络小组", "ORG"), span(2, "北京", "LOC"), span(3, "12月3日至5日", "TIME"),
             span(4, "会议", "Contact:Meet", SpanKind.TRIGGER))
    meet = Event(1, "Contact:Meet", 4, (Argument("Entity", 1), Argument("Place", 2), Argument("Time", 3)))
    seed = AnnotatedDocument(title=article.title, text=text, tokens=article.tokens, spans=spans, events=(meet,))
    assert validate_event(meet, doc=seed, schema=ACE) == []
    # The first 会议 of the text is that meeting's trigger, and the schema suggests it.
    lexicon = trigger_lexicon(ACE)
    first = next(c for c in trigger_candidates(text, article.tokens, lexicon) if c.text == "会议")
    assert (first.start, first.end, first.event_types) == (spans[3].start, spans[3].end, ("Contact:Meet",))


def test_a_missing_required_role_is_reported() -> None:
    no_entity = Event(1, "Contact:Meet", 3, (Argument("Place", 4),))
    warnings = validate_events(doc(no_entity), ACE)
    assert kinds(warnings) == [(1, "missing-role", "Entity")]
    assert "Entity (参与方) is missing" in warnings[0].message and not warnings[0].is_hint


def test_brat_counts_need_that_many_fillers() -> None:
    schema = Schema("t", (EntityLabel("ORG", "Org"), EntityLabel("LOC", "Place")), (EventType("Merge", "Merge", roles=(
        Role("Org", labels=("ORG", "LOC"), cardinality="{2-3}"),)),))
    one = Event(1, "Merge", 3, (Argument("Org", 2),))
    four = Event(2, "Merge", 3, tuple(Argument("Org", i) for i in (2, 4, 2, 10)))
    warnings = validate_events(doc(one), schema)
    assert kinds(warnings) == [(1, "missing-role", "Org")] and "needs 2, has 1" in warnings[0].message
    # The same span twice counts once; the rejected span 10 is reported, not counted: 2 fillers are enough.
    assert kinds(validate_events(doc(four), schema)) == [(2, "missing-span", "Org")]


def test_a_label_the_role_does_not_allow_is_reported() -> None:
    wrong = Event(1, "Contact:Meet", 3, (Argument("Entity", 2), Argument("Place", 1), Argument("Time", 4)))
    warnings = validate_events(doc(wrong), ACE)
    assert kinds(warnings) == [(1, "label-not-allowed", "Place"), (1, "label-not-allowed", "Time")]
    assert warnings[1].span_id == 4 and "北京" in warnings[1].message and "takes TIME, not LOC" in warnings[1].message
    # An unlabelled argument span may fill any role (DuEE/CEC style).
    loose = Event(1, "Contact:Meet", 6, (Argument("Entity", 7), Argument("Place", 7)))
    assert validate_events(doc(loose), ACE) == []


def test_too_many_fillers_are_reported() -> None:
    two_places = Event(1, "Contact:Meet", 3, (Argument("Entity", 2), Argument("Place", 4), Argument("Place", 2),
                                              Argument("Place", 4)))
    warnings = validate_events(doc(two_places), ACE)
    assert kinds(warnings) == [(1, "label-not-allowed", "Place"), (1, "too-many-fillers", "Place")]
    assert "at most 1, has 2" in warnings[1].message


def test_unknown_roles_and_types_are_reported() -> None:
    odd_role = Event(1, "Contact:Meet", 3, (Argument("Entity", 2), Argument("Topic", 4)))
    assert kinds(validate_events(doc(odd_role), ACE)) == [(1, "unknown-role", "Topic")]
    odd_type = Event(2, "Contact:Gossip", 3, (Argument("Whatever", 2),))
    warnings = validate_events(doc(odd_type), ACE)
    assert kinds(warnings) == [(2, "unknown-type", "")] and "Contact:Gossip" in warnings[0].message


def test_an_event_without_trigger_is_flagged() -> None:
    bare = Event(1, "Contact:Meet", None, (Argument("Entity", 2),))
    warnings = validate_events(doc(bare), ACE)
    assert kinds(warnings) == [(1, "no-trigger", "")] and "会见" in warnings[0].message


def test_dangling_and_rejected_spans_are_reported() -> None:
    event = Event(1, "Contact:Meet", 99, (Argument("Entity", 10), Argument("Place", 4)))
    warnings = validate_events(doc(event), ACE)
    assert kinds(warnings) == [(1, "missing-span", ""), (1, "missing-span", "Entity"), (1, "missing-role", "Entity")]
    assert "not in the document" in warnings[0].message and "rejected" in warnings[1].message


def test_an_argument_in_another_sentence_is_a_hint() -> None:
    far = Event(1, "Business:Start-Org", 8, (Argument("Agent", 5), Argument("Org", 9), Argument("Time", 1)))
    warnings = validate_events(doc(far), ACE)
    assert kinds(warnings) == [(1, "other-sentence", "Agent"), (1, "other-sentence", "Time")]
    assert all(w.is_hint for w in warnings) and "公安部" in warnings[0].message
    # 公安部 and 会议 are on the same line but split by 。: still another sentence.
    meet = Event(2, "Contact:Meet", 3, (Argument("Entity", 5),))
    assert kinds(validate_events(doc(meet), ACE)) == [(2, "other-sentence", "Entity")]


def test_rejected_events_are_not_checked_and_counts_add_up() -> None:
    bad = Event(1, "Contact:Meet", None, ())
    assert validate_events(doc(Event(1, "Nope", None, (), state=SpanState.REJECTED)), ACE) == []
    warnings = validate_events(doc(bad, Event(2, "Contact:Meet", None, ())), ACE)
    assert warning_counts(warnings) == {"no-trigger": 2, "missing-role": 2}
    assert warning_counts([]) == {}


def test_sentence_starts() -> None:
    assert sentence_starts("") == [0]
    assert sentence_starts("他说：“走吧！”然后走了。\n好。") == [0, 8, 14]
    assert sentence_starts("一。\n\n二") == [0, 3, 4]
    assert sentence_starts("Really?! Yes.") == [0, 8]


def _cec_documents(path: Path) -> list[AnnotatedDocument]:
    """CEC records as documents, built here so the test does not depend on the import code."""
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            spans: list[EntitySpan] = []
            events = []

            def span(item: dict, kind: SpanKind, label: str, spans: list[EntitySpan] = spans,
                     record: dict = record) -> int:
                spans.append(EntitySpan(len(spans) + 1, item["start"], item["end"], label, kind=kind))
                assert spans[-1].text_in(record["text"]) == item["text"]
                return len(spans)

            for i, ev in enumerate(record["events"]):
                trigger = span(ev["trigger"], SpanKind.TRIGGER, ev["type"]) if ev.get("trigger") else None
                args = tuple(Argument(a["role"], span(a, SpanKind.ARGUMENT, "")) for a in ev["arguments"])
                events.append(Event(i + 1, ev["type"], trigger, args))
            docs.append(AnnotatedDocument(title=record["title"], text=record["text"], tokens=(),
                                          spans=tuple(spans), events=tuple(events)))
    return docs


def test_cec_fixture_events_satisfy_the_cec_schema() -> None:
    docs = _cec_documents(FIXTURES / "cec5.jsonl")
    assert sum(len(d.events) for d in docs) == 70
    assert [w for d in docs for w in validate_events(d, CEC)] == []


@pytest.mark.skipif(not (SHARED_DATA / "cec" / "events_dev.jsonl").exists(), reason="shared data absent")
def test_cec_dev_file_has_one_warning_the_event_without_trigger() -> None:
    docs = _cec_documents(SHARED_DATA / "cec" / "events_dev.jsonl")
    warnings = [w for d in docs for w in validate_events(d, CEC)]
    assert [str(w.kind) for w in warnings] == ["no-trigger"]


def test_roles_for_label_offer_only_the_roles_a_label_may_fill() -> None:
    meet = ACE.event_type("Contact:Meet")
    assert [r.name for r in roles_for_label(meet, "LOC")] == ["Entity", "Place"]  # ACE lets a GPE meet
    assert [r.name for r in roles_for_label(meet, "TIME")] == ["Time"]
    assert [r.name for r in roles_for_label(meet, "PER")] == ["Entity"]
    assert roles_for_label(meet, "MISC") == ()
    assert [r.name for r in roles_for_label(meet, None)] == ["Entity", "Time", "Place"]
    extradite = ACE.event_type("Justice:Extradite")
    assert [r.name for r in roles_for_label(extradite, "LOC")] == ["Agent", "Destination", "Origin"]
    assert [r.name for r in roles_for_label(extradite, "PER")] == ["Agent", "Person"]
    assert [r.name for r in roles_for_label(ACE.event_type("Justice:Sentence"), "SENTENCE")] == ["Sentence"]
    # An unlabelled argument span may fill any role; a CEC role takes any label.
    assert len(roles_for_span(meet, SPANS[6])) == 3
    assert [r.name for r in roles_for_span(meet, SPANS[0])] == ["Time"]
    assert len(roles_for_label(CEC.event_type("emergency"), "PER")) == 5


def test_trigger_lexicon_puts_reviewed_triggers_first() -> None:
    used = [("召开", "Contact:Meet"), ("会议", "Contact:Meet"), ("召开", "Contact:Meet"),
            ("会议", "Business:Start-Org"), ("会议", "Business:Start-Org"), ("会议", "Business:Start-Org"),
            ("聊天", "Contact:Chat")]
    lexicon = trigger_lexicon(ACE, used)
    assert lexicon["召开"] == ("Contact:Meet",)
    assert lexicon["会议"] == ("Business:Start-Org", "Contact:Meet")  # 3 uses beat 1
    assert "聊天" not in lexicon
    assert lexicon["引渡"] == ("Justice:Extradite",) and lexicon["遣返"] == ("Justice:Extradite",)
    assert len(trigger_lexicon(ACE)) == len({w for e in ACE.event_types for w in e.triggers})


def test_trigger_candidates_follow_token_boundaries() -> None:
    text = "会议室里召开会议，3人食物中毒，缉捕归案"
    tokens = ((0, 3), (3, 4), (4, 6), (6, 8), (8, 9), (9, 11), (11, 13), (13, 15), (15, 16), (16, 18), (18, 20))
    words = {"会议": ("Contact:Meet",), "中毒": ("injure",), "食物中毒": ("poison",), "缉捕归案": ("Justice:Arrest-Jail",),
             "召开会议": ("Contact:Meet",)}
    found = trigger_candidates(text, tokens, words)
    # 会议 inside the token 会议室 is not a trigger; the longer 召开会议 wins over 会议 and 食物中毒 over 中毒.
    assert found == [TriggerCandidate(4, 8, "召开会议", ("Contact:Meet",)),
                     TriggerCandidate(11, 15, "食物中毒", ("poison",)),
                     TriggerCandidate(16, 20, "缉捕归案", ("Justice:Arrest-Jail",))]
    # Words overlapping existing triggers or rejected suggestions are left out; shorter ones outside stay.
    assert [c.text for c in trigger_candidates(text, tokens, words, exclude=[(4, 6), (16, 20), (100, 120)])] == \
        ["会议", "食物中毒"]
    # Without tokens every occurrence counts; a plain list of words works too.
    assert [(c.start, c.text, c.event_types) for c in trigger_candidates(text, (), ["会议", ""])] == \
        [(0, "会议", ()), (6, "会议", ())]
    assert trigger_candidates(text, tokens, {}) == []


def test_trigger_candidates_scale_to_a_long_article() -> None:
    article = read_article(FIXTURES / "000_f5bfa2c3bb69730e.txt")
    copies, n = 22, len(article.text)  # about 100k characters, the longest articles the design expects
    text = article.text * copies
    tokens = tuple((s + i * n, e + i * n) for i in range(copies) for s, e in article.tokens)
    lexicon = trigger_lexicon(ACE)
    started = time.perf_counter()
    found = trigger_candidates(text, tokens, lexicon)
    elapsed = time.perf_counter() - started
    once = trigger_candidates(article.text, article.tokens, lexicon)
    assert len(found) == copies * len(once)
    assert elapsed < 1.0, f"{elapsed:.2f}s for {len(text)} characters"  # linear: ~0.02 s here
