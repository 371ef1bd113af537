"""A document's uncertainty (summed over its characters) and the informative ranking (core/informative.py)."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.core import informative
from annotator.core.prelabel import PrelabelDoc, build_prelabeler
from annotator.core.schema import load_schema

TEXTS = {1: "新华社北京电国务院总理李鹏今天会见了来访的法国外长。",
         2: "新华社北京电国务院总理李鹏今天会见了来访的法国外长。双方谈了合作。",  # nearly document 1
         3: "江苏省南京市的农民今年种了很多小麦，收成很好。"}


def test_uncertainty_sums_one_minus_the_marginal_over_each_distinct_uncertain_stretch():
    assert informative.uncertainty(np.array([1.0, 0.5, 0.5, 1.0]), "新华李鹏") == 1.0
    # 李鹏 twice counts once (the larger), 社 once; characters under the cut (0.95) are noise and count not.
    marginals = np.array([0.95, 0.95, 0.6, 0.7, 0.95, 0.5, 0.8, 0.95, 0.6])
    assert informative.uncertainty(marginals, "新华李鹏说李鹏和社.") == pytest.approx(0.5 + 0.2 + 0.4)
    assert informative.uncertainty(np.ones(10), "0123456789") == 0.0
    assert informative.uncertainty(np.array([]), "") == 0.0
    # A long document sums more than a short one as uncertain per character: what reviewing it teaches.
    assert informative.uncertainty(np.full(6, 0.5), "李鹏张三王五") > informative.uncertainty(np.full(2, 0.5), "李鹏")


def test_without_diversity_the_most_uncertain_come_first_ties_by_id():
    scores = {1: 0.2, 2: 0.3, 3: 0.2, 4: 0.1}
    assert informative.rank(scores, lambda ids: {}, diversity=0) == [2, 1, 3, 4]


def test_a_near_copy_of_a_document_ranked_higher_goes_after_a_different_one():
    scores = {1: 0.30, 2: 0.29, 3: 0.20}
    assert informative.rank(scores, lambda ids: {d: TEXTS[d] for d in ids}, diversity=0) == [1, 2, 3]
    ranked = informative.rank(scores, lambda ids: {d: TEXTS[d] for d in ids})
    assert ranked == [1, 3, 2]
    assert ranked == informative.rank(scores, lambda ids: {d: TEXTS[d] for d in ids})  # reproducible


def test_only_the_window_is_read_and_re_ranked():
    scores = {1: 0.30, 2: 0.29, 3: 0.20, 4: 0.1}
    asked: list[int] = []

    def texts(ids):
        asked.extend(ids)
        return {d: TEXTS.get(d, "") for d in ids}
    assert informative.rank(scores, texts, window=2) == [1, 2, 3, 4]  # 3 is outside the window
    assert sorted(asked) == [1, 2]


def test_resemblance_is_jaccard_of_the_bigrams_fingerprints():
    prints = np.stack([informative.fingerprint(t) for t in ("北京 北京", "北京人", "", "北京北京北京")])
    assert prints[0].sum() == 2  # 北京, 京北: whitespace left out
    similar = informative.resemblances(prints)
    assert similar[0, 1] == pytest.approx(1 / 3)
    assert similar[0, 3] == 1.0 and similar[2, 2] == 0.0 and similar[0, 2] == 0.0
    assert (informative.fingerprint("新华社") == informative.fingerprint("新华社")).all()


def test_following_wraps_skips_and_goes_backward():
    order = [5, 3, 9, 1]
    todo = {3, 1, 5}.__contains__
    assert informative.following(order, None, todo) == 5
    assert informative.following(order, 3, todo) == 1
    assert informative.following(order, 1, todo) == 5  # wraps
    assert informative.following(order, 3, todo, backward=True) == 5
    assert informative.following(order, 7, todo) == 5  # not in the order: from the top
    assert informative.following([2], 2, {2}.__contains__) is None


def test_the_starters_uncertainty_is_higher_on_unusual_names_and_at_most_the_characters():
    pre = build_prelabeler(load_schema(), engines=["model"])
    texts = ["今天天气很好，我们去公园散步了。", "阿卜杜拉·卡西姆与萨尔瓦托雷在勃朗峰下的圣加伦斯基会面。"]
    plain, names = informative.document_uncertainties(pre, [PrelabelDoc(t) for t in texts])
    assert 0.0 <= plain < names < len(texts[1])


def test_without_a_model_engine_every_document_scores_zero():
    pre = build_prelabeler(load_schema(), engines=["rules"])
    assert informative.document_uncertainties(pre, [PrelabelDoc(TEXTS[1])]) == [0.0]


def test_suggesting_and_measuring_in_one_decoding_gives_both_as_apart():
    from annotator.core.prelabel import DocInput

    pre = build_prelabeler(load_schema())
    docs = [PrelabelDoc(t) for t in (*TEXTS.values(), "阿卜杜拉·卡西姆与萨尔瓦托雷在勃朗峰下会面。")]
    spans, measured = pre.suggest_measured([DocInput(d) for d in docs])
    assert spans == pre.suggest_many([DocInput(d) for d in docs])
    assert measured == informative.document_uncertainties(pre, docs)
    assert all(0 <= u < len(d.text) for u, d in zip(measured, docs, strict=True)) and max(measured) > 0
