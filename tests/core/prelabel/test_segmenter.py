"""The second reading of raw text's words: People's Daily's conventions, used by the entity model only."""

from __future__ import annotations

import numpy as np

from annotator.core.prelabel import PrelabelDoc, build_prelabeler
from annotator.core.prelabel.base import Prepared
from annotator.core.prelabel.engines import ModelEngine
from annotator.core.prelabel.features.prepare import prepare_text
from annotator.core.prelabel.features.templates import TAGS
from annotator.core.prelabel.features.word_analysis import analyze, jieba_words
from annotator.core.prelabel.models.segmenter import shipped_segmenter, words_from_tags
from annotator.core.schema import load_schema


def _f1(gold, pred) -> float:
    g, p = set(gold), set(pred)
    return 2 * len(g & p) / (len(g) + len(p))


def _segment(text: str):
    model = shipped_segmenter()
    keys, seqs = prepare_text(text, None, templates=tuple(model.tables))
    return words_from_tags(text, model.tag(keys, seqs))


def test_characters_left_out_by_the_tags_become_words_of_their_own():
    tags = np.array([TAGS.index(t) for t in ("B-PER", "E-PER", "O", "O", "S-PER")])
    assert words_from_tags("北京 市长", tags) == ((0, 2), (3, 4), (4, 5))


def test_the_segmenter_follows_the_corpus_where_jieba_does_not(dev5):
    assert shipped_segmenter() is not None
    ours = [_f1(d.tokens, _segment(d.text)) for d in dev5]
    jieba = [_f1(d.tokens, analyze(d.text, jieba_words(d.text)).words) for d in dev5]
    assert min(ours) > 0.88 and np.mean(ours) > np.mean(jieba) + 0.1, (ours, jieba)
    text = "刘澜涛同志逝世"
    assert text[slice(*_segment(text)[0])] == "刘"  # the corpus splits surname and given name


def test_only_raw_text_is_read_twice(dev5):
    plain = next(e for e in build_prelabeler(load_schema()).engines if e.name == "model")
    single = ModelEngine(plain.model, segmenter=None)
    assert plain.segmenter is not None
    doc = dev5[0]
    given = Prepared(PrelabelDoc(doc.text, doc.tokens, presegmented=True))
    raw = Prepared(PrelabelDoc(doc.text))
    # A pre-segmented file's tokens are the only reading: the segmenter changes nothing there.
    assert plain.suggest(given) == single.suggest(given)
    # Raw text is scored under both readings, so the scores (at least) move.
    assert [s.score for s in plain.suggest(raw)] != [s.score for s in single.suggest(raw)]
