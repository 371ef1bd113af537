"""Run-on lists split into entries, and names found once found again: the model engine's repairs."""

from __future__ import annotations

import numpy as np

from annotator.core.prelabel import CORE_LABELS, PrelabelDoc, build_prelabeler, evaluate, load_model
from annotator.core.prelabel.engines.consistency import propagate, short_form
from annotator.core.prelabel.engines.runon import MAX_LENGTH, entry_starts
from annotator.core.prelabel.features.prepare import prepare_text
from annotator.core.prelabel.features.templates import spans_from_tags
from annotator.core.schema import load_schema
from tests.core.prelabel.conftest import gold

LABELS = CORE_LABELS


def test_entry_starts_are_places_after_other_words():
    text = "艺术团河北省科委湖南花鼓戏剧院北京上海"
    words = [(0, 3), (3, 6), (6, 8), (8, 15), (15, 17), (17, 19)]
    tags = ["n", "ns", "n", "n", "ns", "ns"]
    starts = entry_starts(text, words, tags)
    # 河北省 after 艺术团 (tagged place), 湖南… after 科委 (a province name); not 上海 after 北京.
    assert np.nonzero(starts)[0].tolist() == [3, 8, 15]


def test_a_name_list_without_separators_becomes_one_entity_per_entry():
    doc = gold("pd98_namelist.jsonl")[0]
    model = load_model()
    keys, seqs = prepare_text(doc.text, None)
    plain = spans_from_tags(model.tag(keys, seqs))
    assert max(e - s for s, e, _ in plain) > 100  # the model alone reads the list as one organisation

    pre = build_prelabeler(load_schema(), model=model, engines=("model",))
    suggested = pre.suggest(PrelabelDoc(doc.text, ()))
    gold_set = {(s.start, s.end, s.label) for s in doc.spans}
    before = len(gold_set & set(plain))
    after = len(gold_set & {(s.start, s.end, s.label) for s in suggested})
    assert after > before + 80  # 134 -> 231 of 302 with the starter of 2026-11-27
    assert max(s.end - s.start for s in suggested) <= MAX_LENGTH + 10


def test_repairs_raise_f1_on_the_list_article():
    docs = gold("pd98_namelist.jsonl")
    model = load_model()
    pre = build_prelabeler(load_schema(), model=model, engines=("model",))
    report = evaluate(docs, lambda d: pre.suggest(PrelabelDoc(d.text, ())), labels=LABELS)
    assert report.micro.f1 > 0.7  # the model alone: 0.55 (133 of 302 entries right)


def test_a_name_found_once_is_found_where_else_it_stands_on_word_boundaries():
    text = "焦作市发展农业。在河南焦作市，焦作市人说焦作市场"
    words = [(0, 3), (3, 5), (5, 7), (7, 8), (8, 9), (9, 11), (11, 14), (14, 15), (15, 18), (18, 19),
             (19, 20), (20, 22), (22, 24)]
    found = [(11, 14, "LOC", 0.9)]
    # Not inside 焦作市场 (焦作/市场: 焦作市 does not end on a word boundary there); its short form
    # 焦作 does, and is found there.
    assert propagate(text, words, found) == [(0, 3, "LOC", 0.9), (15, 18, "LOC", 0.9), (20, 22, "LOC", 0.9)]


def test_strings_with_two_labels_or_one_character_are_not_propagated():
    text = "华南华南。华华"
    words = [(0, 2), (2, 4), (4, 5), (5, 6), (6, 7)]
    assert propagate(text, words, [(0, 2, "LOC", None), (2, 4, "ORG", None)]) == []
    assert propagate(text, words, [(5, 6, "PER", None)]) == []


def test_short_forms_of_found_names_are_suggested_too():
    text = "刘澜涛逝世。澜涛同志在焦作市工作，焦作人说"
    words = [(0, 3), (3, 5), (5, 6), (6, 8), (8, 10), (10, 11), (11, 14), (14, 16), (16, 17), (17, 20),
             (20, 21)]
    found = [(0, 3, "PER", 0.8), (11, 14, "LOC", 0.7)]
    # 澜涛 stands as a word; 焦作 inside 焦作人 does not end on a word boundary.
    assert propagate(text, words, found) == [(6, 8, "PER", 0.8)]
    assert short_form("刘澜涛", "PER") == "澜涛" and short_form("焦作市", "LOC") == "焦作"
    assert short_form("北京", "LOC") is None and short_form("新华社", "ORG") is None


def test_a_common_word_read_once_as_a_name_is_not_spread():
    text = "投资家说，投资很多"
    words = [(0, 2), (2, 3), (3, 4), (4, 5), (5, 7), (7, 9)]
    assert propagate(text, words, [(0, 2, "PER", None)]) == []  # 投资 is a verbal noun to jieba


def test_a_spread_name_carries_the_lowest_score_it_was_found_with():
    text = "北京。北京。北京"
    words = [(0, 2), (2, 3), (3, 5), (5, 6), (6, 8)]
    assert propagate(text, words, [(0, 2, "LOC", 0.0), (3, 5, "LOC", 0.5)]) == [(6, 8, "LOC", 0.0)]
