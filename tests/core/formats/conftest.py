"""Documents the format tests share: the seed article with entities and events, the pd98 and CEC fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.annotations import (
    AnnotatedDocument,
    Argument,
    EntitySpan,
    Event,
    ReviewStatus,
    SpanKind,
    SpanState,
)
from annotator.core.encoding import decode_bytes
from annotator.core.formats import native
from annotator.core.formats.base import ReadOptions
from annotator.core.segment import article_from_text, read_article
from annotator.core.text import split_token

FIXTURES = Path(__file__).parents[2] / "fixtures"
SEED = FIXTURES / "000_f5bfa2c3bb69730e.txt"
PD98 = FIXTURES / "pd98_dev5.jsonl"
CEC = FIXTURES / "cec5.jsonl"


class _Builder:
    """Adds spans by the text they cover, so the fixtures read as what a reviewer would mark."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[EntitySpan] = []

    def add(self, word: str, label: str, *, nth: int = 0, kind: SpanKind = SpanKind.ENTITY,
            state: SpanState = SpanState.ACCEPTED, origin: str = "manual", after: int = 0) -> EntitySpan:
        start = after - 1
        for _ in range(nth + 1):
            start = self.text.index(word, start + 1)
        span = EntitySpan(id=100 + len(self.spans), start=start, end=start + len(word), label=label,
                          origin=origin, state=state, kind=kind)
        self.spans.append(span)
        return span

    def all(self, word: str, label: str) -> None:
        for n in range(self.text.count(word)):
            self.add(word, label, nth=n)


def seed_document() -> AnnotatedDocument:
    """The seed article with nested entities, a suggestion, a rejected span and three events."""
    article = read_article(SEED)
    b = _Builder(article.text)
    b.all("中央纪委监察部", "ORG")
    b.add("中央纪委", "ORG")                      # nested in the first 中央纪委监察部
    b.all("北京", "LOC")
    jlg = b.add("中美执法合作联合联络小组", "ORG")
    when = b.add("12月3日至5日", "TIME")
    beijing = next(s for s in b.spans if s.label == "LOC" and s.start > jlg.start)
    b.add("国际反腐败日", "MISC")
    b.add("公安部", "ORG", state=SpanState.SUGGESTED, origin="rules")
    b.add("外交部", "ORG", state=SpanState.REJECTED, origin="jieba")
    meet = b.add("召开", "Contact:Meet", kind=SpanKind.TRIGGER)
    found = b.add("设立", "Business:Start-Org", kind=SpanKind.TRIGGER)
    org = b.add("中央反腐败协调小组国际追逃追赃工作办公室", "", kind=SpanKind.ARGUMENT)
    arrest = b.add("缉捕归案", "Justice:Arrest-Jail", kind=SpanKind.TRIGGER)
    person = b.add("在逃境外经济犯罪嫌疑人428人", "", kind=SpanKind.ARGUMENT)
    events = (
        Event(id=7, type="Contact:Meet", trigger_id=meet.id,
              arguments=(Argument("Entity", jlg.id), Argument("Place", beijing.id), Argument("Time", when.id))),
        Event(id=8, type="Business:Start-Org", trigger_id=found.id, arguments=(Argument("Org", org.id),)),
        Event(id=9, type="Justice:Arrest-Jail", trigger_id=arrest.id, arguments=(Argument("Person", person.id),)),
    )
    return AnnotatedDocument(title=article.title, text=article.text, tokens=article.tokens, spans=tuple(b.spans),
                             events=events, id=1, name="000_f5bfa2c3bb69730e", status=ReviewStatus.REVIEWED)


def astral_crlf_document() -> AnnotatedDocument:
    """A document whose text came from CRLF lines and holds 𠀀 (U+20000) before and inside entities."""
    raw = "𠀀𠀀公司在北京成立\r\n张三说，𠀀山位于上海。\r\n".encode()
    article = article_from_text(decode_bytes(raw, path="crlf.txt")[0], layout="text")
    assert "\r" not in article.text
    b = _Builder(article.text)
    b.add("𠀀𠀀公司", "ORG")
    b.add("北京", "LOC")
    b.add("张三", "PER")
    b.add("𠀀山", "LOC")
    b.add("上海", "LOC")
    trigger = b.add("成立", "Business:Start-Org", kind=SpanKind.TRIGGER)
    event = Event(id=1, type="Business:Start-Org", trigger_id=trigger.id,
                  arguments=(Argument("Org", b.spans[0].id), Argument("Place", b.spans[1].id)))
    tokens = article.tokens
    for span in b.spans:                            # jieba reads 张三说 as one word; split it as a reviewer would
        for offset in (span.start, span.end):
            if any(s < offset < e for s, e in tokens):
                tokens = split_token(tokens, offset)
    return AnnotatedDocument(title=article.title, text=article.text, tokens=tokens,
                             spans=tuple(b.spans), events=(event,), name="astral", status=ReviewStatus.REVIEWED)


def read_native(path: Path, *, reviewed: bool = True) -> list[AnnotatedDocument]:
    """Documents of a native-compatible JSONL fixture."""
    return [doc for _, doc in native.read(path, ReadOptions(reviewed=reviewed))]


@pytest.fixture(scope="session")
def seed_doc() -> AnnotatedDocument:
    return seed_document()


@pytest.fixture(scope="session")
def astral_doc() -> AnnotatedDocument:
    return astral_crlf_document()


@pytest.fixture(scope="session")
def pd98_docs() -> list[AnnotatedDocument]:
    return read_native(PD98)


@pytest.fixture(scope="session")
def cec_docs() -> list[AnnotatedDocument]:
    return read_native(CEC)
