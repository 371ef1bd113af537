"""Rules: dates and times, 《》 names, repairs of jieba's tags."""

from __future__ import annotations

import pytest

from annotator.core.prelabel import CORE_LABELS, PrelabelDoc, Prepared, RulesEngine
from annotator.core.prelabel.engines.rules import ALL_RULES, misc_spans, time_spans


@pytest.mark.parametrize(("text", "expected"), [
    ("12月9日，在国际反腐败日", ["12月9日"]),
    ("12月3日至5日，中美执法", ["12月3日至5日"]),
    ("新华社北京１２月３１日电", ["１２月３１日"]),
    ("于１９９７年１２月３１日１０时４４分在北京逝世", ["１９９７年１２月３１日１０时４４分"]),
    ("计划于12月中旬完成", ["12月中旬"]),
    ("这是今年以来的举措", ["今年"]),
    ("他于1998年1月5日上午9时抵达", ["1998年1月5日上午9时"]),
    ("二十世纪九十年代的", ["二十世纪九十年代"]),
    ("一九九八年是", ["一九九八年"]),
    ("5月1日到10日放假", ["5月1日到10日"]),
    ("提出三点意见，终年８８岁，过去8年", []),
])
def test_time_spans(text, expected):
    assert [text[s:e] for s, e in time_spans(text)] == expected


def test_misc_is_the_name_inside_the_brackets():
    text = "根据《中华人民共和国刑法》和《 》规定"
    assert [text[s:e] for s, e in misc_spans(text)] == ["中华人民共和国刑法"]


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="unknown rules"):
        RulesEngine(["time", "no-such-rule"])


def _entities(text: str, rules) -> list[tuple[str, str]]:
    engine = RulesEngine(rules)
    return [(text[s.start:s.end], s.label) for s in engine.suggest(Prepared(PrelabelDoc(text)))
            if s.label in CORE_LABELS]


def test_org_suffix_absorbs_the_place_before_it():
    text = "双方在包括中国银行广东开平支行案等许多案件上进行了合作"
    with_rule = _entities(text, ALL_RULES)
    without = _entities(text, [r for r in ALL_RULES if r != "org_suffix"])
    assert ("中国银行广东开平支行", "ORG") in with_rule
    assert ("中国银行广东开平支行", "ORG") not in without


def test_drop_list_removes_known_false_positives():
    text = "中央坚持老虎苍蝇一起打，不让腐败分子把国外当成避风港"
    assert "老虎" in {t for t, _ in _entities(text, [r for r in ALL_RULES if r != "drop"])}
    kept = {t for t, _ in _entities(text, ALL_RULES)}
    assert not kept & {"老虎", "避风港"}


def test_surname_and_given_name_tokens_make_one_person():
    text = "刘澜涛同志逝世"
    doc = PrelabelDoc(text, ((0, 1), (1, 3), (3, 5), (5, 7)), presegmented=True)
    spans = RulesEngine(ALL_RULES).suggest(Prepared(doc))
    assert [(text[s.start:s.end], s.label) for s in spans] == [("刘澜涛", "PER")]
