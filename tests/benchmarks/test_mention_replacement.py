"""Mention replacement: reviewed documents copied with each entity swapped for another of its label."""

from __future__ import annotations

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
from benchmarks.mention_replacement import mention_replacement, mentions


def doc(text: str, *spans: tuple[int, int, str], rejected: tuple[int, int, str] | None = None) -> AnnotatedDocument:
    made = [EntitySpan(0, s, e, lab) for s, e, lab in spans]
    if rejected:
        made.append(EntitySpan(0, *rejected, state=SpanState.REJECTED))
    return AnnotatedDocument(title="", text=text, tokens=(), spans=tuple(made), name="d")


def entities(d: AnnotatedDocument) -> list[tuple[str, str]]:
    return [(d.text[s.start:s.end], s.label) for s in d.spans]


DOCS = [
    doc("张三在北京工作。", (0, 2, "PER"), (3, 5, "LOC")),
    doc("李四去了上海浦东。", (0, 2, "PER"), (4, 8, "LOC"), rejected=(4, 6, "ORG")),
    doc("今天没有人名。"),
]


def test_mentions_are_the_accepted_strings_of_each_label_once():
    assert mentions(DOCS, ("PER", "LOC", "ORG")) == {"PER": ["张三", "李四"], "LOC": ["北京", "上海浦东"], "ORG": []}


def test_each_mention_is_replaced_by_another_of_its_label_and_the_spans_follow_the_new_text():
    copies = mention_replacement(DOCS, ("PER", "LOC"), copies=1, seed=0)
    assert len(copies) == 2  # a document without mentions gives no copy
    first, second = copies
    assert first.text == "李四在上海浦东工作。"
    assert entities(first) == [("李四", "PER"), ("上海浦东", "LOC")]
    assert second.text == "张三去了北京。"
    assert entities(second) == [("张三", "PER"), ("北京", "LOC")]  # the rejected span is not carried over
    assert all(c.tokens == () and c.name == "d#replaced" for c in copies)


def test_copies_are_reproducible_and_draw_from_extra_names():
    extra = {"PER": ["王五", "赵六"], "ORG": ["新华社"]}
    one = mention_replacement(DOCS, ("PER", "LOC"), copies=3, seed=7, extra=extra)
    assert one == mention_replacement(DOCS, ("PER", "LOC"), copies=3, seed=7, extra=extra)
    names = {t for c in one for t, lab in entities(c) if lab == "PER"}
    assert names <= {"张三", "李四", "王五", "赵六"} and names & {"王五", "赵六"}
    assert all(lab != "ORG" for c in one for _, lab in entities(c))  # only the labels asked for
    for c in one:
        for s in c.spans:
            assert c.text[s.start:s.end].strip() and s.state == SpanState.ACCEPTED


def test_rate_zero_replaces_nothing():
    assert mention_replacement(DOCS, ("PER", "LOC"), copies=2, rate=0.0) == []
