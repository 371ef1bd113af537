"""Gazetteer features: longest-match painting, out-of-fold lexicons, shipped inside the model file."""

from __future__ import annotations

import pytest

from annotator.core.prelabel import PrelabelDoc, build_prelabeler, load_model, train
from annotator.core.prelabel.crf import CrfModel
from annotator.core.prelabel.engines import ModelEngine
from annotator.core.prelabel.features import TAGS, TEMPLATES, codepoints, extract
from annotator.core.prelabel.gazetteer import best_labels, lexicon, out_of_fold
from annotator.core.prelabel.lexicon import analyze, jieba_words
from annotator.core.schema import load_schema


def test_longest_match_covering_each_character_wins():
    lex = lexicon({"中国": "LOC", "中国银行": "ORG", "北京": "LOC"})
    keys = lex.cover_keys(codepoints("在中国银行北京分行"))
    org, loc = 2 * 4, 1 * 4
    assert keys.tolist() == [-1, org, org + 1, org + 1, org + 2, loc, loc + 2, -1, -1]


def test_labels_vote_and_odd_entries_are_left_out():
    votes = best_labels([("长江", "LOC"), ("长江", "ORG"), ("长江", "LOC"), ("王", "PER"), ("今天", "TIME")])
    assert votes == {"长江": "LOC"}


def test_out_of_fold_lexicons_never_hold_the_documents_own_entities():
    names = "甲乙丙丁戊己庚辛壬癸"  # not digits: features fold every digit to 0
    docs = [[(f"人名{c}号", "PER")] for c in names]
    lexes = out_of_fold(docs, folds=5, base={"北京": "LOC"})
    for i, lex in enumerate(lexes):
        own = lex.cover_keys(codepoints(f"人名{names[i]}号"))
        other = lex.cover_keys(codepoints(f"人名{names[(i + 1) % 10]}号"))
        assert (own == -1).all() and (other >= 0).all()
        assert (lex.cover_keys(codepoints("北京")) >= 0).all()


@pytest.fixture(scope="module")
def gz_model(train30) -> bytes:
    """A CRF with gazetteer features trained on 30 articles."""
    return train(train30, source="train30", templates=TEMPLATES + ("gz",))


def test_model_ships_its_gazetteer_and_uses_project_entries(gz_model, train30):
    model = load_model(gz_model)
    assert "gz" in model.tables and len(model.tables["gz"].keys) > 0
    again = CrfModel.from_bytes(model.to_bytes())
    assert again.gazetteer == model.gazetteer
    some = next(d for d in train30 if d.spans)
    s = some.spans[0]
    assert model.gazetteer[some.text[s.start:s.end]] in ("PER", "LOC", "ORG")
    # A project entry the model has never seen reaches its features.
    engine = ModelEngine(model, gazetteer=[("奇奇怪怪有限公司", "ORG")])
    keys = engine.lexicon.cover_keys(codepoints("奇奇怪怪有限公司"))
    assert (keys // 4 == 2).all()


def test_project_gazetteer_raises_the_models_score_for_its_label(gz_model):
    text = "记者从冬冬瓜瓜集团获悉"
    model = load_model(gz_model)
    an = analyze(text, jieba_words(text))

    def org_score(engine: ModelEngine) -> float:
        keys = extract(text, an.words, an.tags, templates=engine.templates, gazetteer=engine.lexicon)
        em = model.emissions(keys)
        return float(em[3, TAGS.index("B-ORG")] + em[8, TAGS.index("E-ORG")])
    assert org_score(ModelEngine(model, gazetteer=[("冬冬瓜瓜集团", "ORG")])) > org_score(ModelEngine(model))


def test_stacked_model_on_a_gazetteer_base(gz_model, train30, dev5):
    stacked = load_model(train(train30[:5], base=gz_model, source="five", method="stack"))
    assert stacked.uses_gazetteer() and "gz" not in stacked.tables
    assert stacked.gazetteer_entries() == load_model(gz_model).gazetteer
    pre = build_prelabeler(load_schema(), engines=["model"], model=stacked)
    assert pre.suggest(PrelabelDoc(dev5[0].text))


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
    from annotator.core.prelabel.gazetteer import unmarked_words

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
