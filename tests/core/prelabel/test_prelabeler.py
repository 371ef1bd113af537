"""The combined pre-highlighter: the seed article, token boundaries, rejections, idempotence, scoring."""

from __future__ import annotations

from collections import Counter

import pytest

from annotator.core.annotations import EntitySpan, SpanState
from annotator.core.prelabel import (
    CORE_LABELS,
    DocInput,
    GazetteerEngine,
    PrelabelDoc,
    Prepared,
    build_prelabeler,
    evaluate,
    score_spans,
)
from annotator.core.prelabel.features.word_analysis import CLITICS
from annotator.core.prelabel.learning.evaluate import ERROR_KINDS, error_kinds, span_errors
from annotator.core.schema import load_schema
from annotator.core.text import token_index_at

LABELS = CORE_LABELS


@pytest.fixture(scope="module")
def pre():
    """The default pre-highlighter with the shipped starter model."""
    return build_prelabeler(load_schema())


@pytest.fixture(scope="module")
def seed_suggestions(pre, seed_article):
    doc = PrelabelDoc(seed_article.text, seed_article.tokens, presegmented=True)
    return pre.suggest(doc)


def on_boundaries(tokens, start: int, end: int) -> bool:
    """True when [start, end) starts at a token start and ends at a token end."""
    i = token_index_at(tokens, start)
    j = token_index_at(tokens, end - 1)
    return i < len(tokens) and j < len(tokens) and tokens[i][0] == start and tokens[j][1] == end


def _texts(article, spans, label):
    return {article.text[s.start:s.end] for s in spans if s.label == label}


def test_seed_article_expectations(seed_article, seed_suggestions):
    orgs = _texts(seed_article, seed_suggestions, "ORG")
    assert {"公安部", "外交部"} <= orgs
    assert "中央纪委监察部" in orgs or {"中央纪委", "监察部"} <= orgs
    assert {"北京", "美国"} <= _texts(seed_article, seed_suggestions, "LOC")
    assert {"12月9日", "12月3日至5日"} <= _texts(seed_article, seed_suggestions, "TIME")
    assert "老虎" not in _texts(seed_article, seed_suggestions, "PER")
    assert "避风港" not in _texts(seed_article, seed_suggestions, "LOC")


def test_suggestions_are_fresh_and_follow_given_tokens(seed_article, seed_suggestions):
    assert seed_suggestions
    for s in seed_suggestions:
        assert s.id == 0 and s.state == SpanState.SUGGESTED and s.origin in ("model", "rules", "dictionary")
        # The one exception: a clitic first character of a token stays out (赴|美国).
        toks, text = seed_article.tokens, seed_article.text
        assert (on_boundaries(toks, s.start, s.end)
                or (text[s.start - 1] in CLITICS and on_boundaries(toks, s.start - 1, s.end))), text[s.start:s.end]
        assert s.score is not None and 0 <= s.score <= 1
    starts = [s.start for s in seed_suggestions]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(seed_suggestions, seed_suggestions[1:], strict=False))


def test_running_twice_adds_nothing(pre, seed_article, seed_suggestions):
    doc = PrelabelDoc(seed_article.text, seed_article.tokens, presegmented=True)
    stored = tuple(s.with_(id=i + 1) for i, s in enumerate(seed_suggestions))
    assert pre.suggest(doc, existing=stored) == []


def test_rejected_never_comes_back_and_accepted_is_untouched(pre, seed_article, seed_suggestions):
    text = seed_article.text
    doc = PrelabelDoc(text, seed_article.tokens, presegmented=True)
    rejected = next(s for s in seed_suggestions if text[s.start:s.end] == "公安部")
    accepted = EntitySpan(id=2, start=rejected.end + 1, end=rejected.end + 3, label="MISC")
    existing = (rejected.with_(id=1, state=SpanState.REJECTED), accepted)
    again = pre.suggest(doc, existing=existing)
    assert not any(text[s.start:s.end] == "公安部" and s.label == "ORG" for s in again)
    assert all(s.end <= accepted.start or s.start >= accepted.end for s in again)
    assert sum(text[s.start:s.end] == "外交部" for s in again) >= 1
    strings = pre.suggest(doc, rejected=("外交部",))
    assert "外交部" not in {text[s.start:s.end] for s in strings}


def test_batch_and_single_agree(pre, dev5):
    docs = [PrelabelDoc(d.text) for d in dev5]
    many = pre.suggest_many([DocInput(d) for d in docs])
    assert many == [pre.suggest(d) for d in docs]


