"""The project's gazetteer: the words it leaves out (matching is in test_prelabeler.py)."""

from __future__ import annotations


def _reviewed(text: str, words: list[str], marked: list[tuple[str, str]]):
    from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
    from annotator.core.text import tokens_from_strings

    spans, at = [], 0
    for i, (s, lab) in enumerate(marked):
        at = text.index(s, at)
        spans.append(EntitySpan(i + 1, at, at + len(s), lab, "import", SpanState.ACCEPTED))
        at += len(s)
    return AnnotatedDocument(title="", text=text, tokens=tokens_from_strings(text, words), spans=tuple(spans))


def test_words_reviewers_mostly_leave_unmarked_are_found():
    from annotator.core.prelabel.engines.gazetteer import unmarked_words

    docs = [
        _reviewed("作家雷达说", ["作家", "雷", "达", "说"], [("雷达", "PER")]),
        _reviewed("空军雷达故障", ["空军", "雷达", "故障"], []),
        _reviewed("雷达站的雷达", ["雷达站", "的", "雷达"], []),  # inside 雷达站: not a place it stands
        _reviewed("河北省委和河北省", ["河北省", "委", "和", "河北省"], [("河北省委", "ORG"), ("河北省", "LOC")]),
        _reviewed("伊格尔森说", ["伊格尔森", "说"], [("伊格尔森", "PER")]),
    ]
    # 雷达: marked once, unmarked twice. 河北省 inside the marked 河北省委 is not a miss.
    assert unmarked_words(docs) == {"雷达"}
    assert unmarked_words(docs, share=0.3) == set()