def test_starter_on_dev_fixture(pre, dev5):
    report = evaluate(dev5, lambda d: pre.suggest(PrelabelDoc(d.text)), labels=LABELS)
    assert report.micro.f1 > 0.8  # measured 0.854 with the starter (0.875 on all 300 dev articles)


def test_dictionary_matches_longest_first_on_token_edges():
    engine = GazetteerEngine([("中国", "LOC"), ("中国银行", "ORG"), ("银行", "ORG"), ("中", "LOC")])
    text = "中国银行在中国开业"
    raw = engine.suggest(Prepared(PrelabelDoc(text)))  # jieba: 中国银行 在 中国 开业
    assert [(text[s.start:s.end], s.label) for s in raw] == [("中国银行", "ORG"), ("中国", "LOC")]
    inside = GazetteerEngine([("国银", "LOC")]).suggest(Prepared(PrelabelDoc(text)))
    assert inside == []
    tokens = ((0, 1), (1, 2), (2, 5), (5, 7), (7, 9))  # 中 国 银行在 中国 开业
    seg = engine.suggest(Prepared(PrelabelDoc(text, tokens, presegmented=True)))
    assert [(s.start, s.end, s.label) for s in seg] == [(0, 2, "LOC"), (5, 7, "LOC")]


def test_dictionary_fills_what_the_model_leaves():
    gaz = build_prelabeler(load_schema(), gazetteer=[("新华社北京", "ORG"), ("追逃专栏", "MISC")])
    text = "新华社北京１２月３１日电，开通追逃专栏"  # jieba: 新华社 北京 ... 追逃 专栏
    got = {(text[s.start:s.end], s.label, s.origin) for s in gaz.suggest(PrelabelDoc(text))}
    assert ("追逃专栏", "MISC", "dictionary") in got
    assert ("新华社", "ORG", "model") in got and ("北京", "LOC", "model") in got
    assert not any(t == "新华社北京" for t, _, _ in got)


def test_score_spans_counts():
    rep = score_spans([([(0, 2, "PER"), (3, 5, "LOC")], [(0, 2, "PER"), (3, 6, "LOC"), (7, 8, "TIME")])],
                      labels=LABELS)
    per, loc, _ = rep.labels
    assert (per.tp, per.fp, per.fn) == (1, 0, 0)
    assert (loc.tp, loc.fp, loc.fn) == (0, 1, 1)
    assert rep.micro.precision == 0.5 and rep.micro.recall == 0.5


def test_error_kinds_tell_confusions_boundaries_and_misses_apart():
    # 浙商银行企业信贷部叶老桂博士…: CLUENER marks 浙商银行 a company and 叶老桂 a name
    text = "浙商银行企业信贷部叶老桂博士则从另一个角度对五道门槛进行了解读。"
    gold = [(0, 4, "company"), (9, 12, "name")]
    assert error_kinds(gold, gold) == Counter({("correct", "company"): 1, ("correct", "name"): 1})
    assert text[0:9] == "浙商银行企业信贷部" and text[9:11] == "叶老"
    kinds = error_kinds(gold, [(0, 4, "organization"), (9, 11, "name")])
    assert kinds == Counter({("label", "organization"): 1, ("too short", "name"): 1})
    kinds = error_kinds(gold, [(0, 9, "company"), (10, 14, "name"), (16, 19, "name")])
    assert kinds == Counter({("too long", "company"): 1, ("shifted", "name"): 1, ("spurious", "name"): 1})
    kinds = error_kinds(gold, [(0, 9, "organization")])
    assert kinds == Counter({("boundary+label", "organization"): 1, ("missed", "name"): 1})
    assert {k for k, _ in kinds} <= set(ERROR_KINDS)
    assert span_errors(gold, [(0, 9, "organization")]) == [("boundary+label", (0, 9, "organization")),
                                                          ("missed", (9, 12, "name"))]


def test_the_teams_label_wins_where_the_model_found_the_same_string():
    text = "伊格尔森不仅是球员的代言人"  # the starter reads the transliteration 伊格尔森 as a place
    plain = {(text[s.start:s.end], s.label) for s in build_prelabeler(load_schema()).suggest(PrelabelDoc(text))}
    assert ("伊格尔森", "LOC") in plain
    team = build_prelabeler(load_schema(), gazetteer=[("伊格尔森", "PER")])
    got = [(text[s.start:s.end], s.label, s.origin) for s in team.suggest(PrelabelDoc(text))]
    assert ("伊格尔森", "PER", "dictionary") in got
    assert not any(t == "伊格尔森" and lab != "PER" for t, lab, _ in got)
